"""Collapse the many rows one real event yields in machine-coded streams (GDELT, ICEWS) into one.

Rows with the same day, the same actor pair (in either order: "Japan meets Russia" and "Russia meets
Japan" are one meeting), the same CAMEO base code and the same place are one event. The event keeps
its first row's cells and spreadsheet row, and carries how many rows it merged, every original id
and every distinct source, so any row can be traced back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_LISTED = 50  # ids/URLs listed per event; the count says how many there were


@dataclass
class Collapsed:
    frame: pd.DataFrame  # one row per event: the first row of each group
    rows: pd.Series  # spreadsheet row of that first row
    merged: np.ndarray  # how many rows each event stands for
    ids: np.ndarray  # ';'-joined original ids of the merged rows
    sources: np.ndarray  # ' '-joined distinct sources of the merged rows
    group: np.ndarray  # the group of every input row
    order: np.ndarray  # the group of every output row
    first: np.ndarray  # position of each event's first row in the input

    def __len__(self) -> int:
        return len(self.first)

    def take(self, values: pd.Series) -> pd.Series:
        """The first row's value of each event."""
        return values.iloc[self.first].reset_index(drop=True)

    def total(self, values: pd.Series) -> np.ndarray:
        """Sum of a numeric column over each event's rows (text that is not a number counts 0)."""
        numbers = pd.to_numeric(pd.Series(values).reset_index(drop=True), errors="coerce").fillna(0).to_numpy()
        return np.bincount(self.group, weights=numbers)[self.order]


def actor_pair(first: pd.Series, second: pd.Series) -> pd.Series:
    """The actor pair in a fixed order: ('RUS', 'JPN') and ('JPN', 'RUS') both give 'JPN|RUS'."""
    a, b = first.fillna("").astype(str).to_numpy(dtype=object), second.fillna("").astype(str).to_numpy(dtype=object)
    low, high = np.where(a <= b, a, b), np.where(a <= b, b, a)
    return pd.Series(low + "|" + high, index=first.index, dtype=object)


def collapse_rows(
    frame: pd.DataFrame, rows: pd.Series, keys: list[str], id_column: str, source_column: str
) -> Collapsed:
    """Group ``frame`` by ``keys``; each group becomes its first row plus counts, ids and sources."""
    frame = frame.reset_index(drop=True)
    rows = rows.reset_index(drop=True)
    key_frame = frame[keys].astype(object).fillna("")
    group = key_frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    first = ~pd.Series(group).duplicated().to_numpy()
    order = group[first]
    merged = np.bincount(group)[order]
    ids = _joined(frame[id_column], group, order, ";", distinct=False)
    sources = _joined(frame[source_column], group, order, " ", distinct=True)
    return Collapsed(
        frame=frame[first].reset_index(drop=True),
        rows=rows[first].reset_index(drop=True),
        merged=merged,
        ids=ids,
        sources=sources,
        group=group,
        order=order,
        first=np.flatnonzero(first),
    )


def _joined(values: pd.Series, group: np.ndarray, order: np.ndarray, sep: str, distinct: bool) -> np.ndarray:
    texts = values.fillna("").astype(str).to_numpy(dtype=object)
    by_group: dict[int, list[str]] = {}
    for g, text in zip(group.tolist(), texts):
        items = by_group.setdefault(g, [])
        if text and len(items) < MAX_LISTED and not (distinct and text in items):
            items.append(text)
    return np.array([sep.join(by_group.get(g, [])) for g in order.tolist()], dtype=object)
