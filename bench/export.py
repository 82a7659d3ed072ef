"""Export benchmark: one reused export browser against kaleido's default, and a 200-event deck.

    python bench/export.py [--images 12] [--baseline 4] [--events 200]

(a) kaleido's default: ``plotly.io.to_image`` with no server running, which starts a new Chromium
    for every image (offline settings: local topojson, no MathJax), median seconds per image;
(b) :class:`diplotime.present.images.ExportBrowser`: one Chromium started once and reused, median seconds
    per image (the start-up is reported on its own line);
then a/b (goal >= 5), and the time for a deck of --events events (two chart pictures drawn by the
reused browser, then one slide per event), and for the same talk's offline HTML report.
The figures are the bundled dataset's timeline, map of places and events per period, in turn.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.io as pio  # noqa: E402

from diplotime import present  # noqa: E402
from diplotime.explore.index import index_events  # noqa: E402
from diplotime.explore.link import ViewState  # noqa: E402
from diplotime.pipeline import check_file  # noqa: E402
from diplotime.present import images, talk_figures
from diplotime.synthetic import synthetic_events  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHARTS = ("Timeline", "Map of places", "Events per period")
WIDTH, HEIGHT = 1600, 900


def figures(count: int) -> list:
    events = check_file((ROOT / "data" / "kuril_dispute.csv").read_bytes(), "kuril_dispute.csv").events
    index = index_events(events.reset_index(drop=True))
    built = {name: images.with_export_font(talk_figures.chart(index, ViewState(), name, name)) for name in CHARTS}
    return [built[CHARTS[i % len(CHARTS)]] for i in range(count)]


def kaleido_default(figs: list) -> list[float]:
    """Seconds per image with plotly's own to_image: a new browser each time."""
    pio.defaults.topojson = images.topojson_url()  # or the map fails offline (Error 525)
    pio.defaults.mathjax = False
    times = []
    for fig in figs:
        start = time.perf_counter()
        data = pio.to_image(fig, format="png", width=WIDTH, height=HEIGHT)
        times.append(time.perf_counter() - start)
        assert data.startswith(b"\x89PNG")
    return times


def reused(figs: list) -> tuple[float, list[float], images.ExportBrowser]:
    browser = images.ExportBrowser()
    start = time.perf_counter()
    browser.start()
    started = time.perf_counter() - start
    times = []
    for fig in figs:
        start = time.perf_counter()
        data = browser.render(fig, "png", WIDTH, HEIGHT)
        times.append(time.perf_counter() - start)
        assert data.startswith(b"\x89PNG")
    return started, times, browser


def deck_and_report(browser: images.ExportBrowser, n_events: int) -> tuple[float, float, int, float, int]:
    events = synthetic_events(n_events, seed=5).reset_index(drop=True)
    index = index_events(events)
    view = ViewState()
    talk = present.build_talk(events)
    start = time.perf_counter()
    deck = talk_figures.deck_for_talk(index, view, talk, browser)
    deck_seconds = time.perf_counter() - start
    start = time.perf_counter()
    report = talk_figures.report_for_talk(index, view, talk)
    report_seconds = time.perf_counter() - start
    return deck_seconds, talk.total, len(deck) / 1e6, report_seconds, len(report.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=12, help="images drawn by the reused browser")
    parser.add_argument("--baseline", type=int, default=4, help="images drawn by kaleido's default")
    parser.add_argument("--events", type=int, default=200, help="events in the benchmark deck")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"Chromium: {images.find_browser()}; images {WIDTH}x{HEIGHT} PNG of {', '.join(CHARTS)} in turn")

    baseline = kaleido_default(figures(args.baseline))
    a = statistics.median(baseline)
    print(
        f"(a) kaleido default, new browser per image: median {a:.2f} s/image "
        f"(min {min(baseline):.2f}, max {max(baseline):.2f}, n={len(baseline)})"
    )

    started, times, browser = reused(figures(args.images))
    try:
        b = statistics.median(times)
        print(f"    reused export browser: started once in {started:.2f} s")
        print(
            f"(b) reused export browser: median {b:.3f} s/image "
            f"(min {min(times):.3f}, max {max(times):.3f}, n={len(times)})"
        )
        print(f"a/b = {a / b:.1f}x faster per image (goal >= 5x)")
        amortised = (started + sum(times)) / len(times)
        print(
            f"    including the start-up, spread over {len(times)} images: {amortised:.3f} s/image "
            f"= {a / amortised:.1f}x"
        )
        deck_s, slides, deck_mb, report_s, report_bytes = deck_and_report(browser, args.events)
        print(
            f"(c) deck of {args.events} events: {deck_s:.2f} s for {slides} slides ({deck_mb:.1f} MB), "
            "with its timeline and map pictures drawn by the running browser"
        )
        print(f"(d) HTML report of the same {args.events} events: {report_s:.2f} s ({report_bytes / 1e6:.1f} MB)")
    finally:
        browser.stop()


if __name__ == "__main__":
    main()
