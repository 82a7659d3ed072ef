"""The fast path of the read stage: pyarrow parses large, regular files.

A file qualifies when the header is on its first line (after an optional ``sep=`` line) and every
row has as many fields as the header. Blank lines are rows of empty cells here, dropped and counted
as on the exact path, so row numbers stay the spreadsheet's. Every column is read as text
(``strings_can_be_null=False``: "NA" stays "NA", "007" stays "007"), so the table is the one the
exact path would build. Anything else returns None and the caller uses the exact path, which reports
ragged rows and blank lines by row.
"""

from __future__ import annotations

import codecs
import io
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from diplotime.errors import UnusableFile
from diplotime.read.exact import ends_inside_quotes, parse_records
from diplotime.read.sniff import (
    bom_encoding,
    check_text_bytes,
    choose_codec,
    excel_sep_line,
    filled,
    find_header,
    sniff_delimiter,
)
from diplotime.read.table import TEXT_DTYPE, RawTable, clean_headers, dedupe_warnings, encoding_warnings
from diplotime.text import plural

HEAD_BYTES = 65_536
UTF8_SAMPLE = 1_000_000
BLOCK_SIZE = 4 << 20


def read_regular(
    data: bytes,
    *,
    name: str = "",
    encoding: str | None = None,
    delimiter: str | None = None,
    has_header: bool = True,
) -> RawTable | None:
    """Read a large regular file with pyarrow, or None when the exact path must read it."""
    check_text_bytes(data)
    reported, how = _codec(data, encoding)
    codec = reported
    if codec.startswith(("utf-16", "utf-32")):
        try:
            data, codec = data.decode(codec).lstrip("\ufeff").encode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return None
    elif codec == "utf-8-sig":
        data, codec = data[3:], "utf-8"
    if b"\x00" in data:
        return None  # the exact path names the line
    head = data[:HEAD_BYTES].decode(codec, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = head.split("\n")[:-1] if len(data) > HEAD_BYTES else head.split("\n")
    if not lines:
        return None
    warnings = encoding_warnings(reported, how)
    skip = 0
    declared = excel_sep_line(lines[0])
    if declared:
        delimiter, skip, lines = delimiter or declared, 1, lines[1:]
        warnings.append(f"an Excel 'sep={declared}' line set the delimiter")
    delim = delimiter or sniff_delimiter(lines[:30])
    records = parse_records("\n".join(lines[:200]), delim, complete=False)[:-1]
    if len(records) < 2 or not filled(records[0][1]):
        return None
    if has_header and (find_header([f for _, f in records[:30] if filled(f)]) != 0 or records[1][0] != 2):
        return None  # title lines above the header, or a header cell spanning lines
    width = len(records[0][1]) if has_header else max(len(f) for _, f in records)
    table = _parse(data, codec, delim, width, skip + (1 if has_header else 0))
    if table is None:
        return None
    return _to_raw(table, records[0][1] if has_header else None, reported, how, delim, skip, name, warnings)


def _codec(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Like ``choose_codec``, but a file whose first megabyte is UTF-8 is taken as UTF-8 (pyarrow checks the rest)."""
    if encoding or bom_encoding(data):
        return choose_codec(data, encoding)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data[:UTF8_SAMPLE], final=len(data) <= UTF8_SAMPLE)
        return "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        return choose_codec(data, None)


def _parse(data: bytes, codec: str, delim: str, width: int, skip: int) -> pa.Table | None:
    names = [f"c{i}" for i in range(width)]
    ragged: list[int] = []

    def on_ragged(row: object) -> str:
        ragged.append(1)
        return "skip"

    quoted = b'"' in data
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=skip,
                block_size=BLOCK_SIZE,
                encoding="utf8" if codec == "utf-8" else codec,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delim,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=quoted,
                ignore_empty_lines=False,
                invalid_row_handler=on_ragged,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeError, LookupError):
        return None  # not valid in this encoding, an unterminated quote, a huge field: the exact path explains
    if ragged or (quoted and _may_end_inside_quotes(data, table, delim)):
        return None
    if quoted and b"\r" in data:  # only a quoted cell can hold a line break
        table = pa.table([_unify_newlines(c) for c in table.columns], names=names)
    return table


def _may_end_inside_quotes(data: bytes, table: pa.Table, delim: str) -> bool:
    """Whether the last record may end inside a quote that never closes (pyarrow then keeps the rest of the
    file as one cell; the exact path refuses the file and names the line).

    The last row's cells say how many line breaks the record holds, so its text is the file's last lines:
    their quoting is read exactly, from both possible starting lines (a wrong guess only costs the fast path).
    """
    if not table.num_rows:
        return False
    last = [column[-1].as_py() or "" for column in table.columns]
    breaks = sum(len(_BREAK.findall(cell)) for cell in last)
    size = 2 * sum(len(cell.encode()) for cell in last) + HEAD_BYTES
    # Quotes, delimiters and line breaks are ASCII in every encoding read here, so latin-1 keeps them in place.
    lines = _BREAK.sub("\n", data[-size:].decode("latin-1")).split("\n")
    return any(ends_inside_quotes("\n".join(lines[-count:]), delim) for count in (breaks + 1, breaks + 2))


_BREAK = re.compile("\r\n|\r|\n")


def _unify_newlines(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """CR and CRLF inside a column's cells become LF, as on the exact path; a column without CR is left as is."""
    if not any(_has_cr(chunk) for chunk in column.chunks):
        return column
    return pc.replace_substring(pc.replace_substring(column, "\r\n", "\n"), "\r", "\n")


def _has_cr(chunk: pa.Array) -> bool:
    """Whether a string chunk's character data holds a CR, read straight from its buffer."""
    data = chunk.buffers()[2]
    return data is not None and bool((np.frombuffer(data, dtype=np.uint8) == 13).any())


def _to_raw(
    table: pa.Table,
    header: list[str] | None,
    codec: str,
    how: str,
    delim: str,
    skip: int,
    name: str,
    warnings: list[str],
) -> RawTable | None:
    if header is not None:
        headers, duplicates, header_warnings = clean_headers(header)
        warnings.extend(header_warnings)
        for column in table.columns[len(headers) :]:  # a trailing delimiter: the unnamed columns must be empty
            if pc.any(pc.not_equal(pc.utf8_trim_whitespace(column), "")).as_py():
                return None
        table = table.select(list(range(len(headers))))
    else:
        headers, duplicates = [f"column {i + 1}" for i in range(table.num_columns)], []
    blank = _blank_rows(table)
    first = skip + 1 + (1 if header is not None else 0)
    rows = np.arange(first, first + table.num_rows, dtype="int64")
    if blank is not None:
        table, rows = table.filter(pc.invert(blank)), rows[~blank.to_numpy(zero_copy_only=False)]
    if table.num_rows == 0 and header is None:
        raise UnusableFile("the file has no rows")
    frame = pd.DataFrame(
        {h: pd.array(col, dtype=TEXT_DTYPE) for h, col in zip(headers, table.columns)},
        index=pd.RangeIndex(table.num_rows),
    )
    count = 0 if blank is None else int(pc.sum(blank).as_py() or 0)
    if count:
        warnings.append(f"{plural(count, 'blank row was', 'blank rows were')} skipped")
    return RawTable(
        frame=frame,
        rows=pd.Series(rows, dtype="int64"),
        encoding=codec,
        delimiter=delim,
        header_row=skip + 1 if header is not None else 0,
        has_header=header is not None,
        blank_lines=count,
        warnings=dedupe_warnings(warnings),
        source_name=name,
        duplicate_headers=[o for o, _ in duplicates],
        encoding_detection=how,
        reader="pyarrow",
    )


def _blank_rows(table: pa.Table) -> pa.ChunkedArray | None:
    """Rows whose every cell is empty or whitespace (a line of bare delimiters), or None if there are none."""
    mask = None
    for column in table.columns:
        blank = pc.or_(pc.equal(pc.binary_length(column), 0), pc.utf8_is_space(column))
        mask = blank if mask is None else pc.and_(mask, blank)
        if not pc.any(mask).as_py():
            return None
    return mask
