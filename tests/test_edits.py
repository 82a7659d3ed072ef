"""Single events on SQLite and a real PostgreSQL server: add, edit, delete, each its own undoable batch,
with a revision history, optimistic locking, and undo that touches no other batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from diplotime import store
from diplotime.errors import EditConflict, InvalidEvent, NoSuchEvent, UndoConflict
from diplotime.pipeline import check_file
from diplotime.store import migrations
from diplotime.validate.single import check_event_values

STORES = Path(__file__).resolve().parent / "stores"
CSV = (
    "id,date,title,event_type,countries,location,lat,lon,source\n"
    "shimoda,1855-02-07,Treaty of Shimoda,treaty,RUS;JPN,Shimoda,34.67,138.94,https://example.org/a\n"
    "talks,2019-01-14,Kono–Lavrov talks,ministerial_talks,RUS;JPN,Moscow,55.75,37.62,https://example.org/b\n"
).encode()


@pytest.fixture
def engine(store_url: str) -> sa.Engine:
    engine = store.connect(store_url)
    store.import_events(engine, check_file(CSV, "f.csv"), file_name="f.csv", data_hash=store.file_hash(CSV), who="ana")
    return engine


def stored(engine: sa.Engine, key: str) -> dict[str, object] | None:
    frame = store.read_events(engine)
    rows = frame[frame["id"] == key].to_dict("records")
    return rows[0] if rows else None


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"date": "1875"}, "date", "1875"),  # a year keeps its precision
        ({"date": "Aug 1945"}, "date", "1945-08"),
        ({"date": "7 февраля 1856"}, "date", "1856-02-07"),
        ({"countries": "Russia; Japan; United States"}, "countries", "RUS;JPN;USA"),
        ({"title": "  Shimoda  "}, "title", "Shimoda"),
        ({"source": "https://mofa.go.jp/x"}, "source", "https://mofa.go.jp/x"),
        ({"related": "led_to:talks"}, "related", "led_to:talks"),  # a storyline link, typed on the form
    ],
)
def test_an_edit_is_read_as_an_import_reads_it(engine: sa.Engine, changes, field: str, expected: str) -> None:
    outcome = store.edit_event(engine, "shimoda", changes, expected_version=0, who="bob")
    assert outcome.batch is not None and outcome.version == 1
    assert stored(engine, "shimoda")[field] == expected


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "1945-13"}, "date"),
        ({"date": ""}, "date"),
        ({"title": ""}, "title"),
        ({"source": "javascript:alert(1)"}, "source"),
        ({"lat": "95"}, "lat"),
        ({"end_date": "1800"}, "end_date"),
        ({"related": "caused:talks"}, "related"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_value_is_reported_on_its_field_and_nothing_is_saved(engine: sa.Engine, changes, field: str) -> None:
    before = stored(engine, "shimoda")
    revision = store.store_revision(engine)
    with pytest.raises(InvalidEvent) as caught:
        store.edit_event(engine, "shimoda", changes, expected_version=0, who="bob")
    assert field in caught.value.problems
    assert stored(engine, "shimoda") == before and store.store_revision(engine) == revision


def test_the_form_checks_values_without_saving() -> None:
    assert check_event_values({"date": "Aug 1945", "title": "Soviet entry into the war"}) == {}
    problems = check_event_values({"date": "1945-02-30", "title": "", "source": "data:text/html,<b>x</b>"})
    assert set(problems) == {"date", "title", "source"}


def test_undo_of_an_edit_restores_the_event_exactly_and_nothing_else(engine: sa.Engine) -> None:
    before, other = stored(engine, "shimoda"), stored(engine, "talks")
    outcome = store.edit_event(engine, "shimoda", {"date": "1855", "location": "Tokyo"}, expected_version=0, who="b")
    assert stored(engine, "shimoda")["date_precision"] == "year"
    assert store.undo_batch(engine, outcome.batch) == 1
    assert stored(engine, "shimoda") == before and stored(engine, "talks") == other


def test_a_save_over_a_newer_version_is_a_conflict_with_both_versions(engine: sa.Engine) -> None:
    opened = store.event_version(engine, "shimoda")  # two people open the form
    store.edit_event(engine, "shimoda", {"title": "Ana's title"}, expected_version=opened, who="ana")
    with pytest.raises(EditConflict) as caught:
        store.edit_event(engine, "shimoda", {"title": "Bob's title"}, expected_version=opened, who="bob")
    conflict = caught.value
    assert conflict.theirs["title"] == "Ana's title" and conflict.yours == {"title": "Bob's title"}
    assert conflict.who == "ana" and "nothing was saved" in str(conflict)
    assert stored(engine, "shimoda")["title"] == "Ana's title"


def test_an_event_added_by_hand_is_its_own_batch_and_undo_removes_it(engine: sa.Engine) -> None:
    outcome = store.add_event(engine, {"date": "Aug 1945", "title": "Soviet entry", "countries": "Russia"}, who="c")
    event = stored(engine, outcome.key)
    assert event["date"] == "1945-08" and event["batch_id"] == outcome.batch and outcome.key.startswith("ev-")
    with pytest.raises(InvalidEvent):  # the same key twice
        store.add_event(engine, {"id": outcome.key, "date": "1946", "title": "again"}, who="c")
    store.undo_batch(engine, outcome.batch)
    assert stored(engine, outcome.key) is None


def test_undo_of_a_deletion_puts_the_event_back_in_its_batch(engine: sa.Engine) -> None:
    before = stored(engine, "talks")
    outcome = store.delete_event(engine, "talks", expected_version=0, who="d")
    assert stored(engine, "talks") is None
    with pytest.raises(NoSuchEvent):
        store.edit_event(engine, "talks", {"title": "x"}, expected_version=1, who="d")
    store.undo_batch(engine, outcome.batch)
    assert stored(engine, "talks") == before


def test_undo_refuses_to_overwrite_a_later_change(engine: sa.Engine) -> None:
    first = store.edit_event(engine, "shimoda", {"title": "first"}, expected_version=0, who="a")
    store.edit_event(engine, "shimoda", {"title": "second"}, expected_version=1, who="b")
    revision = store.store_revision(engine)
    for batch in (first.batch, 1):  # the first edit, and the import the event came from
        with pytest.raises(UndoConflict, match="undo that first"):
            store.undo_batch(engine, batch)
    assert store.store_revision(engine) == revision and stored(engine, "shimoda")["title"] == "second"


def test_the_history_says_who_changed_which_field_when(engine: sa.Engine) -> None:
    edit = store.edit_event(engine, "shimoda", {"date": "1855-02-08"}, expected_version=0, who="ana")
    store.undo_batch(engine, edit.batch, who="bob")
    history = store.event_history(engine, "shimoda")
    assert [(r.kind, r.who, r.batch) for r in history] == [("import", "ana", 1), ("edit", "ana", 2), ("undo", "bob", 2)]
    assert [(c.field, c.old, c.new) for c in history[1].changes] == [("date", "1855-02-07", "1855-02-08")]
    assert [(c.field, c.old, c.new) for c in history[2].changes] == [("date", "1855-02-08", "1855-02-07")]
    assert store.event_version(engine, "shimoda") == 2


def test_edits_change_the_revision_the_app_caches_under(engine: sa.Engine) -> None:
    seen = {store.store_revision(engine)}
    edit = store.edit_event(engine, "shimoda", {"title": "x"}, expected_version=0, who="a")
    seen.add(store.store_revision(engine))
    store.undo_batch(engine, edit.batch)
    seen.add(store.store_revision(engine))
    assert len(seen) == 3


def test_a_store_made_by_the_previous_version_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(STORES / "before-revisions.sqlite", path)
    engine = store.connect(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert migrations.applied_versions(conn) == {v for v, _, _ in migrations.MIGRATIONS}
    events = store.read_events(engine)
    assert len(events) == 110 and set(events["dataset"]) == {"kuril_dispute", "second"}
    key = "1905-09-05-treaty-of-portsmouth"
    edit = store.edit_event(engine, key, {"date": "1905-09"}, expected_version=0, who="e")
    assert [r.kind for r in store.event_history(engine, key)] == ["import", "edit"]
    store.undo_batch(engine, edit.batch)
    assert stored(engine, key)["date"] == "1905-09-05"


# ---------------------------------------------------------------- changed rows on re-import

CHANGED = (
    "id,date,title,event_type,countries,location,lat,lon,source\n"
    "shimoda,1855-02-07,Treaty of Shimoda (Shimoda Treaty),treaty,RUS;JPN,Shimoda,34.67,138.94,https://example.org/a\n"
    "talks,2019-01-14,Kono–Lavrov talks,ministerial_talks,RUS;JPN,Moscow,55.75,37.62,https://example.org/b\n"
    "summit,2019-01-22,Abe–Putin summit,summit,RUS;JPN,Moscow,55.75,37.62,https://example.org/c\n"
).encode()


def test_a_reimported_row_with_other_content_is_listed_with_its_fields(engine: sa.Engine) -> None:
    result = check_file(CHANGED, "again.csv")
    (changed,) = store.changed_rows(engine, result.events)
    assert (changed.key, changed.row) == ("shimoda", 2)
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("title", "Treaty of Shimoda", "Treaty of Shimoda (Shimoda Treaty)")
    ]
    kept = store.import_events(engine, result, file_name="again.csv", data_hash="x")  # not chosen: kept as stored
    assert (kept.added, kept.updated) == (1, 0) and stored(engine, "shimoda")["title"] == "Treaty of Shimoda"


def test_applied_changes_are_revisions_of_the_batch_and_its_undo_restores_them(engine: sa.Engine) -> None:
    before = stored(engine, "shimoda")
    result = check_file(CHANGED, "again.csv")
    keys = [c.key for c in store.changed_rows(engine, result.events)]
    outcome = store.import_events(engine, result, file_name="again.csv", data_hash="x", update=keys, who="ana")
    assert (outcome.added, outcome.updated) == (1, 1)
    assert stored(engine, "shimoda")["title"] == "Treaty of Shimoda (Shimoda Treaty)"
    assert [(r.kind, r.who, r.batch) for r in store.event_history(engine, "shimoda")][-1] == ("update", "ana", 2)
    other = store.edit_event(engine, "talks", {"title": "edited"}, expected_version=0, who="bob")
    store.undo_batch(engine, outcome.batch)
    assert stored(engine, "shimoda") == before and stored(engine, "summit") is None
    assert stored(engine, "talks")["title"] == "edited"  # the other batch is untouched
    assert store.changed_rows(engine, result.events)[0].key == "shimoda"  # listed again
    assert other.batch is not None


def test_only_changes_count_not_the_file_name_or_unchanged_rows(engine: sa.Engine) -> None:
    same = check_file(CSV, "renamed.csv")  # the same rows under another name (another default dataset)
    assert store.changed_rows(engine, same.events) == []
    assert store.import_events(engine, same, file_name="renamed.csv", data_hash="y", update=["shimoda"]).batch is None
