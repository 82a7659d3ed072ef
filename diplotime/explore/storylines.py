"""Storylines: the links between events (the ``related`` column), read both ways, and the chain they make.

A link is carried by one event (``led_to:B`` on A) and shown on both: A "led to" B, B "followed from" A.
A storyline is every event reachable from one through links in either direction, oldest first.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diplotime import schema
from diplotime.explore.index import EventIndex

MAX_STORYLINE = 200  # events one storyline shows at most (the nearest, by links, first)


@dataclass(frozen=True)
class Link:
    """One link as an event's card shows it: 'led to' 1956-10-19-joint-declaration (stored, or not)."""

    label: str  # as read from the event whose card it is: 'led to', 'followed from'
    other: str  # the other event's id
    stored: bool  # whether the other event is in the store (a link may name an event not imported yet)


def _table(index: EventIndex) -> pd.DataFrame:
    """Every link in the store: source row, relation, target id (rows with no links are skipped quickly)."""
    if "related" not in index.events.columns or not len(index):
        return pd.DataFrame({"row": [], "relation": [], "target": []})
    cells = pa.array(index.events["related"].fillna("").astype(str), type=pa.string())
    rows = np.flatnonzero(pc.greater(pc.utf8_length(cells), 0).to_numpy(zero_copy_only=False))
    out = []
    for row in rows.tolist():
        for item in str(cells[row]).split(schema.LIST_SEPARATOR):
            relation, _, target = item.partition(":")
            if relation in schema.RELATIONS and target:
                out.append((row, relation, target))
    return pd.DataFrame(out, columns=["row", "relation", "target"])


def links_of(index: EventIndex, event_id: str) -> list[Link]:
    """The event's links both ways: those it carries, then those other events carry to it."""
    positions = index.positions
    table = _table(index)
    out: list[Link] = []
    if event_id in positions:
        for relation, target in table.loc[table["row"] == positions[event_id], ["relation", "target"]].itertuples(
            index=False
        ):
            out.append(Link(schema.RELATIONS[relation][0], str(target), str(target) in positions))
    ids = index.events["id"].to_numpy()
    for row, relation in table.loc[table["target"] == event_id, ["row", "relation"]].itertuples(index=False):
        out.append(Link(schema.RELATIONS[relation][1], str(ids[row]), True))
    return out


def storyline(index: EventIndex, event_id: str, limit: int = MAX_STORYLINE) -> list[str]:
    """Ids of the events reachable from ``event_id`` through links either way, oldest first (itself included)."""
    positions = index.positions
    if event_id not in positions:
        return []
    table = _table(index)
    ids = index.events["id"].to_numpy()
    neighbours: dict[str, set[str]] = {}
    for row, target in table[["row", "target"]].itertuples(index=False):
        source = str(ids[row])
        if str(target) in positions:
            neighbours.setdefault(source, set()).add(str(target))
            neighbours.setdefault(str(target), set()).add(source)
    seen, queue = {event_id}, deque([event_id])
    while queue and len(seen) < limit:
        for other in sorted(neighbours.get(queue.popleft(), ())):
            if other not in seen and len(seen) < limit:
                seen.add(other)
                queue.append(other)
    rows = sorted((positions[i] for i in seen), key=lambda r: (index.start[r], str(ids[r])))
    return [str(ids[r]) for r in rows]
