"""Overview charts: events per period stacked by type, and the most frequent actors or places."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names, schema
from diplotime.figures.style import GRID, base_layout, type_colour
from diplotime.text import plotly_text, shorten

DAY_MS = 86_400_000
PERIOD_HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}: %{customdata[2]}<extra></extra>"
TOP_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} events<extra></extra>"
NEUTRAL = "#6C7A89"


def period_counts_figure(
    counts: pd.DataFrame, *, period: str = "year", uirevision: str | None = None, height: int = 380
) -> go.Figure:
    """Stacked bars from :func:`diplotime.explore.aggregate.counts_by_period`: one colour per event type."""
    fig = go.Figure()
    order = [t for t in schema.EVENT_TYPES if t in set(counts["event_type"])] + sorted(
        set(counts["event_type"]) - set(schema.EVENT_TYPES)
    )
    for event_type in order:
        part = counts[counts["event_type"] == event_type]
        starts = part["period_start"].to_numpy().astype("datetime64[D]")
        ends = part["period_end"].to_numpy().astype("datetime64[D]")
        length_ms = ((ends - starts).astype(np.int64) + 1) * DAY_MS
        mids = starts + (ends - starts + 1) // 2
        fig.add_trace(
            go.Bar(
                x=[str(d) for d in mids],
                y=part["count"].tolist(),
                width=(length_ms * 0.85).tolist(),
                marker={"color": type_colour(event_type), "line": {"width": 0}},
                name=names.type_label(event_type),
                customdata=np.column_stack(
                    [
                        part["label"].astype(str).to_numpy(dtype=object),
                        [plotly_text(names.type_label(event_type))] * len(part),
                        part["count"].to_numpy(),
                        [str(d) for d in starts],
                        [str(d) for d in ends],
                    ]
                ),
                hovertemplate=PERIOD_HOVER,
            )
        )
    fig.update_layout(
        **base_layout(
            height, barmode="stack", bargap=0.1, uirevision=uirevision, margin={"l": 10, "r": 10, "t": 50, "b": 10}
        )
    )
    fig.update_xaxes(type="date", showgrid=False, ticks="outside", tickfont={"size": 14})
    fig.update_yaxes(title={"text": f"events per {period}"}, gridcolor=GRID, rangemode="tozero", tickfont={"size": 14})
    return fig


def top_figure(top: pd.DataFrame, *, what: str, height: int | None = None) -> go.Figure:
    """Horizontal bars for the most frequent values (from :func:`diplotime.explore.aggregate.top_values`)."""
    top = top.iloc[::-1]  # largest at the top
    labels = [plotly_text(shorten(v, 34)) for v in top["label"].astype(str)]
    fig = go.Figure(
        go.Bar(
            x=top["count"].tolist(),
            y=list(range(len(top))),
            orientation="h",
            marker={"color": NEUTRAL},
            text=top["count"].tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=np.column_stack(
                [
                    top["value"].astype(str).to_numpy(dtype=object),
                    [plotly_text(v) for v in top["label"].astype(str)],
                    top["count"].to_numpy(),
                ]
            )
            if len(top)
            else np.empty((0, 3), dtype=object),
            hovertemplate=TOP_HOVER,
            name=what,
        )
    )
    fig.update_layout(
        **base_layout(
            height or max(240, 60 + 34 * len(top)), showlegend=False, margin={"l": 10, "r": 30, "t": 10, "b": 10}
        )
    )
    fig.update_yaxes(
        tickvals=list(range(len(top))), ticktext=labels, automargin=True, fixedrange=True, tickfont={"size": 14}
    )
    fig.update_xaxes(visible=False, fixedrange=True)
    return fig
