"""Filters over the events, and the view state as a link: round trips and invalid values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from diplotime.explore.filters import Filters, filter_events, search_terms
from diplotime.explore.index import filter_options, index_events, normalise_search
from diplotime.explore.link import (
    Era,
    ViewState,
    date_param,
    decode_view,
    encode_view,
    parse_date_param,
    parse_era,
    parse_place,
)
from tests.fixtures import small_events


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return small_events()


@pytest.fixture(scope="module")
def index(events: pd.DataFrame):
    return index_events(events)


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["id"].tolist()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(),
            [
                "shimoda",
                "petersburg",
                "invasion",
                "occupation",
                "declaration",
                "talks",
                "presser",
                "rally",
                "summit",
                "visit",
                "tokyo",
                "nowhere",
            ],
        ),
        (Filters(types=("treaty",)), ["shimoda", "petersburg", "declaration"]),
        (Filters(types=("summit", "protest")), ["rally", "summit"]),
        (Filters(countries=("USA",)), ["tokyo"]),
        (
            Filters(countries=("USA", "JPN")),
            [
                "shimoda",
                "petersburg",
                "invasion",
                "occupation",
                "declaration",
                "talks",
                "presser",
                "summit",
                "visit",
                "tokyo",
            ],
        ),
        (Filters(actors=("Sergey Lavrov",)), ["talks", "presser"]),
        (Filters(actors=("Sergey Lavrov", "Vladimir Putin")), ["talks", "presser", "summit"]),
        (Filters(datasets=("other_set",)), ["tokyo", "nowhere"]),
        # Dates keep events whose covered span overlaps the range: the 1875 treaty (year precision)
        # is in a range that starts in June 1875; the occupation (Aug 1945) is in 20-31 Aug 1945.
        (Filters(date_from=dt.date(1875, 6, 1), date_to=dt.date(1875, 6, 30)), ["petersburg"]),
        (Filters(date_from=dt.date(1945, 8, 20), date_to=dt.date(1945, 8, 31)), ["invasion", "occupation"]),
        (Filters(date_from=dt.date(2019, 1, 15), date_to=dt.date(2019, 1, 21)), ["presser", "rally"]),
        (Filters(date_from=dt.date(2019, 1, 22)), ["summit", "visit", "tokyo", "nowhere"]),
        (Filters(date_to=dt.date(1855, 2, 7)), ["shimoda"]),
        (Filters(text="moscow"), ["declaration", "talks", "presser", "rally", "summit"]),
        (Filters(text="MOSCOW rally"), ["rally"]),
        (Filters(text='"peace-treaty talks"'), ["talks"]),
        (Filters(text="петербургский"), ["petersburg"]),  # Cyrillic, case-insensitive
        (Filters(text="日露"), ["shimoda"]),  # Japanese
        (Filters(text="ｓｈｉｍｏｄａ"), ["shimoda"]),  # full-width letters (NFKC)
        (Filters(text="lavrov", types=("press_conference",), countries=("RUS",)), ["presser"]),
        (Filters(text="no such words anywhere"), []),
        (Filters(types=("treaty",), date_from=dt.date(2000, 1, 1)), []),
    ],
)
def test_filter_events_applies_every_filter(events, index, filters, expected):
    assert ids(filter_events(index, filters)) == expected
    assert ids(filter_events(events, filters)) == expected  # a plain frame works too


def test_filter_events_does_not_change_its_input(events):
    before = events.copy()
    filter_events(events, Filters(text="moscow", types=("summit",)))
    pd.testing.assert_frame_equal(events, before)


def test_search_looks_in_aliases_when_the_store_has_them(events):
    without = events.drop(columns=["aliases"], errors="ignore")
    assert ids(filter_events(without, Filters(text="エトロフ"))) == []
    with_aliases = without.assign(
        aliases=["", "", "", "Etorofu;エトロフ", "", "", "", "", "", "Etorofu;エトロフ", "", ""]
    )
    assert ids(filter_events(with_aliases, Filters(text="エトロフ"))) == ["occupation", "visit"]


def test_search_finds_a_place_by_its_other_names_after_import(events):
    # The import fills `aliases` for known places, so the Japanese and Russian names find Iturup.
    if "aliases" not in events.columns:
        pytest.skip("this store has no aliases column yet")
    assert ids(filter_events(events, Filters(text="択捉島"))) == ["occupation", "visit"]
    assert ids(filter_events(events, Filters(text="Итуруп"))) == ["occupation", "visit"]


def test_search_looks_in_actors_place_and_description(events):
    assert ids(filter_events(events, Filters(text="enomoto"))) == ["petersburg"]
    assert ids(filter_events(events, Filters(text="shumshu"))) == ["invasion"]
    assert ids(filter_events(events, Filters(text="results of wwii"))) == ["presser"]


def test_search_terms_split_words_and_quoted_phrases():
    assert search_terms('Abe "peace treaty"  Путин') == ["abe", "peace treaty", "путин"]
    assert search_terms('unbalanced "quote') == ["unbalanced", "quote"]
    assert normalise_search("Ёлка ＡＢＥ") == "елка abe"


def test_filter_options_list_what_the_store_holds(index):
    options = filter_options(index)
    assert options.types == (
        "summit",
        "ministerial_talks",
        "visit",
        "press_conference",
        "statement",
        "treaty",
        "protest",
        "military",
        "poll",
    )
    assert options.countries == ("JPN", "RUS", "USA")
    assert "Sergey Lavrov" in options.actors
    assert options.datasets == ("kuril_dispute", "other_set")
    assert str(options.first_day) == "1855-02-07" and str(options.last_day) == "2023-05-31"


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("day", "end", "text"),
    [
        (dt.date(1945, 1, 1), False, "1945"),
        (dt.date(1945, 8, 1), False, "1945-08"),
        (dt.date(1945, 8, 18), False, "1945-08-18"),
        (dt.date(1945, 12, 31), True, "1945"),
        (dt.date(1945, 8, 31), True, "1945-08"),
        (dt.date(1948, 2, 29), True, "1948-02"),
        (dt.date(1945, 8, 30), True, "1945-08-30"),
    ],
)
def test_dates_in_links_use_the_shortest_exact_form(day, end, text):
    assert date_param(day, end) == text
    assert parse_date_param(text, end) == day


FULL_VIEW = ViewState(
    filters=Filters(
        date_from=dt.date(1945, 8, 1),
        date_to=dt.date(2019, 1, 31),
        types=("summit", "treaty"),
        countries=("JPN",),
        actors=("Sergey Lavrov", "Vladimir Putin"),
        text='Abe "peace treaty"',
        datasets=("kuril_dispute",),
    ),
    group_by="actor",
    eras=(Era(dt.date(1941, 4, 13), dt.date(1945, 9, 2), "Pacific War"),),
    event="summit",
    place="55.756,37.617",
    map_view="places",
    step="month",
    play="window",
    window=3,
)


def test_view_round_trips_through_the_query_string(index):
    params = encode_view(FULL_VIEW)
    assert params["from"] == ["1945-08"] and params["to"] == ["2019-01"]
    assert params["type"] == ["summit", "treaty"] and params["group"] == ["actor"]
    view, notices = decode_view(params, filter_options(index), index)
    assert notices == []
    assert view == FULL_VIEW


def test_default_view_gives_an_empty_query_string():
    assert encode_view(ViewState()) == {}
    assert decode_view({}) == (ViewState(), [])


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"country": ["<script>alert(1)</script>"]}, "country"),
        ({"type": ["sumit"]}, "event type"),
        ({"actor": ["Nobody Atall"]}, "actor"),
        ({"dataset": ["x' OR '1'='1"]}, "dataset"),
        ({"event": ["1' OR '1'='1"]}, "not in the data"),
        ({"from": ["99999-99-99"]}, "from="),
        ({"to": ["1855-02-30"]}, "to="),
        ({"from": ["2020"], "to": ["1990"]}, "after"),
        ({"group": ["weather"]}, "group="),
        ({"map": ["tiles"]}, "map="),
        ({"step": ["century"]}, "step="),
        ({"play": ["loop"]}, "play="),
        ({"window": ["-3"]}, "window="),
        ({"window": ["9999999999"]}, "window="),
        ({"era": ["sometime Pacific War"]}, "era"),
        ({"era": ["1950..1940 backwards"]}, "era"),
        ({"place": ["javascript:alert(1)"]}, "place="),
        ({"place": ["95.0,10.0"]}, "place="),
        ({"utm_source": ["mail"]}, "unknown"),
        ({"q": ["x" * 5000]}, "over-long"),
    ],
)
def test_invalid_link_values_are_ignored_with_a_notice(index, params, notice):
    view, notices = decode_view(params, filter_options(index), index)
    assert len(notices) >= 1
    assert notice in " ".join(notices)
    baseline = ViewState()
    assert view.filters == baseline.filters or view.filters.date_from is None
    assert view.group_by in ("type",) and view.event == "" and view.place == ""


def test_valid_values_survive_next_to_invalid_ones(index):
    view, notices = decode_view(
        {"type": ["treaty", "bogus", "treaty"], "country": ["JPN", "QQQ"]}, filter_options(index), index
    )
    assert view.filters.types == ("treaty",)
    assert view.filters.countries == ("JPN",)
    assert len(notices) == 2


def test_a_single_value_given_twice_uses_the_first(index):
    view, notices = decode_view({"group": ["country", "actor"]}, filter_options(index), index)
    assert view.group_by == "country"
    assert "first value" in notices[0]


def test_without_options_only_the_form_of_values_is_checked():
    view, notices = decode_view({"type": ["treaty", "nonsense"], "country": ["JPN", "japan"], "actor": ["Anyone"]})
    assert view.filters.types == ("treaty",) and view.filters.countries == ("JPN",)
    assert view.filters.actors == ("Anyone",)
    assert len(notices) == 2


def test_eras_parse_and_reject():
    assert parse_era("1941-04..1945-09 Pacific War") == Era(dt.date(1941, 4, 1), dt.date(1945, 9, 30), "Pacific War")
    assert parse_era("1991..2001") == Era(dt.date(1991, 1, 1), dt.date(2001, 12, 31), "")
    for bad in ("1991", "2001..1991 x", "abc..def", "1945-13..1946 x"):
        with pytest.raises(ValueError):
            parse_era(bad)


def test_places_parse_and_reject():
    assert parse_place("43.072,-70.763") == ("latlon", 43.072, -70.763)
    assert parse_place("country:JPN") == ("country", "JPN")
    for bad in ("country:japan", "91,10", "10,181", "Moscow", "1,2,3"):
        assert parse_place(bad) is None
