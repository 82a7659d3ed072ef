"""Network: who met whom. Actors are nodes, two actors are linked when they share an event, and a link is
thicker for more shared events. Driven by the sidebar filters and a period slider (both in the link)."""

import streamlit as st

from diplotime import ui
from diplotime.ui import network_controls as net

ui.page_guard()
index = ui.event_index()
ui.page_title("Network", ":material/hub:")

# A click on an actor filters by it; a click on a link lists the events the two actors share.
if picked := ui.new_selection("network_chart"):
    if custom := ui.first_customdata(picked):
        if custom[0] == "actor":
            ui.request_filters(actors=(str(custom[1]),))
        elif custom[0] == "link":
            net.remember_link(str(custom[1]), str(custom[2]))

period = net.period_ui(index)
view = ui.current_view()
result = ui.network(index, ui.revision(), view.filters, view.period)
ui.summary_ui(index, result.matched)
ui.note(result.note)
ui.plotly_chart(result.figure, key="network_chart")
st.caption(
    "Click an actor to filter every page by it; click the middle of a link to list the events the two "
    "share. Colours: the country each actor acts for. Drag to pan, scroll to zoom."
)
if link := net.clicked_link():
    left, right = st.columns([3, 2], gap="large")
    with left:
        net.link_events_ui(index, *link)
    with right:
        ui.event_card_ui(index, key="network", hint="Choose an event in the list to see its details.")
net.downloads_ui(result)
