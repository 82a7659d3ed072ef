"""Read stage: bytes -> a table of text cells, plus what was detected.

Every cell is read as text (no "NA" -> NaN, no "007" -> 7). The result says which encoding, delimiter
and header row were used, how many blank lines were skipped, and lists ragged rows by the row number a
spreadsheet shows (header = row 1). A file that cannot be read at all raises ``UnusableFile`` with
one sentence for the user.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd

from diplotime.problems import Problem

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
FAST_PATH_BYTES = 2_000_000
MAX_FIELD = 1_000_000

_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook"),
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings our users' spreadsheets come in; limiting detection to them keeps it reliable.
CANDIDATE_ENCODINGS = ("cp1251", "cp932", "euc_jp", "koi8_r", "cp1252", "latin_1", "utf_16")


class UnusableFile(ValueError):
    """The file cannot be read as an event table; the message is one sentence for the user."""


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

    @property
    def headers(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def sniff_binary(data: bytes) -> str | None:
    """What a non-text file looks like, or None: sniff_binary(b'%PDF-1.7') -> 'a PDF document'."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """Return (python codec name, how it was decided) for the bytes of a text file."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, "byte-order mark"
    try:
        data.decode("utf-8")
        return "utf-8", "valid UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if odd > even * 4:
            return "utf-16-le", "NUL bytes in every other position (UTF-16 without BOM)"
        if even > odd * 4:
            return "utf-16-be", "NUL bytes in every other position (UTF-16 without BOM)"
        raise UnusableFile("the file contains NUL bytes and is not text")
    _reject_broken_utf8(data, utf8_error)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise UnusableFile("the file is not text in any supported encoding (UTF-8, cp1251, cp932, latin-1, UTF-16)")
    name = codecs.lookup(best.encoding).name
    if name in ("shift_jis", "cp932", "euc_jp") and name != "cp932":
        try:
            data.decode("cp932")
            name = "cp932"  # Windows' Shift-JIS superset, what Excel in Japan writes
        except UnicodeDecodeError:
            pass
    return name, "detected by charset-normalizer"


def _reject_broken_utf8(data: bytes, error: UnicodeDecodeError) -> None:
    """A UTF-8 file with one damaged line is an error, not a reason to re-read it all as cp1252."""
    head = data[: error.start]
    multibyte = sum(1 for b in head if b >= 0xC2) > 0
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return
    if multibyte and len(head) > len(data) // 2:
        line = head.count(b"\n") + 1
        raise UnusableFile(
            f"the file is UTF-8 except for an invalid byte on line {line} (byte offset {error.start}); "
            "save it again as UTF-8 or choose its encoding"
        )


def sniff_delimiter(lines: list[str]) -> str:
    """Pick the delimiter that splits the first lines most consistently: ',' for 'a,b\\n1,2'."""
    best, best_score = ",", 0.0
    for delim in DELIMITERS:
        counts = [_count_outside_quotes(line, delim) for line in lines if line.strip()]
        if not counts or max(counts) == 0:
            continue
        mode = max(set(counts), key=counts.count)
        if mode == 0:
            continue
        consistency = counts.count(mode) / len(counts)
        score = consistency * 10 + min(mode, 10) / 10
        if score > best_score:
            best, best_score = delim, score
    return best


def _count_outside_quotes(line: str, delim: str) -> int:
    if '"' not in line:
        return line.count(delim)
    return re.sub(r'"[^"]*"', "", line).count(delim)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, str]:
    """Bytes -> (text, codec, how it was decided); raises UnusableFile for non-text files."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnusableFile("the file is empty")
    what = sniff_binary(data)
    if what:
        raise UnusableFile(f"the file is not a text table: it looks like {what}")
    if encoding:
        how = "chosen by the user"
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise UnusableFile(f"unknown encoding {encoding!r}") from None
    else:
        codec, how = detect_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnusableFile(
            f"the file is not valid {codec} at line {line} (byte offset {exc.start})"
        ) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UnusableFile(f"the file contains a NUL character on line {line}; it is not a text table")
    return text, codec, how


def read_table(
    data: bytes,
    *,
    name: str = "",
    encoding: str | None = None,
    delimiter: str | None = None,
    has_header: bool = True,
) -> RawTable:
    """Read CSV/TSV bytes into text cells and report what was detected."""
    text, codec, how = decode(data, encoding)
    warnings = [] if how in ("valid UTF-8", "byte-order mark", "chosen by the user") else [
        f"encoding {codec} was {how}; choose another if the text looks wrong"
    ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n", 40)[:40]
    skipped_lines = 0
    if lines and re.fullmatch(r"sep=(.)", lines[0].strip()):
        delimiter = delimiter or lines[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
        skipped_lines = 1
        warnings.append(f"an Excel 'sep={delimiter}' line set the delimiter")
    delim = delimiter or sniff_delimiter(lines[:30])
    records = _parse_records(text, delim)
    return _to_table(records, delim, codec, skipped_lines, has_header, name, warnings)


def _parse_records(text: str, delim: str) -> list[tuple[int, list[str]]]:
    """(physical line number, fields) for every record, blank records included as []."""
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
    return records


def _to_table(
    records: list[tuple[int, list[str]]],
    delim: str,
    codec: str,
    skipped_lines: int,
    has_header: bool,
    name: str,
    warnings: list[str],
) -> RawTable:
    problems: list[Problem] = []
    # Spreadsheet rows: every record is one row, blank ones included, and an Excel 'sep=' line too.
    numbered = [(i + 1 + skipped_lines, f) for i, (_, f) in enumerate(records)]
    content = [(row, f) for row, f in numbered if any(cell.strip() for cell in f)]
    blank = len(numbered) - len(content)
    if not content:
        raise UnusableFile("the file has no rows")
    if has_header:
        header_row, header = content[0]
        body = content[1:]
        headers = [h.strip() for h in header]
        while headers and headers[-1] == "" and len(headers) > 1:
            headers.pop()
            warnings.append("an empty column at the end of the header (trailing delimiter) was ignored")
        headers = [h or f"column {i + 1}" for i, h in enumerate(headers)]
        headers, duplicates = _dedupe_headers(headers)
        for original, renamed in duplicates:
            warnings.append(f"the header has {original!r} more than once; the repeat is kept as {renamed!r}")
    else:
        header_row, body = 0, content
        width = max(len(f) for _, f in content)
        headers = [f"column {i + 1}" for i in range(width)]
    if has_header and header_row > 1 + skipped_lines:
        blank -= header_row - 1 - skipped_lines
    if not has_header:
        duplicates = []
    width = len(headers)
    rows: list[int] = []
    cells: list[list[str]] = []
    for row, fields in body:
        if len(fields) > width:
            extra = fields[width:]
            if any(cell.strip() for cell in extra):
                problems.append(Problem(row, "", _short(delim.join(extra)),
                                        f"row has {len(fields)} fields but the header has {width}"))
                continue
            fields = fields[:width]
        elif len(fields) < width:
            warnings.append(f"row {row} has {len(fields)} fields but the header has {width}; the rest were left empty")
            fields = fields + [""] * (width - len(fields))
        rows.append(row)
        cells.append(fields)
    frame = pd.DataFrame(cells, columns=pd.Index(headers, dtype=object), dtype=object)
    if blank:
        warnings.append(f"{blank} blank row(s) were skipped")
    return RawTable(
        frame=frame, rows=pd.Series(rows, dtype="int64"), encoding=codec, delimiter=delim,
        header_row=header_row, has_header=has_header, blank_lines=blank, problems=problems,
        warnings=_dedupe_warnings(warnings), source_name=name,
        duplicate_headers=[original for original, _ in duplicates],
    )


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


def _dedupe_warnings(warnings: list[str], limit: int = 20) -> list[str]:
    seen: list[str] = []
    for w in warnings:
        if w not in seen:
            seen.append(w)
    if len(seen) > limit:
        seen = seen[:limit] + [f"… and {len(seen) - limit} more warnings"]
    return seen


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
