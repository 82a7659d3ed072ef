"""PNG and SVG export through one reused Chromium: sizes, pixels, fonts, reuse and recovery."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image

from diplotime.errors import ExportFailed
from diplotime.explore.index import index_events
from diplotime.explore.link import ViewState
from diplotime.present import images, talk_figures
from tests.conftest import missing
from tests.fixtures import kuril_events

SHIMODA = "Treaty of Shimoda signed (日露和親条約 / Симодский трактат)"


@pytest.fixture(scope="module")
def browser() -> Iterator[images.ExportBrowser]:
    if not Path(images.find_browser()).exists():
        missing(f"Chromium for image export ({images.find_browser()})")
    with images.ExportBrowser() as export_browser:
        yield export_browser


@pytest.fixture(scope="module")
def kuril_index():
    return index_events(kuril_events())


def pixels(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def share_darker_than(image: Image.Image, level: int) -> float:
    histogram = image.convert("L").histogram()
    return sum(histogram[:level]) / (image.width * image.height)


def colours(image: Image.Image) -> int:
    return len(image.getcolors(image.width * image.height) or [])


def test_a_png_has_the_asked_pixel_size_and_is_not_blank(browser, kuril_index) -> None:
    fig = talk_figures.chart(kuril_index, ViewState(), "Timeline", title="Timeline")
    data = browser.render(fig, "png", 800, 450, scale=2)
    assert data.startswith(b"\x89PNG")
    image = pixels(data)
    assert image.size == (1600, 900)
    assert colours(image) > 50  # markers in the type colours, grid, labels
    assert share_darker_than(image, 245) > 0.02


def test_a_map_png_draws_country_outlines_from_the_vendored_topojson(browser, kuril_index) -> None:
    fig = talk_figures.chart(kuril_index, ViewState(), "Map of countries")
    image = pixels(browser.render(fig, "png", 1000, 560))
    assert image.size == (1000, 560)
    assert share_darker_than(image, 245) > 0.4  # land and ocean are filled: the outlines loaded offline
    assert share_darker_than(image, 200) > 0.02  # Russia, Japan and the US are shaded by their counts


def test_an_svg_parses_and_keeps_japanese_and_russian_text_with_a_cjk_font(browser, kuril_index) -> None:
    fig = talk_figures.chart(kuril_index, ViewState(), "Timeline", title=SHIMODA)
    data = browser.render(fig, "svg", 1200, 700)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg") and (root.get("width"), root.get("height")) == ("1200", "700")
    text = "".join(root.itertext())
    assert "日露和親条約" in text and "Симодский трактат" in text
    assert "Noto Sans CJK JP" in data.decode("utf-8")


def test_a_cjk_font_is_installed_so_exports_show_japanese_glyphs() -> None:
    if not shutil.which("fc-list"):
        missing("fontconfig (fc-list)")
    found = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=True).stdout
    if "Noto Sans CJK JP" not in found:
        missing("the Noto Sans CJK font (Debian package 'fonts-noto-cjk')")


def test_one_browser_draws_every_image(browser) -> None:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    browser.render(fig, "png", 300, 200)
    first = browser.process_id
    for fmt in ("svg", "png", "svg"):
        browser.render(fig, fmt, 300, 200)
    assert first is not None and browser.process_id == first


def test_a_killed_browser_is_restarted_once_and_the_image_still_comes(browser) -> None:
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    browser.render(fig, "png", 300, 200)
    old = browser.process_id
    assert old is not None
    os.kill(old, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # wait until the process is really gone
        try:
            os.kill(old, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    assert pixels(browser.render(fig, "png", 300, 200)).size == (300, 200)
    assert browser.process_id not in (None, old)


def test_stop_closes_the_browser_and_a_later_image_starts_a_new_one() -> None:
    if not Path(images.find_browser()).exists():
        missing("Chromium for image export")
    export_browser = images.ExportBrowser()
    assert not export_browser.running and export_browser.process_id is None
    export_browser.render(go.Figure(), "png", 200, 100)
    pid = export_browser.process_id
    export_browser.stop()
    assert not export_browser.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    export_browser.stop()  # twice is fine
    assert export_browser.render(go.Figure(), "svg", 200, 100).startswith(b"<svg")
    export_browser.stop()


def test_a_missing_browser_is_a_clear_error() -> None:
    with pytest.raises(ExportFailed, match="BROWSER_PATH"):
        images.ExportBrowser(browser_path="/nonexistent/chromium").render(go.Figure(), "png", 100, 100)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="png, svg"):
        images.ExportBrowser().render(go.Figure(), "gif")


def test_the_browser_comes_from_browser_path_then_path(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/opt/chrome/chrome")
    assert images.find_browser() == "/opt/chrome/chrome"
    monkeypatch.delenv("BROWSER_PATH")
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert images.find_browser() == str(fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert images.find_browser() == images.DEFAULT_BROWSER


def test_exports_use_the_vendored_map_outlines() -> None:
    url = images.topojson_url()
    assert url.startswith("file://") and url.endswith("/static/")
    assert (images.STATIC_DIR / "world_110m.json").is_file() and (images.STATIC_DIR / "world_50m.json").is_file()


def test_sessions_exporting_at_the_same_time_each_get_their_own_image(browser) -> None:
    from concurrent.futures import ThreadPoolExecutor

    sizes = [(300 + 20 * i, 200 + 10 * i) for i in range(6)]

    def draw(size: tuple[int, int]) -> tuple[int, int]:
        fig = go.Figure(go.Bar(x=["a", "b"], y=[size[0], size[1]]))
        return pixels(browser.render(fig, "png", *size)).size

    with ThreadPoolExecutor(max_workers=3) as pool:  # Streamlit runs each session in its own thread
        assert list(pool.map(draw, sizes)) == sizes
