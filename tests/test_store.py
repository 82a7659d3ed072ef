"""The store on SQLite and on a real PostgreSQL server: batches, dedupe, undo, atomicity, migrations."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from diplotime import store
from diplotime.errors import BatchAlreadyUndone, NoSuchBatch
from diplotime.pipeline import check_file
from diplotime.store import imports as store_imports
from diplotime.store import migrations

CSV = (
    "date,title,event_type,countries,location,source\n"
    "1855-02-07,Treaty of Shimoda,treaty,RUS;JPN,Shimoda,https://example.org/a\n"
    "1956-10-19,Joint Declaration,treaty,SUN;JP,Moscow,https://example.org/b\n"
    "2019-01-22,Abe–Putin talks,summit,RUS;JPN,Moscow,https://example.org/c\n"
).encode()
OTHER = (
    "date,title,event_type\n"
    "2019-01-14,Kono–Lavrov talks,ministerial_talks\n"
    "2019-01-16,Lavrov press conference,press_conference\n"
).encode()


def load(engine: sa.Engine, data: bytes, name: str = "f.csv", **kw: object) -> store.ImportOutcome:
    return store.import_events(engine, check_file(data, name), file_name=name, data_hash=store.file_hash(data), **kw)


def titles(engine: sa.Engine) -> list[str]:
    return sorted(store.read_events(engine)["title"])


def test_import_adds_one_batch_with_counts(store_url: str) -> None:
    engine = store.connect(store_url)
    outcome = load(engine, CSV)
    assert (outcome.added, outcome.duplicates, outcome.rejected) == (3, 0, 0)
    batches = store.list_batches(engine)
    assert batches.loc[0, ["id", "file_name", "rows", "added"]].tolist() == [outcome.batch, "f.csv", 3, 3]
    assert len(batches.loc[0, "file_hash"]) == 64


def test_reimport_adds_nothing_and_records_no_batch(store_url: str) -> None:
    engine = store.connect(store_url)
    load(engine, CSV)
    again = load(engine, CSV, name="copy.csv")
    assert (again.batch, again.added, again.duplicates) == (None, 0, 3)
    assert store.count_events(engine) == 3
    assert len(store.list_batches(engine)) == 1


def test_undo_removes_exactly_one_batch(store_url: str) -> None:
    engine = store.connect(store_url)
    first = load(engine, CSV)
    second = load(engine, OTHER, name="other.csv")
    assert store.undo_batch(engine, second.batch) == 2
    assert titles(engine) == ["Abe–Putin talks", "Joint Declaration", "Treaty of Shimoda"]
    assert store.list_batches(engine).set_index("id").loc[second.batch, "undone_at"] is not None
    with pytest.raises(BatchAlreadyUndone, match="already undone"):
        store.undo_batch(engine, second.batch)
    with pytest.raises(NoSuchBatch, match="no batch"):
        store.undo_batch(engine, 999)
    assert store.undo_batch(engine, first.batch) == 3
    assert store.count_events(engine) == 0


def test_undo_keeps_events_another_batch_also_listed(store_url: str) -> None:
    engine = store.connect(store_url)
    first = load(engine, OTHER, name="other.csv")
    overlapping = OTHER + b"2019-01-20,Moscow rally against a handover,protest\n"
    second = load(engine, overlapping, name="more.csv")
    assert (second.added, second.duplicates) == (1, 2)
    store.undo_batch(engine, second.batch)
    assert titles(engine) == ["Kono–Lavrov talks", "Lavrov press conference"]
    assert first.batch != second.batch


def test_error_in_the_middle_of_a_batch_leaves_the_store_unchanged(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = store.connect(store_url)
    load(engine, OTHER, name="other.csv")
    before_events, before_batches = store.read_events(engine), store.list_batches(engine)
    big = "date,title\n" + "".join(f"2000-01-{1 + i % 28:02d},Event {i}\n" for i in range(250))
    calls = {"n": 0}
    real = store_imports._insert_chunk

    def failing(*args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk unplugged")
        real(*args)

    monkeypatch.setattr(store_imports, "CHUNK", 100)
    monkeypatch.setattr(store_imports, "_insert_chunk", failing)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        load(engine, big.encode(), name="big.csv")
    assert calls["n"] == 2
    pd.testing.assert_frame_equal(store.read_events(engine), before_events)
    pd.testing.assert_frame_equal(store.list_batches(engine), before_batches)
    with engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
    assert not [t for t in tables if t.startswith("incoming_")], "the staging table must be dropped"


def test_all_or_nothing_stores_nothing_when_a_row_is_rejected(store_url: str) -> None:
    engine = store.connect(store_url)
    bad = CSV + b"1855-02-30,Impossible day,treaty,,,\n"
    outcome = load(engine, bad, all_or_nothing=True)
    assert (outcome.batch, outcome.added, outcome.rejected) == (None, 0, 1)
    assert store.count_events(engine) == 0
    outcome = load(engine, bad)
    assert (outcome.added, outcome.rejected) == (3, 1)


def test_migrations_are_recorded_and_applied_once(store_url: str) -> None:
    engine = store.connect(store_url)
    with engine.connect() as conn:
        assert migrations.applied_versions(conn) == {v for v, _, _ in migrations.MIGRATIONS}
    assert migrations.migrate(engine) == []
    columns = {c["name"] for c in sa.inspect(engine).get_columns("events")}
    assert columns == {c.name for c in migrations.events.columns}


def test_new_store_is_seeded_once_from_data(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    seed_dir = tmp_path_factory.mktemp("seed")
    (seed_dir / "seed.csv").write_bytes(CSV)
    engine = store.open_store(store_url, seed_from=seed_dir)
    assert store.count_events(engine) == 3
    batch = int(store.list_batches(engine).loc[0, "id"])
    store.undo_batch(engine, batch)
    engine = store.open_store(store_url, seed_from=seed_dir)
    assert store.count_events(engine) == 0, "an undone seed must not come back on the next start"


def test_dates_round_trip_with_precision(store_url: str) -> None:
    engine = store.connect(store_url)
    data = b"date,end_date,title\n1875,,St Petersburg\n1945-08,1945-09,Occupation\n1648-10-24,,Westphalia\n2300-01-01,,Far\n"
    load(engine, data)
    got = store.read_events(engine).set_index("title")
    assert got.loc["St Petersburg", ["date", "date_precision", "date_start", "date_end"]].tolist() == [
        "1875",
        "year",
        "1875-01-01",
        "1875-12-31",
    ]
    assert got.loc["Occupation", ["date", "end_date", "date_end"]].tolist() == ["1945-08", "1945-09", "1945-09-30"]
    assert got.loc["Westphalia", "date"] == "1648-10-24"
    assert got.loc["Far", "date"] == "2300-01-01"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/tmp/x/store.sqlite", "sqlite:////tmp/x/store.sqlite"),
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/y/s.db", "sqlite:////tmp/y/s.db"),
    ],
)
def test_resolve_url(given: str, expected: str) -> None:
    assert store.resolve_url(given) == expected


def test_environment_variable_chooses_the_store(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv(store.ENV_URL, str(tmp_path / "env.sqlite"))
    assert store.resolve_url(None) == f"sqlite:///{tmp_path / 'env.sqlite'}"


@pytest.mark.parametrize("fail", [False, True], ids=["imported", "failed midway"])
def test_a_batch_larger_than_the_store_keeps_its_indexes(
    store_url: str, monkeypatch: pytest.MonkeyPatch, fail: bool
) -> None:
    """On SQLite a large batch drops the secondary indexes and builds them again in its transaction."""
    from diplotime.store import bulk

    engine = store.connect(store_url)
    load(engine, OTHER, name="other.csv")
    monkeypatch.setattr(bulk, "REBUILD_MIN", 10)
    monkeypatch.setattr(store_imports, "CHUNK", 100)
    if fail:
        real = store_imports._insert_chunk
        calls = {"n": 0}

        def failing(*args: object) -> None:
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("disk unplugged")
            real(*args)

        monkeypatch.setattr(store_imports, "_insert_chunk", failing)
    big = "date,title\n" + "".join(f"2000-01-{1 + i % 28:02d},Event {i}\n" for i in range(250))
    if fail:
        with pytest.raises(RuntimeError):
            load(engine, big.encode(), name="big.csv")
    else:
        assert load(engine, big.encode(), name="big.csv").added == 250
    with engine.connect() as conn:
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
    assert {ix.name for ix in migrations.events.indexes} <= indexes
    assert store.count_events(engine) == (2 if fail else 252)
    january = store.read_events(engine).query("date_start < '2000-02-01'")
    assert len(january) == (0 if fail else 250)
