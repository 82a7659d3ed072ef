"""Wide files (issue 11): validation time grows with the number of cells, not with columns squared.

    python bench/wide.py [--columns 2000,4000,8000,16000] [--rows 3] [--repeat 3]

Each file has the three required columns and N extra columns (kept as extra attributes). For each
width it prints our check (read -> detect -> map -> validate) beside pyarrow reading the same bytes,
and the time per cell. Goal: the time per cell at the widest file is within 2x of the narrowest one
(linear growth); before the fix a 20,000-column file took about 8 minutes (quadratic column inserts).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diplotime.pipeline import check_file  # noqa: E402


def wide_file(columns: int, rows: int) -> bytes:
    head = ["date", "title", "event_type", *(f"extra_{i}" for i in range(columns))]
    body = [",".join(["2019-01-22", f"Talks {r}", "summit", *(str(i) for i in range(columns))]) for r in range(rows)]
    return ("\n".join([",".join(head), *body]) + "\n").encode()


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--columns", default="2000,4000,8000,16000")
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rows} rows per file")
    per_cell = []
    for columns in map(int, args.columns.split(",")):
        data = wide_file(columns, args.rows)
        ours = best(lambda data=data: check_file(data, "wide.csv"), args.repeat)
        arrow = best(lambda data=data: pacsv.read_csv(io.BytesIO(data)), args.repeat)
        cells = (columns + 3) * args.rows
        per_cell.append(ours / cells)
        print(
            f"{columns:>6} columns: ours {ours:6.2f} s, pyarrow read {arrow:6.3f} s ({ours / arrow:5.0f}x), "
            f"{ours / cells * 1e6:6.1f} us per cell"
        )
    growth = per_cell[-1] / per_cell[0]
    print(f"time per cell, widest / narrowest: {growth:.2f} (goal <= 2: {'met' if growth <= 2 else 'missed'})")


if __name__ == "__main__":
    main()
