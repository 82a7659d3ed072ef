"""Import batches as the Batches page lists them: one row per import, file names as display text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from diplotime import formats
from diplotime.text import file_label


def when(stamp: object) -> str:
    """A stored UTC time as the page shows it: when('2026-11-29T09:12:37+00:00') -> '2026-11-29 09:12 UTC'."""
    text = str(stamp or "")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.utcoffset() == dt.timedelta(0) else "")


def status(undone_at: object) -> str:
    return f"undone {when(undone_at)}" if _given(undone_at) else "stored"


def is_undone(row: pd.Series) -> bool:
    return _given(row["undone_at"])


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def batch_table(batches: pd.DataFrame) -> pd.DataFrame:
    """Batches from :func:`diplotime.store.list_batches` (newest first) as a table for people."""
    return pd.DataFrame(
        {
            "batch": batches["id"].astype("int64"),
            "file": [file_label(n) for n in batches["file_name"]],
            "imported": [when(t) for t in batches["created_at"]],
            "format": [formats.FORMATS[f].NAME if f in formats.FORMATS else str(f) for f in batches["format"]],
            "rows": batches["rows"].astype("int64"),
            "added": batches["added"].astype("int64"),
            "duplicates": batches["duplicates"].astype("int64"),
            "rejected": batches["rejected"].astype("int64"),
            "status": [status(u) for u in batches["undone_at"]],
        }
    )


def batch_label(row: pd.Series) -> str:
    """One batch in a picker: 'Batch 7 · events.csv · 2026-11-29 09:12 UTC · 1,234 added'."""
    text = (
        f"Batch {int(row['id'])} · {file_label(row['file_name'], 40)} · {when(row['created_at'])} · "
        f"{int(row['added']):,} added"
    )
    return text + (" · undone" if is_undone(row) else "")
