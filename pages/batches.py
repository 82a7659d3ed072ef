"""Batches: every import with its file, time and counts; a batch's events; undo one batch after confirming.

Undo removes exactly the events that batch added. Events other batches added stay, including ones
the undone file also contained (they were already stored, so that batch never added them).
"""

import streamlit as st

from diplotime import export, store, ui
from diplotime.errors import DiplotimeError
from diplotime.explore.filters import batch_mask
from diplotime.text import escape_markdown, file_label
from diplotime.upload import batches

CONFIRM, UNDONE, TIMELINE = "batches_confirm", "batches_undone", "batches_to_timeline"
state = st.session_state
engine = ui.store_engine("undo")

BATCH_COLUMNS = {
    "batch": st.column_config.NumberColumn("Batch", format="%d", width="small"),
    "file": st.column_config.TextColumn("File", width="medium"),
    "imported": st.column_config.TextColumn("Imported"),
    "format": st.column_config.TextColumn("Format", width="small"),
    "rows": st.column_config.NumberColumn("Rows", format="localized", help="Data rows in the file"),
    "added": st.column_config.NumberColumn("Added", format="localized", help="Events this batch stored"),
    "duplicates": st.column_config.NumberColumn(
        "Skipped", format="localized", help="Valid events that were already stored"
    ),
    "rejected": st.column_config.NumberColumn("Rejected", format="localized", help="Rows with a problem"),
    "status": st.column_config.TextColumn("Status"),
}


def undo(batch_id: int) -> None:
    try:
        removed = ui.undo_batch(engine, batch_id)
    except DiplotimeError as exc:  # no such batch, or undone meanwhile (in another session)
        state[UNDONE] = ("error", exc.message.capitalize() + ".")
    else:
        state[UNDONE] = (
            "ok",
            f"Batch {batch_id} was undone: {removed:,} events removed or put back. Other batches were not touched.",
        )
        ui.store_changed()
    state.pop(CONFIRM, None)


def confirm_undo_ui(batch_id: int, stored: int) -> None:
    with st.container(border=True, key="batch_confirm_box"):
        st.warning(
            f"Undo batch {batch_id}? This removes the {stored:,} events it added, for everyone using this "
            "store. Events from other batches stay. To get them back later, import the file again.",
            icon=":material/warning:",
        )
        yes, no = st.columns(2)
        yes.button(
            f"Yes, remove {stored:,} events",
            key="batch_undo_yes",
            type="primary",
            icon=":material/delete:",
            on_click=undo,
            args=(batch_id,),
        )
        no.button("Cancel", key="batch_undo_no", on_click=lambda: state.pop(CONFIRM, None))


ui.page_title("Import batches", ":material/history:")
if message := state.pop(UNDONE, None):
    (st.success if message[0] == "ok" else st.error)(escape_markdown(message[1]), icon=":material/undo:")
frame = store.list_batches(engine)
if frame.empty:
    st.info("Nothing has been imported yet.", icon=":material/inbox:")
    st.page_link("pages/upload.py", label="Upload a file", icon=":material/upload:")
else:
    st.caption("Every import is one batch. Undo removes exactly the events a batch added.")
    st.dataframe(
        batches.batch_table(frame),
        hide_index=True,
        column_config=BATCH_COLUMNS,
        key="batches_table",
        height=min(400, 38 + 35 * len(frame)),
    )
    rows = {int(r["id"]): r for _, r in frame.iterrows()}
    batch_id = st.selectbox("Batch", list(rows), key="batch_pick", format_func=lambda b: batches.batch_label(rows[b]))
    row = rows[batch_id]
    index = ui.event_index()
    events = index.events[batch_mask(index, batch_id)]
    if batches.is_undone(row):
        st.caption(f"Undone on {batches.when(row['undone_at'])}: its events were removed from the store.")
    else:
        st.markdown(f"**{len(events):,} events** from “{escape_markdown(file_label(row['file_name']))}”")
        actions = st.columns([2, 2, 3])
        actions[0].button(
            "Show on the timeline",
            key="batch_timeline",
            icon=":material/view_timeline:",
            on_click=state.__setitem__,
            args=(TIMELINE, batch_id),
        )
        if state.pop(TIMELINE, None) == batch_id:
            ui.show_batch_on_timeline(batch_id)
        actions[1].button(
            f"Undo batch {batch_id}…",
            key="batch_undo",
            icon=":material/undo:",
            on_click=lambda: state.__setitem__(CONFIRM, batch_id),
            disabled=not ui.may_undo(row.get("created_by")),  # an editor undoes only their own batches
        )
        if state.get(CONFIRM) == batch_id:
            confirm_undo_ui(batch_id, len(events))
        st.download_button(
            f"Download these {len(events):,} events as CSV",
            key="batch_csv",
            icon=":material/download:",
            data=lambda: export.to_safe_csv(events),
            file_name=f"batch-{batch_id}-events.csv",
            mime="text/csv",
            on_click="ignore",
        )
        shown = events.head(1000)
        if len(events) > len(shown):
            st.caption(f"The first {len(shown):,} of {len(events):,} events in date order.")
        ui.events_table_ui(ui.table_rows(shown), key="batch_events", height="auto" if len(shown) <= 10 else 420)
        ui.event_card_ui(index, key="batches", hint="Choose a row to see the event's details here.")
