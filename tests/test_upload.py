"""The Upload page's package steps: choices, the check, counts against the store, preview, problems download,
column suggestions, saved mappings and the batch table. No Streamlit here (see test_upload_page.py)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from diplotime import store, upload
from diplotime.store import mappings
from diplotime.store import queries as store_queries
from diplotime.text import clean_label, file_label
from diplotime.upload import batches
from diplotime.upload import columns as file_columns
from diplotime.upload.check import Choices, Counts, Upload
from diplotime.upload.plan import confirmation_notes, import_plan
from diplotime.upload.suggest import header_field, looks_like_date, suggest_fields

GOOD = b"""id,date,title,event_type,location
a1,2019-01-14,Kono-Lavrov talks,ministerial_talks,Moscow
a2,2019-01-22,Abe-Putin summit,summit,Moscow
a3,1855,Treaty of Shimoda,treaty,Shimoda
"""
UNKNOWN_HEADERS = """When;What happened;Kind;Where;Link
22/01/2019;Переговоры Абэ и Путина в Москве;summit;Москва;https://example.org/a
14/01/2019;Переговоры Коно и Лаврова в Москве;talks;Москва;https://example.org/b
16/01/2019;Ежегодная пресс-конференция Лаврова;press conference;Москва;https://example.org/c
""".encode("cp1251")
AMBIGUOUS = b"date,title\n03/04/2019,First\n05/06/2019,Second\n"


@pytest.fixture
def engine(tmp_path):
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.sqlite'}", seed_from=None)
    yield engine
    engine.dispose()


def test_an_upload_keeps_its_bytes_and_shows_its_name_as_text_only():
    up = Upload.from_bytes("../../etc/passwd.csv", GOOD)
    assert up.name == "../../etc/passwd.csv" and up.size == len(GOOD) and up.digest == store.file_hash(GOOD)
    assert len(Upload.from_bytes("A" * 500 + ".csv", GOOD).name) == 120


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../etc/passwd.csv", "../../etc/passwd.csv"),
        ("a.csv\x00.png", "a.csv.png"),
        ("evil\u202egpj.csv", "evilgpj.csv"),
        ("<img src=x onerror=alert(1)>.csv", "<img src=x onerror=alert(1)>.csv"),
        ("  two\n lines\t.csv ", "two lines .csv"),
        ("", "unnamed file"),
    ],
)
def test_file_labels_drop_invisible_characters(name, shown):
    assert file_label(name) == shown


def test_long_file_names_are_shortened_in_the_middle_keeping_the_extension():
    shown = file_label("A" * 500 + ".csv", 40)
    assert len(shown) == 40 and shown.endswith("A.csv") and "…" in shown
    assert clean_label("x\u200by") == "xy"


def test_check_gives_a_result_or_one_sentence_never_an_exception():
    ok = upload.check_upload(Upload.from_bytes("good.csv", GOOD), Choices())
    assert ok.result is not None and not ok.error and len(ok.result.events) == 3
    bad = upload.check_upload(Upload.from_bytes("x.csv", b"\x89PNG\r\n\x1a\n0000"), Choices())
    assert bad.result is None and bad.error.endswith(".") and "PNG" in bad.error and not bad.unexpected
    empty = upload.check_upload(Upload.from_bytes("x.csv", b""), Choices())
    assert empty.error == "The file is empty."


def test_overrides_change_the_result():
    up = Upload.from_bytes("ambiguous.csv", AMBIGUOUS)
    detected = upload.check_upload(up, Choices())
    assert len(detected.result.events) == 0 and detected.result.rejected_rows == 2
    assert "Date order, above" in upload.problems_table(detected.result)["message"][0]
    day_first = upload.check_upload(up, Choices(date_order="dmy")).result
    month_first = upload.check_upload(up, Choices(date_order="mdy")).result
    assert day_first.events["date"].tolist() == ["2019-04-03", "2019-06-05"]
    assert month_first.events["date"].tolist() == ["2019-03-04", "2019-05-06"]


def test_encoding_and_delimiter_choices_are_applied():
    mapping = (("What happened", "title"), ("When", "date"))
    up = Upload.from_bytes("ru.csv", UNKNOWN_HEADERS)
    right = upload.check_upload(up, Choices(mapping=mapping, format="events")).result
    assert right.facts["encoding"] == "cp1251" and right.facts["delimiter"] == ";"
    latin = upload.check_upload(up, Choices(mapping=mapping, format="events", encoding="iso8859-1")).result
    assert upload.encoding_label(latin.facts["encoding"]) == "ISO-8859-1 (Latin-1)"
    assert latin.events["title"][0] != right.events["title"][0]  # the same bytes read as other letters
    wrong = upload.check_upload(up, Choices(mapping=mapping, format="events", delimiter=","))
    assert wrong.error and "When" in wrong.error  # split on commas there is no column 'When'


def test_file_columns_read_the_header_and_samples_from_the_start_of_a_big_file():
    rows = "".join(f"ev{i},2019-01-{i % 28 + 1:02d},Event {i}\n" for i in range(40_000))
    data = ("id,date,title\n" + rows).encode()
    assert len(data) > file_columns.HEAD_BYTES
    columns = file_columns.read_columns(Upload.from_bytes("big.csv", data), Choices())
    assert columns.headers == ("id", "date", "title") and columns.samples["id"][:2] == ["ev0", "ev1"]
    head = file_columns.head_bytes(data)
    assert head.endswith(b"\n") and len(head) <= file_columns.HEAD_BYTES


def test_the_head_of_a_utf16_file_ends_on_a_whole_line():
    text = "date\ttitle\n" + "".join(f"2019-01-01\tEvent {i}\n" for i in range(20_000))
    data = b"\xff\xfe" + text.encode("utf-16-le")
    head = file_columns.head_bytes(data, 10_001)
    assert len(head) % 2 == 0 and head.decode("utf-16").endswith("\n")


def test_suggestions_come_from_header_words_then_values():
    columns = file_columns.read_columns(Upload.from_bytes("ru.csv", UNKNOWN_HEADERS), Choices())
    fields = file_columns.initial_fields(columns)
    assert {f: c for f, (c, _) in fields.items()} == {
        "date": "When",
        "title": "What happened",
        "event_type": "Kind",
        "location": "Where",
        "source": "Link",
    }
    assert file_columns.guessed_fields(fields, list(columns.headers)) == {"date", "title", "location"}


@pytest.mark.parametrize(
    "header, field",
    [
        ("Date of meeting", "date"),
        ("Meeting title", "title"),
        ("Country code (ISO)", "countries"),
        ("Source country", "countries"),
        ("Latitude (deg)", "lat"),
        ("Where", "location"),
        ("Colour", None),
    ],
)
def test_header_words_name_a_field(header, field):
    assert header_field(header) == field


def test_value_suggestions_need_most_values_to_fit():
    samples = {"a": ["x1", "x2", "x3"], "b": ["2019-01-22", "22 Jan 2019", "1855"], "c": ["summit", "rally", "talks"]}
    fields = suggest_fields(["a", "b", "c"], samples)
    assert fields["date"][0] == "b" and fields["event_type"][0] == "c" and "title" not in fields
    assert not looks_like_date("123456") and not looks_like_date("42") and looks_like_date("1855")


def test_pickers_become_a_mapping_and_conflicts_are_explained():
    mapping, problems = file_columns.fields_to_mapping({"date": "When", "title": "What", "end_date": "When"})
    assert mapping == {"When": "date", "What": "title"}
    assert problems == [
        "The column “When” is chosen for both Date and End date: choose another column for one of them."
    ]
    assert file_columns.fields_to_mapping({"title": "What"})[1] == [
        "Choose the column that holds the date of each event."
    ]


def test_an_untouched_mapping_leaves_detection_alone():
    headers = ["id", "date", "title"]
    same = {"id": "id", "date": "date", "title": "title"}
    assert file_columns.choices_with_mapping(Choices(), same, headers) == Choices()
    changed = file_columns.choices_with_mapping(Choices(), {"date": "date", "title": "title"}, headers)
    assert changed.format == "events" and dict(changed.mapping) == {"date": "date", "title": "title"}


def test_counts_and_preview_tell_new_from_stored_events(engine):
    up = Upload.from_bytes("good.csv", GOOD)
    result = upload.check_upload(up, Choices()).result
    stored = store_queries.stored_ids(engine, result.events["id"])
    assert upload.count_rows(result, stored) == upload.Counts(
        rows=3, valid=3, new=3, duplicates=0, rejected=0, merged=0
    )
    store.import_events(
        engine,
        upload.check_upload(Upload.from_bytes("one.csv", GOOD[:80]), Choices()).result,
        file_name="one.csv",
        data_hash="x",
    )
    stored = store_queries.stored_ids(engine, result.events["id"])
    assert stored.tolist() == [True, False, False]
    assert upload.count_rows(result, stored).new == 2
    preview = upload.preview_frame(result, stored)
    assert preview["status"].tolist() == ["already stored", "new", "new"]
    assert preview[["row", "date", "precision"]].values.tolist() == [
        [2, "2019-01-14", "day"],
        [3, "2019-01-22", "day"],
        [4, "1855", "year"],
    ]


def test_the_preview_is_bounded():
    rows = "".join(f"ev{i},2019-01-01,Event {i}\n" for i in range(1200))
    result = upload.check_upload(Upload.from_bytes("many.csv", ("id,date,title\n" + rows).encode()), Choices()).result
    assert len(upload.preview_frame(result, np.zeros(1200, dtype=bool))) == upload.PREVIEW_ROWS


def test_stored_ids_asks_a_large_store_in_chunks(engine, monkeypatch):
    result = upload.check_upload(Upload.from_bytes("good.csv", GOOD), Choices()).result
    store.import_events(engine, result, file_name="good.csv", data_hash="h")
    monkeypatch.setattr(store_queries, "READ_ALL_IDS", 0)
    monkeypatch.setattr(store_queries, "ID_CHUNK", 2)
    assert store_queries.stored_ids(engine, ["a3", "zz", "a1", "a2", "a1"]).tolist() == [True, False, True, True, True]
    assert store_queries.stored_ids(engine, []).tolist() == []
    assert store_queries.batch_of_file(engine, "h")["added"] == 3
    assert store_queries.batch_of_file(engine, "other") is None


def test_the_problems_download_has_every_problem_and_no_live_formula():
    data = b'date,title\n2019-13-01,=HYPERLINK("http://evil.example")\nnot a date,@SUM(1)\n2019-01-01,\n'
    result = upload.check_upload(Upload.from_bytes("bad.csv", data), Choices()).result
    text = upload.problems_csv(result)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["row", "column", "value", "message", "code"]
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("2", "date", "date_invalid"),
        ("3", "date", "date_invalid"),
        ("4", "title", "required_missing"),
    ]
    assert all(not cell.startswith(("=", "+", "@", "-")) for row in rows for cell in row)


def test_detected_facts_read_as_sentences():
    chosen = Choices(format="events", mapping=(("When", "date"), ("What happened", "title")))
    result = upload.check_upload(Upload.from_bytes("ru.csv", UNKNOWN_HEADERS), chosen).result
    lines = dict(upload.detected_facts(result.facts))
    assert lines["Encoding"] == "Windows-1251 (Cyrillic)" and lines["Delimiter"] == "semicolon (;)"
    assert lines["Header"] == "row 1" and lines["Date order"].startswith("day first")
    assert "Date order" not in dict(upload.detected_facts({"format": "events", "encoding": "utf-8"}))


def test_messages_name_the_pages_choices_not_command_line_options():
    assert upload.ui_wording("choose --dayfirst or --monthfirst") == "choose a date order (Date order, above)"
    assert upload.ui_wording("choose the encoding (--encoding)") == "choose the encoding (Encoding, above)"


# ---------------------------------------------------------------- saved mappings


def test_a_saved_mapping_is_offered_for_a_file_of_the_same_shape(engine):
    mappings.save_mapping(engine, "  Ministry   log ", ["When", "What", "Where"], {"When": "date", "What": "title"})
    saved = mappings.list_mappings(engine)
    assert [m.name for m in saved] == ["Ministry log"]
    assert saved[0].same_shape(["where", " WHAT ", "when"]) and not saved[0].same_shape(["When", "What"])
    assert saved[0].fits(["WHEN", "what"]) and not saved[0].fits(["When"])
    assert saved[0].for_headers(["WHEN", "what", "x"]) == {"WHEN": "date", "what": "title"}
    mappings.save_mapping(engine, "Other", ["When", "What"], {"When": "date", "What": "title"})
    assert [m.name for m in mappings.fitting_mappings(mappings.list_mappings(engine), ["When", "What", "Where"])] == [
        "Ministry log",
        "Other",
    ]


def test_saving_again_replaces_and_bad_mappings_are_refused(engine):
    mappings.save_mapping(engine, "m", ["a", "b"], {"a": "date", "b": "title"})
    mappings.save_mapping(engine, "m", ["a", "b"], {"b": "date", "a": "title"})
    assert mappings.list_mappings(engine)[0].mapping == {"b": "date", "a": "title"}
    with pytest.raises(ValueError, match="name"):
        mappings.save_mapping(engine, " \u200b ", ["a", "b"], {"a": "date", "b": "title"})
    with pytest.raises(ValueError, match="title"):
        mappings.save_mapping(engine, "x", ["a", "b"], {"a": "date"})
    with pytest.raises(ValueError, match="more than one"):
        mappings.save_mapping(engine, "x", ["a", "b"], {"a": "date", "b": "date"})
    with pytest.raises(ValueError, match="no column"):
        mappings.save_mapping(engine, "x", ["a"], {"a": "date", "zz": "title"})
    assert mappings.delete_mapping(engine, "m") and not mappings.delete_mapping(engine, "m")


# ---------------------------------------------------------------- batches


def test_the_batch_table_shows_names_as_text_and_undone_state(engine):
    result = upload.check_upload(Upload.from_bytes("good.csv", GOOD), Choices()).result
    first = store.import_events(engine, result, file_name="<img src=x>" + "A" * 300 + ".csv", data_hash="h1")
    store.undo_batch(engine, first.batch)
    store.import_events(engine, result, file_name="again.csv", data_hash="h2")
    table = batches.batch_table(store.list_batches(engine))
    assert table["file"].tolist()[0] == "again.csv" and len(table["file"].tolist()[1]) == 60
    assert table["status"].tolist()[0] == "stored" and table["status"].tolist()[1].startswith("undone 20")
    label = batches.batch_label(store.list_batches(engine).iloc[1])
    assert label.startswith(f"Batch {first.batch} · <img") and label.endswith("3 added · undone")
    assert batches.when("2026-11-29T09:12:37+00:00") == "2026-11-29 09:12 UTC"
    assert isinstance(table, pd.DataFrame)


def test_an_import_after_the_app_read_the_store_is_seen_by_the_next_read(tmp_path):
    """The app reads every event for its index, then a user imports: the next read must see the import
    (a second SQLite library reading the same file in the process once hid it, see diplotime.store.queries)."""
    from diplotime.store import read_all_events, store_revision

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = store.open_store(url, seed_from=None)
    store.import_events(
        engine,
        upload.check_upload(Upload.from_bytes("one.csv", GOOD[:80]), Choices()).result,
        file_name="one.csv",
        data_hash="1",
    )
    assert len(read_all_events(engine)) == 1
    store.import_events(
        engine,
        upload.check_upload(Upload.from_bytes("all.csv", GOOD), Choices()).result,
        file_name="all.csv",
        data_hash="2",
    )
    assert store_revision(engine).startswith("3:") and len(read_all_events(engine)) == 3
    other = store.connect(url)
    assert store.count_events(other) == 3
    other.dispose()
    engine.dispose()


def test_a_large_text_file_gets_a_first_look_from_its_first_part(monkeypatch):
    rows = "".join(f"ev{i},2019-01-01,Event {i}\n" for i in range(30_000))
    big = Upload.from_bytes("big.csv", ("id,date,title\n" + rows).encode())
    monkeypatch.setattr(file_columns, "FIRST_LOOK_BYTES", 100_000)
    assert file_columns.worth_a_first_look(big)
    assert not file_columns.worth_a_first_look(Upload.from_bytes("s.csv", GOOD))
    first = upload.check_upload(file_columns.first_part(big), Choices()).result
    assert 0 < len(first.events) < 30_000 and first.events["source_row"].tolist()[:2] == [2, 3]
    assert not first.problems  # cut after a whole line: no broken last row


def test_checked_events_are_held_as_arrow_strings():
    events = upload.check_upload(Upload.from_bytes("good.csv", GOOD), Choices()).result.events
    assert not [c for c in events.columns if events[c].dtype == object]
    assert events["date"].tolist() == ["2019-01-14", "2019-01-22", "1855"]


@pytest.mark.parametrize(
    ("counts", "strict", "allowed", "label", "caption"),
    [
        (
            Counts(3, 3, 3, 0, 0, 0),
            False,
            True,
            "Import 3 events",
            "Adds 3 new events as one batch. The batch can be undone on the Batches page.",
        ),
        (
            Counts(1, 1, 1, 0, 0, 0),
            False,
            True,
            "Import 1 event",
            "Adds 1 new event as one batch. The batch can be undone on the Batches page.",
        ),
        (
            Counts(5, 3, 2, 1, 2, 0),
            False,
            True,
            "Import 2 events",
            "Adds 2 new events as one batch; the 2 rows with problems are left out; 1 already stored is skipped. "
            "The batch can be undone on the Batches page.",
        ),
        (
            Counts(5, 3, 2, 1, 2, 0),
            True,
            False,
            "Import 2 events",
            "2 rows have problems, so nothing would be imported: fix the file or untick the box.",
        ),
        (
            Counts(2, 1, 1, 0, 1, 0),
            True,
            False,
            "Import 1 event",
            "1 row has problems, so nothing would be imported: fix the file or untick the box.",
        ),
        (
            Counts(3, 3, 0, 3, 0, 0),
            False,
            False,
            "Import 0 events",
            "Nothing to import: every valid event is already stored.",
        ),
        (Counts(3, 0, 0, 0, 3, 0), False, False, "Import 0 events", ""),
    ],
)
def test_the_import_plan_says_what_import_would_store(counts, strict, allowed, label, caption) -> None:
    plan = import_plan(counts, strict)
    assert (plan.allowed, plan.label, plan.caption) == (allowed, label, caption)


@pytest.mark.parametrize(
    ("duplicates", "rejected", "notes"),
    [
        (0, 0, ""),
        (1, 0, "1 was already stored and was skipped."),
        (2, 1, "2 were already stored and were skipped; 1 row with problems was not imported."),
        (0, 3, "3 rows with problems were not imported."),
    ],
)
def test_the_confirmation_counts_what_was_left_out(duplicates, rejected, notes) -> None:
    assert confirmation_notes(duplicates, rejected) == notes
