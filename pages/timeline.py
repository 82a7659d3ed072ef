"""Timeline: swimlanes by type, country or actor; click an event for its card, or a count to zoom in."""

import streamlit as st

from diplotime import ui
from diplotime.ui import compare

ui.page_guard()
index = ui.event_index()
ui.page_title("Timeline", ":material/view_timeline:")

# A click on an event opens its card (the chart stays as it is, zoom included); a click on a count
# bubble, or a box drawn with the box-select tool, zooms the date filter (so the zoom is part of the link).
if picked := ui.new_selection("timeline_chart"):
    if dates := ui.box_dates(picked):
        ui.zoom_to(*dates)
    elif custom := ui.first_customdata(picked):
        if period := ui.period_of(custom):
            ui.zoom_to(*period)
        elif index.has_event(str(custom[0])):
            ui.set_view(event=str(custom[0]))
            ui.picked_on_chart("timeline_chart", str(custom[0]))

controls = st.columns([2, 3, 1.4], vertical_alignment="bottom")
with controls[0]:
    ui.group_by_ui()
with controls[1]:
    ui.eras_ui()
with controls[2]:
    comparing = compare.toggle_ui()
if comparing:  # two views side by side, each with its own filters, on the same scales
    compare.second_filters_ui(index)
    compare.timelines_ui(index)
else:
    view = ui.current_view()
    ui.storyline_bar_ui(index)
    result = ui.timeline(index, ui.revision(), ui.drawn_view(view, "timeline_chart"))
    ui.summary_ui(index, result.matched)
    ui.note(result.note)
    ui.plotly_chart(result.figure, key="timeline_chart", box=True, keep_zoom=True)
    st.caption(
        "Markers are single days; bars cover the days an event lasted, hatched when only its year or month is "
        "known (open markers sit in their middle). Drag to zoom (double-click to zoom out), type dates or use a "
        "preset in the sidebar, or draw a box with the box-select tool to narrow the dates."
    )
    ui.event_card_ui(index, key="timeline")
