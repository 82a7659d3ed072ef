"""Validate stage: canonical text columns -> valid events plus every problem, row by row.

Validation is lazy (every problem is reported, not the first) and column-wise on Arrow arrays: each
column's distinct values are parsed once and spread back to the rows (``columns``), so a million rows
with a few thousand distinct dates cost a few thousand parses, and the events come out Arrow-backed
for the store's bulk load.
"""

from __future__ import annotations

import binascii
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime import schema
from diplotime.errors import Problem, problems_frame
from diplotime.formats.base import MappedTable
from diplotime.formats.codes import to_alpha3
from diplotime.schema import EVENT_COLUMNS, normalise_event_type
from diplotime.text import plural
from diplotime.validate import gazetteer, kernels
from diplotime.validate.aliases import aliases_array
from diplotime.validate.date_columns import DateColumn, parse_date_column
from diplotime.validate.date_order import decide_column_order
from diplotime.validate.recipes import parse_coordinate, parse_related, split_list

_HASH_KEY = "diplotime-event1"  # 16 bytes: part of the stable event key; never change it
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


@dataclass
class ValidationResult:
    events: pd.DataFrame  # canonical columns plus schema.STORE_COLUMNS, one row per valid event
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


class _Collector:
    """Gathers problems per row and the mask of rejected rows; values are read only where there is a problem."""

    def __init__(self, rows: np.ndarray) -> None:
        self.rows = rows
        self.bad = np.zeros(len(rows), dtype=bool)
        self.problems: list[Problem] = []

    def add(self, mask: Any, column: str, values: Any, messages: Any, codes: Any) -> None:
        """Report the rows where ``mask`` is True; ``messages`` and ``codes`` are one for all, or one per row."""
        if mask is None:
            return
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(idx):
            return
        self.bad[idx] = True
        vals = _at(values, idx)
        msgs = [messages] * len(idx) if isinstance(messages, str) else _at(messages, idx)
        kinds = [codes] * len(idx) if isinstance(codes, str) else _at(codes, idx)
        for i, value, message, code in zip(idx, vals, msgs, kinds):
            self.problems.append(
                Problem(int(self.rows[i]), column, _short("" if value is None else str(value)), str(message), str(code))
            )


def _at(values: Any, idx: np.ndarray) -> list[Any]:
    """The values at positions ``idx`` of an Arrow array, a Series or a numpy array, as Python objects."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values.take(pa.array(idx)).to_pylist()
    if isinstance(values, pd.Series):
        return values.iloc[idx].tolist()
    return list(np.asarray(values, dtype=object)[idx])


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_table(
    mapped: MappedTable, *, date_order: str | None = None, dataset: str | None = None
) -> ValidationResult:
    """Check every row of a mapped table; returns the valid events and all problems.

    Free-text columns are cleaned by two worker threads while this one parses dates, types, countries
    and coordinates: Arrow kernels release the GIL, so a large file uses the machine's cores.
    """
    frame = mapped.frame.reset_index(drop=True)
    n = len(frame)
    rows = mapped.rows.to_numpy()
    out = _Collector(rows)
    out.problems.extend(mapped.problems)
    warnings = list(mapped.warnings)
    cells, too_long_title = _cells(frame, n, out)
    with ThreadPoolExecutor(max_workers=2) as pool:
        prose = pool.submit(_prose, cells)
        lists = pool.submit(_lists, cells, dataset or schema.DEFAULT_DATASET)
        start, end, order = _dates(cells, date_order, out, warnings)
        labels = _event_types(cells["event_type"], warnings)
        countries = _countries(cells["countries"], out)
        lat, lon = _lat_lon(cells, out)
        related = _related(cells["related"], out)
        text, listed = prose.result(), lists.result()
    out.add(
        kernels.to_bool(pc.equal(pc.binary_length(text["title"]), 0)) & ~too_long_title,
        "title",
        cells["title"],
        "title is empty",
        "required_missing",
    )
    out.add(
        listed.pop("dangerous_source"),
        "source",
        listed["source"],
        "source is a link that is not http(s); give an http(s) URL or a plain citation",
        "source_not_http",
    )
    if text["formulas"]:
        warnings.append(
            f"{plural(text['formulas'], 'title starts', 'titles start')} like a spreadsheet formula; "
            "exports neutralise them"
        )
    placed = gazetteer.fill_coordinates(
        kernels.series(text["location"]), kernels.series(countries), lat, lon, rows, rejected=out.bad
    )
    warnings.extend(placed.warnings)
    approximate = mapped.coords_approximate if mapped.coords_approximate is not None else np.zeros(n, dtype=bool)
    ids_unique = listed.pop("ids_unique")
    events = pd.DataFrame(
        {
            "date": start.iso,
            "end_date": end.iso,
            "date_precision": start.precision,
            "title": kernels.series(text["title"]),
            "event_type": kernels.series(labels),
            "actors": kernels.series(listed["actors"]),
            "countries": kernels.series(countries),
            "location": kernels.series(text["location"]),
            "lat": placed.lat,
            "lon": placed.lon,
            "description": kernels.series(text["description"]),
            "source": kernels.series(listed["source"]),
            "tags": kernels.series(listed["tags"]),
            "related": kernels.series(related),
            "dataset": kernels.series(listed["dataset"]),
            "date_start": start.start,
            "date_end": _date_end(start, end),
            "coords_approximate": approximate | placed.filled,
            "extra": _extras(frame, mapped.extra_columns),
            "source_row": rows,
            "aliases": kernels.series(text["aliases"]),
        }
    )
    events["id"] = kernels.series(_ids(listed["id"], events))
    given = kernels.to_bool(pc.greater(pc.binary_length(listed["id"]), 0))
    if out.bad.any():
        events = events[~out.bad].reset_index(drop=True)
        given = given[~out.bad]
    if not ids_unique:
        events = _reject_conflicting_ids(events, given, out)
    if not ids_unique or not listed["ids_given"]:
        events, dup_warnings = _drop_duplicate_ids(events)
        warnings.extend(dup_warnings)
    events = events[EVENT_COLUMNS]
    return ValidationResult(
        events=events,
        problems=sorted(out.problems, key=lambda p: (p.row, p.column)),
        warnings=warnings,
        rows=n,
        date_order=order,
    )


def _date_end(start: DateColumn, end: DateColumn) -> pd.Series:
    """The last day an event covers: its end date's, else its date's."""
    last, own = kernels.text_array(start.end), kernels.text_array(end.end)
    if not kernels.has_text(own):
        return start.end
    return kernels.series(pc.if_else(pc.equal(own, ""), last, own))


def _cells(frame: pd.DataFrame, n: int, out: _Collector) -> tuple[dict[str, kernels.Array], np.ndarray]:
    """Every schema column as Arrow text: formula escapes undone, values over the length limit reported and emptied."""
    cells = {
        name: kernels.text_array(frame[name] if name in frame.columns else None, n) for name in schema.COLUMN_NAMES
    }
    for name in ("title", "description", "actors", "location", "tags", "source"):
        # A spreadsheet's escape of a formula ('=...) is undone, so exports re-import unchanged.
        if pc.any(pc.starts_with(cells[name], "'")).as_py():
            cells[name] = pc.replace_substring_regex(cells[name], r"^'([=+\-@\t\r\n])", r"\1")
    too_long_title = np.zeros(n, dtype=bool)
    for name, array in cells.items():
        limit = schema.BY_NAME[name].max_length
        too_long = kernels.too_long(array, limit)
        if too_long is None:
            continue
        if name == "title":
            too_long_title = too_long
        out.add(
            too_long,
            name,
            pc.utf8_slice_codeunits(array, 0, 60),
            f"{name} is longer than {limit} characters",
            "too_long",
        )
        cells[name] = pc.if_else(pa.array(too_long), "", array)
    return cells, too_long_title


def _prose(cells: dict[str, kernels.Array]) -> dict[str, Any]:
    """Title, place and description cleaned, formula-like titles counted, contested-place aliases found."""
    title, location = kernels.clean(cells["title"]), kernels.clean(cells["location"])
    return {
        "title": title,
        "location": location,
        "description": kernels.trim(cells["description"]),
        "formulas": int(pc.sum(kernels.starts_with_any(title, ("=", "+", "@"))).as_py() or 0),
        "aliases": aliases_array(kernels.series(location), kernels.series(title), kernels.series(cells["description"])),
    }


def _lists(cells: dict[str, kernels.Array], dataset: str) -> dict[str, Any]:
    """Actors, tags, source, dataset and id cleaned; dangerous links found; whether the ids repeat."""
    sources = kernels.Distinct(cells["source"])
    source = pc.utf8_trim_whitespace(sources.values)
    datasets = kernels.Distinct(cells["dataset"])
    named = pc.utf8_trim_whitespace(datasets.values)
    ids = kernels.clean(cells["id"])
    return {
        "actors": kernels.clean_list(cells["actors"]),
        "tags": kernels.clean_list(cells["tags"]),
        "source": sources.spread(source),
        "dangerous_source": kernels.to_bool(sources.spread(_dangerous_link(source))),
        "dataset": datasets.spread(pc.if_else(pc.equal(named, ""), dataset, named)),
        "id": ids,
        "ids_given": bool(pc.all(pc.greater(pc.binary_length(ids), 0)).as_py() is not False),
        "ids_unique": len(pc.unique(ids)) == len(ids),
    }


def _dates(
    cells: dict[str, kernels.Array], date_order: str | None, out: _Collector, warnings: list[str]
) -> tuple[DateColumn, DateColumn, str | None]:
    """Start and end dates parsed once per distinct value, with the day/month order decided for the file."""
    date_codes, end_codes = _distinct_dates(cells["date"]), _distinct_dates(cells["end_date"])
    order = date_order
    if order is None:  # decided per file from values that can only be read one way; each ambiguous row is reported
        decision = decide_column_order(
            pd.concat([kernels.series(date_codes[0]), kernels.series(end_codes[0])], ignore_index=True)
        )
        order = decision.order
        if decision.needed:
            warnings.append(decision.explain())
    precision_given = None
    if kernels.has_text(cells["date_precision"]):
        precision_given = pc.utf8_lower(kernels.trim(cells["date_precision"]))
        bad_precision = pc.invert(pc.is_in(precision_given, pa.array(("",) + schema.PRECISIONS, type=kernels.TEXT)))
        out.add(
            kernels.to_bool(bad_precision),
            "date_precision",
            cells["date_precision"],
            "date_precision must be day, month or year",
            "precision_invalid",
        )
    start = parse_date_column(date_codes, order, precision=precision_given)
    out.add(start.error.notna().to_numpy(), "date", cells["date"], start.error, start.code)
    end = parse_date_column(end_codes, order, required=False)
    out.add(end.error.notna().to_numpy(), "end_date", cells["end_date"], end.error, end.code)
    before = (end.start != "") & (start.start != "") & (end.start < start.start)
    out.add(
        before.to_numpy(dtype=bool, na_value=False),
        "end_date",
        cells["end_date"],
        "end_date is before date",
        "end_before_start",
    )
    return start, end, order


def _distinct_dates(cells: kernels.Array) -> tuple[pa.Array, kernels.Array]:
    """(distinct dates, trimmed; each row's index into them): dates are parsed once per distinct text."""
    distinct, indices = kernels.encode(cells)
    return pc.utf8_trim_whitespace(distinct), indices


def _event_types(cells: kernels.Array, warnings: list[str]) -> kernels.Array:
    """Types on the vocabulary; unknown labels become 'other' with one warning that counts them."""
    types, _, type_index = kernels.map_distinct(cells, normalise_event_type)
    labels = pa.array([t[0] for t in types], type=kernels.TEXT).take(type_index)
    unknown_types = [i for i, t in enumerate(types) if not t[1]]
    if unknown_types:
        unknown = kernels.to_bool(pc.is_in(type_index, pa.array(unknown_types, type=type_index.type)))
        counts = pd.Series(pc.utf8_trim_whitespace(cells).filter(pa.array(unknown))).value_counts()
        listed = ", ".join(f"{label!r} ({count})" for label, count in counts.head(10).items())
        warnings.append(f"unknown event types were set to 'other': {listed}")
    return labels


def _countries(cells: kernels.Array, out: _Collector) -> kernels.Array:
    codes, errors, index = kernels.map_distinct(cells, _parse_countries)
    error = _errors(errors, index)
    out.add(_has(error), "countries", cells, error, "country_unknown")
    return pa.array([c or "" for c in codes], type=kernels.TEXT).take(index)


def _related(cells: kernels.Array, out: _Collector) -> kernels.Array:
    """Links to other events, normalised to relation:id; a malformed cell is a problem of its row."""
    if not kernels.has_text(cells):
        return kernels.empty(len(cells))
    links, errors, index = kernels.map_distinct(cells, parse_related)
    error = _errors(errors, index)
    out.add(_has(error), "related", cells, error, "related_invalid")
    return pa.array([link or "" for link in links], type=kernels.TEXT).take(index)


def _errors(errors: list[str | None], index: kernels.Array) -> kernels.Array | None:
    """Per-distinct error messages spread to the rows (null where good), or None when every value is good."""
    return None if all(e is None for e in errors) else pa.array(errors, type=kernels.TEXT).take(index)


def _has(error: kernels.Array | None) -> np.ndarray | None:
    return None if error is None else kernels.to_bool(pc.is_valid(error))


def _lat_lon(cells: dict[str, kernels.Array], out: _Collector) -> tuple[np.ndarray, np.ndarray]:
    lat, lat_error = _coordinates(cells["lat"], "lat")
    out.add(_has(lat_error), "lat", cells["lat"], lat_error, "coordinate_invalid")
    lon, lon_error = _coordinates(cells["lon"], "lon")
    out.add(_has(lon_error), "lon", cells["lon"], lon_error, "coordinate_invalid")
    readable = np.ones(len(lat), dtype=bool)
    for error in (lat_error, lon_error):
        if error is not None:
            readable &= kernels.to_bool(pc.is_null(error))
    out.add(
        readable & (np.isnan(lat) != np.isnan(lon)),
        "lat",
        cells["lat"],
        "give both lat and lon, or neither",
        "coordinate_incomplete",
    )
    return lat, lon


def _coordinates(cells: kernels.Array, kind: str) -> tuple[np.ndarray, kernels.Array | None]:
    """A lat or lon column as floats (NaN where empty or bad) and the error message per row (None: no error)."""
    values, errors, index = kernels.map_distinct(cells, lambda v: parse_coordinate(v, kind))
    numbers = np.array([np.nan if v is None else v for v in values], dtype=float)
    return numbers[index.to_numpy(zero_copy_only=False)], _errors(errors, index)


def _dangerous_link(source: pa.Array) -> pa.Array:
    """A source that is a javascript:, data:, vbscript: or file: link (controls and case do not hide it)."""
    scheme = pc.utf8_lower(pc.utf8_ltrim(pc.utf8_slice_codeunits(source, 0, 20), _LEADING_CONTROLS))
    return kernels.starts_with_any(scheme, _DANGEROUS_SCHEMES)


_LEADING_CONTROLS = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r "


def _parse_countries(value: str) -> str:
    codes: list[str] = []
    for item in split_list(value):
        code = to_alpha3(item)
        if code not in codes:
            codes.append(code)
    return schema.LIST_SEPARATOR.join(codes)


def _extras(frame: pd.DataFrame, extra_columns: list[str]) -> pd.Series:
    """The extra attributes of each row as JSON text ('' when a row has none)."""
    if not extra_columns:
        return kernels.series(kernels.empty(len(frame)))
    sub = frame[[f"extra:{c}" for c in extra_columns]].fillna("").astype(str)
    sub.columns = extra_columns
    return pd.Series(
        [
            json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False) if any(rec.values()) else ""
            for rec in sub.to_dict("records")
        ],
        dtype=kernels.STRING_DTYPE,
    )


def _ids(given: pa.Array, events: pd.DataFrame) -> pa.Array:
    """Keep ids the file gives; derive the others from date, lower-cased title and place."""
    missing = kernels.to_bool(pc.equal(pc.binary_length(given), 0))
    if not missing.any():
        return given
    sub = events.loc[missing, ["date", "title", "location"]]
    text = pc.binary_join_element_wise(
        kernels.text_array(sub["date"]),
        kernels.text_array(sub["title"]),
        kernels.text_array(sub["location"]),
        pa.scalar("\x1f", kernels.TEXT),
    )
    text = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(text), r"\s+", " "))
    hashed = pd.util.hash_pandas_object(kernels.series(text), index=False, hash_key=_HASH_KEY).to_numpy()
    hexed = binascii.hexlify(hashed.astype(">u8").tobytes()).decode()
    ids = given.to_numpy(zero_copy_only=False).astype(object)
    ids[missing] = ["ev-" + hexed[i : i + 16] for i in range(0, len(hexed), 16)]
    return pa.array(ids, type=kernels.TEXT)


def _reject_conflicting_ids(events: pd.DataFrame, given: np.ndarray, out: _Collector) -> pd.DataFrame:
    """Rows that give the same id to different content: a problem on every one of them, none imported.

    Rows that repeat an event exactly are merged later (``_drop_duplicate_ids``); derived ids are not given.
    """
    repeated = events["id"].duplicated(keep=False).to_numpy() & np.asarray(given, dtype=bool)
    if not repeated.any():
        return events
    content = [c for c in EVENT_COLUMNS if c not in ("id", "source_row")]
    sub = events.loc[repeated, ["id", *content]].astype(str)
    versions = sub.drop_duplicates().groupby("id").size()
    conflicted = set(versions[versions > 1].index)
    if not conflicted:
        return events
    mask = events["id"].isin(conflicted).to_numpy() & repeated
    for key, group in events[mask].groupby("id", sort=False):
        rows = sorted(int(r) for r in group["source_row"])
        listed = ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
        message = (
            f"id {key} is given to rows {listed} with different content: give each event its own id, "
            "or make the rows the same"
        )
        out.problems.extend(Problem(row, "id", str(key), message, "id_conflict") for row in rows)
    return events[~mask].reset_index(drop=True)


def _drop_duplicate_ids(events: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    dup = events["id"].duplicated(keep="first")
    if not dup.any():
        return events, []
    first_row = events.drop_duplicates("id").set_index("id")["source_row"]
    repeats = events.loc[dup, ["id", "source_row"]]
    shown = [f"row {r} repeats row {first_row[i]} ({i})" for i, r in repeats.head(10).itertuples(index=False)]
    more = f" and {len(repeats) - 10} more" if len(repeats) > 10 else ""
    return events[~dup].reset_index(drop=True), [
        f"{plural(len(repeats), 'row repeats', 'rows repeat')} an earlier event in the file and "
        f"{'was' if len(repeats) == 1 else 'were'} merged into it: " + "; ".join(shown) + more
    ]
