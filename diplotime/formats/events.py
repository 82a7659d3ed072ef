"""The canonical events format: the schema's columns, or their English, Russian and Japanese synonyms."""

from __future__ import annotations

from diplotime import schema
from diplotime.errors import UnusableFile
from diplotime.formats.base import MapOptions, MappedTable, rename
from diplotime.read.table import RawTable

NAME = "events"
LABEL = "Event table (canonical columns or common synonyms)"


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Source header -> canonical column for every header that names one (first one wins)."""
    mapping: dict[str, str] = {}
    for header in headers:
        canon = schema.HEADER_LOOKUP.get(schema.header_key(header))
        if canon and canon not in mapping.values():
            mapping[header] = canon
    return mapping


def detect(table: RawTable) -> float:
    mapping = suggest_mapping(table.headers)
    if "date" in mapping.values() and "title" in mapping.values():
        return 0.5
    return 0.1 if mapping else 0.0


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    mapping = dict(options.mapping) if options.mapping else suggest_mapping(table.headers)
    unknown = [h for h in mapping if h not in table.headers]
    if unknown:
        raise UnusableFile(f"the column mapping names columns the file does not have: {', '.join(unknown)}")
    bad = [c for c in mapping.values() if c not in schema.COLUMN_NAMES]
    if bad:
        raise UnusableFile(f"the column mapping names unknown event fields: {', '.join(bad)}")
    duplicated = {c for c in mapping.values() if list(mapping.values()).count(c) > 1}
    if duplicated:
        raise UnusableFile(f"more than one column is mapped to {', '.join(sorted(duplicated))}")
    repeated = [h for h in table.duplicate_headers if h in mapping]
    if repeated:
        raise UnusableFile(
            f"the header has the column {repeated[0]!r} more than once, so which one holds the data is unclear"
        )
    missing = [c for c in schema.REQUIRED if c not in mapping.values()]
    if missing:
        raise UnusableFile(
            f"no {' or '.join(missing)} column: the header has {', '.join(table.headers[:12])}"
            + (" …" if len(table.headers) > 12 else "")
        )
    mapped = rename(table.frame, table.rows, NAME, mapping)
    mapped.coordinate_columns_given = "lat" in mapping.values() and "lon" in mapping.values()
    return mapped
