"""Ingest benchmark: our validate and import against pyarrow reading the same file, in one run.

    python bench/import.py [--rows 1000000]

Prints seconds and the ratios b/a (validate / pyarrow read) and c/a (import into a fresh SQLite
store / pyarrow read). Goals (issue 2): b/a <= 4, c/a <= 12. Timings are medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diplotime import schema, store  # noqa: E402
from diplotime.pipeline import check_file  # noqa: E402

PLACES = [("Moscow", 55.7558, 37.6173), ("Tokyo", 35.6762, 139.6503), ("Kunashir", 44.0, 145.8),
          ("Shimoda", 34.6796, 138.9453), ("Singapore", 1.3521, 103.8198), ("Nagato", 34.3709, 131.1821)]
COUNTRIES = ["JPN", "RUS", "USA", "CHN", "KOR", "SGP", "GBR", "FRA", "DEU", "IND"]


def generate(rows: int, seed: int = 7) -> pd.DataFrame:
    """A seeded canonical table: mixed precisions, ~500 actors, 10 countries, 6 places."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 170 * 365, rows)
    dates = pd.to_datetime("1855-01-01") + pd.to_timedelta(days, unit="D")
    iso = dates.strftime("%Y-%m-%d").to_numpy(dtype=object)
    precision = rng.choice([0, 1, 2], rows, p=[0.8, 0.1, 0.1])
    iso = np.where(precision == 1, [d[:7] for d in iso], iso)
    iso = np.where(precision == 2, [d[:4] for d in iso], iso)
    place = rng.integers(0, len(PLACES), rows)
    actors = np.array([f"Actor {i}" for i in range(500)], dtype=object)
    a1, a2 = rng.integers(0, 500, rows), rng.integers(0, 500, rows)
    c1, c2 = rng.integers(0, len(COUNTRIES), rows), rng.integers(0, len(COUNTRIES), rows)
    types = np.array(list(schema.EVENT_TYPES), dtype=object)
    return pd.DataFrame({
        "id": [f"gen-{i}" for i in range(rows)],
        "date": iso,
        "title": [f"Generated event {i}" for i in range(rows)],
        "event_type": types[rng.integers(0, len(types), rows)],
        "actors": actors[a1] + ";" + actors[a2],
        "countries": np.array(COUNTRIES, dtype=object)[c1] + ";" + np.array(COUNTRIES, dtype=object)[c2],
        "location": [PLACES[p][0] for p in place],
        "lat": [PLACES[p][1] for p in place],
        "lon": [PLACES[p][2] for p in place],
        "description": "",
        "source": "https://example.org/source",
        "dataset": "bench",
    })


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = generate(args.rows).to_csv(index=False).encode()
    print(f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB canonical UTF-8 CSV")

    a = timed(lambda: pacsv.read_csv(io.BytesIO(data)), args.repeat)
    result = check_file(data, "bench.csv")
    assert not result.problems, result.problems[:3]
    b = timed(lambda: check_file(data, "bench.csv"), args.repeat)

    def import_fresh() -> None:
        with tempfile.TemporaryDirectory() as folder:
            engine = store.connect(f"sqlite:///{folder}/bench.sqlite")
            outcome = store.import_events(engine, check_file(data, "bench.csv"), file_name="bench.csv",
                                          data_hash=store.file_hash(data))
            assert outcome.added == args.rows
            engine.dispose()

    c = timed(import_fresh, max(1, args.repeat // 3))
    print(f"(a) pyarrow.csv.read_csv      {a:8.3f} s")
    print(f"(b) diplotime validate        {b:8.3f} s   b/a = {b / a:6.1f}   (goal <= 4)")
    print(f"(c) diplotime import (SQLite) {c:8.3f} s   c/a = {c / a:6.1f}   (goal <= 12)")


if __name__ == "__main__":
    main()
