"""What every format produces: canonical-named text columns, row numbers and the header mapping."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from diplotime.errors import Problem


@dataclass(frozen=True)
class MapOptions:
    """Choices the user can make instead of letting the importer detect them."""

    date_order: str | None = None  # 'dmy' | 'mdy' | None (decide from the column)
    dataset: str | None = None  # default for rows without a dataset
    mapping: dict[str, str] | None = None  # source header -> canonical column, overrides detection


@dataclass
class MappedTable:
    """Cells renamed to canonical columns (all text), with the facts a report needs."""

    frame: pd.DataFrame
    rows: pd.Series
    format: str
    mapping: dict[str, str]  # source header -> canonical column
    extra_columns: list[str] = field(default_factory=list)  # kept as extra attributes
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    coordinate_columns_given: bool = True
    # Rows whose lat/lon the source itself gives as a centroid (a country, a region): marked approximate.
    coords_approximate: np.ndarray | None = None
    source_rows: int | None = None  # data rows of the file when they are not one per event (merged, set aside)
    set_aside: int = 0  # rows that are not events at all (a TimelineJS title slide): not merged, not rejected


def _some(names: list[object], shown: int = 20) -> str:
    """Names for a message, the first ``shown`` of them: _some(list('abc'), 2) -> 'a, b and 1 more'."""
    text = ", ".join(map(str, names[:shown]))
    return f"{text} and {len(names) - shown} more" if len(names) > shown else text


def rename(table_frame: pd.DataFrame, rows: pd.Series, fmt: str, mapping: dict[str, str]) -> MappedTable:
    """Select and rename mapped columns; every other column is kept as an extra attribute."""
    extras = [c for c in table_frame.columns if c not in mapping]
    # One frame built at once: adding columns one by one copies the column index each time (quadratic).
    columns = {canon: table_frame[src] for src, canon in mapping.items()}
    columns.update({f"extra:{col}": table_frame[col] for col in extras})
    frame = pd.DataFrame(columns)
    warnings = []
    if extras:
        warnings.append("columns kept as extra attributes (not part of the event schema): " + _some(extras))
    return MappedTable(
        frame=frame,
        rows=rows,
        format=fmt,
        mapping=dict(mapping),
        extra_columns=[str(c) for c in extras],
        warnings=warnings,
    )


def assemble(
    fmt: str,
    rows: pd.Series,
    columns: dict[str, object],
    extras: dict[str, object],
    mapping: dict[str, str],
    *,
    warnings: list[str] | None = None,
    problems: list[Problem] | None = None,
    coords_approximate: np.ndarray | None = None,
    source_rows: int | None = None,
    set_aside: int = 0,
) -> MappedTable:
    """A MappedTable from canonical columns and extra attributes a format computed itself."""
    n = len(rows)
    texts = {name: _text(values, n) for name, values in columns.items()}
    texts.update({f"extra:{name}": _text(values, n) for name, values in extras.items()})
    frame = pd.DataFrame(texts, index=pd.RangeIndex(n))
    return MappedTable(
        frame=frame.reset_index(drop=True),
        rows=rows.reset_index(drop=True),
        format=fmt,
        mapping=mapping,
        extra_columns=list(extras),
        problems=problems or [],
        warnings=warnings or [],
        coordinate_columns_given="lat" in columns and "lon" in columns,
        coords_approximate=coords_approximate,
        source_rows=source_rows,
        set_aside=set_aside,
    )


def _text(values: object, n: int) -> np.ndarray:
    """Cells as text ('' for missing); a single string is repeated on every row."""
    if isinstance(values, str):
        return np.full(n, values, dtype=object)
    series = pd.Series(np.asarray(values, dtype=object))
    return series.where(series.notna(), "").astype(str).to_numpy(dtype=object)


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped text, '' when the file lacks it."""
    if name not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[name].astype(object).fillna("").astype(str).str.strip()
