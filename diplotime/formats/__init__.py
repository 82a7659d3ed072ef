"""Known file formats: each maps a table of text cells onto the canonical columns.

A format is one module with ``NAME``, ``LABEL``, ``detect(table) -> float`` (0 = not this format,
1 = certainly) and ``map_table(table, options) -> MappedTable``, plus one entry in ``FORMATS``.

- :mod:`~diplotime.formats.base`: what every format produces (:class:`MappedTable`) and the user's options;
- :mod:`~diplotime.formats.events`: this project's own columns and their synonyms;
- :mod:`~diplotime.formats.gdelt`, :mod:`~diplotime.formats.acled`, :mod:`~diplotime.formats.icews`,
  :mod:`~diplotime.formats.timelinejs`: exports of the public event databases and the TimelineJS sheet;
- :mod:`~diplotime.formats.cameo`, :mod:`~diplotime.formats.codes`, :mod:`~diplotime.formats.collapse`: CAMEO
  event codes, country codes and names -> ISO alpha-3, and many machine-coded rows -> one event.
"""

from __future__ import annotations

from types import ModuleType

from diplotime.formats import acled, events, gdelt, icews, timelinejs
from diplotime.formats.base import MapOptions, MappedTable

FORMATS: dict[str, ModuleType] = {m.NAME: m for m in (events, gdelt, acled, icews, timelinejs)}

__all__ = ["FORMATS", "MappedTable", "MapOptions", "detect_format", "format_names"]


def format_names() -> list[str]:
    return list(FORMATS)


def detect_format(table) -> str:  # type: ignore[no-untyped-def]
    """The name of the best-matching format; the canonical 'events' format when nothing else fits."""
    scores = {name: module.detect(table) for name, module in FORMATS.items()}
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] > 0 else events.NAME
