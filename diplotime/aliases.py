"""Contested place names: every name of a disputed place, stored with each event that mentions one of them.

An event whose location, title or description names Iturup (or Etorofu, Итуруп, 択捉島, "на Итурупе") gets all of
those names in its ``aliases`` column, ``;``-joined, so a search for any one of them finds it. Names
match as whole words, case-insensitively; Russian names also in their case forms (Кунашире, Курилах).
Japanese names match anywhere in the text, since Japanese does not separate words.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime.gazetteer import place_key
from diplotime.places import PLACES

SEPARATOR = ";"
_RU_ENDINGS = "(?:а|я|у|ю|е|ом|ем|ой|ей|ы|и|ам|ям|ами|ями|ах|ях|ов|ев|ые|ых|ым|ыми|ая|ую|ое|ого|ому|ие|их|им|ими)?"
_RU_STEM = re.compile("[аеиоуыэюяй]{1,2}$")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_GENERIC = {"island", "islands", "islets", "rocks", "of", "the", "to", "japan", "south", "southern", "northern",
            "остров", "острова", "южные", "южно"}
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


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
    words = [f"(?:{re.escape(w)}|{re.escape(_stem(w))}{_RU_ENDINGS})" if _stem(w) != w else
             re.escape(w) + _RU_ENDINGS for w in name.split()]
    return r"\s+".join(words)


def _anchor(name: str) -> str:
    """A literal every mention of the name contains, for the fast first pass: 'Южные Курилы' -> 'курил'."""
    words = [w for w in re.split(r"[\s-]+", name) if w.casefold() not in _GENERIC] or name.split()
    word = max(words, key=len)
    return re.escape((_stem(word) if _CYRILLIC.search(word) else word).lower())


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[str, re.Pattern[str]]:
    """(literal anchors for RE2's fast first pass, the exact pattern naming each place's group)."""
    anchors: list[str] = []
    parts = []
    for index, names in enumerate(alias_groups()):
        for name in sorted(names, key=len, reverse=True):
            anchor = _anchor(name)
            if anchor not in anchors:
                anchors.append(anchor)
            boundary = ("", "") if _CJK.search(name) else (r"(?<!\w)", r"(?!\w)")
            parts.append(f"(?P<g{index}_{len(parts)}>{boundary[0]}{_fragment(name)}{boundary[1]})")
    return "|".join(anchors), re.compile("|".join(parts), re.IGNORECASE)


def aliases_of(text: str) -> str:
    """All names of the contested places a text mentions: aliases_of('Medvedev on Kunashir') -> 'Kunashir;Kunashiri;…'."""
    if not text:
        return ""
    groups: list[int] = []
    for match in _patterns()[1].finditer(text):
        group = int(str(match.lastgroup)[1:].split("_")[0])
        if group not in groups:
            groups.append(group)
    names: list[str] = []
    for group in sorted(groups):
        names.extend(alias_groups()[group])
    return SEPARATOR.join(dict.fromkeys(names))


def find_aliases(texts: pd.Series) -> np.ndarray:
    """``aliases_of`` for every text; a fast literal pass first, so texts without a contested name cost little."""
    values = pd.Series(texts).reset_index(drop=True).astype(pd.StringDtype("pyarrow")).fillna("")
    out = np.full(len(values), "", dtype=object)
    if not len(values):
        return out
    hit = pc.match_substring_regex(pa.array(values.array), _patterns()[0], ignore_case=True)
    mask = hit.to_numpy(zero_copy_only=False).astype(bool)
    if not mask.any():
        return out
    codes, uniques = pd.factorize(values[mask])
    found = np.array([aliases_of(str(u)) for u in uniques], dtype=object)
    out[mask] = found[codes]
    return out


def merge_aliases(*columns: np.ndarray) -> np.ndarray:
    """Row-wise union of ';'-joined alias lists, keeping order: (['A;B'], ['B;C']) -> ['A;B;C']."""
    out = np.asarray(columns[0], dtype=object).copy()
    for other in columns[1:]:
        other = np.asarray(other, dtype=object)
        both = (out != "") & (other != "")
        out = np.where(out == "", other, out)
        for i in np.flatnonzero(both):
            out[i] = SEPARATOR.join(dict.fromkeys(out[i].split(SEPARATOR) + other[i].split(SEPARATOR)))
    return out


def key_names(names: str) -> set[str]:
    """Comparable keys of an alias list, for tests and search: key_names('Iturup;Etorofu') -> {'iturup', 'etorofu'}."""
    return {place_key(n) for n in names.split(SEPARATOR) if n}
