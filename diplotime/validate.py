"""Validate stage: canonical text columns -> valid events plus every problem, row by row.

Validation is lazy (every problem is reported, not the first) and column-wise: each column's distinct
values are parsed once and mapped back, so a million rows with a few thousand distinct dates cost a
few thousand parses.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime import dates, gazetteer, schema
from diplotime.aliases import aliases_for
from diplotime.date_columns import coarsen, parse_date_column
from diplotime.formats.base import MappedTable
from diplotime.parse import normalise_event_type, parse_coordinate, split_list, to_alpha3
from diplotime.problems import Problem, problems_frame

# Extra columns the store keeps beside the canonical ones.
STORE_COLUMNS = ("date_start", "date_end", "coords_approximate", "extra", "source_row", "aliases")
EVENT_COLUMNS = [*schema.COLUMN_NAMES, *STORE_COLUMNS]  # what the store keeps per event, in order
_HASH_KEY = "diplotime-event1"  # 16 bytes: part of the stable event key; never change it
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


@dataclass
class ValidationResult:
    events: pd.DataFrame  # canonical columns plus STORE_COLUMNS, one row per valid event
    problems: list[Problem]
    warnings: list[str]
    rows: int  # data rows read from the file
    date_order: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)  # what the read/map stages detected

    @property
    def errors(self) -> pd.DataFrame:
        return problems_frame(self.problems)

    @property
    def rejected_rows(self) -> int:
        return len({p.row for p in self.problems if p.row > 0})


def map_unique(values: pd.Series, parse: Callable[[str], Any]) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``parse`` to each distinct value once; returns (results, error messages or None)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    errors = np.empty(len(uniques), dtype=object)
    for i, value in enumerate(uniques):
        try:
            results[i] = parse(value)
        except ValueError as exc:
            errors[i] = str(exc)
    return results[codes], errors[codes]


class _Collector:
    """Gathers problems per row and the mask of rejected rows."""

    def __init__(self, rows: np.ndarray) -> None:
        self.rows = rows
        self.bad = np.zeros(len(rows), dtype=bool)
        self.problems: list[Problem] = []

    def add(self, mask: np.ndarray, column: str, values: pd.Series | np.ndarray, messages: Any) -> None:
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        self.bad[idx] = True
        vals = np.asarray(values, dtype=object)
        msgs = messages if isinstance(messages, str) else np.asarray(messages, dtype=object)
        for i in idx:
            value = "" if vals[i] is None else str(vals[i])
            message = msgs if isinstance(msgs, str) else str(msgs[i])
            self.problems.append(Problem(int(self.rows[i]), column, _short(value), message))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as Arrow-backed text (vectorised string kernels), '' where missing."""
    if column not in frame.columns:
        return _series(pc.fill_null(pa.nulls(len(frame), pa.large_string()), ""))
    return frame[column].astype(_STRING).fillna("")


_STRING = pd.StringDtype("pyarrow")


def _arrow(series: pd.Series) -> pa.ChunkedArray | pa.Array:
    return pa.array(series, type=pa.large_string())


def _series(array: pa.Array | pa.ChunkedArray) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([array]) if isinstance(array, pa.Array) else array))


def clean_series(series: pd.Series) -> pd.Series:
    """Vectorised ``clean_text``: strip, drop bidi-override controls, NFC-normalise non-ASCII text."""
    arr = pc.utf8_trim_whitespace(_arrow(series))
    if pc.any(pc.match_substring_regex(arr, _BIDI_PATTERN)).as_py():
        arr = pc.replace_substring_regex(arr, _BIDI_PATTERN, "")
    if not pc.all(pc.string_is_ascii(arr)).as_py():
        arr = pc.utf8_normalize(arr, "NFC")
    return _series(arr)


def clean_list_series(series: pd.Series) -> pd.Series:
    """Vectorised list cleaning: ' Abe ;; Putin; ' -> 'Abe;Putin'."""
    arr = _arrow(clean_series(series))
    if pc.any(pc.match_substring_regex(arr, r"\s;|;\s|;;|^;|;$")).as_py():
        arr = pc.utf8_trim(pc.replace_substring_regex(arr, r"\s*;[\s;]*", ";"), ";")
    return _series(arr)


_BIDI_PATTERN = "[\u202a-\u202e\u2066-\u2069\u200e\u200f]"


def validate_table(mapped: MappedTable, *, date_order: str | None = None, dataset: str | None = None) -> ValidationResult:
    """Check every row of a mapped table; returns the valid events and all problems."""
    frame = mapped.frame.reset_index(drop=True)
    n = len(frame)
    rows = mapped.rows.to_numpy()
    out = _Collector(rows)
    out.problems.extend(mapped.problems)
    warnings = list(mapped.warnings)

    cells = {name: _text(frame, name) for name in schema.COLUMN_NAMES}
    for name in ("title", "description", "actors", "location", "tags", "source"):
        # A spreadsheet's escape of a formula ('=...) is undone, so exports re-import unchanged.
        if cells[name].str.startswith("'").any():
            cells[name] = cells[name].str.replace(r"^'(?=[=+\-@\t\r\n])", "", regex=True)
    too_long_title = np.zeros(n, dtype=bool)
    for name, series in cells.items():
        limit = schema.BY_NAME[name].max_length
        too_long = (series.str.len() > limit).to_numpy()
        if name == "title":
            too_long_title = too_long
        if too_long.any():
            out.add(too_long, name, series.str.slice(0, 60).to_numpy(dtype=object),
                    f"{name} is longer than {limit} characters")
            cells[name] = series.where(~too_long, "")

    title = clean_series(cells["title"])
    out.add((title == "").to_numpy() & ~too_long_title, "title", cells["title"], "title is empty")

    order = date_order
    if order is None:  # decided per file from values that can only be read one way; each ambiguous row is reported
        decision = dates.decide_column_order(pd.concat([cells["date"], cells["end_date"]], ignore_index=True))
        order = decision.order
        if decision.needed:
            warnings.append(decision.explain())
    start = parse_date_column(cells["date"], order)
    out.add(pd.notna(start.error), "date", cells["date"], start.error)
    precision_given = cells["date_precision"].str.strip().str.casefold()
    bad_precision = ~precision_given.isin(("",) + schema.PRECISIONS)
    out.add(bad_precision.to_numpy(), "date_precision", cells["date_precision"],
            "date_precision must be day, month or year")
    if (precision_given != "").any():
        coarsen(start, precision_given)
    end = parse_date_column(cells["end_date"], order, required=False)
    out.add(pd.notna(end.error), "end_date", cells["end_date"], end.error)
    before = (end.start != "") & (start.start != "") & (end.start < start.start)
    out.add(before, "end_date", cells["end_date"], "end_date is before date")

    types, _ = map_unique(cells["event_type"], normalise_event_type)
    labels = np.array([t[0] for t in types], dtype=object) if n else np.array([], dtype=object)
    unknown = ~np.array([t[1] for t in types], dtype=bool) if n else np.array([], dtype=bool)
    if unknown.any():
        counts = cells["event_type"][unknown].str.strip().value_counts()
        listed = ", ".join(f"{label!r} ({count})" for label, count in counts.head(10).items())
        warnings.append(f"unknown event types were set to 'other': {listed}")

    countries, country_err = map_unique(cells["countries"], _parse_countries)
    out.add(pd.notna(country_err), "countries", cells["countries"], country_err)

    lat, lat_err = map_unique(cells["lat"], lambda v: parse_coordinate(v, "lat"))
    out.add(pd.notna(lat_err), "lat", cells["lat"], lat_err)
    lon, lon_err = map_unique(cells["lon"], lambda v: parse_coordinate(v, "lon"))
    out.add(pd.notna(lon_err), "lon", cells["lon"], lon_err)
    lat, lon = lat.astype(float), lon.astype(float)
    half = (pd.isna(lat_err) & pd.isna(lon_err)) & (np.isnan(lat) != np.isnan(lon))
    out.add(np.asarray(half, dtype=bool), "lat", cells["lat"], "give both lat and lon, or neither")
    location = clean_series(cells["location"])
    placed = gazetteer.fill_coordinates(location, countries, lat, lon, rows)
    lat, lon = placed.lat, placed.lon
    warnings.extend(placed.warnings)
    given = mapped.coords_approximate if mapped.coords_approximate is not None else np.zeros(n, dtype=bool)

    source = cells["source"].str.strip()
    scheme = source.str.slice(0, 20).str.lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r ").str.lower()
    dangerous = scheme.str.startswith(_DANGEROUS_SCHEMES).to_numpy()
    out.add(dangerous, "source", source, "source is a link that is not http(s); give an http(s) URL or a plain citation")

    formulas = title.str.match(r"^[=+@]")
    if formulas.any():
        warnings.append(f"{int(formulas.sum())} title(s) start like a spreadsheet formula; exports neutralise them")

    # Text columns stay Arrow-backed; computed ones are object arrays (no per-value dtype inference).
    events = pd.DataFrame({
        "date": _obj(start.iso),
        "end_date": _obj(end.iso),
        "date_precision": _obj(start.precision),
        "title": title,
        "event_type": _obj(labels),
        "actors": clean_list_series(cells["actors"]),
        "countries": _obj(countries),
        "location": location,
        "lat": lat, "lon": lon,
        "description": cells["description"].str.strip(),
        "source": source,
        "tags": clean_list_series(cells["tags"]),
        "dataset": cells["dataset"].str.strip().replace("", dataset or schema.DEFAULT_DATASET),
        "date_start": _obj(start.start),
        "date_end": _obj(np.where(end.end != "", end.end, start.end)),
        "coords_approximate": given | placed.filled,
        "extra": _obj(_extras(frame, mapped.extra_columns)),
        "source_row": rows,
        "aliases": _obj(aliases_for(location, title, cells["description"])),
    })
    events["id"] = _ids(clean_series(cells["id"]), events)
    keep = ~out.bad
    events = events[keep].reset_index(drop=True)
    events, dup_warnings = _drop_duplicate_ids(events)
    warnings.extend(dup_warnings)
    events = events[EVENT_COLUMNS]
    return ValidationResult(events=events, problems=sorted(out.problems, key=lambda p: (p.row, p.column)),
                            warnings=warnings, rows=n, date_order=order)


def _obj(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype=object)


def _parse_countries(value: str) -> str:
    codes: list[str] = []
    for item in split_list(value):
        code = to_alpha3(item)
        if code not in codes:
            codes.append(code)
    return schema.LIST_SEPARATOR.join(codes)


def _extras(frame: pd.DataFrame, extra_columns: list[str]) -> np.ndarray:
    if not extra_columns:
        return np.full(len(frame), "", dtype=object)
    sub = frame[[f"extra:{c}" for c in extra_columns]].fillna("").astype(str)
    sub.columns = extra_columns
    return np.array([json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False) if any(rec.values()) else ""
                     for rec in sub.to_dict("records")], dtype=object)


def _ids(given: pd.Series, events: pd.DataFrame) -> np.ndarray:
    """Keep ids the file gives; derive the others from date, lower-cased title and place."""
    missing = (given == "").to_numpy()
    ids = given.to_numpy(dtype=object).copy()
    if missing.any():
        sub = events.loc[missing, ["date", "title", "location"]]
        text = pc.binary_join_element_wise(
            pa.array(sub["date"], type=pa.large_string()), _arrow(sub["title"]), _arrow(sub["location"]),
            pa.scalar("\x1f", pa.large_string()))
        text = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(text), r"\s+", " "))
        hashed = pd.util.hash_pandas_object(_series(text), index=False, hash_key=_HASH_KEY).to_numpy()
        hexed = binascii.hexlify(hashed.astype(">u8").tobytes()).decode()
        ids[missing] = ["ev-" + hexed[i:i + 16] for i in range(0, len(hexed), 16)]
    return ids


def _drop_duplicate_ids(events: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    dup = events["id"].duplicated(keep="first")
    if not dup.any():
        return events, []
    first_row = events.drop_duplicates("id").set_index("id")["source_row"]
    repeats = events.loc[dup, ["id", "source_row"]]
    shown = [f"row {r} repeats row {first_row[i]} ({i})" for i, r in repeats.head(10).itertuples(index=False)]
    more = f" and {len(repeats) - 10} more" if len(repeats) > 10 else ""
    return events[~dup].reset_index(drop=True), [
        f"{len(repeats)} row(s) repeat an earlier event in the file and were merged into it: " + "; ".join(shown) + more
    ]
