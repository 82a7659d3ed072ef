"""A file's columns before any check: its header and sample values read from its first part, the
field each column is suggested for, and the user's choice of columns as a mapping.

Works on the file's bytes (an :class:`~diplotime.upload.check.Upload`) like the rest of the upload steps;
reading the first ~256 kB keeps this instant for a 100 MB file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from diplotime import formats, schema
from diplotime.errors import UnusableFile
from diplotime.formats.events import suggest_mapping
from diplotime.read import read_file
from diplotime.read.table import RawTable
from diplotime.store import file_hash
from diplotime.upload.check import FIELD_LABELS, Choices, Upload, sentence, ui_wording
from diplotime.upload.suggest import suggest_fields

HEAD_BYTES = 256_000  # enough of a large file to read its header and sample values
SAMPLES = 20
FIRST_LOOK_BYTES = 5_000_000  # files larger than this show their first rows while the whole file is checked


@dataclass(frozen=True)
class FileColumns:
    """The header and sample values of a file, read from its first part (enough for the column pickers)."""

    headers: tuple[str, ...] = ()
    samples: dict[str, list[str]] = field(default_factory=dict)
    format: str = "events"  # the format detected from the header
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 0
    sheet: str | None = None
    error: str = ""


def head_bytes(data: bytes, limit: int = HEAD_BYTES) -> bytes:
    """The first ``limit`` bytes of a text file cut after a line end (a whole line for UTF-16 too)."""
    if len(data) <= limit:
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: a line end is two bytes, at an even offset
        end = data.rfind(b"\n\x00" if data.startswith(b"\xff\xfe") else b"\x00\n", 0, limit)
        while end > 0 and end % 2:
            end = data.rfind(b"\n\x00" if data.startswith(b"\xff\xfe") else b"\x00\n", 0, end)
        return data[: end + 2] if end > 0 else data
    end = data.rfind(b"\n", 0, limit)
    return data[: end + 1] if end > 0 else data


def worth_a_first_look(upload: Upload) -> bool:
    """True for a text file big enough that its first rows are worth showing before the whole check."""
    return not upload.is_workbook and upload.size > FIRST_LOOK_BYTES and not upload.data.startswith(b"PK")


def first_part(upload: Upload) -> Upload:
    """The first ~256 kB of a large text file, cut after a line, as an upload of its own (same name)."""
    head = head_bytes(upload.data)
    return Upload(name=upload.name, data=head, digest=file_hash(head), size=len(head))


def read_columns(upload: Upload, choices: Choices) -> FileColumns:
    """Read the header and some values of each column with the user's reading choices."""
    options = choices.reading().read_options()
    table: RawTable | None = None
    head = upload.data if upload.is_workbook else head_bytes(upload.data)
    try:
        table = read_file(head, upload.name, options)
    except UnusableFile as exc:
        if len(head) == len(upload.data):
            return FileColumns(error=ui_wording(sentence(str(exc))))
    if table is None:  # the first part ends inside a quoted cell: read the whole file
        try:
            table = read_file(upload.data, upload.name, options)
        except UnusableFile as exc:
            return FileColumns(error=ui_wording(sentence(str(exc))))
    samples = {}
    for header in table.headers:
        values = table.frame[header].head(200).astype(str).str.strip()
        samples[header] = list(dict.fromkeys(v for v in values if v))[:SAMPLES]
    return FileColumns(
        headers=tuple(table.headers),
        samples=samples,
        format=formats.detect_format(table),
        encoding=table.encoding,
        delimiter=table.delimiter,
        header_row=table.header_row,
        sheet=table.sheet,
    )


def sheet_names(upload: Upload) -> list[str]:
    """The sheets of a workbook, in order ([] for a text file or a workbook that cannot be opened)."""
    if not upload.is_workbook:
        return []
    from diplotime.read import xlsx

    try:
        xlsx.check_archive(upload.data)
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(upload.data), read_only=True)
    except Exception:  # noqa: BLE001 - the check itself reports why the workbook is unusable
        return []
    try:
        return [str(n) for n in book.sheetnames]
    finally:
        book.close()


def initial_fields(columns: FileColumns) -> dict[str, tuple[str, str]]:
    """Event field -> (file column, why) suggested for a file: by header name, then by the values."""
    return suggest_fields(list(columns.headers), columns.samples, suggest_mapping(list(columns.headers)))


def fields_to_mapping(fields: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The pickers' choice (event field -> file column) as a mapping (file column -> field), and what is wrong
    with it: a column chosen twice, or a required field without a column."""
    mapping: dict[str, str] = {}
    problems: list[str] = []
    for fld in schema.COLUMN_NAMES:
        column = fields.get(fld) or ""
        if not column:
            continue
        if column in mapping:
            problems.append(
                f"The column “{column}” is chosen for both {FIELD_LABELS[mapping[column]]} and "
                f"{FIELD_LABELS[fld]}: choose another column for one of them."
            )
            continue
        mapping[column] = fld
    for fld in schema.REQUIRED:
        if fld not in mapping.values():
            problems.append(f"Choose the column that holds the {FIELD_LABELS[fld].lower()} of each event.")
    return mapping, problems


def detected_defaults(columns: FileColumns) -> dict[str, Any]:
    """What detection finds for each setting with no choices made, read from the start of the file (the
    same detectors the full read uses): the page labels each 'Detect' option with it."""
    return {
        "format": "" if columns.error else columns.format,  # a file that cannot be read has no format to name
        "encoding": columns.encoding,
        "delimiter": columns.delimiter,
        "sheet": columns.sheet or "",
    }


def choices_with_mapping(choices: Choices, mapping: dict[str, str], headers: list[str]) -> Choices:
    """The choices with the pickers' mapping: none when it is what the events format finds by itself
    (so an untouched file is read exactly as the command line reads it), else the mapping itself."""
    if choices.format in (None, "events") and mapping == suggest_mapping(headers):
        return choices
    return replace(choices, format="events", mapping=tuple(sorted(mapping.items())))


def columns_frame(columns: FileColumns) -> pd.DataFrame:
    """Each column of the file with a few of its values, to choose from."""
    return pd.DataFrame(
        {
            "column": list(columns.headers),
            "examples": [" · ".join(v[:40] for v in columns.samples.get(h, [])[:3]) for h in columns.headers],
        }
    )


def read_facts(columns: FileColumns) -> dict[str, Any]:
    """What reading the start of the file found, for the page to show before (or without) a full check."""
    return {
        "format": "" if columns.error else columns.format,  # a file that cannot be read has no format to name
        "encoding": columns.encoding,
        "delimiter": columns.delimiter,
        "header_row": columns.header_row,
        "sheet": columns.sheet,
    }


def guessed_fields(suggested: dict[str, tuple[str, str]], headers: list[str]) -> set[str]:
    """The suggested fields whose column the header does not name outright (the user should check them)."""
    return set(suggested) - set(suggest_mapping(headers).values())
