"""Upload benchmark: a ~100 MB generated CSV (1.2 M events, seeded) uploaded through the browser until the
Upload page shows its preview, against pyarrow reading the same file, and the server's peak memory.

    python bench/upload.py [--rows 1200000] [--import]

(a) pyarrow.csv.read_csv of the file's bytes (median of 3); (b) Chromium (/usr/bin/chromium) sends the file to
the app and the page shows the counts and the preview: read, detection, validation of every row, the
comparison with the store and a bounded preview. On the way it prints when the page first showed what was
detected (the file has arrived) and its first rows (shown while every row is checked). The server's peak
resident memory (VmHWM of the streamlit process, reset just before the upload) is compared with the file's
size, both as the whole process and as the growth over the idle app. Goals (issue 5): b/a <= 5 and peak
memory <= 4x the file size. With --import the page then imports all events (one batch, with its progress
bar) and that time is printed.

The app is started with a 200 MB upload limit (the shipped config allows 25 MB); the store is a new SQLite
file in a temporary folder, seeded with the bundled events.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diplotime import schema  # noqa: E402
from tests.conftest import BROWSER_ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

PLACES = (
    ("Moscow", 55.7558, 37.6173),
    ("Tokyo", 35.6762, 139.6503),
    ("Kunashir", 44.0, 145.8),
    ("Shimoda", 34.6796, 138.9453),
    ("Singapore", 1.3521, 103.8198),
    ("Nagato", 34.3709, 131.1821),
)
COUNTRIES = ("JPN", "RUS", "USA", "CHN", "KOR", "GBR")


def generate(rows: int, seed: int = 11) -> bytes:
    """A seeded event table in the canonical columns, about 83 bytes a row (1.2 M rows: ~99 MB)."""
    rng = np.random.default_rng(seed)
    days = (np.datetime64("1855-01-01") + rng.integers(0, 170 * 365, rows).astype("timedelta64[D]")).astype(str)
    iso = pd.Series(days)
    precision = rng.choice(3, rows, p=[0.85, 0.10, 0.05])
    date = np.where(precision == 1, iso.str[:7], np.where(precision == 2, iso.str[:4], iso))
    number = pd.Series(np.arange(rows)).map("{:07d}".format)
    place = rng.integers(0, len(PLACES), rows)
    countries = np.array(COUNTRIES, dtype=object)
    frame = pd.DataFrame(
        {
            "id": "up-" + number,
            "date": date,
            "title": "Talks round " + number,
            "event_type": np.array(list(schema.EVENT_TYPES), dtype=object)[
                rng.integers(0, len(schema.EVENT_TYPES), rows)
            ],
            "countries": countries[rng.integers(0, 6, rows)] + ";" + countries[rng.integers(0, 6, rows)],
            "location": np.array([p[0] for p in PLACES], dtype=object)[place],
            "lat": np.array([p[1] for p in PLACES])[place],
            "lon": np.array([p[2] for p in PLACES])[place],
        }
    )
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak(pid: int) -> bool:
    """Start VmHWM again from the current RSS (Linux >= 4.0: write 5 to clear_refs)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def settle(page, timeout: float = 600_000) -> None:  # noqa: ANN001
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]')""",
        timeout=timeout,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--import", dest="do_import", action="store_true", help="also import every event")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="diplotime-bench-") as folder:
        path = Path(folder) / "events-bench.csv"
        started = time.perf_counter()
        data = generate(args.rows)
        path.write_bytes(data)
        size_mb = len(data) / 1e6
        print(f"{args.rows:,} events, {size_mb:.1f} MB CSV (generated in {time.perf_counter() - started:.1f} s)")
        reads = []
        for _ in range(3):
            started = time.perf_counter()
            pacsv.read_csv(io.BytesIO(path.read_bytes()))
            reads.append(time.perf_counter() - started)
        a = statistics.median(reads)
        del data

        proc, url = start_app(f"sqlite:///{folder}/store.sqlite", {"STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "200"})
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                page.goto(f"{url}/upload")
                page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=120_000)
                settle(page)
                idle = status_mb(proc.pid, "VmRSS")
                exact_peak = reset_peak(proc.pid)
                started = time.perf_counter()
                page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(path))
                page.get_by_text("What was detected").first.wait_for(timeout=900_000)
                received = time.perf_counter() - started
                page.get_by_text("events while the whole file is checked").first.wait_for(timeout=900_000)
                first_rows = time.perf_counter() - started
                page.get_by_text("Rows in the file").first.wait_for(timeout=900_000)
                page.get_by_text(f"Preview (500 of {args.rows:,} events)").first.wait_for(timeout=900_000)
                settle(page)
                b = time.perf_counter() - started
                peak = status_mb(proc.pid, "VmHWM")
                held = status_mb(proc.pid, "VmRSS")
                shown = page.locator('[data-testid="stMetric"]').all_inner_texts()
                imported = None
                if args.do_import:
                    started = time.perf_counter()
                    page.get_by_role("button", name=f"Import {args.rows:,} events").click()
                    page.get_by_text(f"Imported {args.rows:,} events from").first.wait_for(timeout=1_800_000)
                    imported = time.perf_counter() - started
                    peak_import = status_mb(proc.pid, "VmHWM")
                browser.close()
        finally:
            stop_app(proc)

    counts = " · ".join(" ".join(t.split()) for t in shown)
    print(f"page shows: {counts}")
    print(f"(a) pyarrow.csv.read_csv                     {a:8.2f} s")
    print(f"    file sent, detection shown               {received:8.2f} s   /a = {received / a:5.1f}")
    print(f"    first rows shown (while checking)        {first_rows:8.2f} s   /a = {first_rows / a:5.1f}")
    print(f"(b) every row checked: counts, preview       {b:8.2f} s   b/a = {b / a:5.1f}   (goal <= 5)")
    note = "" if exact_peak else "  (peak since start: clear_refs not writable)"
    print(f"server RSS idle {idle:,.0f} MB; peak during upload {peak:,.0f} MB{note}")
    print(f"peak / file size            = {peak / size_mb:5.1f}   (goal <= 4)")
    print(f"(peak - idle) / file size   = {(peak - idle) / size_mb:5.1f}")
    print(
        f"held while the checked file waits for import: {held - idle:,.0f} MB over idle "
        f"({(held - idle) / size_mb:.1f}x the file)"
    )
    if imported is not None:
        print(f"import of {args.rows:,} events through the page: {imported:.1f} s; peak RSS {peak_import:,.0f} MB")


if __name__ == "__main__":
    main()
