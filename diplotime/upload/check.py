"""The Upload page's steps, without Streamlit: the user's choices, the check, counts against the store,
the preview, the problems download and column suggestions.

The file's bytes stay with the caller (the page keeps them in the user's own session, never in a
cache shared between users); every function here takes them, or the check's result, as an argument.
Nothing here writes to the store: the import is :func:`diplotime.store.import_events`.
"""

from __future__ import annotations

import codecs
import ctypes
import io
import re
import traceback
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from diplotime import formats, names, schema
from diplotime.errors import PROBLEM_COLUMNS, UnusableFile
from diplotime.export import neutralise
from diplotime.formats.base import MapOptions
from diplotime.pipeline import check_file, default_dataset
from diplotime.read import DELIMITER_NAMES, ReadOptions, archive
from diplotime.store import file_hash
from diplotime.text import file_label
from diplotime.validate import kernels
from diplotime.validate.table import ValidationResult

PREVIEW_ROWS = 500  # events sent to the browser for the preview; the counts cover every row
PROBLEM_ROWS = 2_000  # problems shown on the page; the download has all of them
_TEXT = pd.StringDtype("pyarrow")

# Keyed by Python's canonical codec names, which the read stage reports.
ENCODINGS: dict[str, str] = {
    "utf-8": "UTF-8 (Unicode)",
    "utf-8-sig": "UTF-8 with byte-order mark (Excel)",
    "utf-16": "UTF-16 (Unicode, Excel 'Unicode text')",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8-r": "KOI8-R (Cyrillic)",
    "cp932": "Shift-JIS / cp932 (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "cp1252": "Windows-1252 (Western European)",
    "iso8859-1": "ISO-8859-1 (Latin-1)",
}
assert all(codecs.lookup(name).name == name for name in ENCODINGS)
DELIMITERS: dict[str, str] = {d: f"{name} ({'tab' if d == chr(9) else d})" for d, name in DELIMITER_NAMES.items()}
DATE_ORDERS: dict[str, str] = {"dmy": "day first (31/12/2019)", "mdy": "month first (12/31/2019)"}
FIELD_LABELS: dict[str, str] = {
    "date": "Date",
    "title": "Title",
    "event_type": "Type",
    "location": "Place",
    "countries": "Countries",
    "actors": "Actors",
    "end_date": "End date",
    "date_precision": "Date precision",
    "description": "Description",
    "source": "Source",
    "lat": "Latitude",
    "lon": "Longitude",
    "tags": "Tags",
    "related": "Related events",
    "dataset": "Dataset",
    "id": "ID",
}
assert set(FIELD_LABELS) == set(schema.COLUMN_NAMES)
# The CLI's option names in messages, as the page's choices are called.
_UI_WORDS = (
    ("--dayfirst or --monthfirst", "a date order (Date order, above)"),
    ("--encoding", "Encoding, above"),
    ("--sheet", "Sheet, above"),
    ("--delimiter", "Delimiter, above"),
    ("--format", "Format, above"),
)
_CLI_OPTION = re.compile("|".join(re.escape(cli) for cli, _ in _UI_WORDS))


@dataclass(frozen=True)
class Upload:
    """A file as the user sent it: its bytes stay in that user's session until imported or removed."""

    name: str  # display text only (cleaned, shortened): never used as a path
    data: bytes = field(repr=False)
    digest: str
    size: int

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Upload:
        return cls(name=file_label(name, 120), data=data, digest=file_hash(data), size=len(data))

    @property
    def is_workbook(self) -> bool:
        """An Excel workbook (it has sheets to choose from; a ZIP holding one table does not)."""
        if self.data.startswith(b"PK\x03\x04"):
            return archive.is_workbook(self.data)
        return self.name.lower().endswith((".xlsx", ".xlsm"))


@dataclass(frozen=True)
class Choices:
    """What the user chose instead of detection; None (or an empty mapping) means 'detect'."""

    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    has_header: bool = True
    date_order: str | None = None
    dataset: str | None = None
    mapping: tuple[tuple[str, str], ...] = ()  # (file column, event field), for the events format

    def read_options(self) -> ReadOptions:
        return ReadOptions(
            encoding=self.encoding,
            delimiter=self.delimiter,
            format=self.format,
            sheet=self.sheet,
            has_header=self.has_header,
        )

    def map_options(self) -> MapOptions:
        return MapOptions(date_order=self.date_order, dataset=self.dataset, mapping=dict(self.mapping) or None)

    def reading(self) -> Choices:
        """Only the choices that change how cells are read (not how they are mapped or validated)."""
        return Choices(encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet, has_header=self.has_header)


@dataclass
class Checked:
    """The check of one file under one set of choices: a result, or one sentence saying why not."""

    choices: Choices
    result: ValidationResult | None = None
    error: str = ""
    unexpected: bool = False  # the error is a fault of ours, not of the file (logged with its traceback)


def check_upload(upload: Upload, choices: Choices) -> Checked:
    """Read, map and validate the file with the user's choices. Never raises for a bad file."""
    try:
        result = check_file(upload.data, upload.name, choices.read_options(), choices.map_options())
    except UnusableFile as exc:
        return Checked(choices, error=ui_wording(sentence(str(exc))))
    except (MemoryError, RecursionError, ValueError, KeyError, IndexError, TypeError, UnicodeError) as exc:
        # A fault of ours, not the user's: keep the page usable, say so plainly, keep the details in the log.
        traceback.print_exc()
        return Checked(
            choices,
            error=f"The file could not be checked because of an internal error "
            f"({type(exc).__name__}); nothing was stored.",
            unexpected=True,
        )
    result.events = compact(result.events)
    return Checked(choices, result=result)


def compact(events: pd.DataFrame) -> pd.DataFrame:
    """The events as the session keeps them until the import: a text column that repeats its values (a
    type, a place, a date, an empty column) is held as codes into its distinct values (categorical), the
    rest as Arrow strings. A checked 100 MB file then holds about half the memory (bench/upload.py)."""
    for column in events.columns:
        values = events[column]
        if values.dtype == object:
            values = values.astype(_TEXT)
        events[column] = _codes_if_repeated(values) if values.dtype == _TEXT else values
    give_back_memory()
    return events


def _codes_if_repeated(values: pd.Series) -> pd.Series:
    """A text column as a categorical when it has at most half as many distinct values as rows."""
    array = kernels.text_array(values)
    if not kernels.repeats(array):
        return values
    distinct, indices = kernels.encode(array)
    if len(distinct) > len(values) // 2:
        return values
    categories = pd.Index(distinct.to_pylist(), dtype=object)
    return pd.Series(
        pd.Categorical.from_codes(indices.to_numpy(zero_copy_only=False), categories=categories), index=values.index
    )


def give_back_memory() -> None:
    """Return the memory a large check freed to the system, so an idle session holds only its result.

    Arrow's allocator and glibc's malloc both keep freed memory for reuse; a checked 100 MB file
    otherwise leaves the server about 600 MB larger than it needs to be (bench/upload.py).
    """
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        pass


def sentence(text: str) -> str:
    """One sentence for the page: sentence('the file is empty') -> 'The file is empty.'"""
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else "The file cannot be read."


def ui_wording(message: str) -> str:
    """A message written for the command line, as the page says it: '(--encoding)' -> '(Encoding, above)'."""
    return _CLI_OPTION.sub(lambda m: dict(_UI_WORDS)[m.group(0)], message)


# ---------------------------------------------------------------- what the check found


@dataclass(frozen=True)
class Counts:
    rows: int  # data rows in the file
    valid: int  # events that passed validation
    new: int  # valid events not in the store yet: what an import adds
    duplicates: int  # valid events already stored (same id): an import skips them
    rejected: int  # rows with a problem: not imported
    merged: int  # rows repeating an earlier row of the file, merged into it
    set_aside: int = 0  # rows that are not events (a TimelineJS title slide): neither merged nor rejected
    likely: int = 0  # likely duplicates the user chose to skip (upload.duplicates)
    updates: int = 0  # changed rows the user chose to apply (stored events given the file's content)


def count_rows(result: ValidationResult, stored: np.ndarray) -> Counts:
    """The numbers the page shows before an import, from the check and which ids the store has."""
    valid = len(result.events)
    duplicates = int(np.count_nonzero(stored))
    rejected = result.rejected_rows
    set_aside = int(result.facts.get("set_aside", 0) or 0)
    return Counts(
        rows=result.rows,
        valid=valid,
        new=valid - duplicates,
        duplicates=duplicates,
        rejected=rejected,
        merged=max(result.rows - rejected - valid - set_aside, 0),
        set_aside=set_aside,
    )


def preview_frame(result: ValidationResult, stored: np.ndarray, limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first ``limit`` events as they will be stored: dates as the file gives them, with their precision."""
    ev = result.events.head(limit)
    return pd.DataFrame(
        {
            "row": ev["source_row"].to_numpy(),
            "status": np.where(stored[: len(ev)], "already stored", "new"),
            "date": ev["date"].astype(str).to_numpy(),
            "end_date": ev["end_date"].astype(str).to_numpy(),
            "precision": ev["date_precision"].astype(str).to_numpy(),
            "title": ev["title"].astype(str).to_numpy(),
            "type": [names.type_label(t) for t in ev["event_type"]],
            "countries": ev["countries"].astype(str).to_numpy(),
            "place": ev["location"].astype(str).to_numpy(),
            "lat": ev["lat"].to_numpy(dtype=float),
            "lon": ev["lon"].to_numpy(dtype=float),
            "approximate": ev["coords_approximate"].to_numpy(dtype=bool),
            "actors": ev["actors"].astype(str).to_numpy(),
            "source": ev["source"].astype(str).to_numpy(),
            "dataset": ev["dataset"].astype(str).to_numpy(),
            "id": ev["id"].astype(str).to_numpy(),
        }
    )


def first_rows_frame(result: ValidationResult, limit: int = 100) -> pd.DataFrame:
    """The preview of a first look at a large file (whether they are stored is not asked yet)."""
    return preview_frame(result, np.zeros(len(result.events), dtype=bool), limit).drop(columns=["status"])


def problems_table(result: ValidationResult, limit: int = PROBLEM_ROWS) -> pd.DataFrame:
    """The first ``limit`` problems (row, column, value, message), in row order, worded for the page.

    The codes are for scripts: they are in the CSV download and the CLI's JSON, not on the page.
    """
    frame = result.errors.head(limit).drop(columns=["code"])
    frame["message"] = frame["message"].map(ui_wording)
    return frame


def problems_csv(result: ValidationResult) -> str:
    """Every problem as CSV (row, column, value, message, code), safe to open in a spreadsheet: a value that
    starts like a formula is written with a leading apostrophe."""
    frame = result.errors
    out = pd.DataFrame({"row": frame["row"].astype("int64")})
    for col in PROBLEM_COLUMNS[1:]:
        texts = frame[col].astype(str)
        out[col] = [neutralise(ui_wording(t) if col == "message" else t) for t in texts]
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def warnings_list(result: ValidationResult) -> list[str]:
    return [sentence(ui_wording(w)) for w in result.warnings]


def detected_facts(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What the read and map stages found, as (label, value) lines for the page."""
    fmt = formats.FORMATS.get(facts.get("format") or "")
    lines = [("Format", fmt.LABEL if fmt else str(facts.get("format")))]
    if facts.get("sheet"):
        lines.append(("Sheet", str(facts["sheet"])))
    else:
        lines.append(("Encoding", encoding_label(str(facts.get("encoding") or ""))))
        lines.append(("Delimiter", DELIMITERS.get(str(facts.get("delimiter")), repr(facts.get("delimiter")))))
    header_row = facts.get("header_row") or 0
    lines.append(("Header", f"row {header_row}" if header_row else "none: columns are numbered"))
    if facts.get("blank_lines"):
        lines.append(("Blank rows", f"{facts['blank_lines']:,} skipped"))
    if facts.get("date_order"):  # only when some date reads two ways (03/04/2019) and an order was decided
        lines.append(("Date order", date_order_label(facts["date_order"])))
    return lines


def encoding_label(codec: str) -> str:
    """encoding_label('latin_1') -> 'ISO-8859-1 (Latin-1)'; a codec without a description shows its name."""
    try:
        name = codecs.lookup(codec).name if codec else ""
    except LookupError:
        name = codec
    return ENCODINGS.get(name, codec or "unknown")


def date_order_label(order: str | None, short: bool = False) -> str:
    """How dates with two readings are read; 'not needed' when no date in the file reads two ways."""
    if short:
        return DATE_ORDERS[order].split(" (")[0] if order in DATE_ORDERS else "not needed"
    return DATE_ORDERS.get(order or "", "not needed: no date in the file reads two ways")


def mapping_frame(headers: tuple[str, ...] | list[str], mapping: dict[str, str]) -> pd.DataFrame:
    """Each column of the file and the event field it is read as (or 'kept as an extra attribute')."""
    return pd.DataFrame(
        {
            "column in the file": list(headers),
            "read as": [
                FIELD_LABELS.get(mapping[h], mapping[h]) if h in mapping else "kept as an extra attribute"
                for h in headers
            ],
        }
    )


def default_dataset_name(upload: Upload) -> str:
    return default_dataset(upload.name) or schema.DEFAULT_DATASET


def format_label(name: str, short: bool = False) -> str:
    """format_label('gdelt', short=True) -> 'GDELT event export'; the long form adds what identifies it."""
    module = formats.FORMATS.get(name or "")
    if module is None:
        return str(name or "")
    return module.LABEL.split(" (")[0] if short else module.LABEL


def size_label(size: int) -> str:
    """size_label(282) -> '282 bytes'; size_label(12_345) -> '12.3 kB'; size_label(98_877_155) -> '98.9 MB'."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:,.1f} MB"
