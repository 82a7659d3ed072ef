"""Whole date columns at once: ISO text, precision, first and last day covered, and an error per row.

A column is parsed once per distinct value (a million rows rarely hold more than a few tens of
thousands of dates) and the results are spread back to the rows by Arrow ``take``. Among the distinct
values, strict ISO ones (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) are checked with array arithmetic; any
other form goes through ``dates.parse_any_date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime.errors import AmbiguousDateOrder
from diplotime.validate import dates, kernels

_STRICT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"  # ASCII digits only: others go through dates
_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


@dataclass
class DateColumn:
    """One result per value: numpy object arrays for distinct values, Arrow-backed Series per row."""

    iso: Any  # '1875', '1945-08', '2019-01-22' or '' when empty/invalid
    precision: Any  # 'year' | 'month' | 'day' | ''
    start: Any  # first day covered, 'YYYY-MM-DD' ('' when none)
    end: Any  # last day covered
    error: Any  # message, or None (missing) when the value is good
    code: Any  # the problem's code (diplotime.errors.PROBLEM_CODES), or None when the value is good


FIELDS = ("iso", "precision", "start", "end", "error", "code")


def _last_day(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    return _DAYS[month] + ((month == 2) & leap)


def _ints(values: pa.Array, start: int, stop: int) -> np.ndarray:
    """Digits at [start, stop) of each text as integers (0 where the text is shorter)."""
    part = pc.utf8_slice_codeunits(values, start, stop)
    part = pc.if_else(pc.equal(pc.utf8_length(part), stop - start), part, "0")
    return pc.cast(part, pa.int64()).to_numpy(zero_copy_only=False)


def _strict(values: pd.Series) -> DateColumn:
    """Check strict ISO texts with arrays; invalid calendar dates get an error message."""
    arrays, error = _strict_arrays(pa.array(values, type=pa.large_string()), values.to_numpy(dtype=object))
    ok = pd.isna(error)
    code = np.full(len(error), None, dtype=object)
    code[~ok] = "date_invalid"
    return DateColumn(
        error=error,
        code=code,
        **{name: np.where(ok, array.to_numpy(zero_copy_only=False), "") for name, array in arrays.items()},
    )


def _all_strict(distinct: pa.Array) -> DateColumn | None:
    """Distinct values that are all valid strict ISO dates, as Arrow arrays; None when any is not."""
    if not len(distinct) or not pc.all(pc.match_substring_regex(distinct, _STRICT)).as_py():
        return None
    arrays, error = _strict_arrays(distinct, None)
    if not pd.isna(error).all():
        return None
    return DateColumn(
        error=np.full(len(distinct), None, dtype=object), code=np.full(len(distinct), None, dtype=object), **arrays
    )


def _strict_arrays(arr: pa.Array, text: np.ndarray | None) -> tuple[dict[str, pa.Array], np.ndarray]:
    """ISO, precision, first and last day of strict ISO texts, and an error message per value (None: good).

    ``text`` (the values as Python strings) is needed only to word the errors; without it any error is
    just marked.
    """
    n = len(arr)
    length = pc.utf8_length(arr).to_numpy(zero_copy_only=False)
    year, month, day = _ints(arr, 0, 4), _ints(arr, 5, 7), _ints(arr, 8, 10)
    error = np.full(n, None, dtype=object)
    error[year < 1] = "years before the common era (or year 0) are not supported"
    bad_month = (length >= 7) & ((month < 1) | (month > 12))
    safe_month = np.where((month >= 1) & (month <= 12), month, 1)
    last = _last_day(year, safe_month)
    bad_day = (length == 10) & ~bad_month & ((day < 1) | (day > last))
    for i in np.flatnonzero(bad_month | bad_day):
        if text is None:
            error[i] = "invalid"
            continue
        try:
            dates.parse_any_date(text[i])
        except ValueError as exc:
            error[i] = str(exc)
    is_day, is_month = length == 10, length == 7
    precision = pc.if_else(pa.array(is_day), "day", pc.if_else(pa.array(is_month), "month", "year"))
    start = pc.if_else(is_day, arr, pc.if_else(is_month, _join(arr, "-01"), _join(arr, "-01-01")))
    last_text = pc.utf8_lpad(pc.cast(pa.array(last), pa.large_string()), 2, "0")
    end = pc.if_else(is_day, arr, pc.if_else(is_month, _join(_join(arr, "-"), last_text), _join(arr, "-12-31")))
    return {"iso": arr, "precision": pc.cast(precision, pa.large_string()), "start": start, "end": end}, error


def _join(left: pa.Array, right: str | pa.Array) -> pa.Array:
    """Element-wise concatenation of Arrow strings: _join(['1875'], '-01') -> ['1875-01']."""
    if isinstance(right, str):
        right = pa.scalar(right, pa.large_string())
    return pc.binary_join_element_wise(left, right, pa.scalar("", pa.large_string()))


def _one(value: str, order: str | None) -> tuple[str, str, str, str, str | None, str | None]:
    try:
        date = dates.parse_any_date(value, order)
    except AmbiguousDateOrder as exc:
        return "", "", "", "", str(exc), "date_order_ambiguous"
    except ValueError as exc:
        return "", "", "", "", str(exc), "date_invalid"
    return date.iso(), date.precision, date.start().isoformat(), date.end().isoformat(), None, None


def parse_date_column(
    values: pd.Series | kernels.Array | tuple[pa.Array, kernels.Array],
    order: str | None = None,
    required: bool = True,
    precision: kernels.Array | None = None,
) -> DateColumn:
    """Parse every value of a date column; empty values are an error only when ``required``.

    ``values`` may come already split into (distinct values, row indices) by ``kernels.encode``.
    ``precision`` (a ``date_precision`` column, '' where not given) coarsens the dates it applies to.
    Returns Arrow-backed Series, one value per row.
    """
    if not isinstance(values, tuple):
        values = kernels.encode(pc.utf8_trim_whitespace(kernels.text_array(values)))
    distinct, indices = values
    if precision is None:
        parsed = _all_strict(distinct) or _parse_distinct(_texts(distinct), order, required)
    else:  # distinct (date, precision) pairs, through integer codes
        given, given_indices = kernels.encode(kernels.text_array(precision))
        width = max(len(given), 1)
        pairs, indices = kernels.encode(
            pc.add(pc.multiply(pc.cast(indices, pa.int64()), width), pc.cast(given_indices, pa.int64()))
        )
        codes = pairs.to_numpy()
        parsed = _parse_distinct(_texts(distinct.take(pa.array(codes // width))), order, required)
        coarsen(parsed, pd.Series(given.take(pa.array(codes % width)).to_numpy(zero_copy_only=False), dtype=object))
    empty_column = isinstance(parsed.iso, np.ndarray) and len(distinct) == 1 and not parsed.iso[0]
    if empty_column and not parsed.error[0]:  # an optional column with no value
        nothing = kernels.series(kernels.empty(len(indices)))
        return DateColumn(nothing, nothing, nothing, nothing, _no_errors(len(indices)), _no_errors(len(indices)))
    bad = any(e is not None for e in parsed.error)
    error = _spread(parsed.error, indices) if bad else _no_errors(len(indices))
    code = _spread(parsed.code, indices) if bad else _no_errors(len(indices))
    return DateColumn(
        iso=_spread(parsed.iso, indices),
        precision=_spread(parsed.precision, indices),
        start=_spread(parsed.start, indices),
        end=_spread(parsed.end, indices),
        error=error,
        code=code,
    )


def _no_errors(n: int) -> pd.Series:
    return kernels.series(pa.nulls(n, kernels.TEXT))


def _texts(array: pa.Array) -> pd.Series:
    return pd.Series(array.to_numpy(zero_copy_only=False), dtype=kernels.STRING_DTYPE)


def _spread(distinct: np.ndarray | pa.Array, indices: kernels.Array) -> pd.Series:
    """Per-distinct results back to one per row (None stays missing)."""
    array = distinct if isinstance(distinct, pa.Array) else pa.array(distinct, type=kernels.TEXT)
    return kernels.series(array.take(indices))


def dotted_as_iso(values: pd.Series) -> pd.Series:
    """dd.mm.yyyy and mm.yyyy cells rewritten as ISO by Arrow string kernels, so whole columns are checked as arrays.

    dotted_as_iso(pd.Series(['22.01.2019', '01.2019'])) -> ['2019-01-22', '2019-01']
    """
    array = pa.array(values.astype(pd.StringDtype("pyarrow")).fillna("").array)
    if not pc.any(pc.match_substring(array, ".")).as_py():
        return values  # an ISO column: nothing to rewrite
    changed = False
    for pattern, parts in (
        (r"^\d{2}\.\d{2}\.\d{4}$", ((6, 10), (3, 5), (0, 2))),
        (r"^\d{2}\.\d{4}$", ((3, 7), (0, 2))),
    ):
        mask = pc.match_substring_regex(array, pattern)
        if pc.any(mask).as_py():
            pieces = [pc.utf8_slice_codeunits(array, start, stop) for start, stop in parts]
            joined = pc.binary_join_element_wise(*pieces, pa.scalar("-", type=array.type))
            array = pc.if_else(mask, joined, array)
            changed = True
    if not changed:
        return values
    return pd.Series(pd.array(array, dtype=pd.StringDtype("pyarrow")), index=values.index)


def _parse_distinct(values: pd.Series, order: str | None, required: bool) -> DateColumn:
    """Parse distinct values (numpy object arrays out); the strict ISO ones as arrays, the rest one by one."""
    values = dotted_as_iso(values.reset_index(drop=True))  # 22.01.2019 (Russian, German Excel) takes the array path
    n = len(values)
    blank = [np.full(n, "", dtype=object) for _ in range(4)]
    out = DateColumn(
        iso=blank[0],
        precision=blank[1],
        start=blank[2],
        end=blank[3],
        error=np.full(n, None, dtype=object),
        code=np.full(n, None, dtype=object),
    )
    empty = (values == "").to_numpy()
    if required:
        out.error[empty] = "date is empty"
        out.code[empty] = "required_missing"
    strict = values.str.match(_STRICT).to_numpy() & ~empty
    if strict.any():
        part = _strict(values[strict])
        for name in FIELDS:
            getattr(out, name)[strict] = getattr(part, name)
    other = np.flatnonzero(~strict & ~empty)
    if len(other):
        original = values.to_numpy(dtype=object)
        parsed = [_one(original[i], order) for i in other]
        for k, name in enumerate(FIELDS):
            getattr(out, name)[other] = np.array([p[k] for p in parsed], dtype=object)
    return out


def coarsen(column: DateColumn, precision: pd.Series) -> None:
    """Apply given precisions to parsed distinct dates: a full date given with precision 'month' becomes '1945-08'."""
    wanted = precision.to_numpy(dtype=object)
    for target, cut in (("month", 7), ("year", 4)):
        rank = {"day": 0, "month": 1, "year": 2}
        mask = (wanted == target) & np.array([rank.get(p, -1) < rank[target] and p != "" for p in column.precision])
        if not mask.any():
            continue
        column.iso[mask] = [v[:cut] for v in column.iso[mask]]
        column.precision[mask] = target
        column.start[mask] = [v[:cut] + ("-01" if cut == 7 else "-01-01") for v in column.start[mask]]
        if target == "year":
            column.end[mask] = [v[:4] + "-12-31" for v in column.end[mask]]
        else:
            years = np.array([int(v[:4]) for v in column.iso[mask]])
            months = np.array([int(v[5:7]) for v in column.iso[mask]])
            column.end[mask] = [f"{v}-{d:02d}" for v, d in zip(column.iso[mask], _last_day(years, months))]
