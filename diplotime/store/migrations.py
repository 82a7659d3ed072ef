"""Store tables and the numbered migrations that create and change them.

A migration is applied once, in order, inside a transaction, and recorded in ``schema_migrations``.
Never edit an applied migration: add the next number. Columns added later are also declared on the
tables below, and their migration adds them only where they are missing.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

metadata = sa.MetaData()

migrations_table = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

NAMES_REVISION = "dataset_names_revision"  # meta key: counts changes to the datasets' names (part of the revision)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

batches = sa.Table(
    "batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("format", sa.String(40), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("added", sa.Integer, nullable=False),
    sa.Column("duplicates", sa.Integer, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False),
    sa.Column("undone_at", sa.Text, nullable=True),
    sa.Column("created_by", sa.Text, nullable=True),  # who imported it (migration 8); None before sign-in existed
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), nullable=False, index=True),
    sa.Column("date", sa.String(10), nullable=False),
    sa.Column("end_date", sa.String(10), nullable=False, server_default=""),
    sa.Column("date_precision", sa.String(5), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("event_type", sa.String(40), nullable=False),
    sa.Column("actors", sa.Text, nullable=False, server_default=""),
    sa.Column("countries", sa.Text, nullable=False, server_default=""),
    sa.Column("location", sa.Text, nullable=False, server_default=""),
    sa.Column("lat", sa.Float, nullable=True),
    sa.Column("lon", sa.Float, nullable=True),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("tags", sa.Text, nullable=False, server_default=""),
    sa.Column("dataset", sa.String(100), nullable=False),
    sa.Column("date_start", sa.String(10), nullable=False, index=True),  # first day covered
    sa.Column("date_end", sa.String(10), nullable=False),  # last day covered
    sa.Column("coords_approximate", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("extra", sa.Text, nullable=False, server_default=""),  # JSON of extra attributes
    sa.Column("source_row", sa.Integer, nullable=True),  # spreadsheet row in the imported file
    sa.Column("aliases", sa.Text, nullable=False, server_default=""),  # other names of contested places (migration 2)
    sa.Column("related", sa.Text, nullable=False, server_default=""),  # relation:id links to other events (migration 6)
)

mappings = sa.Table(
    "mappings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("headers", sa.Text, nullable=False),  # JSON list of the header keys of the file it was made for
    sa.Column("mapping", sa.Text, nullable=False),  # JSON {file header: event field}
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
)

actor_aliases = sa.Table(
    "actor_aliases",
    metadata,
    sa.Column("spelling", sa.String(300), primary_key=True),  # an actor as events write it
    sa.Column("actor", sa.String(300), nullable=False),  # the name it counts as (itself: kept apart)
    sa.Column("updated_at", sa.Text, nullable=False),
)


def _v1_create_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=[meta, batches, events])


def _v2_add_aliases(conn: Connection) -> None:
    """Other names of contested places (Iturup/Etorofu/択捉島), so search finds an event by any of them."""
    if "aliases" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.execute(sa.text("ALTER TABLE events ADD COLUMN aliases TEXT NOT NULL DEFAULT ''"))


def _v3_create_mappings(conn: Connection) -> None:
    """Column mappings users save by name on the Upload page, to reuse for the next file of that shape."""
    mappings.create(conn, checkfirst=True)


def _v5_create_actor_aliases(conn: Connection) -> None:
    """The actor alias table users edit on the Actors page: which spelling counts as which actor."""
    actor_aliases.create(conn, checkfirst=True)


def _v6_add_related(conn: Connection) -> None:
    """Links between events (relation:id), for storylines; a store from before keeps its events, with none."""
    if "related" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.execute(sa.text("ALTER TABLE events ADD COLUMN related TEXT NOT NULL DEFAULT ''"))


def _v8_add_created_by(conn: Connection) -> None:
    """Who imported each batch, so an editor can undo their own batches (older batches have no one)."""
    if "created_by" not in {c["name"] for c in sa.inspect(conn).get_columns("batches")}:
        conn.execute(sa.text("ALTER TABLE batches ADD COLUMN created_by TEXT"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "create meta, batches and events", _v1_create_tables),
    (2, "add events.aliases", _v2_add_aliases),
    (3, "create mappings (saved column mappings of the Upload page)", _v3_create_mappings),
    # 4 is the revision history of issue 11.
    (5, "create actor_aliases (the Actors page's alias table)", _v5_create_actor_aliases),
    (6, "add events.related (links between events for storylines)", _v6_add_related),
    # 7 is issue 11's.
    (8, "add batches.created_by (who imported a batch)", _v8_add_created_by),
]


def applied_versions(conn: Connection) -> set[int]:
    return {row[0] for row in conn.execute(sa.select(migrations_table.c.version))}


def migrate(engine: Engine) -> list[int]:
    """Apply every migration not yet applied; returns the versions applied now."""
    import datetime as dt

    done: list[int] = []
    with engine.begin() as conn:
        migrations_table.create(conn, checkfirst=True)
    for version, name, step in MIGRATIONS:
        with engine.begin() as conn:
            if version in applied_versions(conn):
                continue
            step(conn)
            conn.execute(
                migrations_table.insert().values(
                    version=version, name=name, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                )
            )
            done.append(version)
    return done
