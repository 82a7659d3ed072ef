"""One event typed by hand (the edit form, the CLI's ``edit --set``) through the import's own checks.

The values go through :func:`~diplotime.validate.table.validate_table` as a one-row table, so a date
is read as people write it (``1875`` and ``Aug 1945`` keep their precision), countries become ISO
codes, links must be http(s), and every other rule of an import applies unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from diplotime import schema
from diplotime.formats.base import MappedTable
from diplotime.validate.table import validate_table

EDITABLE: tuple[str, ...] = tuple(name for name in schema.COLUMN_NAMES if name not in ("id", "dataset"))


def _as_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def check_event(values: Mapping[str, object], *, dataset: str) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The event as the store keeps it, and the problems per field (empty when it is good).

    Without an ``id`` the key is derived from date, title and place, as an import derives it.

    check_event({'date': 'Aug 1945', 'title': 'Soviet entry into the war'}, dataset='d')[0]['date'] -> '1945-08'
    """
    unknown = sorted(set(values) - set(schema.COLUMN_NAMES))
    if unknown:
        return None, {name: "not a field of an event" for name in unknown}
    row = {name: _as_text(values.get(name)) for name in schema.COLUMN_NAMES}
    row["dataset"] = _as_text(values.get("dataset")) or dataset
    frame = pd.DataFrame({name: pd.Series([text], dtype=str) for name, text in row.items()})
    mapped = MappedTable(frame=frame, rows=pd.Series([1]), format="events", mapping={c: c for c in row})
    result = validate_table(mapped, dataset=dataset)
    problems: dict[str, str] = {}
    for problem in result.problems:
        problems.setdefault(problem.column or "event", problem.message)
    if problems or result.events.empty:
        return None, problems or {"event": "not a valid event"}
    event = {name: _plain(result.events[name].iloc[0]) for name in schema.EVENT_COLUMNS}
    return event, {}


def check_event_values(values: Mapping[str, object], *, dataset: str = schema.DEFAULT_DATASET) -> dict[str, str]:
    """The problems of hand-typed values per field, for a form to show beside each one ({} when good)."""
    return check_event(values, dataset=dataset)[1]


def _plain(value: object) -> object:
    """A numpy or pandas scalar as the plain Python value the store and JSON take."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    return value.item() if hasattr(value, "item") else value
