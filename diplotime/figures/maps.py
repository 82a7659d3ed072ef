"""Offline maps: places sized by their number of events and coloured by type, with a play control
that steps through time, travel lines for visits and summits, and a country choropleth.

Country outlines come from the app's own /app/static/ folder (Plotly ``topojsonURL`` config), so a
map never asks a CDN or a tile server for anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names, schema
from diplotime.figures.style import COUNT_SCALE, OUTLINE, base_layout, type_colour, type_symbol
from diplotime.geo import Extent
from diplotime.text import plotly_text

PLACE_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}: %{customdata[3]}<extra></extra>"
COUNTRY_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} events<extra></extra>"
LINE_TYPES = ("visit", "summit")
MAX_MARKER_PX = 44


def _geo(extent: Extent, countries_only: bool = False) -> dict:
    geo = {
        "projection": {"type": "natural earth", "rotation": {"lon": 0}},
        "showcountries": True, "countrycolor": "rgba(120,120,120,0.7)", "countrywidth": 0.6,
        "showland": True, "landcolor": "rgba(190,190,190,0.28)",
        "showocean": True, "oceancolor": "rgba(90,140,200,0.10)",
        "showcoastlines": True, "coastlinecolor": "rgba(120,120,120,0.7)", "coastlinewidth": 0.6,
        "showlakes": False, "showframe": False, "bgcolor": "rgba(0,0,0,0)",
        "resolution": 50 if extent.span < 70 else 110,
    }
    if not countries_only:
        geo["lataxis"] = {"range": list(extent.lat_range)}
        geo["lonaxis"] = {"range": list(extent.lon_range)}
    return geo


def _frame_data(table: pd.DataFrame, types: Sequence[str], sizeref: float, lines: pd.DataFrame) -> list[go.Scattergeo]:
    """One Scattergeo per type (places), then one per travel-line type; the same order in every frame."""
    data = []
    for event_type in types:
        part = table[table["event_type"] == event_type]
        custom = np.column_stack([
            part["place"].to_numpy(dtype=object), part["name"].to_numpy(dtype=object),
            [plotly_text(names.type_label(event_type))] * len(part), part["count"].map("{:,}".format).to_numpy(),
        ]) if len(part) else np.empty((0, 4), dtype=object)
        data.append(go.Scattergeo(
            lat=part["place_lat"].round(4).tolist(), lon=part["place_lon"].round(4).tolist(), mode="markers",
            marker={"size": part["count"].tolist(), "sizemode": "area", "sizeref": sizeref, "sizemin": 5,
                    "color": type_colour(event_type), "symbol": type_symbol(event_type), "opacity": 0.85,
                    "line": {"width": 1, "color": OUTLINE}},
            customdata=custom, hovertemplate=PLACE_HOVER, name=names.type_label(event_type), legendgroup=event_type,
        ))
    for event_type in LINE_TYPES:
        part = lines[lines["event_type"] == event_type] if len(lines) else lines
        lat: list[float | None] = []
        lon: list[float | None] = []
        for row in part.itertuples(index=False):
            lat += [row.from_lat, row.to_lat, None]
            lon += [row.from_lon, row.to_lon, None]
        data.append(go.Scattergeo(
            lat=lat, lon=lon, mode="lines", hoverinfo="skip", showlegend=False, legendgroup=event_type,
            line={"width": 1.6, "color": type_colour(event_type)}, opacity=0.55,
            name=f"{names.type_label(event_type)} travel",
        ))
    return data


def _window(table: pd.DataFrame, periods: np.ndarray, i: int, play: str, window: int) -> pd.DataFrame:
    if play == "cumulative":
        return table[table["period"] <= periods[i]]
    return table[(table["period"] <= periods[i]) & (table["period"] > periods[i] - window)]


def _totals(table: pd.DataFrame) -> pd.DataFrame:
    keys = ["place", "place_lat", "place_lon", "name", "event_type"]
    return table.groupby(keys, sort=False, as_index=False)["count"].sum().sort_values("count", ascending=False)


def places_map_figure(
    place_counts: pd.DataFrame, extent: Extent, *, lines: pd.DataFrame | None = None,
    period_labels: dict[int, str] | None = None, play: str = "cumulative", window: int = 5,
    selected: str = "", animate: bool = True, uirevision: str | None = None, height: int = 620,
) -> go.Figure:
    """Places on a map, with a Play control.

    ``place_counts`` has one row per place, type and period: place (link key), place_lat, place_lon,
    name (display text), event_type, period (int, e.g. a year or a month number), count.
    ``lines`` has from_lat, from_lon, to_lat, to_lon, event_type, period. ``period_labels`` names
    each period for the slider. The figure first shows every event; Play steps through the periods
    (cumulative, or a moving window of ``window`` periods) and ends on the whole picture again.
    """
    lines = lines if lines is not None else pd.DataFrame(
        columns=["from_lat", "from_lon", "to_lat", "to_lon", "event_type", "period"])
    present = set(place_counts["event_type"]) if len(place_counts) else set()
    types = [t for t in schema.EVENT_TYPES if t in present] + sorted(present - set(schema.EVENT_TYPES))
    totals = _totals(place_counts) if len(place_counts) else place_counts
    periods = np.sort(place_counts["period"].unique()) if len(place_counts) else np.array([], dtype=np.int64)
    biggest = float(totals["count"].max()) if len(totals) else 1.0
    sizeref = 2.0 * biggest / MAX_MARKER_PX**2
    fig = go.Figure(data=_frame_data(totals, types, sizeref, lines))
    if selected:
        hit = totals[totals["place"] == selected].head(1)
        if len(hit):
            fig.add_trace(go.Scattergeo(
                lat=hit["place_lat"].tolist(), lon=hit["place_lon"].tolist(), mode="markers", hoverinfo="skip",
                marker={"size": MAX_MARKER_PX + 8, "symbol": "circle-open", "color": "#D55E00", "line": {"width": 3}},
                showlegend=False, name="Selected place",
            ))
    layout = base_layout(height, geo=_geo(extent), uirevision=uirevision, margin={"l": 0, "r": 0, "t": 40, "b": 0})
    fig.update_layout(**layout)
    if animate and len(periods) > 1:
        labels = period_labels or {}
        frames, steps = [], []
        for i, period in enumerate(periods):
            name = str(int(period))
            shown = _window(place_counts, periods, i, play, window)
            shown_lines = _window(lines, periods, i, play, window) if len(lines) else lines
            frames.append(go.Frame(name=name, data=_frame_data(_totals(shown), types, sizeref, shown_lines),
                                   traces=list(range(len(types) + len(LINE_TYPES)))))
            text = labels.get(int(period), name)
            if play == "window" and window > 1:
                first = periods[i] - window + 1
                text = f"{labels.get(int(first), str(first))} – {text}"
            steps.append({"label": text, "method": "animate",
                          "args": [[name], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                            "transition": {"duration": 0}}]})
        frames.append(go.Frame(name="all", data=_frame_data(totals, types, sizeref, lines),
                               traces=list(range(len(types) + len(LINE_TYPES)))))
        steps.append({"label": "All periods", "method": "animate",
                      "args": [["all"], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                         "transition": {"duration": 0}}]})
        fig.frames = frames
        many = len(steps) > 14
        fig.update_layout(
            updatemenus=[{
                "type": "buttons", "direction": "left", "x": 0.0, "y": 0.0, "xanchor": "left", "yanchor": "top",
                "pad": {"t": 10, "r": 10}, "showactive": False, "font": {"size": 14},
                "buttons": [
                    {"label": "Play", "method": "animate",
                     "args": [None, {"frame": {"duration": 700, "redraw": True}, "transition": {"duration": 0},
                                     "fromcurrent": False, "mode": "immediate"}]},
                    {"label": "Pause", "method": "animate",
                     "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                       "transition": {"duration": 0}}]},
                ],
            }],
            sliders=[{
                "active": len(steps) - 1, "steps": steps, "x": 0.14, "len": 0.86, "y": 0.0, "yanchor": "top",
                "pad": {"t": 10, "b": 0}, "transition": {"duration": 0},
                "currentvalue": {"prefix": "Up to " if play == "cumulative" else "Window: ",
                                 "font": {"size": 16, "color": "#5F6B7A"}, "xanchor": "left"},
                # Tick labels for every step would overlap; the current value above says where we are.
                "font": {"size": 11, "color": "rgba(0,0,0,0)" if many else "rgba(110,110,110,1)"},
            }],
            margin={"l": 0, "r": 0, "t": 40, "b": 90}, height=height + 60,
        )
    return fig


def countries_map_figure(country_counts: pd.DataFrame, *, selected: str = "", uirevision: str | None = None,
                         height: int = 620) -> go.Figure:
    """Events per country as a choropleth. ``country_counts``: columns country (ISO-3), count."""
    codes = country_counts["country"].astype(str).tolist()
    custom = np.column_stack([
        [f"country:{c}" for c in codes], [plotly_text(names.country_name(c)) for c in codes],
        country_counts["count"].map("{:,}".format).to_numpy(),
    ]) if len(codes) else np.empty((0, 3), dtype=object)
    fig = go.Figure(go.Choropleth(
        locations=codes, z=country_counts["count"].tolist(), locationmode="ISO-3",
        colorscale=COUNT_SCALE, reversescale=True, marker={"line": {"width": 0.6, "color": OUTLINE}},
        colorbar={"title": {"text": "events"}, "thickness": 14, "len": 0.6},
        customdata=custom, hovertemplate=COUNTRY_HOVER,
    ))
    if selected.startswith("country:") and selected[len("country:"):] in codes:
        fig.add_trace(go.Choropleth(
            locations=[selected[len("country:"):]], z=[1], locationmode="ISO-3", showscale=False,
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], hoverinfo="skip",
            marker={"line": {"width": 3, "color": "#D55E00"}},
        ))
    geo = _geo(Extent((-60.0, 85.0), (-180.0, 180.0)), countries_only=True)
    geo["showland"] = True
    fig.update_layout(**base_layout(height, geo=geo, uirevision=uirevision, margin={"l": 0, "r": 0, "t": 10, "b": 0}))
    return fig
