"""Upload and Batches in a real Chromium (Debian's /usr/bin/chromium): a file with bad rows -> the problems
table names their spreadsheet rows -> import -> the events are on the timeline -> undo -> they are gone;
a second browser never sees the first one's file; a handful of the awkward files; hostile file names;
screenshots of both pages in screenshots/ (git-ignored).

These tests import and undo, so they run their own app on their own store (the shared ``app_url``
store keeps exactly the bundled events for the other browser tests).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FILES, ROOT, start_app, stop_app

SHOTS = ROOT / "screenshots"
DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
EXPECTED = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))
BAD_ROWS = """id,date,title,event_type,location
web-1,2019-01-14,Browser test: Kono and Lavrov talk,ministerial_talks,Moscow
web-2,2019-02-30,Browser test: a day that does not exist,statement,Tokyo
web-3,2019-01-22,Browser test: Abe and Putin meet,summit,Moscow
web-4,2019-01-16,,press_conference,Moscow
web-5,1855,Browser test: Treaty of Shimoda,treaty,Shimoda
"""
UNKNOWN = """When;What happened;Kind;Where
22/01/2019;Abe and Putin meet in the Kremlin;summit;Moscow
14/01/2019;Kono and Lavrov talk in Moscow;talks;Moscow
"""
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_app(f"sqlite:///{tmp_path_factory.mktemp('upload-app') / 'store.sqlite'}")
    try:
        yield url
    finally:
        stop_app(proc)


def settle(page, timeout: float = 60_000) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished the run: no 'Running…' status, no element left stale or unrendered."""
    page.wait_for_timeout(400)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]') && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def open_upload(page, url: str) -> None:  # noqa: ANN001
    page.goto(f"{url}/upload")
    page.get_by_text("Event file").first.wait_for(timeout=60_000)
    page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    settle(page)


def send(page, path: Path, wait_for: str) -> None:  # noqa: ANN001
    page.set_input_files(DROPZONE, str(path))
    page.get_by_text(wait_for, exact=False).first.wait_for(timeout=120_000)
    settle(page)


def grid_cells(page) -> list[str]:  # noqa: ANN001
    """The cells of the data grid on show (Streamlit draws tables on a canvas, with an accessible copy)."""
    return page.locator('table[role="grid"] td').all_inner_texts()


def plotted_ids(page) -> set[str]:  # noqa: ANN001
    """Event ids in the timeline figure's data (each event's customdata starts with its id)."""
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)
    return set(
        page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(
        div => (div.data || []).flatMap(trace => (trace.customdata || []).map(c => Array.isArray(c) ? String(c[0])
        : String(c))))""")
    )


def metric_values(page) -> dict[str, int]:  # noqa: ANN001
    texts = page.locator('[data-testid="stMetric"]').all_inner_texts()
    pairs = [[line for line in text.splitlines() if line.strip()] for text in texts]
    return {label: int(value.replace(",", "")) for label, value in pairs}


def nav(page, name: str) -> None:  # noqa: ANN001
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
    settle(page)


def test_bad_rows_are_reported_by_row_then_imported_shown_and_undone(upload_app, page, tmp_path) -> None:
    source = tmp_path / "embassy-log.csv"
    source.write_text(BAD_ROWS, encoding="utf-8")
    open_upload(page, upload_app)
    send(page, source, "Problems (2)")
    page.get_by_role("tab", name="Problems (2)").click()
    page.locator('td:has-text("day 30 does not exist")').first.wait_for(state="attached", timeout=30_000)
    cells = grid_cells(page)
    at = cells.index("day 30 does not exist in Feb 2019")
    assert cells[at - 3 : at + 3] == ["3", "date", "2019-02-30", "day 30 does not exist in Feb 2019", "5", "title"]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all 2 problems as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert [r[:2] for r in rows] == [["row", "column"], ["3", "date"], ["5", "title"]]

    page.get_by_role("button", name="Import 3 events").click()
    page.get_by_text("Imported 3 events from").first.wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Open the timeline filtered to batch").click()
    # Streamlit rewrites the address with history.replaceState (no navigation), so poll location.
    page.wait_for_function(
        "() => location.pathname.endsWith('/timeline') && new URLSearchParams(location.search).get('batch') !== null",
        timeout=60_000,
    )
    assert plotted_ids(page) >= {"web-1", "web-3", "web-5"}
    assert page.get_by_text("Showing only the events of import batch").count() == 1

    nav(page, "Batches")
    page.get_by_role("button", name="Undo batch").click()
    settle(page)
    page.get_by_role("button", name="Yes, remove 3 events").click()
    page.get_by_text("events removed or put back. Other batches were not touched").first.wait_for(timeout=60_000)
    nav(page, "Timeline")
    ids = plotted_ids(page)
    assert not ids & {"web-1", "web-3", "web-5"} and page.get_by_text("All 109 events").count() == 1
    assert page.external_requests == []


def test_a_second_browser_never_sees_the_first_ones_file(upload_app, browser, page, tmp_path) -> None:
    source = tmp_path / "secret-negotiating-position.csv"
    source.write_text(BAD_ROWS.replace("Browser test", "Confidential"), encoding="utf-8")
    open_upload(page, upload_app)
    send(page, source, "What was detected")
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        second = other.new_page()
        open_upload(second, upload_app)
        body = second.locator("body").inner_text()
        assert "secret-negotiating-position" not in body and "Confidential" not in body
        assert second.get_by_text("What was detected").count() == 0
        second.goto(f"{upload_app}/events")
        second.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
        assert "Confidential" not in second.locator("body").inner_text()
    finally:
        other.close()
    assert page.get_by_text("secret-negotiating-position.csv").count() >= 1  # the first one still has it


HANDFUL = [
    "cp1251_semicolon_russian.csv",
    "utf16le_bom_tab.txt",
    "workbook_dates.xlsx",
    "png_renamed.csv",
    "gdelt_20190114.export.CSV",
    "hostile_text.csv",
]


@pytest.mark.parametrize("name", HANDFUL)
def test_awkward_files_in_the_browser(upload_app, page, name) -> None:
    expected = EXPECTED[name]
    open_upload(page, upload_app)
    if expected["exit"] == 2:
        send(page, FILES / name, expected["stderr"][:30])
        assert page.get_by_text("What was detected").count() == 1
        assert page.get_by_role("button", name="Import").count() == 0
    else:
        send(page, FILES / name, "Rows in the file")
        shown = metric_values(page)
        assert shown["Rows in the file"] == expected["rows"] and shown["Rejected rows"] == expected["rejected"]
        assert shown["New events"] + shown["Already stored"] == expected["valid"]
    assert page.evaluate("() => window.__xss") is None
    assert page.external_requests == []


@pytest.mark.parametrize("name", ["<img src=x onerror=window.__xss=1>.csv", "A" * 200 + ".csv"])
def test_hostile_file_names_are_text(upload_app, page, tmp_path, name) -> None:
    source = tmp_path / name
    source.write_text(BAD_ROWS, encoding="utf-8")
    open_upload(page, upload_app)
    send(page, source, "What was detected")
    shown = page.locator('[data-testid="stMarkdownContainer"] strong').first.inner_text()
    assert shown == (name if len(name) <= 120 else shown) and len(shown) <= 120
    assert page.locator("img[src='x']").count() == 0 and page.evaluate("() => window.__xss") is None


def test_a_file_over_the_size_limit_is_refused_by_the_uploader(upload_app, page, tmp_path) -> None:
    limit = __import__("tomllib").loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    big = tmp_path / "too-big.csv"
    with big.open("wb") as out:
        out.write(b"id,date,title\n")
        out.truncate((limit + 1) * 1024 * 1024)
    open_upload(page, upload_app)
    page.set_input_files(DROPZONE, str(big))
    page.get_by_text(f"File must be {limit}.0MB or smaller").first.wait_for(timeout=60_000)
    assert page.get_by_text("What was detected").count() == 0


def test_screenshots_of_the_upload_and_batches_pages(upload_app, page, tmp_path) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 2200})  # the app scrolls inside its own pane: show it all
    source = tmp_path / "embassy-log.csv"
    source.write_text(BAD_ROWS, encoding="utf-8")
    open_upload(page, upload_app)
    page.screenshot(path=SHOTS / "upload-1-empty.png", full_page=True)
    send(page, source, "Problems (2)")
    page.screenshot(path=SHOTS / "upload-2-preview.png", full_page=True)
    page.get_by_role("tab", name="Problems (2)").click()
    settle(page)
    page.screenshot(path=SHOTS / "upload-3-problems.png", full_page=True)
    page.get_by_role("button", name="Remove", exact=True).click()
    page.get_by_text("What was detected").wait_for(state="detached", timeout=60_000)
    settle(page)
    mapped = tmp_path / "press-office.csv"
    mapped.write_text(UNKNOWN, encoding="utf-8")
    send(page, mapped, "Columns: which column")
    page.screenshot(path=SHOTS / "upload-4-columns.png", full_page=True)
    page.get_by_role("button", name="Import 1 event").click()
    page.get_by_text("Imported 1 event from").first.wait_for(timeout=60_000)
    settle(page)
    page.screenshot(path=SHOTS / "upload-5-imported.png", full_page=True)
    nav(page, "Batches")
    page.get_by_role("button", name="Undo batch").click()
    settle(page)
    page.screenshot(path=SHOTS / "batches.png", full_page=True)
    assert page.external_requests == []
