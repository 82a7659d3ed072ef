"""Every awkward file in tests/files gives the outcome declared for it in tests/files/expected.json.

Each file goes through the command line (`python -m diplotime validate FILE --json`) in a subprocess:
the exit code, what was detected (format, encoding, delimiter, header row, sheet, date order), the row
counts and the exact (row, column) of every problem are checked; warnings and the one-sentence error of
an unusable file by the phrases they must contain. Where an entry lists ``events`` (exact values) or
``events_contain`` (a phrase per row), the validated events are checked too: ids, dates and their
precision, countries, coordinates filled by the gazetteer, aliases, what a format kept in ``extra``. Adding a file without an
entry fails, so every new file states what it should do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from diplotime.formats.base import MapOptions
from diplotime.pipeline import check_file
from diplotime.read import ReadOptions

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "files"
EXPECTED: dict[str, dict[str, Any]] = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))
NOT_CASES = {"expected.json", "make_xlsx.py", "README.md"}
CASES = sorted(p.name for p in FILES.iterdir() if p.is_file() and p.name not in NOT_CASES)
REPORT_FIELDS = (
    "format",
    "encoding",
    "delimiter",
    "header_row",
    "blank_lines",
    "sheet",
    "date_order",
    "rows",
    "valid",
    "rejected",
)


def test_every_file_declares_its_outcome_and_there_are_enough() -> None:
    assert sorted(EXPECTED) == CASES
    assert len(CASES) >= 40


def run_cli(name: str) -> subprocess.CompletedProcess[str]:
    args = EXPECTED.get(name, {}).get("args", [])
    return subprocess.run(
        [sys.executable, "-m", "diplotime", "validate", str(FILES / name), "--json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def cli_runs() -> dict[str, subprocess.CompletedProcess[str]]:
    """Every case through the CLI once, a few at a time (each run is a fresh Python process)."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(CASES, pool.map(run_cli, CASES)))


def options(args: list[str]) -> tuple[ReadOptions, MapOptions]:
    """The CLI options a case uses, for checking its events in-process."""
    value = dict(zip(args, args[1:]))
    order = "dmy" if "--dayfirst" in args else "mdy" if "--monthfirst" in args else None
    return (
        ReadOptions(encoding=value.get("--encoding"), sheet=value.get("--sheet"), format=value.get("--format")),
        MapOptions(date_order=order),
    )


@pytest.mark.parametrize("name", CASES)
def test_the_file_gives_its_expected_outcome(name: str, cli_runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    expected = EXPECTED[name]
    args = expected.get("args", [])
    proc = cli_runs[name]
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == expected["exit"], (proc.stdout[-2000:], proc.stderr)
    if expected["exit"] == 2:
        assert len(proc.stderr.strip().splitlines()) == 1 and expected["stderr"] in proc.stderr, proc.stderr
        return
    report = json.loads(proc.stdout)
    for field in REPORT_FIELDS:
        if field in expected:
            assert report[field] == expected[field], (field, report[field])
    assert [[e["row"], e["column"]] for e in report["errors"]] == expected["errors"], report["errors"]
    assert all(e["message"] for e in report["errors"])
    for phrase in expected.get("warnings", []):
        assert any(phrase in w for w in report["warnings"]), (phrase, report["warnings"])
    if "events" in expected or "events_contain" in expected:
        check_events(name, args, expected)


def check_events(name: str, args: list[str], expected: dict[str, Any]) -> None:
    """``events``: exact values per column; ``events_contain``: a phrase per row ('' = the cell is empty)."""
    read, mapped = options(args)
    events = check_file((FILES / name).read_bytes(), name, read, mapped).events
    for column, values in expected.get("events", {}).items():
        actual = events[column].tolist()
        if column in ("lat", "lon"):
            actual = [None if v != v else round(v, 4) for v in actual]
        assert actual == values, (column, actual)
    for column, phrases in expected.get("events_contain", {}).items():
        cells = [str(v) for v in events[column]]
        assert len(cells) == len(phrases), (column, cells)
        for cell, phrase in zip(cells, phrases):
            assert (phrase in cell) if phrase else cell == "", (column, phrase, cell)
