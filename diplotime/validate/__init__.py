"""Validate stage: canonical text columns -> valid events plus every problem, row by row.

Modules, each importing only the ones before it:

- :mod:`~diplotime.validate.kernels`: whole text columns as Arrow arrays, work done once per distinct value;
- :mod:`~diplotime.validate.recipes`: single cells (text, lists, coordinates);
- :mod:`~diplotime.validate.dates`: dates as people write them, with their precision;
- :mod:`~diplotime.validate.date_order`: whether a column writes day or month first;
- :mod:`~diplotime.validate.date_columns`: whole date columns at once;
- :mod:`~diplotime.validate.places`, :mod:`~diplotime.validate.gazetteer`, :mod:`~diplotime.validate.aliases`:
  the curated places, coordinates from place names, and every name of a contested place;
- :mod:`~diplotime.validate.actors`: which spellings of an actor's name are the same person;
- :mod:`~diplotime.validate.table`: :func:`validate_table`, the stage's entry point;
- :mod:`~diplotime.validate.single`: one event typed by hand, through :func:`validate_table` as a one-row table.
"""

from diplotime.validate.dates import PartialDate, make_date, parse_any_date, parse_iso_date
from diplotime.validate.table import ValidationResult, validate_table

__all__ = ["PartialDate", "ValidationResult", "make_date", "parse_any_date", "parse_iso_date", "validate_table"]
