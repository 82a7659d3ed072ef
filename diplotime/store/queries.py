"""Small read-only queries on the store that the app runs on every rerun."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime import store
from diplotime.migrations import batches, events


def store_revision(engine: Engine) -> str:
    """A token that changes whenever events are imported or a batch is undone.

    The app caches its index of the events under this token, so another user's import (or another
    app instance on the same PostgreSQL store) shows up on the next rerun without re-reading the
    events every time.
    """
    query = sa.select(
        sa.select(sa.func.count()).select_from(events).scalar_subquery(),
        sa.select(sa.func.coalesce(sa.func.max(batches.c.id), 0)).scalar_subquery(),
        sa.select(sa.func.count()).select_from(batches).where(batches.c.undone_at.is_not(None)).scalar_subquery(),
    )
    with engine.connect() as conn:
        count, last_batch, undone = conn.execute(query).one()
    return f"{count}:{last_batch}:{undone}"


# Run in a child process: the ADBC driver links its own copy of SQLite, and two SQLite libraries must
# never open the same database file in one process (POSIX locks are per process: one library closing
# the file releases the other's locks; sqlite.org "How To Corrupt An SQLite Database File" 2.2.1).
# Another process is what SQLite is built for, like a second app instance on the same file.
_ARROW_READER = """
import sys
import adbc_driver_sqlite.dbapi as adbc
import pyarrow as pa
path, columns = sys.argv[1], sys.argv[2]
with adbc.connect(path) as conn, conn.cursor() as cursor:
    cursor.execute("SELECT " + columns + " FROM events")
    table = cursor.fetch_arrow_table()
with pa.ipc.new_stream(sys.stdout.buffer, table.schema) as out:
    out.write_table(table)
"""


def read_all_events(engine: Engine) -> pd.DataFrame:
    """Every stored event, as :func:`diplotime.store.read_events` gives them (same columns, order, types).

    For an SQLite file a child process reads the rows as Arrow columns through the ADBC driver (about
    2.5x faster for a million events) and streams them back; it never opens the file in this process
    (see ``_ARROW_READER``). Anything else, or any failure there, reads through SQLAlchemy.
    """
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or importlib.util.find_spec("adbc_driver_sqlite") is None:
        return store.read_events(engine)
    columns = ", ".join([*store.EVENT_COLUMNS, "batch_id"])
    try:
        done = subprocess.run([sys.executable, "-c", _ARROW_READER, path, columns], capture_output=True,
                              check=True, timeout=900)
        table = pa.ipc.open_stream(done.stdout).read_all()
    except (OSError, subprocess.SubprocessError, pa.ArrowException):
        return store.read_events(engine)
    # Sorting the Arrow table matches ORDER BY date_start, id (both compare text bytewise) and is faster.
    frame = table.sort_by([("date_start", "ascending"), ("id", "ascending")]).to_pandas()
    for col in ("lat", "lon"):
        frame[col] = frame[col].astype(float)
    frame["coords_approximate"] = frame["coords_approximate"].fillna(0).astype(bool)
    return frame
