"""What each page shows for a view state: filter, aggregate when there is too much, build the figure.

These functions are the whole work of a page apart from widgets, so the benchmark, the tests and
the Streamlit adapter call the same code. Each result says in words what it shows, for the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names
from diplotime.explore import aggregate, geo, mapdata
from diplotime.explore.filters import Filters, filter_mask
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState, parse_place
from diplotime.explore.network import Network, actor_network, edge_events
from diplotime.explore.storylines import storyline
from diplotime.figures.compare import only_events, same_count_axis, same_legend, same_span
from diplotime.figures.maps import LINE_TYPES, countries_map_figure, places_map_figure
from diplotime.figures.network import network_figure
from diplotime.figures.overview import period_counts_figure, top_figure
from diplotime.figures.storylines import add_storyline
from diplotime.figures.timeline import PLOT_PX, exact_range, timeline_density_figure, timeline_figure
from diplotime.text import is_http_url

TIMELINE_MAX_ITEMS = 1500  # single events drawn (an event in two lanes counts twice); above: counts
TIMELINE_MAX_PERIODS = 120
MAP_MAX_PLACES = 1500
MAP_MAX_FRAMES = 150
MAP_FRAME_BUDGET = 12_000  # markers over all animation frames (Plotly builds ~25k markers a second)
MAP_MAX_LINES = 300
TABLE_MAX_ROWS = 5000


@dataclass(frozen=True)
class ChartResult:
    figure: go.Figure
    matched: int  # events passing the filters
    aggregated: bool
    note: str  # one sentence for the page, e.g. why counts are shown instead of events


def _revision(view: ViewState, *extra: object) -> str:
    """A Plotly uirevision: the user's zoom survives reruns until the data in the chart changes."""
    return str(hash((view.filters, view.group_by, *extra)))


def timeline(
    index: EventIndex, view: ViewState, max_items: int = TIMELINE_MAX_ITEMS, plot_px: float = PLOT_PX
) -> ChartResult:
    """The Timeline page's chart: single events in lanes, or counts per lane and period when there are too many.

    The x axis shows exactly the dates the filters choose (from their first to their last day), or the
    events' span when no dates are chosen.
    """
    mask = filter_mask(index, view.filters)
    matched = int(mask.sum())
    lanes = aggregate.assign_lanes(index, mask, view.group_by)
    f = view.filters
    x_range = (
        exact_range(f.date_from, f.date_to, index.start[mask].min(), index.end[mask].max())
        if matched and (f.date_from or f.date_to)
        else None
    )
    if len(lanes.rows) <= max_items:
        events = index.events.iloc[np.flatnonzero(mask)]
        fig = timeline_figure(
            events,
            group_by=view.group_by,
            eras=view.eras,
            selected=view.event,
            uirevision=_revision(view),
            x_range=x_range,
            plot_px=plot_px,
        )
        note = (
            ""
            if not lanes.hidden
            else (
                f"The {lanes.hidden} least frequent {'countries' if view.group_by == 'country' else 'actors'} "
                "share the “Other” lane."
            )
        )
        if view.thread:
            note = " ".join(n for n in (note, _storyline_note(fig, index, view.thread)) if n)
        return ChartResult(fig, matched, False, note)
    rows = lanes.rows
    period = aggregate.choose_period(index.start[rows].min(), index.end[rows].max(), TIMELINE_MAX_PERIODS)
    cells = aggregate.lane_cells(index, lanes, period)
    fig = timeline_density_figure(
        cells, lanes.labels, eras=view.eras, uirevision=_revision(view, period), x_range=x_range
    )
    note = (
        f"{matched:,} events are too many to draw one by one, so each bubble counts a lane's events per "
        f"{aggregate.period_phrase(period)}. Click a bubble, narrow the dates or add filters to see single events again "
        f"(at most {max_items:,})."
    )
    return ChartResult(fig, matched, True, note)


def _storyline_note(fig: go.Figure, index: EventIndex, event_id: str) -> str:
    """Draw the storyline of ``event_id`` on the timeline; say how much of it the filters leave out."""
    chain = storyline(index, event_id)
    shown = add_storyline(fig, chain)
    if len(chain) <= 1:
        return "This event has no links to other events, so its storyline is the event alone."
    if shown < len(chain):
        return (
            f"The storyline has {len(chain)} events; the filters leave out {len(chain) - shown}. "
            "Clear the filters to see all of it."
        )
    return f"The storyline's {len(chain)} events are joined in date order."


# ---------------------------------------------------------------- map


@dataclass(frozen=True)
class MapResult(ChartResult):
    without_coordinates: int = 0
    grid: float = 0.0


def map_places(index: EventIndex, view: ViewState) -> MapResult:
    """Events per place and type on the map, with frames for the play control."""
    mask = filter_mask(index, view.filters)
    matched = int(mask.sum())
    table = mapdata.place_table(index, mask, view.step, MAP_MAX_PLACES, MAP_MAX_FRAMES)
    counts = table.counts
    window = view.window * (12 if view.step == "month" and table.step == "year" else 1)
    window = max(window, table.bin_years)
    periods = counts["period"].nunique()
    window_periods = -(-window // table.bin_years)  # how many periods a moving window spans
    merge = mapdata.frame_markers(counts, view.play, window_periods, False) > MAP_FRAME_BUDGET
    animate = periods > 1 and mapdata.frame_markers(counts, view.play, window_periods, merge) <= MAP_FRAME_BUDGET
    lines = _lines(index, mask, table)
    extent = geo.extent(counts["place_lat"].to_numpy(), counts["place_lon"].to_numpy())
    firsts = {int(p) - window + 1 for p in table.labels}  # where each moving window starts
    labels = {**{p: mapdata.period_label(p, table.step, table.bin_years) for p in firsts}, **table.labels}
    fig = places_map_figure(
        counts,
        extent,
        lines=lines,
        period_labels=labels,
        play=view.play,
        window=window,
        selected=view.place,
        animate=animate,
        merge_types=merge,
        uirevision=_revision(view, view.step, view.play, view.window),
    )
    notes = []
    if table.grid:
        notes.append(
            f"{matched:,} events fall in too many places to draw each one, so nearby places are "
            f"combined in cells of {table.grid:g}°. Filter or narrow the dates to see single places."
        )
    if merge:
        notes.append("Each marker shows all the events at a place, coloured by the most frequent type.")
    if table.step != view.step or table.bin_years > 1:
        unit = "year" if table.bin_years == 1 else f"{table.bin_years} years"
        notes.append(f"The play control steps by {unit}, so that it has at most {MAP_MAX_FRAMES} steps.")
    if periods > 1 and not animate:
        notes.append("Too many places change over time to animate; narrow the filters to use Play.")
    return MapResult(
        fig, matched, bool(table.grid), " ".join(notes), without_coordinates=table.without_coordinates, grid=table.grid
    )


def _lines(index: EventIndex, mask: np.ndarray, table: mapdata.PlaceTable) -> pd.DataFrame:
    """Travel lines for the latest visits and summits (at most MAP_MAX_LINES)."""
    codes = [i for i, t in enumerate(index.types) if t in LINE_TYPES]
    rows = np.flatnonzero(mask & np.isin(index.type_codes, codes))
    rows = rows[np.argsort(index.start[rows], kind="stable")][-MAP_MAX_LINES:]
    lines = geo.travel_lines(index.events.iloc[rows])
    if lines.empty:
        return pd.DataFrame(columns=["from_lat", "from_lon", "to_lat", "to_lon", "event_type", "period"])
    picked = rows[lines["row"].to_numpy()]
    periods = mapdata.periods_of(index.start[picked], table.step)
    lines["period"] = periods - periods % table.bin_years if table.bin_years > 1 else periods
    lines["event_type"] = np.asarray(index.types)[index.type_codes[picked]]
    return lines


def map_countries(index: EventIndex, view: ViewState) -> ChartResult:
    mask = filter_mask(index, view.filters)
    top = aggregate.top_values(index, mask, "country", n=10_000)
    fig = countries_map_figure(
        top.rename(columns={"value": "country"}), selected=view.place, uirevision=_revision(view)
    )
    return ChartResult(fig, int(mask.sum()), False, "")


def place_events(index: EventIndex, view: ViewState, grid: float) -> pd.DataFrame:
    """The filtered events at the selected place (or in the selected country), oldest first."""
    where = parse_place(view.place) if view.place else None
    if where is None:
        return index.events.iloc[0:0]
    mask = filter_mask(index, view.filters)
    if where[0] == "country":
        lookup = index.countries.code_of()
        wanted = np.zeros(len(index), dtype=bool)
        if where[1] in lookup:
            wanted[index.countries.rows[index.countries.codes == lookup[where[1]]]] = True
        return index.events[mask & wanted]
    _, lat, lon = where  # type: ignore[misc]  # a ('latlon', lat, lon) triple
    return index.events.iloc[mapdata.events_at(index, mask, float(lat), float(lon), grid)]


# ---------------------------------------------------------------- overview and table


@dataclass(frozen=True)
class Overview:
    headline: aggregate.Headline
    per_period: go.Figure
    period: str
    actors: go.Figure
    places: go.Figure
    latest: pd.DataFrame


def _overview_period(index: EventIndex, mask: np.ndarray) -> str:
    rows = np.flatnonzero(mask)
    if not len(rows):
        return "year"
    period = aggregate.choose_period(index.start[rows].min(), index.end[rows].max(), 200)
    return "month" if period in ("day", "week") else period


def overview(index: EventIndex, filters: Filters, period: str | None = None) -> Overview:
    """The Overview page's numbers and charts; ``period`` (year, month, …) is chosen from the dates unless given."""
    mask = filter_mask(index, filters)
    period = period or _overview_period(index, mask)
    counts = aggregate.counts_by_period(index, mask, period)
    return Overview(
        headline=aggregate.headline(index, mask),
        per_period=period_counts_figure(counts, period=period, uirevision=str(hash(filters))),
        period=period,
        actors=top_figure(aggregate.top_values(index, mask, "actor", 10), what="actor"),
        places=top_figure(aggregate.top_values(index, mask, "place", 10), what="place"),
        latest=table_frame(aggregate.latest(index, mask, 8)),
    )


def table_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events as the table shows them: dates as given, names for codes, a link only for http(s) sources."""
    sources = events["source"].fillna("").astype(str)
    web = [is_http_url(s) for s in sources]
    return pd.DataFrame(
        {
            "id": events["id"].astype(str),
            "date": events["date"].astype(str),
            "end_date": events["end_date"].fillna("").astype(str),
            "when": [
                names.date_label(str(d), str(e or "")) for d, e in zip(events["date"], events["end_date"], strict=True)
            ],
            "title": events["title"].astype(str),
            "type": [names.type_label(t) for t in events["event_type"].astype(str)],
            "countries": [names.country_names(str(c or "")) for c in events["countries"]],
            "actors": events["actors"].fillna("").astype(str).str.replace(";", "; ", regex=False),
            "place": events["location"].fillna("").astype(str),
            "link": [s.strip() if ok else None for s, ok in zip(sources, web, strict=True)],
            "citation": [None if ok else (s or None) for s, ok in zip(sources, web, strict=True)],
            "dataset": events["dataset"].fillna("").astype(str),
        },
        index=events.index,
    )


def table(index: EventIndex, filters: Filters, limit: int = TABLE_MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` filtered events in date order as table rows, and how many matched."""
    rows = np.flatnonzero(filter_mask(index, filters))
    return table_frame(index.events.iloc[rows[:limit]]), len(rows)


# ---------------------------------------------------------------- network


@dataclass(frozen=True)
class NetworkResult:
    figure: go.Figure
    network: Network
    matched: int  # events passing the filters and the period
    note: str


def network_mask(index: EventIndex, view: ViewState) -> np.ndarray:
    """The events of the view inside its period (the network page's time window)."""
    mask = filter_mask(index, view.filters)
    if view.period is not None:
        mask &= (index.end >= np.datetime64(view.period.start, "D")) & (
            index.start <= np.datetime64(view.period.end, "D")
        )
    return mask


def network(
    index: EventIndex, view: ViewState, actor_countries: Mapping[str, str] | None = None, height: int = 720
) -> NetworkResult:
    """Who met whom in the view's events; the one filtered actor (if one) is ringed."""
    mask = network_mask(index, view)
    net = actor_network(index, mask, actor_countries)
    selected = view.filters.actors[0] if len(view.filters.actors) == 1 else ""
    figure = network_figure(net, height=height, selected=selected)
    return NetworkResult(figure, net, int(mask.sum()), net.summary() + ".")


def network_link_events(index: EventIndex, view: ViewState, source: str, target: str) -> pd.DataFrame:
    """The view's events that name both actors of a link, oldest first."""
    return index.events.iloc[edge_events(index, network_mask(index, view), source, target)]


# ---------------------------------------------------------------- two views side by side


def _span(index: EventIndex, mask: np.ndarray) -> tuple[dt.date, dt.date] | None:
    if not mask.any():
        return None
    return index.start[mask].min().astype(dt.date), index.end[mask].max().astype(dt.date)


def compare_timelines(
    index: EventIndex, view: ViewState, max_items: int = TIMELINE_MAX_ITEMS
) -> tuple[ChartResult, ChartResult]:
    """The view's timeline and its comparison's, on the same scales: the same lanes in the same places and
    time axes of the same length (each from its own first event)."""
    second = view.compare if view.compare is not None else view.filters
    masks = (filter_mask(index, view.filters), filter_mask(index, second))
    union = masks[0] | masks[1]
    lanes = aggregate.assign_lanes(index, union, view.group_by)
    if len(lanes.rows) > max_items:  # counts instead of events: each side on its own
        results = tuple(
            timeline(index, replace(view, filters=f, compare=None), max_items) for f in (view.filters, second)
        )
        note = " Too many events to share lanes: each side has its own."
        return tuple(replace(r, note=r.note + note) for r in results)  # type: ignore[return-value]
    whole = timeline_figure(
        index.events.iloc[np.flatnonzero(union)],
        group_by=view.group_by,
        eras=view.eras,
        selected=view.event,
        uirevision=_revision(view, second),
    )
    ids = index.events["id"].to_numpy()
    spans = [_span(index, m) for m in masks]
    known = [s for s in spans if s is not None]
    ranges = iter(same_span(known))
    out = []
    for mask, span in zip(masks, spans):
        fig = only_events(whole, {str(i) for i in ids[mask]})
        if span is not None:
            fig.update_xaxes(range=list(next(ranges)), autorange=False)
        out.append(ChartResult(fig, int(mask.sum()), False, ""))
    return out[0], out[1]


def compare_overviews(index: EventIndex, first: Filters, second: Filters) -> tuple[Overview, Overview]:
    """Two overviews counted per the same period, with count axes of the same height and time axes of the
    same length."""
    masks = [filter_mask(index, f) for f in (first, second)]
    union = masks[0] | masks[1]
    period = _overview_period(index, union)
    pair = (overview(index, first, period), overview(index, second, period))
    same_count_axis([o.per_period for o in pair])
    same_legend([o.per_period for o in pair])
    same_count_axis([o.actors for o in pair], horizontal=True)
    same_count_axis([o.places for o in pair], horizontal=True)
    spans = [_span(index, m) for m in masks]
    ranges = iter(same_span([s for s in spans if s is not None]))
    for result, span in zip(pair, spans):
        if span is not None:
            result.per_period.update_xaxes(range=list(next(ranges)), autorange=False)
    return pair
