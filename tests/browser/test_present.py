"""The Present and Export pages in a real Chromium: keyboard walk, the link following the slide,
no request leaving the machine, and screenshots of the slides (written to screenshots/, git-ignored).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, start_app, stop_app

SHOTS = ROOT / "screenshots"
TOTAL = 111  # title, overview and the 109 bundled events


def settle(page, text: str | re.Pattern[str]) -> None:
    """Wait until ``text`` is on the page and Streamlit has finished the run."""
    page.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def link_shows_slide(page, number: int) -> None:
    """Streamlit rewrites the address with history.replaceState (no navigation), so poll location."""
    page.wait_for_function(
        "n => new URLSearchParams(location.search).get('slide') === String(n)", arg=number, timeout=30_000
    )


def charts_drawn(page, count: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}", timeout=60_000)


def open_present(page, url: str) -> None:
    page.set_viewport_size({"width": 1600, "height": 900})  # a 16:9 projector
    page.goto(url)
    settle(page, re.compile(r"Slide \d+ of \d+"))


def collapse_sidebar(page) -> None:
    """What a presenter does first: give the slide the whole screen."""
    page.hover('[data-testid="stSidebar"]')  # the collapse button shows on hover
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.wait_for_selector('[data-testid="stSidebar"][data-collapsed="true"]', state="attached", timeout=10_000)
    page.wait_for_timeout(600)  # the slide-out animation


@pytest.mark.browser
def test_the_keyboard_walks_the_talk_and_the_link_follows_the_slide(app_url, page) -> None:
    open_present(page, f"{app_url}/present?slide=2")
    settle(page, f"Slide 2 of {TOTAL}")
    walk = [
        ("ArrowRight", 3),
        ("PageDown", 4),
        ("ArrowLeft", 3),
        ("PageUp", 2),
        ("End", TOTAL),
        ("Home", 1),
        ("PageDown", 2),
    ]
    for key, expected in walk:
        page.keyboard.press(key)
        link_shows_slide(page, expected)
        settle(page, f"Slide {expected} of {TOTAL}")
        assert page.url.startswith(f"{app_url}/present?")
    assert page.external_requests == []


@pytest.mark.browser
def test_a_link_to_a_slide_works_as_the_first_request_to_a_fresh_server(page, tmp_path) -> None:
    # Until st.navigation has run once, Streamlit would serve /present through its legacy pages/
    # discovery (the page alone, without the app's navigation, sidebar and link); ui undoes that.
    proc, url = start_app(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        open_present(page, f"{url}/present?slide=5")
        settle(page, f"Slide 5 of {TOTAL}")
        nav = page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "els => els.map(e => e.innerText)")
        assert any(label.endswith("Present") for label in nav) and not any(label == "app" for label in nav)
        page.keyboard.press("ArrowRight")
        link_shows_slide(page, 6)
        assert page.external_requests == []
    finally:
        stop_app(proc)


@pytest.mark.browser
def test_a_link_with_filters_and_a_slide_opens_that_slide(app_url, page) -> None:
    open_present(page, f"{app_url}/present?type=summit&slide=3")
    settle(page, re.compile(r"Slide 3 of \d+"))
    assert re.search(r"slide=3", page.url) and "type=summit" in page.url
    page.keyboard.press("ArrowRight")
    link_shows_slide(page, 4)
    assert "type=summit" in page.url  # the filters stay in the link while stepping
    assert page.external_requests == []


@pytest.mark.browser
def test_screenshots_of_the_slides(app_url, page) -> None:
    SHOTS.mkdir(exist_ok=True)
    open_present(page, f"{app_url}/present?slide=1")
    collapse_sidebar(page)
    page.screenshot(path=SHOTS / "present-1-title.png")

    page.keyboard.press("ArrowRight")
    settle(page, f"Slide 2 of {TOTAL}")
    charts_drawn(page, 1)
    page.screenshot(path=SHOTS / "present-2-overview.png")

    page.keyboard.press("ArrowRight")  # the Treaty of Shimoda, with its Japanese and Russian names
    settle(page, f"Slide 3 of {TOTAL}")
    page.get_by_text("日露和親条約", exact=False).first.wait_for()
    charts_drawn(page, 2)
    page.wait_for_selector(".geo .countries path", timeout=30_000)  # the map's outlines, served by the app
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "present-3-event.png")

    page.goto(f"{app_url}/present?slide=63")
    settle(page, f"Slide 63 of {TOTAL}")
    charts_drawn(page, 2)
    page.wait_for_selector(".geo .countries path", timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "present-63-event.png")
    assert page.external_requests == []


@pytest.mark.browser
def test_screenshot_of_the_export_page(app_url, page) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{app_url}/export?type=treaty")
    settle(page, "PowerPoint deck")
    charts_drawn(page, 1)
    page.screenshot(path=SHOTS / "export.png", full_page=True)
    assert page.external_requests == []


@pytest.mark.browser
def test_every_export_downloads_from_the_export_page(app_url, page, tmp_path) -> None:
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET

    from PIL import Image
    from pptx import Presentation

    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{app_url}/export?type=treaty")
    settle(page, "PowerPoint deck")
    charts_drawn(page, 1)

    def download(label: str) -> bytes:
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=label).click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        return path.read_bytes()

    deck = Presentation(io.BytesIO(download("PowerPoint deck · 18 slides")))
    assert len(deck.slides) == 1 + 2 + 15  # title, timeline and map pictures, 15 treaties
    png = Image.open(io.BytesIO(download("PNG · 1600×900 pixels")))
    assert png.format == "PNG" and png.size == (1600, 900)
    svg = ET.fromstring(download("SVG · scalable, editable"))
    assert svg.tag.endswith("svg")
    report = download("HTML report · one file, works offline").decode("utf-8")
    assert report.count("<tr><td") == 15 and "window.PlotlyGeoAssets" in report
    rows = list(csv.DictReader(io.StringIO(download("CSV · 15 events").decode("utf-8"))))
    assert len(rows) == 15 and {r["event_type"] for r in rows} == {"treaty"}
    assert len(json.loads(download("JSON · 15 events"))) == 15
    assert page.external_requests == []
