"""Map: places sized by events and coloured by type, with Play through time; or events per country."""

import streamlit as st

from diplotime import ui

ui.page_guard()
index = ui.event_index()
ui.page_title("Map", ":material/public:")

if picked := ui.new_selection("map_chart"):
    if (custom := ui.first_customdata(picked)) and custom[0]:
        ui.set_view(place=str(custom[0]), event="")

controls = st.columns([2, 2, 3, 2], vertical_alignment="bottom")
with controls[0]:
    ui.map_view_ui()
view = ui.current_view()
if view.map_view == "places":
    with controls[1]:
        ui.step_ui()
    with controls[2]:
        ui.play_mode_ui()
    with controls[3]:
        ui.window_ui()
    view = ui.current_view()
    result = ui.map_places(index, ui.revision(), view)
else:
    result = ui.map_countries(index, ui.revision(), view)

ui.summary_ui(index, result.matched)
ui.note(result.note)
if getattr(result, "without_coordinates", 0):
    st.caption(f"{result.without_coordinates:,} of the events have no coordinates and are not on the map.")
ui.plotly_chart(result.figure, key="map_chart")
st.caption("Click a place or a country to list its events. Marker area grows with the number of events.")

if view.place:
    here = ui.place_events(index, view, getattr(result, "grid", 0.0))
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.place_heading_ui(here)
        ui.events_table_ui(ui.table_rows(here), key="place_events", columns=("date", "title", "type", "link"))
    with right:
        ui.event_card_ui(index, key="map", hint="Choose an event in the list to see its details.")
