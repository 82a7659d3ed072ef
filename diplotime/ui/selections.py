"""Chart selections: clicks and boxes on Plotly charts, read once each."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import plotly.graph_objects as go
import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from diplotime.explore.link import ViewState
from diplotime.ui.view import _HANDLED, request_filters

_PICKED = "dt_picked_on_chart"

# Plotly config for every chart: country outlines from the app itself, no Plotly logo or cloud links.
CHART_CONFIG = {
    "topojsonURL": "/app/static/",
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d"],
}


def new_selection(key: str) -> dict[str, Any] | None:
    """The selection a chart reported since it was last handled (read before the chart is drawn).

    Works with real clicks and with a selection injected into ``st.session_state[key]`` (AppTest).
    """
    state = st.session_state.get(key)
    selection = dict((state or {}).get("selection", {}) or {}) if isinstance(state, dict) else {}
    points = [dict(p) for p in selection.get("points", []) or []]
    boxes = [dict(b) for b in selection.get("box", []) or []]
    signature = json.dumps({"p": points, "b": boxes}, sort_keys=True, default=str)
    handled = st.session_state.setdefault(_HANDLED, {})
    if handled.get(key) == signature:
        return None
    handled[key] = signature
    if not points and not boxes:
        return None
    return {"points": points, "box": boxes}


def picked_on_chart(key: str, event_id: str) -> None:
    """Remember that the chart ``key`` chose this event: the chart is then drawn as it was (see :func:`drawn_view`)."""
    st.session_state[_PICKED] = (key, event_id)


def drawn_view(view: ViewState, key: str) -> ViewState:
    """The view a chart is drawn for: without the selected event when that event was clicked on this chart.

    Streamlit gives a chart whose figure changes a new identity, and a new chart forgets the user's zoom.
    An event clicked on the chart is marked by the chart itself (Plotly's selection), so its figure need
    not change: the zoom stays. An event chosen elsewhere (a link, the card's arrows) gets the ring.
    """
    if view.event and st.session_state.get(_PICKED) == (key, view.event):
        return replace(view, event="")
    return view


def first_customdata(selection: dict[str, Any]) -> list[Any] | None:
    for point in selection.get("points", []):
        custom = point.get("customdata")
        if custom:
            return list(custom) if isinstance(custom, list | tuple) else [custom]
    return None


def box_dates(selection: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The date range of a box drawn on a time axis."""
    for box in selection.get("box", []):
        xs = box.get("x") or []
        if len(xs) == 2:
            try:
                a, b = (dt.date.fromisoformat(str(x)[:10]) for x in xs)
            except ValueError:
                continue
            return (a, b) if a <= b else (b, a)
    return None


def zoom_to(first: dt.date, last: dt.date) -> None:
    request_filters(date_from=first, date_to=last)


def period_of(custom: list[Any], prefix: str = "period:") -> tuple[dt.date, dt.date] | None:
    text = str(custom[0]) if custom else ""
    if not text.startswith(prefix):
        return None
    try:
        a, b = text[len(prefix) :].split(":")
        return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    except ValueError:
        return None


def stable_spec(figure: Any) -> go.Figure:
    """The figure as a dict with its keys in one fixed order.

    Streamlit gives a chart a new identity (and the browser a new chart, which forgets the user's zoom)
    whenever the figure's JSON text changes; a figure that went through the cache comes back with the
    same content in another key order, so the text is made canonical here.
    """
    text = json.dumps(figure.to_plotly_json(), sort_keys=True, cls=PlotlyJSONEncoder)
    return go.Figure(json.loads(text))


def plotly_chart(figure: Any, key: str, select: bool = True, box: bool = False, keep_zoom: bool = False) -> None:
    """A chart with the app's config; clicks rerun the page (``select``), a box selects too (``box``).

    ``keep_zoom``: the figure goes through :func:`stable_spec`, so a rerun that draws the same figure keeps
    the same chart in the browser, zoom included (it costs a copy of the figure).
    """
    if keep_zoom:
        figure = stable_spec(figure)
    modes: Any = ("points", "box") if box else ("points",)
    if select:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG, on_select="rerun", selection_mode=modes)
    else:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG)
