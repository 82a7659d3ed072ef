"""The Upload page's changed rows: events of the file whose key is stored with other content, each with
what differs and a choice, "Keep stored" (the default: nothing is overwritten silently) or "Use the file's".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store, upload
from diplotime.text import plural
from diplotime.ui.data import revision

MEMO = "up_changed_memo"
KEEP, USE = "Keep stored", "Use the file's"
SHOWN_MAX = 500  # rows listed; the choice for all of them is one click below
COLUMNS = {
    "choice": st.column_config.SelectboxColumn(
        "Apply?",
        options=[KEEP, USE],
        required=True,
        width="small",
        help="Keep the stored event, or give it the file's content",
    ),
    "row": st.column_config.NumberColumn("Row", format="%d", width="small", help="Row in the file (header = 1)"),
    "id": st.column_config.TextColumn("Event", width="small"),
    "changes": st.column_config.TextColumn("What the file changes (field: stored → file)", width="large"),
}


def found(engine: Engine, pending: upload.Upload, check: upload.Checked) -> list[store.ChangedRow]:
    """The changed rows of the checked file, kept in the session until the file, the choices or the store change."""
    assert check.result is not None
    key = (pending.digest, check.choices, revision())
    memo = st.session_state.get(MEMO)
    if memo is None or memo[0] != key:
        memo = (key, store.changed_rows(engine, check.result.events))
        st.session_state[MEMO] = memo
    return memo[1]


def changed_ui(engine: Engine, pending: upload.Upload, check: upload.Checked) -> set[str]:
    """The changed rows with a choice for each; returns the keys of the events to give the file's content."""
    changed = found(engine, pending, check)
    if not changed:
        return set()
    table = pd.DataFrame(
        {
            "choice": KEEP,
            "row": [c.row for c in changed],
            "id": [c.key for c in changed],
            "changes": ["; ".join(f"{f.field}: {f.old or '∅'} → {f.new or '∅'}" for f in c.changes) for c in changed],
        }
    )
    with st.container(border=True, key="up_changed"):
        st.info(
            f"{plural(len(table), 'event of the file is', 'events of the file are')} stored already with other "
            "content. The stored versions are kept unless you choose “Use the file's”; an applied change is "
            "undone with the batch.",
            icon=":material/difference:",
        )
        every = st.toggle("Use the file's content for all of them", key=f"up_changed_all_{pending.digest[:16]}")
        if every:
            return set(table["id"])
        edited = st.data_editor(
            table.head(SHOWN_MAX),
            key=f"up_changed_choices_{pending.digest[:16]}",
            hide_index=True,
            column_config=COLUMNS,
            disabled=[c for c in table.columns if c != "choice"],
            width="stretch",
            height="auto" if len(table) <= 10 else 380,
        )
        if len(table) > SHOWN_MAX:
            st.caption(f"The first {SHOWN_MAX:,} of {len(table):,} are listed; the switch above applies to all.")
    chosen = pd.DataFrame(edited)
    return set(chosen.loc[chosen["choice"] == USE, "id"].astype(str))
