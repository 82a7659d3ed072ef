"""What each page shows for a view state: filter, aggregate when there is too much, build the figure.

These functions are the whole work of a page apart from widgets, so the benchmark, the tests and
the Streamlit adapter call the same code. Each result says in words what it shows, for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import aggregate, figures, geo, names
from diplotime.index import EventIndex
from diplotime.parse import is_http_url
from diplotime.query import Filters, ViewState, filter_mask, parse_place
from diplotime.text import plotly_text

TIMELINE_MAX_ITEMS = 1500  # single events drawn (an event in two lanes counts twice); above: counts
TIMELINE_MAX_PERIODS = 120
MAP_MAX_PLACES = 1500
MAP_MAX_FRAMES = 150
MAP_FRAME_BUDGET = 25_000  # markers over all animation frames
MAP_MAX_LINES = 400
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


def timeline(index: EventIndex, view: ViewState, max_items: int = TIMELINE_MAX_ITEMS) -> ChartResult:
    mask = filter_mask(index, view.filters)
    matched = int(mask.sum())
    lanes = aggregate.assign_lanes(index, mask, view.group_by)
    if len(lanes.rows) <= max_items:
        events = index.events.iloc[np.flatnonzero(mask)]
        fig = figures.timeline_figure(events, group_by=view.group_by, eras=view.eras, selected=view.event,
                                      uirevision=_revision(view))
        note = "" if not lanes.hidden else (
            f"The {lanes.hidden} least frequent {'countries' if view.group_by == 'country' else 'actors'} "
            "share the “Other” lane.")
        return ChartResult(fig, matched, False, note)
    rows = lanes.rows
    period = aggregate.choose_period(index.start[rows].min(), index.end[rows].max(), TIMELINE_MAX_PERIODS)
    cells = aggregate.lane_cells(index, lanes, period)
    fig = figures.timeline_density_figure(cells, lanes.labels, eras=view.eras, uirevision=_revision(view, period))
    note = (f"{matched:,} events are too many to draw one by one, so each bubble counts a lane's events per "
            f"{aggregate.period_phrase(period)}. Click a bubble, narrow the dates or add filters to see single events again "
            f"(at most {max_items:,}).")
    return ChartResult(fig, matched, True, note)


# ---------------------------------------------------------------- map


@dataclass(frozen=True)
class MapResult(ChartResult):
    without_coordinates: int = 0
    grid: float = 0.0


def _periods(days: np.ndarray, step: str) -> np.ndarray:
    if step == "month":
        return days.astype("datetime64[M]").astype(np.int64)  # months since Jan 1970
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _period_label(period: int, step: str, bin_years: int) -> str:
    if step == "month":
        return names.date_label(str(np.datetime64(int(period), "M")))
    return str(period) if bin_years == 1 else f"{period}–{period + bin_years - 1}"


def map_places(index: EventIndex, view: ViewState) -> MapResult:
    """Events per place and type on the map, with frames for the play control."""
    mask = filter_mask(index, view.filters)
    matched = int(mask.sum())
    rows = np.flatnonzero(mask)
    lat = index.events["lat"].to_numpy(dtype=float)[rows]
    lon = index.events["lon"].to_numpy(dtype=float)[rows]
    has = ~(np.isnan(lat) | np.isnan(lon))
    rows, lat, lon = rows[has], lat[has], lon[has]
    grid = geo.choose_grid(lat, lon, MAP_MAX_PLACES)
    plat, plon = geo.bin_positions(lat, lon, grid)
    step, bin_years = view.step, 1
    periods = _periods(index.start[rows], step)
    if step == "month" and len(np.unique(periods)) > MAP_MAX_FRAMES:
        step = "year"
        periods = _periods(index.start[rows], step)
    while len(np.unique(periods // bin_years)) > MAP_MAX_FRAMES:
        bin_years = {1: 5, 5: 10, 10: 25}.get(bin_years, bin_years * 2)
    periods = periods - periods % bin_years if step == "year" else periods
    table = pd.DataFrame({
        "place_lat": plat, "place_lon": plon, "event_type": np.asarray(index.types)[index.type_codes[rows]]
        if len(rows) else np.array([], dtype=object), "period": periods,
        "location": index.events["location"].to_numpy()[rows] if len(rows) else np.array([], dtype=object),
    })
    keyed = table.groupby(["place_lat", "place_lon"], sort=False)
    place_name = keyed["location"].agg(lambda s: geo.place_names(pd.Series(s), grid)) if len(table) else None
    counts = table.groupby(["place_lat", "place_lon", "event_type", "period"], sort=False).size()
    counts = counts.rename("count").reset_index()
    if len(counts):
        counts["place"] = [f"{a:.3f},{b:.3f}" for a, b in zip(counts["place_lat"], counts["place_lon"], strict=True)]
        counts["name"] = [str(place_name[(a, b)]) for a, b in zip(counts["place_lat"], counts["place_lon"],
                                                                   strict=True)]
        counts["name"] = counts["name"].map(plotly_text)
    else:
        counts = pd.DataFrame(columns=["place_lat", "place_lon", "event_type", "period", "count", "place", "name"])
    frames = len(np.unique(periods))
    animate = frames > 1 and _frame_markers(counts, view) <= MAP_FRAME_BUDGET
    lines = _lines(index, rows[np.isin(index.type_codes[rows], _codes(index, figures.maps.LINE_TYPES))],
                   step, bin_years)
    labels = {int(p): _period_label(int(p), step, bin_years) for p in np.unique(periods)}
    extent = geo.extent(plat, plon)
    window = view.window * (12 if view.step == "month" and step == "year" else 1)
    fig = figures.places_map_figure(
        counts, extent, lines=lines, period_labels=labels, play=view.play, window=max(window, bin_years),
        selected=view.place, animate=animate, uirevision=_revision(view, view.step, view.play, view.window))
    notes = []
    if grid:
        notes.append(f"{matched:,} events fall in too many places to draw each one, so nearby places are "
                     f"combined in cells of {grid:g}°. Filter or narrow the dates to see single places.")
    if step != view.step or bin_years > 1:
        unit = "month" if step == "month" else ("year" if bin_years == 1 else f"{bin_years} years")
        notes.append(f"The play control steps by {unit}, so that it has at most {MAP_MAX_FRAMES} steps.")
    if frames > 1 and not animate:
        notes.append("Too many places change over time to animate; narrow the filters to use Play.")
    return MapResult(fig, matched, bool(grid), " ".join(notes), without_coordinates=int((~has).sum()), grid=grid)


def _codes(index: EventIndex, types: tuple[str, ...]) -> list[int]:
    return [i for i, t in enumerate(index.types) if t in types]


def _frame_markers(counts: pd.DataFrame, view: ViewState) -> int:
    """Markers the animation frames would hold in total (cumulative frames repeat earlier places)."""
    if counts.empty:
        return 0
    first_seen = counts.groupby(["place", "event_type"])["period"].min().to_numpy()
    periods = np.sort(counts["period"].unique())
    if view.play == "cumulative":
        return int(np.searchsorted(np.sort(first_seen), periods, side="right").sum())
    return int(len(counts) * min(view.window, len(periods)))


def _lines(index: EventIndex, rows: np.ndarray, step: str, bin_years: int) -> pd.DataFrame:
    rows = rows[np.argsort(index.start[rows])][-MAP_MAX_LINES:]
    events = index.events.iloc[rows]
    lines = geo.travel_lines(events)
    if lines.empty:
        return pd.DataFrame(columns=["from_lat", "from_lon", "to_lat", "to_lon", "event_type", "period"])
    picked = rows[lines["row"].to_numpy()]
    periods = _periods(index.start[picked], step)
    lines["period"] = periods - periods % bin_years if step == "year" else periods
    lines["event_type"] = np.asarray(index.types)[index.type_codes[picked]]
    return lines


def map_countries(index: EventIndex, view: ViewState) -> ChartResult:
    mask = filter_mask(index, view.filters)
    top = aggregate.top_values(index, mask, "country", n=10_000)
    fig = figures.countries_map_figure(top.rename(columns={"value": "country"}), selected=view.place,
                                       uirevision=_revision(view))
    return ChartResult(fig, int(mask.sum()), False, "")


def place_events(index: EventIndex, view: ViewState, grid: float) -> pd.DataFrame:
    """The filtered events at the selected place (or in the selected country), oldest first."""
    where = parse_place(view.place) if view.place else None
    mask = filter_mask(index, view.filters)
    if where is None:
        return index.events.iloc[0:0]
    if where[0] == "country":
        code = where[1]
        wanted = np.zeros(len(index), dtype=bool)
        lookup = index.countries.code_of()
        if code in lookup:
            wanted[index.countries.rows[index.countries.codes == lookup[code]]] = True
        return index.events[mask & wanted]
    lat = index.events["lat"].to_numpy(dtype=float)
    lon = index.events["lon"].to_numpy(dtype=float)
    rows = np.flatnonzero(mask & ~(np.isnan(lat) | np.isnan(lon)))
    plat, plon = geo.bin_positions(lat[rows], lon[rows], grid)
    hit = (np.abs(plat - float(where[1])) < 5e-4) & (np.abs(plon - float(where[2])) < 5e-4)
    return index.events.iloc[rows[hit]]


# ---------------------------------------------------------------- overview and table


@dataclass(frozen=True)
class Overview:
    headline: aggregate.Headline
    per_period: go.Figure
    period: str
    actors: go.Figure
    places: go.Figure
    latest: pd.DataFrame


def overview(index: EventIndex, filters: Filters) -> Overview:
    mask = filter_mask(index, filters)
    rows = np.flatnonzero(mask)
    if len(rows):
        period = aggregate.choose_period(index.start[rows].min(), index.end[rows].max(), 200)
        period = "month" if period in ("day", "week") else period
    else:
        period = "year"
    counts = aggregate.counts_by_period(index, mask, period)
    return Overview(
        headline=aggregate.headline(index, mask),
        per_period=figures.period_counts_figure(counts, period=period, uirevision=str(hash(filters))),
        period=period,
        actors=figures.top_figure(aggregate.top_values(index, mask, "actor", 10), what="actor"),
        places=figures.top_figure(aggregate.top_values(index, mask, "place", 10), what="place"),
        latest=table_frame(aggregate.latest(index, mask, 8)),
    )


def table_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events as the table shows them: dates as given, names for codes, a link only for http(s) sources."""
    sources = events["source"].fillna("").astype(str)
    web = [is_http_url(s) for s in sources]
    return pd.DataFrame({
        "id": events["id"].astype(str),
        "date": events["date"].astype(str),
        "end_date": events["end_date"].fillna("").astype(str),
        "when": [names.date_label(str(d), str(e or "")) for d, e in zip(events["date"], events["end_date"],
                                                                          strict=True)],
        "title": events["title"].astype(str),
        "type": [names.type_label(t) for t in events["event_type"].astype(str)],
        "countries": [names.country_names(str(c or "")) for c in events["countries"]],
        "actors": events["actors"].fillna("").astype(str).str.replace(";", "; ", regex=False),
        "place": events["location"].fillna("").astype(str),
        "link": [s.strip() if ok else None for s, ok in zip(sources, web, strict=True)],
        "citation": [None if ok else (s or None) for s, ok in zip(sources, web, strict=True)],
        "dataset": events["dataset"].fillna("").astype(str),
    }, index=events.index)


def table(index: EventIndex, filters: Filters, limit: int = TABLE_MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` filtered events in date order as table rows, and how many matched."""
    rows = np.flatnonzero(filter_mask(index, filters))
    return table_frame(index.events.iloc[rows[:limit]]), len(rows)
