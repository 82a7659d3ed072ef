"""What the Present page and the exports draw for a talk: the Explore figures, restyled for a room.

Everything starts from :mod:`diplotime.figures.charts` (the same timeline and map the Explore pages show);
only the layout changes: larger type, no range slider or play control, the current event
highlighted on the whole timeline, and a small map zoomed to the region around the event.
A talk is given as an index and a view: the store's index with the filters of the link, or an
index over the hand-picked events with no filters (:func:`talk_scope`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from diplotime.explore.filters import filter_events
from diplotime.explore.index import EventIndex, index_events
from diplotime.explore.link import ViewState
from diplotime.figures import charts
from diplotime.figures.maps import MAX_MARKER_PX
from diplotime.figures.style import TYPE_COLOURS, type_colour, type_symbol
from diplotime.figures.timeline import ROW_PX, position_strip_figure
from diplotime.present import deck, report
from diplotime.present.images import ExportBrowser
from diplotime.present.talk import Talk, cards
from diplotime.text import plotly_text, plural

PROJECTOR_FONT = 18
DECK_PICTURE = (1300, 680)  # CSS pixels, drawn at twice that: 18 px type reads well across a 12-inch-wide slide
CHART_NAMES = (
    "Timeline",
    "Map of places",
    "Map of countries",
    "Events per period",
    "Most frequent actors",
    "Most frequent places",
    "Network",
)


def picked_events(index: EventIndex, picked: Sequence[str]) -> pd.DataFrame:
    """The hand-picked events in the presenter's order, looked up by id (unknown ids are skipped)."""
    rows = [index.positions[i] for i in dict.fromkeys(picked) if i in index.positions]
    return index.events.iloc[rows]


def talk_scope(
    index: EventIndex, view: ViewState, picked_events: pd.DataFrame | None = None
) -> tuple[EventIndex, ViewState]:
    """The index and view whose events are the talk: the filtered store, or just the hand-picked events."""
    if picked_events is None:
        return index, view
    return index_events(picked_events), ViewState(group_by=view.group_by, eras=view.eras)


def still(fig: go.Figure, font_size: int | None = None) -> go.Figure:
    """The figure as a picture: no range slider, range buttons, play control or animation frames.

    >>> fig = go.Figure(layout={"sliders": [{"steps": []}], "xaxis": {"rangeslider": {"visible": True}}})
    >>> out = still(fig)
    >>> len(out.layout.sliders), out.layout.xaxis.rangeslider.visible
    (0, False)
    """
    out = go.Figure(data=fig.data, layout=fig.layout)  # leaves the animation frames behind, uncopied
    out.layout.updatemenus, out.layout.sliders = (), ()  # update_layout(sliders=[]) would keep them
    if font_size:
        out.update_layout(font_size=font_size)
    out.update_xaxes(rangeslider_visible=False, rangeselector_visible=False)
    return out


def on_paper(fig: go.Figure) -> go.Figure:
    """The figure on a white page for an image file (on screen the app's light or dark theme paints it).

    >>> on_paper(go.Figure()).layout.paper_bgcolor
    'white'
    """
    out = go.Figure(fig)
    out.update_layout(template="plotly_white", paper_bgcolor="white")
    return out


def timeline_for_talk(
    index: EventIndex, view: ViewState, event_id: str = "", height: int = 560, compact: bool = False
) -> go.Figure:
    """The talk's whole timeline, with ``event_id`` ringed when given, in projector type sizes.

    ``compact`` is for the panel beside an event: no legend (the lanes name the types) and smaller lane labels.
    """
    fig = still(charts.timeline(index, replace(view, event=event_id)).figure, PROJECTOR_FONT)
    fig.update_layout(height=height, margin={"l": 10, "r": 20, "t": 10 if compact else 50, "b": 10})
    fig.update_yaxes(tickfont_size=14 if compact else PROJECTOR_FONT)
    fig.update_xaxes(tickfont_size=13 if compact else 16)
    if compact:
        fig.update_layout(showlegend=False)
    return fig


def position_for_talk(index: EventIndex, view: ViewState, event_id: str, height: int = 130) -> go.Figure:
    """The event among all the talk's events on one line (large type; see :func:`position_strip_figure`)."""
    return position_strip_figure(filter_events(index, view.filters), event_id, height)


def window_around(
    lat: float, lon: float, half_lat: float = 13.0, aspect: float = 1.6
) -> tuple[list[float], list[float]]:
    """A lat/lon window centred on a place, as wide as ``aspect`` asks on a Mercator map, inside the globe.

    >>> window_around(0, 150, 10, 1.0)
    ([-10.0, 10.0], [140.0, 160.0])
    >>> window_around(80, 175, 10, 1.0)
    ([65.0, 85.0], [80.0, 180.0])
    """
    # On a Mercator map a degree of latitude is 1/cos(lat) times as tall as a degree of longitude is wide.
    half_lon = min(180.0, half_lat * aspect / max(math.cos(math.radians(min(abs(lat), 80.0))), 0.2))
    lat_lo, lat_hi = _inside(lat - half_lat, lat + half_lat, 85.0)
    lon_lo, lon_hi = _inside(lon - half_lon, lon + half_lon, 180.0)
    return [round(float(lat_lo), 4), round(float(lat_hi), 4)], [round(float(lon_lo), 4), round(float(lon_hi), 4)]


def _inside(lo: float, hi: float, limit: float) -> tuple[float, float]:
    """Shift [lo, hi] to lie inside [-limit, limit], keeping its width where it fits."""
    width = min(hi - lo, 2 * limit)
    if lo < -limit:
        return -limit, -limit + width
    if hi > limit:
        return limit - width, limit
    return lo, hi


def has_position(lat: object, lon: object) -> bool:
    try:
        return not (math.isnan(float(lat)) or math.isnan(float(lon)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def talk_map(index: EventIndex, view: ViewState, height: int = 280) -> go.Figure:
    """The talk's places on a small map with no play control; built once per talk, then
    :func:`map_for_event` marks one event on a copy (cheap: a copy has no animation frames)."""
    fig = still(charts.map_places(index, replace(view, place="")).figure, 15)
    fig.update_layout(height=height, showlegend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def map_for_event(talk_places: go.Figure, lat: object, lon: object, aspect: float = 1.6) -> go.Figure:
    """``talk_places`` (from :func:`talk_map`) with the event's place ringed, as the Explore map rings a
    selected place, zoomed to its region; the whole map when the event has no coordinates."""
    fig = go.Figure(talk_places)
    if not has_position(lat, lon):
        return fig
    lat, lon = float(lat), float(lon)  # type: ignore[arg-type]
    fig.add_trace(
        go.Scattergeo(
            lat=[lat],
            lon=[lon],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            name="Selected place",
            marker={"size": MAX_MARKER_PX + 8, "symbol": "circle-open", "color": "#D55E00", "line": {"width": 3}},
        )
    )
    lat_range, lon_range = window_around(lat, lon, aspect=aspect)
    # The rotation must follow the window, or plotly.js keeps the map centred on longitude 0.
    fig.update_geos(
        lataxis_range=lat_range,
        lonaxis_range=lon_range,
        resolution=50,
        projection_type="mercator",
        projection_rotation_lon=sum(lon_range) / 2,
        center={"lat": sum(lat_range) / 2, "lon": sum(lon_range) / 2},
    )
    return fig


def chart(
    index: EventIndex,
    view: ViewState,
    name: str,
    title: str = "",
    subtitle: str = "",
    width: int = 1600,
    height: int = 900,
    actor_countries: Mapping[str, str] | None = None,
) -> go.Figure:
    """One chart of the current view by name (see CHART_NAMES), as a picture for PNG or SVG download.

    With ``title`` (and ``subtitle``: the filters, count and years) the picture says what it shows once
    pasted in a deck. A timeline gets a legend of the types and marks, labels laid out for ``width``
    pixels, and a note on how dates are drawn. ``actor_countries`` (what the datasets declare) colours the
    network.
    """
    if name == "Timeline":
        fig = still(charts.timeline(index, view, plot_px=max(width - 260, 400)).figure)
        fig = with_legend(fit_rows(fig, height))
    elif name == "Map of places":
        fig = still(charts.map_places(index, view).figure)
    elif name == "Map of countries":
        fig = still(charts.map_countries(index, view).figure)
    elif name == "Network":
        fig = still(charts.network(index, view, actor_countries).figure)
    elif name in CHART_NAMES:
        overview = charts.overview(index, view.filters)
        fig = still(
            {
                "Events per period": overview.per_period,
                "Most frequent actors": overview.actors,
                "Most frequent places": overview.places,
            }[name]
        )
    else:
        raise ValueError(f"no chart called {name!r}; the charts are {', '.join(CHART_NAMES)}")
    fig = on_paper(fig)
    if title:
        top = max(int(fig.layout.margin.t or 0), 40) + (86 if subtitle else 56)
        fig.update_layout(
            title={
                "text": plotly_text(title),
                "subtitle": {"text": plotly_text(subtitle), "font": {"size": 17, "color": "#5F6B7A"}},
                "x": 0.01,
                "xanchor": "left",
                "y": 0.985,
                "yanchor": "top",
                "font": {"size": 24},
            },
            margin={"t": top},
        )
    return fig


def caption(talk: Talk) -> str:
    """What a picture of the talk shows, under its title: the filters, the count and the years.

    >>> caption(Talk("Kuril dispute", "Type: Visit", "1981 – 2021", ("a", "b")))
    'Type: Visit · 2 events · 1981 – 2021'
    """
    return " · ".join(x for x in (talk.subtitle, plural(talk.count, "event"), talk.date_range) if x)


def fit_rows(fig: go.Figure, height: int, stretch: float = 1.6) -> go.Figure:
    """A timeline drawn ``height`` pixels tall without its rows stretched more than ``stretch`` times: a
    view with one or two lanes keeps markers and bars their size, the lanes centred, instead of one lane
    as tall as the picture."""
    out = go.Figure(fig)
    lo, hi = out.layout.yaxis.range
    room = max(height - 200, 100) / (ROW_PX * stretch)  # rows the picture could show
    if hi - lo < room:
        extra = (room - (hi - lo)) / 2
        out.update_yaxes(range=[lo - extra, hi + extra])
    out.update_layout(height=height)
    return out


DATE_NOTE = (
    "Filled markers: the day is known · open markers and hatched bars: only the month or year is known · "
    "solid bars: events lasting several days"
)


def with_legend(fig: go.Figure) -> go.Figure:
    """A timeline picture with a legend (each type's colour and symbol) and a note on how dates are drawn:
    on screen the lanes and the hover say it, on paper nothing else would."""
    out = go.Figure(fig)
    kinds = []
    for trace in out.data:
        if trace.type == "scatter" and trace.mode == "markers" and trace.name != "Selected" and trace.legendgroup:
            kinds.append((trace.legendgroup, trace.name))
        trace.showlegend = False
    for kind, label in dict.fromkeys(kinds):  # one filled mark per type (a trace's first mark may be open)
        out.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=label,
                legendgroup=kind,
                marker={"color": type_colour(kind), "symbol": type_symbol(kind), "size": 13},
                showlegend=True,
                hoverinfo="skip",
            )
        )
    out.update_layout(
        showlegend=True,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left", "font": {"size": 15}},
        margin={"t": max(int(out.layout.margin.t or 0), 30) + 36, "b": 56},
    )
    out.add_annotation(
        text=DATE_NOTE,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-34,
        showarrow=False,
        font={"size": 13, "color": "#5F6B7A"},
    )
    return out


def scope_events(index: EventIndex, view: ViewState) -> pd.DataFrame:
    """The events of the talk's scope, oldest first."""
    return filter_events(index, view.filters)


def deck_pictures(index: EventIndex, view: ViewState, browser: ExportBrowser) -> list[deck.Picture]:
    """The overview slides' images: the whole timeline and the map of places."""
    timeline = on_paper(timeline_for_talk(index, view, height=DECK_PICTURE[1]))
    places = on_paper(still(charts.map_places(index, view).figure, PROJECTOR_FONT))
    places.update_layout(showlegend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    width, height = DECK_PICTURE
    return [
        deck.Picture(DECK_PICTURES[0], browser.render(timeline, "png", width, height, scale=2)),
        deck.Picture(DECK_PICTURES[1], browser.render(places, "png", width, height, scale=2)),
    ]


DECK_PICTURES = ("Timeline", "Where it happened")  # the overview slides after the title slide


def deck_slide_count(talk: Talk) -> int:
    """Slides in the talk's deck: the title slide, the overview pictures, one per event.

    >>> deck_slide_count(Talk("t", "", "", ("a", "b")))
    5
    """
    return 1 + len(DECK_PICTURES) + talk.count


def deck_for_talk(
    index: EventIndex, view: ViewState, talk: Talk, browser: ExportBrowser, events: pd.DataFrame | None = None
) -> bytes:
    """The .pptx of the talk: title, timeline and map pictures, one slide per event."""
    events = scope_events(index, view) if events is None else events
    return deck.build_deck(talk, events, deck_pictures(index, view, browser))


def report_for_talk(index: EventIndex, view: ViewState, talk: Talk, events: pd.DataFrame | None = None) -> str:
    """The single-file HTML report of the talk: interactive timeline and map, and the events table."""
    events = scope_events(index, view) if events is None else events
    timeline = charts.timeline(index, view)
    places = charts.map_places(index, view)
    sections: Sequence[report.Section] = [
        report.Section("Timeline", timeline.figure, timeline.note),
        report.Section("Map", places.figure, " ".join(filter(None, [places.note, _without_place(places)]))),
    ]
    return report.build_report(talk, cards(events), sections, TYPE_COLOURS)


def _without_place(result: charts.MapResult) -> str:
    n = result.without_coordinates
    return (
        f"{n:,} event{'s have' if n != 1 else ' has'} no coordinates and {'are' if n != 1 else 'is'} not on the map."
        if n
        else ""
    )
