"""Opening the store: SQLite by default, PostgreSQL when a URL is given (SQLAlchemy Core).

The schema is created and changed only by the numbered migrations in
:mod:`~diplotime.store.migrations`, applied whenever a store is opened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime.store.datasets import sync_dataset_names
from diplotime.store.imports import DATA_DIR, seed
from diplotime.store.migrations import migrate

ENV_URL = "DIPLOTIME_DATABASE_URL"


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
        Path(url[len("sqlite:///") :]).expanduser().parent.mkdir(parents=True, exist_ok=True)
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


def open_store(url: str | None = None, *, seed_from: Path | None = DATA_DIR) -> Engine:
    """Connect, migrate, (first time only) seed from ``data/`` and take its dataset names: what the app and CLI call."""
    engine = connect(url)
    if seed_from is not None:
        seed(engine, seed_from)
        sync_dataset_names(engine, seed_from)
    return engine
