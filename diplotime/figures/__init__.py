"""Figure builders: a DataFrame and options in, a ``plotly.graph_objects.Figure`` out; no I/O.

Colours and symbols per event type live in :mod:`diplotime.figures.style` and are shared by every chart.
"""

from diplotime.figures.maps import countries_map_figure, places_map_figure
from diplotime.figures.overview import period_counts_figure, top_figure
from diplotime.figures.style import TYPE_COLOURS, TYPE_SYMBOLS, type_colour
from diplotime.figures.timeline import timeline_density_figure, timeline_figure

__all__ = [
    "TYPE_COLOURS", "TYPE_SYMBOLS", "countries_map_figure", "period_counts_figure", "places_map_figure",
    "timeline_density_figure", "timeline_figure", "top_figure", "type_colour",
]
