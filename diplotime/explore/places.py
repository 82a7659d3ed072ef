"""One place, one count: nearby positions and the names of one place are merged before anything counts them.

A dataset writes Moscow as 55.7558,37.6173 for most events and as 55.7520,37.6175 (or "Kremlin") for a
summit in the Kremlin; counted by name the Overview says "Moscow 22", counted by position the map shows
two markers. Here every event gets one place: positions within :data:`MERGE_KM` of a busier position join
it (the busiest position of a place is where its marker sits), and the place is named by the name most of
its events give. An event with a name but no coordinates joins the place that carries that name, or
becomes a place of its own that is not on the map. The Overview, the map and the place lists all count
these places, so their numbers agree.

>>> lat = np.array([55.7558, 55.7558, 55.7520, np.nan, 35.6762])
>>> lon = np.array([37.6173, 37.6173, 37.6175, np.nan, 139.6503])
>>> found = assign_places(lat, lon, ["Moscow", "Moscow", "Kremlin", "Moscow", "Tokyo"])
>>> found.place.tolist(), found.names
([0, 0, 0, 0, 1], ('Moscow', 'Tokyo'))
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MERGE_KM = 12.0  # one city: the Kremlin is 0.4 km from central Moscow, the Diet 8.6 km from "Tokyo", FEFU 10 km from Vladivostok; Yokohama is 28 km from Tokyo
_CELL = MERGE_KM / 111.0  # degrees of latitude per grid cell used to find nearby positions
MAX_CLUSTERED = 200_000  # distinct positions merged one by one; beyond this, positions on a grid of cells


@dataclass(frozen=True)
class Places:
    """Each event's place (``place[row]``, -1 for none) and each place's name and marker position."""

    place: np.ndarray  # int64 per event row
    names: tuple[str, ...]  # display name per place
    lat: np.ndarray  # marker position per place (NaN for a place known only by name)
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.names)

    def on_map(self) -> np.ndarray:
        """True for the places that have a position."""
        return ~(np.isnan(self.lat) | np.isnan(self.lon))


def name_key(name: str) -> str:
    """How place names are compared: name_key(' The  Kremlin ') == name_key('the kremlin')."""
    return " ".join(unicodedata.normalize("NFKC", str(name)).casefold().split())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _quantised(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Positions to 0.001° as one integer key (the precision a place key in a link has)."""
    return (np.round(lat * 1000).astype(np.int64) + 100_000) * 1_000_000 + (
        np.round(lon * 1000).astype(np.int64) + 200_000
    )


def _leaders(lat: np.ndarray, lon: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """For each distinct position, the index of the position it is merged into (the busiest one nearby)."""
    order = np.lexsort((np.arange(len(lat)), -weight))
    leader = np.arange(len(lat))
    cells: dict[tuple[int, int], list[int]] = {}
    for i in order:
        la, lo = float(lat[i]), float(lon[i])
        cy, cx = int(math.floor(la / _CELL)), int(math.floor(lo / _CELL))
        reach = int(math.ceil(1 / max(math.cos(math.radians(min(abs(la), 89.0))), 0.02)))
        best, best_km = -1, MERGE_KM
        for dy in (-1, 0, 1):
            for dx in range(-reach, reach + 1):
                for j in cells.get((cy + dy, cx + dx), ()):
                    km = distance_km(la, lo, float(lat[j]), float(lon[j]))
                    if km <= best_km:
                        best, best_km = j, km
        if best < 0:
            cells.setdefault((cy, cx), []).append(int(i))
        else:
            leader[i] = best
    return leader


def assign_places(lat: np.ndarray, lon: np.ndarray, locations: Sequence[str] | np.ndarray) -> Places:
    """Every event's place, from its coordinates and its location name (see the module docstring)."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    n = len(lat)
    names = pd.Series(np.asarray(locations, dtype=object)).fillna("").astype(str).str.strip().to_numpy(dtype=object)
    place = np.full(n, -1, dtype=np.int64)
    located = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
    place_names: list[str] = []
    place_lat: list[float] = []
    place_lon: list[float] = []
    by_name: dict[str, int] = {}
    if len(located):
        keys, first, position_of_row, weight = np.unique(
            _quantised(lat[located], lon[located]), return_index=True, return_inverse=True, return_counts=True
        )
        pos_lat, pos_lon = lat[located][first], lon[located][first]
        if len(keys) <= MAX_CLUSTERED:
            leader = _leaders(pos_lat, pos_lon, weight)
        else:  # too many to compare one by one: positions in the same cell of a fixed grid are one place
            cell = (np.floor(pos_lat / _CELL).astype(np.int64) << 32) + np.floor(pos_lon / _CELL).astype(np.int64)
            _, cell_first, cell_of = np.unique(cell, return_index=True, return_inverse=True)
            leader = cell_first[cell_of]
        leaders, place_of_position = np.unique(leader, return_inverse=True)
        numbered = place_of_position.reshape(-1)[position_of_row.reshape(-1)]
        # Number the places in the order their first event comes (the events are in date order).
        _, first_seen = np.unique(numbered, return_index=True)
        renumber = np.empty(len(leaders), dtype=np.int64)
        renumber[np.argsort(first_seen, kind="stable")] = np.arange(len(leaders))
        place[located] = renumber[numbered]
        leaders = leaders[np.argsort(first_seen, kind="stable")]
        place_lat = [float(v) for v in pos_lat[leaders]]
        place_lon = [float(v) for v in pos_lon[leaders]]
        place_names = _most_common_names(place[located], names[located], len(leaders))
        for p, name in enumerate(place_names):
            by_name.setdefault(name_key(name), p)
        pairs = pd.DataFrame({"place": place[located], "name": names[located]}).drop_duplicates()
        for p, name in zip(pairs["place"], pairs["name"], strict=True):  # every name a place's events give
            if name:
                by_name.setdefault(name_key(name), int(p))
    unplaced = np.flatnonzero((place < 0) & (names != ""))
    if len(unplaced):
        codes, uniques = pd.factorize(pd.Series(names[unplaced]))
        target = np.empty(len(uniques), dtype=np.int64)
        for i, name in enumerate(uniques):
            key = name_key(name)
            if key not in by_name:
                by_name[key] = len(place_names)
                place_names.append(str(name))
                place_lat.append(math.nan)
                place_lon.append(math.nan)
            target[i] = by_name[key]
        place[unplaced] = target[codes]
    return Places(place, tuple(place_names), np.array(place_lat, dtype=float), np.array(place_lon, dtype=float))


def _most_common_names(place: np.ndarray, names: np.ndarray, n_places: int) -> list[str]:
    """Each place's most frequent non-empty name (ties: the one seen first); 'Unnamed place' if none."""
    frame = pd.DataFrame({"place": place, "name": names, "order": np.arange(len(place))})
    frame = frame[frame["name"] != ""]
    counted = frame.groupby(["place", "name"], sort=False).agg(count=("order", "size"), first=("order", "min"))
    counted = counted.reset_index().sort_values(["place", "count", "first"], ascending=[True, False, True])
    best = counted.drop_duplicates("place").set_index("place")["name"]
    return [str(best.get(p, "Unnamed place")) for p in range(n_places)]


def nearest_place(places: Places, lat: float, lon: float, within_km: float = MERGE_KM) -> int:
    """The place whose marker is at (or nearest to, within ``within_km``) this position; -1 if none."""
    on_map = np.flatnonzero(places.on_map())
    if not len(on_map):
        return -1
    exact = on_map[
        _quantised(places.lat[on_map], places.lon[on_map]) == _quantised(np.array([lat]), np.array([lon]))[0]
    ]
    if len(exact):
        return int(exact[0])
    km = [distance_km(lat, lon, float(places.lat[p]), float(places.lon[p])) for p in on_map]
    best = int(np.argmin(km))
    return int(on_map[best]) if km[best] <= within_km else -1
