"""Read-only store queries the Upload and Batches pages need: which ids are stored, batch details.

Nothing here writes: imports and undo stay in :mod:`diplotime.store`, one transaction each.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime import columns
from diplotime.migrations import batches, events

ID_CHUNK = 5_000  # ids per IN (...) query: far below SQLite's and PostgreSQL's parameter limits
READ_ALL_IDS = 200_000  # a store this small is read whole rather than asked about in chunks


def stored_ids(engine: Engine, ids: Sequence[str] | np.ndarray | pd.Series) -> np.ndarray:
    """A boolean array: True where the id is already in the store (an import would skip that event).

    A small store (or a file at least as large as it) is compared against the store's whole id
    list in one query; otherwise the file's ids are looked up in chunks, through the primary key.
    """
    wanted = columns.text_array(ids if isinstance(ids, pd.Series) else pd.Series(np.asarray(ids, dtype=object)))
    if len(wanted) == 0:
        return np.zeros(0, dtype=bool)
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        if total == 0:
            return np.zeros(len(wanted), dtype=bool)
        if total <= max(READ_ALL_IDS, len(wanted)):
            known = conn.execute(sa.select(events.c.id)).scalars().all()
        else:
            unique = pc.unique(wanted).to_pylist()
            known = []
            for start in range(0, len(unique), ID_CHUNK):
                chunk = unique[start:start + ID_CHUNK]
                known.extend(conn.execute(sa.select(events.c.id).where(events.c.id.in_(chunk))).scalars())
    found = pc.is_in(wanted, value_set=pa.array(known, type=pa.large_string()))
    return found.to_numpy(zero_copy_only=False).astype(bool)


def batch_of_file(engine: Engine, data_hash: str) -> dict[str, object] | None:
    """The newest batch (not undone) that imported a file with these exact bytes, or None."""
    query = (sa.select(batches.c.id, batches.c.created_at, batches.c.file_name, batches.c.added)
             .where(batches.c.file_hash == data_hash, batches.c.undone_at.is_(None))
             .order_by(batches.c.id.desc()).limit(1))
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def batch_event_count(engine: Engine, batch_id: int) -> int:
    """How many stored events a batch added (0 once it is undone)."""
    with engine.connect() as conn:
        return int(conn.execute(
            sa.select(sa.func.count()).select_from(events).where(events.c.batch_id == batch_id)).scalar_one())
