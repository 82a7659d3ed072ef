"""Likely duplicates: events of a file that describe something the store (or an earlier row) already has,
under another id — the same talks from another source.

An event is a likely duplicate of another when they start on the same day (or in the same month or year,
for events dated only that far), their titles are close, and they share an actor (any spelling: the actor
keys of :mod:`diplotime.validate.actors`). Without actors on one side the titles must be closer still.
The Upload page lists them with "Skip" or "Import anyway"; nothing is decided without the user.

>>> title_similarity("Abe–Putin talks in the Kremlin", "Putin and Abe hold talks in Kremlin")
1.0
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from diplotime import names
from diplotime.validate.actors import actor_key
from diplotime.validate.table import ValidationResult

CLOSE = 0.6  # title similarity for events that share an actor
CLOSER = 0.75  # ... for events where one side names no actor
MAX_PAIRS = 200_000  # same-day pairs compared at most (beyond: not checked, and the page says so)
COLUMNS = ["row", "id", "date", "title", "match_id", "match_date", "match_title", "match_where", "similarity", "why"]
_STOP = frozenset(
    "a an and the of in on at to for with by from as is are was were be hold holds held its it "
    "und der die das le la les de des du et в и на с по о об к の と に で".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def title_words(title: str) -> frozenset[str]:
    """The words that carry a title's meaning: title_words('The Abe–Putin talks') == {'abe', 'putin', 'talks'}."""
    text = unicodedata.normalize("NFKC", str(title)).casefold()
    return frozenset(w for w in _WORD.findall(text) if w not in _STOP and (len(w) > 1 or not w.isascii()))


def title_similarity(a: str, b: str) -> float:
    """How close two titles are, 0 to 1: the share of their words in common (or, for titles written without
    spaces such as Japanese ones, how much of the text matches), rounded to two places."""
    wa, wb = title_words(a), title_words(b)
    words = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    # "talks" and "talk", "Kremlin" and "Kremlin's": words that start alike count as the same word.
    if wa and wb and words < 1:
        fuzzy = sum(1 for w in wa if any(_same_stem(w, v) for v in wb))
        words = max(words, fuzzy / max(len(wa), len(wb)))
    chars = SequenceMatcher(None, str(a).casefold(), str(b).casefold()).ratio() if len(wa) <= 2 or len(wb) <= 2 else 0.0
    return round(max(words, chars), 2)


def _same_stem(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b[:5]) or b.startswith(a[:5])))


def _actor_keys(cell: object) -> frozenset[str]:
    return frozenset(k for k in (actor_key(a) for a in names.split(str(cell or ""))) if k)


@dataclass(frozen=True)
class Duplicates:
    """The likely duplicates found (COLUMNS), and whether every candidate pair could be compared."""

    table: pd.DataFrame
    complete: bool = True

    def __len__(self) -> int:
        return len(self.table)


def _pairs(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    return left.merge(right, on=["date_start", "date_precision"], suffixes=("", "_m"))


def likely_duplicates(new: pd.DataFrame, stored: pd.DataFrame, max_pairs: int = MAX_PAIRS) -> Duplicates:
    """The rows of ``new`` (valid events the store does not have by id) that look like an event of
    ``stored`` or an earlier row of ``new``; each row is listed once, with its closest match."""
    cols = ["id", "date", "date_start", "date_precision", "title", "actors"]
    if new.empty:
        return Duplicates(pd.DataFrame(columns=COLUMNS))
    left = new[[*cols, "source_row"]].astype({"source_row": "int64"}).reset_index(drop=True)
    left["order"] = np.arange(len(left))
    right = stored[cols].copy()
    right["order"] = -1  # stored events come before every row of the file
    right["source_row"] = 0
    candidates = pd.concat([right, left], ignore_index=True)
    counts = candidates.groupby(["date_start", "date_precision"]).size()
    per_day = counts.reindex(pd.MultiIndex.from_frame(left[["date_start", "date_precision"]])).fillna(0)
    if float(per_day.sum()) > max_pairs:
        return Duplicates(pd.DataFrame(columns=COLUMNS), complete=False)
    pairs = _pairs(left, candidates)
    pairs = pairs[(pairs["order_m"] < pairs["order"]) & (pairs["id_m"] != pairs["id"])]
    found: dict[int, tuple[float, dict[str, object]]] = {}
    for row in pairs.itertuples(index=False):
        similarity = title_similarity(row.title, row.title_m)
        if similarity < CLOSE:
            continue
        mine, theirs = _actor_keys(row.actors), _actor_keys(row.actors_m)
        shared = sorted(mine & theirs)
        if not shared and not (similarity >= CLOSER and (not mine or not theirs)):
            continue
        where = "stored" if row.order_m < 0 else f"row {row.source_row_m}"
        why = f"same date, titles {similarity:.0%} alike" + (
            f", both name {', '.join(_shown_actors(row.actors, shared))}" if shared else ""
        )
        entry = {
            "row": int(row.source_row),
            "id": str(row.id),
            "date": str(row.date),
            "title": str(row.title),
            "match_id": str(row.id_m),
            "match_date": str(row.date_m),
            "match_title": str(row.title_m),
            "match_where": where,
            "similarity": similarity,
            "why": why,
        }
        if int(row.order) not in found or similarity > found[int(row.order)][0]:
            found[int(row.order)] = (similarity, entry)
    table = pd.DataFrame([found[k][1] for k in sorted(found)], columns=COLUMNS)
    return Duplicates(table)


def _shown_actors(cell: object, keys: Iterable[str]) -> list[str]:
    wanted = set(keys)
    return [a for a in names.split(str(cell or "")) if actor_key(a) in wanted][:3]


def without(result: ValidationResult, ids: Iterable[str]) -> ValidationResult:
    """The check's result without the events the user chose to skip (the rest imports as it was)."""
    skip = set(ids)
    if not skip:
        return result
    keep = ~result.events["id"].astype(str).isin(skip).to_numpy()
    return replace(result, events=result.events[keep].reset_index(drop=True))
