"""Two views side by side on the same scales: a timeline drawn once for both views' events and split, so both
have the same lanes in the same places; time axes of equal length; count axes with the same maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go


def _subset(value: Any, keep: np.ndarray, n: int) -> Any:
    """Every per-point array of a trace's JSON (same length as its points) cut to ``keep``; the rest as is."""
    if isinstance(value, dict):
        return {k: _subset(v, keep, n) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray) and len(value) == n and n > 1:
        return [value[i] for i in np.flatnonzero(keep)]
    return value


def only_events(fig: go.Figure, ids: Collection[str]) -> go.Figure:
    """The figure with only the points whose customdata names one of ``ids``; the layout (lanes) is kept."""
    wanted = set(ids)
    out = go.Figure(layout=fig.layout)
    for trace in fig.data:
        custom = trace.customdata
        if custom is None:
            out.add_trace(trace)
            continue
        keep = np.array([bool(len(c)) and str(c[0]) in wanted for c in custom], dtype=bool)
        if not keep.any():
            continue
        data = trace.to_plotly_json()
        n = len(custom)
        if n == 1:
            out.add_trace(trace)
            continue
        out.add_trace(type(trace)(_subset(data, keep, n)))
    return out


def same_span(ranges: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[str, str]]:
    """Each view's own start, and the same length for all (the longest): one year is as wide in both."""
    longest = max((end - start for start, end in ranges), default=dt.timedelta(days=365))
    longest = max(longest, dt.timedelta(days=30))
    pad = longest * 0.03
    return [((start - pad).isoformat(), (start + longest + pad).isoformat()) for start, _ in ranges]


def stacked_maximum(fig: go.Figure) -> float:
    """The tallest stack of a bar chart (bars stacked by x), or its longest horizontal bar."""
    totals: dict[Any, float] = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        horizontal = trace.orientation == "h"
        values = trace.x if horizontal else trace.y
        keys = trace.y if horizontal else trace.x
        for key, value in zip(keys or (), values or ()):
            if value is not None:
                totals[key] = totals.get(key, 0.0) + float(value)
    return max(totals.values(), default=0.0)


def same_count_axis(figures: Sequence[go.Figure], horizontal: bool = False) -> None:
    """Give the figures' count axes the same range, from 0 to the largest of them (with room for labels)."""
    top = max((stacked_maximum(f) for f in figures), default=0.0) * (1.15 if horizontal else 1.05) or 1.0
    for fig in figures:
        if horizontal:
            fig.update_xaxes(range=[0, top], autorange=False)
        else:
            fig.update_yaxes(range=[0, top], autorange=False)


def same_legend(figures: Sequence[go.Figure]) -> None:
    """Give the figures the same legend (every name any of them has, at a fixed entry width), so their
    plot areas are the same size and a colour means the same on both sides."""
    entries: dict[str, Any] = {}
    for fig in figures:
        for trace in fig.data:
            if trace.name and trace.showlegend is not False:
                entries.setdefault(trace.name, trace.marker.color if trace.marker else None)
    for fig in figures:
        have = {trace.name for trace in fig.data}
        for name, colour in entries.items():
            if name not in have:
                fig.add_trace(go.Bar(x=[None], y=[None], name=name, marker={"color": colour}, hoverinfo="skip"))
        order = list(entries)
        for trace in fig.data:
            if trace.name in entries:
                trace.legendrank = 1000 + order.index(trace.name)
        fig.update_layout(legend={"entrywidth": 150, "entrywidthmode": "pixels"})
