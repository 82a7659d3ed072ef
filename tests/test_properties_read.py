"""Properties of the read stage: any bytes give a report or one UnusableFile; the fast path builds the exact table.

``test_fuzz_smoke_*`` is the bounded fuzz run CI does: thousands of examples, stopped after a time budget.
"""

from __future__ import annotations

import codecs
import csv
import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplotime.errors import UnusableFile
from diplotime.pipeline import check_file
from diplotime.read import read_table
from diplotime.read.exact import read_text
from diplotime.read.fast import read_regular
from diplotime.read.sniff import decode
from diplotime.validate.table import ValidationResult

ENCODINGS = ("utf-8", "utf-8-sig", "cp1251", "cp932", "utf-16", "latin-1")
cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
HEADERS = ["date", "title", "countries", "location", "lat", "lon", "event_type", "id", "notes", "Дата", "見出し"]


@st.composite
def csv_like(draw: st.DrawFn) -> bytes:
    """Text tables as people's tools write them: some delimiter, quotes, newlines and blank lines, an encoding."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=width + 1), max_size=8))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = text.replace("\n", "\n\n", draw(st.integers(0, 3)))
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="ignore")


@st.composite
def zip_like(draw: st.DrawFn) -> bytes:
    """Archives that claim to be workbooks, with random members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in draw(
            st.lists(
                st.sampled_from(
                    ["xl/workbook.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "_rels/.rels", "x.bin"]
                ),
                unique=True,
                max_size=4,
            )
        ):
            archive.writestr(name, draw(st.binary(max_size=200)))
    return buffer.getvalue()


any_input = st.one_of(
    st.binary(max_size=400),
    csv_like(),
    zip_like(),
    st.binary(max_size=200).map(lambda b: codecs.BOM_UTF8 + b),
    st.binary(max_size=200).map(lambda b: b"date,title\n" + b),
)


def report_or_unusable(data: bytes, name: str = "fuzz.csv") -> None:
    try:
        result = check_file(data, name)
    except UnusableFile as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(result, ValidationResult)
    assert all(p.row >= 0 and p.message for p in result.problems)
    assert len(result.events) <= result.rows


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_input)
def test_any_bytes_give_a_report_or_one_clear_error(data: bytes) -> None:
    report_or_unusable(data)
    report_or_unusable(data, "fuzz.xlsx")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_like())
def test_the_fast_path_reads_what_the_exact_path_reads(data: bytes) -> None:
    fast_path_matches_exact_path(data)


def fast_path_matches_exact_path(data: bytes) -> None:
    try:
        fast = read_regular(data)
    except UnusableFile:
        with pytest.raises(UnusableFile):
            read_table(data)
        return
    if fast is None:
        return
    text, codec, how = decode(data)
    exact = read_text(text, codec, how)
    assert fast.headers == exact.headers and fast.frame.equals(exact.frame)
    assert (list(fast.rows), fast.blank_lines, fast.header_row) == (
        list(exact.rows),
        exact.blank_lines,
        exact.header_row,
    )


FUZZ_SECONDS = 50


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_fuzz_smoke_of_the_read_stage() -> None:
    """Thousands of inputs through read, map and validate (and both read paths), stopped after FUZZ_SECONDS."""
    stop = time.monotonic() + FUZZ_SECONDS

    @settings(
        max_examples=3000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(any_input)
    def run(data: bytes) -> None:
        if time.monotonic() < stop:
            report_or_unusable(data)
            fast_path_matches_exact_path(data)

    run()
