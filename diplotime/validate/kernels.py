"""Whole text columns as Arrow arrays: cleaning, and work done once per distinct value.

Validation touches every cell of files with millions of rows, so it works on Arrow arrays with Arrow
kernels, and a column that repeats a few values (a type, a country list, a place) is processed once
per distinct value and spread back to its rows with ``take``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pa.large_string()
STRING_DTYPE = pd.StringDtype("pyarrow")
BIDI_PATTERN = "[\u202a-\u202e\u2066-\u2069\u200e\u200f]"
_SAMPLE = 4096


Array: TypeAlias = pa.Array | pa.ChunkedArray  # a column; chunks as the CSV reader made them are kept, never combined


def text_array(values: pd.Series | Array | None, n: int = 0) -> Array:
    """Any text column as Arrow large_string with '' for missing (``None``: n empty cells)."""
    if values is None:
        return empty(n)
    if isinstance(values, pd.Series):
        values = (values if values.dtype == STRING_DTYPE else values.astype(STRING_DTYPE)).array
    array = pa.array(values, type=TEXT) if not isinstance(values, Array) else values
    if isinstance(array, pa.ChunkedArray) and not array.num_chunks:
        array = pa.array([], TEXT)
    if array.type != TEXT:
        array = pc.cast(array, TEXT)
    return pc.fill_null(array, "") if array.null_count else array


def empty(n: int) -> pa.Array:
    """n empty texts, built from buffers (no Python objects)."""
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(np.zeros(n + 1, dtype=np.int64)), pa.py_buffer(b""))


def encode(array: Array) -> tuple[pa.Array, Array]:
    """(distinct values, each row's index into them); a chunked column's chunks share one dictionary."""
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        if not encoded.num_chunks:
            return pa.array([], array.type), pa.array([], pa.int32())
        return encoded.chunk(0).dictionary, pa.chunked_array([c.indices for c in encoded.chunks], type=pa.int32())
    return encoded.dictionary, encoded.indices


def series(array: pa.Array | pa.ChunkedArray) -> pd.Series:
    """An Arrow string array as a pandas Series without copying (missing values stay missing)."""
    chunked = array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array], type=array.type)
    return pd.Series(pd.arrays.ArrowStringArray(chunked))


def repeats(array: Array) -> bool:
    """Whether a column likely repeats its values (judged on a sample), so per-distinct work pays off."""
    sample = array.slice(0, _SAMPLE)
    return len(sample) > 0 and len(pc.unique(sample)) <= len(sample) // 2


class Distinct:
    """A column's distinct values when it repeats them (else the column itself), and the way back to rows."""

    def __init__(self, array: Array) -> None:
        self.array = array
        self.indices: Array | None = None
        self.values = array
        if repeats(array):
            self.values, self.indices = encode(array)

    def spread(self, result: Array) -> Array:
        """A result per value back to one per row; a text result equal to the values is the column itself."""
        if self.indices is None:
            return result
        if result.type == self.values.type and result.equals(self.values):
            return self.array  # nothing changed: no copy
        return result.take(self.indices)


def per_distinct(array: Array, fn: Callable[[Array], Array]) -> Array:
    """``fn`` (texts -> texts, '' -> '') applied once per distinct value when values repeat."""
    if not has_text(array):
        return array
    distinct = Distinct(array)
    return distinct.spread(fn(distinct.values))


def has_text(array: Array) -> bool:
    """Whether any value is non-empty (read from the offsets alone)."""
    return len(array) > 0 and bool(pc.max(pc.binary_length(array)).as_py())


def trim(array: Array) -> Array:
    """Leading and trailing whitespace removed, once per distinct value."""
    return per_distinct(array, pc.utf8_trim_whitespace)


def map_distinct(array: Array, parse: Callable[[str], Any]) -> tuple[list[Any], list[str | None], Array]:
    """``parse`` called once per distinct text; returns (results, error messages or None, row -> distinct index)."""
    distinct, indices = encode(array)
    results: list[Any] = []
    errors: list[str | None] = []
    for value in distinct.to_pylist():
        try:
            results.append(parse(value))
            errors.append(None)
        except ValueError as exc:
            results.append(None)
            errors.append(str(exc))
    return results, errors, indices


def has_byte(array: Array, byte: int) -> bool:
    """Whether any value's UTF-8 bytes contain ``byte``, read straight from the character buffers."""
    for chunk in array.chunks if isinstance(array, pa.ChunkedArray) else [array]:
        data = chunk.buffers()[2]
        if data is not None and bool((np.frombuffer(data, dtype=np.uint8) == byte).any()):
            return True
    return False


def clean(array: Array) -> Array:
    """Vectorised ``parse.clean_text``: strip, drop bidi-override controls, NFC-normalise non-ASCII text."""
    return per_distinct(array, _clean)


def _clean(array: Array) -> Array:
    if pc.all(pc.string_is_ascii(array)).as_py() is not False:
        return pc.utf8_trim_whitespace(array)
    if has_byte(array, 0xE2):  # every bidi control's UTF-8 form starts with E2
        array = pc.replace_substring_regex(array, BIDI_PATTERN, "")
    return pc.utf8_normalize(pc.utf8_trim_whitespace(array), "NFC")


def clean_list(array: Array) -> Array:
    """Vectorised list cleaning: ' Abe ;; Putin; ' -> 'Abe;Putin'."""
    return per_distinct(array, _clean_list)


def _clean_list(array: Array) -> Array:
    array = _clean(array)
    if _loose_separators(array):
        array = pc.utf8_trim(pc.replace_substring_regex(array, r"\s*;[\s;]*", ";"), ";")
    return array


def _loose_separators(array: Array) -> bool:
    """Whether some list has an empty item or ASCII whitespace beside a ';' (what the rewrite above changes).

    Read from the bytes around each ';' in the character buffers, a few array operations per chunk.
    """
    return any(_loose_in(chunk) for chunk in (array.chunks if isinstance(array, pa.ChunkedArray) else [array]))


_SPACE_OR_SEMICOLON = np.zeros(256, dtype=bool)
_SPACE_OR_SEMICOLON[[9, 10, 12, 13, 32, 59]] = True  # RE2's \s, and ';'


def _loose_in(chunk: pa.Array) -> bool:
    if not len(chunk) or chunk.buffers()[2] is None:
        return False
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    semi = np.flatnonzero(data == 59)
    if not len(semi):
        return False
    starts = offsets[:-1] - offsets[0]
    value = np.searchsorted(starts, semi, side="right") - 1
    first, last = semi == starts[value], semi == offsets[1:][value] - offsets[0] - 1
    if first.any() or last.any():
        return True
    return bool(_SPACE_OR_SEMICOLON[data[semi - 1]].any() or _SPACE_OR_SEMICOLON[data[semi + 1]].any())


def too_long(array: pa.Array, limit: int) -> np.ndarray | None:
    """Mask of values longer than ``limit`` characters, or None when none is (bytes bound characters from above)."""
    if not len(array) or pc.max(pc.binary_length(array)).as_py() <= limit:
        return None
    mask = pc.greater(pc.utf8_length(array), limit).to_numpy(zero_copy_only=False)
    return mask if mask.any() else None


def starts_with_any(array: pa.Array, prefixes: tuple[str, ...]) -> Array:
    """Boolean array: the value starts with one of ``prefixes``."""
    mask = pc.starts_with(array, prefixes[0])
    for prefix in prefixes[1:]:
        mask = pc.or_(mask, pc.starts_with(array, prefix))
    return mask


def to_bool(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow array as numpy (missing -> False)."""
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)
