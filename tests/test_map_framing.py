"""Maps are framed on the events in view (issue 18), and one place is counted once everywhere.

The browser tests (tests/browser/test_framing.py) check what is drawn; these check the window and the
place table the figures are built from.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from diplotime.explore import aggregate, geo, mapdata
from diplotime.explore.filters import Filters, filter_mask
from diplotime.explore.index import index_events
from diplotime.explore.link import ViewState
from diplotime.explore.places import assign_places, name_key, nearest_place
from diplotime.figures import charts
from tests.fixtures import small_events

KURILS = ([45.227, 44.031, 43.8], [147.879, 145.855, 146.75])  # Iturup, Kunashir, Shikotan


@pytest.mark.parametrize(
    ("lat", "lon", "west", "east"),
    [
        ([45.227], [147.879], 147.879, 147.879),  # one place: a window around it, not the world
        (*KURILS, 135.0, 158.0),  # the islands
        ([55.756, 35.676], [37.617, 139.65], 37.617, 139.65),  # Moscow and Tokyo
        ([53.0, 61.2], [158.6, -149.9], 158.6, 210.1),  # Kamchatka and Alaska: across the antimeridian
        ([35.676, 37.779], [139.65, -122.421], 139.65, 237.579),  # Tokyo and San Francisco: across the Pacific
        ([51.5, 40.7], [-0.1, -74.0], -74.0, -0.1),  # London and New York: across the Atlantic
    ],
)
def test_the_window_holds_every_point_and_no_more_than_it_needs(lat, lon, west, east):
    window = geo.extent(np.array(lat), np.array(lon))
    assert all(window.contains(a, b) for a, b in zip(lat, lon, strict=True))
    lo, hi = window.lon_range
    assert lo <= west and hi >= east
    # No wider than the points need, padded, or the 20° minimum (and never the whole world for these).
    assert hi - lo <= max(east - west, 20.0) * 1.25 + 0.01
    assert hi - lo < 360
    assert -180 <= window.centre_lon <= 180


@pytest.mark.parametrize(
    ("lons", "expected"),
    [
        ([10.0, 40.0, 20.0], (10.0, 40.0)),
        ([170.0, -170.0], (170.0, 190.0)),
        ([-179.0, 179.0, 178.0], (178.0, 181.0)),
        ([0.0], (0.0, 0.0)),
        ([-120.0, 0.0, 120.0], (-120.0, 120.0)),  # evenly spread: any arc leaves out 120°
    ],
)
def test_the_shortest_arc_of_longitudes(lons, expected):
    assert geo.lon_arc(np.array(lons)) == pytest.approx(expected)


def test_no_points_is_the_world():
    assert geo.extent(np.array([]), np.array([])) == geo.WORLD


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(types=("visit",)), Filters(text="Etorofu"), Filters(text="Iturup")],
    ids=["all", "visits", "etorofu", "iturup"],
)
def test_the_places_map_is_rotated_to_the_window_it_shows(filters):
    index = index_events(small_events())
    fig = charts.map_places(index, ViewState(filters=filters)).figure
    geo_layout = fig.layout.geo
    lo, hi = geo_layout.lonaxis.range
    assert geo_layout.projection.rotation.lon == pytest.approx(((lo + hi) / 2 + 180) % 360 - 180)
    window = geo.Extent(tuple(geo_layout.lataxis.range), (lo, hi))
    for trace in fig.data:
        if trace.mode == "markers" and trace.name != "Selected place":
            assert all(window.contains(a, b) for a, b in zip(trace.lat, trace.lon, strict=True))
    if filters.types == ("visit",) or filters.text:
        assert hi - lo < 60  # the islands fill the map: not Europe and the Atlantic


# ---------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("positions", "names", "expected"),
    [
        # The Kremlin (0.4 km from central Moscow) is Moscow, whatever the event calls it.
        ([(55.7558, 37.6173), (55.7520, 37.6175), (55.7558, 37.6173)], ["Moscow", "Kremlin", "Moscow"], [0, 0, 0]),
        # Yokohama is 28 km from Tokyo: a place of its own.
        ([(35.6762, 139.6503), (35.4437, 139.6380)], ["Tokyo", "Yokohama"], [0, 1]),
        # A name without coordinates joins the place that has that name (case and spacing ignored).
        ([(35.6762, 139.6503), (math.nan, math.nan)], ["Tokyo", " tokyo "], [0, 0]),
        # ... or the place an event's other name belongs to.
        ([(55.7558, 37.6173), (55.7520, 37.6175), (math.nan, math.nan)], ["Moscow", "Kremlin", "Kremlin"], [0, 0, 0]),
        # A name nobody places: a place that is not on the map. No name and no position: no place.
        ([(math.nan, math.nan), (math.nan, math.nan)], ["Atlantis", ""], [0, -1]),
    ],
)
def test_nearby_positions_and_names_of_one_place_are_one_place(positions, names, expected):
    lat, lon = (np.array(v, dtype=float) for v in zip(*positions, strict=True))
    assert assign_places(lat, lon, names).place.tolist() == expected


def test_a_place_is_named_as_most_of_its_events_name_it_and_sits_where_most_are():
    lat = np.array([55.7520, 55.7558, 55.7558, 55.7558])
    lon = np.array([37.6175, 37.6173, 37.6173, 37.6173])
    found = assign_places(lat, lon, ["Kremlin", "Moscow", "Moscow", "Moscow"])
    assert found.names == ("Moscow",)
    assert (found.lat[0], found.lon[0]) == (55.7558, 37.6173)
    assert nearest_place(found, 55.752, 37.6175) == 0  # an old link to the Kremlin's marker still finds it
    assert nearest_place(found, 35.68, 139.65) == -1


@pytest.mark.parametrize(("a", "b"), [("The Kremlin", "the  kremlin"), ("ＭＯＳＣＯＷ", "moscow")])
def test_place_names_compare_without_case_spacing_or_width(a, b):
    assert name_key(a) == name_key(b)


def kremlin_events() -> pd.DataFrame:
    events = small_events()
    moscow = events.index[events["location"] == "Moscow"]
    events.loc[moscow[:2], ["location", "lat", "lon"]] = ["Kremlin", 55.7520, 37.6175]
    return events


def test_the_overview_and_the_map_count_the_same_places():
    index = index_events(kremlin_events())
    everything = np.ones(len(index), dtype=bool)
    head = aggregate.headline(index, everything)
    top = aggregate.top_values(index, everything, "place", 50)
    table = mapdata.place_table(index, everything, "year", 1500, 150)
    on_map = table.counts.groupby("name")["count"].sum().to_dict()
    assert "Kremlin" not in set(top["label"]) and "Kremlin" not in on_map
    assert top.set_index("label")["count"].to_dict() == on_map  # every place, with the same number
    assert head.places == table.counts["place"].nunique() + int(
        (~index.places.on_map()[np.unique(index.places.place[index.places.place >= 0])]).sum()
    )
    moscow = top[top["label"] == "Moscow"].iloc[0]
    rows = mapdata.events_at(index, everything, *map(float, moscow["value"].split(",")), 0.0)
    assert len(rows) == moscow["count"] == 5


def test_places_respect_the_filters():
    index = index_events(kremlin_events())
    mask = filter_mask(index, Filters(types=("treaty",)))
    top = aggregate.top_values(index, mask, "place", 50)
    assert top["count"].sum() == int((mask & (index.places.place >= 0)).sum())
