"""The read stage's table: text cells as read, before any mapping, and how records become one.

Every cell is read as text (no "NA" -> NaN, no "007" -> 7). A :class:`RawTable` says which encoding,
delimiter and header row were used, how many blank lines were skipped, and lists ragged rows by the
row number a spreadsheet shows (header = row 1). Both readers of delimited text (the exact path in
:mod:`~diplotime.read.exact`, pyarrow in :mod:`~diplotime.read.fast`) and the workbook reader build it
with the helpers here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from diplotime.errors import Problem, UnusableFile
from diplotime.read.sniff import find_header
from diplotime.text import plural

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


def encoding_warnings(codec: str, how: str) -> list[str]:
    """A warning when the encoding was guessed rather than known."""
    if how in ("valid UTF-8", "byte-order mark", "chosen by the user"):
        return []
    return [f"encoding {codec} was {how}; if the text looks wrong, choose the encoding (--encoding)"]


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
            warnings.append(
                f"{plural(at, 'line above the header was', 'lines above the header were')} skipped as a title: {above}"
            )
        header_row, header = content[at]
        body = content[at + 1 :]
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
                problems.append(
                    Problem(
                        row,
                        "",
                        _short(delim.join(extra)),
                        f"row has {len(fields)} fields but the header has {width}",
                        "ragged_row",
                    )
                )
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
        warnings.append(
            f"{plural(len(short), 'row has', 'rows have')} fewer fields than the header; the missing cells were left empty: row {shown}"
        )
    columns = {h: pd.array([r[i] for r in cells], dtype=TEXT_DTYPE) for i, h in enumerate(headers)}
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(cells)))
    if blank:
        warnings.append(f"{plural(blank, 'blank row was', 'blank rows were')} skipped")
    return RawTable(
        frame=frame,
        rows=pd.Series(rows, dtype="int64"),
        encoding=codec,
        delimiter=delim,
        header_row=header_row,
        has_header=has_header,
        blank_lines=blank,
        problems=problems,
        warnings=dedupe_warnings(warnings),
        source_name=name,
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
            out.append(
                Problem(
                    row,
                    header,
                    _short(cell),
                    f"this cell holds {rowlike} lines that look like rows of their own: a closing "
                    "quote is probably missing",
                    "unclosed_quote",
                )
            )
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
