"""The read stage's entry point: bytes of any supported kind -> a table of text cells, plus what was detected.

``read_file`` takes CSV, TSV, TXT, an .xlsx workbook, or a ZIP archive holding one table (GDELT's
``.CSV.zip``). Large regular delimited files are parsed by pyarrow (:mod:`~diplotime.read.fast`);
every other file, and any file pyarrow cannot parse, by the exact path (:mod:`~diplotime.read.exact`).
A file that cannot be read at all raises ``UnusableFile`` with one sentence for the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from diplotime.errors import UnusableFile
from diplotime.read import archive, xlsx
from diplotime.read.exact import read_text
from diplotime.read.fast import read_regular
from diplotime.read.sniff import decode
from diplotime.read.table import RawTable

FAST_PATH_BYTES = 2_000_000
MAX_FILE_BYTES = 1_000_000_000


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose instead of letting the reader detect it."""

    encoding: str | None = None
    delimiter: str | None = None
    format: str | None = None  # None = detect
    sheet: str | None = None  # XLSX sheet name; None = first
    has_header: bool = True


def read_file(data: bytes, name: str, options: ReadOptions, *, headerless: bool = False) -> RawTable:
    """Read CSV/TSV/TXT bytes, a zip holding one such table, or an XLSX workbook into text cells.

    ``headerless`` is the format's word that its files have no header row (GDELT).
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnusableFile(f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    inner = None
    if data.startswith(b"PK\x03\x04") and not archive.is_workbook(data):
        data, inner = archive.single_table(data)  # e.g. GDELT's 20190114150000.export.CSV.zip
    if inner is None and (name.lower().endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04")):
        return xlsx.read_workbook(data, name=name, sheet=options.sheet)
    table = read_table(
        data,
        name=inner or name,
        encoding=options.encoding,
        delimiter=options.delimiter,
        has_header=options.has_header and not headerless,
    )
    if inner is not None:
        table.warnings.insert(0, f"read {inner!r} from inside the ZIP archive")
    return table


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
        table = read_regular(data, name=name, encoding=encoding, delimiter=delimiter, has_header=has_header)
        if table is not None:
            return table
    text, codec, how = decode(data, encoding)
    return read_text(text, codec, how, name=name, delimiter=delimiter, has_header=has_header)
