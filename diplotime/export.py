"""Exporters of events: canonical JSON and CSV whose cells cannot run as spreadsheet formulas."""

from __future__ import annotations

import io
import json
import math
import re
from typing import Any

import pandas as pd

from diplotime import schema

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMERIC_COLUMNS = frozenset(c.name for c in schema.COLUMNS if c.kind == "float")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """Prefix a leading formula character with ' (OWASP): neutralise('=1+2') -> "'=1+2".

    A plain number such as '-2.5' or '+7' stays a number (it cannot be a formula); '-2+3' does not.

    >>> neutralise('-2.5'), neutralise('-2+3'), neutralise('@SUM(A1)'), neutralise('Shimoda')
    ('-2.5', "'-2+3", "'@SUM(A1)", 'Shimoda')
    """
    if not value or not value.startswith(FORMULA_START) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def canonical_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Only the canonical columns, in schema order, as text (lat/lon stay numbers or None)."""
    out = pd.DataFrame(index=events.index)
    for col in schema.COLUMN_NAMES:
        series = events[col] if col in events.columns else pd.Series([""] * len(events), index=events.index)
        if col in NUMERIC_COLUMNS:
            out[col] = pd.Series(
                [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in series],
                index=events.index,
                dtype=object,
            )
        else:
            out[col] = series.fillna("").astype(str)
    return out.reset_index(drop=True)


def to_records(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Events as canonical JSON records: dates as ISO text cut to their precision."""
    return canonical_frame(events).to_dict("records")


def to_json(events: pd.DataFrame) -> str:
    return json.dumps(to_records(events), ensure_ascii=False, indent=1)


def to_safe_csv(events: pd.DataFrame) -> str:
    """Canonical CSV with every text cell neutralised against formula injection."""
    frame = canonical_frame(events)
    for col in frame.columns:
        if col in NUMERIC_COLUMNS:
            frame[col] = [("" if v is None else repr(float(v))) for v in frame[col]]
        else:
            frame[col] = [neutralise(v) for v in frame[col]]
    buffer = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote any cell holding a bare CR, which would otherwise
    # split the row in Excel and in csv readers.
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()
