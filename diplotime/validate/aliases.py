"""Contested place names: every name of a disputed place, stored with each event that mentions one of them.

An event whose location, title or description names Iturup (or Etorofu, Итуруп, 択捉島, "на Итурупе")
gets all of those names in its ``aliases`` column, ``;``-joined, so a search for any one of them finds
it. Names match as whole words, case-insensitively; Russian names also in their case forms (Кунашире,
Курилах). Japanese names match anywhere in the text, since Japanese does not separate words.

Matching runs on Arrow string kernels (RE2) over lower-cased text: one pass with literal anchors picks
the texts that could mention a place, then one pass per place decides, so a million titles cost well
under a second.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime.validate import kernels
from diplotime.validate.gazetteer import place_key
from diplotime.validate.places import PLACES

SEPARATOR = ";"
_RU_ENDINGS = "(?:а|я|у|ю|е|ом|ем|ой|ей|ы|и|ам|ям|ами|ями|ах|ях|ов|ев|ые|ых|ым|ыми|ая|ую|ое|ого|ому|ие|их|им|ими)?"
_RU_STEM = re.compile("[аеиоуыэюяй]{1,2}$")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_GENERIC = {
    "island",
    "islands",
    "islets",
    "rocks",
    "of",
    "the",
    "to",
    "japan",
    "south",
    "southern",
    "northern",
    "остров",
    "острова",
    "южные",
    "южно",
}
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
# Word edges for lower-cased text. Explicit Latin and Cyrillic letters, not \pL: RE2's automaton for the
# Unicode classes grows so large that matching falls back to a path thousands of times slower.
_LETTER = "0-9_a-zà-öø-ÿа-яё"
_BEFORE, _AFTER = f"(?:^|[^{_LETTER}])", f"(?:$|[^{_LETTER}])"


@functools.lru_cache(maxsize=1)
def alias_groups() -> tuple[tuple[str, ...], ...]:
    """The names of each contested place: (('Iturup', 'Etorofu', …, '択捉島'), …)."""
    return tuple(p.all_names for p in PLACES if p.contested)


def _stem(word: str) -> str:
    return _RU_STEM.sub("", word) if len(word) >= 5 else word


def _fragment(name: str) -> str:
    """A regex for one name: spaces and hyphens are interchangeable, Russian words may take case endings."""
    if not _CYRILLIC.search(name):
        return re.escape(name).replace("\\ ", r"[-\s]+").replace("\\-", r"[-\s]?")
    words = [
        f"(?:{re.escape(w)}|{re.escape(_stem(w))}{_RU_ENDINGS})" if _stem(w) != w else re.escape(w) + _RU_ENDINGS
        for w in name.split()
    ]
    return r"\s+".join(words)


def _anchor(name: str) -> str:
    """A literal every mention of the name contains, for the fast first pass: 'Южные Курилы' -> 'курил'."""
    words = [w for w in re.split(r"[\s-]+", name) if w.casefold() not in _GENERIC] or name.split()
    word = max(words, key=len)
    return re.escape((_stem(word) if _CYRILLIC.search(word) else word).lower())


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[str, tuple[tuple[str, str], ...]]:
    """(literal anchors of every name, per place: (its anchors, a pattern matching any of its names as a word))."""
    every: list[str] = []
    places = []
    for names in alias_groups():
        anchors: list[str] = []
        parts = []
        for name in sorted(names, key=len, reverse=True):
            anchors += [] if _anchor(name) in anchors else [_anchor(name)]
            fragment = _fragment(name.lower())
            parts.append(fragment if _CJK.search(name) else f"{_BEFORE}{fragment}{_AFTER}")
        every += [a for a in anchors if a not in every]
        places.append(("|".join(anchors), "|".join(f"(?:{p})" for p in parts)))
    return "|".join(every), tuple(places)


def aliases_array(location: pd.Series, *texts: pd.Series) -> pa.Array:
    """The aliases column: every name of the contested places a row's location or texts mention, ';'-joined
    (an Arrow array: no Python string per row)."""
    bits = _bits(location, repeated=True)
    for column in texts:
        bits |= _bits(column)
    if not bits.any():
        return kernels.empty(len(bits))
    codes, uniques = pd.factorize(bits)
    return pa.array([_names_of(int(b)) if b else "" for b in uniques], type=kernels.TEXT).take(pa.array(codes))


def find_aliases(texts: pd.Series, repeated: bool = False) -> np.ndarray:
    """For each text, every name of the contested places it mentions, ';'-joined ('' when none).

    ``repeated``: the column repeats a few values (a location column), so each is matched once.
    """
    return _names(_bits(texts, repeated))


def aliases_of(text: str) -> str:
    """All names of the contested places a text mentions: aliases_of('Medvedev on Kunashir') -> 'Kunashir;Kunashiri;…'."""
    return str(find_aliases(pd.Series([text or ""], dtype=object))[0])


def _bits(texts: pd.Series, repeated: bool = False) -> np.ndarray:
    """One bit per contested place each text mentions (bit i: the i-th place of ``alias_groups``)."""
    array = pa.array(pd.Series(texts).reset_index(drop=True).astype(pd.StringDtype("pyarrow")).fillna("").array)
    if not repeated:
        return _bits_of(array)
    encoded = pc.dictionary_encode(array)
    encoded = encoded.combine_chunks() if isinstance(encoded, pa.ChunkedArray) else encoded
    return _bits_of(encoded.dictionary)[encoded.indices.to_numpy(zero_copy_only=False)]


def _bits_of(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    anchors, places = _patterns()
    bits = np.zeros(len(array), dtype=np.int64)
    if not len(array) or not pc.max(pc.binary_length(array)).as_py():
        return bits  # no text at all (an empty description column)
    hit = pc.match_substring_regex(array, anchors, ignore_case=True).to_numpy(zero_copy_only=False).astype(bool)
    if not hit.any():
        return bits
    candidates = pc.utf8_lower(pc.filter(array, pa.array(hit)))
    found = np.zeros(len(candidates), dtype=np.int64)
    for index, (place_anchors, pattern) in enumerate(places):
        near = pc.match_substring_regex(candidates, place_anchors).to_numpy(zero_copy_only=False).astype(bool)
        if near.any():
            match = pc.match_substring_regex(pc.filter(candidates, pa.array(near)), pattern)
            found[near] |= match.to_numpy(zero_copy_only=False).astype(np.int64) << index
    bits[hit] = found
    return bits


def _names(bits: np.ndarray) -> np.ndarray:
    out = np.full(len(bits), "", dtype=object)
    some = bits != 0
    if some.any():
        codes, uniques = pd.factorize(bits[some])
        out[some] = np.array([_names_of(int(b)) for b in uniques], dtype=object)[codes]
    return out


def _names_of(bits: int) -> str:
    groups = alias_groups()
    names = [name for i, group in enumerate(groups) if bits >> i & 1 for name in group]
    return SEPARATOR.join(dict.fromkeys(names))


def key_names(names: str) -> set[str]:
    """Comparable keys of an alias list, for tests and search: key_names('Iturup;Etorofu') -> {'iturup', 'etorofu'}."""
    return {place_key(n) for n in names.split(SEPARATOR) if n}
