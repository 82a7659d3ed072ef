"""The Upload page's likely duplicates: events of the file that look like ones already stored (or like an
earlier row), each with "Skip" or "Import anyway". Skipping is the default; nothing is decided silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from diplotime import upload
from diplotime.text import plural
from diplotime.ui.data import event_index, revision
from diplotime.upload.duplicates import Duplicates, likely_duplicates

MEMO = "up_duplicates_memo"
SKIP, IMPORT = "Skip", "Import anyway"
COLUMNS = {
    "choice": st.column_config.SelectboxColumn(
        "Import?", options=[SKIP, IMPORT], required=True, width="small", help="Skip it, or import it as a new event"
    ),
    "row": st.column_config.NumberColumn("Row", format="%d", width="small", help="Row in the file (header = 1)"),
    "date": st.column_config.TextColumn("Date", width="small"),
    "title": st.column_config.TextColumn("Title in the file", width="medium"),
    "match_title": st.column_config.TextColumn("Looks like", width="medium"),
    "match_where": st.column_config.TextColumn("Which is", width="small", help="Stored already, or a row of this file"),
    "why": st.column_config.TextColumn("Why", width="medium"),
}


def found(pending: upload.Upload, check: upload.Checked, stored: np.ndarray) -> Duplicates:
    """The likely duplicates among the events Import would add, kept in the session until the file, the
    choices or the store change."""
    assert check.result is not None
    key = (pending.digest, check.choices, revision())
    memo = st.session_state.get(MEMO)
    if memo is None or memo[0] != key:
        new = check.result.events[~np.asarray(stored, dtype=bool)]
        memo = (key, likely_duplicates(new, event_index().events))
        st.session_state[MEMO] = memo
    return memo[1]


def duplicates_ui(pending: upload.Upload, check: upload.Checked, stored: np.ndarray) -> set[str]:
    """The list of likely duplicates with a choice for each; returns the ids of the events to skip."""
    dups = found(pending, check, stored)
    if not dups.complete:
        st.caption("This file is too large to compare every event with the stored ones for likely duplicates.")
    if not len(dups):
        return set()
    table = dups.table.assign(choice=SKIP)[list(COLUMNS) + ["id"]]
    with st.container(border=True, key="up_duplicates"):
        st.warning(
            f"{plural(len(table), 'event looks', 'events look')} like one already stored or an earlier row "
            "(same date, close title, an actor in common). They are skipped unless you choose “Import anyway”.",
            icon=":material/content_copy:",
        )
        edited = st.data_editor(
            table,
            key=f"up_dup_choices_{pending.digest[:16]}",
            hide_index=True,
            column_config={**COLUMNS, "id": None},
            disabled=[c for c in table.columns if c != "choice"],
            width="stretch",
            height="auto" if len(table) <= 10 else 380,
        )
    chosen = pd.DataFrame(edited)
    return set(chosen.loc[chosen["choice"] != IMPORT, "id"].astype(str))
