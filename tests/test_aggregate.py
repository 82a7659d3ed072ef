"""Counting for the explore pages: periods, lanes, top lists, the store revision and the fast read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diplotime import store
from diplotime.explore import aggregate
from diplotime.explore.index import index_events
from diplotime.store import read_all_events, store_revision
from tests.fixtures import build_store, small_events

DAYS = np.array(
    ["2019-01-22", "1945-08-18", "1855-02-07", "1969-12-29", "1970-01-04", "1650-03-03", "2300-12-31"],
    dtype="datetime64[D]",
)


@pytest.mark.parametrize("period", [name for name, _ in aggregate.PERIODS])
def test_period_numbers_and_floors_agree(period):
    ordinals = aggregate.period_ordinal(DAYS, period)
    starts = aggregate.ordinal_start(ordinals, period)
    assert (starts == aggregate.period_floor(DAYS, period)).all()
    assert (starts <= DAYS).all() and (DAYS < aggregate.period_next(starts, period)).all()


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("day", "22 Jan 2019"),
        ("week", "week of 21 Jan 2019"),
        ("month", "Jan 2019"),
        ("quarter", "Q1 2019"),
        ("year", "2019"),
        ("5 years", "2015–2019"),
        ("decade", "2010s"),
        ("25 years", "2000–2024"),
    ],
)
def test_period_labels_read_naturally(period, label):
    start = aggregate.period_floor(DAYS[:1], period)[0]
    assert aggregate.period_label(start, period) == label


def test_choose_period_gives_at_most_the_bins_asked_for():
    first, last = np.datetime64("1855-02-07"), np.datetime64("2025-05-14")
    assert aggregate.choose_period(first, last, 200) == "year"
    assert aggregate.choose_period(first, last, 120) == "5 years"
    assert aggregate.choose_period(np.datetime64("2019-01-01"), np.datetime64("2019-03-01"), 120) == "day"


def test_counts_per_lane_and_period_add_up():
    index = index_events(small_events())
    everything = np.ones(len(index), dtype=bool)
    lanes = aggregate.assign_lanes(index, everything, "country")
    cells = aggregate.lane_cells(index, lanes, "decade")
    assert cells["count"].sum() == len(lanes.rows)
    russia_2010s = cells[(cells["lane"] == 0) & (cells["label"] == "2010s")].iloc[0]
    assert russia_2010s["count"] == 5 and russia_2010s["breakdown"].startswith("1 ")
    by_period = aggregate.counts_by_period(index, everything, "year")
    assert by_period["count"].sum() == 12
    assert by_period[by_period["label"] == "1945"]["count"].sum() == 2


def test_events_without_a_country_get_their_own_lane():
    events = small_events()
    events.loc[events["id"] == "rally", "countries"] = ""
    lanes = aggregate.assign_lanes(index_events(events), np.ones(len(events), dtype=bool), "country")
    assert lanes.labels[-1] == "No country"


def test_headline_and_top_lists():
    index = index_events(small_events())
    head = aggregate.headline(index, np.ones(len(index), dtype=bool))
    assert (head.events, head.first, head.last, head.countries, head.places) == (12, "7 Feb 1855", "May 2023", 3, 6)
    assert head.with_web_source == 10
    top = aggregate.top_values(index, np.ones(len(index), dtype=bool), "place", 2)
    assert top.to_dict("list") == {
        "value": ["55.756,37.617", "45.250,147.900"],  # the map link of each place
        "label": ["Moscow", "Iturup"],
        "count": [5, 2],
    }


def test_fast_read_gives_the_same_frame_as_the_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    build_store(url)
    engine = store.open_store(url, seed_from=None)
    pd.testing.assert_frame_equal(read_all_events(engine), store.read_events(engine))


def test_store_revision_changes_with_imports_and_undo(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = store.open_store(url, seed_from=None)
    empty = store_revision(engine)
    build_store(url)
    filled = store_revision(engine)
    store.undo_batch(engine, int(store.list_batches(engine)["id"].iloc[0]))
    undone = store_revision(engine)
    assert len({empty, filled, undone}) == 3
