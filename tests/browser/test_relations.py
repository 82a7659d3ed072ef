"""Relations in a real Chromium: the network of who met whom, a storyline on the timeline, two views side by
side. Each draws, a click does what it says, the link reproduces the view, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.browser.test_explore import query, screenshot, wait_ready

pytestmark = pytest.mark.browser

POINT_AT = """([name, field]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const L = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const t of gd._fullData) {
    const i = (t.customdata || []).findIndex(c => c[1] === name && c[0] === field);
    if (i >= 0) return {x: box.left + L._size.l + L.xaxis.d2p(t.x[i]), y: box.top + L._size.t + L.yaxis.d2p(t.y[i])};
  }
  return null;
}"""
NODES = """() => document.querySelector('.js-plotly-plot').data
    .flatMap(t => (t.customdata || []).filter(c => c[0] === 'actor').map(c => c[1]))"""


def test_the_network_draws_a_click_filters_by_the_actor_and_the_link_reproduces_it(app_url, page, browser):
    page.goto(f"{app_url}/network?type=summit")
    wait_ready(page)
    assert {"Vladimir Putin", "Shinzo Abe"} <= set(page.evaluate(NODES))
    screenshot(page, "network")
    spot = page.evaluate(POINT_AT, ["Shinzo Abe", "actor"])
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("() => location.search.includes('actor=')", timeout=30_000)
    wait_ready(page)
    assert query(page)["actor"] == ["Shinzo Abe"]
    nodes = set(page.evaluate(NODES))
    link = page.evaluate("location.href")
    fresh = browser.new_page()
    try:
        fresh.goto(link)
        wait_ready(fresh)
        assert set(fresh.evaluate(NODES)) == nodes
    finally:
        fresh.close()
    assert page.external_requests == []


def test_a_click_on_a_link_lists_the_events_the_two_share(app_url, page):
    page.goto(f"{app_url}/network?type=summit&period=2016..2019")
    wait_ready(page)
    spot = page.evaluate(POINT_AT, ["Shinzo Abe", "link"])
    assert spot is not None
    page.mouse.click(spot["x"], spot["y"])
    page.get_by_text("Shinzo Abe and Vladimir Putin:").first.wait_for(timeout=30_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    assert page.external_requests == []


def test_a_storyline_is_joined_on_the_timeline_from_the_card(app_url, page):
    page.goto(f"{app_url}/timeline?event=2019-01-22-abe-putin-kremlin-talks")
    wait_ready(page)
    page.get_by_role("button", name="Show its storyline on the timeline").click()
    page.wait_for_function("() => location.search.includes('thread=')", timeout=30_000)
    wait_ready(page)
    line = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.filter(t => t.name === 'Storyline').map(t => t.x.length)"
    )
    assert line and line[0] >= 5
    assert page.get_by_text("Storyline of").count() >= 1
    screenshot(page, "storyline")
    assert page.external_requests == []


def test_two_views_side_by_side_come_from_one_link_and_keep_their_own_filters(app_url, page, browser):
    page.goto(f"{app_url}/timeline?from=1997&to=2001&compare=1&b.from=2016&b.to=2019")
    wait_ready(page, charts=2)
    screenshot(page, "compare-timeline")
    ranges = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(g => g._fullLayout.xaxis.range.map(x => new Date(x).getTime()))"
    )
    assert abs((ranges[0][1] - ranges[0][0]) - (ranges[1][1] - ranges[1][0])) < 86_400_000  # equal spans
    page.get_by_text("Filters of the second view").click()
    box = page.get_by_label("From").last
    box.fill("2018")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('b.from=2018')", timeout=30_000)
    wait_ready(page, charts=2)
    fresh = browser.new_page()
    try:
        fresh.goto(page.evaluate("location.href"))
        wait_ready(fresh, charts=2)
        assert fresh.locator(".js-plotly-plot").count() == 2
    finally:
        fresh.close()
    assert query(page)["from"] == ["1997"]
    assert page.external_requests == []
