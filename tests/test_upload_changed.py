"""The Upload page (issue 11): a re-imported row whose stored event has other content is listed with what
differs, kept as stored by default, and given the file's content only where the user chooses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplotime import store
from diplotime.pipeline import check_file
from tests.test_upload_page import drop, open_upload, text

FIRST = b"id,date,title\nk1,2019-01-14,Talks\nk2,2019-01-16,Press conference\n"
AGAIN = b"id,date,title\nk1,2019-01-15,Talks in Moscow\nk2,2019-01-16,Press conference\nk3,2019-01-22,Summit\n"


@pytest.fixture
def stored_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'changed.sqlite'}"
    engine = store.open_store(url, seed_from=tmp_path)  # no CSVs there: a new, empty store
    store.import_events(engine, check_file(FIRST, "first.csv"), file_name="first.csv", data_hash="f")
    engine.dispose()
    monkeypatch.setenv(store.ENV_URL, url)
    return url


def titles(url: str) -> dict[str, str]:
    engine = store.connect(url)
    try:
        events = store.read_events(engine)
        return dict(zip(events["id"], events["title"], strict=True))
    finally:
        engine.dispose()


def test_a_changed_row_is_listed_with_its_fields_and_kept_by_default(stored_once):
    at = drop(open_upload(), "again.csv", AGAIN)
    page = text(at)
    assert "1 event of the file is stored already with other content" in page
    assert at.button(key="up_import").label == "Import 1 event"
    at.button(key="up_import").click().run()
    assert titles(stored_once) == {"k1": "Talks", "k2": "Press conference", "k3": "Summit"}


def test_a_chosen_change_is_applied_and_undone_with_the_batch(stored_once):
    at = drop(open_upload(), "again.csv", AGAIN)
    editor = f"up_changed_choices_{store.file_hash(AGAIN)[:16]}"
    at.session_state[editor] = {"edited_rows": {0: {"choice": "Use the file's"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.button(key="up_import").label == "Import 1 event, update 1"
    assert "gives 1 stored event the file's content" in text(at)
    at.button(key="up_import").click().run()
    assert not at.exception
    assert titles(stored_once)["k1"] == "Talks in Moscow"
    assert "1 stored event was given the file's content" in text(at)
    engine = store.connect(stored_once)
    try:
        store.undo_batch(engine, 2)
    finally:
        engine.dispose()
    assert titles(stored_once) == {"k1": "Talks", "k2": "Press conference"}
