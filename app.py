"""Diplomacy Timeline: `streamlit run app.py`."""

import streamlit as st

from diplotime import ui

st.set_page_config(page_title="Diplomacy Timeline", layout="wide")
st.title("Diplomacy Timeline")
events = ui.load_events()
st.caption(f"{len(events)} events in the store")
st.dataframe(events[["date", "title", "event_type", "location", "source"]], hide_index=True)
