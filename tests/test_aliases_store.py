"""Aliases of contested places are stored with the events; a store made before migration 2 gains the column."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from diplotime import store
from diplotime.pipeline import check_file
from diplotime.store import migrations

CSV = (
    "id,date,title,location\n"
    "medvedev,2010-11-01,Medvedev visits Kunashir,Yuzhno-Kurilsk\n"
    "day,2019-02-07,北方領土の日,東京\n"
    "talks,2019-01-22,Abe–Putin talks,Kremlin\n"
).encode()


def test_aliases_are_stored_and_read_back(store_url: str) -> None:
    engine = store.open_store(store_url, seed_from=None)
    store.import_events(engine, check_file(CSV, "aliases.csv"), file_name="aliases.csv", data_hash="x")
    events = store.read_events(engine).set_index("id")
    assert "Kunashiri" in events.loc["medvedev", "aliases"].split(";")
    assert "Northern Territories" in events.loc["day", "aliases"].split(";")
    assert events.loc["talks", "aliases"] == ""


def _store_before_migration_2(url: str) -> sa.Engine:
    """The schema as migration 1 alone created it: an events table without ``aliases``."""
    engine = sa.create_engine(url)
    old = sa.MetaData()
    for table in (migrations.meta, migrations.batches):
        table.to_metadata(old)
    sa.Table(
        "events",
        old,
        *[
            sa.Column(c.name, c.type, nullable=c.nullable, primary_key=c.primary_key, server_default=c.server_default)
            for c in migrations.events.columns
            if c.name != "aliases"
        ],
    )
    with engine.begin() as conn:
        migrations.migrations_table.create(conn)
        old.create_all(conn)
        conn.execute(
            migrations.batches.insert().values(
                id=1,
                file_name="old.csv",
                file_hash="h",
                created_at="2019-01-25",
                format="events",
                rows=1,
                added=1,
                duplicates=0,
                rejected=0,
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO events (id, batch_id, date, date_precision, title, event_type, dataset, date_start, date_end)"
                " VALUES ('old', 1, '1956', 'year', 'Joint Declaration', 'treaty', 'old', '1956-01-01', '1956-12-31')"
            )
        )
        conn.execute(
            migrations.migrations_table.insert().values(
                version=1, name="create meta, batches and events", applied_at=dt.datetime.now(dt.UTC).isoformat()
            )
        )
    return engine


def test_migration_2_adds_the_column_to_an_older_store_and_keeps_its_events(store_url: str) -> None:
    old = _store_before_migration_2(store_url)
    assert 2 in migrations.migrate(old)
    assert migrations.migrate(old) == []  # each migration is applied once
    columns = {c["name"] for c in sa.inspect(old).get_columns("events")}
    assert "aliases" in columns
    old.dispose()
    events = store.read_events(store.open_store(store_url, seed_from=None))
    assert events[["id", "aliases"]].values.tolist() == [["old", ""]]


def test_a_new_store_gets_the_column_from_migration_1_and_2_is_a_no_op(store_url: str) -> None:
    engine = store.open_store(store_url, seed_from=None)
    with engine.connect() as conn:
        assert migrations.applied_versions(conn) >= {1, 2}
    assert "aliases" in {c["name"] for c in sa.inspect(engine).get_columns("events")}
