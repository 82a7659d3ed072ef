"""Who met whom: actors as nodes, an edge where two actors share an event, weighted by how many they share.

Built with numpy from the index's exploded actor column, so a million events take well under a second.
At large N the network keeps the most active actors and the strongest edges between them and says so,
so what the browser receives stays bounded like the timeline's.

An actor's colour is the country it acts for: as its dataset declares it (``data/datasets.toml``), else the
country its name names ("Soviet Union" -> RUS), else the country listed in the same position as the actor
on most of its events (files often list "Abe;Putin" with "JPN;RUS"), when at least two thirds of its
events agree. Otherwise it is unknown, and drawn grey.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplotime.explore.index import EventIndex
from diplotime.formats.codes import to_alpha3

MAX_NODES = 150
MAX_EDGES = 600
MAX_ACTORS_PER_EVENT = 30  # a list longer than this (a summit of 40 leaders) pairs only its first 30
UNKNOWN = ""  # the country the actor acts for is not known


@dataclass(frozen=True)
class Network:
    """Nodes (actor, events, country) and edges (source, target, weight) of the selected events."""

    nodes: pd.DataFrame  # columns: actor, events, country; most active first
    edges: pd.DataFrame  # columns: source, target, weight (actor names); strongest first
    total_nodes: int  # before the cut
    total_edges: int
    events: int  # selected events that name at least one actor

    @property
    def trimmed(self) -> bool:
        return self.total_nodes > len(self.nodes) or self.total_edges > len(self.edges)

    def summary(self) -> str:
        """In words, for the page: '12 actors and 30 links from 80 events' (plus what was left out)."""
        text = (
            f"{len(self.nodes):,} actor{'s' if len(self.nodes) != 1 else ''} and {len(self.edges):,} "
            f"link{'s' if len(self.edges) != 1 else ''} from {self.events:,} event{'s' if self.events != 1 else ''}"
        )
        if self.trimmed:
            text += (
                f"; the {len(self.nodes):,} most active of {self.total_nodes:,} actors and the "
                f"{len(self.edges):,} strongest of {self.total_edges:,} links between them are shown"
            )
        return text


def actor_network(
    index: EventIndex,
    mask: np.ndarray,
    actor_countries: Mapping[str, str] | None = None,
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
) -> Network:
    """The network of the events where ``mask`` is True; ``actor_countries`` as the datasets declare them."""
    actors = index.actors
    keep = mask[actors.rows]
    n_values = len(actors.values)
    listed_rows, listed_codes = actors.rows[keep], actors.codes[keep]  # in the order each event lists them
    rows, codes = _distinct(listed_rows, listed_codes, n_values)
    counts = np.bincount(codes, minlength=n_values)
    active = np.flatnonzero(counts)
    order = active[np.argsort(-counts[active], kind="stable")]
    kept = order[:max_nodes]
    pair_codes, weights = _pairs(rows, codes, n_values)
    total_edges = len(pair_codes)
    inside = np.zeros(n_values, dtype=bool)
    inside[kept] = True
    a, b = pair_codes // n_values, pair_codes % n_values
    both = inside[a] & inside[b]
    a, b, weights = a[both], b[both], weights[both]
    strongest = np.lexsort((b, a, -weights))[:max_edges]
    a, b, weights = a[strongest], b[strongest], weights[strongest]
    nodes = pd.DataFrame(
        {
            "actor": [actors.values[i] for i in kept],
            "events": counts[kept].astype(np.int64),
            "country": _countries(index, listed_rows, listed_codes, kept, actor_countries or {}),
        }
    )
    edges = pd.DataFrame(
        {
            "source": [actors.values[i] for i in a],
            "target": [actors.values[i] for i in b],
            "weight": weights.astype(np.int64),
        }
    )
    return Network(
        nodes=nodes,
        edges=edges,
        total_nodes=len(active),
        total_edges=total_edges,
        events=int(np.count_nonzero(np.bincount(rows, minlength=1))) if len(rows) else 0,
    )


def _distinct(rows: np.ndarray, codes: np.ndarray, n_values: int) -> tuple[np.ndarray, np.ndarray]:
    """Each (event, actor) once, sorted by event: an actor listed twice on an event counts once."""
    keys = rows.astype(np.int64) * max(n_values, 1) + codes
    keys.sort()
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // max(n_values, 1), keys % max(n_values, 1)


def _pairs(rows: np.ndarray, codes: np.ndarray, n_values: int) -> tuple[np.ndarray, np.ndarray]:
    """Every unordered pair of actors on one event, counted over events: (a * n + b with a < b, count).

    The actor list is sorted by event; the i-th entry pairs with the (i + k)-th while both are on the same
    event (and among its first MAX_ACTORS_PER_EVENT actors), for k = 1, 2, … - one vectorised pass per k.
    """
    empty = np.zeros(0, dtype=np.int64)
    if len(rows) < 2:
        return empty, empty
    if np.any(rows[1:] < rows[:-1]):  # the index lists each event's actors together; keep that order
        order = np.argsort(rows, kind="stable")
        rows, codes = rows[order], codes[order]
    codes = codes.astype(np.int64)
    position, size = _positions(rows)
    limit = np.minimum(size, MAX_ACTORS_PER_EVENT)
    found = []
    for k in range(1, int(limit.max())):
        left = np.flatnonzero(position + k < limit)
        a, b = codes[left], codes[left + k]
        found.append(np.minimum(a, b) * n_values + np.maximum(a, b))
    if not found:
        return empty, empty
    pairs = np.concatenate(found)
    pairs.sort()  # counting by sorting: far faster here than a hash of a million pairs
    if not len(pairs):
        return empty, empty
    starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]])
    return pairs[starts], np.diff(np.r_[starts, len(pairs)])


def _positions(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows sorted by event: each entry's position within its event (0, 1, …) and its event's size."""
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    sizes = np.diff(np.r_[starts, len(rows)])
    return np.arange(len(rows)) - np.repeat(starts, sizes), np.repeat(sizes, sizes)


def _countries(
    index: EventIndex, rows: np.ndarray, codes: np.ndarray, kept: np.ndarray, declared: Mapping[str, str]
) -> list[str]:
    """The country each kept actor acts for (see the module docstring), or UNKNOWN."""
    names = [index.actors.values[i] for i in kept]
    out = [declared.get(name) or _named_country(name) for name in names]
    missing = {int(kept[i]): i for i, code in enumerate(out) if not code}
    if missing:
        for slot, code in _positional_votes(index, rows, codes, missing).items():
            out[slot] = code
    return [code or UNKNOWN for code in out]


def _named_country(name: str) -> str:
    try:
        return to_alpha3(name)
    except ValueError:
        return ""


def _positional_votes(index: EventIndex, rows: np.ndarray, codes: np.ndarray, wanted: dict[int, int]) -> dict[int, str]:
    """Slot -> country for the wanted actors whose position in the actor list matches one country's in the
    country list on at least two thirds of their events (counting only events with lists of equal length)."""
    countries = index.countries
    if not len(countries.rows) or np.any(rows[1:] < rows[:-1]) or np.any(countries.rows[1:] < countries.rows[:-1]):
        return {}
    position, size = _positions(rows)
    mine = np.isin(codes, list(wanted))
    r, p, z, c = rows[mine], position[mine], size[mine], codes[mine]
    first = np.searchsorted(countries.rows, r, side="left")  # where each event's country list starts
    listed = np.searchsorted(countries.rows, r, side="right") - first
    same = listed == z
    country = np.where(same, countries.codes[np.minimum(first + p, len(countries.codes) - 1)], -1)
    out: dict[int, str] = {}
    for code in np.unique(c):
        comparable = (c == code) & (country >= 0)
        votes = np.bincount(country[comparable], minlength=len(countries.values))
        total = int(comparable.sum())
        if total >= 2 and votes.max() * 3 >= 2 * total:
            out[wanted[int(code)]] = countries.values[int(votes.argmax())]
    return out


def edge_events(index: EventIndex, mask: np.ndarray, source: str, target: str) -> np.ndarray:
    """Rows of the selected events that name both actors."""
    lookup = index.actors.code_of()
    if source not in lookup or target not in lookup:
        return np.zeros(0, dtype=np.int64)
    actors = index.actors
    with_a = set(actors.rows[actors.codes == lookup[source]].tolist())
    both = [r for r in actors.rows[actors.codes == lookup[target]].tolist() if r in with_a and mask[r]]
    return np.array(sorted(set(both)), dtype=np.int64)
