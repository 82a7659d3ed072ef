"""Chart selections: clicks and boxes on Plotly charts, read once each."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from diplotime.ui.view import _HANDLED, request_filters

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


def plotly_chart(figure: Any, key: str, select: bool = True, box: bool = False) -> None:
    modes: Any = ("points", "box") if box else ("points",)
    if select:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG, on_select="rerun", selection_mode=modes)
    else:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG)
