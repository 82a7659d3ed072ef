"""From an article in a real Chromium: paste a report, date it, review the drafts, import them, find them on
the timeline with the article as their source, and undo the batch; nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.test_explore import screenshot, wait_ready
from tests.conftest import start_app, stop_app
from tests.test_draft import MOSCOW_TIMES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_app(f"sqlite:///{tmp_path_factory.mktemp('article-app') / 'store.sqlite'}")
    try:
        yield url
    finally:
        stop_app(proc)


def settle(page) -> None:  # noqa: ANN001
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_an_article_becomes_events_on_the_timeline_and_the_batch_can_be_undone(article_app, page) -> None:
    page.goto(f"{article_app}/article")
    page.get_by_label("Article text").fill(MOSCOW_TIMES)
    page.get_by_label("Article text").blur()
    published = page.get_by_role("textbox", name="Published (YYYY-MM-DD)")
    published.wait_for(timeout=60_000)
    published.fill("2019-01-16")
    published.press("Enter")
    page.get_by_text("Draft events (4 dated, 1 without a date)").wait_for(timeout=60_000)
    settle(page)
    # The evidence sentences are highlighted, their time expressions in bold.
    marked = page.locator('[data-testid="stExpander"] strong').all_inner_texts()
    assert {"on Wednesday", "on Monday"} <= set(marked)
    screenshot(page, "article-review")
    page.get_by_role("button", name="Import 4 accepted events").click()
    done = page.get_by_text(re.compile(r"Imported 4 events as batch \d+"))
    done.wait_for(timeout=60_000)
    batch = re.search(r"batch (\d+)", done.inner_text()).group(1)
    screenshot(page, "article-imported")

    page.goto(f"{article_app}/timeline?batch={batch}")
    wait_ready(page)
    drawn = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.flatMap(t => (t.customdata || []).map(c => c[0]))"
    )
    assert len(set(drawn)) == 4
    page.goto(f"{article_app}/timeline?batch={batch}&event={drawn[0]}")
    wait_ready(page)
    card = page.locator(".st-key-timeline_card")
    assert "2019-01-16" in card.inner_text()  # the article (its title and date) is the event's source

    page.goto(f"{article_app}/batches")
    page.get_by_role("button", name=f"Undo batch {batch}…").click()
    page.get_by_role("button", name="Yes, remove 4 events").click()
    page.get_by_text(f"Batch {batch} was undone: 4 events removed").wait_for(timeout=60_000)
    assert page.external_requests == []
