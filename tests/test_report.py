"""The single-file HTML report: escaped, self-contained, and drawing its charts and map with no network."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from diplotime import present
from diplotime.explore.index import index_events
from diplotime.explore.link import ViewState
from diplotime.present import report, talk_figures
from tests.fixtures import kuril_events, talk_events

HOSTILE_TITLE = '<img src=x onerror="window.__xss=1"></script><script>window.__xss=2</script>'
HOSTILE_DESCRIPTION = "<style>body{display:none}</style><b>bold?</b> & more"


def build(events, today: dt.date | None = None) -> str:
    index = index_events(events)
    talk = present.build_talk(events)
    return (
        talk_figures.report_for_talk(index, ViewState(), talk)
        if today is None
        else report.build_report(talk, present.cards(events), [], {}, today)
    )


def page_without_plotly_js(html: str) -> str:
    """The report minus the inlined plotly.js library, whose code holds URLs and HTML snippets of its own."""
    start = html.index('<script charset="utf-8">')
    end = html.index("</script>", start)
    assert end - start > 1_000_000  # the whole library is there
    return html[:start] + html[end:]


def hostile_events():
    events = talk_events()
    events.loc[0, "title"] = HOSTILE_TITLE
    events.loc[0, "description"] = HOSTILE_DESCRIPTION
    events.loc[0, "actors"] = '"><svg onload=alert(1)>'
    return events


def test_the_report_inlines_plotly_js_once_and_loads_nothing_from_elsewhere() -> None:
    whole = build(kuril_events())
    assert whole.count('<script charset="utf-8">') == 1  # the one inlined plotly.js
    html = page_without_plotly_js(whole)
    assert html.count("window.PlotlyGeoAssets") == 1
    assert not re.search(r"<script[^>]*\ssrc=", html), "no external script"
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?https?:", html), "no external style or font"
    assert not re.search(r"<(img|iframe)\b", html)


def test_every_link_in_the_page_is_an_events_own_web_source() -> None:
    events = kuril_events()
    html = page_without_plotly_js(build(events))
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert hrefs and set(hrefs) <= {report.esc(s) for s in events["source"]}
    assert html.count('rel="noopener noreferrer"') == len(hrefs)


def test_user_text_is_escaped_everywhere_in_the_report() -> None:
    html = build(hostile_events())
    assert HOSTILE_TITLE not in html and "<svg onload" not in html and "<style>body" not in html
    assert report.esc(HOSTILE_TITLE) in html  # shown as text in the table
    assert "&lt;style&gt;body{display:none}&lt;/style&gt;&lt;b&gt;bold?&lt;/b&gt; &amp; more" in html
    assert "window.__xss=2</script>" not in html  # not even inside the figures' JSON


def test_a_source_that_is_not_a_web_link_is_shown_as_text() -> None:
    html = build(talk_events())
    assert "javascript:alert(1)" in html and 'href="javascript' not in html
    assert "<td>Treaty text in the French original</td>" in html


def test_the_report_heading_tells_what_and_when() -> None:
    html = build(talk_events(), today=dt.date(2026, 11, 29))
    assert "<h1>Kuril dispute</h1>" in html and "5 events · 1855 – 2023" in html
    assert "Exported from Diplomacy Timeline on 2026-11-29" in html


def test_a_long_table_is_cut_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(report, "MAX_TABLE_ROWS", 2)
    html = build(talk_events(), today=dt.date(2026, 1, 1))
    assert html.count("<tr><td") == 2
    assert "The table lists the first 2 of 5 events" in html


def test_only_the_map_outlines_a_figure_needs_are_inlined() -> None:
    world = go.Figure(go.Scattergeo(lat=[1], lon=[2]))
    detailed = go.Figure(go.Choropleth(locations=["JPN"], z=[1])).update_geos(resolution=50)
    assert report.topojson_names([world]) == ["world_110m"]
    assert report.topojson_names([world, detailed, go.Figure(go.Bar())]) == ["world_110m", "world_50m"]
    assert report.topojson_names([go.Figure(go.Bar())]) == []
    script = report.geo_assets_script(["world_110m", "north-america_50m"])
    assert '"world_110m"' in script and "north-america" not in script  # only vendored files


# ---------------------------------------------------------------- in a real browser, offline


def open_offline(browser, path: Path):
    """Open a file in a fresh context where every request that is not the file itself is blocked."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    attempted: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            attempted.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=60_000)
    return context, page, attempted


@pytest.mark.browser
def test_the_report_draws_the_timeline_and_the_map_with_no_network(browser, tmp_path) -> None:
    events = kuril_events()
    path = tmp_path / "report.html"
    path.write_text(build(events), encoding="utf-8")
    context, page, attempted = open_offline(browser, path)
    try:
        page.wait_for_function("document.querySelectorAll('#chart-1 .geo .countries path').length > 0", timeout=30_000)
        points = page.eval_on_selector_all("#chart-0 .scatterlayer .point", "els => els.length")
        assert points >= len(events)  # every event drawn on the timeline (and in its range slider)
        outlines = page.eval_on_selector_all(
            "#chart-1 .geo .countries path, #chart-1 .geo .coastlines path, #chart-1 .geo .land path",
            "els => els.map(e => (e.getAttribute('d') || '').length)",
        )
        assert len(outlines) >= 3 and min(outlines) > 1000, outlines  # real outlines, not empty paths
        assert page.eval_on_selector_all("#chart-1 .geo path", "els => els.length") > 10
        assert page.eval_on_selector_all("#events tbody tr", "els => els.length") == len(events)
        assert attempted == []
    finally:
        context.close()


@pytest.mark.browser
def test_hostile_text_in_the_report_stays_text_in_the_browser(browser, tmp_path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(build(hostile_events()), encoding="utf-8")
    context, page, attempted = open_offline(browser, path)
    try:
        box = page.locator("#chart-0 .scatterlayer .point").first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
        assert page.evaluate("window.__xss") is None
        assert page.evaluate("getComputedStyle(document.body).display") == "block"
        assert HOSTILE_TITLE in page.inner_text("#events")
        assert page.eval_on_selector_all("a[href^='javascript']", "els => els.length") == 0
        assert attempted == []
    finally:
        context.close()
