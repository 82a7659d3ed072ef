"""Events: the filtered events as a sortable table, with a CSV download that is safe to open."""

import streamlit as st

from diplotime import ui

ui.page_guard()
index = ui.event_index()
view = ui.current_view()
rows, matched = ui.table(index, ui.revision(), view.filters)
ui.page_title("Events", ":material/table_rows:")
ui.summary_ui(index, matched)
if matched > len(rows):
    ui.note(
        f"The table lists the first {len(rows):,} of {matched:,} matching events in date order; "
        "narrow the filters to see the rest. The download has all of them."
    )
ui.csv_download_ui(view.filters, matched)
ui.add_event_ui("events")
ui.events_table_ui(rows, key="events_table", height=560)
st.caption(
    "Click a column title to sort; the search icon above the table finds text in it. "
    "Spreadsheet formulas in the CSV are neutralised, so it is safe to open in Excel."
)
ui.event_card_ui(index, key="events", hint="Choose a row to see the event's details here.")
