"""Parsing recipes, as tables of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from diplotime.formats.codes import to_alpha3
from diplotime.schema import normalise_event_type
from diplotime.text import is_http_url
from diplotime.validate.dates import PartialDate, parse_iso_date
from diplotime.validate.recipes import clean_text, parse_coordinate, split_list


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("1855-02-07", "1855-02-07", "day"),
        ("1855-02", "1855-02", "month"),
        ("1855", "1855", "year"),
        (" 2019-01-22 ", "2019-01-22", "day"),
        ("1648-10-24", "1648-10-24", "day"),  # before pandas' 1677 limit
        ("2300-01-01", "2300-01-01", "day"),  # after pandas' 2262 limit
        ("2019-1-5", "2019-01-05", "day"),
        ("2019-01-22T10:30:00Z", "2019-01-22", "day"),
        ("2019-01-22 10:30", "2019-01-22", "day"),
        ("0800", "0800", "year"),
    ],
)
def test_iso_dates_keep_their_precision(text: str, iso: str, precision: str) -> None:
    date = parse_iso_date(text)
    assert (date.iso(), date.precision) == (iso, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("1855-02-30", "day 30 does not exist"),
        ("1855-13", "month 13"),
        ("55", "two-digit year"),
        ("-0500", "before the common era"),
        ("0000", "before the common era"),
        ("12345", "four digits"),
        ("yesterday", "not a date"),
        ("1" * 500, "too long"),
    ],
)
def test_bad_iso_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("date", "label", "start", "end"),
    [
        (PartialDate(1875), "1875", dt.date(1875, 1, 1), dt.date(1875, 12, 31)),
        (PartialDate(1945, 8), "Aug 1945", dt.date(1945, 8, 1), dt.date(1945, 8, 31)),
        (PartialDate(2020, 2), "Feb 2020", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        (PartialDate(2019, 1, 22), "22 Jan 2019", dt.date(2019, 1, 22), dt.date(2019, 1, 22)),
    ],
)
def test_partial_dates_cover_their_span(date: PartialDate, label: str, start: dt.date, end: dt.date) -> None:
    assert (date.label(), date.start(), date.end()) == (label, start, end)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("JPN", "JPN"),
        ("jp", "JPN"),
        ("Japan", "JPN"),
        ("RU", "RUS"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("USSR", "RUS"),
        ("Soviet Union", "RUS"),
        ("Russian Empire", "RUS"),
        ("SUN", "RUS"),
        ("Россия", "RUS"),
        ("日本", "JPN"),
        ("NA", "NAM"),
        ("Namibia", "NAM"),
        ("United States", "USA"),
        ("US", "USA"),
        ("Great Britain", "GBR"),
        ("Singapore", "SGP"),
        (" sgp ", "SGP"),
    ],
)
def test_countries_become_alpha3(text: str, code: str) -> None:
    assert to_alpha3(text) == code


@pytest.mark.parametrize("text", ["Narnia", "XX", "Czechoslovakia", "Prussia", "", "Q" * 200])
def test_unknown_countries_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValueError):
        to_alpha3(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("55.7522", "lat", 55.7522),
        ("-33.5", "lat", -33.5),
        ("55,75", "lat", 55.75),
        ("180", "lon", 180.0),
        ("", "lat", None),
        ("  ", "lon", None),
    ],
)
def test_coordinates(text: str, kind: str, value: float | None) -> None:
    assert parse_coordinate(text, kind) == value


@pytest.mark.parametrize(
    ("text", "kind"), [("95", "lat"), ("-91", "lat"), ("200", "lon"), ("north", "lat"), ("1" * 50, "lon")]
)
def test_bad_coordinates_are_refused(text: str, kind: str) -> None:
    with pytest.raises(ValueError):
        parse_coordinate(text, kind)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("summit", ("summit", True)),
        ("Ministerial Talks", ("ministerial_talks", True)),
        ("press-conference", ("press_conference", True)),
        ("Rally", ("protest", True)),
        ("митинг", ("protest", True)),
        ("首脳会談", ("summit", True)),
        ("Пресс-конференция", ("press_conference", True)),
        ("", ("other", True)),
        ("tea party", ("other", False)),
    ],
)
def test_event_types_map_onto_the_vocabulary(label: str, expected: tuple[str, bool]) -> None:
    assert normalise_event_type(label) == expected


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.mofa.go.jp/a.html", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("\x01javascript:x", False),
        ("data:text/html,x", False),
        ("ftp://x.org", False),
        ("Kyodo News, 22 Jan 2019", False),
        ("https://", False),
        ("https://exa mple.org", False),
    ],
)
def test_only_http_urls_are_links(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [(" Abe ", "Abe"), ("e\u0301", "é"), ("evil\u202egnp.exe", "evilgnp.exe"), ("Кунашир", "Кунашир")],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_split_list_drops_empty_items() -> None:
    assert split_list("Shinzo Abe; Vladimir Putin;;") == ["Shinzo Abe", "Vladimir Putin"]
