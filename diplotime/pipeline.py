"""The import pipeline up to the store: read -> map (format) -> validate, with one report.

Both the CLI and the upload page call ``check_file``; it never raises for bad content, only
``UnusableFile`` for a file that cannot be read as an event table at all.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from diplotime import formats
from diplotime.errors import UnusableFile
from diplotime.formats.base import MapOptions
from diplotime.read import DELIMITER_NAMES, RawTable, ReadOptions, read_file
from diplotime.validate import ValidationResult, validate_table


def check_file(
    data: bytes, name: str = "", read_options: ReadOptions | None = None, map_options: MapOptions | None = None
) -> ValidationResult:
    """Read, map and validate one file; the result carries what was detected in ``facts``."""
    read_options = read_options or ReadOptions()
    map_options = map_options or MapOptions()
    if read_options.format and read_options.format not in formats.FORMATS:
        raise UnusableFile(f"unknown format {read_options.format!r}: choose one of {', '.join(formats.FORMATS)}")
    chosen = formats.FORMATS.get(read_options.format or "")
    table = read_file(data, name, read_options, headerless=getattr(chosen, "HEADERLESS", False))
    fmt_name = read_options.format or formats.detect_format(table)
    module = formats.FORMATS[fmt_name]
    if getattr(module, "HEADERLESS", False) and table.has_header:
        table = read_file(data, name, replace(read_options, format=fmt_name), headerless=True)
    mapped = module.map_table(table, map_options)
    if len(mapped.frame) == 0:
        raise UnusableFile("the file has a header but no event rows")
    result = validate_table(
        mapped, date_order=map_options.date_order, dataset=map_options.dataset or default_dataset(name)
    )
    result.problems = sorted(table.problems + result.problems, key=lambda p: (p.row, p.column))
    # Rows of the file, not events: a format may merge rows (GDELT) or set some aside (a TimelineJS title slide).
    file_rows = mapped.source_rows if mapped.source_rows is not None else len(table.frame)
    result.rows = file_rows + len({p.row for p in table.problems})
    result.warnings = table.warnings + result.warnings
    result.facts = facts(table, fmt_name, mapped.mapping, result)
    result.facts["set_aside"] = mapped.set_aside
    return result


def default_dataset(name: str) -> str | None:
    """Dataset name for rows that carry none: the file's stem ('events 2019.csv' -> 'events 2019')."""
    stem = Path(name.replace("\\", "/")).name.rsplit(".", 1)[0].strip() if name else ""
    return stem[:100] or None


def facts(table: RawTable, fmt: str, mapping: dict[str, str], result: ValidationResult) -> dict[str, Any]:
    """What the read and map stages detected, as the report and the upload page show it."""
    return {
        "format": fmt,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "delimiter_name": DELIMITER_NAMES.get(table.delimiter, table.delimiter),
        "header_row": table.header_row,
        "blank_lines": table.blank_lines,
        "sheet": table.sheet,
        "date_order": result.date_order,
        "mapping": mapping,
    }


def report(result: ValidationResult, file_name: str) -> dict[str, Any]:
    """The JSON report of ``validate`` and ``import``."""
    return {
        "file": file_name,
        **{
            k: result.facts.get(k)
            for k in ("format", "encoding", "delimiter", "date_order", "header_row", "blank_lines", "sheet", "mapping")
        },
        "rows": result.rows,
        "valid": len(result.events),
        "rejected": result.rejected_rows,
        "errors": [p.as_dict() for p in result.problems],
        "warnings": result.warnings,
    }
