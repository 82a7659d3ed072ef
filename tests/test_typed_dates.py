"""A date range you can type (issue 18): From and To boxes beside the slider, and presets inside the data."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from diplotime import store
from diplotime.explore import ranges
from tests.fixtures import build_store
from tests.test_pages import event_ids, figure, no_errors, open_page

FIRST, LAST = dt.date(1855, 2, 7), dt.date(2023, 5, 31)  # the small table's span


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2019", False, dt.date(2019, 1, 1)),
        ("2019", True, dt.date(2019, 12, 31)),
        ("Jan 2019", False, dt.date(2019, 1, 1)),
        ("Jan 2019", True, dt.date(2019, 1, 31)),
        ("Feb 2020", True, dt.date(2020, 2, 29)),
        ("2019-01-22", False, dt.date(2019, 1, 22)),
        ("2019-01-22", True, dt.date(2019, 1, 22)),
        ("22 Jan 2019", True, dt.date(2019, 1, 22)),
        ("22.01.2019", False, dt.date(2019, 1, 22)),
        ("03/04/2019", False, dt.date(2019, 4, 3)),  # day first, as in most of the world
        ("январь 2019", True, dt.date(2019, 1, 31)),
        (" 1945-08 ", False, dt.date(1945, 8, 1)),
    ],
)
def test_a_typed_date_is_the_first_or_last_day_of_what_was_typed(text, end, expected):
    assert ranges.typed_day(text, end) == expected


@pytest.mark.parametrize("text", ["", "soon", "2019-13", "19", "1 BC"])
def test_what_is_not_a_date_says_what_to_type(text):
    with pytest.raises(ValueError, match="2019"):
        ranges.typed_day(text, end=False)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (1, (dt.date(2022, 6, 1), LAST)),
        (10, (dt.date(2013, 6, 1), LAST)),
        (50, (dt.date(1973, 6, 1), LAST)),
        (200, (FIRST, LAST)),  # never before the first event
        (0, (FIRST, LAST)),
    ],
)
def test_presets_end_on_the_last_event_and_stay_inside_the_data(years, expected):
    assert ranges.preset_range(years, FIRST, LAST) == expected


def test_a_preset_from_a_leap_day():
    assert ranges.preset_range(1, dt.date(1900, 1, 1), dt.date(2024, 2, 29)) == (
        dt.date(2023, 3, 1),
        dt.date(2024, 2, 29),
    )


# ---------------------------------------------------------------- on the page


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('typed') / 'small.sqlite'}"
    build_store(url)
    return url


@pytest.fixture
def timeline(monkeypatch: pytest.MonkeyPatch, small_store: str) -> AppTest:
    monkeypatch.setenv(store.ENV_URL, small_store)
    return open_page("pages/timeline.py")


@pytest.mark.parametrize(
    ("start", "stop", "link", "x_range", "drawn"),
    [
        (
            "2019",
            "2019",
            ("2019", "2019"),
            ["2019-01-01", "2020-01-01"],
            {"talks", "presser", "rally", "summit", "visit"},
        ),
        (
            "Jan 2019",
            "Jan 2019",
            ("2019", "2019-01"),
            ["2019-01-01", "2019-02-01"],
            {"talks", "presser", "rally", "summit"},
        ),
        (
            "2019-01-15",
            "2019-01-22",
            ("2019-01-15", "2019-01-22"),
            ["2019-01-15", "2019-01-23"],
            {"presser", "rally", "summit"},
        ),
        ("1945", "22 Jan 2019", ("1945", "2019-01-22"), ["1945-01-01", "2019-01-23"], None),
    ],
)
def test_a_typed_range_gives_exactly_that_range(timeline, start, stop, link, x_range, drawn):
    at = timeline
    at.text_input(key="f_from").input(start).run()
    at.text_input(key="f_to").input(stop).run()
    no_errors(at)
    assert (at.query_params["from"], at.query_params["to"]) == link
    assert figure(at)["layout"]["xaxis"]["range"] == x_range  # the chart shows that range, no more
    first, last = ranges.typed_day(start, False), ranges.typed_day(stop, True)
    assert at.slider(key="f_dates").value == (first, last)
    if drawn is not None:
        assert event_ids(figure(at)) == drawn
    assert (at.text_input(key="f_from").value, at.text_input(key="f_to").value) == (start, stop)  # as typed


def test_moving_the_slider_fills_the_boxes(timeline):
    at = timeline
    at.slider(key="f_dates").set_value((dt.date(1945, 8, 1), dt.date(1956, 12, 31))).run()
    assert (at.text_input(key="f_from").value, at.text_input(key="f_to").value) == ("1945-08", "1956")
    assert at.query_params["from"] == "1945-08" and at.query_params["to"] == "1956"


def test_a_date_that_cannot_be_read_is_explained_and_changes_nothing(timeline):
    at = timeline
    at.text_input(key="f_from").input("the war").run()
    assert "from" not in at.query_params
    assert any("is not a date" in c.value for c in at.sidebar.caption)


def test_a_preset_stays_inside_the_data(timeline):
    at = timeline
    at.button(key="f_preset_10").click().run()
    assert (at.query_params["from"], at.query_params.get("to")) == ("2013-06", None)
    assert at.slider(key="f_dates").value == (dt.date(2013, 6, 1), LAST)
    assert event_ids(figure(at)) == {"talks", "presser", "rally", "summit", "visit", "tokyo", "nowhere"}
    at.button(key="f_preset_0").click().run()
    assert "from" not in at.query_params and at.text_input(key="f_from").value == ""
