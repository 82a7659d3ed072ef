"""Figure structure (not pixels): traces, ranges, hover text, honest dates, safe text, bounded payloads."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from diplotime import figures
from diplotime.explore.filters import Filters
from diplotime.explore.index import index_events
from diplotime.explore.link import Era, ViewState
from diplotime.figures import charts
from diplotime.figures.style import TYPE_COLOURS
from diplotime.figures.timeline import DAY_MS, EVENT_HOVER, LABELS, PERIOD_PREFIX
from diplotime.synthetic import synthetic_events
from tests.fixtures import HOSTILE_DESCRIPTION, HOSTILE_TITLE, hostile_events, small_events


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return small_events()


def trace_with(fig, event_id: str, kind: str):
    """The trace of type ``kind`` whose customdata holds the event, and the point's position in it."""
    for trace in fig.data:
        if trace.type != kind or trace.customdata is None:
            continue
        for i, row in enumerate(trace.customdata):
            if row[0] == event_id:
                return trace, i
    raise AssertionError(f"no {kind} for {event_id}")


def days(ms: float) -> float:
    return ms / DAY_MS


# ---------------------------------------------------------------- timeline


def test_year_precision_event_is_drawn_as_its_whole_year_and_labelled_1875(events):
    fig = figures.timeline_figure(events)
    bar, i = trace_with(fig, "petersburg", "bar")
    assert bar.base[i] == "1875-01-01"
    assert days(bar.x[i]) == 365  # 1 Jan to 31 Dec inclusive
    assert bar.text[i] == "1875"
    assert bar.marker.pattern.shape[i] == "/"  # hatched: only the year is known
    marker, j = trace_with(fig, "petersburg", "scatter")
    assert marker.x[j] == "1875-07-02"  # in the middle of the year, never on 1 January
    assert marker.marker.symbol[j].endswith("-open")
    assert marker.customdata[j][2] == "1875"


def test_month_precision_event_covers_its_month(events):
    fig = figures.timeline_figure(events)
    bar, i = trace_with(fig, "occupation", "bar")
    assert (bar.base[i], days(bar.x[i]), bar.text[i]) == ("1945-08-01", 31, "Aug 1945")


def test_event_with_an_end_date_is_a_solid_bar_over_its_days(events):
    fig = figures.timeline_figure(events)
    bar, i = trace_with(fig, "invasion", "bar")
    assert (bar.base[i], days(bar.x[i])) == ("1945-08-18", 16)
    assert bar.marker.pattern.shape[i] == ""
    assert bar.text[i] == "18 Aug – 2 Sep 1945"
    marker, j = trace_with(fig, "invasion", "scatter")
    assert marker.x[j] == "1945-08-18" and not marker.marker.symbol[j].endswith("-open")


def test_single_days_are_markers_only(events):
    fig = figures.timeline_figure(events)
    marker, j = trace_with(fig, "summit", "scatter")
    assert marker.x[j] == "2019-01-22"
    with pytest.raises(AssertionError):
        trace_with(fig, "summit", "bar")


def test_hover_shows_title_date_as_given_type_and_place(events):
    fig = figures.timeline_figure(events)
    marker, j = trace_with(fig, "talks", "scatter")
    assert marker.hovertemplate == EVENT_HOVER
    assert list(marker.customdata[j][1:5]) == [
        "Kono–Lavrov peace-treaty talks in Moscow",
        "14 Jan 2019",
        "Ministerial talks",
        "Moscow",
    ]


def test_type_lanes_follow_the_vocabulary_and_use_the_fixed_colours(events):
    fig = figures.timeline_figure(events)
    assert list(fig.layout.yaxis.ticktext) == [
        "Summit",
        "Ministerial talks",
        "Visit",
        "Press conference",
        "Statement",
        "Treaty",
        "Protest",
        "Military",
        "Poll",
    ]
    for trace in fig.data:
        assert trace.marker.color == TYPE_COLOURS[trace.legendgroup]
    assert not any(t.showlegend for t in fig.data)  # the lanes already name the types


@pytest.mark.parametrize(
    ("group_by", "lanes"),
    [
        ("country", ["Russia", "Japan", "United States"]),
        ("actor", ["Red Army", "Sergey Lavrov", "Alexander Gorchakov"]),
    ],
)
def test_lanes_by_country_or_actor_place_an_event_in_each_of_its_lanes(events, group_by, lanes):
    fig = figures.timeline_figure(events, group_by=group_by)
    assert list(fig.layout.yaxis.ticktext)[: len(lanes)] == lanes
    placements = [row[0] for t in fig.data if t.type == "scatter" and t.customdata is not None for row in t.customdata]
    expected = sum(
        len([x for x in str(v).split(";") if x]) or 1
        for v in events[{"country": "countries", "actor": "actors"}[group_by]]
    )
    assert len(placements) == expected
    assert any(t.showlegend for t in fig.data)


def test_many_actors_share_an_other_lane(events):
    fig = figures.timeline_figure(events, group_by="actor", max_lanes=4)
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == 4 and ticks[-1].startswith("Other actors (")


def test_range_slider_and_x_range_cover_all_events(events):
    fig = figures.timeline_figure(events)
    assert fig.layout.xaxis.rangeslider.visible is True
    lo, hi = fig.layout.xaxis.range
    assert lo < "1855-02-07" and hi > "2023-05-31"


def test_era_bands_are_shapes_behind_the_events_with_their_label(events):
    era = Era(dt.date(1941, 4, 13), dt.date(1945, 9, 2), "Pacific <War>")
    fig = figures.timeline_figure(events, eras=[era])
    bands = [s for s in fig.layout.shapes if s.xref == "x"]
    assert [(b.x0, b.x1, b.layer) for b in bands] == [("1941-04-13", "1945-09-03", "below")]
    assert [a.text for a in fig.layout.annotations if a.name != LABELS] == ["Pacific &lt;War&gt;"]


def test_the_selected_event_is_ringed(events):
    fig = figures.timeline_figure(events, selected="summit")
    ring = [t for t in fig.data if t.name == "Selected"]
    assert len(ring) == 1 and list(ring[0].x) == ["2019-01-22"]


def test_hostile_text_reaches_plotly_only_as_escaped_customdata():
    fig = figures.timeline_figure(hostile_events(), group_by="actor")
    spec = fig.to_plotly_json()
    for trace in spec["data"]:
        template = trace.get("hovertemplate", "") or ""
        for needle in ("<img", "onerror", "%{y}", "<script", "<b>Bold"):
            assert needle not in template
            assert needle not in str(trace.get("name", ""))
            assert needle not in json.dumps(trace.get("text", ""))
    summit, j = trace_with(fig, "summit", "scatter")
    assert summit.customdata[j][1].startswith("&lt;img src=x onerror=&quot;") or summit.customdata[j][1].startswith(
        '&lt;img src=x onerror="'
    )
    assert "%{y}" in summit.customdata[j][1]  # shown literally: customdata is not a template
    assert "<" not in "".join(str(x) for x in summit.customdata[j]).replace("<br>", "")  # only our line breaks
    assert "&lt;b&gt;Bold&lt;/b&gt; actor" in " ".join(fig.layout.yaxis.ticktext)
    assert HOSTILE_DESCRIPTION not in json.dumps(spec)  # descriptions are not in the figure at all
    assert HOSTILE_TITLE not in json.dumps(spec)


def test_empty_frame_gives_an_empty_timeline(events):
    fig = figures.timeline_figure(events.iloc[0:0])
    assert len(fig.data) == 0 and list(fig.layout.yaxis.ticktext) == ["No events"]


def test_builders_do_not_change_their_input(events):
    before = events.copy()
    figures.timeline_figure(events, group_by="country", eras=[Era(dt.date(1950, 1, 1), dt.date(1960, 1, 1), "x")])
    pd.testing.assert_frame_equal(events, before)


# ---------------------------------------------------------------- many events: counts instead


@pytest.fixture(scope="module")
def many():
    return index_events(synthetic_events(60_000, seed=3))


def test_many_events_become_counts_per_lane_and_period(many):
    result = charts.timeline(many, ViewState())
    assert result.aggregated and result.matched == 60_000
    assert "too many to draw one by one" in result.note
    bubbles = [row for t in result.figure.data for row in t.customdata]
    assert all(row[0].startswith(PERIOD_PREFIX) for row in bubbles)
    assert sum(int(row[2].replace(",", "")) for row in bubbles) == 60_000  # every event counted once


def test_filtering_in_shows_single_events_again(many):
    narrow = ViewState(filters=Filters(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 3, 31), types=("treaty",)))
    result = charts.timeline(many, narrow)
    assert not result.aggregated and 0 < result.matched < 1500
    ids = {
        row[0] for t in result.figure.data if t.type == "scatter" and t.customdata is not None for row in t.customdata
    }
    assert len(ids) == result.matched


@pytest.mark.parametrize("group_by", ["type", "country", "actor"])
def test_payload_stays_bounded_whatever_the_number_of_events(many, group_by):
    result = charts.timeline(many, ViewState(group_by=group_by))
    assert len(result.figure.to_json()) < 2_000_000
    assert len(result.figure.layout.yaxis.ticktext) <= 21


def test_map_bins_places_and_stays_bounded(many):
    result = charts.map_places(many, ViewState())
    assert len(result.figure.to_json()) < 2_000_000
    markers = sum(len(t.lat) for t in result.figure.data if t.mode == "markers")
    assert markers <= charts.MAP_MAX_PLACES * 12


# ---------------------------------------------------------------- map


def test_map_sizes_places_by_count_and_colours_them_by_type(events):
    result = charts.map_places(index_events(events), ViewState())
    fig = result.figure
    places = [t for t in fig.data if t.mode == "markers"]
    assert {t.legendgroup for t in places} == {
        "summit",
        "ministerial_talks",
        "visit",
        "press_conference",
        "statement",
        "treaty",
        "protest",
        "military",
    }
    for trace in places:
        assert trace.marker.color == TYPE_COLOURS[trace.legendgroup]
    treaty = next(t for t in places if t.legendgroup == "treaty")
    moscow = [row for row in treaty.customdata if row[1] == "Moscow"]
    assert moscow == [["55.756,37.617", "Moscow", "1", "5 events"]]  # one treaty of the five events there
    assert result.without_coordinates == 1  # the poll without a place
    assert fig.layout.geo.projection.type == "natural earth"


def test_map_play_control_steps_through_years_and_ends_on_everything(events):
    fig = charts.map_places(index_events(events), ViewState()).figure
    names = [f.name for f in fig.frames]
    assert names == ["1855", "1875", "1945", "1956", "2019", "2022", "all"]
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Play", "Pause"]
    steps = fig.layout.sliders[0].steps
    assert steps[-1].label == "All periods" and fig.layout.sliders[0].active == len(steps) - 1
    first = fig.frames[0]
    shown = [len(t.lat) for t in first.data if t.mode == "markers"]
    assert sum(shown) == 1  # only Shimoda in 1855


def test_moving_window_drops_old_places(events):
    fig = charts.map_places(index_events(events), ViewState(play="window", window=1)).figure
    frame_2019 = next(f for f in fig.frames if f.name == "2019")
    places = {row[1] for t in frame_2019.data if t.mode == "markers" for row in t.customdata}
    assert places == {"Moscow", "Iturup"}
    assert fig.layout.sliders[0].steps[0].label == "1855"


def test_visits_and_summits_get_lines_from_the_visiting_capital(events):
    fig = charts.map_places(index_events(events), ViewState()).figure
    summit_lines = next(t for t in fig.data if t.mode == "lines" and t.legendgroup == "summit")
    # Abe–Putin in Moscow: Japan's capital is farther from the venue, so the line starts in Tokyo.
    assert summit_lines.lat[1] == pytest.approx(55.756, abs=0.01)
    assert summit_lines.lat[0] == pytest.approx(35.69, abs=0.1) and summit_lines.lon[0] == pytest.approx(139.7, abs=0.2)


def test_country_choropleth_counts_events_per_country(events):
    fig = charts.map_countries(index_events(events), ViewState(place="country:USA")).figure
    choropleth = fig.data[0]
    assert dict(zip(choropleth.locations, choropleth.z, strict=True)) == {"RUS": 11, "JPN": 10, "USA": 1}
    assert fig.layout.geo.projection.rotation.lon == 0  # not centred on the Pacific
    assert len(fig.data) == 2  # the selected country is outlined


# ---------------------------------------------------------------- overview


def test_events_per_period_are_stacked_by_type_with_the_fixed_colours(events):
    overview = charts.overview(index_events(events), Filters())
    fig = overview.per_period
    assert overview.period == "year" and fig.layout.barmode == "stack"
    assert sum(sum(t.y) for t in fig.data) == len(events)
    for trace in fig.data:
        assert (
            trace.marker.color
            == TYPE_COLOURS[next(k for k, _ in TYPE_COLOURS.items() if trace.name.lower().replace(" ", "_") == k)]
        )
    assert overview.headline.events == 12 and overview.headline.first == "7 Feb 1855"
    assert overview.latest["id"].tolist()[:2] == ["nowhere", "tokyo"]


def test_top_actors_lists_the_most_frequent_first(events):
    fig = charts.overview(index_events(events), Filters()).actors
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[-1] in ("Red Army", "Sergey Lavrov")  # drawn bottom-up: the top bar is the last
    assert max(fig.data[0].x) == 2


def test_table_links_only_http_sources(events):
    rows, matched = charts.table(index_events(hostile_events()), Filters())
    assert matched == 12
    by_id = rows.set_index("id")
    assert pd.isna(by_id.loc["summit", "link"]) and by_id.loc["summit", "citation"] == "javascript:alert(1)"
    assert pd.isna(by_id.loc["petersburg", "link"])
    assert by_id.loc["shimoda", "link"] == "https://en.wikipedia.org/wiki/Treaty_of_Shimoda"
    assert by_id.loc["petersburg", "date"] == "1875" and by_id.loc["occupation", "date"] == "1945-08"
    assert np.all(rows["link"].dropna().str.match(r"https?://"))
