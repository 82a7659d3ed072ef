"""The event store: SQLite by default, PostgreSQL when a URL is given (SQLAlchemy Core).

Each import is one transaction and one batch. Events have a stable key, so importing the same rows
again adds nothing; ``undo_batch`` removes exactly one batch's events. The schema is created and
changed only by the numbered migrations in :mod:`diplotime.migrations`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.bulk import Staging
from diplotime.migrations import batches, events, meta, migrate
from diplotime.validate import EVENT_COLUMNS, ValidationResult

ENV_URL = "DIPLOTIME_DATABASE_URL"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHUNK = 100_000


def default_sqlite_path() -> Path:
    """Where the embedded store lives unless told otherwise: $XDG_DATA_HOME/diplotime/diplotime.sqlite."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "diplotime" / "diplotime.sqlite"


def resolve_url(url: str | None = None) -> str:
    """--db value, else $DIPLOTIME_DATABASE_URL, else the default SQLite file; a plain path means SQLite."""
    url = url or os.environ.get(ENV_URL) or str(default_sqlite_path())
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return url


def connect(url: str | None = None) -> Engine:
    """An engine for the store, with its schema migrated to the current version."""
    engine = sa.create_engine(resolve_url(url), future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk imports of large files stay in memory
    cur.close()


def describe(engine: Engine) -> str:
    """The store's URL with any password hidden, for messages."""
    return engine.url.render_as_string(hide_password=True)


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
    engine: Engine, result: ValidationResult, *, file_name: str, data_hash: str, format: str = "events",
    all_or_nothing: bool = False, progress: Any = None,
) -> ImportOutcome:
    """Store the valid events of ``result`` as one batch in one transaction.

    With ``all_or_nothing`` a file with any rejected row stores nothing. ``progress`` (optional) is
    called with the fraction done after each chunk.
    """
    rejected = result.rejected_rows
    if all_or_nothing and rejected:
        return ImportOutcome(None, 0, 0, rejected)
    batch = {"file_name": file_name[:500], "file_hash": data_hash, "created_at": _now(), "format": format,
             "rows": result.rows, "added": 0, "duplicates": 0, "rejected": rejected}
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


def _import_batch(engine: Engine, staging: Staging, valid: pd.DataFrame, batch: dict[str, Any],
                  progress: Any) -> ImportOutcome:
    with engine.connect() as conn:
        staging.attach(conn)
        conn.commit()
        try:
            return _write_batch(conn, staging, valid, batch, progress)
        finally:
            conn.rollback()
            staging.detach(conn)
            conn.commit()


def _write_batch(conn: Connection, staging: Staging, valid: pd.DataFrame, batch: dict[str, Any],
                 progress: Any) -> ImportOutcome:
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


def list_batches(engine: Engine, include_undone: bool = True) -> pd.DataFrame:
    """All import batches, newest first."""
    query = sa.select(batches).order_by(batches.c.id.desc())
    if not include_undone:
        query = query.where(batches.c.undone_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in batches.columns])


def undo_batch(engine: Engine, batch_id: int) -> int:
    """Remove exactly the events batch ``batch_id`` added; returns how many. Raises KeyError if unknown."""
    with engine.begin() as conn:
        row = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).mappings().first()
        if row is None:
            raise KeyError(f"there is no batch {batch_id}")
        if row["undone_at"] is not None:
            raise KeyError(f"batch {batch_id} was already undone on {row['undone_at']}")
        removed = conn.execute(events.delete().where(events.c.batch_id == batch_id)).rowcount
        conn.execute(batches.update().where(batches.c.id == batch_id).values(undone_at=_now()))
    return int(removed)


def read_events(engine: Engine, batch_id: int | None = None) -> pd.DataFrame:
    """Stored events (optionally one batch's) with the canonical and store columns, oldest first."""
    cols = [events.c[name] for name in EVENT_COLUMNS] + [events.c.batch_id]
    query = sa.select(*cols).order_by(events.c.date_start, events.c.id)
    if batch_id is not None:
        query = query.where(events.c.batch_id == batch_id)
    with engine.connect() as conn:
        frame = pd.read_sql_query(query, conn)
    for col in ("lat", "lon"):
        frame[col] = frame[col].astype(float)
    frame["coords_approximate"] = frame["coords_approximate"].astype(bool)
    return frame


def count_events(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


def seed(engine: Engine, data_dir: Path = DATA_DIR) -> list[ImportOutcome]:
    """Fill a new store from the bundled CSVs, once: a store seeded before, or holding batches, is left alone."""
    from diplotime.pipeline import check_file

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


def open_store(url: str | None = None, *, seed_from: Path | None = DATA_DIR) -> Engine:
    """Connect, migrate and (first time only) seed from ``data/``: what the app and CLI call."""
    engine = connect(url)
    if seed_from is not None:
        seed(engine, seed_from)
    return engine
