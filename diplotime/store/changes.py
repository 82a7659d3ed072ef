"""Re-imported rows whose key is stored but whose content differs: "changed", with a diff per field.

An import never overwrites silently: the changed rows are listed (the Upload page and the CLI report),
and only the keys the user chooses are applied, in the import's batch, each as an ``update`` revision
that undoing the batch reverses exactly.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.schema import EVENT_COLUMNS
from diplotime.store.edits import FieldChange, as_text, read_event, record
from diplotime.store.migrations import events
from diplotime.store.queries import stored_ids
from diplotime.validate.single import EDITABLE

# The dataset is not compared: a file's dataset defaults to its name, so the same rows under another
# file name are not "changed"; an updated event stays in its dataset.
COMPARED: tuple[str, ...] = EDITABLE
CHUNK = 500


@dataclass(frozen=True)
class ChangedRow:
    key: str
    row: int | None  # the spreadsheet row of the incoming file
    changes: list[FieldChange]


def _texts(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {c: [as_text(None if pd.isna(v) else v) for v in frame[c]] for c in COMPARED}, index=frame.index
    )


def changed_rows(engine: Engine, incoming: pd.DataFrame) -> list[ChangedRow]:
    """The incoming valid events whose key is stored with other content, each with the fields that differ."""
    if incoming.empty:
        return []
    overlap = incoming[stored_ids(engine, incoming["id"])]
    if overlap.empty:
        return []
    keys = [str(k) for k in overlap["id"]]
    stored_rows: list[dict[str, object]] = []
    with engine.connect() as conn:
        for start in range(0, len(keys), CHUNK):
            query = sa.select(*[events.c[c] for c in ("id", *COMPARED)]).where(
                events.c.id.in_(keys[start : start + CHUNK])
            )
            stored_rows.extend(dict(r) for r in conn.execute(query).mappings())
    stored = _texts(pd.DataFrame(stored_rows).set_index("id"))
    new = _texts(overlap.set_index("id"))
    new = new[~new.index.duplicated()]
    stored = stored.loc[new.index]
    differs = new.ne(stored)
    out = []
    rows = overlap.drop_duplicates("id").set_index("id")["source_row"]
    for key in new.index[differs.any(axis=1).to_numpy()]:
        fields = [c for c in COMPARED if differs.at[key, c]]
        row = rows.get(key)
        out.append(
            ChangedRow(
                str(key),
                None if row is None or pd.isna(row) else int(row),
                [FieldChange(c, stored.at[key, c], new.at[key, c]) for c in fields],
            )
        )
    return out


def apply_updates(conn: Connection, incoming: pd.DataFrame, keys: Collection[str], batch: int, who: str) -> int:
    """Give the stored events of ``keys`` the incoming content, as ``update`` revisions in ``batch``."""
    if not keys:
        return 0
    wanted = incoming[incoming["id"].isin(list(keys))].drop_duplicates("id")
    updated = 0
    for values in wanted.to_dict("records"):
        key = str(values["id"])
        before = read_event(conn, key)
        if before is None:
            continue
        fresh = {
            c: (None if not isinstance(values[c], str) and pd.isna(values[c]) else values[c]) for c in EVENT_COLUMNS
        }
        fresh["coords_approximate"] = bool(fresh["coords_approximate"])
        for name in ("lat", "lon"):
            value = fresh[name]
            fresh[name] = None if value is None else float(value)
        source_row = fresh["source_row"]
        fresh["source_row"] = None if source_row is None else int(source_row)
        after = {**before, **fresh, "dataset": before["dataset"]}
        if after == before:
            continue
        conn.execute(events.update().where(events.c.id == key).values(**{c: after[c] for c in EVENT_COLUMNS}))
        record(conn, key, batch, "update", before, after, who)
        updated += 1
    return updated
