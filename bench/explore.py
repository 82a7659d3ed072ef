"""Explore benchmark (issue 4): a million events in the store, in one run.

    python bench/explore.py [--rows 1000000] [--repeat 3] [--no-browser]

(a) a filter change -> the Timeline's figure JSON ready (filter, aggregate, build, serialise), against
(b) building and serialising a plain ``px.scatter`` of the same events: goal a <= b/10; every figure
    JSON <= 2 MB whatever the number of events;
(c) time until the Timeline chart is drawn in headless Chromium with the million events in the store,
    against the bundled dataset: goal <= 1.5x. Both apps are warmed up once (that first load, which
    reads the store, is reported too); then loads alternate between them, each in a fresh context.
Timings are medians of --repeat runs and are noisy on a shared machine; the ratios are what matter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diplotime import pipeline, store  # noqa: E402
from diplotime.explore import index as event_index  # noqa: E402
from diplotime.explore.filters import Filters  # noqa: E402
from diplotime.explore.link import ViewState
from diplotime.figures import charts
from diplotime.store import read_all_events  # noqa: E402
from diplotime.synthetic import synthetic_events  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LIMIT = 2_000_000
# Filter changes a user makes one after another (each timed from the mask to the JSON string).
CHANGES = [
    ("all events, lanes by type", ViewState()),
    ("three types", ViewState(filters=Filters(types=("summit", "treaty", "protest")))),
    ("one country, 1990-2025", ViewState(filters=Filters(countries=("JPN",), date_from=dt.date(1990, 1, 1)))),
    ("lanes by actor", ViewState(group_by="actor")),
    ("lanes by country", ViewState(group_by="country")),
    ("search 'place 12'", ViewState(filters=Filters(text="place 12"))),
    (
        "one month: single events",
        ViewState(filters=Filters(date_from=dt.date(2001, 3, 1), date_to=dt.date(2001, 3, 31), types=("treaty",))),
    ),
]


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fill_store(url: str, frame) -> float:
    engine = store.open_store(url, seed_from=None)
    template = pipeline.check_file(b"date,title\n2000,x\n", "bench.csv")
    start = time.perf_counter()
    store.import_events(
        engine, replace(template, events=frame, problems=[]), file_name="bench.csv", data_hash=f"bench-{len(frame)}"
    )
    engine.dispose()
    return time.perf_counter() - start


def first_load(engine, events, repeat: int) -> None:  # noqa: ANN001
    """(d) The first load after a start (events + index) with the snapshot in place, against (e) pyarrow
    reading the same events as CSV: goal d <= 2e. The snapshot is written by the first load after a change."""
    import io

    import pyarrow.csv as pacsv

    revision = store.store_revision(engine)
    store.load_events(engine, revision)  # a first start after the import: reads the store, keeps the snapshot
    csv = events.to_csv(index=False).encode()
    d, _ = median_time(lambda: event_index.index_events(store.load_events(engine, revision)), repeat)
    e, _ = median_time(lambda: pacsv.read_csv(io.BytesIO(csv)), repeat)
    print(
        f"\n(d) first load after a start, from the snapshot: {d:.2f} s; (e) pyarrow reads the same events as "
        f"CSV ({len(csv) / 1e6:.0f} MB): {e:.2f} s"
    )
    print(f"(d)/(e) = {d / e:.2f}   goal <= 2   {'OK' if d <= 2 * e else 'MISSED'}")


# ---------------------------------------------------------------- (c) the browser


def start_app(url: str) -> tuple[subprocess.Popen, str]:
    sys.path.insert(0, str(ROOT))
    from tests.conftest import start_app as start

    return start(url, timeout=120)


def stop_app(proc: subprocess.Popen) -> None:
    from tests.conftest import stop_app as stop

    stop(proc)


def timeline_draw_time(browser, base: str) -> float:
    """Seconds from opening /timeline in a fresh context until its chart has drawn its markers."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{base}/timeline")
    page.wait_for_function(
        "() => { const p = document.querySelector('.js-plotly-plot');"
        " return p && p.querySelectorAll('.scatterlayer .point').length > 0 &&"
        " !document.querySelector('[data-testid=\"stStatusWidget\"]'); }",
        timeout=600_000,
        polling=100,
    )
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def browser_times(urls: dict[str, str], repeat: int) -> dict[str, tuple[float, float]]:
    """(first load, median of later loads) per store. Both apps run at once and the later loads
    alternate between them, so a busy moment on the machine slows both sides alike."""
    from playwright.sync_api import sync_playwright

    servers = {name: start_app(store_url) for name, store_url in urls.items()}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            cold = {name: timeline_draw_time(browser, base) for name, (_, base) in servers.items()}
            warm: dict[str, list[float]] = {name: [] for name in servers}
            for _ in range(repeat):
                for name, (_, base) in servers.items():
                    warm[name].append(timeline_draw_time(browser, base))
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    return {name: (cold[name], statistics.median(warm[name])) for name in servers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="skip (c)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="diplotime-bench-"))
    big_url = f"sqlite:///{folder / 'million.sqlite'}"
    start = time.perf_counter()
    frame = synthetic_events(args.rows, seed=7)
    print(f"generated {len(frame):,} events in {time.perf_counter() - start:.1f} s")
    print(f"stored them in {fill_store(big_url, frame):.1f} s ({big_url})")
    del frame

    engine = store.open_store(big_url, seed_from=None)
    read_s, events = median_time(lambda: read_all_events(engine), 1)
    index_s, index = median_time(lambda: event_index.index_events(events), 1)
    print(f"read the store in {read_s:.1f} s, indexed it in {index_s:.1f} s (once per store change, cached)")
    first_load(engine, events, args.repeat)

    print("\n(a) filter change -> Timeline figure JSON")
    a_times, worst_payload = [], 0
    for label, view in CHANGES:
        seconds, text = median_time(lambda v=view: charts.timeline(index, v).figure.to_json(), args.repeat)
        result = charts.timeline(index, view)
        a_times.append(seconds)
        worst_payload = max(worst_payload, len(text))
        mode = "counts" if result.aggregated else "single events"
        print(f"  {label:28s} {seconds:6.3f} s  {len(text) / 1e6:5.2f} MB  {result.matched:>9,} events ({mode})")
    a = statistics.median(a_times)
    for label, fn in (
        ("map (places, play frames)", lambda: charts.map_places(index, ViewState()).figure.to_json()),
        ("map (countries)", lambda: charts.map_countries(index, ViewState()).figure.to_json()),
        ("overview (per year)", lambda: charts.overview(index, Filters()).per_period.to_json()),
    ):
        seconds, text = median_time(fn, args.repeat)
        worst_payload = max(worst_payload, len(text))
        print(f"  {label:28s} {seconds:6.3f} s  {len(text) / 1e6:5.2f} MB")

    print("\n(b) plain px.scatter of the same events, built and serialised")
    import plotly.express as px

    plain = index.events[["date_start", "event_type", "title"]]

    def scatter() -> str:
        return px.scatter(plain, x="date_start", y="event_type", color="event_type", hover_name="title").to_json()

    b, text = median_time(scatter, max(1, args.repeat - 1))
    print(f"  px.scatter                   {b:6.3f} s  {len(text) / 1e6:5.2f} MB")

    print(f"\n(a)/(b) = {a:.3f} / {b:.3f} = {a / b:.3f}   goal <= 0.100   {'OK' if a <= b / 10 else 'MISSED'}")
    print(
        f"largest figure JSON = {worst_payload / 1e6:.2f} MB   goal <= 2 MB   "
        f"{'OK' if worst_payload <= LIMIT else 'MISSED'}"
    )

    if args.no_browser:
        return
    if not Path(CHROMIUM).exists():
        print(f"\n(c) skipped: no Chromium at {CHROMIUM}")
        return
    bundled_url = f"sqlite:///{folder / 'bundled.sqlite'}"
    store.open_store(bundled_url).dispose()  # seeded from data/
    print("\n(c) time until the Timeline chart is drawn in headless Chromium")
    times = browser_times({"bundled dataset": bundled_url, f"{args.rows:,} events": big_url}, args.repeat)
    for name, (cold, warm) in times.items():
        print(f"  {name:20s} first load {cold:6.2f} s   then (median of {args.repeat}) {warm:6.2f} s")
    (_, warm_small), (_, warm_big) = times.values()
    ratio = warm_big / warm_small
    print(
        f"\n(c) ratio = {warm_big:.2f} / {warm_small:.2f} = {ratio:.2f}   goal <= 1.5   "
        f"{'OK' if ratio <= 1.5 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
