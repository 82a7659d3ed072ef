"""The framework floor for bench/page.py: a bare Streamlit page with one st.plotly_chart of the same points.

    DIPLOTIME_DATABASE_URL=... streamlit run bench/floor_app.py

It reads the same store as the app (once per server, cached) and draws each event as a marker at its
first day, one trace per event type: what any Streamlit dashboard of these events costs at the least.
"""

import plotly.graph_objects as go
import streamlit as st

from diplotime import store


@st.cache_resource
def events():  # noqa: ANN201
    return store.read_all_events(store.open_store(seed_from=None))


frame = events()
figure = go.Figure()
kind = go.Scattergl if len(frame) > 20_000 else go.Scatter  # WebGL for many points, as a dashboard would
for event_type, part in frame.groupby("event_type", sort=True):
    figure.add_trace(
        kind(
            x=part["date_start"],
            y=part["event_type"],
            mode="markers",
            name=str(event_type),
            customdata=part[["id"]].to_numpy(),
            hovertext=part["title"],
            hoverinfo="text",
        )
    )
figure.update_layout(height=600)
st.plotly_chart(figure, config={"displaylogo": False})
