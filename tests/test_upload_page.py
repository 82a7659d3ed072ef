"""The Upload and Batches pages under Streamlit's AppTest, step by step: the file dropped into
``st.file_uploader``, what was detected, each override, the column pickers and saved mappings, the
import and its confirmation, the batch list and undo; and every file of the awkward-file corpus.

The app is opened from app.py and then switched to the page (AppTest runs the page file alone after
``switch_page``, which is all these pages need). Each test gets its own empty store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from diplotime import store, upload
from diplotime.text import escape_markdown
from tests.test_pages import open_page

ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "files"
EXPECTED: dict[str, dict[str, Any]] = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))
CORPUS = sorted(EXPECTED)
TIMEOUT = 60

BAD_ROWS = b"""id,date,title,event_type,location
u1,2019-01-14,Kono-Lavrov talks in Moscow,ministerial_talks,Moscow
u2,2019-02-30,A day that does not exist,statement,Tokyo
u3,2019-01-22,Abe-Putin summit,summit,Moscow
u4,2019-01-16,,press_conference,Moscow
u5,1855,Treaty of Shimoda,treaty,Shimoda
"""
GERMAN = """Datum;Ereignis;Ort;Art
22.01.2019;Abe und Putin treffen sich im Kreml;Moskau;summit
14.01.2019;Kono und Lawrow verhandeln;Moskau;talks
16.01.2019;Lawrows Jahrespressekonferenz;Moskau;press conference
"""
GERMAN_NEXT = """datum;EREIGNIS;Ort;Art
07.02.2019;Tag der Nordterritorien in Tokio;Tokio;rally
"""


@pytest.fixture
def empty_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'upload.sqlite'}"
    store.open_store(url, seed_from=tmp_path).dispose()  # no CSVs there: a new, empty store
    monkeypatch.setenv(store.ENV_URL, url)
    return url


def open_upload(page: str = "pages/upload.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def drop(at: AppTest, name: str, data: bytes, key: str = "upload_file") -> AppTest:
    at.file_uploader(key=key).set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(str(m.value).replace(",", "")) for m in at.metric}


# Tables without selection have no widget id in AppTest: they are told apart by their columns.
TABLE_COLUMNS = {
    "up_preview": {"status", "precision", "title"},
    "up_problems": {"row", "column", "value", "message"},
    "batches_table": {"batch", "file", "status"},
}


def frame(at: AppTest, key: str):  # noqa: ANN201
    hits = [
        d.value
        for d in at.dataframe
        if (d.proto.id and key in d.proto.id) or (key in TABLE_COLUMNS and TABLE_COLUMNS[key] <= set(d.value.columns))
    ]
    assert hits, f"no table {key}"
    return hits[0]


def text(at: AppTest) -> str:
    """Everything the page says, with Markdown escapes removed (the page escapes all user text)."""
    shown = "\n".join(
        str(m.value) for m in [*at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error, *at.subheader]
    )
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", shown)


def counts(url: str) -> tuple[int, int]:
    engine = store.connect(url)
    try:
        return store.count_events(engine), len(store.list_batches(engine))
    finally:
        engine.dispose()


# ---------------------------------------------------------------- detection and overrides


def test_the_page_states_the_upload_size_limit_from_the_config(empty_store):
    at = open_upload()
    limit = __import__("tomllib").loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert f"up to {limit:,} MB" in text(at)
    assert at.file_uploader(key="upload_file") is not None


def test_what_was_detected_is_shown_with_a_preview_problems_and_counts(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    shown = text(at)
    assert "**Format:** Event table" in shown and "**Encoding:** UTF-8" in shown
    assert "**Delimiter:** comma" in shown and "**Header:** row 1" in shown
    assert metrics(at) == {
        "Rows in the file": 5,
        "New events": 3,
        "Already stored": 0,
        "Rejected rows": 2,
        "Merged repeats": 0,
    }
    preview = frame(at, "up_preview")
    assert preview[["row", "date", "precision", "status"]].values.tolist() == [
        [2, "2019-01-14", "day", "new"],
        [4, "2019-01-22", "day", "new"],
        [6, "1855", "year", "new"],
    ]
    problems = frame(at, "up_problems")
    assert problems[["row", "column"]].values.tolist() == [[3, "date"], [5, "title"]]
    assert problems["value"][0] == "2019-02-30"
    assert at.button(key="up_import").label == "Import 3 events"
    assert [t.label for t in at.tabs] == ["Preview (3 of 3 events)", "Problems (2)", "Warnings (1)"]


def test_the_detect_options_say_what_was_found(empty_store):
    at = drop(open_upload(), "ru.csv", (FILES / "cp1251_semicolon_russian.csv").read_bytes())
    assert at.selectbox(key="up_encoding").value == ""
    assert "Detect (found: Windows-1251 (Cyrillic))" in at.selectbox(key="up_encoding").options
    assert "Detect (found: semicolon (;))" in at.selectbox(key="up_delimiter").options
    assert "**Encoding:** Windows-1251 (Cyrillic)" in text(at)


def test_an_encoding_override_changes_the_preview(empty_store):
    at = drop(open_upload(), "ru.csv", (FILES / "cp1251_semicolon_russian.csv").read_bytes())
    before = frame(at, "up_preview")["title"].tolist()
    assert before[0] == "Переговоры Коно и Лаврова в Москве"
    at.selectbox(key="up_encoding").set_value("iso8859-1").run()
    after = frame(at, "up_preview")["title"].tolist()
    assert len(after) == len(before) and after[0] != before[0]
    assert "**Encoding:** ISO-8859-1 (Latin-1)" in text(at)


def test_a_delimiter_override_changes_how_the_columns_are_split(empty_store):
    at = drop(open_upload(), "ru.csv", (FILES / "cp1251_semicolon_russian.csv").read_bytes())
    at.selectbox(key="up_delimiter").set_value(",").run()
    assert not at.exception
    assert not at.metric  # split on commas the header names no date or title
    assert any("date" in e.value.lower() for e in at.error)
    at.selectbox(key="up_delimiter").set_value("").run()
    assert metrics(at)["New events"] == 4


def test_a_date_order_override_changes_the_dates(empty_store):
    at = drop(open_upload(), "ambiguous.csv", (FILES / "dates_ambiguous.csv").read_bytes())
    assert metrics(at)["Rejected rows"] == 3
    at.selectbox(key="up_date_order").set_value("dmy").run()
    assert frame(at, "up_preview")["date"].tolist() == ["2019-04-03", "2019-06-05", "2019-01-22", "2019-08-07"]
    assert "**Date order:** day first" in text(at)
    at.selectbox(key="up_date_order").set_value("mdy").run()
    assert frame(at, "up_preview")["date"].tolist() == ["2019-03-04", "2019-05-06", "2019-01-22", "2019-07-08"]


def test_a_format_override_reads_the_file_another_way(empty_store):
    at = drop(open_upload(), "timeline.csv", (FILES / "timelinejs_sheet.csv").read_bytes())
    assert "**Format:** " + upload.format_label("timelinejs") in text(at)
    detected = metrics(at)
    at.selectbox(key="up_format").set_value("events").run()
    assert not at.exception
    assert metrics(at) != detected or at.error


def test_the_header_toggle_numbers_the_columns(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    at.toggle(key="up_header").set_value(False).run()
    assert at.selectbox(key="map_date").value == "column 2"  # suggested from its values
    assert "**Header:** none: columns are numbered" in text(at)
    assert metrics(at)["Rows in the file"] == 6  # the old header is now row 1, a row without a date
    assert frame(at, "up_problems")[["row", "column"]].values.tolist()[0] == [1, "date"]


def test_a_dataset_name_is_given_to_rows_without_one(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    assert set(frame(at, "up_preview")["dataset"]) == {"events"}
    at.text_input(key="up_dataset").input("Kuril talks").run()
    assert set(frame(at, "up_preview")["dataset"]) == {"Kuril talks"}


# ---------------------------------------------------------------- column mapping


def test_unknown_columns_are_suggested_and_a_saved_mapping_is_offered_for_the_next_file(empty_store):
    at = drop(open_upload(), "log.csv", GERMAN.encode())
    assert at.selectbox(key="map_date").value == "Datum"  # its values look like dates
    assert at.selectbox(key="map_title").value == "Ereignis"  # its values read like headlines
    assert at.selectbox(key="map_event_type").value == "Art"
    assert at.selectbox(key="map_location").value == ""
    at.selectbox(key="map_location").set_value("Ort").run()
    assert frame(at, "up_preview")["place"].tolist() == ["Moskau", "Moskau", "Moskau"]
    at.text_input(key="up_map_name").input("Pressestelle").run()
    at.button(key="up_save_map").click().run()
    assert any("Saved the mapping “Pressestelle”" in s.value for s in at.success)

    at.button(key="up_remove").click().run()
    assert not at.metric and not any(s.key == "map_date" for s in at.selectbox)
    drop(at, "next.csv", GERMAN_NEXT.encode(), key="upload_file_1")
    assert at.selectbox(key="map_location").value == ""
    assert any("Pressestelle" in i.value for i in at.info)
    at.button(key="up_use_offer").click().run()
    assert at.selectbox(key="map_location").value == "Ort"
    assert frame(at, "up_preview")["place"].tolist() == ["Tokio"]


def test_a_column_chosen_twice_is_explained_and_nothing_is_checked(empty_store):
    at = drop(open_upload(), "log.csv", GERMAN.encode())
    at.selectbox(key="map_end_date").set_value("Datum").run()
    assert any("chosen for both Date and End date" in e.value for e in at.error)
    assert not at.metric


# ---------------------------------------------------------------- import, confirmation, batches and undo


def test_import_stores_one_batch_and_confirms_with_a_link_to_the_timeline(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    at.button(key="up_import").click().run()
    assert not at.exception
    assert counts(empty_store) == (3, 1)
    assert "Imported 3 events from “events.csv” as batch" in text(at)
    assert "2 rows with problems were not imported" in text(at)
    engine = store.connect(empty_store)
    batch = int(store.list_batches(engine)["id"][0])
    engine.dispose()
    assert any(c.value.endswith(f"timeline?batch={batch}") for c in at.code)
    assert not at.metric and at.file_uploader(key="upload_file_1").value is None  # the file is gone from the page
    at.button(key="up_show_batch").click().run()
    assert at.title[0].value.endswith("Timeline") and at.session_state["dt_view"].filters.batch == batch
    assert f"Showing only the events of import batch {batch}." in [c.value for c in at.sidebar.caption]


def test_the_same_file_again_adds_nothing(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    at.button(key="up_import").click().run()
    drop(at, "again.csv", BAD_ROWS, key="upload_file_1")
    assert metrics(at)["New events"] == 0 and metrics(at)["Already stored"] == 3
    assert "This exact file was imported before, as batch" in text(at)
    assert at.button(key="up_import").disabled
    assert counts(empty_store) == (3, 1)


def test_import_nothing_unless_every_row_is_valid(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    at.checkbox(key="up_strict").check().run()
    assert at.button(key="up_import").disabled
    assert counts(empty_store) == (0, 0)


def test_a_store_error_during_import_is_one_message_and_stores_nothing(empty_store, monkeypatch):
    at = drop(open_upload(), "events.csv", BAD_ROWS)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "import_events", broken)
    at.button(key="up_import").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The import failed and nothing was stored (RuntimeError). Try again; if it "
        "keeps failing, the store may be locked or full."
    ]
    assert "disk full" not in text(at) and metrics(at)["New events"] == 3
    assert counts(empty_store) == (0, 0)


def test_the_timeline_link_shows_only_the_new_batch(empty_store):
    at = drop(open_upload(), "events.csv", BAD_ROWS)
    at.button(key="up_import").click().run()
    timeline = open_page("pages/timeline.py", {"batch": "1"})
    assert not timeline.exception
    assert "3 of 3 events · import batch 1" in "\n".join(c.value for c in timeline.caption).replace("\\", "")
    assert "Showing only the events of import batch 1." in [c.value for c in timeline.sidebar.caption]


def test_batches_are_listed_viewed_and_undone_only_after_confirming(empty_store):
    engine = store.connect(empty_store)
    first = store.import_events(
        engine,
        upload.check_upload(upload.Upload.from_bytes("a.csv", BAD_ROWS), upload.Choices()).result,
        file_name="a.csv",
        data_hash="a",
    )
    second = store.import_events(
        engine,
        upload.check_upload(
            upload.Upload.from_bytes("log.csv", GERMAN.encode()),
            upload.Choices(mapping=(("Datum", "date"), ("Ereignis", "title")), format="events"),
        ).result,
        file_name="<img src=x onerror=alert(1)>.csv",
        data_hash="b",
    )
    engine.dispose()
    at = open_upload("pages/batches.py")
    table = frame(at, "batches_table")
    assert table["batch"].tolist() == [second.batch, first.batch]
    assert table["file"].tolist() == ["<img src=x onerror=alert(1)>.csv", "a.csv"]
    assert table["added"].tolist() == [3, 3] and table["rejected"].tolist() == [0, 2]
    assert len(frame(at, "batch_events")) == 3
    assert [b.proto.label for b in at.get("download_button")] == ["Download these 3 events as CSV"]
    at.selectbox(key="batch_pick").set_value(first.batch).run()
    assert sorted(frame(at, "batch_events")["title"]) == [
        "Abe-Putin summit",
        "Kono-Lavrov talks in Moscow",
        "Treaty of Shimoda",
    ]
    at.button(key="batch_undo").click().run()
    assert any("removes the 3 events it added" in w.value for w in at.warning)
    assert counts(empty_store) == (6, 2)
    at.button(key="batch_undo_no").click().run()
    assert not at.warning and counts(empty_store) == (6, 2)
    at.button(key="batch_undo").click().run()
    at.button(key="batch_undo_yes").click().run()
    assert not at.exception
    assert f"Batch {first.batch} was undone: 3 events removed" in text(at)
    assert counts(empty_store) == (3, 2)
    engine = store.connect(empty_store)
    assert set(store.read_events(engine)["batch_id"]) == {second.batch}
    engine.dispose()
    assert frame(at, "batches_table")["status"].tolist()[1].startswith("undone ")
    assert not any(b.key == "batch_undo" for b in at.button)  # an undone batch cannot be undone again


# ---------------------------------------------------------------- safety


def test_a_file_that_cannot_be_read_shows_one_message_and_changes_nothing(empty_store):
    at = drop(open_upload(), "picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert [e.value for e in at.error] == ["The file is not a text table: it looks like a PNG image."]
    assert not at.metric and not any(b.key == "up_import" for b in at.button)
    assert counts(empty_store) == (0, 0)


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.csv",
        "CON.csv",
        "invoice\u202evsc.exe.csv",
        "A" * 500 + ".csv",
        "<img src=x onerror=alert(1)>.csv",
        "[x](javascript:alert(1)).csv",
    ],
)
def test_hostile_file_names_are_display_text_only(empty_store, name):
    before = sorted(p.name for p in ROOT.iterdir())
    at = drop(open_upload(), name, BAD_ROWS)
    shown = at.session_state["up_file"].name
    assert "\x00" not in shown and len(shown) <= 120
    assert at.markdown[0].value.startswith(f"**{escape_markdown(shown)}**")
    assert not any(m.proto.allow_html for m in at.markdown)
    at.button(key="up_import").click().run()
    assert f"from “{shown}” as batch" in text(at)
    assert sorted(p.name for p in ROOT.iterdir()) == before  # the name was never used as a path


def test_an_upload_is_only_in_its_own_session(empty_store):
    first = drop(open_upload(), "secret-plans.csv", BAD_ROWS)
    assert first.metric
    second = open_upload()
    assert "up_file" not in second.session_state
    assert "secret" not in text(second) and not second.metric and not second.dataframe


# ---------------------------------------------------------------- the awkward-file corpus


def corpus_choices(at: AppTest, args: list[str]) -> None:
    """The CLI options a corpus case uses, chosen on the page instead."""
    value = dict(zip(args, args[1:]))
    if "--dayfirst" in args:
        at.selectbox(key="up_date_order").set_value("dmy")
    if "--monthfirst" in args:
        at.selectbox(key="up_date_order").set_value("mdy")
    if "--sheet" in value:
        at.selectbox(key="up_sheet").set_value(value["--sheet"])
    if "--format" in value:
        at.selectbox(key="up_format").set_value(value["--format"])
    if "--encoding" in value:
        import codecs

        at.selectbox(key="up_encoding").set_value(codecs.lookup(value["--encoding"]).name)
    at.run()


@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_file_gives_its_expected_outcome_on_the_page(empty_store, name):
    expected = EXPECTED[name]
    at = drop(open_upload(), name, (FILES / name).read_bytes())
    if expected.get("args"):
        corpus_choices(at, expected["args"])
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    if expected["exit"] == 2:
        assert not at.metric and not any(b.key == "up_import" for b in at.button)
        wanted = upload.ui_wording(expected["stderr"]).casefold()
        missing = [f for f in ("date", "title") if f"no {f}" in wanted or f"or {f} column" in wanted]
        if missing:  # the page asks for the missing column instead of refusing the file
            assert all(any(f in e.casefold() for e in errors) for f in missing), errors
        else:
            assert len(errors) == 1 and wanted in errors[0].casefold(), errors
        return
    assert not errors, errors
    got = metrics(at)
    assert got["Rows in the file"] == expected["rows"]
    assert got["New events"] + got["Already stored"] == expected["valid"]
    assert got["Rejected rows"] == expected["rejected"]
    if expected["errors"]:
        assert frame(at, "up_problems")[["row", "column"]].values.tolist() == expected["errors"]
    shown = text(at).casefold()
    for phrase in expected.get("warnings", []):
        assert upload.ui_wording(phrase).casefold() in shown, phrase
    facts = {label: value for label, value in upload.detected_facts(at.session_state["up_check"][1].result.facts)}
    assert f"**format:** {facts['Format']}".casefold() in shown
    if expected.get("encoding") and expected["encoding"] != "xlsx":
        assert facts["Encoding"] == upload.encoding_label(expected["encoding"])


def test_the_upload_pages_keep_files_out_of_caches_shared_between_users():
    """st.cache_data and st.cache_resource are global: an uncommitted file must live in session_state only."""
    paths = [
        ROOT / "pages/upload.py",
        ROOT / "pages/batches.py",
        ROOT / "diplotime/store/mappings.py",
        *sorted((ROOT / "diplotime/upload").glob("*.py")),
        *sorted((ROOT / "diplotime/ui").glob("upload*.py")),
    ]
    for path in paths:
        source = path.read_text(encoding="utf-8")
        assert "cache_data" not in source and "cache_resource" not in source, path
    assert "unsafe_allow_html" not in (ROOT / "pages/upload.py").read_text(encoding="utf-8")


def test_a_saved_mapping_can_be_applied_and_deleted(empty_store):
    at = drop(open_upload(), "log.csv", GERMAN.encode())
    at.selectbox(key="map_location").set_value("Ort").run()
    at.text_input(key="up_map_name").input("Pressestelle").run()
    at.button(key="up_save_map").click().run()
    at.selectbox(key="map_location").set_value("").run()
    at.button(key="up_apply_saved").click().run()
    assert at.selectbox(key="map_location").value == "Ort"
    assert "Applied the saved mapping “Pressestelle”." in text(at)
    at.button(key="up_delete_saved").click().run()
    assert "Deleted the saved mapping “Pressestelle”." in text(at)
    assert "No saved mapping fits this file's columns yet." in text(at)
