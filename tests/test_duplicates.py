"""Likely duplicates (issue 18): a file describing the same talks under other ids is flagged before import."""

from __future__ import annotations

import pandas as pd
import pytest

from diplotime import pipeline
from diplotime.upload.duplicates import likely_duplicates, title_similarity, without
from tests.fixtures import small_events

HEADER = "id,date,title,event_type,actors,location\n"


def checked(rows: str) -> pd.DataFrame:
    result = pipeline.check_file((HEADER + rows).encode(), "other-source.csv")
    assert not result.problems, result.problems
    return result.events


@pytest.mark.parametrize(
    ("row", "match"),
    [
        # Another source's wording of the 22 Jan 2019 summit, another spelling of Putin.
        ("tass-1,2019-01-22,Putin and Abe hold talks in the Kremlin,summit,Владимир Путин;Shinzo Abe,Moscow", "summit"),
        ("nhk-7,22/01/2019,Abe–Putin Kremlin talks,summit,Abe Shinzō,Moscow", "summit"),
        ("x-3,2019-01-14,Kono and Lavrov talks in Moscow,ministerial_talks,Sergei Lavrov,Moscow", "talks"),
        # No actors given: only a very close title counts.
        ("x-4,2019-01-16,Lavrov's annual press conference,press_conference,,Moscow", "presser"),
    ],
)
def test_the_same_talks_from_another_source_are_flagged(row, match):
    found = likely_duplicates(checked(row), small_events())
    assert found.table["match_id"].tolist() == [match]
    assert found.table["match_where"].tolist() == ["stored"]
    assert found.table["row"].tolist() == [2]  # the spreadsheet row


@pytest.mark.parametrize(
    "row",
    [
        "x-5,2019-01-23,Putin and Abe hold talks in the Kremlin,summit,Vladimir Putin,Moscow",  # another day
        "x-6,2019-01-22,Putin meets Erdogan in the Kremlin,summit,Vladimir Putin,Moscow",  # another meeting
        "x-7,2019-01-22,Abe and Putin talks in the Kremlin,summit,Xi Jinping,Moscow",  # nobody in common
        "x-8,2019-01,Abe–Putin talks in the Kremlin,summit,Shinzo Abe,Moscow",  # only the month: not the same date
    ],
)
def test_other_events_on_or_near_that_day_are_not_flagged(row):
    assert len(likely_duplicates(checked(row), small_events())) == 0


def test_two_rows_of_one_file_about_the_same_event_are_flagged_against_each_other():
    rows = (
        "a-1,2024-03-05,Lavrov meets Kamikawa in Tokyo,ministerial_talks,Sergey Lavrov;Yoko Kamikawa,Tokyo\n"
        "b-9,2024-03-05,Kamikawa and Lavrov meet in Tokyo,ministerial_talks,Сергей Лавров,Tokyo\n"
    )
    found = likely_duplicates(checked(rows), small_events())
    assert found.table[["id", "match_id", "match_where"]].values.tolist() == [["b-9", "a-1", "row 2"]]


def test_skipping_leaves_the_other_events_to_import():
    result = pipeline.check_file(
        (
            HEADER + "a,2019-01-22,Abe–Putin talks,summit,Shinzo Abe,Moscow\nb,2020-01-01,Other,statement,,Tokyo\n"
        ).encode()
    )
    assert without(result, ["a"]).events["id"].tolist() == ["b"]
    assert without(result, []).events is result.events


def test_too_many_candidates_are_not_compared_and_say_so():
    found = likely_duplicates(
        checked("x,2019-01-22,Abe–Putin talks,summit,Shinzo Abe,Moscow"), small_events(), max_pairs=0
    )
    assert not found.complete and len(found) == 0


@pytest.mark.parametrize(
    ("a", "b", "at_least", "below"),
    [
        ("Abe–Putin talks in the Kremlin", "Putin and Abe hold talks in Kremlin", 0.99, 1.01),
        ("Kono–Lavrov peace-treaty talks", "Kono and Lavrov talk on a peace treaty", 0.6, 1.01),
        ("Treaty of Shimoda", "Moscow rally against any handover", 0.0, 0.3),
        ("日露首脳会談", "日露首脳会談（モスクワ）", 0.6, 1.01),  # no spaces: compared as text
    ],
)
def test_title_similarity(a, b, at_least, below):
    assert at_least <= title_similarity(a, b) < below
