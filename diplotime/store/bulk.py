"""Bulk loading: valid events -> a staging table -> ``events`` with ON CONFLICT DO NOTHING.

Staging keeps the database's own bulk path out of the per-row Python loop: COPY on PostgreSQL (inside
the import's transaction), the ADBC driver's Arrow ingest on an SQLite file (into a throwaway database
file that the import's connection attaches and copies from; the ADBC driver carries its own SQLite
library, so it never opens the store itself: two SQLite libraries in one process must not share a
database file). The copy into ``events`` runs in chunks so a page can show progress; it is one
transaction either way. On SQLite a batch larger than the store drops the secondary indexes of
``events`` and builds them again at the end, inside the same transaction: one sort instead of a
million B-tree updates (readers keep their snapshot meanwhile, as WAL gives them).
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.schema import EVENT_COLUMNS
from diplotime.store.migrations import events

REBUILD_MIN = 50_000  # a batch at least this large, and larger than the SQLite store, rebuilds its indexes


def arrow_events(frame: pd.DataFrame) -> pa.Table:
    """The events as an Arrow table, in order (on SQLite a staged row's rowid is its position + 1)."""
    table = pa.Table.from_pandas(frame[EVENT_COLUMNS].reset_index(drop=True), preserve_index=False)
    for i, field in enumerate(table.schema):  # categorical columns (a checked upload held compactly) as plain text
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, pc.cast(table.column(i), field.type.value_type))
    return table


def _sqlite_file(engine: Engine) -> str | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return database


class Staging:
    """A staging table holding one import's events; use as a context manager around the import.

    On an SQLite file the events are written by the ADBC driver into a throwaway database file of their
    own, which the import's connection attaches (``staging.incoming``): the main store never holds
    staging data, and an interrupted import leaves nothing in it.
    """

    def __init__(self, engine: Engine, frame: pd.DataFrame) -> None:
        self.engine = engine
        self.frame = frame
        self.rows = len(frame)
        self.folder: str | None = None
        self.table = "incoming"
        self.rebuild: list[sa.Index] = []  # secondary indexes of ``events`` dropped for this batch

    def __enter__(self) -> Staging:
        if _sqlite_file(self.engine) is not None and self.rows:
            import adbc_driver_sqlite.dbapi as adbc

            self.folder = tempfile.mkdtemp(prefix="diplotime-staging-")
            with adbc.connect(self.path, autocommit=True) as conn, conn.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=OFF")  # a throwaway file: no journal, no syncs
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("BEGIN")
                cursor.adbc_ingest("incoming", arrow_events(self.frame), mode="create")
                cursor.execute("COMMIT")
            self.table = "staging.incoming"
        return self

    @property
    def path(self) -> str:
        assert self.folder is not None
        return str(Path(self.folder) / "staging.sqlite")

    def attach(self, conn: Connection) -> None:
        """Make the staged rows visible to ``conn`` (call before its transaction begins)."""
        if self.folder is not None:
            conn.exec_driver_sql("ATTACH DATABASE ? AS staging", (self.path,))

    def detach(self, conn: Connection) -> None:
        if self.folder is not None:
            conn.exec_driver_sql("DETACH DATABASE staging")

    def fill(self, conn: Connection) -> None:
        """Prepare the copy inside the import's transaction: stage the rows here when no file was staged."""
        if conn.dialect.name == "sqlite":
            self._drop_indexes_for_a_large_batch(conn)
        if self.folder is not None or not self.rows:
            return
        names = ", ".join(EVENT_COLUMNS)  # constants from the schema, never user text
        self.table = "incoming_" + uuid.uuid4().hex[:12]
        if conn.dialect.name == "postgresql":
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.execute(f"CREATE TEMP TABLE {self.table} ON COMMIT DROP AS SELECT {names} FROM events WHERE false")  # noqa: S608
            cursor.execute(f"ALTER TABLE {self.table} ADD COLUMN n bigint")
            with cursor.copy(f"COPY {self.table} ({names}, n) FROM STDIN") as copy:
                for position, record in enumerate(_records(self.frame)):
                    copy.write_row((*record, position))
            cursor.execute(f"CREATE INDEX ON {self.table} (n)")
            return
        conn.exec_driver_sql(f"CREATE TEMP TABLE {self.table} AS SELECT {names} FROM events WHERE 0")  # noqa: S608
        marks = ", ".join("?" for _ in EVENT_COLUMNS)
        conn.exec_driver_sql(f"INSERT INTO {self.table} ({names}) VALUES ({marks})", _records(self.frame))  # noqa: S608

    def _drop_indexes_for_a_large_batch(self, conn: Connection) -> None:
        if (
            self.rows < REBUILD_MIN
            or self.rows <= conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        ):
            return
        self.rebuild = sorted(events.indexes, key=lambda index: str(index.name))
        for index in self.rebuild:
            index.drop(conn)

    def insert(self, conn: Connection, start: int, stop: int, batch_id: int) -> None:
        """Copy staged rows [start, stop) into ``events``; ids already stored are skipped."""
        names = ", ".join(EVENT_COLUMNS)  # constants from the schema, never user text
        # A staged row's position: its rowid - 1 on SQLite (rows are staged in order), column n on PostgreSQL.
        where = "rowid > :start AND rowid <= :stop" if conn.dialect.name == "sqlite" else "n >= :start AND n < :stop"
        conn.execute(
            sa.text(
                f"INSERT INTO events ({names}, batch_id) SELECT {names}, :batch FROM {self.table} "  # noqa: S608
                f"WHERE {where} ON CONFLICT (id) DO NOTHING"
            ),
            {"batch": batch_id, "start": start, "stop": stop},
        )

    def finish(self, conn: Connection) -> None:
        """Build again, in the same transaction, the indexes ``fill`` dropped."""
        for index in self.rebuild:
            index.create(conn)

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _records(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Rows as tuples of Python values in EVENT_COLUMNS order, None for missing coordinates."""
    columns: list[list[Any]] = []
    for name in EVENT_COLUMNS:
        values = frame[name].to_numpy()
        if name in ("lat", "lon"):
            columns.append([None if v != v else v for v in values.astype(float).tolist()])
        elif name == "coords_approximate":
            columns.append(values.astype(bool).tolist())
        else:
            columns.append(values.tolist())
    return list(zip(*columns))
