"""Explore stage: the stored events indexed, filtered, counted and placed, and the view kept in a link.

Modules, each importing only the ones before it:

- :mod:`~diplotime.explore.actors`: the spellings of one actor merged, and the user's alias rules applied;
- :mod:`~diplotime.explore.places`: one place per city (the Kremlin is Moscow), counted the same everywhere;
- :mod:`~diplotime.explore.index`: an index over the stored events, built once per store revision;
- :mod:`~diplotime.explore.filters`: the filters every page shares;
- :mod:`~diplotime.explore.link`: the whole view (filters, grouping, eras, selection) as a query string;
- :mod:`~diplotime.explore.ranges`: date ranges as typed in the From and To boxes, and the presets;
- :mod:`~diplotime.explore.aggregate`: counts per period, lane, place; top actors and places; headline numbers;
- :mod:`~diplotime.explore.geo`: map grids, the view's extent, capitals for travel lines;
- :mod:`~diplotime.explore.mapdata`: events per place, type and period for the map;
- :mod:`~diplotime.explore.network`: who met whom (actors linked by shared events);
- :mod:`~diplotime.explore.storylines`: the links between events, both ways, and the storylines they make.
"""

from diplotime.explore.filters import Filters, filter_events, filter_mask
from diplotime.explore.index import EventIndex, FilterOptions, filter_options, index_events
from diplotime.explore.link import Era, ViewState, decode_view, encode_view

__all__ = [
    "Era",
    "EventIndex",
    "FilterOptions",
    "Filters",
    "ViewState",
    "decode_view",
    "encode_view",
    "filter_events",
    "filter_mask",
    "filter_options",
    "index_events",
]
