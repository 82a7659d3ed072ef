"""The bundled dataset: valid, sourced, honest about precision, and telling the story it promises."""

from __future__ import annotations

import pytest

from diplotime.pipeline import check_file
from diplotime.text import is_http_url
from tests.conftest import DATA


@pytest.fixture(scope="module")
def bundled():
    data = (DATA / "kuril_dispute.csv").read_bytes()
    return check_file(data, "kuril_dispute.csv")


def test_bundled_dataset_validates_with_no_problems_or_warnings(bundled) -> None:
    assert bundled.problems == []
    assert bundled.warnings == []
    assert len(bundled.events) >= 60


def test_every_event_has_an_http_source(bundled) -> None:
    assert all(is_http_url(s) for s in bundled.events["source"])


def test_span_and_precisions(bundled) -> None:
    events = bundled.events
    assert events["date"].min() == "1855-02-07"
    assert events["date_start"].max() >= "2025-01-01"
    assert {"day", "month", "year"} <= set(events["date_precision"])
    assert events["dataset"].unique().tolist() == ["kuril_dispute"]


@pytest.mark.parametrize(
    ("date", "event_type", "words"),
    [
        ("1855-02-07", "treaty", "Shimoda"),
        ("1875-05-07", "treaty", "Saint Petersburg"),
        ("1905-09-05", "treaty", "Portsmouth"),
        ("1945-02-11", "treaty", "Yalta"),
        ("1951-09-08", "treaty", "San Francisco"),
        ("1956-10-19", "treaty", "Joint Declaration"),
        ("1993-10-13", "treaty", "Tokyo Declaration"),
        ("1997-11-01", "summit", "Krasnoyarsk"),
        ("1998-04-18", "summit", "Kawana"),
        ("2001-03-25", "treaty", "Irkutsk"),
        ("2010-11-01", "visit", "Medvedev"),
        ("2016-12-15", "summit", "Nagato"),
        ("2018-11-14", "summit", "Singapore"),
        ("2019-01-14", "ministerial_talks", "Kono–Lavrov"),
        ("2019-01-16", "press_conference", "Lavrov"),
        ("2019-01-20", "protest", "Moscow rally"),
        ("2019-01-22", "summit", "Abe–Putin"),
        ("2022-03-21", "statement", "suspends peace-treaty talks"),
    ],
)
def test_the_story_is_told(bundled, date: str, event_type: str, words: str) -> None:
    match = bundled.events[(bundled.events["date"] == date) & bundled.events["title"].str.contains(words)]
    assert list(match["event_type"]) == [event_type]


def test_polls_show_most_russians_oppose_a_handover(bundled) -> None:
    polls = bundled.events[bundled.events["event_type"] == "poll"]
    assert len(polls) >= 2
    assert polls["title"].str.contains("oppose").any()


def test_japanese_and_russian_names_survive(bundled) -> None:
    titles = " ".join(bundled.events["title"])
    assert "日ソ共同宣言" in titles and "Симодский трактат" in titles
