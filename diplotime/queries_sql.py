"""Small read-only queries on the store that the app runs on every rerun."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

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
