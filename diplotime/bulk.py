"""Bulk loading: valid events -> a staging table -> ``events`` with ON CONFLICT DO NOTHING.

Staging keeps the database's own bulk path out of the per-row Python loop: COPY on PostgreSQL (inside
the import's transaction), the ADBC driver's Arrow ingest on an SQLite file (into a throwaway database
file that the import's connection attaches and copies from). The copy into ``events`` runs in chunks so
a page can show progress; it is one transaction either way.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.validate import EVENT_COLUMNS


def arrow_events(frame: pd.DataFrame) -> pa.Table:
    """The events as an Arrow table with a row number ``n`` (0-based) for chunking."""
    table = pa.Table.from_pandas(frame[EVENT_COLUMNS].reset_index(drop=True), preserve_index=False)
    return table.append_column("n", pa.array(range(len(frame)), type=pa.int64()))


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

    def __enter__(self) -> Staging:
        if _sqlite_file(self.engine) is not None and self.rows:
            import adbc_driver_sqlite.dbapi as adbc

            self.folder = tempfile.mkdtemp(prefix="diplotime-staging-")
            with adbc.connect(self.path) as conn, conn.cursor() as cursor:
                cursor.adbc_ingest("incoming", arrow_events(self.frame), mode="create")
                cursor.execute("CREATE INDEX incoming_n ON incoming (n)")  # chunks select by n
                conn.commit()
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
        """Fill a temporary staging table inside the import's transaction when no file was staged."""
        if self.folder is not None or not self.rows:
            return
        names = ", ".join(EVENT_COLUMNS)  # constants from the schema, never user text
        self.table = "incoming_" + uuid.uuid4().hex[:12]
        if conn.dialect.name == "postgresql":
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.execute(f"CREATE TEMP TABLE {self.table} ON COMMIT DROP AS SELECT {names} FROM events WHERE false")  # noqa: S608
            cursor.execute(f"ALTER TABLE {self.table} ADD COLUMN n bigint")
            with cursor.copy(f"COPY {self.table} ({names}, n) FROM STDIN") as copy:
                for record in _records(self.frame):
                    copy.write_row(record)
            cursor.execute(f"CREATE INDEX ON {self.table} (n)")
            return
        conn.exec_driver_sql(f"CREATE TEMP TABLE {self.table} AS SELECT {names} FROM events WHERE 0")  # noqa: S608
        conn.exec_driver_sql(f"ALTER TABLE {self.table} ADD COLUMN n INTEGER")
        marks = ", ".join("?" for _ in range(len(EVENT_COLUMNS) + 1))
        conn.exec_driver_sql(f"INSERT INTO {self.table} ({names}, n) VALUES ({marks})", _records(self.frame))  # noqa: S608
        conn.exec_driver_sql(f"CREATE INDEX {self.table}_n ON {self.table} (n)")

    def copy_chunk(self, conn: Connection, start: int, stop: int, batch_id: int) -> None:
        """Copy staged rows [start, stop) into ``events``; ids already stored are skipped."""
        names = ", ".join(EVENT_COLUMNS)  # constants from the schema, never user text
        conn.execute(sa.text(
            f"INSERT INTO events ({names}, batch_id) SELECT {names}, :batch FROM {self.table} "  # noqa: S608
            "WHERE n >= :start AND n < :stop ON CONFLICT (id) DO NOTHING"
        ), {"batch": batch_id, "start": start, "stop": stop})

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _records(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Rows as tuples of Python values in EVENT_COLUMNS order plus ``n``, None for missing coordinates."""
    columns: list[list[Any]] = []
    for name in EVENT_COLUMNS:
        values = frame[name].to_numpy()
        if name in ("lat", "lon"):
            columns.append([None if v != v else v for v in values.astype(float).tolist()])
        elif name == "coords_approximate":
            columns.append(values.astype(bool).tolist())
        else:
            columns.append(values.tolist())
    columns.append(list(range(len(frame))))
    return list(zip(*columns))
