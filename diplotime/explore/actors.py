"""One actor, one lane: the spellings of a person's name are merged, and the user's alias table decides the rest.

Spellings with the same key (:func:`diplotime.validate.actors.actor_key`: "Sergey Lavrov", "Sergei Lavrov",
"Сергей Лавров", "Sergey Viktorovich Lavrov") count as one actor, shown under the spelling most events use
(Latin script first, then the shortest). The alias table the user edits on the Actors page (stored in the
store) has rules ``spelling -> counts as``:

- ``"安倍晋三" -> "Shinzo Abe"`` merges a spelling no key can match (and every spelling sharing its key);
- a rule's name is also the name shown for its key's spellings (``"Сергей Лавров" -> "Sergei Lavrov"`` shows
  all of them as "Sergei Lavrov");
- ``"X" -> "X"`` keeps a spelling apart from the others that share its key.

The stored events keep their spellings; :func:`name_actors` adds an ``actor_names`` column (the names they
count as) that the index, the lanes, the filters and the counts use.

>>> merged = actor_names({"Sergey Lavrov": 3, "Сергей Лавров": 1, "Sergei Lavrov": 1, "安倍晋三": 1, "Shinzo Abe": 2},
...                      {"安倍晋三": "Shinzo Abe"})
>>> sorted(set(merged.values()))
['Sergey Lavrov', 'Shinzo Abe']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime import schema
from diplotime.validate.actors import actor_key

COLUMN = "actor_names"  # the ';'-joined names the actors count as, beside the stored `actors`


def _preference(spelling: str, count: int) -> tuple[int, int, int, str]:
    latin = all(ord(ch) < 0x250 for ch in spelling)  # Latin script (with accents) reads for most users
    return (-count, 0 if latin else 1, len(spelling), spelling)


def actor_names(counts: Mapping[str, int], rules: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every spelling -> the name it counts as, for spellings with their number of events and the alias rules."""
    rules = {str(k).strip(): str(v).strip() for k, v in (rules or {}).items() if str(k).strip() and str(v).strip()}
    apart = {s for s, t in rules.items() if s == t}
    groups: dict[str, list[str]] = {}
    for spelling in counts:
        if spelling not in apart and spelling not in rules:
            groups.setdefault(actor_key(spelling), []).append(spelling)
    automatic = {key: min(members, key=lambda s: _preference(s, counts[s])) for key, members in groups.items()}
    named: dict[str, str] = {}  # key -> the name a rule gives it
    for spelling, target in sorted(rules.items()):
        if spelling != target:
            named.setdefault(actor_key(target), target)
    for spelling, target in sorted(rules.items()):
        if spelling != target:
            named.setdefault(actor_key(spelling), named[actor_key(target)])

    def name_of(key: str, fallback: str) -> str:
        return named.get(key) or automatic.get(key) or fallback

    out: dict[str, str] = {}
    for spelling in counts:
        if spelling in apart:
            out[spelling] = spelling
        elif spelling in rules:
            out[spelling] = (
                rules[spelling] if rules[spelling] in apart else name_of(actor_key(rules[spelling]), rules[spelling])
            )
        else:
            out[spelling] = name_of(actor_key(spelling), spelling)
    for _ in range(8):  # follow chains of rules (A -> B, B -> C) to their end
        changed = False
        for spelling, name in out.items():
            final = out.get(name, name)
            if final != name:
                out[spelling], changed = final, True
        if not changed:
            break
    return out


@dataclass(frozen=True)
class _Split:
    """A ';'-joined column split with Arrow: each event's list of names as codes into the distinct names."""

    lists: pa.ListArray
    codes: np.ndarray  # per name occurrence, into ``values``
    values: list[str]

    @classmethod
    def of(cls, actors: pd.Series) -> _Split:
        arr = pa.array(actors.fillna("").astype(str), type=pa.string())
        lists = pc.split_pattern(arr, schema.LIST_SEPARATOR)
        if isinstance(lists, pa.ChunkedArray):
            lists = lists.combine_chunks()
        encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(lists.flatten()))
        return cls(
            lists, encoded.indices.to_numpy(zero_copy_only=False), [str(v) for v in encoded.dictionary.to_pylist()]
        )


def spelling_counts(actors: pd.Series, split: _Split | None = None) -> dict[str, int]:
    """How many times events name each spelling, from a ';'-joined actors column."""
    split = split or _Split.of(actors)
    counts = np.bincount(split.codes, minlength=len(split.values))
    return {v: int(n) for v, n in zip(split.values, counts, strict=True) if v and n}


def name_actors(events: pd.DataFrame, rules: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The events with an ``actor_names`` column when any spelling counts as another name; unchanged otherwise.

    The frame is not modified (a new frame shares its columns). Arrow does the splitting and joining, so a
    million events take about a second.
    """
    if events.empty or "actors" not in events.columns:
        return events
    split = _Split.of(events["actors"])
    names = actor_names(spelling_counts(events["actors"], split), rules)
    if all(spelling == name for spelling, name in names.items()):
        return events.drop(columns=[COLUMN]) if COLUMN in events.columns else events
    shown = [names.get(v, v) for v in split.values]
    new_codes, new_values = pd.factorize(pd.Series(shown, dtype=object))
    codes = new_codes[split.codes] if len(split.codes) else split.codes
    flat = pa.array(np.asarray(new_values, dtype=object), type=pa.string()).take(pa.array(codes))
    joined = pc.binary_join(pa.ListArray.from_arrays(split.lists.offsets, flat), schema.LIST_SEPARATOR)
    column = joined.to_numpy(zero_copy_only=False).astype(object)
    # Two spellings of one actor in the same event become one name there.
    parents = pc.list_parent_indices(split.lists).to_numpy(zero_copy_only=False).astype(np.int64)
    pairs = np.sort(parents * (len(new_values) + 1) + codes)
    twice = pairs[1:][pairs[1:] == pairs[:-1]]
    if len(twice):
        for row in np.unique(twice // (len(new_values) + 1)):
            parts = [p for p in str(column[row]).split(schema.LIST_SEPARATOR) if p.strip()]
            column[row] = schema.LIST_SEPARATOR.join(dict.fromkeys(parts))
    return events.assign(**{COLUMN: column})


def merged_spellings(names: Mapping[str, str], counts: Mapping[str, int]) -> pd.DataFrame:
    """Actors that several spellings count as: columns actor, spellings (most used first), events."""
    groups: dict[str, list[str]] = {}
    for spelling, name in names.items():
        groups.setdefault(name, []).append(spelling)
    rows = [
        (name, sorted(members, key=lambda s: _preference(s, counts.get(s, 0))), sum(counts.get(s, 0) for s in members))
        for name, members in groups.items()
        if len(members) > 1 or members[0] != name
    ]
    rows.sort(key=lambda r: (-r[2], r[0]))
    return pd.DataFrame(
        {"actor": [r[0] for r in rows], "spellings": ["; ".join(r[1]) for r in rows], "events": [r[2] for r in rows]}
    )
