"""Property: any sequence of imports, adds, edits, deletes and undos leaves the store equal to replaying
the changes of the batches still standing, in order (hypothesis drives the sequence, on a real SQLite file).

Each operation's effect is recorded as it happened (the events an import actually added, an edit's
before and after); undoing a batch must then be the same as never having made it. Where undo refuses
(a later standing batch changed the same event) nothing may change.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlalchemy as sa
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from diplotime import store
from diplotime.errors import UndoConflict
from diplotime.pipeline import check_file

KEYS = ["a", "b", "c", "d", "e"]
TITLES = st.sampled_from(["Shimoda", "Talks", "Summit", "Протест", "会談"])
YEARS = st.integers(min_value=1855, max_value=2025)


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.engine = store.connect(f"sqlite:///{Path(self.folder.name) / 's.sqlite'}")
        self.effects: list[tuple[int, str, str, dict | None]] = []  # (batch, kind, key, values after)
        self.undone: set[int] = set()

    def teardown(self) -> None:
        self.engine.dispose()
        self.folder.cleanup()

    def stored(self) -> dict[str, tuple[str, str]]:
        frame = store.read_events(self.engine)
        return {k: (d, t) for k, d, t in zip(frame["id"], frame["date"], frame["title"], strict=True)}

    def replay(self) -> dict[str, tuple[str, str]]:
        state: dict[str, tuple[str, str]] = {}
        for batch, _kind, key, after in self.effects:
            if batch in self.undone:
                continue
            if after is None:
                state.pop(key, None)
            else:
                state[key] = (after["date"], after["title"])
        return state

    @rule(
        rows=st.lists(
            st.tuples(st.sampled_from(KEYS), YEARS, TITLES), min_size=1, max_size=4, unique_by=lambda r: r[0]
        ),
        apply=st.booleans(),
    )
    def import_file(self, rows: list[tuple[str, int, str]], apply: bool) -> None:
        before = self.stored()
        data = ("id,date,title\n" + "".join(f"{k},{y},{t}\n" for k, y, t in rows)).encode()
        result = check_file(data, "f.csv")
        changed = [c.key for c in store.changed_rows(self.engine, result.events)] if apply else []
        outcome = store.import_events(self.engine, result, file_name="f.csv", data_hash="h", update=changed)
        for key, year, title in rows:
            if key not in before or key in changed:
                self.effects.append((outcome.batch or 0, "import", key, {"date": str(year), "title": title}))

    @rule(key=st.sampled_from(KEYS), year=YEARS, title=TITLES)
    def add(self, key: str, year: int, title: str) -> None:
        if key in self.stored():
            return
        outcome = store.add_event(self.engine, {"id": key, "date": str(year), "title": title}, who="p")
        self.effects.append((outcome.batch or 0, "add", key, {"date": str(year), "title": title}))

    @precondition(lambda self: bool(self.stored()))
    @rule(data=st.data(), year=YEARS, title=TITLES)
    def edit(self, data: st.DataObject, year: int, title: str) -> None:
        key = data.draw(st.sampled_from(sorted(self.stored())))
        version = store.event_version(self.engine, key)
        outcome = store.edit_event(
            self.engine, key, {"date": str(year), "title": title}, expected_version=version, who="p"
        )
        if outcome.batch is not None:
            self.effects.append((outcome.batch, "edit", key, {"date": str(year), "title": title}))

    @precondition(lambda self: bool(self.stored()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(sorted(self.stored())))
        outcome = store.delete_event(self.engine, key, expected_version=store.event_version(self.engine, key), who="p")
        self.effects.append((outcome.batch or 0, "delete", key, None))

    @precondition(lambda self: any(b not in self.undone for b, *_ in self.effects))
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        batch = data.draw(st.sampled_from(sorted({b for b, *_ in self.effects} - self.undone)))
        before = self.stored()
        try:
            store.undo_batch(self.engine, batch)
        except UndoConflict:
            assert self.stored() == before
        else:
            self.undone.add(batch)

    @invariant()
    def store_equals_replay(self) -> None:
        assert self.stored() == self.replay()

    @invariant()
    def every_change_is_in_the_history(self) -> None:
        with self.engine.connect() as conn:
            kinds = {r[0] for r in conn.execute(sa.text("SELECT kind FROM revisions"))}
        assert kinds <= {"add", "edit", "delete", "undo", "update"}


StoreMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=12, deadline=None)
test_any_sequence_of_changes_equals_replaying_the_standing_batches = StoreMachine.TestCase
