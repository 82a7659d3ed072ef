"""The Actors page's widgets: which spellings count as one actor, and the alias table the user edits.

The table is stored in the store (:mod:`diplotime.store.actors`), so it applies for everyone; saving it
re-indexes the events (the index is cached under the table's revision, :func:`diplotime.ui.data.current_aliases`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store
from diplotime.errors import AccessDenied
from diplotime.explore.actors import actor_names, merged_spellings, spelling_counts
from diplotime.text import escape_markdown, plural
from diplotime.ui.access import can, require
from diplotime.ui.data import current_aliases, load_events

EDITOR, SAVED = "actors_editor", "actors_saved"
RULE_COLUMNS = {
    "spelling": st.column_config.TextColumn(
        "Spelling", help="An actor as the events write it (any script)", width="medium", required=True
    ),
    "counts_as": st.column_config.TextColumn(
        "Counts as",
        help="The actor it is counted as; the spelling itself keeps it apart",
        width="medium",
        required=True,
    ),
}


def merged_ui(engine: Engine) -> None:
    """The actors that more than one spelling counts as, with their spellings."""
    counts = spelling_counts(load_events()["actors"])
    names = actor_names(counts, store.read_actor_aliases(engine))
    table = merged_spellings(names, counts)
    st.subheader("Merged spellings")
    if table.empty:
        st.caption("No two spellings in the store count as one actor yet.")
        return
    st.caption(
        f"{plural(len(table), 'actor')} written more than one way. Lanes, filters and counts use the name on the left."
    )
    st.dataframe(
        table,
        hide_index=True,
        key="actors_merged",
        column_config={
            "actor": st.column_config.TextColumn("Counted as", width="medium"),
            "spellings": st.column_config.TextColumn("Spellings in the events", width="large"),
            "events": st.column_config.NumberColumn("Mentions", format="localized", width="small"),
        },
        height="auto" if len(table) <= 10 else 380,
    )


def rules_frame(rules: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"spelling": list(rules), "counts_as": list(rules.values())}, dtype=object)


def edited_rules(frame: pd.DataFrame) -> dict[str, str]:
    """The editor's rows as rules (rows with an empty side are left out; a later row wins)."""
    rules: dict[str, str] = {}
    for spelling, target in zip(frame["spelling"], frame["counts_as"], strict=True):
        spelling, target = str(spelling or "").strip(), str(target or "").strip()
        if spelling and target and spelling.lower() not in ("nan", "none"):
            rules[spelling] = target
    return rules


def alias_table_ui(engine: Engine) -> None:
    """The alias table as an editable grid, saved for everyone with one button."""
    st.subheader("Alias table")
    st.caption(
        "One row per rule: a spelling and the actor it counts as. Use it for spellings the app cannot match "
        "(安倍晋三 → Shinzo Abe, “S. Lavrov” → Sergey Lavrov), to choose the name an actor is shown under, or "
        "write the spelling itself under “Counts as” to keep it apart. Add rows at the bottom of the table; "
        "select rows and press Delete to remove them."
    )
    rules = store.read_actor_aliases(engine)
    edited = st.data_editor(
        rules_frame(rules),
        key=EDITOR,
        num_rows="dynamic",
        hide_index=True,
        column_config=RULE_COLUMNS,
        width="stretch",
    )
    wanted = edited_rules(edited)
    changed = wanted != rules
    save, note = st.columns([1, 3], vertical_alignment="center")
    if save.button(
        "Save the alias table",
        key="actors_save",
        type="primary",
        icon=":material/save:",
        disabled=not changed or not can("edit"),
    ):
        try:
            require("edit")
            kept = store.save_actor_aliases(engine, wanted)
        except (ValueError, AccessDenied) as exc:
            st.error(escape_markdown(str(exc).capitalize() + "."), icon=":material/error:")
        else:
            current_aliases.clear()  # every session re-indexes the events with the new table
            st.session_state[SAVED] = f"Saved {plural(len(kept), 'rule')} for everyone using this store."
            st.session_state.pop(EDITOR, None)
            st.rerun()
    if message := st.session_state.pop(SAVED, None):
        note.success(escape_markdown(message), icon=":material/check_circle:")
    elif changed:
        note.caption("Unsaved changes.")


def spellings_ui(engine: Engine) -> None:
    """Every spelling in the store with its number of mentions and the actor it counts as, to look one up."""
    counts = spelling_counts(load_events()["actors"])
    names = actor_names(counts, store.read_actor_aliases(engine))
    with st.expander(f"All {plural(len(counts), 'spelling')} in the store", icon=":material/list:"):
        frame = pd.DataFrame(
            {"spelling": list(counts), "mentions": list(counts.values()), "counts_as": [names[s] for s in counts]}
        ).sort_values(["mentions", "spelling"], ascending=[False, True])
        st.dataframe(
            frame,
            hide_index=True,
            key="actors_all",
            height=380,
            column_config={
                "spelling": st.column_config.TextColumn("Spelling", width="medium"),
                "mentions": st.column_config.NumberColumn("Mentions", format="localized", width="small"),
                "counts_as": st.column_config.TextColumn("Counts as", width="medium"),
            },
        )
