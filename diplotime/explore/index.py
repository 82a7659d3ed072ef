"""An index over the stored events, built once per store revision, so filtering a million events is fast.

Dates become day numbers, list cells (countries, actors) become parallel (row, code) arrays, and the
free-text fields become one normalised search column. Nothing here mutates the events frame.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime import schema
from diplotime.explore.actors import COLUMN as ACTOR_NAMES
from diplotime.explore.places import Places, assign_places

# Fields the free-text search looks in; `aliases` (alternative place names) joins when the store has it, and
# `actor_names` (the names actors count as, explore.actors) when spellings were merged.
SEARCH_FIELDS = ("title", "description", "actors", "location", "aliases", ACTOR_NAMES)
MAX_ACTOR_OPTIONS = 1000  # the actor picker lists the most frequent ones; any actor can still be linked


@dataclass(frozen=True)
class Exploded:
    """A ';'-list column as parallel arrays: event row, value code; ``values[code]`` is the value."""

    rows: np.ndarray
    codes: np.ndarray
    values: tuple[str, ...]

    def code_of(self) -> dict[str, int]:
        return {v: i for i, v in enumerate(self.values)}


@dataclass(frozen=True)
class EventIndex:
    events: pd.DataFrame  # as read from the store; treat as read-only
    start: np.ndarray  # datetime64[D], first day each event covers
    end: np.ndarray  # datetime64[D], last day each event covers
    type_codes: np.ndarray
    types: tuple[str, ...]
    dataset_codes: np.ndarray
    datasets: tuple[str, ...]
    countries: Exploded
    actors: Exploded
    search: pa.Array  # normalised title, description, actors, place and aliases
    location_codes: np.ndarray = field(repr=False)  # -1 where no place is given
    locations: tuple[str, ...] = field(repr=False)
    lat: np.ndarray = field(repr=False)  # float, NaN when unknown
    lon: np.ndarray = field(repr=False)
    web_source: np.ndarray = field(repr=False)  # True where the source is an http(s) link

    def __len__(self) -> int:
        return len(self.events)

    @functools.cached_property
    def positions(self) -> dict[str, int]:
        """Event id -> row; built on first use (a deep link or a card), as it costs ~1 s a million."""
        return {str(v): i for i, v in enumerate(self.events["id"].tolist())}

    def has_event(self, event_id: str) -> bool:
        return event_id in self.positions

    @functools.cached_property
    def places(self) -> Places:
        """Each event's place, nearby positions and a place's names merged (see :mod:`diplotime.explore.places`):
        what the Overview, the map and the place lists all count."""
        return assign_places(self.lat, self.lon, self.events["location"].to_numpy(dtype=object))

    def place_key(self, place: int) -> str:
        """The map link of a place ('55.756,37.617'), or '' for a place known only by name."""
        lat, lon = float(self.places.lat[place]), float(self.places.lon[place])
        return "" if np.isnan(lat) or np.isnan(lon) else f"{lat:.3f},{lon:.3f}"


@dataclass(frozen=True)
class FilterOptions:
    """What the filter widgets offer, and what a link may name."""

    types: tuple[str, ...]
    countries: tuple[str, ...]
    actors: tuple[str, ...]  # the most frequent, for the picker
    all_actors: frozenset[str]
    datasets: tuple[str, ...]
    first_day: np.datetime64 | None
    last_day: np.datetime64 | None


def normalise_search(text: str) -> str:
    """How search text is compared: normalise_search('Ёлка ＡＢＥ') -> 'елка abe' (NFKC, lower case, ё as е)."""
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е")


def _days(values: pd.Series) -> np.ndarray:
    if len(values) == 0:
        return np.array([], dtype="datetime64[D]")
    arr = _strings(values)
    return pc.cast(arr, pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")


def _strings(values: pd.Series) -> pa.Array:
    return pa.array(values.fillna("").astype(str), type=pa.string())


def _encode(values: pd.Series) -> tuple[np.ndarray, tuple[str, ...]]:
    codes, uniques = pd.factorize(values.fillna("").astype(str), sort=True)
    return codes.astype(np.int32), tuple(str(u) for u in uniques)


def _explode(values: pd.Series) -> Exploded:
    arr = _strings(values)
    lists = pc.split_pattern(arr, schema.LIST_SEPARATOR)
    rows = pc.list_parent_indices(lists).to_numpy().astype(np.int32)
    items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    keep = pc.not_equal(items, "").to_numpy(zero_copy_only=False)
    rows, items = rows[keep], items.filter(pa.array(keep))
    encoded = (
        pc.dictionary_encode(items).combine_chunks()
        if isinstance(items, pa.ChunkedArray)
        else pc.dictionary_encode(items)
    )
    raw_values = [str(v) for v in encoded.dictionary.to_pylist()]
    raw_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    order = sorted(range(len(raw_values)), key=raw_values.__getitem__)
    remap = np.empty(len(raw_values), dtype=np.int32)
    remap[order] = np.arange(len(order), dtype=np.int32)
    codes = remap[raw_codes] if len(raw_codes) else raw_codes
    return Exploded(rows=rows, codes=codes, values=tuple(raw_values[i] for i in order))


SEPARATOR = "\x1f"  # between fields: an ASCII control character no search term contains


def _normalise(arr: pa.Array) -> pa.Array:
    """NFKC, lower case and ё as е, like :func:`normalise_search`; ASCII rows take the fast path."""
    lowered = pc.ascii_lower(arr)
    ascii_rows = pc.string_is_ascii(arr)
    if pc.all(ascii_rows).as_py() in (True, None):
        return lowered
    other = pc.invert(ascii_rows)
    unicode_rows = arr.filter(other)
    unicode_rows = pc.replace_substring(pc.utf8_lower(pc.utf8_normalize(unicode_rows, "NFKC")), "ё", "е")
    return pc.replace_with_mask(lowered, other, unicode_rows)


def _search_column(events: pd.DataFrame, dataset_names: Mapping[str, Sequence[str]] | None = None) -> pa.Array:
    parts = [_strings(events[c]) for c in SEARCH_FIELDS if c in events.columns]
    if dataset_names and len(events):
        # Each event also answers to its dataset's names: one text per dataset, spread to its events.
        joined = {d: " ; ".join(names) for d, names in dataset_names.items()}
        datasets = pc.dictionary_encode(_strings(events["dataset"]))
        if isinstance(datasets, pa.ChunkedArray):
            datasets = datasets.combine_chunks()
        named = pa.array([joined.get(str(d), "") for d in datasets.dictionary.to_pylist()], type=pa.string())
        parts.append(named.take(datasets.indices))
    if not parts or len(events) == 0:
        return pa.array([""] * len(events), type=pa.string())
    joined = pc.binary_join_element_wise(*parts, SEPARATOR) if len(parts) > 1 else parts[0]
    if isinstance(joined, pa.ChunkedArray):  # columns of different origins can come back chunked differently
        joined = joined.combine_chunks()
    return _normalise(joined)


def _locations(values: pd.Series) -> tuple[np.ndarray, tuple[str, ...]]:
    codes, uniques = pd.factorize(values.fillna("").astype(str), sort=False)
    codes = codes.astype(np.int32)
    names = [str(u) for u in uniques]
    if "" in names:  # no place given: code -1
        empty = names.index("")
        codes = np.where(codes == empty, -1, np.where(codes > empty, codes - 1, codes)).astype(np.int32)
        names.pop(empty)
    return codes, tuple(names)


def _web(values: pd.Series) -> np.ndarray:
    if len(values) == 0:
        return np.array([], dtype=bool)
    hit = pc.match_substring_regex(pc.utf8_trim_whitespace(_strings(values)), r"^https?://[^\s/]+", ignore_case=True)
    return hit.to_numpy(zero_copy_only=False).astype(bool)


def index_events(events: pd.DataFrame, dataset_names: Mapping[str, Sequence[str]] | None = None) -> EventIndex:
    """Build the index for a frame from :func:`diplotime.store.read_events` (any number of rows).

    ``dataset_names`` (:func:`diplotime.store.dataset_names`) makes the search match, for every event of a
    dataset, the names that dataset is known by. Actors are indexed by the names they count as when the frame
    has an ``actor_names`` column (:func:`diplotime.explore.actors.name_actors`), else as written.
    """
    type_codes, types = _encode(events["event_type"]) if len(events) else (np.array([], np.int32), ())
    dataset_codes, datasets = _encode(events["dataset"]) if len(events) else (np.array([], np.int32), ())
    location_codes, locations = _locations(events["location"])
    return EventIndex(
        events=events,
        start=_days(events["date_start"]),
        end=_days(events["date_end"]),
        type_codes=type_codes,
        types=types,
        dataset_codes=dataset_codes,
        datasets=datasets,
        countries=_explode(events["countries"]),
        actors=_explode(events[ACTOR_NAMES] if ACTOR_NAMES in events.columns else events["actors"]),
        search=_search_column(events, dataset_names),
        location_codes=location_codes,
        locations=locations,
        lat=events["lat"].to_numpy(dtype=float),
        lon=events["lon"].to_numpy(dtype=float),
        web_source=_web(events["source"]),
    )


def filter_options(index: EventIndex) -> FilterOptions:
    """The values present in the store, in the order the pickers show them."""
    vocabulary = list(schema.EVENT_TYPES)
    present = set(index.types)
    types = tuple([t for t in vocabulary if t in present] + sorted(present - set(vocabulary)))
    actor_counts = np.bincount(index.actors.codes, minlength=len(index.actors.values))
    top = np.argsort(-actor_counts, kind="stable")[:MAX_ACTOR_OPTIONS]
    actors = tuple(sorted((index.actors.values[i] for i in top), key=str.casefold))
    return FilterOptions(
        types=types,
        countries=index.countries.values,
        actors=actors,
        all_actors=frozenset(index.actors.values),
        datasets=index.datasets,
        first_day=index.start.min() if len(index) else None,
        last_day=index.end.max() if len(index) else None,
    )
