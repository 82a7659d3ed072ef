"""Column mappings saved by name, so the next file of the same shape is read the same way.

A mapping says which column of a file holds which event field (``{"When": "date", "What": "title"}``).
It is stored with the header of the file it was made for; a new file *has the same shape* when its
header names match (ignoring case, spacing and punctuation), and a mapping *fits* a file when every
column it names is there.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime import schema
from diplotime.schema import header_key
from diplotime.store.migrations import mappings
from diplotime.text import clean_label

MAX_NAME = 100
MAX_SAVED = 500


@dataclass(frozen=True)
class SavedMapping:
    name: str
    headers: tuple[str, ...]  # header keys of the file the mapping was made for, in file order
    mapping: dict[str, str]  # file header -> event field
    updated_at: str

    def same_shape(self, headers: Iterable[str]) -> bool:
        """True when a file's header has exactly the columns of the file this mapping was made for."""
        return sorted(header_key(h) for h in headers) == sorted(self.headers)

    def fits(self, headers: Iterable[str]) -> bool:
        """True when every column the mapping names is in the file's header."""
        keys = {header_key(h) for h in headers}
        return all(header_key(source) in keys for source in self.mapping)

    def for_headers(self, headers: Iterable[str]) -> dict[str, str]:
        """The mapping in a file's own spelling of its headers: {'when': 'date'} -> {'When ': 'date'}."""
        spelled = {header_key(h): h for h in reversed(list(headers))}
        return {
            spelled[header_key(source)]: field
            for source, field in self.mapping.items()
            if header_key(source) in spelled
        }


def check_mapping(mapping: Mapping[str, str]) -> None:
    """Raise ValueError (one sentence) unless the mapping names known fields once each, required ones included."""
    unknown = sorted({f for f in mapping.values() if f not in schema.COLUMN_NAMES})
    if unknown:
        raise ValueError(f"unknown event fields: {', '.join(unknown)}")
    repeated = sorted({f for f in mapping.values() if list(mapping.values()).count(f) > 1})
    if repeated:
        raise ValueError(f"more than one column is chosen for {', '.join(repeated)}")
    missing = [f for f in schema.REQUIRED if f not in mapping.values()]
    if missing:
        raise ValueError(f"choose the column that holds the {' and the '.join(missing)}")


def clean_name(name: str) -> str:
    """A mapping's name as stored: clean_name('  ACLED   export ') -> 'ACLED export'. Raises ValueError if empty."""
    cleaned = clean_label(name)[:MAX_NAME].strip()
    if not cleaned:
        raise ValueError("give the mapping a name")
    return cleaned


def save_mapping(engine: Engine, name: str, headers: Iterable[str], mapping: Mapping[str, str]) -> SavedMapping:
    """Save (or replace) the mapping called ``name`` for files with these headers."""
    name = clean_name(name)
    check_mapping(mapping)
    headers = list(headers)
    keys = {header_key(h) for h in headers}
    absent = [source for source in mapping if header_key(source) not in keys]
    if absent:
        raise ValueError(f"the file has no column {absent[0]!r}")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    row = {
        "name": name,
        "headers": json.dumps([header_key(h) for h in headers], ensure_ascii=False),
        "mapping": json.dumps(dict(mapping), ensure_ascii=False),
        "updated_at": now,
    }
    with engine.begin() as conn:
        created = conn.execute(sa.select(mappings.c.created_at).where(mappings.c.name == name)).scalar()
        if created is None:
            count = conn.execute(sa.select(sa.func.count()).select_from(mappings)).scalar_one()
            if count >= MAX_SAVED:
                raise ValueError(f"there are already {MAX_SAVED} saved mappings; delete some first")
            conn.execute(mappings.insert().values(**row, created_at=now))
        else:
            conn.execute(mappings.update().where(mappings.c.name == name).values(**row))
    return _saved(row)


def list_mappings(engine: Engine) -> list[SavedMapping]:
    """Every saved mapping, most recently saved first."""
    query = sa.select(mappings).order_by(mappings.c.updated_at.desc(), mappings.c.name)
    with engine.connect() as conn:
        return [_saved(row) for row in conn.execute(query).mappings()]


def delete_mapping(engine: Engine, name: str) -> bool:
    """Delete a saved mapping; False when there is none of that name."""
    with engine.begin() as conn:
        return bool(conn.execute(mappings.delete().where(mappings.c.name == name)).rowcount)


def fitting_mappings(saved: Iterable[SavedMapping], headers: list[str]) -> list[SavedMapping]:
    """The saved mappings that fit a file: those made for a file of the same shape first."""
    fits = [m for m in saved if m.fits(headers)]
    return sorted(fits, key=lambda m: not m.same_shape(headers))


def _saved(row: Mapping[Any, Any]) -> SavedMapping:
    return SavedMapping(
        name=str(row["name"]),
        headers=tuple(json.loads(str(row["headers"]))),
        mapping=dict(json.loads(str(row["mapping"]))),
        updated_at=str(row["updated_at"]),
    )
