"""The columnar snapshot of the store: read back exactly, only for its own revision, never trusted when broken."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplotime import store
from diplotime.store import snapshot
from tests.fixtures import build_store, small_events


def test_the_snapshot_gives_back_exactly_what_the_store_holds(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build_store(store_url)
    engine = store.connect(store_url)
    revision = store.store_revision(engine)
    first = store.load_events(engine)  # reads the store and keeps the snapshot
    path = store.snapshot_path(engine)
    assert path is not None and path.is_file()
    again = snapshot.read_snapshot(engine, revision)
    assert again is not None
    pd.testing.assert_frame_equal(again, first)
    pd.testing.assert_frame_equal(again, store.read_all_events(engine))


def test_a_snapshot_of_another_revision_is_not_used(sqlite_url: str) -> None:
    build_store(sqlite_url)
    engine = store.connect(sqlite_url)
    store.load_events(engine)
    store.undo_batch(engine, 1)  # the store changes: its revision too
    assert snapshot.read_snapshot(engine, store.store_revision(engine)) is None
    assert store.load_events(engine).empty  # read from the store, not the stale snapshot
    assert snapshot.read_snapshot(engine, store.store_revision(engine)) is not None


@pytest.mark.parametrize("damage", ["truncated", "not arrow", "empty"])
def test_a_broken_snapshot_is_ignored_and_replaced(sqlite_url: str, damage: str) -> None:
    build_store(sqlite_url)
    engine = store.connect(sqlite_url)
    store.load_events(engine)
    path = store.snapshot_path(engine)
    assert path is not None
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 2], "not arrow": b"PK\x03\x04junk", "empty": b""}[damage])
    revision = store.store_revision(engine)
    assert snapshot.read_snapshot(engine, revision) is None
    assert len(store.load_events(engine)) == len(small_events())
    assert snapshot.read_snapshot(engine, revision) is not None


def test_a_place_it_cannot_write_only_costs_the_snapshot(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setattr(snapshot, "snapshot_path", lambda engine: blocker / "store.snapshot.arrow")
    build_store(sqlite_url)
    engine = store.connect(sqlite_url)
    assert not snapshot.write_snapshot(engine, "r", store.read_all_events(engine))
    assert len(store.load_events(engine)) == len(small_events())


def test_a_frame_of_other_columns_is_not_kept(sqlite_url: str) -> None:
    build_store(sqlite_url)
    engine = store.connect(sqlite_url)
    assert not snapshot.write_snapshot(engine, "1:1:0:0", pd.DataFrame({"id": ["a"]}))


def test_an_in_memory_store_has_no_snapshot() -> None:
    engine = store.connect("sqlite://")
    assert store.snapshot_path(engine) is None
