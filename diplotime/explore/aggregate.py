"""Counting events: per period, per swimlane, per place, top actors and places, headline numbers.

Everything works on an :class:`~diplotime.explore.index.EventIndex` and a boolean mask with numpy, so the
cost grows with the number of events but what goes to the browser does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from diplotime import names, schema
from diplotime.explore.index import EventIndex, Exploded

# Periods from fine to coarse, with their length in days (roughly) for choosing one.
PERIODS: tuple[tuple[str, float], ...] = (
    ("day", 1),
    ("week", 7),
    ("month", 30.44),
    ("quarter", 91.3),
    ("year", 365.25),
    ("5 years", 1826),
    ("decade", 3652.5),
    ("25 years", 9131),
)
NO_LANE = "(none)"


def choose_period(first: np.datetime64, last: np.datetime64, max_bins: int) -> str:
    """The finest period giving at most ``max_bins`` bins over [first, last]."""
    span = float((last - first) / np.timedelta64(1, "D")) + 1
    for name, days in PERIODS:
        if span / days <= max_bins:
            return name
    return PERIODS[-1][0]


def period_floor(days: np.ndarray, period: str) -> np.ndarray:
    """First day of the period each day falls in (datetime64[D] in and out)."""
    days = days.astype("datetime64[D]")
    if period == "day":
        return days
    if period == "week":  # weeks start on Monday; 1970-01-01 was a Thursday
        n = days.astype(np.int64)
        return (n - (n + 3) % 7).astype("datetime64[D]")
    if period in ("month", "quarter"):
        months = days.astype("datetime64[M]").astype(np.int64)
        if period == "quarter":
            months -= months % 3
        return months.astype("datetime64[M]").astype("datetime64[D]")
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    step = {"year": 1, "5 years": 5, "decade": 10, "25 years": 25}[period]
    return (years - years % step - 1970).astype("datetime64[Y]").astype("datetime64[D]")


_YEARS = {"year": 1, "5 years": 5, "decade": 10, "25 years": 25}


def period_ordinal(days: np.ndarray, period: str) -> np.ndarray:
    """Consecutive integers numbering the periods days fall in (no sorting, so fast for millions)."""
    days = days.astype("datetime64[D]")
    if period == "day":
        return days.astype(np.int64)
    if period == "week":
        return (days.astype(np.int64) + 3) // 7  # Monday-based weeks
    if period in ("month", "quarter"):
        months = days.astype("datetime64[M]").astype(np.int64)
        return months if period == "month" else months // 3
    return (days.astype("datetime64[Y]").astype(np.int64) + 1970) // _YEARS[period]


def ordinal_start(ordinals: np.ndarray, period: str) -> np.ndarray:
    """First day of each numbered period (inverse of :func:`period_ordinal`)."""
    ordinals = np.asarray(ordinals, dtype=np.int64)
    if period == "day":
        return ordinals.astype("datetime64[D]")
    if period == "week":
        return (ordinals * 7 - 3).astype("datetime64[D]")
    if period in ("month", "quarter"):
        months = ordinals if period == "month" else ordinals * 3
        return months.astype("datetime64[M]").astype("datetime64[D]")
    return (ordinals * _YEARS[period] - 1970).astype("datetime64[Y]").astype("datetime64[D]")


def period_next(starts: np.ndarray, period: str) -> np.ndarray:
    """First day of the following period."""
    starts = starts.astype("datetime64[D]")
    if period == "day":
        return starts + 1
    if period == "week":
        return starts + 7
    if period in ("month", "quarter"):
        months = starts.astype("datetime64[M]") + (3 if period == "quarter" else 1)
        return months.astype("datetime64[D]")
    step = {"year": 1, "5 years": 5, "decade": 10, "25 years": 25}[period]
    return (starts.astype("datetime64[Y]") + step).astype("datetime64[D]")


def period_phrase(period: str) -> str:
    """How a period reads in a sentence: 'year', '5-year period'."""
    return {"5 years": "5-year period", "25 years": "25-year period"}.get(period, period)


def period_label(start: np.datetime64, period: str) -> str:
    """'Aug 1945', '1945', '1940s', 'Q3 1945', 'week of 14 Jan 2019', '1945–1949'."""
    iso = str(np.asarray(start).astype("datetime64[D]"))
    year, month = int(iso[:4]), int(iso[5:7])
    if period == "day":
        return names.date_label(iso)
    if period == "week":
        return "week of " + names.date_label(iso)
    if period == "month":
        return names.date_label(iso[:7])
    if period == "quarter":
        return f"Q{(month - 1) // 3 + 1} {year}"
    if period == "year":
        return str(year)
    if period == "decade":
        return f"{year}s"
    step = {"5 years": 5, "25 years": 25}[period]
    return f"{year}–{year + step - 1}"


# ---------------------------------------------------------------- per period and type


def _period_index(days: np.ndarray, period: str) -> tuple[np.ndarray, np.ndarray]:
    """Each day's period as a position 0..k-1, and the first day of each of the k periods."""
    if len(days) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype="datetime64[D]")
    ordinals = period_ordinal(days, period)
    first = int(ordinals.min())
    where = ordinals - first
    return where, ordinal_start(np.arange(first, first + int(where.max()) + 1), period)


def counts_by_period(index: EventIndex, mask: np.ndarray, period: str) -> pd.DataFrame:
    """Events per period and type (by start day): columns period_start, period_end, label, event_type, count."""
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        return pd.DataFrame(columns=["period_start", "period_end", "label", "event_type", "count"])
    where, periods = _period_index(index.start[rows], period)
    n_types = len(index.types)
    grid = np.bincount(where * n_types + index.type_codes[rows], minlength=len(periods) * n_types)
    p, t = np.divmod(np.flatnonzero(grid), n_types)
    starts = periods[p]
    labels = {s: period_label(s, period) for s in np.unique(starts)}
    return pd.DataFrame(
        {
            "period_start": starts,
            "period_end": period_next(starts, period) - 1,
            "label": [labels[s] for s in starts],
            "event_type": [index.types[c] for c in t],
            "count": grid[grid > 0],
        }
    )


# ---------------------------------------------------------------- swimlanes


@dataclass(frozen=True)
class Lanes:
    """Swimlanes for a grouping: keys top to bottom, display labels, and (row, lane) pairs."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    rows: np.ndarray  # event row for each placement
    lanes: np.ndarray  # lane number for each placement (an event with two countries has two)
    hidden: int  # how many values were folded into the last "other" lane


def lane_label(group_by: str, key: str) -> str:
    if group_by == "type":
        return names.type_label(key)
    if group_by == "country":
        return names.country_name(key) if key != NO_LANE else "No country"
    return key if key != NO_LANE else "No actor"


def assign_lanes(index: EventIndex, mask: np.ndarray, group_by: str, max_lanes: int = 20) -> Lanes:
    """Place each selected event in the lane(s) of its type, countries or actors.

    Types keep the vocabulary order; countries and actors are ordered by how many events they have,
    and beyond ``max_lanes`` the rest share one "Other" lane.
    """
    selected = np.flatnonzero(mask)
    if group_by == "type":
        present = np.bincount(index.type_codes[selected], minlength=len(index.types)) > 0
        order = [t for t in schema.EVENT_TYPES if t in index.types] + sorted(set(index.types) - set(schema.EVENT_TYPES))
        keys = [t for t in order if present[index.types.index(t)]]
        lane_of = np.full(len(index.types), -1, dtype=np.int32)
        for lane, key in enumerate(keys):
            lane_of[index.types.index(key)] = lane
        return Lanes(
            tuple(keys), tuple(lane_label("type", k) for k in keys), selected, lane_of[index.type_codes[selected]], 0
        )
    exploded: Exploded = index.countries if group_by == "country" else index.actors
    keep = mask[exploded.rows]
    rows, codes = exploded.rows[keep], exploded.codes[keep]
    has_value = np.zeros(len(index), dtype=bool)
    has_value[rows] = True
    missing = selected[~has_value[selected]]
    counts = np.bincount(codes, minlength=len(exploded.values))
    ranked = [int(c) for c in np.argsort(-counts, kind="stable") if counts[c] > 0]
    hidden = 0
    if len(ranked) > max_lanes:
        hidden = len(ranked) - (max_lanes - 1)
        ranked = ranked[: max_lanes - 1]
    lane_of_code = np.full(len(exploded.values), len(ranked), dtype=np.int32)  # default: the "other" lane
    for lane, code in enumerate(ranked):
        lane_of_code[code] = lane
    keys = [exploded.values[c] for c in ranked]
    labels = [lane_label(group_by, k) for k in keys]
    lanes = lane_of_code[codes]
    if hidden:
        keys.append("__other__")
        labels.append(f"Other {'countries' if group_by == 'country' else 'actors'} ({hidden})")
    all_rows = np.concatenate([rows, missing]).astype(np.int64)
    all_lanes = np.concatenate([lanes, np.full(len(missing), len(keys), dtype=np.int32)])
    if len(missing):
        keys.append(NO_LANE)
        labels.append(lane_label(group_by, NO_LANE))
    return Lanes(tuple(keys), tuple(labels), all_rows, all_lanes.astype(np.int32), hidden)


def lane_cells(index: EventIndex, lanes: Lanes, period: str) -> pd.DataFrame:
    """Counts per lane and period, with the most frequent type and a per-type breakdown for hovers."""
    columns = ["lane", "period_start", "period_end", "label", "count", "top_type", "breakdown"]
    if len(lanes.rows) == 0:
        return pd.DataFrame(columns=columns)
    where, periods = _period_index(index.start[lanes.rows], period)
    n_types, n_periods = len(index.types), len(periods)
    key = (lanes.lanes.astype(np.int64) * n_periods + where) * n_types + index.type_codes[lanes.rows]
    cube = np.bincount(key, minlength=len(lanes.keys) * n_periods * n_types).reshape(-1, n_types)
    total = cube.sum(axis=1)
    cells = np.flatnonzero(total)
    lane, p = np.divmod(cells, n_periods)
    per_type = cube[cells]
    starts = periods[p]
    labels = {s: period_label(s, period) for s in np.unique(starts)}
    type_labels = [names.type_label(t).lower() for t in index.types]
    breakdown = []
    for counts in per_type:
        order = np.argsort(-counts, kind="stable")
        breakdown.append(", ".join(f"{counts[t]:,} {type_labels[t]}" for t in order if counts[t]))
    return pd.DataFrame(
        {
            "lane": lane.astype(np.int32),
            "period_start": starts,
            "period_end": period_next(starts, period) - 1,
            "label": [labels[s] for s in starts],
            "count": total[cells],
            "top_type": [index.types[t] for t in per_type.argmax(axis=1)],
            "breakdown": breakdown,
        }
    )[columns]


# ---------------------------------------------------------------- headline numbers and top lists


def top_values(index: EventIndex, mask: np.ndarray, kind: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent actors, countries or places among the selected events.

    For places, ``value`` is the place's map link ('55.756,37.617', or '' when it has no position) and
    ``label`` its name; places are counted as the map counts them (:mod:`diplotime.explore.places`).
    """
    if kind == "place":
        places = index.places
        codes = places.place[mask]
        counts = np.bincount(codes[codes >= 0], minlength=len(places))
        order = [int(i) for i in np.argsort(-counts, kind="stable")[:n] if counts[i] > 0]
        return pd.DataFrame(
            {
                "value": [index.place_key(i) for i in order],
                "label": [places.names[i] for i in order],
                "count": counts[order].astype(np.int64),
            }
        )
    exploded = index.countries if kind == "country" else index.actors
    counts = np.bincount(exploded.codes[mask[exploded.rows]], minlength=len(exploded.values))
    values = list(exploded.values)
    order = [int(i) for i in np.argsort(-counts, kind="stable")[:n] if counts[i] > 0]
    picked = [values[i] for i in order]
    labels = [names.country_name(v) for v in picked] if kind == "country" else picked
    return pd.DataFrame({"value": picked, "label": labels, "count": counts[order].astype(np.int64)})


@dataclass(frozen=True)
class Headline:
    events: int
    total: int
    first: str  # date label of the earliest selected event
    last: str
    countries: int
    actors: int
    places: int
    with_web_source: int

    @property
    def first_year(self) -> str:
        return self.first.rsplit(" ", 1)[-1]

    @property
    def last_year(self) -> str:
        return self.last.rsplit(" ", 1)[-1]


def headline(index: EventIndex, mask: np.ndarray) -> Headline:
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        return Headline(0, len(index), "–", "–", 0, 0, 0, 0)
    events = index.events
    first_row = rows[np.argmin(index.start[rows])]
    last_row = rows[np.argmax(index.end[rows])]
    codes = index.places.place[rows]
    return Headline(
        events=len(rows),
        total=len(index),
        first=names.date_label(str(events["date"].iat[first_row])),
        last=names.date_label(str(events["date"].iat[last_row]), str(events["end_date"].iat[last_row] or "")),
        countries=int(np.count_nonzero(np.bincount(index.countries.codes[mask[index.countries.rows]], minlength=1))),
        actors=int(np.count_nonzero(np.bincount(index.actors.codes[mask[index.actors.rows]], minlength=1))),
        places=int(np.count_nonzero(np.bincount(codes[codes >= 0], minlength=1))),
        with_web_source=int(index.web_source[rows].sum()),
    )


def latest(index: EventIndex, mask: np.ndarray, n: int = 8) -> pd.DataFrame:
    """The ``n`` most recent selected events (by start), newest first."""
    rows = np.flatnonzero(mask)
    if len(rows) > 4 * n:
        cut = np.partition(index.start[rows], len(rows) - n)[len(rows) - n]
        rows = rows[index.start[rows] >= cut]
    order = rows[np.lexsort((rows, index.start[rows]))[::-1][:n]]
    return index.events.iloc[order]
