"""The Upload page (issue 18): likely duplicates flagged with "Skip" / "Import anyway", and messages that say
what happened, in the right number."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplotime import pipeline, store
from tests.fixtures import build_store
from tests.test_upload_page import FILES, counts, drop, metrics, open_upload, text

OTHER_SOURCE = """id,date,title,event_type,actors,location
tass-1,2019-01-22,Putin and Abe hold talks in the Kremlin,summit,Владимир Путин;Shinzo Abe,Moscow
tass-2,2019-02-07,Northern Territories Day rally in Tokyo,protest,Shinzo Abe,Tokyo
""".encode()


@pytest.fixture
def empty_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    store.open_store(url, seed_from=tmp_path).dispose()
    monkeypatch.setenv(store.ENV_URL, url)
    return url


@pytest.fixture
def small_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'small.sqlite'}"
    build_store(url)
    monkeypatch.setenv(store.ENV_URL, url)
    return url


def stored_ids(url: str) -> set[str]:
    engine = store.connect(url)
    try:
        return set(store.read_events(engine)["id"])
    finally:
        engine.dispose()


def test_a_likely_duplicate_is_flagged_and_skipped_by_default(small_store):
    at = drop(open_upload(), "tass.csv", OTHER_SOURCE)
    assert "1 event looks like one already stored or an earlier row" in text(at)
    assert metrics(at)["New events"] == 2  # two ids the store does not have …
    assert at.button(key="up_import").label == "Import 1 event"  # … one of them the 22 Jan 2019 summit again
    assert "1 likely duplicate is skipped" in text(at)
    at.button(key="up_import").click().run()
    assert not at.exception
    assert "tass-2" in stored_ids(small_store) and "tass-1" not in stored_ids(small_store)
    assert "1 likely duplicate was skipped, as you chose" in text(at)


def test_import_anyway_imports_the_flagged_event(small_store):
    at = drop(open_upload(), "tass.csv", OTHER_SOURCE)
    editor = f"up_dup_choices_{store.file_hash(OTHER_SOURCE)[:16]}"
    at.session_state[editor] = {"edited_rows": {0: {"choice": "Import anyway"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.button(key="up_import").label == "Import 2 events"
    at.button(key="up_import").click().run()
    assert {"tass-1", "tass-2"} <= stored_ids(small_store)
    assert counts(small_store)[1] == 2  # the small table's batch and this one


def test_a_file_with_nothing_like_the_store_shows_no_duplicates(small_store):
    at = drop(open_upload(), "new.csv", b"id,date,title\nn1,2024-05-01,Something else entirely\n")
    assert "looks like one already stored" not in text(at)
    assert at.button(key="up_import").label == "Import 1 event"


# ---------------------------------------------------------------- messages


def test_coordinates_are_filled_and_counted_only_for_rows_that_are_imported():
    rows = (
        b"id,date,title,location\nok,2019-01-22,Summit,Moscow\nbad-1,2019-02-30,Bad day,Moscow\nbad-2,,No date,Moscow\n"
    )
    result = pipeline.check_file(rows, "x.csv")
    filled = [w for w in result.warnings if w.startswith("coordinates of")]
    assert filled == [
        "coordinates of 1 event were filled from the offline gazetteer by place name and marked approximate: Moscow (1)"
    ]


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"id,date,title\n\n\na,2019,A\n", "2 blank rows were skipped"),
        (b"id,date,title\n\na,2019,A\n", "1 blank row was skipped"),
        (b"id,date,title\na,2019,A\na,2019,A\n", "1 row repeats an earlier event in the file and was merged into it"),
    ],
)
def test_messages_use_the_right_number(data, phrase):
    result = pipeline.check_file(data, "x.csv")
    assert any(phrase in w for w in result.warnings), result.warnings
    assert not any("(s)" in w for w in result.warnings)


def test_a_timelinejs_title_slide_is_not_a_merged_repeat(empty_store):
    at = drop(open_upload(), "timelinejs_sheet.csv", (FILES / "timelinejs_sheet.csv").read_bytes())
    assert metrics(at)["Merged repeats"] == 0
    assert "is the timeline's title slide" in text(at)


def test_date_order_is_mentioned_only_when_the_file_needed_one(empty_store):
    at = drop(open_upload(), "iso.csv", b"date,title\n2019-01-22,A\n2019-01-23,B\n")
    assert "Date order" not in text(at)
    at = drop(open_upload(), "dmy.csv", b"date,title\n22/01/2019,A\n03/04/2019,B\n")
    assert "**Date order:** day first" in text(at)


def test_a_file_that_is_not_text_is_not_said_to_be_an_event_table(empty_store):
    at = drop(open_upload(), "picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert at.error, "the page says the file cannot be read"
    assert "Event table" not in at.selectbox(key="up_format").format_func("")
    assert at.selectbox(key="up_format").format_func("") == "Detect"
