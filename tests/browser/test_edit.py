"""Editing an event on its card in a real Chromium: the timeline moves it, Undo puts it back, and two
people saving the same event get a conflict instead of losing one save. Nothing leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_explore import screenshot, wait_ready
from tests.conftest import start_app, stop_app

pytestmark = pytest.mark.browser

KEY = "1905-09-05-treaty-of-portsmouth"
X_OF = """(key) => {
  for (const t of document.querySelector('.js-plotly-plot').data) {
    const i = (t.customdata || []).findIndex(c => c && c[0] === key);
    if (i >= 0) return String(t.x[i]);
  }
  return null;
}"""


@pytest.fixture(scope="module")
def edit_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_app(f"sqlite:///{tmp_path_factory.mktemp('edit') / 'store.sqlite'}")
    try:
        yield url
    finally:
        stop_app(proc)


def open_form(page, url: str) -> object:
    page.goto(f"{url}/timeline?event={KEY}")
    wait_ready(page)
    page.locator(".st-key-timeline_card").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Date", exact=True).wait_for(timeout=30_000)
    return dialog


def wait_x(page, prefix: str) -> None:
    page.wait_for_function(
        "([key, prefix]) => { const x = (" + X_OF + ")(key); return x && x.startsWith(prefix); }",
        arg=[KEY, prefix],
        timeout=60_000,
    )


def test_editing_a_date_moves_the_event_and_undo_puts_it_back(edit_url, page):
    dialog = open_form(page, edit_url)
    assert dialog.get_by_label("Date", exact=True).input_value() == "1905-09-05"
    dialog.get_by_label("Date", exact=True).fill("1906-03-01")
    screenshot(page, "edit-form")
    dialog.get_by_role("button", name="Save").click()
    page.get_by_text("Saved (batch").wait_for(timeout=60_000)
    wait_ready(page)
    wait_x(page, "1906-03-01")
    page.locator(".st-key-timeline_card").get_by_text("History (2)").wait_for(timeout=30_000)
    screenshot(page, "edit-saved")
    page.get_by_role("button", name="Undo this save").click()
    page.get_by_text("undone").first.wait_for(timeout=60_000)
    wait_ready(page)
    wait_x(page, "1905-09-05")
    assert page.external_requests == []


def test_a_bad_date_is_shown_under_its_field_and_nothing_is_saved(edit_url, page):
    dialog = open_form(page, edit_url)
    dialog.get_by_label("Date", exact=True).fill("1905-13-01")
    dialog.get_by_role("button", name="Save").click()
    dialog.get_by_text("month 13 does not exist").wait_for(timeout=30_000)
    assert page.get_by_text("Saved (batch").count() == 0


def test_two_people_saving_the_same_event_get_a_conflict(edit_url, browser):
    first, second = (browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2))
    try:
        ana, bob = first.new_page(), second.new_page()
        ana_form, bob_form = open_form(ana, edit_url), open_form(bob, edit_url)
        ana_form.get_by_label("Title", exact=True).fill("Portsmouth, as Ana wrote it")
        ana_form.get_by_role("button", name="Save").click()
        ana.get_by_text("Saved (batch").wait_for(timeout=60_000)
        bob_form.get_by_label("Title", exact=True).fill("Portsmouth, as Bob wrote it")
        bob_form.get_by_role("button", name="Save").click()
        bob_form.get_by_text("after you opened it").wait_for(timeout=60_000)
        bob_form.locator('[data-testid="stDataFrame"]').wait_for(timeout=30_000)  # both versions side by side
        assert bob_form.get_by_label("Title", exact=True).input_value() == "Portsmouth, as Bob wrote it"
        screenshot(bob, "edit-conflict")
    finally:
        first.close()
        second.close()
