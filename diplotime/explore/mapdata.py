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
    """Count the selected events that have coordinates per place, type and period.

    Places are exact (to 0.001°) unless there are more than ``max_places``; then nearby positions
    share a grid cell. Months become years, and years become 5-, 10- or 25-year periods, when
    there would be more than ``max_periods`` periods.
    """
    selected = np.flatnonzero(mask)
    has = ~(np.isnan(index.lat[selected]) | np.isnan(index.lon[selected]))
    rows = selected[has]
    lat, lon = index.lat[rows], index.lon[rows]
    positions, position_of_row = np.unique(_quantised(lat, lon), return_inverse=True)
    pos_lat = (positions // 1_000_000 - 100_000) / 1000
    pos_lon = (positions % 1_000_000 - 200_000) / 1000
    grid = GRIDS[-1]
    for candidate in GRIDS:
        if len(np.unique(_cell_keys(pos_lat, pos_lon, candidate))) <= max_places:
            grid = candidate
            break
    cells, place_of_position = np.unique(_cell_keys(pos_lat, pos_lon, grid), return_inverse=True)
    place = place_of_position.reshape(-1)[position_of_row.reshape(-1)]
    if grid == 0:
        place_lat = np.zeros(len(cells))
        place_lon = np.zeros(len(cells))
        place_lat[place_of_position] = pos_lat
        place_lon[place_of_position] = pos_lon
    else:
        place_lat = ((cells // 1_000_000 - 100_000) + 0.5) * grid
        place_lon = ((cells % 1_000_000 - 200_000) + 0.5) * grid

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
    place_names = _place_names(index, rows, place, len(cells), grid)
    place_keys = [place_key(a, b) for a, b in zip(place_lat, place_lon, strict=True)]
    frame = pd.DataFrame(
        {
            "place": np.asarray(place_keys, dtype=object)[place_idx] if len(keys) else np.array([], dtype=object),
            "place_lat": place_lat[place_idx].round(4),
            "place_lon": place_lon[place_idx].round(4),
            "name": np.asarray(place_names, dtype=object)[place_idx] if len(keys) else np.array([], dtype=object),
            "event_type": np.asarray(index.types, dtype=object)[type_idx] if len(keys) else np.array([], dtype=object),
            "period": period_values[period_idx],
            "count": counts,
        }
    )[COLUMNS]
    labels = {int(p): period_label(int(p), step, bin_years) for p in period_values}
    return PlaceTable(frame, grid, step, bin_years, labels, int(len(selected) - len(rows)))


def _place_names(index: EventIndex, rows: np.ndarray, place: np.ndarray, n_places: int, grid: float) -> list[str]:
    """Each place's most frequent location name (plus 'and N other places' for a grid cell), for Plotly."""
    codes = index.location_codes[rows].astype(np.int64) + 1  # 0 = no name
    n_codes = len(index.locations) + 1
    pairs, counts = np.unique(place.astype(np.int64) * n_codes + codes, return_counts=True)
    pair_place, pair_code = np.divmod(pairs, n_codes)
    named = pair_code > 0
    order = np.lexsort((-counts, pair_place))
    best: dict[int, int] = {}
    others = np.bincount(pair_place[named], minlength=n_places)
    for i in order:
        p = int(pair_place[i])
        if p not in best and pair_code[i] > 0:
            best[p] = int(pair_code[i]) - 1
    out = []
    for p in range(n_places):
        if p not in best:
            out.append("Unnamed place")
            continue
        name = index.locations[best[p]]
        extra = int(others[p]) - 1
        if grid and extra > 0:
            name = f"{name} and {extra} other place{'s' if extra > 1 else ''}"
        out.append(plotly_text(name))
    return out


def events_at(index: EventIndex, mask: np.ndarray, lat: float, lon: float, grid: float) -> np.ndarray:
    """Rows of the selected events at a place (exact position, or the grid cell holding it)."""
    rows = np.flatnonzero(mask & ~(np.isnan(index.lat) | np.isnan(index.lon)))
    if grid == 0:
        hit = _quantised(index.lat[rows], index.lon[rows]) == _quantised(np.array([lat]), np.array([lon]))[0]
    else:
        hit = (
            _cell_keys(index.lat[rows], index.lon[rows], grid) == _cell_keys(np.array([lat]), np.array([lon]), grid)[0]
        )
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
