"""Foreign formats: detection, choosing one by name, their recipes, and import -> export -> import for each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplotime import export, formats, schema, store
from diplotime.errors import UnusableFile
from diplotime.formats import acled, cameo, gdelt, timelinejs
from diplotime.formats.base import MapOptions
from diplotime.pipeline import check_file
from diplotime.read import ReadOptions

FILES = Path(__file__).resolve().parent / "files"
DATA = Path(__file__).resolve().parent.parent / "data"
GDELT = (FILES / "gdelt_20190114.export.CSV").read_bytes()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("gdelt_20190114.export.CSV", "gdelt"),
        ("acled_export.csv", "acled"),
        ("icews_events.tab", "icews"),
        ("timelinejs_sheet.csv", "timelinejs"),
        ("cp1251_semicolon_russian.csv", "events"),
        ("workbook_dates.xlsx", "events"),
    ],
)
def test_each_format_is_detected(name: str, fmt: str) -> None:
    assert check_file((FILES / name).read_bytes(), name).facts["format"] == fmt


def test_every_registered_format_has_the_module_interface() -> None:
    for name, module in formats.FORMATS.items():
        assert module.NAME == name and module.LABEL
        assert callable(module.detect) and callable(module.map_table)


def test_a_format_can_be_chosen_by_name() -> None:
    result = check_file(GDELT, "export.txt", ReadOptions(format="gdelt"))
    assert result.facts["format"] == "gdelt" and len(result.events) == 3


def test_choosing_a_format_that_does_not_fit_is_one_clear_error() -> None:
    with pytest.raises(UnusableFile, match="61 .* columns"):
        check_file(b"date,title\n2019-01-22,x\n", "x.csv", ReadOptions(format="gdelt"))
    with pytest.raises(UnusableFile, match="no event_id_cnty"):
        check_file(b"date,title\n2019-01-22,x\n", "x.csv", ReadOptions(format="acled"))


def test_a_gdelt_file_with_bigquery_column_names_reads_the_same() -> None:
    header = "\t".join(gdelt.COLUMNS[61][1]).replace("GlobalEventID", "GLOBALEVENTID").replace("Day", "SQLDATE", 1)
    with_header = check_file(header.encode() + b"\n" + GDELT, "bq.tsv")
    plain = check_file(GDELT, "bq.tsv")
    assert with_header.facts["format"] == "gdelt" and with_header.rows == plain.rows == 6
    pd.testing.assert_frame_equal(
        with_header.events.drop(columns="source_row"), plain.events.drop(columns="source_row")
    )


def test_gdelt_1_0_files_with_58_columns_are_read() -> None:
    rows = [line.split("\t") for line in GDELT.decode().splitlines()]
    dropped = {gdelt.COLUMNS[61][1].index(f"{who}Geo_ADM2Code") for who in ("Actor1", "Actor2", "Action")}
    old = "\n".join("\t".join(v for i, v in enumerate(r) if i not in dropped) for r in rows).encode()
    result = check_file(old, "gdelt1.txt")
    assert result.facts["format"] == "gdelt" and result.events["id"].tolist() == [
        "gdelt-817000001",
        "gdelt-817000002",
        "gdelt-817000005",
    ]
    assert '"source_dataset": "GDELT 1.0"' in result.events["extra"][0]
    backfile = "\n".join("\t".join(line.split("\t")[:-1]) for line in old.decode().splitlines()).encode()
    events = check_file(backfile, "gdelt-backfile.txt").events  # 57 columns: no SOURCEURL
    assert len(events) == 3 and (events["source"] == "").all()


@pytest.mark.parametrize(
    ("code", "kind", "name"),
    [
        ("046", "ministerial_talks", "Engage in negotiation"),
        ("46", "ministerial_talks", "Engage in negotiation"),
        ("042", "visit", "Make a visit"),
        ("043", "visit", "Host a visit"),
        ("057", "treaty", "Sign formal agreement"),
        ("1411", "protest", "Demonstrate or rally"),
        ("14", "protest", "Protest"),
        ("010", "statement", "Make statement"),
        ("1042", "statement", "Demand policy change"),
        ("173", "incident", "Arrest, detain, or charge with legal action"),
        ("192", "military", "Occupy territory"),
        ("20", "military", "Use unconventional mass violence"),
        ("99", "statement", "Investigate"),
        ("XYZ", "other", "CAMEO XYZ"),
    ],
)
def test_cameo_codes_become_event_types_and_names(code: str, kind: str, name: str) -> None:
    assert (cameo.event_type(code), cameo.event_name(code)) == (kind, name)


@pytest.mark.parametrize(
    ("kind", "sub", "expected"),
    [
        ("Protests", "Peaceful protest", "protest"),
        ("Riots", "Violent demonstration", "protest"),
        ("Battles", "Armed clash", "military"),
        ("Strategic developments", "Agreement", "treaty"),
        ("Strategic developments", "Arrests", "incident"),
        ("Strategic developments", "Other", "statement"),
        ("Violence against civilians", "Attack", "incident"),
        ("Unknown", "", "other"),
    ],
)
def test_acled_types_become_event_types(kind: str, sub: str, expected: str) -> None:
    assert acled.event_type(kind, sub) == expected


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Abe &amp; Putin</p><p>met</p>", "Abe & Putin\nmet"),
        ("plain &lt;text&gt;", "plain <text>"),
        ("<b>bold</b> and <i>italic</i>", "bold and italic"),
        ("<script>alert(1)</script>Safe", "Safe"),
        ("line<br>break", "line\nbreak"),
        ("", ""),
    ],
)
def test_timelinejs_html_becomes_plain_text(html: str, text: str) -> None:
    assert timelinejs.html_to_text(html) == text


@pytest.mark.parametrize(
    ("parts", "date"),
    [
        (("2016", "12", "5"), "2016-12-05"),
        (("1855", "", ""), "1855"),
        (("1945", "8", ""), "1945-08"),
        (("", "", ""), ""),
        (("-500", "", ""), "-500"),
        (("2019", "Jan", "22"), "2019-Jan-22"),
    ],
)
def test_timelinejs_split_dates_are_composed_for_the_date_parser(parts: tuple[str, str, str], date: str) -> None:
    assert timelinejs.compose_date(*parts) == date


ROUND_TRIP = [
    "gdelt_20190114.export.CSV",
    "acled_export.csv",
    "icews_events.tab",
    "timelinejs_sheet.csv",
    "workbook_dates.xlsx",
    "cp1251_semicolon_russian.csv",
    "places_without_coordinates.csv",
]
COMPARED = [*schema.COLUMN_NAMES, "aliases"]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_import_export_import_gives_the_same_events(name: str, sqlite_url: str) -> None:
    engine = store.open_store(sqlite_url, seed_from=None)
    data = (FILES / name).read_bytes()
    first = store.import_events(engine, check_file(data, name), file_name=name, data_hash=store.file_hash(data))
    stored = store.read_events(engine)
    assert first.added == len(stored) > 0
    exported = export.to_safe_csv(stored).encode("utf-8")
    again = check_file(exported, "exported.csv")
    assert not again.problems, again.problems
    second = store.import_events(engine, again, file_name="exported.csv", data_hash=store.file_hash(exported))
    assert (second.added, second.duplicates) == (0, len(stored))
    before = stored.set_index("id").sort_index()[COMPARED[1:]]
    after = again.events.set_index("id").sort_index()[COMPARED[1:]]
    pd.testing.assert_frame_equal(before.astype(str), after.astype(str), check_dtype=False, check_index_type=False)


def test_the_bundled_dataset_round_trips_too(sqlite_url: str) -> None:
    engine = store.open_store(sqlite_url, seed_from=DATA)
    stored = store.read_events(engine)
    again = check_file(export.to_safe_csv(stored).encode("utf-8"), "exported.csv", map_options=MapOptions())
    assert not again.problems and len(again.events) == len(stored)
    assert (
        again.events.set_index("id").sort_index()["aliases"] == stored.set_index("id").sort_index()["aliases"]
    ).all()


def test_a_wide_file_keeps_every_extra_column_and_names_a_few_in_its_warning() -> None:
    extras = [f"extra_{i}" for i in range(300)]
    data = (
        "date,title,event_type," + ",".join(extras) + "\n2019-01-22,Talks,summit," + ",".join(extras) + "\n"
    ).encode()
    result = check_file(data, "wide.csv")
    assert len(result.events) == 1 and result.rejected_rows == 0
    stored = result.events["extra"].iloc[0]
    assert all(f'"{name}": "{name}"' in stored for name in (extras[0], extras[150], extras[-1]))
    warning = next(w for w in result.warnings if w.startswith("columns kept as extra attributes"))
    assert warning.endswith("extra_19 and 280 more")
