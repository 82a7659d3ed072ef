"""Editing single events from the card: Edit, Delete, Add an event, the event's history, Undo of a save.

The form shows each field as text, checks it with the import's own rules before saving (problems
under their fields), and saves against the version read when it opened: a save over someone else's
newer change is refused with both versions side by side, the typed values kept in the form.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from diplotime import store
from diplotime.errors import DiplotimeError, EditConflict, InvalidEvent
from diplotime.store.edits import SHOWN, shown
from diplotime.text import escape_markdown
from diplotime.ui.access import can, current_identity, require
from diplotime.ui.changes import store_changed, store_engine, undo_batch
from diplotime.ui.view import set_view
from diplotime.validate.single import EDITABLE, check_event_values

LABELS = {
    "date": "Date",
    "end_date": "End date",
    "date_precision": "Precision",
    "title": "Title",
    "event_type": "Type",
    "actors": "Actors (; between names)",
    "countries": "Countries (names or ISO codes, ;)",
    "location": "Place",
    "lat": "Latitude",
    "lon": "Longitude",
    "description": "Description",
    "source": "Source (http(s) link or citation)",
    "tags": "Tags (;)",
    "related": "Related events (relation:id, ;)",
}
LONG = ("title", "description", "source")
SAVED = "edit_saved"  # (event key, message, batch) of the last save, for its Undo button on that card


def who() -> str:
    """Who a save is recorded as (the signed-in user; else the local user); refused without the edit role."""
    require("edit")
    return current_identity()


def _stored(key: str) -> dict[str, str] | None:
    with store_engine().connect() as conn:
        return shown(store.edits.read_event(conn, key))


def _form(prefix: str, values: dict[str, str], problems: dict[str, str]) -> dict[str, str]:
    typed: dict[str, str] = {}
    left, right = st.columns(2)
    for i, name in enumerate(EDITABLE):
        column = left if name in LONG or i % 2 == 0 else right
        box = st if name in LONG else column
        label = LABELS.get(name, name)
        if name == "description":
            typed[name] = box.text_area(label, value=values.get(name, ""), key=f"{prefix}_{name}", height=120)
        else:
            typed[name] = box.text_input(label, value=values.get(name, ""), key=f"{prefix}_{name}")
        if name in problems:
            box.error(problems[name], icon=":material/error:")
    return typed


def _conflict_ui(conflict: EditConflict) -> None:
    st.error(escape_markdown(conflict.message.capitalize() + "."), icon=":material/sync_problem:")
    theirs = conflict.theirs or {}
    rows = [
        {"field": LABELS.get(name, name), "saved by them": theirs.get(name, ""), "yours": conflict.yours.get(name, "")}
        for name in EDITABLE
        if theirs.get(name, "") != conflict.yours.get(name, theirs.get(name, "")) or name in conflict.yours
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption("Your values are still in the form: change what you need and save again to keep them.")


def _saved(key: str, message: str, batch: int | None) -> None:
    st.session_state[SAVED] = (key, message, batch)
    store_changed()
    st.rerun()


@st.dialog("Edit event", width="large")
def edit_dialog(key: str) -> None:
    state = st.session_state
    opened = state.setdefault(f"edit_version_{key}", store.event_version(store_engine(), key))
    current = _stored(key)
    if current is None:
        st.warning("This event was deleted meanwhile.")
        return
    with st.form(f"edit_form_{key}", border=False):
        typed = _form(f"edit_{key}", current, state.get(f"edit_problems_{key}", {}))
        saved = st.form_submit_button("Save", type="primary", icon=":material/save:")
    if not saved:
        return
    changes = {name: value for name, value in typed.items() if value != current.get(name, "")}
    problems = check_event_values({**current, **changes}, dataset=current["dataset"])
    state[f"edit_problems_{key}"] = problems
    if problems:
        st.rerun(scope="fragment")
    try:
        outcome = store.edit_event(store_engine(), key, changes, expected_version=opened, who=who())
    except EditConflict as conflict:
        _conflict_ui(conflict)
        state[f"edit_version_{key}"] = store.event_version(store_engine(), key)  # saving again keeps yours
        return
    except InvalidEvent as invalid:
        state[f"edit_problems_{key}"] = invalid.problems
        st.rerun(scope="fragment")
    except DiplotimeError as exc:  # deleted meanwhile, or a role that may not edit
        st.error(escape_markdown(exc.message.capitalize() + "."))
        return
    state.pop(f"edit_version_{key}", None)
    done = "No field changed." if outcome.batch is None else f"Saved (batch {outcome.batch})."
    _saved(key, done, outcome.batch)


@st.dialog("Delete event")
def delete_dialog(key: str) -> None:
    current = _stored(key)
    if current is None:
        st.warning("This event was deleted meanwhile.")
        return
    st.markdown(f"Delete **{escape_markdown(current['title'])}** for everyone using this store? You can undo it.")
    if st.button("Delete", type="primary", icon=":material/delete:", key=f"delete_yes_{key}"):
        try:
            outcome = store.delete_event(
                store_engine(), key, expected_version=store.event_version(store_engine(), key), who=who()
            )
        except DiplotimeError as exc:
            st.error(escape_markdown(exc.message.capitalize() + "."))
            return
        set_view(event="")
        _saved("", f"Deleted (batch {outcome.batch}).", outcome.batch)


@st.dialog("Add an event", width="large")
def add_dialog() -> None:
    state = st.session_state
    with st.form("add_form", border=False):
        typed = _form("add", {}, state.get("add_problems", {}))
        dataset = st.text_input("Dataset", value=store.edits.DEFAULT_DATASET, key="add_dataset")
        saved = st.form_submit_button("Add", type="primary", icon=":material/add:")
    if not saved:
        return
    values = {name: value for name, value in typed.items() if value}
    try:
        outcome = store.add_event(store_engine(), values, who=who(), dataset=dataset or store.edits.DEFAULT_DATASET)
    except InvalidEvent as invalid:
        state["add_problems"] = invalid.problems
        st.rerun(scope="fragment")
    except DiplotimeError as exc:
        st.error(escape_markdown(exc.message.capitalize() + "."))
        return
    state.pop("add_problems", None)
    set_view(event=outcome.key)
    _saved(outcome.key, f"Added (batch {outcome.batch}).", outcome.batch)


def saved_notice_ui(key: str, event: str = "") -> None:
    """The last save's message with an Undo button for it, on the card of the event it changed (a deletion
    or an addition: where the user is next)."""
    saved, message, batch = st.session_state.get(SAVED, ("", None, None))
    if not message or saved not in ("", event):
        return
    text, undo = st.columns([3, 1], vertical_alignment="center")
    text.success(message, icon=":material/check_circle:")
    if batch is not None and undo.button("Undo this save", key=f"{key}_undo_save", icon=":material/undo:"):
        try:
            undo_batch(store_engine(), batch)
        except DiplotimeError as exc:
            st.session_state[SAVED] = (saved, exc.message.capitalize() + ".", None)
        else:
            st.session_state[SAVED] = (saved, f"Batch {batch} undone.", None)
        store_changed()
        st.rerun()


def history_ui(key: str) -> None:
    history = store.event_history(store_engine(), key)
    with st.expander(f"History ({len(history)})", icon=":material/history:"):
        rows: list[dict[str, Any]] = []
        for r in history:
            listed = r.changes if r.kind not in ("import", "add", "undone") else []
            detail = "; ".join(f"{c.field}: {c.old or '∅'} → {c.new or '∅'}" for c in listed)
            rows.append(
                {
                    "when": r.changed_at.replace("T", " ")[:16],
                    "who": r.who or "local",
                    "what": r.kind,
                    "batch": r.batch,
                    "changes": detail,
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def event_actions_ui(key: str, widget_key: str) -> None:
    """Under the card: Edit, Delete (for a role that may edit), the history, and the last save's Undo."""
    if not can("edit"):
        history_ui(key)
        return
    edit, delete = st.columns(2)
    if edit.button("Edit", key=f"{widget_key}_edit", icon=":material/edit:", width="stretch"):
        for name in SHOWN:
            st.session_state.pop(f"edit_{key}_{name}", None)
        st.session_state.pop(f"edit_version_{key}", None)
        st.session_state.pop(f"edit_problems_{key}", None)
        edit_dialog(key)
    if delete.button("Delete", key=f"{widget_key}_delete", icon=":material/delete:", width="stretch"):
        delete_dialog(key)
    saved_notice_ui(widget_key, key)
    history_ui(key)


def add_event_ui(widget_key: str) -> None:
    if not can("edit"):
        return
    if st.button("Add an event", key=f"{widget_key}_add", icon=":material/add:"):
        st.session_state.pop("add_problems", None)
        add_dialog()
    saved_notice_ui(f"{widget_key}_added")
