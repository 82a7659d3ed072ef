"""Figures stage: a DataFrame and options in, a ``plotly.graph_objects.Figure`` out; no I/O.

Modules, each importing only the ones before it:

- :mod:`~diplotime.figures.style`: one colour and marker symbol per event type, fonts and sizes, for every chart;
- :mod:`~diplotime.figures.timeline`: swimlane timelines (single events, or counts per lane and period);
- :mod:`~diplotime.figures.maps`: offline maps of places and countries;
- :mod:`~diplotime.figures.overview`: events per period and the most frequent actors or places;
- :mod:`~diplotime.figures.network`: the network of who met whom, and its GEXF and GraphML files;
- :mod:`~diplotime.figures.storylines`: a storyline's events joined on a timeline;
- :mod:`~diplotime.figures.compare`: two views on the same scales (shared lanes, equal time spans and counts);
- :mod:`~diplotime.figures.charts`: what each Explore page draws for a view (filter, aggregate when there is
  too much, build the figure).
"""

from diplotime.figures.maps import countries_map_figure, places_map_figure
from diplotime.figures.overview import period_counts_figure, top_figure
from diplotime.figures.style import TYPE_COLOURS, TYPE_SYMBOLS, type_colour
from diplotime.figures.timeline import timeline_density_figure, timeline_figure

__all__ = [
    "TYPE_COLOURS",
    "TYPE_SYMBOLS",
    "countries_map_figure",
    "period_counts_figure",
    "places_map_figure",
    "timeline_density_figure",
    "timeline_figure",
    "top_figure",
    "type_colour",
]
