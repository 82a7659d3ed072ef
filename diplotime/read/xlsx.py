"""Excel workbooks (.xlsx): the first sheet, or one named, as a table of text cells.

Before openpyxl parses anything the archive is checked: a zip bomb (too much uncompressed data, or a
member that inflates too far) and XML with a DOCTYPE or ENTITY declaration (billion laughs, XXE) are
refused. Cells become text as the sheet shows them: dates (date-formatted cells, and serial day
numbers in a date column) as ISO days, whole numbers without '.0'. Row numbers are the sheet's own.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from diplotime.errors import UnusableFile
from diplotime.read.archive import open_checked
from diplotime.read.sniff import find_header
from diplotime.read.table import RawTable, build_table, dedupe_warnings
from diplotime.schema import HEADER_SYNONYMS, header_key
from diplotime.text import plural

PROLOG_BYTES = 65_536
DATE_HEADERS = {header_key(h) for h in HEADER_SYNONYMS["date"] + HEADER_SYNONYMS["end_date"]} | {
    "event date",
    "end year",
}
EXCEL_1900 = dt.date(1899, 12, 30)  # serial 61 is 1900-03-01 once Excel's phantom 1900-02-29 is skipped
EXCEL_1904 = dt.date(1904, 1, 1)


def check_archive(data: bytes) -> None:
    """Refuse zip bombs and XML entity declarations before any XML is parsed."""
    with open_checked(data, "workbook") as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise UnusableFile("the file is a ZIP archive but not an .xlsx workbook")
        for member in archive.infolist():
            if member.filename.endswith((".xml", ".rels", ".vml")):
                _check_prolog(archive, member)


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """A DOCTYPE (and so any ENTITY) can only come before the root element: read up to it."""
    with archive.open(member) as stream:
        head = stream.read(PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise UnusableFile(
            f"{member.filename} in the workbook declares a DOCTYPE or XML entities, which "
            "spreadsheets never need (an XML entity attack); the workbook was not opened"
        )


def cell_text(value: object, date_column: bool = False, epoch_1904: bool = False) -> str:
    """A cell as text: cell_text(dt.datetime(2019, 1, 22)) -> '2019-01-22'; cell_text(43487.0, True) -> '2019-01-22'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if date_column or value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, int | float):
        if date_column and value >= 10_000:
            try:
                return excel_day(value, epoch_1904).isoformat()
            except ValueError:
                pass
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


def excel_day(value: float, epoch_1904: bool = False) -> dt.date:
    """An Excel serial day number as a day: excel_day(43487) -> datetime.date(2019, 1, 22).

    Excel's phantom 29 February 1900 (serial 60) is refused with ValueError; a time of day is dropped.
    """
    days = int(value)
    if days < 1 or days > 2_958_465:
        raise ValueError(f"{value!r} is not an Excel date serial number")
    if epoch_1904:
        return EXCEL_1904 + dt.timedelta(days=days)
    if days == 60:
        raise ValueError("Excel serial 60 is 29 February 1900, a day that does not exist")
    return EXCEL_1900 + dt.timedelta(days=days if days > 60 else days + 1)


def read_workbook(data: bytes, *, name: str = "", sheet: str | None = None) -> RawTable:
    """Read one sheet of an .xlsx workbook into text cells, reporting the sheet and any date conversions."""
    check_archive(data)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks; the user needs one sentence
        raise UnusableFile(f"the workbook cannot be opened: {_first_line(exc)}") from None
    try:
        return _read_sheet(book, name, sheet)
    except UnusableFile:
        raise
    except Exception as exc:  # a damaged sheet fails while its rows are read: still one sentence
        raise UnusableFile(f"the workbook cannot be read: {_first_line(exc)}") from None
    finally:
        book.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _read_sheet(book: object, name: str, sheet: str | None) -> RawTable:
    names = list(book.sheetnames)  # type: ignore[attr-defined]
    warnings: list[str] = []
    if sheet is not None and sheet not in names:
        raise UnusableFile(f"the workbook has no sheet {sheet!r}; its sheets are {', '.join(map(repr, names))}")
    chosen = sheet if sheet is not None else names[0]
    if sheet is None and len(names) > 1:
        warnings.append(
            f"the workbook has {len(names)} sheets; read the first, {chosen!r} (choose another with --sheet)"
        )
    ws = book[chosen]  # type: ignore[index]
    epoch_1904 = bool(getattr(book, "epoch", None) and book.epoch.year == 1904)  # type: ignore[attr-defined]
    raw = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in raw), default=0)
    raw = [r + [None] * (width - len(r)) for r in raw]  # a sheet row ends at its last filled cell
    if not any(any(v is not None and str(v).strip() for v in r) for r in raw):
        raise UnusableFile(f"the sheet {chosen!r} is empty")
    first_row = ws.min_row or 1
    texts = [[cell_text(v) for v in r] for r in raw[:40]]
    content = [r for r in texts if any(c.strip() for c in r)]
    header = content[find_header(content[:30])] if content else []
    date_cols = {i for i, h in enumerate(header) if header_key(h) in DATE_HEADERS}
    converted = [0]

    def text(value: object, col: int) -> str:
        out = cell_text(value, col in date_cols, epoch_1904)
        if col in date_cols and isinstance(value, int | float) and not isinstance(value, bool) and value >= 10_000:
            converted[0] += 1
        return out

    records = [(i, [text(v, c) for c, v in enumerate(r)]) for i, r in enumerate(raw, start=first_row)]
    if converted[0]:
        warnings.append(
            f"{plural(converted[0], 'Excel serial day number in a date column was read as a date', 'Excel serial day numbers in date columns were read as dates')}"
        )
    table = build_table(records, "", "xlsx", first_row - 1, True, name, warnings)
    table.sheet, table.reader, table.encoding_detection = chosen, "openpyxl", "xlsx workbook"
    table.warnings = dedupe_warnings(table.warnings)
    return table
