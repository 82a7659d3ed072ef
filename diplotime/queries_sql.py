"""Small read-only queries on the store that the app runs on every rerun."""

from __future__ import annotations

import pandas as pd
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


def read_all_events(engine: Engine) -> pd.DataFrame:
    """The same frame as :func:`diplotime.store.read_events`, read faster from an SQLite file.

    On SQLite the rows come through the ADBC driver as Arrow columns (about 2.5x faster for a
    million events than row-by-row fetching); on any other database, or without the driver, this
    is ``store.read_events``.
    """
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        return store.read_events(engine)
    try:
        import adbc_driver_sqlite.dbapi as adbc
    except ImportError:
        return store.read_events(engine)
    columns = ", ".join([*store.EVENT_COLUMNS, "batch_id"])
    with adbc.connect(path) as conn, conn.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM events ORDER BY date_start, id")  # noqa: S608 (fixed names)
        table = cursor.fetch_arrow_table()
    frame = table.to_pandas()
    for col in ("lat", "lon"):
        frame[col] = frame[col].astype(float)
    frame["coords_approximate"] = frame["coords_approximate"].fillna(0).astype(bool)
    return frame
