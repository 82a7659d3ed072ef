"""A storyline drawn on a timeline: its events ringed and joined in date order by a connector line.

The connector is laid over any timeline figure built by :mod:`diplotime.figures.timeline`: each event's
position is read from the marker that carries its id, so the storyline follows the lanes, slots and
grouping the timeline chose.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

STORYLINE_COLOUR = "#111111"


def event_positions(fig: go.Figure) -> dict[str, tuple[object, float]]:
    """Event id -> (x, y) of its marker, the first one where an event is drawn in several lanes."""
    found: dict[str, tuple[object, float]] = {}
    for trace in fig.data:
        if trace.type != "scatter" or "markers" not in (trace.mode or "") or trace.customdata is None:
            continue
        for custom, x, y in zip(trace.customdata, trace.x or (), trace.y or ()):
            event_id = str(custom[0]) if len(custom) else ""
            if event_id and event_id not in found and y is not None:
                found[event_id] = (x, float(y))
    return found


def add_storyline(fig: go.Figure, chain: Sequence[str], label: str = "Storyline") -> int:
    """Join the chain's events (oldest first) on the figure; returns how many of them it shows."""
    positions = event_positions(fig)
    shown = [positions[i] for i in chain if i in positions]
    if len(shown) < 1:
        return 0
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in shown],
            y=[p[1] for p in shown],
            mode="lines+markers",
            name=label,
            hoverinfo="skip",
            line={"color": STORYLINE_COLOUR, "width": 2.5, "dash": "solid"},
            marker={"size": 22, "color": "rgba(0,0,0,0)", "line": {"width": 2.5, "color": STORYLINE_COLOUR}},
            showlegend=True,
            legendrank=1,
        )
    )
    return len(shown)
