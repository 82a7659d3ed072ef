"""Filters over the events: dates (an event counts if the span it covers overlaps the range), types,
countries, actors, datasets, one import batch, and a search where every word must appear.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime.explore.index import EventIndex, index_events, normalise_search

MAX_VALUE_LENGTH = 200  # a search (or any link value) is cut here before it is parsed


@dataclass(frozen=True)
class Filters:
    """One filter state shared by every page. Empty means 'no restriction'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    text: str = ""
    datasets: tuple[str, ...] = ()
    batch: int | None = None  # only the events one import batch added (the Upload page's "show on timeline")

    @property
    def active(self) -> bool:
        return self != Filters()


def search_terms(text: str) -> list[str]:
    """Words and "quoted phrases", normalised: search_terms('Abe "peace treaty"') -> ['abe', 'peace treaty']."""
    text = text.strip()[:MAX_VALUE_LENGTH]
    try:
        parts = shlex.split(text)
    except ValueError:  # an unbalanced quote: fall back to plain words
        parts = text.replace('"', " ").split()
    return [normalise_search(p) for p in parts if p.strip()]


def _rows_with(exploded_rows: np.ndarray, exploded_codes: np.ndarray, codes: list[int], n: int) -> np.ndarray:
    hit = np.zeros(n, dtype=bool)
    if codes:
        hit[exploded_rows[np.isin(exploded_codes, codes)]] = True
    return hit


def filter_mask(index: EventIndex, filters: Filters) -> np.ndarray:
    """A boolean array over ``index.events``: True where the event passes every filter.

    Dates keep an event whose covered span overlaps the chosen range, so '1945' (year precision)
    is inside a range that starts in August 1945.
    """
    n = len(index)
    mask = np.ones(n, dtype=bool)
    if filters.date_from is not None:
        mask &= index.end >= np.datetime64(filters.date_from, "D")
    if filters.date_to is not None:
        mask &= index.start <= np.datetime64(filters.date_to, "D")
    if filters.types:
        codes = [i for i, t in enumerate(index.types) if t in set(filters.types)]
        mask &= np.isin(index.type_codes, codes)
    if filters.datasets:
        codes = [i for i, d in enumerate(index.datasets) if d in set(filters.datasets)]
        mask &= np.isin(index.dataset_codes, codes)
    if filters.batch is not None:
        mask &= batch_mask(index, filters.batch)
    for wanted, exploded in ((filters.countries, index.countries), (filters.actors, index.actors)):
        if wanted:
            lookup = exploded.code_of()
            codes = [lookup[v] for v in wanted if v in lookup]
            mask &= _rows_with(exploded.rows, exploded.codes, codes, n)
    terms = sorted(search_terms(filters.text), key=len, reverse=True)  # longer words rule out more rows
    if terms:
        candidates = np.flatnonzero(mask)
        for term in terms:
            if len(candidates) == 0:
                break
            if len(candidates) > n // 3:  # most rows still in play: scanning them all is cheaper than a copy
                hit = pc.match_substring(index.search, term).to_numpy(zero_copy_only=False)
                candidates = candidates[hit[candidates]]
            else:  # a few rows left: search only those
                texts = index.search.take(pa.array(candidates))
                candidates = candidates[pc.match_substring(texts, term).to_numpy(zero_copy_only=False)]
        mask = np.zeros(n, dtype=bool)
        mask[candidates] = True
    return mask


def batch_mask(index: EventIndex, batch: int) -> np.ndarray:
    """True for the events import batch ``batch`` added (none for a frame without batch ids)."""
    if "batch_id" not in index.events.columns:
        return np.zeros(len(index), dtype=bool)
    return index.events["batch_id"].to_numpy() == batch


def filter_events(events: EventIndex | pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events passing ``filters``, oldest first (a new frame; the input is not changed)."""
    index = events if isinstance(events, EventIndex) else index_events(events)
    return index.events[filter_mask(index, filters)]
