"""Read stage: bytes -> a table of text cells, plus what was detected.

Every cell is read as text (no "NA" -> NaN, no "007" -> 7). The result says which encoding, delimiter
and header row were used, how many blank lines were skipped, and lists ragged rows by the row number a
spreadsheet shows (header = row 1). A file that cannot be read at all raises ``UnusableFile`` with
one sentence for the user.

Large files that are regular (no blank lines, no ragged rows, the header on the first line) are
parsed by pyarrow (:mod:`diplotime.read_arrow`); every other file, and any file pyarrow cannot parse,
goes through the exact path here, which the report's row numbers are defined by.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from diplotime.problems import Problem, UnusableFile
from diplotime.sniff import (  # noqa: F401 - re-exported: the read stage's public names
    DELIMITER_NAMES,
    DELIMITERS,
    decode,
    detect_encoding,
    excel_sep_line,
    filled,
    find_header,
    sniff_binary,
    sniff_delimiter,
)

__all__ = ["DELIMITERS", "DELIMITER_NAMES", "RawTable", "UnusableFile", "read_table", "decode",
           "detect_encoding", "sniff_binary", "sniff_delimiter", "TEXT_DTYPE"]

FAST_PATH_BYTES = 2_000_000
MAX_FIELD = 1_000_000
TEXT_DTYPE = pd.StringDtype("pyarrow")
SWALLOWED_LINES = 3  # a cell holding this many lines that look like rows suggests a missing closing quote


@dataclass
class RawTable:
    """Text cells as read, before any mapping to the canonical columns."""

    frame: pd.DataFrame
    rows: pd.Series  # spreadsheet row number of each record
    encoding: str
    delimiter: str
    header_row: int
    has_header: bool = True
    blank_lines: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_name: str = ""
    sheet: str | None = None
    duplicate_headers: list[str] = field(default_factory=list)
    encoding_detection: str = ""  # how the encoding was decided, for the report
    reader: str = "python"  # 'python' | 'pyarrow' | 'openpyxl'

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def read_table(
    data: bytes,
    *,
    name: str = "",
    encoding: str | None = None,
    delimiter: str | None = None,
    has_header: bool = True,
) -> RawTable:
    """Read CSV/TSV bytes into text cells and report what was detected."""
    if len(data) >= FAST_PATH_BYTES:
        from diplotime.read_arrow import read_regular

        table = read_regular(data, name=name, encoding=encoding, delimiter=delimiter, has_header=has_header)
        if table is not None:
            return table
    text, codec, how = decode(data, encoding)
    return read_text(text, codec, how, name=name, delimiter=delimiter, has_header=has_header)


def encoding_warnings(codec: str, how: str) -> list[str]:
    """A warning when the encoding was guessed rather than known."""
    if how in ("valid UTF-8", "byte-order mark", "chosen by the user"):
        return []
    return [f"encoding {codec} was {how}; if the text looks wrong, choose the encoding (--encoding)"]


def read_text(
    text: str, codec: str, how: str, *, name: str = "", delimiter: str | None = None, has_header: bool = True
) -> RawTable:
    """The exact path: split decoded text with the csv module and build the table."""
    warnings = encoding_warnings(codec, how)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n", 40)[:40]
    skipped_lines = 0
    declared = excel_sep_line(lines[0]) if lines else None
    if declared:
        delimiter = delimiter or declared
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
        skipped_lines = 1
        warnings.append(f"an Excel 'sep={declared}' line set the delimiter")
    delim = delimiter or sniff_delimiter(lines[:30])
    records = parse_records(text, delim)
    table = build_table(records, delim, codec, skipped_lines, has_header, name, warnings)
    table.encoding_detection = how
    return table


def parse_records(text: str, delim: str, complete: bool = True) -> list[tuple[int, list[str]]]:
    """(physical line number, fields) for every record, blank records included as [].

    ``complete`` is False for the first lines of a file, whose last record may be cut short.
    """
    csv.field_size_limit(MAX_FIELD * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for fields in reader:
            records.append((line, fields))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise UnusableFile(f"the file cannot be split into fields near line {reader.line_num}: {exc}") from None
    if complete:
        _refuse_unterminated_quote(records, text, delim)
    return records


def _refuse_unterminated_quote(records: list[tuple[int, list[str]]], text: str, delim: str) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell: say where it opened."""
    if not records or not records[-1][1] or "\n" not in records[-1][1][-1]:
        return  # only an unclosed quote can leave a multi-line cell last in the file
    start = records[-1][0]
    if not ends_inside_quotes(text.split("\n", start - 1)[-1], delim):
        return
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    raise UnusableFile(
        f"a quote opened on line {start} is never closed, so the remaining {total - start + 1} lines would "
        "become one cell; close the quote or remove it"
    )


def ends_inside_quotes(text: str, delim: str) -> bool:
    """Whether CSV text ends inside a quoted cell, read as the csv module reads it: '"a""b' -> True; 'x,"a"' -> False.

    A quote opens a cell only at its start; inside, '""' is a quote and '"' closes; after the closing
    quote, characters up to the delimiter are kept as they are (a later quote there is plain text).
    """
    inside = False
    at_start = True
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                inside = False
        elif ch == '"' and at_start:
            inside = True
        at_start = not inside and ch in (delim, "\n")
        i += 1
    return inside


def build_table(
    records: list[tuple[int, list[str]]],
    delim: str,
    codec: str,
    skipped_lines: int,
    has_header: bool,
    name: str,
    warnings: list[str],
) -> RawTable:
    """Records -> RawTable: header found and cleaned, blank rows counted, ragged rows reported."""
    problems: list[Problem] = []
    # Spreadsheet rows: every record is one row, blank ones included, and an Excel 'sep=' line too.
    numbered = [(i + 1 + skipped_lines, f) for i, (_, f) in enumerate(records)]
    content = [(row, f) for row, f in numbered if any(cell.strip() for cell in f)]
    if not content:
        raise UnusableFile("the file has no rows")
    duplicates: list[tuple[str, str]] = []
    if has_header:
        at = find_header([f for _, f in content[: 3 * 10]])
        if at:
            above = "; ".join(repr(" ".join(c.strip() for c in f if c.strip())[:60]) for _, f in content[:at])
            warnings.append(f"{at} line(s) above the header were skipped as a title: {above}")
        header_row, header = content[at]
        body = content[at + 1:]
        headers, duplicates, header_warnings = clean_headers(header)
        warnings.extend(header_warnings)
        blank = sum(1 for row, f in numbered if row > header_row and not any(c.strip() for c in f))
    else:
        header_row, body = 0, content
        headers = [f"column {i + 1}" for i in range(max(len(f) for _, f in content))]
        blank = len(numbered) - len(content)
    width = len(headers)
    rows: list[int] = []
    cells: list[list[str]] = []
    short: list[int] = []
    for row, fields in body:
        if len(fields) > width:
            extra = fields[width:]
            if any(cell.strip() for cell in extra):
                problems.append(Problem(row, "", _short(delim.join(extra)),
                                        f"row has {len(fields)} fields but the header has {width}"))
                continue
            fields = fields[:width]
        elif len(fields) < width:
            short.append(row)
            fields = fields + [""] * (width - len(fields))
        problems.extend(_swallowed_rows(row, fields, headers, delim))
        rows.append(row)
        cells.append(fields)
    if short:
        shown = ", ".join(map(str, short[:10])) + (f" and {len(short) - 10} more" if len(short) > 10 else "")
        warnings.append(f"{len(short)} row(s) have fewer fields than the header; the missing cells were left "
                        f"empty: row {shown}")
    columns = {h: pd.array([r[i] for r in cells], dtype=TEXT_DTYPE) for i, h in enumerate(headers)}
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(cells)))
    if blank:
        warnings.append(f"{blank} blank row(s) were skipped")
    return RawTable(
        frame=frame, rows=pd.Series(rows, dtype="int64"), encoding=codec, delimiter=delim,
        header_row=header_row, has_header=has_header, blank_lines=blank, problems=problems,
        warnings=dedupe_warnings(warnings), source_name=name,
        duplicate_headers=[original for original, _ in duplicates],
    )


def clean_headers(header: list[str]) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Strip header names, drop a trailing empty one, name empty ones and make repeats unique."""
    warnings = []
    headers = [h.strip().lstrip("\ufeff") for h in header]
    while len(headers) > 1 and headers[-1] == "":
        headers.pop()
        warnings.append("an empty column at the end of the header (trailing delimiter) was ignored")
    headers = [h or f"column {i + 1}" for i, h in enumerate(headers)]
    headers, duplicates = _dedupe_headers(headers)
    for original, renamed in duplicates:
        warnings.append(f"the header has {original!r} more than once; the repeat is kept as {renamed!r}")
    return headers, duplicates, warnings


def _swallowed_rows(row: int, fields: list[str], headers: list[str], delim: str) -> list[Problem]:
    """A cell whose lines look like rows of their own: a closing quote is probably missing."""
    out = []
    for header, cell in zip(headers, fields):
        if cell.count("\n") < SWALLOWED_LINES or len(headers) < 3:
            continue
        lines = cell.split("\n")
        rowlike = sum(1 for line in lines if line.count(delim) >= len(headers) - 1)
        if rowlike >= SWALLOWED_LINES:
            out.append(Problem(row, header, _short(cell),
                               f"this cell holds {rowlike} lines that look like rows of their own: a closing "
                               "quote is probably missing"))
    return out


def _dedupe_headers(headers: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Make header names unique: ['title', 'title'] -> ['title', 'title (2)'], reporting each repeat."""
    seen: dict[str, int] = {}
    out, repeats = [], []
    for h in headers:
        key = h.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            renamed = f"{h} ({seen[key]})"
            out.append(renamed)
            repeats.append((h, renamed))
        else:
            out.append(h)
    return out, repeats


def dedupe_warnings(warnings: list[str], limit: int = 20) -> list[str]:
    """Each warning once, at most ``limit`` of them."""
    seen: list[str] = []
    for w in warnings:
        if w not in seen:
            seen.append(w)
    if len(seen) > limit:
        seen = seen[:limit] + [f"… and {len(seen) - limit} more warnings"]
    return seen


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
