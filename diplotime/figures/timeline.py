"""Swimlane timelines: single events (markers and bars) or, for many events, counts per lane and period.

Every event is drawn honestly at its precision: a day as a marker on that day, an event with an end
date as a bar over the days it covers, and a year- or month-precision event as a hatched bar over the
whole year or month, labelled '1875' or 'Aug 1945' (with an open marker in its middle so it stays
visible when the bar is thinner than a pixel). Untrusted text reaches Plotly only through customdata.
"""

from __future__ import annotations

from collections.abc import Sequence
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
SLOTS = (0.0, 0.27, -0.27)  # vertical offsets inside a lane so close events do not hide each other
EVENT_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>"
CELL_HOVER = (
    "<b>%{customdata[4]}</b> · %{customdata[1]}<br>%{customdata[2]} events: %{customdata[3]}"
    "<br><i>Click to zoom in to this period</i><extra></extra>"
)
PERIOD_PREFIX = "period:"  # customdata[0] of a count bubble: period:FIRST_DAY:LAST_DAY


def _lane_heights(n_lanes: int) -> int:
    return int(min(980, max(300, 150 + 52 * n_lanes)))


def _slots(lanes: np.ndarray, start: np.ndarray, end: np.ndarray, gap_days: float) -> np.ndarray:
    """Greedy packing: each placement takes the first slot of its lane that is free at its start."""
    slot = np.zeros(len(lanes), dtype=np.int8)
    free: dict[tuple[int, int], float] = {}
    order = np.lexsort((start, lanes))
    for i in order:
        lane, s, e = int(lanes[i]), float(start[i]), float(end[i])
        chosen = min(range(len(SLOTS)), key=lambda k: free.get((lane, k), -np.inf))
        for k in range(len(SLOTS)):
            if free.get((lane, k), -np.inf) < s:
                chosen = k
                break
        slot[i] = chosen
        free[(lane, chosen)] = max(e, s + gap_days)
    return slot


def _time_layout(
    lane_labels: Sequence[str], x_range: tuple[str, str], eras: Sequence[Era], uirevision: str | None
) -> dict[str, Any]:
    n = len(lane_labels)
    ticks = [plotly_text(shorten(label, 30)) for label in lane_labels]
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": n - 1 - i - 0.5,
            "y1": n - 1 - i + 0.5,
            "fillcolor": "rgba(128,128,128,0.07)",
            "line": {"width": 0},
            "layer": "below",
        }
        for i in range(0, n, 2)
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
            annotations.append(
                {
                    "x": mid.date().isoformat(),
                    "xref": "x",
                    "y": 1.0,
                    "yref": "paper",
                    "yanchor": "top",
                    "text": plotly_text(shorten(era.label, 40)),
                    "showarrow": False,
                    "font": {"size": 13, "color": "rgba(110,110,150,1)"},
                }
            )
    height = _lane_heights(n)
    layout = base_layout(
        height,
        shapes=shapes,
        annotations=annotations,
        dragmode="zoom",
        hovermode="closest",
        uirevision=uirevision,
        margin={"l": 10, "r": 20, "t": 60, "b": 10},
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
        "rangeslider": {"visible": True, "thickness": round(max(0.07, 48 / height), 3)},
        "rangeselector": {
            "buttons": [
                {"count": 1, "label": "1 y", "step": "year", "stepmode": "backward"},
                {"count": 10, "label": "10 y", "step": "year", "stepmode": "backward"},
                {"count": 50, "label": "50 y", "step": "year", "stepmode": "backward"},
                {"step": "all", "label": "All"},
            ],
            "y": 1.0,
            "yanchor": "bottom",
            "x": 1.0,
            "xanchor": "right",
            "font": {"size": 13},
        },
    }
    layout["yaxis"] = {
        "tickvals": list(range(n - 1, -1, -1)),
        "ticktext": ticks,
        "range": [-0.6, n - 0.4],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "automargin": True,
        "tickfont": {"size": 14},
    }
    return layout


def _x_range(first: np.datetime64, last: np.datetime64) -> tuple[str, str]:
    span = max(int((last - first) / np.timedelta64(1, "D")), 30)
    pad = np.timedelta64(max(int(span * 0.03), 5), "D")
    return str(first - pad), str(last + pad)


def timeline_figure(
    events: pd.DataFrame,
    *,
    group_by: str = "type",
    max_lanes: int = 20,
    eras: Sequence[Era] = (),
    selected: str = "",
    uirevision: str | None = None,
) -> go.Figure:
    """Single events in swimlanes by ``group_by`` ('type', 'country' or 'actor')."""
    index = index_events(events)
    lanes = assign_lanes(index, np.ones(len(index), dtype=bool), group_by, max_lanes)
    n = max(len(lanes.keys), 1)
    if len(index) == 0:
        return go.Figure(
            {"data": [], "layout": _time_layout(["No events"], ("1850-01-01", "2030-01-01"), eras, uirevision)}
        )
    rows, lane = lanes.rows, lanes.lanes
    start, end = index.start[rows], index.end[rows]
    s_days, e_days = start.astype(np.int64), end.astype(np.int64)
    span_days = max(float((index.end.max() - index.start.min()) / np.timedelta64(1, "D")), 30.0)
    slot = _slots(lane, s_days.astype(float), e_days.astype(float), span_days / 110)
    y = (n - 1 - lane) + np.array(SLOTS)[slot]
    ev = events.iloc[rows]
    precision = ev["date_precision"].to_numpy(dtype=object)
    is_span = e_days > s_days
    exact_start = precision == "day"
    labels = [names.date_label(str(d), str(e or "")) for d, e in zip(ev["date"], ev["end_date"], strict=True)]
    lane_names = [lanes.labels[i] for i in lane]
    custom = np.column_stack(
        [
            ev["id"].astype(str).to_numpy(dtype=object),
            [plotly_text(t, 60) for t in ev["title"].astype(str)],
            [plotly_text(label) for label in labels],
            [plotly_text(names.type_label(t)) for t in ev["event_type"].astype(str)],
            [plotly_text(loc or "place not given") for loc in ev["location"].fillna("").astype(str)],
            [plotly_text(x) for x in lane_names],
        ]
    )
    marker_x = np.where(is_span & ~exact_start, start + (end - start) // 2, start)
    types = ev["event_type"].astype(str).to_numpy(dtype=object)
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
                    "y": y[bars].tolist(),
                    "width": 0.2,
                    "marker": {
                        "color": colour,
                        "opacity": 0.8,
                        "line": {"width": 0},
                        "pattern": {"shape": ["" if ex else "/" for ex in exact_start[bars]], "solidity": 0.35},
                    },
                    "text": [plotly_text(label) for label, b in zip(labels, bars, strict=True) if b],
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
                "y": y[sel].tolist(),
                "marker": {
                    "color": colour,
                    "size": 13,
                    "symbol": [symbol + "-open" if o else symbol for o in open_marker],
                    "line": {
                        "width": [2 if o else 1 for o in open_marker],
                        "color": [colour if o else OUTLINE for o in open_marker],
                    },
                },
                "customdata": custom[sel].tolist(),
                "hovertemplate": EVENT_HOVER,
                "name": names.type_label(event_type),
                "legendgroup": event_type,
                "showlegend": group_by != "type",  # type lanes already name the types
            }
        )
    if selected:
        hit = ev["id"].astype(str).to_numpy(dtype=object) == selected
        if hit.any():
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": [str(d) for d in marker_x[hit]],
                    "y": y[hit].tolist(),
                    "name": "Selected",
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "marker": {"size": 26, "symbol": "circle-open", "color": "#D55E00", "line": {"width": 3}},
                }
            )
    layout = _time_layout(lanes.labels, _x_range(index.start.min(), index.end.max()), eras, uirevision)
    return go.Figure({"data": traces, "layout": layout})


def timeline_density_figure(
    cells: pd.DataFrame,
    lane_labels: Sequence[str],
    *,
    eras: Sequence[Era] = (),
    uirevision: str | None = None,
) -> go.Figure:
    """Counts per lane and period (from :func:`diplotime.explore.aggregate.lane_cells`) as bubbles.

    Bubble area grows with the count; its colour is the most frequent event type in that cell.
    """
    n = max(len(lane_labels), 1)
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
                "y": (n - 1 - lanes[sel]).tolist(),
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
    layout = _time_layout(lane_labels, _x_range(starts.min(), ends.max()), eras, uirevision)
    return go.Figure({"data": traces, "layout": layout})
