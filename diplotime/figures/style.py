"""One look for every chart: a colour and a marker symbol per event type, fonts and sizes.

Colours come from the Okabe–Ito and Paul Tol palettes, which stay distinguishable with the common
colour-vision deficiencies; each type also has its own marker symbol so nothing relies on colour
alone. The colours are mid-tones that read on both the light and the dark theme.
"""

from __future__ import annotations

from typing import Any

from diplotime import schema

TYPE_COLOURS: dict[str, str] = {
    "summit": "#0072B2",  # Okabe–Ito blue
    "ministerial_talks": "#56B4E9",  # Okabe–Ito sky blue
    "visit": "#009E73",  # Okabe–Ito bluish green
    "press_conference": "#CC79A7",  # Okabe–Ito reddish purple
    "statement": "#E69F00",  # Okabe–Ito orange
    "treaty": "#D55E00",  # Okabe–Ito vermillion
    "legislation": "#882255",  # Tol wine
    "protest": "#999933",  # Tol olive
    "military": "#332288",  # Tol indigo
    "poll": "#DDCC77",  # Tol sand
    "incident": "#EE6677",  # Tol bright red
    "other": "#999999",  # neutral grey
}
TYPE_SYMBOLS: dict[str, str] = {
    "summit": "circle",
    "ministerial_talks": "square",
    "visit": "triangle-up",
    "press_conference": "star",
    "statement": "diamond",
    "treaty": "hexagon",
    "legislation": "pentagon",
    "protest": "triangle-down",
    "military": "cross",
    "poll": "hourglass",
    "incident": "x",
    "other": "circle",
}
UNKNOWN_COLOUR = "#777777"
assert set(TYPE_COLOURS) == set(schema.EVENT_TYPES) == set(TYPE_SYMBOLS)

# Streamlit's own font first (bundled with the app), then fonts with Japanese and Cyrillic glyphs.
FONT_FAMILY = "Source Sans, Source Sans Pro, Noto Sans, Noto Sans CJK JP, DejaVu Sans, sans-serif"
FONT_SIZE = 15
OUTLINE = "rgba(255,255,255,0.85)"
HOVER_TEXT, HOVER_BACKGROUND, HOVER_BORDER = "#1F2933", "#FFFFFF", "#5F6B7A"  # contrast 14.8:1
GRID = "rgba(128,128,128,0.25)"
# Sequential and colour-blind safe for counts (the choropleth): Cividis from pale yellow (few) to a
# mid-dark blue (many), stopping short of near-black so the most active countries read on the dark theme.
COUNT_SCALE = [[0.0, "#FDEA45"], [0.25, "#C8B866"], [0.5, "#8A8678"], [0.75, "#575C6D"], [1.0, "#1F3F77"]]


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, UNKNOWN_COLOUR)


def type_symbol(event_type: str) -> str:
    return TYPE_SYMBOLS.get(event_type, "circle")


def base_layout(height: int, **extra: Any) -> dict[str, Any]:
    """Layout shared by every figure. Backgrounds are left to the app theme (light or dark)."""
    layout: dict[str, Any] = {
        "height": height,
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        # Dark text on an opaque white label with a grey border: readable over any marker, on either theme
        # (Streamlit's template would give grey text on translucent white).
        "hoverlabel": {
            "font": {"family": FONT_FAMILY, "size": 15, "color": HOVER_TEXT},
            "bgcolor": HOVER_BACKGROUND,
            "bordercolor": HOVER_BORDER,
            "align": "left",
        },
        # The tool buttons stand in a column at the right edge, clear of a legend along the top.
        "modebar": {"orientation": "v"},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.01,
            "xanchor": "left",
            "x": 0,
            "font": {"size": 14},
            "title": {"text": ""},
            "traceorder": "normal",
            "itemsizing": "constant",
        },
    }
    layout.update(extra)
    return layout
