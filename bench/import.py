"""Ingest benchmark: our validate and import against pyarrow reading the same file, in one run.

    python bench/import.py [--rows 1000000]

Prints seconds and the ratios b/a (validate / pyarrow read), c/a (import into a fresh SQLite store /
pyarrow read) and f/c: sqlite-utils loading the same CSV into SQLite (no validation) / our import, goal
>= 5 (issue 17; it replaces the c/a <= 12 goal, which the SQLite write itself puts out of reach).
Goal b/a <= 4. Timings are medians of --repeat runs.

Then the same events as a Russian Excel user saves them (issue 3): cp1251, `;`-separated, CRLF,
`dd.mm.yyyy` dates, decimal commas, Russian headers and event types; prints (d) pyarrow reading those
bytes (told the encoding and delimiter), (e) our validate, which has to detect both, and e/d (goal <= 6).
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

PLACES = [
    ("Moscow", 55.7558, 37.6173),
    ("Tokyo", 35.6762, 139.6503),
    ("Kunashir", 44.0, 145.8),
    ("Shimoda", 34.6796, 138.9453),
    ("Singapore", 1.3521, 103.8198),
    ("Nagato", 34.3709, 131.1821),
]
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
    return pd.DataFrame(
        {
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
        }
    )


RUSSIAN_HEADERS = {
    "id": "Ид",
    "date": "Дата",
    "title": "Заголовок",
    "event_type": "Тип",
    "actors": "Участники",
    "countries": "Страны",
    "location": "Место",
    "lat": "Широта",
    "lon": "Долгота",
    "description": "Описание",
    "source": "Источник",
    "dataset": "Набор данных",
}
RUSSIAN_PLACES = {
    "Moscow": "Москва",
    "Tokyo": "Токио",
    "Kunashir": "Кунашир",
    "Shimoda": "Симода",
    "Singapore": "Сингапур",
    "Nagato": "Нагато",
}
RUSSIAN_TYPES = {
    "summit": "саммит",
    "ministerial_talks": "переговоры",
    "visit": "визит",
    "press_conference": "пресс-конференция",
    "statement": "заявление",
    "treaty": "договор",
    "legislation": "закон",
    "protest": "митинг",
    "military": "учения",
    "poll": "опрос",
    "incident": "инцидент",
    "other": "другое",
}


def russian_excel(frame: pd.DataFrame) -> bytes:
    """The generated events as Excel in Moscow saves them: cp1251, ';', CRLF, dd.mm.yyyy, decimal commas."""
    iso = frame["date"].astype(str)
    day = iso.str.slice(8, 10) + "." + iso.str.slice(5, 7) + "." + iso.str.slice(0, 4)
    month = iso.str.slice(5, 7) + "." + iso.str.slice(0, 4)
    out = frame.assign(
        date=day.where(iso.str.len() == 10, month.where(iso.str.len() == 7, iso)),
        title="Событие " + frame.index.astype(str),
        location=frame["location"].map(RUSSIAN_PLACES),
        event_type=frame["event_type"].map(RUSSIAN_TYPES),
        lat=frame["lat"].astype(str).str.replace(".", ",", regex=False),
        lon=frame["lon"].astype(str).str.replace(".", ",", regex=False),
    ).rename(columns=RUSSIAN_HEADERS)
    return out.to_csv(index=False, sep=";", lineterminator="\r\n").encode("cp1251")


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
            outcome = store.import_events(
                engine, check_file(data, "bench.csv"), file_name="bench.csv", data_hash=store.file_hash(data)
            )
            assert outcome.added == args.rows
            engine.dispose()

    c = timed(import_fresh, max(1, args.repeat // 3))

    def sqlite_utils_insert() -> None:
        """sqlite-utils loading the same CSV into a new SQLite file (its documented CSV path, no checks)."""
        import csv

        import sqlite_utils

        with tempfile.TemporaryDirectory() as folder:
            db = sqlite_utils.Database(f"{folder}/plain.sqlite")
            rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
            db["events"].insert_all(rows, pk="id", batch_size=10_000)
            assert db["events"].count == args.rows
            db.close()

    f = timed(sqlite_utils_insert, 1)
    print(f"(a) pyarrow.csv.read_csv      {a:8.3f} s")
    print(f"(b) diplotime validate        {b:8.3f} s   b/a = {b / a:6.1f}   (goal <= 4)")
    print(f"(c) diplotime import (SQLite) {c:8.3f} s   c/a = {c / a:6.1f}")
    print(
        f"(f) sqlite-utils insert_all   {f:8.3f} s   f/c = {f / c:6.1f}   (goal >= 5: ours validates and is "
        f"{'OK' if f >= 5 * c else 'MISSED'})"
    )

    data = russian_excel(generate(args.rows))
    print(f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB cp1251 ';'-separated CSV with dd.mm.yyyy dates")
    read_options = pacsv.ReadOptions(encoding="cp1251")
    parse_options = pacsv.ParseOptions(delimiter=";")
    d = timed(
        lambda: pacsv.read_csv(io.BytesIO(data), read_options=read_options, parse_options=parse_options), args.repeat
    )
    result = check_file(data, "bench.csv")
    assert not result.problems, result.problems[:3]
    assert (result.facts["encoding"], result.facts["delimiter"], len(result.events)) == ("cp1251", ";", args.rows)
    e = timed(lambda: check_file(data, "bench.csv"), args.repeat)
    print(f"(d) pyarrow.csv.read_csv      {d:8.3f} s   (told cp1251 and ';')")
    print(f"(e) diplotime validate        {e:8.3f} s   e/d = {e / d:6.1f}   (goal <= 6)")


if __name__ == "__main__":
    main()
