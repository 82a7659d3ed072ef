"""What every format produces: canonical-named text columns, row numbers and the header mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from diplotime.problems import Problem


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


def header_key(header: str) -> str:
    """Compare headers ignoring case, spacing and punctuation: header_key(' Start-Date ') -> 'start date'."""
    return re.sub(r"[\s_\-./]+", " ", header.strip().casefold()).strip()


def rename(
    table_frame: pd.DataFrame, rows: pd.Series, fmt: str, mapping: dict[str, str]
) -> MappedTable:
    """Select and rename mapped columns; every other column is kept as an extra attribute."""
    frame = pd.DataFrame({canon: table_frame[src] for src, canon in mapping.items()})
    extras = [c for c in table_frame.columns if c not in mapping]
    for col in extras:
        frame[f"extra:{col}"] = table_frame[col]
    warnings = []
    if extras:
        warnings.append(
            "columns kept as extra attributes (not part of the event schema): " + ", ".join(map(str, extras))
        )
    return MappedTable(frame=frame, rows=rows, format=fmt, mapping=dict(mapping),
                       extra_columns=[str(c) for c in extras], warnings=warnings)
