"""Page benchmark (issue 17): time to a painted chart, against the framework's floor, in one run.

    python bench/page.py [--sizes 80,1000,100000] [--repeat 5]

For each size a store of that many seeded events is made; our app and a bare Streamlit page with one
``st.plotly_chart`` of the same points (``bench/floor_app.py``) run side by side on it. Each load opens
a page in a fresh headless Chromium context and waits until its chart has painted its points and the
app is idle; loads alternate between the pages, so a busy moment slows all of them alike. Prints
medians and the ratios page / floor for the Timeline, Map and Overview (goal <= 1.3).

Then the zoom at 1,000 events: the Timeline's chart against plotly.js alone drawing the same points in
an empty page, each zoomed into the middle half of its time axis (Plotly.relayout -> plotly_afterplot),
medians of several zooms (goal <= 1.5).
"""

from __future__ import annotations

import argparse
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
from diplotime.synthetic import synthetic_events  # noqa: E402
from tests.conftest import BROWSER_ARGS, stop_app  # noqa: E402
from tests.conftest import start_app as start_our_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MARKS = ".scatterlayer .point, .gl-container canvas, .barlayer .point, .scattergeo .point, .choroplethlayer path"
PAINTED = (
    "() => { const p = document.querySelector('.js-plotly-plot');"
    f" return p && p.querySelectorAll('{MARKS}').length > 0"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }"
)
PAGES = {"Timeline": "timeline", "Map": "map", "Overview": ""}


def fill_store(url: str, n: int) -> None:
    engine = store.open_store(url, seed_from=None)
    template = pipeline.check_file(b"date,title\n2000,x\n", "bench.csv")
    frame = synthetic_events(n, seed=11)
    store.import_events(
        engine, replace(template, events=frame, problems=[]), file_name="bench.csv", data_hash=f"bench-{n}"
    )
    engine.dispose()


def start_floor(url: str) -> tuple[subprocess.Popen, str]:
    return start_our_app(url, {"PYTHONPATH": str(ROOT)}, timeout=300, script="bench/floor_app.py")


def paint_time(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(PAINTED, timeout=600_000, polling=50)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


ZOOM = """() => new Promise(resolve => {
  const gd = document.querySelector('.js-plotly-plot');
  const [a, b] = gd._fullLayout.xaxis.range.map(x => new Date(x).getTime());
  const quarter = (b - a) / 4;
  const t0 = performance.now();
  gd.once('plotly_afterplot', () => resolve(performance.now() - t0));
  Plotly.relayout(gd, {'xaxis.range': [new Date(a + quarter).toISOString(), new Date(b - quarter).toISOString()]});
})"""
RESET = "() => Plotly.relayout(document.querySelector('.js-plotly-plot'), {'xaxis.autorange': true})"


def plotly_alone_page(figure_json: str) -> str:
    import plotly

    script = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    return (
        f"<html><body><div id='g' class='js-plotly-plot' style='width:1000px;height:600px'></div><script>{script}"
        f"</script><script>const f = {figure_json}; Plotly.newPlot('g', f.data, f.layout);</script></body></html>"
    )


def zoom_ms(page, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        times.append(page.evaluate(ZOOM))
        page.evaluate(RESET)
        page.wait_for_timeout(200)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="80,1000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="diplotime-page-bench-"))
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average {os.getloadavg()[0]:.2f}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for n in sizes:
            url = f"sqlite:///{folder / f's{n}.sqlite'}"
            fill_store(url, n)
            ours, base = start_our_app(url, timeout=300)
            floor, floor_base = start_floor(url)
            try:
                targets = {"floor": floor_base, **{name: f"{base}/{path}" for name, path in PAGES.items()}}
                for target in targets.values():  # warm up: the first load reads the store
                    paint_time(browser, target)
                times: dict[str, list[float]] = {name: [] for name in targets}
                for _ in range(args.repeat):
                    for name, target in targets.items():
                        times[name].append(paint_time(browser, target))
                medians = {name: statistics.median(ts) for name, ts in times.items()}
                print(f"\n{n:,} events: navigation -> chart painted (median of {args.repeat})")
                print(f"  floor (one st.plotly_chart)  {medians['floor']:6.2f} s")
                for name in PAGES:
                    ratio = medians[name] / medians["floor"]
                    print(
                        f"  {name:28s} {medians[name]:6.2f} s  {ratio:5.2f}x   goal <= 1.3  "
                        f"{'OK' if ratio <= 1.3 else 'MISSED'}"
                    )
                if n == 1000:
                    zoom_benchmark(browser, base, args.repeat)
            finally:
                stop_app(ours)
                stop_app(floor)
        browser.close()


def zoom_benchmark(browser, base: str, repeat: int) -> None:
    import json

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{base}/timeline")
    page.wait_for_function(PAINTED, timeout=600_000)
    page.wait_for_timeout(500)
    figure = page.evaluate(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return JSON.stringify({data: gd.data, layout: gd.layout}); }"
    )
    ours = zoom_ms_in(page, repeat)
    context.close()
    alone_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    alone = alone_context.new_page()
    points = json.loads(figure)
    plain = {
        "data": [
            {"type": "scatter", "mode": "markers", "x": t.get("x"), "y": t.get("y")}
            for t in points["data"]
            if t.get("type") == "scatter" and t.get("x")
        ],
        "layout": {"xaxis": {"type": "date"}, "height": 600, "width": 1000},
    }
    alone.set_content(plotly_alone_page(json.dumps(plain)))
    alone.wait_for_function("() => document.querySelector('#g .scatterlayer .point')", timeout=60_000)
    floor = zoom_ms(alone, repeat)
    alone_context.close()
    print(f"\n1,000 events: zoom into the middle half of the time axis (median of {repeat})")
    print(f"  plotly.js alone, same points  {floor:7.1f} ms")
    print(
        f"  our Timeline chart            {ours:7.1f} ms  {ours / floor:5.2f}x   goal <= 1.5  "
        f"{'OK' if ours <= 1.5 * floor else 'MISSED'}"
    )


ZOOM_IN_APP = """() => new Promise(resolve => {
  const gd = document.querySelector('.js-plotly-plot');
  const [a, b] = gd._fullLayout.xaxis.range.map(x => new Date(x).getTime());
  const quarter = (b - a) / 4;
  const t0 = performance.now();
  gd.once('plotly_afterplot', () => resolve(performance.now() - t0));
  const drag = gd.querySelector('.nsewdrag');
  const box = drag.getBoundingClientRect();
  // A box zoom the way a user makes one: drag across the middle half of the plot area.
  const y = box.top + box.height / 2, x0 = box.left + box.width / 4, x1 = box.left + 3 * box.width / 4;
  const ev = (type, x) => drag.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: x, clientY: y, buttons: 1}));
  ev('mousedown', x0); ev('mousemove', (x0 + x1) / 2); ev('mousemove', x1); document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, clientX: x1, clientY: y}));
})"""
RESET_IN_APP = """() => { const gd = document.querySelector('.js-plotly-plot');
  const drag = gd.querySelector('.nsewdrag'); const box = drag.getBoundingClientRect();
  drag.dispatchEvent(new MouseEvent('dblclick', {bubbles: true, clientX: box.left + 5, clientY: box.top + 5})); }"""


def zoom_ms_in(page, repeat: int) -> float:
    """A user's box zoom on the app's chart (Streamlit keeps plotly.js out of the page's globals)."""
    times = []
    for _ in range(repeat):
        times.append(page.evaluate(ZOOM_IN_APP))
        page.evaluate(RESET_IN_APP)
        page.wait_for_timeout(400)
    return statistics.median(times)


if __name__ == "__main__":
    main()
