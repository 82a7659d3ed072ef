"""The exact path of the read stage: decoded text split into records by the csv module.

Every file that is not large and regular goes through here (and any file pyarrow cannot parse), so
the report's row numbers are defined by this path: blank lines, ragged rows, an Excel ``sep=`` line,
quoted cells with line breaks and an unclosed quote are all seen and reported by row.
"""

from __future__ import annotations

import csv
import io

from diplotime.errors import UnusableFile
from diplotime.read.sniff import excel_sep_line, sniff_delimiter
from diplotime.read.table import RawTable, build_table, encoding_warnings

MAX_FIELD = 1_000_000


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
