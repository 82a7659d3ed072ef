"""The Upload page's session state: the pending file, what was detected, and the work kept between reruns.

The file lives only in this user's session (``st.session_state``), never in a cache shared between
users, and nothing is stored until Import is pressed. Its name is display text, never a path. Each
piece of work (the file's columns, the whole check, the counts against the store) is kept with the
inputs it was made from and made again only when they change.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store, upload
from diplotime.ui.data import revision
from diplotime.upload import FIELD_LABELS, Choices
from diplotime.upload import columns as file_columns

FILE, FILE_ID, GEN, CHECK, COLUMNS, COUNTS, AUTO, DONE, FIELDS_FOR = (
    "up_file",
    "up_file_id",
    "up_gen",
    "up_check",
    "up_columns",
    "up_counts",
    "up_auto",
    "up_done",
    "up_fields_for",
)
OVERRIDES = ("up_format", "up_encoding", "up_delimiter", "up_sheet", "up_header", "up_date_order", "up_dataset")
TYPES = ["csv", "tsv", "tab", "txt", "xlsx", "xlsm", "zip"]  # .tab: ICEWS; .zip: GDELT's zipped exports


def pressed(label: str, key: str, **kwargs: Any) -> bool:
    """A button whose press is remembered by a callback, so the run that follows acts on it once."""
    st.button(label, key=key, on_click=st.session_state.__setitem__, args=(f"{key}_pressed", True), **kwargs)
    return bool(st.session_state.pop(f"{key}_pressed", False))


def uploader_key() -> str:
    gen = st.session_state.get(GEN, 0)
    return "upload_file" if gen == 0 else f"upload_file_{gen}"


def forget_file(clear_widget: bool = False) -> None:
    """Drop the pending file and everything made from it; with ``clear_widget`` the browser lets go of it too."""
    for key in (FILE, FILE_ID, CHECK, COLUMNS, COUNTS, AUTO, FIELDS_FOR, *OVERRIDES):
        st.session_state.pop(key, None)
    for fld in FIELD_LABELS:
        st.session_state.pop(f"map_{fld}", None)
    if clear_widget:
        st.session_state[GEN] = st.session_state.get(GEN, 0) + 1  # a new uploader widget


def on_uploader_change() -> None:
    if st.session_state.get(uploader_key()) is None:  # the user removed the file in the uploader
        forget_file()


def take_file(file: Any) -> upload.Upload | None:
    """A newly dropped file becomes this session's pending upload (its bytes are not copied); returns the pending one."""
    if file is not None and file.file_id != st.session_state.get(FILE_ID):
        forget_file()
        st.session_state.pop(DONE, None)
        pending = upload.Upload.from_bytes(file.name, file.getvalue())
        st.session_state[FILE], st.session_state[FILE_ID] = pending, file.file_id
        st.session_state["up_dataset"] = upload.default_dataset_name(pending)
        # What detection finds with no choices made: the 'Detect' options say it, fixed for this file so
        # that the options (and the widgets' values) never change under the user.
        st.session_state[AUTO] = file_columns.detected_defaults(columns_of(pending, Choices()))
    return st.session_state.get(FILE)


def detected() -> dict[str, Any]:
    """What detection found in the pending file with no choices made."""
    return st.session_state.get(AUTO, {})


def columns_of(pending: upload.Upload, choices: Choices) -> file_columns.FileColumns:
    """The file's columns as these choices read them (only the first part of the file is read)."""
    memo = st.session_state.get(COLUMNS)
    if memo is None or memo[0] != (pending.digest, choices.reading()):
        memo = ((pending.digest, choices.reading()), file_columns.read_columns(pending, choices))
        st.session_state[COLUMNS] = memo
    return memo[1]


def suggested_fields(columns: file_columns.FileColumns) -> dict[str, tuple[str, str]]:
    """Suggestions for the column pickers; a new set of columns resets the pickers to them."""
    suggested = file_columns.initial_fields(columns)
    if st.session_state.get(FIELDS_FOR) != columns.headers:  # a new file, or reading it differently
        for fld in FIELD_LABELS:
            st.session_state[f"map_{fld}"] = suggested[fld][0] if fld in suggested else ""
        st.session_state[FIELDS_FOR] = columns.headers
    return suggested


def chosen_fields() -> dict[str, str]:
    return {fld: st.session_state.get(f"map_{fld}", "") for fld in FIELD_LABELS}


def kept_check(pending: upload.Upload, choices: Choices) -> upload.Checked | None:
    """The check already made under these choices, or None (the previous one is freed first)."""
    memo = st.session_state.get(CHECK)
    if memo is not None and memo[0] == (pending.digest, choices):
        return memo[1]
    st.session_state.pop(CHECK, None)
    st.session_state.pop(COUNTS, None)  # free the previous result before building the next one
    return None


def keep_check(pending: upload.Upload, choices: Choices, check: upload.Checked) -> None:
    st.session_state[CHECK] = ((pending.digest, choices), check)


def counts_of(engine: Engine, pending: upload.Upload, check: upload.Checked) -> tuple[np.ndarray, upload.Counts]:
    """Which events are already stored (by id) and the counts, asked again whenever the store changes."""
    key = (pending.digest, check.choices, revision())
    memo = st.session_state.get(COUNTS)
    if memo is None or memo[0] != key:
        assert check.result is not None
        stored = store.stored_ids(engine, check.result.events["id"])
        memo = (key, stored, upload.count_rows(check.result, stored))
        st.session_state[COUNTS] = memo
    return memo[1], memo[2]


def remember_import(outcome: store.ImportOutcome, name: str) -> None:
    """The import's confirmation, shown after the page forgets the file."""
    st.session_state[DONE] = {
        "batch": outcome.batch,
        "added": outcome.added,
        "duplicates": outcome.duplicates,
        "rejected": outcome.rejected,
        "updated": outcome.updated,
        "name": name,
    }
    forget_file(clear_widget=True)


def last_import() -> dict[str, Any] | None:
    return st.session_state.get(DONE)
