"""Events per place, type and period for the map, computed with numpy so a million events take well
under a second, and the table the browser gets stays small (places are binned when there are many).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplotime import names
from diplotime.explore.geo import GRIDS
from diplotime.explore.index import EventIndex
from diplotime.explore.link import place_key
from diplotime.explore.places import nearest_place
from diplotime.text import plotly_text

COLUMNS = ["place", "place_lat", "place_lon", "name", "event_type", "period", "count"]


@dataclass(frozen=True)
class PlaceTable:
    counts: pd.DataFrame  # COLUMNS: one row per place, type and period
    grid: float  # 0 = exact places, else the cell size in degrees
    step: str  # 'year' or 'month' (what a period number means)
    bin_years: int  # periods of several years when there would be too many steps
    labels: dict[int, str]  # period number -> slider label
    without_coordinates: int


def _quantised(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return (np.round(lat * 1000).astype(np.int64) + 100_000) * 1_000_000 + (
        np.round(lon * 1000).astype(np.int64) + 200_000
    )


def _cell_keys(lat: np.ndarray, lon: np.ndarray, grid: float) -> np.ndarray:
    if grid == 0:
        return _quantised(lat, lon)
    return (np.floor(lat / grid).astype(np.int64) + 100_000) * 1_000_000 + (
        np.floor(lon / grid).astype(np.int64) + 200_000
    )


def periods_of(days: np.ndarray, step: str) -> np.ndarray:
    """Period numbers: the year (1945) or months since January 1970."""
    if step == "month":
        return days.astype("datetime64[M]").astype(np.int64)
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def period_label(period: int, step: str, bin_years: int = 1) -> str:
    if step == "month":
        return names.date_label(str(np.datetime64(int(period), "M")))
    return str(period) if bin_years == 1 else f"{period}–{period + bin_years - 1}"


def place_table(index: EventIndex, mask: np.ndarray, step: str, max_places: int, max_periods: int) -> PlaceTable:
    """Count the selected events that are on the map per place, type and period.

    Places are those of :mod:`diplotime.explore.places` (the Kremlin is Moscow) unless there are more than
    ``max_places``; then nearby places share a grid cell. Months become years, and years become 5-, 10-
    or 25-year periods, when there would be more than ``max_periods`` periods.
    """
    selected = np.flatnonzero(mask)
    places = index.places
    of_row = places.place[selected]
    has = of_row >= 0
    has[has] = places.on_map()[of_row[has]]
    rows, of_row = selected[has], of_row[has]
    used, place_of_row = np.unique(of_row, return_inverse=True)
    place_of_row = place_of_row.reshape(-1)
    used_lat, used_lon = places.lat[used], places.lon[used]
    grid = GRIDS[0] if len(used) <= max_places else GRIDS[-1]
    if grid != 0:
        for candidate in GRIDS[1:]:
            if len(np.unique(_cell_keys(used_lat, used_lon, candidate))) <= max_places:
                grid = candidate
                break
    if grid == 0:
        n_cells = len(used)
        place = place_of_row
        place_lat, place_lon = used_lat, used_lon
        place_names = [plotly_text(places.names[p]) for p in used]
    else:
        cells, cell_of_place = np.unique(_cell_keys(used_lat, used_lon, grid), return_inverse=True)
        cell_of_place = cell_of_place.reshape(-1)
        n_cells = len(cells)
        place = cell_of_place[place_of_row]
        place_lat = ((cells // 1_000_000 - 100_000) + 0.5) * grid
        place_lon = ((cells % 1_000_000 - 200_000) + 0.5) * grid
        place_names = _cell_names(places.names, used, cell_of_place, place_of_row, n_cells)

    periods = periods_of(index.start[rows], step)
    if step == "month" and len(np.unique(periods)) > max_periods:
        step, periods = "year", periods_of(index.start[rows], "year")
    bin_years = 1
    while step == "year" and len(np.unique(periods - periods % bin_years)) > max_periods and bin_years < 100:
        bin_years = {1: 5, 5: 10, 10: 25}.get(bin_years, bin_years * 2)
    if bin_years > 1:
        periods = periods - periods % bin_years
    period_values, period_of_row = np.unique(periods, return_inverse=True)

    n_types, n_periods = len(index.types), len(period_values)
    key = (place.astype(np.int64) * n_types + index.type_codes[rows]) * n_periods + period_of_row.reshape(-1)
    keys, counts = np.unique(key, return_counts=True)
    place_type, period_idx = np.divmod(keys, n_periods)
    place_idx, type_idx = np.divmod(place_type, n_types)
    place_keys = [place_key(a, b) for a, b in zip(place_lat, place_lon, strict=True)]
    assert len(place_keys) == n_cells
    frame = pd.DataFrame(
        {
            "place": np.asarray(place_keys, dtype=object)[place_idx] if len(keys) else np.array([], dtype=object),
            "place_lat": np.asarray(place_lat, dtype=float)[place_idx].round(4),
            "place_lon": np.asarray(place_lon, dtype=float)[place_idx].round(4),
            "name": np.asarray(place_names, dtype=object)[place_idx] if len(keys) else np.array([], dtype=object),
            "event_type": np.asarray(index.types, dtype=object)[type_idx] if len(keys) else np.array([], dtype=object),
            "period": period_values[period_idx],
            "count": counts,
        }
    )[COLUMNS]
    labels = {int(p): period_label(int(p), step, bin_years) for p in period_values}
    return PlaceTable(frame, grid, step, bin_years, labels, int(len(selected) - len(rows)))


def _cell_names(
    names: tuple[str, ...], used: np.ndarray, cell_of_place: np.ndarray, place_of_row: np.ndarray, n_cells: int
) -> list[str]:
    """Each grid cell's busiest place, plus 'and N other places' when it holds more than one (for Plotly)."""
    events_per_place = np.bincount(place_of_row, minlength=len(used))
    order = np.lexsort((-events_per_place, cell_of_place))  # by cell, busiest place first
    first = np.searchsorted(cell_of_place[order], np.arange(n_cells))
    members = np.bincount(cell_of_place, minlength=n_cells)
    out = []
    for cell in range(n_cells):
        name = names[used[order[first[cell]]]]
        extra = int(members[cell]) - 1
        if extra > 0:
            name = f"{name} and {extra} other place{'s' if extra > 1 else ''}"
        out.append(plotly_text(name))
    return out


def events_at(index: EventIndex, mask: np.ndarray, lat: float, lon: float, grid: float) -> np.ndarray:
    """Rows of the selected events at a place (the place at that position, or the grid cell holding it)."""
    places = index.places
    if grid == 0:
        found = nearest_place(places, lat, lon)
        return np.flatnonzero(mask & (places.place == found)) if found >= 0 else np.array([], dtype=np.int64)
    on_map = places.place >= 0
    on_map[on_map] = places.on_map()[places.place[on_map]]
    rows = np.flatnonzero(mask & on_map)
    at = places.place[rows]
    hit = _cell_keys(places.lat[at], places.lon[at], grid) == _cell_keys(np.array([lat]), np.array([lon]), grid)[0]
    return rows[hit]


def frame_markers(counts: pd.DataFrame, play: str, window: int, merge_types: bool) -> int:
    """How many markers the animation frames would hold in all (cumulative frames repeat places)."""
    if counts.empty:
        return 0
    keys = ["place"] if merge_types else ["place", "event_type"]
    periods = np.sort(counts["period"].unique())
    if play == "cumulative":
        first_seen = np.sort(counts.groupby(keys)["period"].min().to_numpy())
        return int(np.searchsorted(first_seen, periods, side="right").sum())
    per_period = counts.drop_duplicates(keys + ["period"]).shape[0]
    return int(per_period * max(1, min(window, len(periods))))
