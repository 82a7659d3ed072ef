"""Explore pages in a real Chromium (Debian's /usr/bin/chromium driven by Playwright).

Every page draws its chart; the map shows country outlines served by the app; clicking a timeline
event opens its card; a link restores the view, also on a freshly started server; the map's Play
control advances; hostile event text runs nothing; no request leaves 127.0.0.1. Screenshots of every
page go to screenshots/ (git-ignored) so a person can look at them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from diplotime import store
from diplotime.explore.filters import Filters, filter_events
from tests.conftest import ROOT, start_app, stop_app
from tests.fixtures import FORMULA_TITLE, build_store, hostile_events

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots"
READY = """(n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n
                  && !document.querySelector('[data-testid="stStatusWidget"]')"""
MAIN_POINTS = ".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .point"


def wait_ready(page, charts: int = 1, timeout: float = 90_000) -> None:
    """Until the page has drawn ``charts`` Plotly charts and the app is no longer running."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(READY, arg=charts, timeout=timeout)
    time.sleep(0.6)  # a rerun can start right after the first draw (e.g. the link being written)
    page.wait_for_function(READY, arg=charts, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """A full-height screenshot: Streamlit scrolls inside its main block, so grow the viewport first."""
    SHOTS.mkdir(exist_ok=True)
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height) + 40)})
    time.sleep(0.8)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def plot_ids(page, selector: str = ".js-plotly-plot") -> list[list[str]]:
    """customdata[0] of every trace of the first chart, read from Plotly's own data on the element."""
    return page.evaluate(
        "(sel) => document.querySelector(sel).data.map(t => (t.customdata || []).map(c => c[0]))", selector
    )


def click_centre(page, locator) -> None:
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.fixture(scope="module")
def bundled_events(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The bundled dataset as the app's store holds it (for expected values)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('bundled') / 'bundled.sqlite'}"
    return store.read_events(store.open_store(url))


# ---------------------------------------------------------------- every page, one session, nothing off-host


def test_every_page_draws_and_no_request_leaves_localhost(app_url, page):
    page.goto(app_url)
    wait_ready(page, charts=3)
    screenshot(page, "overview")
    links = page.locator('[data-testid="stSidebarNav"] a')
    titles = [links.nth(i).inner_text().strip().split("\n")[-1] for i in range(links.count())]  # after the icon
    paths = [urlsplit(links.nth(i).get_attribute("href") or "").path for i in range(links.count())]
    assert titles[:5] == ["Overview", "Timeline", "Map", "Network", "Events"]
    for title, path in zip(titles[1:], paths[1:], strict=True):
        links.nth(titles.index(title)).click()  # a link in the sidebar: the same session
        page.wait_for_function("(p) => location.pathname === p", arg=path, timeout=60_000)
        if title == "Events":
            page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
            wait_ready(page, charts=0)
        elif title in ("Timeline", "Map", "Network"):
            wait_ready(page, charts=1)
        else:  # pages other teams own: they render without an error
            wait_ready(page, charts=0)
        assert not page.locator('[data-testid="stException"]').count(), f"{title} shows an exception"
        screenshot(page, title.lower())
    assert page.external_requests == []


def test_timeline_draws_every_event_of_the_bundled_dataset(app_url, page, bundled_events):
    page.goto(f"{app_url}/timeline")
    wait_ready(page)
    drawn = {i for trace in plot_ids(page) for i in trace}
    assert drawn == set(bundled_events["id"])
    assert page.locator(MAIN_POINTS).count() >= len(bundled_events)


def test_map_shows_country_outlines_served_by_the_app(app_url, page):
    served = []
    page.on("response", lambda r: served.append((r.url, r.status)) if "/app/static/" in r.url else None)
    page.goto(f"{app_url}/map")
    wait_ready(page)
    outlines = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot .geo .countries path'))"
        ".map(p => (p.getAttribute('d') || '').length)"
    )
    assert outlines and max(outlines) > 10_000  # the world's borders, drawn from the topojson
    assert page.locator(".js-plotly-plot .geo .land path").count() >= 1
    assert any(url.endswith("/app/static/world_110m.json") and status == 200 for url, status in served)
    assert page.external_requests == []


# ---------------------------------------------------------------- clicking and links


def test_clicking_a_timeline_event_opens_its_card(app_url, page, bundled_events):
    page.goto(f"{app_url}/timeline?type=treaty")
    wait_ready(page)
    click_centre(page, page.locator(MAIN_POINTS).nth(2))
    page.wait_for_function("() => location.search.includes('event=')", timeout=30_000)
    wait_ready(page)
    event_id = query(page)["event"][0]
    title = bundled_events.set_index("id").loc[event_id, "title"]
    card = page.locator(".st-key-timeline_card")
    assert title in card.inner_text()
    assert card.get_by_role("link", name="Open source").count() == 1
    screenshot(page, "timeline-card")


def test_a_link_restores_the_view_on_a_freshly_started_server(tmp_path, browser, bundled_events):
    """Straight to /timeline on a new server: the filters, lanes and card come from the link."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    proc, base = start_app(url)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        shimoda = bundled_events[bundled_events["title"].str.startswith("Treaty of Shimoda")]["id"].iloc[0]
        page.goto(
            f"{base}/timeline?type=treaty&country=JPN&group=country&event={shimoda}"
            "&era=1941-04-13..1945-09-02%20Pacific%20War"
        )
        wait_ready(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert "Treaty" in sidebar.locator(".st-key-f_types").inner_text()
        assert "Japan" in sidebar.locator(".st-key-f_countries").inner_text()
        expected = set(filter_events(bundled_events, Filters(types=("treaty",), countries=("JPN",)))["id"])
        drawn = {i for trace in plot_ids(page) for i in trace if i}
        assert drawn == expected
        lanes = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.yaxis.ticktext")
        assert "Japan" in lanes and "Russia" in lanes
        assert "Treaty of Shimoda" in page.locator(".st-key-timeline_card").inner_text()
        assert page.get_by_text("Pacific War").count() >= 1
        screenshot(page, "timeline-deep-link")
    finally:
        context.close()
        stop_app(proc)


def test_an_invalid_link_shows_a_notice(app_url, page):
    page.goto(f"{app_url}/timeline?type=treaty&type=bogus&from=99999")
    wait_ready(page)
    notice = page.locator(".st-key-link_notices").inner_text()
    assert "bogus" in notice and "from=99999" in notice
    assert query(page) == {"type": ["treaty"]}


def test_the_maps_play_control_advances(app_url, page):
    page.goto(f"{app_url}/map")
    wait_ready(page)
    label = "() => document.querySelector('.js-plotly-plot .slider-container text.slider-label').textContent"
    assert page.evaluate(label) == "All periods"
    page.locator(".js-plotly-plot .updatemenu-button").first.click()  # Play
    page.wait_for_function(f"() => ({label})() !== 'All periods'", timeout=15_000)
    first = page.evaluate(label)
    page.wait_for_function(f"(f) => ({label})() !== f", arg=first, timeout=15_000)
    assert page.evaluate(label).startswith("Up to ")
    page.locator(".js-plotly-plot .updatemenu-button").nth(1).click()  # Pause
    screenshot(page, "map-playing")


def test_clicking_a_place_lists_its_events(app_url, page):
    page.goto(f"{app_url}/map?place=55.756,37.617")
    wait_ready(page)
    assert "Moscow" in page.locator("h3").all_inner_texts()[0]
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    screenshot(page, "map-place")
    page.goto(f"{app_url}/map?map=countries")
    wait_ready(page)
    assert page.locator(".js-plotly-plot .choroplethlayer path").count() >= 3
    screenshot(page, "map-countries")


def test_dark_theme_draws_the_charts(app_url, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{app_url}/timeline?group=country")
        wait_ready(page)
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
        )
        assert background == "rgb(16, 21, 28)"  # the dark theme of .streamlit/config.toml
        screenshot(page, "timeline-dark")
        page.goto(f"{app_url}/map")
        wait_ready(page)
        screenshot(page, "map-dark")
    finally:
        context.close()


# ---------------------------------------------------------------- hostile text


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.sqlite'}"
    build_store(url, hostile_events())
    proc, base = start_app(url)
    try:
        yield base
    finally:
        stop_app(proc)


@pytest.mark.parametrize("path", ["", "timeline", "map", "events"])
def test_hostile_event_text_runs_nothing(hostile_url, page, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_url}/{path}?event=summit&place=55.756,37.617")
    wait_ready(page, charts=0 if path == "events" else 1)
    if path == "timeline":  # hover the hostile event: its label must show the text, not run it
        point = page.locator(MAIN_POINTS).nth(plot_ids(page)[0].index("summit") if "summit" in plot_ids(page)[0] else 0)
        box = point.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        time.sleep(0.5)
    assert page.evaluate("() => window.__xss") is None
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("svg[onload], [onerror]").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    card = page.locator('[class*="_card"]').first
    if card.count():
        assert '<img src=x onerror="window.__xss=1"> %{y}' in card.inner_text()
        assert "<script>window.__xss=1</script>" in card.inner_text()
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    assert page.external_requests == []
    screenshot(page, f"hostile-{path or 'overview'}")


def test_the_csv_download_neutralises_formulas(hostile_url, page, tmp_path):
    page.goto(f"{hostile_url}/events")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    wait_ready(page, charts=0)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download 12 events as CSV").click()
    path = tmp_path / "events.csv"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "'" + FORMULA_TITLE.replace('"', '""') in text  # a leading ' : shown as text by spreadsheets
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert page.external_requests == []
