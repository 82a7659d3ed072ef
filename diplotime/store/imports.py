"""The event store: SQLite by default, PostgreSQL when a URL is given (SQLAlchemy Core).

Each import is one transaction and one batch. Events have a stable key, so importing the same rows
again adds nothing; ``undo_batch`` removes exactly one batch's events. The schema is created and
changed only by the numbered migrations in :mod:`diplotime.store.migrations`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.errors import BatchAlreadyUndone, NoSuchBatch
from diplotime.pipeline import check_file
from diplotime.store.bulk import Staging
from diplotime.store.migrations import batches, events, meta
from diplotime.validate import ValidationResult

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CHUNK = 100_000


@dataclass(frozen=True)
class ImportOutcome:
    batch: int | None  # None when nothing was new, so no batch was recorded
    added: int
    duplicates: int
    rejected: int


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def import_events(
    engine: Engine,
    result: ValidationResult,
    *,
    file_name: str,
    data_hash: str,
    format: str = "events",
    all_or_nothing: bool = False,
    progress: Any = None,
    created_by: str | None = None,
) -> ImportOutcome:
    """Store the valid events of ``result`` as one batch in one transaction.

    With ``all_or_nothing`` a file with any rejected row stores nothing. ``progress`` (optional) is
    called with the fraction done after each chunk; ``created_by`` names who imported it.
    """
    rejected = result.rejected_rows
    if all_or_nothing and rejected:
        return ImportOutcome(None, 0, 0, rejected)
    batch = {
        "file_name": file_name[:500],
        "file_hash": data_hash,
        "created_at": _now(),
        "format": format,
        "rows": result.rows,
        "added": 0,
        "duplicates": 0,
        "rejected": rejected,
        "created_by": created_by,
    }
    try:
        with Staging(engine, result.events) as staging:
            return _import_batch(engine, staging, result.events, batch, progress)
    except _NothingNew as nothing:
        return ImportOutcome(None, 0, nothing.duplicates, rejected)


class _NothingNew(Exception):
    """Raised inside the transaction to roll back a batch that added no event."""

    def __init__(self, duplicates: int) -> None:
        self.duplicates = duplicates


def _insert_chunk(staging: Staging, conn: Connection, start: int, stop: int, batch_id: int) -> None:
    """Copy one chunk of a batch into ``events`` (tests inject failures here)."""
    staging.insert(conn, start, stop, batch_id)


def _import_batch(
    engine: Engine, staging: Staging, valid: pd.DataFrame, batch: dict[str, Any], progress: Any
) -> ImportOutcome:
    with engine.connect() as conn:
        staging.attach(conn)
        conn.commit()
        try:
            return _write_batch(conn, staging, valid, batch, progress)
        finally:
            conn.rollback()
            staging.detach(conn)
            conn.commit()


def _write_batch(
    conn: Connection, staging: Staging, valid: pd.DataFrame, batch: dict[str, Any], progress: Any
) -> ImportOutcome:
    with conn.begin():
        batch_id = conn.execute(batches.insert().values(**batch).returning(batches.c.id)).scalar_one()
        staging.fill(conn)
        for start in range(0, len(valid), CHUNK):
            _insert_chunk(staging, conn, start, start + CHUNK, batch_id)
            if progress:
                progress(min(1.0, (start + CHUNK) / max(len(valid), 1)))
        staging.finish(conn)
        added = conn.execute(
            sa.select(sa.func.count()).select_from(events).where(events.c.batch_id == batch_id)
        ).scalar_one()
        duplicates = len(valid) - added
        if added == 0:
            raise _NothingNew(duplicates)
        conn.execute(batches.update().where(batches.c.id == batch_id).values(added=added, duplicates=duplicates))
    return ImportOutcome(batch_id, added, duplicates, int(batch["rejected"]))


def undo_batch(engine: Engine, batch_id: int) -> int:
    """Remove exactly the events batch ``batch_id`` added; returns how many.

    Raises NoSuchBatch for an unknown batch and BatchAlreadyUndone for one undone before.
    """
    with engine.begin() as conn:
        row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
        if row is None:
            raise NoSuchBatch(f"there is no batch {batch_id}")
        if row["undone_at"] is not None:
            raise BatchAlreadyUndone(f"batch {batch_id} was already undone on {row['undone_at']}")
        removed = conn.execute(events.delete().where(events.c.batch_id == batch_id)).rowcount
        conn.execute(batches.update().where(batches.c.id == batch_id).values(undone_at=_now()))
    return int(removed)


def seed(engine: Engine, data_dir: Path = DATA_DIR) -> list[ImportOutcome]:
    """Fill a new store from the bundled CSVs, once: a store seeded before, or holding batches, is left alone."""
    with engine.begin() as conn:
        if conn.execute(sa.select(meta.c.value).where(meta.c.key == "seeded")).first() is not None:
            return []
        if conn.execute(sa.select(batches.c.id).limit(1)).first() is not None:
            return []  # not a new store: it was filled without the seed
        conn.execute(meta.insert().values(key="seeded", value=_now()))
    outcomes = []
    for path in sorted(data_dir.glob("*.csv")):
        data = path.read_bytes()
        result = check_file(data, path.name)
        outcomes.append(import_events(engine, result, file_name=path.name, data_hash=file_hash(data)))
    return outcomes
