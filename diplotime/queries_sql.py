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
    """Every stored event, as :func:`diplotime.store.read_events` gives them.

    Not through the ADBC driver, although it reads a million events about 2.5x faster: it links its own
    copy of SQLite, and two SQLite libraries must never open the same database file in one process
    (sqlite.org, "How To Corrupt An SQLite Database File", 2.2.1: POSIX locks are per process, so one
    library closing its file releases the other's locks and may remove the WAL under it). In the app
    that made every later reader see the store as it was before the next import, or fail with "disk I/O
    error" (test_upload.py checks that an import after a read is seen).
    """
    return store.read_events(engine)
