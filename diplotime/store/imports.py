"""The event store: SQLite by default, PostgreSQL when a URL is given (SQLAlchemy Core).

Each import is one transaction and one batch. Events have a stable key, so importing the same rows
again adds nothing; ``undo_batch`` removes exactly one batch's events. The schema is created and
changed only by the numbered migrations in :mod:`diplotime.store.migrations`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.errors import BatchAlreadyUndone, NoSuchBatch, UndoConflict
from diplotime.pipeline import check_file
from diplotime.schema import EVENT_COLUMNS
from diplotime.store.bulk import Staging
from diplotime.store.changes import apply_updates
from diplotime.store.edits import record
from diplotime.store.migrations import batches, events, meta, revisions
from diplotime.validate import ValidationResult

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CHUNK = 100_000


@dataclass(frozen=True)
class ImportOutcome:
    batch: int | None  # None when nothing was new, so no batch was recorded
    added: int
    duplicates: int
    rejected: int
    updated: int = 0  # stored events given the file's new content (the changed rows chosen)


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
    who: str = "local",
    update: Collection[str] | None = None,
) -> ImportOutcome:
    """Store the valid events of ``result`` as one batch in one transaction.

    With ``all_or_nothing`` a file with any rejected row stores nothing. ``progress`` (optional) is
    called with the fraction done after each chunk. ``update`` names stored events (changed rows, see
    ``store.changed_rows``) to give the file's content, as revisions in this batch; others are skipped.
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
        "created_by": who[:200],
    }
    try:
        with Staging(engine, result.events) as staging:
            return _import_batch(engine, staging, result.events, batch, progress, update or ())
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
    engine: Engine, staging: Staging, valid: pd.DataFrame, batch: dict[str, Any], progress: Any, update: Collection[str]
) -> ImportOutcome:
    with engine.connect() as conn:
        staging.attach(conn)
        conn.commit()
        try:
            return _write_batch(conn, staging, valid, batch, progress, update)
        finally:
            conn.rollback()
            staging.detach(conn)
            conn.commit()


def _write_batch(
    conn: Connection,
    staging: Staging,
    valid: pd.DataFrame,
    batch: dict[str, Any],
    progress: Any,
    update: Collection[str],
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
        updated = apply_updates(conn, valid, update, batch_id, str(batch["created_by"]))
        duplicates = len(valid) - added - updated
        if added == 0 and updated == 0:
            raise _NothingNew(duplicates)
        conn.execute(batches.update().where(batches.c.id == batch_id).values(added=added, duplicates=duplicates))
    return ImportOutcome(batch_id, added, duplicates, int(batch["rejected"]), updated)


def undo_batch(engine: Engine, batch_id: int, *, who: str = "local") -> int:
    """Undo exactly one batch: remove the events it added and put back what its revisions changed.

    Returns how many events it removed or restored. Raises NoSuchBatch for an unknown batch,
    BatchAlreadyUndone for one undone before, and UndoConflict (nothing undone) when a later batch
    still standing changed one of its events: that one must be undone first.
    """
    with engine.begin() as conn:
        row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
        if row is None:
            raise NoSuchBatch(f"there is no batch {batch_id}")
        if row["undone_at"] is not None:
            raise BatchAlreadyUndone(f"batch {batch_id} was already undone on {row['undone_at']}")
        _refuse_if_changed_later(conn, batch_id)
        restored = _undo_revisions(conn, batch_id, who)
        removed = conn.execute(events.delete().where(events.c.batch_id == batch_id)).rowcount
        conn.execute(batches.update().where(batches.c.id == batch_id).values(undone_at=_now()))
    return int(removed) + restored


def _standing(conn: Connection, query: Any) -> list[int]:
    """The batches, not undone, among those ``query`` (revisions joined to batches) selects."""
    query = query.join(batches, batches.c.id == revisions.c.batch_id).where(batches.c.undone_at.is_(None))
    return sorted({int(r[0]) for r in conn.execute(query)})


def _refuse_if_changed_later(conn: Connection, batch_id: int) -> None:
    """Events this batch added or changed must not have been changed since by a batch still standing."""
    added = sa.select(events.c.id).where(events.c.batch_id == batch_id)
    own = (
        sa.select(revisions.c.event_id, sa.func.max(revisions.c.id).label("last"))
        .where(revisions.c.batch_id == batch_id)
        .group_by(revisions.c.event_id)
        .subquery()
    )
    later = _standing(
        conn,
        sa.select(revisions.c.batch_id).where(
            revisions.c.batch_id != batch_id, revisions.c.kind != "undo", revisions.c.event_id.in_(added)
        ),
    )
    later += _standing(
        conn,
        sa.select(revisions.c.batch_id)
        .join(own, own.c.event_id == revisions.c.event_id)
        .where(revisions.c.id > own.c.last, revisions.c.kind != "undo"),
    )
    if later:
        shown = ", ".join(str(b) for b in sorted(set(later)))
        raise UndoConflict(
            f"batch {batch_id} cannot be undone: its events were changed since by batch {shown}; undo that first"
        )


def _undo_revisions(conn: Connection, batch_id: int, who: str) -> int:
    """Put back the event versions this batch's revisions replaced, newest first; each is an undo revision."""
    rows = (
        conn.execute(
            sa.select(revisions)
            .where(revisions.c.batch_id == batch_id, revisions.c.kind != "undo")
            .order_by(revisions.c.id.desc())
        )
        .mappings()
        .all()
    )
    for rev in rows:
        before = json.loads(rev["before"]) if rev["before"] else None
        after = json.loads(rev["after"]) if rev["after"] else None
        key = rev["event_id"]
        if before is not None:
            origin = conn.execute(sa.select(batches.c.undone_at).where(batches.c.id == before["batch_id"])).first()
            if origin is not None and origin[0] is not None and before["batch_id"] != batch_id:
                raise UndoConflict(
                    f"batch {batch_id} cannot be undone: event {key} came from batch {before['batch_id']}, "
                    "which was undone since"
                )
            values = {c: before[c] for c in EVENT_COLUMNS}
            if after is None:  # a deletion: the event comes back as it was
                if conn.execute(sa.select(events.c.id).where(events.c.id == key)).first() is not None:
                    raise UndoConflict(f"batch {batch_id} cannot be undone: event {key} was stored again since")
                conn.execute(events.insert().values(**values, batch_id=before["batch_id"]))
            else:
                conn.execute(events.update().where(events.c.id == key).values(**values))
        record(conn, key, batch_id, "undo", after, before, who)
    return sum(1 for rev in rows if rev["before"] is not None)


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
