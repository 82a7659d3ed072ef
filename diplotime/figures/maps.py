"""Offline maps: places sized by their number of events and coloured by type, with a play control
that steps through time, travel lines for visits and summits, and a country choropleth.

Country outlines come from the app's own /app/static/ folder (Plotly ``topojsonURL`` config), so a
map never asks a CDN or a tile server for anything. Traces are built as plain dicts (one
``go.Figure`` at the end): Plotly's per-property validation would cost seconds for many frames.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names, schema
from diplotime.explore.geo import WORLD, Extent
from diplotime.figures.style import COUNT_SCALE, OUTLINE, base_layout, type_colour, type_symbol
from diplotime.text import plotly_text, plural

# customdata: place key, place name (escaped), count of this type, all events there; the type is the trace name.
PLACE_HOVER = "<b>%{customdata[1]}</b>: %{customdata[3]}<br>%{fullData.name}: %{customdata[2]}<extra></extra>"
COUNTRY_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} events<extra></extra>"
LINE_TYPES = ("visit", "summit")
MAX_MARKER_PX = 44
LINE_COLUMNS = ["from_lat", "from_lon", "to_lat", "to_lon", "event_type", "period"]


def geo_layout(extent: Extent, countries_only: bool = False) -> dict[str, Any]:
    """The map's geo settings, framed on ``extent``.

    The projection is rotated to the window's middle longitude: left at 0, plotly.js keeps the map
    centred on Greenwich and a window over the Kurils shows Europe instead (and a window across the
    antimeridian could not be drawn at all).
    """
    geo: dict[str, Any] = {
        "projection": {"type": "natural earth", "rotation": {"lon": 0 if countries_only else extent.centre_lon}},
        "showcountries": True,
        "countrycolor": "rgba(120,120,120,0.7)",
        "countrywidth": 0.6,
        "showland": True,
        "landcolor": "rgba(190,190,190,0.28)",
        "showocean": True,
        "oceancolor": "rgba(90,140,200,0.10)",
        "showcoastlines": True,
        "coastlinecolor": "rgba(120,120,120,0.7)",
        "coastlinewidth": 0.6,
        "showlakes": False,
        "showframe": False,
        "bgcolor": "rgba(0,0,0,0)",
        "resolution": 50 if extent.span < 70 else 110,
    }
    if not countries_only:
        geo["lataxis"] = {"range": list(extent.lat_range)}
        geo["lonaxis"] = {"range": list(extent.lon_range)}
    return geo


class _Places:
    """The place table as arrays, to sum any subset of rows per place (and type) quickly."""

    def __init__(self, table: pd.DataFrame, merged: bool) -> None:
        self.merged = merged
        place_codes, place_keys = pd.factorize(table["place"].astype(str))
        self.place = place_codes.astype(np.int64)
        self.keys = np.asarray(place_keys, dtype=object)
        first = pd.Series(np.arange(len(table))).groupby(self.place).first().to_numpy() if len(table) else []
        self.lat = table["place_lat"].to_numpy(dtype=float)[first]
        self.lon = table["place_lon"].to_numpy(dtype=float)[first]
        self.names = table["name"].astype(str).to_numpy(dtype=object)[first]
        present = set(table["event_type"].astype(str))
        self.types = [t for t in schema.EVENT_TYPES if t in present] + sorted(present - set(schema.EVENT_TYPES))
        lookup = {t: i for i, t in enumerate(self.types)}
        self.type = np.array([lookup[t] for t in table["event_type"].astype(str)], dtype=np.int64)
        self.period = table["period"].to_numpy(dtype=np.int64)
        self.count = table["count"].to_numpy(dtype=np.int64)

    def sums(self, rows: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(place, type, count) for the rows; merged: one entry per place with its most frequent type."""
        n_types = max(len(self.types), 1)
        cube = np.bincount(
            self.place[rows] * n_types + self.type[rows], weights=self.count[rows], minlength=len(self.keys) * n_types
        ).reshape(-1, n_types)
        if self.merged:
            total = cube.sum(axis=1)
            place = np.flatnonzero(total)
            return place, cube[place].argmax(axis=1), total[place].astype(np.int64)
        place, kind = np.nonzero(cube)
        return place, kind, cube[place, kind].astype(np.int64)

    def traces(self, rows: np.ndarray | slice, sizeref: float) -> list[dict[str, Any]]:
        place, kind, count = self.sums(rows)
        total = np.bincount(place, weights=count, minlength=len(self.keys)).astype(np.int64)
        order = np.argsort(-count, kind="stable")  # big markers first, small ones drawn on top
        place, kind, count = place[order], kind[order], count[order]
        out = []
        for i, event_type in enumerate(self.types):
            sel = kind == i
            p = place[sel]
            label = names.type_label(event_type)
            out.append(
                {
                    "type": "scattergeo",
                    "mode": "markers",
                    "lat": self.lat[p].round(4).tolist(),
                    "lon": self.lon[p].round(4).tolist(),
                    "customdata": [
                        [k, n, f"{c:,}", plural(int(t), "event")]
                        for k, n, c, t in zip(self.keys[p], self.names[p], count[sel], total[p], strict=True)
                    ],
                    "marker": {
                        "size": count[sel].tolist(),
                        "sizemode": "area",
                        "sizeref": sizeref,
                        "sizemin": 5,
                        "color": type_colour(event_type),
                        "symbol": type_symbol(event_type),
                        "opacity": 0.85,
                        "line": {"width": 1, "color": OUTLINE},
                    },
                    "name": plotly_text(f"All types, mostly {label.lower()}" if self.merged else label),
                    "legendgroup": event_type,
                    "hovertemplate": PLACE_HOVER,
                }
            )
        return out


def _line_traces(lines: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for event_type in LINE_TYPES:
        part = lines[lines["event_type"] == event_type] if len(lines) else lines
        lat: list[float | None] = []
        lon: list[float | None] = []
        for a, b, c, d in zip(part["from_lat"], part["from_lon"], part["to_lat"], part["to_lon"], strict=True):
            lat += [round(float(a), 3), round(float(c), 3), None]
            lon += [round(float(b), 3), round(float(d), 3), None]
        out.append(
            {
                "type": "scattergeo",
                "mode": "lines",
                "lat": lat,
                "lon": lon,
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": event_type,
                "opacity": 0.55,
                "line": {"width": 1.6, "color": type_colour(event_type)},
                "name": f"{names.type_label(event_type)} travel",
            }
        )
    return out


def _in_window(periods: np.ndarray, upto: int, play: str, window: int) -> np.ndarray:
    if play == "cumulative":
        return periods <= upto
    return (periods <= upto) & (periods > upto - window)


def places_map_figure(
    place_counts: pd.DataFrame,
    extent: Extent,
    *,
    lines: pd.DataFrame | None = None,
    period_labels: dict[int, str] | None = None,
    play: str = "cumulative",
    window: int = 5,
    selected: str = "",
    animate: bool = True,
    merge_types: bool = False,
    uirevision: str | None = None,
    height: int = 620,
) -> go.Figure:
    """Places on a map, with a Play control.

    ``place_counts`` has one row per place, type and period: place (link key), place_lat, place_lon,
    name (display text, already escaped for Plotly), event_type, period (int: a year or a month
    number), count. ``lines`` has from_lat, from_lon, to_lat, to_lon, event_type, period.
    ``period_labels`` names each period for the slider. The figure first shows every event; Play
    steps through the periods (cumulative, or a moving window of ``window`` periods) and ends on the
    whole picture again. With ``merge_types`` each place is one marker (all its events, coloured by
    the most frequent type), which keeps the animation small when there are many places.
    """
    lines = lines if lines is not None and len(lines) else pd.DataFrame(columns=LINE_COLUMNS)
    places = _Places(place_counts, merge_types)
    everything = slice(None)
    _, _, totals = places.sums(everything)
    sizeref = 2.0 * float(totals.max() if len(totals) else 1) / MAX_MARKER_PX**2
    data = places.traces(everything, sizeref) + _line_traces(lines)
    if selected:
        hit = np.flatnonzero(places.keys == selected)[:1]
        if len(hit):
            data.append(
                {
                    "type": "scattergeo",
                    "mode": "markers",
                    "lat": places.lat[hit].tolist(),
                    "lon": places.lon[hit].tolist(),
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": "Selected place",
                    "marker": {
                        "size": MAX_MARKER_PX + 8,
                        "symbol": "circle-open",
                        "color": "#D55E00",
                        "line": {"width": 3},
                    },
                }
            )
    layout = base_layout(
        height, geo=geo_layout(extent), uirevision=uirevision, margin={"l": 0, "r": 40, "t": 40, "b": 0}
    )
    frames: list[dict[str, Any]] = []
    periods = np.unique(places.period)
    if animate and len(periods) > 1:
        labels = period_labels or {}
        line_periods = lines["period"].to_numpy(dtype=np.int64) if len(lines) else np.array([], dtype=np.int64)
        traces = list(range(len(places.types) + len(LINE_TYPES)))
        step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
        steps = []
        for upto in periods:
            name = str(int(upto))
            rows = _in_window(places.period, int(upto), play, window)
            # During playback a frame draws the journeys of its own step (or window), not all before it.
            shown_lines = (
                lines[_in_window(line_periods, int(upto), "window", window if play == "window" else 1)]
                if len(lines)
                else lines
            )
            frames.append(
                {"name": name, "traces": traces, "data": places.traces(rows, sizeref) + _line_traces(shown_lines)}
            )
            text = labels.get(int(upto), name)
            if play == "window" and window > 1:
                first = int(upto) - window + 1
                text = f"{labels.get(first, str(first))} – {text}"
            elif play == "cumulative":
                text = f"Up to {text}"
            steps.append({"label": text, "method": "animate", "args": [[name], step_args]})
        frames.append({"name": "all", "traces": traces, "data": data[: len(traces)]})
        steps.append({"label": "All periods", "method": "animate", "args": [["all"], step_args]})
        many = len(steps) > 14
        layout.update(
            updatemenus=[
                {
                    "type": "buttons",
                    "direction": "left",
                    "x": 0.0,
                    "y": 0.0,
                    "xanchor": "left",
                    "yanchor": "top",
                    "pad": {"t": 10, "r": 10},
                    "showactive": False,
                    "font": {"size": 14},
                    "buttons": [
                        {
                            "label": "Play",
                            "method": "animate",
                            "args": [
                                None,
                                {
                                    "frame": {"duration": 700, "redraw": True},
                                    "transition": {"duration": 0},
                                    "fromcurrent": False,
                                    "mode": "immediate",
                                },
                            ],
                        },
                        {
                            "label": "Pause",
                            "method": "animate",
                            "args": [
                                [None],
                                {
                                    "frame": {"duration": 0, "redraw": False},
                                    "mode": "immediate",
                                    "transition": {"duration": 0},
                                },
                            ],
                        },
                    ],
                }
            ],
            sliders=[
                {
                    "active": len(steps) - 1,
                    "steps": steps,
                    "x": 0.14,
                    "len": 0.86,
                    "y": 0.0,
                    "yanchor": "top",
                    "pad": {"t": 10, "b": 0},
                    "transition": {"duration": 0},
                    "currentvalue": {"prefix": "", "font": {"size": 16, "color": "#5F6B7A"}, "xanchor": "left"},
                    # Tick labels for every step would overlap; the current value above says where we are.
                    "font": {"size": 11, "color": "rgba(0,0,0,0)" if many else "rgba(110,110,110,1)"},
                }
            ],
            margin={"l": 0, "r": 40, "t": 40, "b": 90},
            height=height + 60,
        )
    return go.Figure({"data": data, "layout": layout, "frames": frames})


def countries_map_figure(
    country_counts: pd.DataFrame, *, selected: str = "", uirevision: str | None = None, height: int = 620
) -> go.Figure:
    """Events per country as a choropleth. ``country_counts``: columns country (ISO-3), count."""
    codes = country_counts["country"].astype(str).tolist()
    custom = [
        [f"country:{c}", plotly_text(names.country_name(c)), f"{n:,}"]
        for c, n in zip(codes, country_counts["count"], strict=True)
    ]
    data: list[dict[str, Any]] = [
        {
            "type": "choropleth",
            "locations": codes,
            "z": country_counts["count"].tolist(),
            "locationmode": "ISO-3",
            "colorscale": COUNT_SCALE,
            "marker": {"line": {"width": 0.6, "color": OUTLINE}},
            "colorbar": {"title": {"text": "events"}, "thickness": 14, "len": 0.6},
            "customdata": custom,
            "hovertemplate": COUNTRY_HOVER,
        }
    ]
    code = selected[len("country:") :] if selected.startswith("country:") else ""
    if code in codes:
        data.append(
            {
                "type": "choropleth",
                "locations": [code],
                "z": [1],
                "locationmode": "ISO-3",
                "showscale": False,
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "hoverinfo": "skip",
                "marker": {"line": {"width": 3, "color": "#D55E00"}},
            }
        )
    layout = base_layout(
        height,
        geo=geo_layout(WORLD, countries_only=True),
        uirevision=uirevision,
        margin={"l": 0, "r": 40, "t": 10, "b": 0},
    )
    return go.Figure({"data": data, "layout": layout})
