"""Validate stage: canonical text columns -> valid events plus every problem, row by row.

Validation is lazy (every problem is reported, not the first) and column-wise: each column's distinct
values are parsed once and mapped back, so a million rows with a few thousand distinct dates cost a
few thousand parses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from diplotime import dates, schema
from diplotime.formats.base import MappedTable
from diplotime.parse import (
    PartialDate,
    clean_text,
    normalise_event_type,
    parse_coordinate,
    split_list,
    to_alpha3,
)
from diplotime.problems import Problem, problems_frame

# Extra columns the store keeps beside the canonical ones.
STORE_COLUMNS = ("date_start", "date_end", "coords_approximate", "extra", "source_row")
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
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[column].fillna("").astype(object)


def validate_table(mapped: MappedTable, *, date_order: str | None = None, dataset: str | None = None) -> ValidationResult:
    """Check every row of a mapped table; returns the valid events and all problems."""
    frame = mapped.frame.reset_index(drop=True)
    n = len(frame)
    rows = mapped.rows.to_numpy()
    out = _Collector(rows)
    out.problems.extend(mapped.problems)
    warnings = list(mapped.warnings)
    result: dict[str, Any] = {}

    cells = {name: _text(frame, name) for name in schema.COLUMN_NAMES}
    for name in ("title", "description", "actors", "location", "tags", "source"):
        # A spreadsheet's escape of a formula ('=...) is undone, so exports re-import unchanged.
        cells[name] = cells[name].str.replace(r"^'(?=[=+\-@\t\r\n])", "", regex=True)
    for name, series in cells.items():
        limit = schema.BY_NAME[name].max_length
        too_long = (series.str.len() > limit).to_numpy()
        if too_long.any():
            out.add(too_long, name, series.str.slice(0, 60), f"{name} is longer than {limit} characters")
            cells[name] = series.where(~too_long, "")

    title = cells["title"].map(clean_text) if n else cells["title"]
    out.add((title == "").to_numpy(), "title", cells["title"], "title is empty")
    result["title"] = title

    order = date_order
    if order is None:
        try:
            order, needed = dates.decide_order(pd.unique(pd.concat([cells["date"], cells["end_date"]])))
        except ValueError as exc:
            raise_undecidable = str(exc)
            out.add(np.ones(n, dtype=bool), "date", cells["date"], raise_undecidable)
            order, needed = None, False
    start, start_err = map_unique(cells["date"], lambda v: dates.parse_any_date(v, order))
    out.add(pd.notna(start_err), "date", cells["date"], start_err)
    precision_given = cells["date_precision"].str.strip().str.casefold()
    bad_precision = ~precision_given.isin(("",) + schema.PRECISIONS)
    out.add(bad_precision.to_numpy(), "date_precision", cells["date_precision"],
            "date_precision must be day, month or year")
    start = np.array([_apply_precision(d, p) for d, p in zip(start, precision_given)], dtype=object) \
        if (precision_given != "").any() else start
    end, end_err = map_unique(cells["end_date"], lambda v: None if not v.strip() else dates.parse_any_date(v, order))
    out.add(pd.notna(end_err), "end_date", cells["end_date"], end_err)
    before = np.array([e is not None and s is not None and e.start() < s.start() for s, e in zip(start, end)], dtype=bool)
    out.add(before, "end_date", cells["end_date"], "end_date is before date")

    types, known = map_unique(cells["event_type"], lambda v: normalise_event_type(v))
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
    half = (pd.isna(lat_err) & pd.isna(lon_err)) & (pd.isna(lat.astype(float)) != pd.isna(lon.astype(float)))
    out.add(np.asarray(half, dtype=bool), "lat", cells["lat"], "give both lat and lon, or neither")

    source = cells["source"].map(str.strip)
    dangerous = source.str.casefold().str.replace(r"^[\x00-\x20]+", "", regex=True).str.startswith(_DANGEROUS_SCHEMES)
    out.add(dangerous.to_numpy(), "source", source,
            "source is a link that is not http(s); give an http(s) URL or a plain citation")

    formulas = title.str.match(r"^[=+@]")
    if formulas.any():
        warnings.append(f"{int(formulas.sum())} title(s) start like a spreadsheet formula; exports neutralise them")

    events = pd.DataFrame({
        "date": [d.iso() if d is not None else "" for d in start],
        "end_date": [d.iso() if d is not None else "" for d in end],
        "date_precision": [d.precision if d is not None else "" for d in start],
        "title": title.to_numpy(dtype=object),
        "event_type": labels,
        "actors": _list_cells(cells["actors"]),
        "countries": countries,
        "location": cells["location"].map(clean_text).to_numpy(dtype=object),
        "lat": lat.astype(float), "lon": lon.astype(float),
        "description": cells["description"].str.strip().to_numpy(dtype=object),
        "source": source.to_numpy(dtype=object),
        "tags": _list_cells(cells["tags"]),
        "dataset": cells["dataset"].str.strip().replace("", dataset or schema.DEFAULT_DATASET).to_numpy(dtype=object),
        "date_start": [d.start().isoformat() if d is not None else "" for d in start],
        "date_end": [_span_end(s, e) for s, e in zip(start, end)],
        "coords_approximate": np.zeros(n, dtype=bool),
        "extra": _extras(frame, mapped.extra_columns),
        "source_row": rows,
    })
    events["id"] = _ids(cells["id"].map(clean_text), events)
    keep = ~out.bad
    events = events[keep].reset_index(drop=True)
    events, dup_warnings = _drop_duplicate_ids(events)
    warnings.extend(dup_warnings)
    events = events[list(schema.COLUMN_NAMES) + list(STORE_COLUMNS)]
    return ValidationResult(events=events, problems=sorted(out.problems, key=lambda p: (p.row, p.column)),
                            warnings=warnings, rows=n, date_order=order)


def _apply_precision(date: PartialDate | None, precision: str) -> PartialDate | None:
    if date is None or not precision or precision not in schema.PRECISIONS:
        return date
    rank = schema.PRECISIONS.index
    return date.truncate(precision) if rank(precision) > rank(date.precision) else date


def _span_end(start: PartialDate | None, end: PartialDate | None) -> str:
    if start is None:
        return ""
    return (end.end() if end is not None else start.end()).isoformat()


def _parse_countries(value: str) -> str:
    codes: list[str] = []
    for item in split_list(value):
        code = to_alpha3(item)
        if code not in codes:
            codes.append(code)
    return schema.LIST_SEPARATOR.join(codes)


def _list_cells(series: pd.Series) -> np.ndarray:
    joined, _ = map_unique(series, lambda v: schema.LIST_SEPARATOR.join(clean_text(x) for x in split_list(v)))
    return joined


def _extras(frame: pd.DataFrame, extra_columns: list[str]) -> np.ndarray:
    if not extra_columns:
        return np.full(len(frame), "", dtype=object)
    sub = frame[[f"extra:{c}" for c in extra_columns]].fillna("").astype(str)
    sub.columns = extra_columns
    return np.array([json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False) if any(rec.values()) else ""
                     for rec in sub.to_dict("records")], dtype=object)


def event_key(date: str, title: str, location: str) -> str:
    """The stable key of an event without an id: the same date, title and place give the same key."""
    return _ids(pd.Series([""]), pd.DataFrame({"date": [date], "title": [title], "location": [location]}))[0]


def _ids(given: pd.Series, events: pd.DataFrame) -> np.ndarray:
    """Keep ids the file gives; derive the others from date, normalised title and place."""
    missing = (given == "").to_numpy()
    ids = given.to_numpy(dtype=object).copy()
    if missing.any():
        sub = events.loc[missing, ["date", "title", "location"]].astype(str)
        norm = (sub["title"] + "\x1f" + sub["location"]).str.normalize("NFC").str.casefold()
        norm = norm.str.replace(r"\s+", " ", regex=True).str.strip()
        hashed = pd.util.hash_pandas_object(sub["date"] + "\x1f" + norm, index=False, hash_key=_HASH_KEY)
        ids[missing] = ("ev-" + pd.Series(hashed.to_numpy()).map("{:016x}".format)).to_numpy()
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
