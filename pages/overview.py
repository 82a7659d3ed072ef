"""Overview (home): headline numbers, events over time by type, top actors and places, latest events."""

import streamlit as st

from diplotime import ui
from diplotime.ui import compare

ui.page_guard()
index = ui.event_index()
view = ui.current_view()
ui.page_title("Overview", ":material/dashboard:")

# Clicks on the charts: a period zooms the dates, an actor becomes a filter, a place opens the map.
if picked := ui.new_selection("overview_periods"):
    if (custom := ui.first_customdata(picked)) and len(custom) >= 5:
        ui.zoom_to(*ui.period_of([f"period:{custom[3]}:{custom[4]}"]))
if picked := ui.new_selection("overview_actors"):
    if custom := ui.first_customdata(picked):
        ui.request_filters(actors=tuple(dict.fromkeys([*view.filters.actors, str(custom[0])])))
if picked := ui.new_selection("overview_places"):
    if (custom := ui.first_customdata(picked)) and custom[0]:  # the place's map link; '' when not on the map
        ui.set_view(place=str(custom[0]), event="")
        st.switch_page("pages/map.py")

if compare.toggle_ui():  # two views side by side, each with its own filters, on the same scales
    compare.second_filters_ui(index)
    compare.overviews_ui(index)
else:
    result = ui.overview(index, ui.revision(), view.filters)
    head = result.headline
    ui.summary_ui(index, head.events)
    if len(index):
        cols = st.columns(6)
        cols[0].metric("Events", f"{head.events:,}")
        cols[1].metric("From", head.first_year, help=f"Earliest event: {head.first}")
        cols[2].metric("To", head.last_year, help=f"Latest event: {head.last}")
        cols[3].metric("Countries", f"{head.countries:,}")
        cols[4].metric("Actors", f"{head.actors:,}")
        cols[5].metric("Places", f"{head.places:,}", help=f"{head.with_web_source:,} of the events cite a web source")

        st.subheader(f"Events per {result.period}, by type")
        st.caption("Click a bar to zoom the dates to that period.")
        ui.plotly_chart(result.per_period, key="overview_periods")

        actors, places = st.columns(2, gap="large")
        with actors:
            st.subheader("Most frequent actors")
            st.caption("Click an actor to filter by it.")
            ui.plotly_chart(result.actors, key="overview_actors")
        with places:
            st.subheader("Most frequent places")
            st.caption("Click a place to see it on the map.")
            ui.plotly_chart(result.places, key="overview_places")

        st.subheader("Latest events")
        table, card = st.columns([3, 2], gap="large")
        with table:
            ui.events_table_ui(result.latest, key="overview_latest", columns=("date", "title", "type", "place"))
        with card:
            ui.event_card_ui(index, key="overview", hint="Choose a row to see the event's details here.")
