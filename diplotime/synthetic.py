"""Seeded synthetic events at any scale, for benchmarks and scale tests (never shown as real data).

``synthetic_events(1_000_000, seed=7)`` returns the same frame every time, with the columns
:func:`diplotime.store.read_events` gives, so the explore code runs on it unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplotime import schema
from diplotime.schema import STORE_COLUMNS

COUNTRIES = ("RUS", "JPN", "USA", "CHN", "KOR", "GBR", "FRA", "DEU", "IND", "UKR", "TUR", "BRA", "AUS", "CAN", "MNG")
TYPE_WEIGHTS = {
    "statement": 22,
    "ministerial_talks": 12,
    "summit": 8,
    "visit": 10,
    "press_conference": 10,
    "treaty": 3,
    "legislation": 5,
    "protest": 9,
    "military": 8,
    "poll": 4,
    "incident": 5,
    "other": 4,
}


def synthetic_events(
    n: int, seed: int = 7, first_year: int = 1850, last_year: int = 2025, places: int = 300, actors: int = 500
) -> pd.DataFrame:
    """``n`` events spread over ``first_year``..``last_year`` with a realistic mix of precisions,
    end dates, types, 1-3 countries and actors each, at ``places`` distinct places."""
    rng = np.random.default_rng(seed)
    first = np.datetime64(f"{first_year}-01-01").astype(np.int64)
    last = np.datetime64(f"{last_year}-12-31").astype(np.int64)
    # More events in recent decades, as in real event data.
    days = (first + (last - first) * np.sqrt(rng.random(n))).astype("datetime64[D]")
    precision = rng.choice(np.array(["day", "month", "year"]), size=n, p=[0.9, 0.07, 0.03])
    iso = pd.Series(days.astype(str))
    date = np.where(precision == "day", iso, np.where(precision == "month", iso.str[:7], iso.str[:4]))
    month_start = days.astype("datetime64[M]").astype("datetime64[D]")
    year_start = days.astype("datetime64[Y]").astype("datetime64[D]")
    start = np.where(precision == "day", days, np.where(precision == "month", month_start, year_start))
    span_end = np.where(
        precision == "day",
        days,
        np.where(
            precision == "month",
            (days.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1,
            (days.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1,
        ),
    )
    has_end = (precision == "day") & (rng.random(n) < 0.06)
    end_day = days + rng.integers(1, 30, size=n)
    end_date = np.where(has_end, end_day.astype(str), "")
    date_end = np.where(has_end, end_day, span_end)

    type_names = np.array(list(TYPE_WEIGHTS))
    weights = np.array(list(TYPE_WEIGHTS.values()), dtype=float)
    event_type = rng.choice(type_names, size=n, p=weights / weights.sum())
    country_list = _lists(rng, np.array(COUNTRIES), n, 3)
    actor_pool = np.array([f"Actor {i:03d}" for i in range(actors)])
    actor_list = _lists(rng, actor_pool, n, 3)
    place_lat = rng.uniform(-45, 65, size=places).round(4)
    place_lon = rng.uniform(-170, 175, size=places).round(4)
    place = rng.integers(0, places, size=n)
    number = pd.Series(np.arange(n)).map("{:07d}".format).to_numpy()
    type_series = pd.Series(event_type).str.replace("_", " ", regex=False)
    title = (type_series + " no. " + number + " in " + "Place " + pd.Series(place).astype(str)).to_numpy()
    frame = pd.DataFrame(
        {
            "id": "syn-" + number,
            "date": date,
            "end_date": end_date,
            "date_precision": precision,
            "title": title,
            "event_type": event_type,
            "actors": actor_list,
            "countries": country_list,
            "location": "Place " + pd.Series(place).astype(str),
            "lat": place_lat[place],
            "lon": place_lon[place],
            "description": "Generated event " + number + " for scale tests.",
            "source": "https://example.org/synthetic/" + number,
            "tags": "synthetic",
            "dataset": "synthetic",
            "date_start": start.astype(str),
            "date_end": date_end.astype("datetime64[D]").astype(str),
            "coords_approximate": False,
            "extra": "",
            "source_row": np.arange(2, n + 2),
        }
    )
    for column in (*schema.COLUMN_NAMES, *STORE_COLUMNS):  # columns added later (aliases, related) start empty
        if column not in frame.columns:
            frame[column] = ""
    assert set(schema.COLUMN_NAMES) <= set(frame.columns)
    return frame.sort_values(["date_start", "id"], ignore_index=True)


def _lists(rng: np.random.Generator, pool: np.ndarray, n: int, most: int) -> np.ndarray:
    """';'-joined lists of 1..``most`` distinct-ish items drawn from ``pool``."""
    count = rng.integers(1, most + 1, size=n)
    picks = rng.integers(0, len(pool), size=(n, most))
    joined = pd.Series(pool[picks[:, 0]])
    for k in range(1, most):
        extra = pd.Series(pool[picks[:, k]])
        use = (count > k) & (picks[:, k] != picks[:, 0])
        joined = joined.where(~use, joined + ";" + extra)
    return joined.to_numpy()
