"""Swimlane timelines: single events (markers and bars) or, for many events, counts per lane and period.

Every event is drawn honestly at its precision: a day as a marker on that day, an event with an end
date as a bar over the days it covers, and a year- or month-precision event as a hatched bar over the
whole year or month, labelled '1875' or 'Aug 1945' (with an open marker in its middle so it stays
visible when the bar is thinner than a pixel). Untrusted text reaches Plotly only through customdata.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names, schema
from diplotime.explore.aggregate import assign_lanes
from diplotime.explore.index import index_events
from diplotime.explore.link import Era
from diplotime.figures.style import GRID, OUTLINE, base_layout, type_colour, type_symbol
from diplotime.text import plotly_text, shorten

DAY_MS = 86_400_000
EVENT_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>"
CELL_HOVER = (
    "<b>%{customdata[4]}</b> · %{customdata[1]}<br>%{customdata[2]} events: %{customdata[3]}"
    "<br><i>Click to zoom in to this period</i><extra></extra>"
)
PERIOD_PREFIX = "period:"  # customdata[0] of a count bubble: period:FIRST_DAY:LAST_DAY

# Geometry, in CSS pixels of the plot area the Timeline page gives the chart at common widths (1280-1920
# wide windows with the sidebar open give 750-1400): markers are packed so that none hides another there.
PLOT_PX = 800
MARKER_PX = 11
MARKER_GAP_PX = 4  # between neighbouring markers of one row
ROW_PX = 14  # between rows of a lane
MAX_ROWS = 6  # rows a lane may take before markers may overlap (zooming in or typing dates separates them)
LANE_PAD = 0.8  # space between lanes, in rows
LABEL_PX_PER_CHAR = 6.6  # 12 px Source Sans
LABEL_MAX_CHARS = 32
MAX_LABELS = 16
# How much an event matters for a label when there is room for only some: treaties and summits first.
IMPORTANCE = {
    "treaty": 6,
    "summit": 5,
    "legislation": 4,
    "military": 4,
    "ministerial_talks": 3,
    "visit": 3,
    "incident": 3,
    "statement": 2,
    "press_conference": 2,
    "protest": 2,
    "poll": 1,
    "other": 1,
}
LABELS = "label"  # the name of the annotations that label events


@dataclass(frozen=True)
class LaneGeometry:
    """Where each lane sits on the y axis (lane 0 at the top), in rows."""

    ticks: tuple[float, ...]  # the middle of each lane (its label)
    bands: tuple[tuple[float, float], ...]  # (bottom, top) of each lane
    first_row: tuple[float, ...]  # y of each lane's row 0
    low_offset: tuple[int, ...]  # the lowest row offset a lane uses
    y_range: tuple[float, float]
    top_band: float  # rows kept free above the lanes (for era labels)

    @property
    def rows(self) -> float:
        return self.y_range[1] - self.y_range[0]

    def y(self, lane: np.ndarray, slot: np.ndarray) -> np.ndarray:
        return np.asarray(self.first_row)[lane] + row_offset(slot) - np.asarray(self.low_offset)[lane]


def row_offset(slot: np.ndarray | int) -> np.ndarray:
    """Rows fill a lane from its middle outwards: slots 0, 1, 2, 3, 4 sit at offsets 0, +1, -1, +2, -2."""
    slot = np.asarray(slot, dtype=np.int64)
    return np.where(slot % 2 == 1, (slot + 1) // 2, -(slot // 2))


def lane_geometry(rows_per_lane: Sequence[int], top_band: float = 0.0) -> LaneGeometry:
    """Lanes stacked top to bottom, each as tall as the rows its events need (see :func:`pack_rows`)."""
    rows = [max(int(r), 1) for r in rows_per_lane] or [1]
    ticks, bands, first, low = [0.0] * len(rows), [(0.0, 0.0)] * len(rows), [0.0] * len(rows), [0] * len(rows)
    base = 0.0
    for lane in range(len(rows) - 1, -1, -1):  # from the bottom lane up
        k = rows[lane]
        high, lowest = k // 2, -((k - 1) // 2)
        height = (high - lowest + 1) + LANE_PAD
        bands[lane] = (base, base + height)
        ticks[lane] = base + height / 2
        first[lane] = base + LANE_PAD / 2 + 0.5
        low[lane] = lowest
        base += height
    return LaneGeometry(tuple(ticks), tuple(bands), tuple(first), tuple(low), (0.0, base + top_band), top_band)


def _pack_lane(
    order: np.ndarray, start: np.ndarray, end: np.ndarray, half: float, max_rows: int
) -> tuple[np.ndarray, int]:
    """Rows for one lane's placements (``order``: their positions, by start); and how many had to overlap."""
    rows: list[float] = []
    slots = np.zeros(len(order), dtype=np.int64)
    forced = 0
    for n, i in enumerate(order):
        s, e = float(start[i]) - half, float(end[i]) + half
        chosen = next((k for k, taken_until in enumerate(rows) if taken_until < s), -1)
        if chosen < 0:
            if len(rows) < max_rows:
                rows.append(-np.inf)
                chosen = len(rows) - 1
            else:
                chosen, forced = int(np.argmin(rows)), forced + 1
        slots[n] = chosen
        rows[chosen] = max(rows[chosen], e)
    return slots, forced


def pack_rows(
    lanes: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    px_per_day: float,
    max_rows: int = MAX_ROWS,
    titles: Sequence[str] = (),
    importance: np.ndarray | None = None,
    last_day: float = np.inf,
    max_labels: int = MAX_LABELS,
) -> tuple[np.ndarray, list[int]]:
    """The row of each placement in its lane, and the placements that get their title beside them.

    Rows: no two markers (or bars) of a row touch at the chart's usual width; each takes the first row
    free at its start, a new row when none is, and once a lane has ``max_rows`` the row that frees up
    first. Labels (with ``titles``): the most important events first, each given the room for its title
    in its row only if that costs no overlap the lane did not already have and at most one more row.
    """
    half = (MARKER_PX / 2 + MARKER_GAP_PX) / max(px_per_day, 1e-12)  # in days
    slot = np.zeros(len(lanes), dtype=np.int64)
    labelled: list[int] = []
    by_lane: dict[int, np.ndarray] = {}
    for lane in np.unique(lanes):
        members = np.flatnonzero(lanes == lane)
        by_lane[int(lane)] = members[np.argsort(start[members], kind="stable")]
    base: dict[int, tuple[np.ndarray, int]] = {k: _pack_lane(o, start, end, half, max_rows) for k, o in by_lane.items()}
    extent = np.asarray(end, dtype=float).copy()
    if titles and importance is not None:
        gap = (MARKER_PX / 2 + 6) / max(px_per_day, 1e-12)
        ranked = sorted(range(len(lanes)), key=lambda k: (-importance[k], start[k]))
        for i in ranked[: max_labels * 3]:
            if len(labelled) >= max_labels:
                break
            label_end = float(end[i]) + gap + (len(titles[i]) * LABEL_PX_PER_CHAR + 8) / max(px_per_day, 1e-12)
            if label_end > last_day:
                continue
            lane = int(lanes[i])
            slots, forced = base[lane]
            rows_now = int(slots.max()) + 1 if len(slots) else 1
            trial = extent.copy()
            trial[i] = label_end
            new_slots, new_forced = _pack_lane(by_lane[lane], start, trial, half, min(max(rows_now, 2), max_rows))
            if new_forced <= forced and (forced == 0 or new_forced < forced or rows_now < max_rows):
                extent, base[lane] = trial, (new_slots, new_forced)
                labelled.append(i)
    for lane, order in by_lane.items():
        slot[order] = base[lane][0]
    return slot, labelled


def _time_layout(
    lane_labels: Sequence[str],
    x_range: tuple[str, str],
    eras: Sequence[Era],
    uirevision: str | None,
    geometry: LaneGeometry | None = None,
) -> dict[str, Any]:
    geometry = geometry or lane_geometry([1] * max(len(lane_labels), 1), top_band=1.6 if eras else 0.0)
    ticks = [plotly_text(shorten(label, 30)) for label in lane_labels]
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": geometry.bands[i][0],
            "y1": geometry.bands[i][1],
            "fillcolor": "rgba(128,128,128,0.07)",
            "line": {"width": 0},
            "layer": "below",
        }
        for i in range(0, len(geometry.bands), 2)
    ]
    annotations = []
    for era in eras:
        after = (pd.Timestamp(era.end) + pd.Timedelta(days=1)).date().isoformat()
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": era.start.isoformat(),
                "x1": after,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(120,120,160,0.16)",
                "layer": "below",
                "line": {"width": 1, "color": "rgba(120,120,160,0.5)", "dash": "dot"},
            }
        )
        if era.label:
            mid = pd.Timestamp(era.start) + (pd.Timestamp(era.end) - pd.Timestamp(era.start)) / 2
            annotations.append(  # in the band kept free above the lanes: never over a marker
                {
                    "x": mid.date().isoformat(),
                    "xref": "x",
                    "y": geometry.y_range[1] - geometry.top_band / 2,
                    "yref": "y",
                    "text": plotly_text(shorten(era.label, 40)),
                    "showarrow": False,
                    "font": {"size": 13, "color": "rgba(110,110,150,1)"},
                }
            )
    slider_px = 46
    height = int(min(1500, max(300, geometry.rows * ROW_PX + 70 + slider_px + 30)))
    layout = base_layout(
        height,
        shapes=shapes,
        annotations=annotations,
        dragmode="zoom",
        hovermode="closest",
        uirevision=uirevision,
        margin={"l": 10, "r": 44, "t": 34, "b": 10},
        uniformtext={"mode": "hide", "minsize": 11},
        barmode="overlay",
    )
    layout["xaxis"] = {
        "type": "date",
        "range": list(x_range),
        "showgrid": True,
        "gridcolor": GRID,
        "ticks": "outside",
        "tickfont": {"size": 14},
        "rangeslider": {"visible": True, "thickness": round(max(0.05, slider_px / height), 3)},
    }
    layout["yaxis"] = {
        "tickvals": list(geometry.ticks),
        "ticktext": ticks,
        "range": list(geometry.y_range),
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "automargin": True,
        "tickfont": {"size": 14},
    }
    return layout


def _x_range(first: np.datetime64, last: np.datetime64) -> tuple[str, str]:
    span = max(int((last - first) / np.timedelta64(1, "D")), 30)
    pad = np.timedelta64(max(int(span * 0.02), 5), "D")
    return str(first - pad), str(last + pad)


def exact_range(
    date_from: dt.date | None, date_to: dt.date | None, first: np.datetime64, last: np.datetime64
) -> tuple[str, str]:
    """The x range of a view: exactly the dates chosen (from the first day to the end of the last), and the
    events' own span, padded, on the sides left open.

    >>> exact_range(dt.date(2018, 1, 1), dt.date(2019, 12, 31), np.datetime64('1855-02-07'), np.datetime64('2025-12-01'))
    ('2018-01-01', '2020-01-01')
    """
    lo, hi = _x_range(first, last)
    start = date_from.isoformat() if date_from else lo
    stop = (date_to + dt.timedelta(days=1)).isoformat() if date_to else hi
    return start, stop


def _px_per_day(x_range: tuple[str, str], plot_px: float) -> float:
    days = (np.datetime64(x_range[1][:10]) - np.datetime64(x_range[0][:10])) / np.timedelta64(1, "D")
    return plot_px / max(float(days), 1.0)


def timeline_figure(
    events: pd.DataFrame,
    *,
    group_by: str = "type",
    max_lanes: int = 20,
    eras: Sequence[Era] = (),
    selected: str = "",
    uirevision: str | None = None,
    x_range: tuple[str, str] | None = None,
    plot_px: float = PLOT_PX,
    labels: bool = True,
) -> go.Figure:
    """Single events in swimlanes by ``group_by`` ('type', 'country' or 'actor').

    ``x_range`` is the dates shown (default: the events' span); markers are packed into rows so that none
    hides another at ``plot_px`` pixels across, and the most important events are labelled where their
    title fits.
    """
    index = index_events(events)
    lanes = assign_lanes(index, np.ones(len(index), dtype=bool), group_by, max_lanes)
    if len(index) == 0:
        return go.Figure(
            {
                "data": [],
                "layout": _time_layout(["No events"], x_range or ("1850-01-01", "2030-01-01"), eras, uirevision),
            }
        )
    x_range = x_range or _x_range(index.start.min(), index.end.max())
    px_per_day = _px_per_day(x_range, plot_px)
    rows, lane = lanes.rows, lanes.lanes
    start, end = index.start[rows], index.end[rows]
    s_days, e_days = start.astype(np.int64), end.astype(np.int64)
    types = events.iloc[rows]["event_type"].astype(str).to_numpy(dtype=object)
    titles = events.iloc[rows]["title"].astype(str).tolist()
    short = [label_text(t) for t in titles]
    last_day = float(np.datetime64(x_range[1][:10]).astype("datetime64[D]").astype(np.int64))
    slot, picked = pack_rows(
        lane,
        s_days.astype(float),
        e_days.astype(float),
        px_per_day,
        titles=short if labels else (),
        importance=np.array([IMPORTANCE.get(t, 1) for t in types], dtype=np.int64),
        last_day=last_day,
    )
    rows_per_lane = [int(slot[lane == k].max()) + 1 if (lane == k).any() else 1 for k in range(len(lanes.keys))]
    geometry = lane_geometry(rows_per_lane, top_band=1.6 if any(e.label for e in eras) else 0.0)
    y = geometry.y(lane, slot)
    ev = events.iloc[rows]
    precision = ev["date_precision"].to_numpy(dtype=object)
    is_span = e_days > s_days
    exact_start = precision == "day"
    date_labels = [names.date_label(str(d), str(e or "")) for d, e in zip(ev["date"], ev["end_date"], strict=True)]
    lane_names = [lanes.labels[i] for i in lane]
    custom = np.column_stack(
        [
            ev["id"].astype(str).to_numpy(dtype=object),
            [plotly_text(t, 60) for t in titles],
            [plotly_text(label) for label in date_labels],
            [plotly_text(names.type_label(t)) for t in ev["event_type"].astype(str)],
            [plotly_text(loc or "place not given") for loc in ev["location"].fillna("").astype(str)],
            [plotly_text(x) for x in lane_names],
        ]
    )
    marker_x = np.where(is_span & ~exact_start, start + (end - start) // 2, start)
    present = set(types)
    order = [t for t in schema.EVENT_TYPES if t in present] + sorted(present - set(schema.EVENT_TYPES))
    traces: list[dict[str, Any]] = []
    for event_type in order:
        sel = types == event_type
        colour, symbol = type_colour(event_type), type_symbol(event_type)
        bars = sel & is_span
        if bars.any():
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "base": [str(d) for d in start[bars]],
                    "x": ((e_days[bars] - s_days[bars] + 1) * DAY_MS).tolist(),
                    "y": y[bars].round(3).tolist(),
                    "width": 0.55,
                    "marker": {
                        "color": colour,
                        "opacity": 0.8,
                        "line": {"width": 0},
                        "pattern": {"shape": ["" if ex else "/" for ex in exact_start[bars]], "solidity": 0.35},
                    },
                    "text": [plotly_text(label) for label, b in zip(date_labels, bars, strict=True) if b],
                    "textposition": "inside",
                    "insidetextanchor": "middle",
                    "textfont": {"size": 12},
                    "customdata": custom[bars].tolist(),
                    "hovertemplate": EVENT_HOVER,
                    "name": names.type_label(event_type),
                    "legendgroup": event_type,
                    "showlegend": False,
                }
            )
        open_marker = ~exact_start[sel]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [str(d) for d in marker_x[sel]],
                "y": y[sel].round(3).tolist(),
                "marker": {
                    "color": colour,
                    "size": MARKER_PX,
                    "symbol": [symbol + "-open" if o else symbol for o in open_marker],
                    "line": {
                        "width": [2 if o else 1 for o in open_marker],
                        "color": [colour if o else OUTLINE for o in open_marker],
                    },
                },
                # A clicked event stays as it is; the others fade a little (Plotly's own selection look).
                "selected": {"marker": {"size": MARKER_PX + 6}},
                "unselected": {"marker": {"opacity": 0.45}},
                "customdata": custom[sel].tolist(),
                "hovertemplate": EVENT_HOVER,
                "name": names.type_label(event_type),
                "legendgroup": event_type,
                "showlegend": group_by != "type",  # type lanes already name the types
            }
        )
    notes: list[dict[str, Any]] = []
    if labels:
        # Annotations, not a text trace: they take no clicks, stay out of the range slider and the
        # legend, and Plotly hides those whose event is zoomed out of view.
        notes = [
            {
                "x": str(end[i]),
                "y": round(float(y[i]), 3),
                "xref": "x",
                "yref": "y",
                "text": plotly_text(short[i]),
                "showarrow": False,
                "xanchor": "left",
                "xshift": MARKER_PX / 2 + 4,
                "font": {"size": 12},
                "name": LABELS,
            }
            for i in picked
        ]
    if selected:
        hit = ev["id"].astype(str).to_numpy(dtype=object) == selected
        if hit.any():
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": [str(d) for d in marker_x[hit]],
                    "y": y[hit].round(3).tolist(),
                    "name": "Selected",
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "marker": {"size": 24, "symbol": "circle-open", "color": "#D55E00", "line": {"width": 3}},
                }
            )
    layout = _time_layout(lanes.labels, x_range, eras, uirevision, geometry)
    layout["annotations"] = list(layout["annotations"]) + notes
    return go.Figure({"data": traces, "layout": layout})


def label_text(title: str) -> str:
    """An event's title as a label beside its marker: the part before a bracket or a colon, shortened.

    >>> label_text("Treaty of Shimoda signed (日露和親条約 / Симодский трактат)")
    'Treaty of Shimoda signed'
    >>> label_text("Lavrov's annual press conference: Japan must accept the results of WWII")
    "Lavrov's annual press conference"
    """
    head = re.split(r" \(|: | — | – |; ", title.strip(), maxsplit=1)[0].strip() or title.strip()
    return shorten(head, LABEL_MAX_CHARS)


def timeline_density_figure(
    cells: pd.DataFrame,
    lane_labels: Sequence[str],
    *,
    eras: Sequence[Era] = (),
    uirevision: str | None = None,
    x_range: tuple[str, str] | None = None,
) -> go.Figure:
    """Counts per lane and period (from :func:`diplotime.explore.aggregate.lane_cells`) as bubbles.

    Bubble area grows with the count; its colour is the most frequent event type in that cell.
    """
    n = max(len(lane_labels), 1)
    geometry = lane_geometry([2] * n, top_band=1.6 if any(e.label for e in eras) else 0.0)  # bubbles take 2 rows
    if cells.empty:
        return go.Figure(
            {
                "data": [],
                "layout": _time_layout(
                    list(lane_labels) or ["No events"], ("1850-01-01", "2030-01-01"), eras, uirevision
                ),
            }
        )
    starts = cells["period_start"].to_numpy().astype("datetime64[D]")
    ends = cells["period_end"].to_numpy().astype("datetime64[D]")
    mids = starts + (ends - starts) // 2
    counts = cells["count"].to_numpy()
    size = 7 + 30 * np.sqrt(counts / counts.max())
    lanes = cells["lane"].to_numpy()
    custom = np.column_stack(
        [
            [f"{PERIOD_PREFIX}{a}:{b}" for a, b in zip(starts, ends, strict=True)],
            cells["label"].astype(str).to_numpy(dtype=object),
            [f"{c:,}" for c in counts],
            [plotly_text(b, 70) for b in cells["breakdown"].astype(str)],
            [plotly_text(lane_labels[i]) for i in lanes],
        ]
    )
    top = cells["top_type"].astype(str).to_numpy(dtype=object)
    present = set(top)
    traces = []
    for event_type in [t for t in schema.EVENT_TYPES if t in present] + sorted(present - set(schema.EVENT_TYPES)):
        sel = top == event_type
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [str(d) for d in mids[sel]],
                "y": np.asarray(geometry.ticks)[lanes[sel]].round(3).tolist(),
                "marker": {
                    "color": type_colour(event_type),
                    "size": size[sel].round(1).tolist(),
                    "opacity": 0.85,
                    "line": {"width": 1, "color": OUTLINE},
                    "symbol": "circle",
                },
                "customdata": custom[sel].tolist(),
                "hovertemplate": CELL_HOVER,
                "name": f"mostly {names.type_label(event_type).lower()}",
                "legendgroup": event_type,
            }
        )
    layout = _time_layout(lane_labels, x_range or _x_range(starts.min(), ends.max()), eras, uirevision, geometry)
    return go.Figure({"data": traces, "layout": layout})


def position_strip_figure(events: pd.DataFrame, event_id: str, height: int = 130) -> go.Figure:
    """Where one event falls among all the others: one line of small grey marks for every event and the
    event itself large in its type's colour, with its date above it. For a slide, where a whole
    swimlane chart would need labels too small to read across a room."""
    index = index_events(events)
    if len(index) == 0:
        return go.Figure({"data": [], "layout": base_layout(height)})
    mid = index.start + (index.end - index.start) // 2
    exact = events["date_precision"].to_numpy(dtype=object) == "day"
    x = np.where(exact, index.start, mid)
    ids = events["id"].astype(str).to_numpy(dtype=object)
    hit = ids == event_id
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [str(d) for d in x[~hit]],
            "y": [0] * int((~hit).sum()),
            "marker": {"size": 9, "color": "rgba(120,128,140,0.45)", "symbol": "line-ns-open", "line": {"width": 2}},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "Other events",
        }
    ]
    annotations = []
    if hit.any():
        row = int(np.flatnonzero(hit)[0])
        kind = str(events["event_type"].iat[row])
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [str(x[row])],
                "y": [0],
                "marker": {
                    "size": 22,
                    "color": type_colour(kind),
                    "symbol": type_symbol(kind),
                    "line": {"width": 2, "color": OUTLINE},
                },
                "hoverinfo": "skip",
                "showlegend": False,
                "name": "This event",
            }
        )
        where = float((x[row] - index.start.min()) / max(index.end.max() - index.start.min(), np.timedelta64(1, "D")))
        annotations.append(
            {
                "x": str(x[row]),
                "y": 0,
                "yshift": 24,
                "xanchor": "left" if where < 0.2 else "right" if where > 0.8 else "center",  # inside the chart
                "text": plotly_text(
                    names.date_label(str(events["date"].iat[row]), str(events["end_date"].iat[row] or ""))
                ),
                "showarrow": False,
                "font": {"size": 17},
            }
        )
    lo, hi = _x_range(index.start.min(), index.end.max())
    layout = base_layout(height, margin={"l": 12, "r": 12, "t": 8, "b": 8}, annotations=annotations, showlegend=False)
    layout["xaxis"] = {
        "type": "date",
        "range": [lo, hi],
        "showgrid": False,
        "tickfont": {"size": 17},
        "fixedrange": True,
        "zeroline": False,
        "showline": True,
        "linecolor": GRID,
        "ticks": "outside",
        "nticks": 6,
    }
    layout["yaxis"] = {"visible": False, "range": [-1, 1.6], "fixedrange": True}
    return go.Figure({"data": traces, "layout": layout})
