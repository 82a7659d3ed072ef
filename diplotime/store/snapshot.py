"""A columnar snapshot of every stored event, kept beside the store and keyed by the store's revision.

Reading a million events out of SQLite or PostgreSQL takes seconds; reading them back from an Arrow file
takes a few hundredths of one. The first app start after a change reads the store and writes the snapshot;
every later start (and every other app instance on the same machine) whose store still has that revision
reads the snapshot instead. A snapshot whose revision, columns or file do not match is ignored and
replaced, and failing to write one (a read-only folder, a full disk) only means the next start reads the
store again: the store stays the one source of truth.

Where it lives: beside an SQLite file (``events.sqlite`` -> ``events.sqlite.snapshot.arrow``); for a
PostgreSQL store in ``$XDG_CACHE_HOME/diplotime/`` (``~/.cache``), named after a hash of the store's URL.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
from sqlalchemy.engine import Engine

from diplotime.schema import EVENT_COLUMNS
from diplotime.store.queries import read_all_events, store_revision

FORMAT = b"diplotime-snapshot-1"  # bump when the frame's layout changes
COLUMNS = [*EVENT_COLUMNS, "batch_id"]


def snapshot_path(engine: Engine) -> Path | None:
    """Where this store's snapshot lives (None for an in-memory store)."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:":
            return None
        return Path(f"{database}.snapshot.arrow")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "diplotime"
    key = hashlib.sha256(engine.url.render_as_string(hide_password=True).encode()).hexdigest()[:24]
    return base / f"{key}.snapshot.arrow"


def read_snapshot(engine: Engine, revision: str) -> pd.DataFrame | None:
    """The events as of ``revision`` from the snapshot, or None when there is none for that revision."""
    path = snapshot_path(engine)
    if path is None or not path.is_file():
        return None
    try:
        with pa.memory_map(str(path)) as source:
            reader = ipc.open_file(source)
            meta = reader.schema.metadata or {}
            if meta.get(b"format") != FORMAT or meta.get(b"revision") != revision.encode():
                return None
            table = reader.read_all()
    except (OSError, pa.ArrowException):
        return None
    if table.column_names != COLUMNS:
        return None
    frame = table.to_pandas()
    for col in ("lat", "lon"):
        frame[col] = frame[col].astype(float)
    frame["coords_approximate"] = frame["coords_approximate"].astype(bool)
    return frame


def write_snapshot(engine: Engine, revision: str, frame: pd.DataFrame) -> bool:
    """Keep ``frame`` as the snapshot of ``revision`` (written whole, then moved into place); False if it could not."""
    path = snapshot_path(engine)
    if path is None or list(frame.columns) != COLUMNS:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata(
            {**(table.schema.metadata or {}), b"format": FORMAT, b"revision": revision.encode()}
        )
        fd, temporary = tempfile.mkstemp(prefix=".snapshot-", dir=path.parent)
        os.close(fd)
        try:
            with pa.OSFile(temporary, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            os.replace(temporary, path)  # atomic: a reader sees the old snapshot or the new one, never half
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, pa.ArrowException):
        return False
    return True


def load_events(engine: Engine, revision: str | None = None) -> pd.DataFrame:
    """Every stored event, from the snapshot when it has the store's revision, else from the store (and then
    kept as the snapshot). Same columns, order and types as :func:`diplotime.store.read_all_events`."""
    revision = revision or store_revision(engine)
    frame = read_snapshot(engine, revision)
    if frame is not None:
        return frame
    frame = read_all_events(engine)
    if store_revision(engine) == revision:  # nothing changed while reading: safe to keep under this revision
        write_snapshot(engine, revision, frame)
    return frame
