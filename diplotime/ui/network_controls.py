"""The Network page's widgets: the period slider, the events of a clicked link, and the Gephi downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from diplotime.explore.filters import filter_mask
from diplotime.explore.index import EventIndex
from diplotime.explore.link import Era
from diplotime.figures import charts
from diplotime.figures.network import network_gexf, network_graphml
from diplotime.text import escape_markdown, plural
from diplotime.ui.tables import events_table_ui
from diplotime.ui.view import current_view, set_view

LINK = "network_link"  # the clicked link (source, target), for this session


def period_ui(index: EventIndex) -> Era | None:
    """A two-handled slider of years inside the filtered events' span: the network of that period (in the link)."""
    view = current_view()
    mask = filter_mask(index, view.filters)
    if not mask.any():
        return None
    first = int(index.start[mask].min().astype("datetime64[Y]").astype(int)) + 1970
    last = int(index.end[mask].max().astype("datetime64[Y]").astype(int)) + 1970
    if first == last:
        set_view(period=None)
        return None
    period = view.period
    chosen = (
        (min(max(period.start.year, first), last), max(min(period.end.year, last), first)) if period else (first, last)
    )
    if st.session_state.get("w_period_span") != (first, last):  # new filters: the slider starts from the view
        st.session_state["w_period"] = chosen
        st.session_state["w_period_span"] = (first, last)
    chosen_years = st.slider(
        "Period",
        min_value=first,
        max_value=last,
        key="w_period",
        step=1,
        help="The network of the events in these years (inside the filters' dates).",
    )
    lo, hi = (int(y) for y in chosen_years)  # type: ignore[union-attr,attr-defined]  # a range slider gives a pair
    wanted = None if (lo, hi) == (first, last) else Era(dt.date(lo, 1, 1), dt.date(hi, 12, 31), "")
    set_view(period=wanted)
    return wanted


def link_events_ui(index: EventIndex, source: str, target: str) -> None:
    """The events two actors share, as a table, with a way back."""
    events = charts.network_link_events(index, current_view(), source, target)
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].subheader(f"{escape_markdown(source)} and {escape_markdown(target)}: {plural(len(events), 'event')}")
    cols[1].button(
        "Clear", key="network_clear_link", icon=":material/close:", on_click=st.session_state.pop, args=(LINK, None)
    )
    events_table_ui(charts.table_frame(events), key="network_link_events", columns=("date", "title", "type", "place"))


def downloads_ui(result: charts.NetworkResult) -> None:
    left, right = st.columns(2)
    left.download_button(
        "Network for Gephi (GEXF)",
        key="network_gexf",
        icon=":material/hub:",
        data=lambda: network_gexf(result.network),
        file_name="network.gexf",
        mime="application/gexf+xml",
        on_click="ignore",
    )
    right.download_button(
        "Network as GraphML",
        key="network_graphml",
        icon=":material/account_tree:",
        data=lambda: network_graphml(result.network),
        file_name="network.graphml",
        mime="application/graphml+xml",
        on_click="ignore",
    )
    st.caption("PNG and SVG of the network are on the Export page.")


def clicked_link() -> tuple[str, str] | None:
    link = st.session_state.get(LINK)
    return (str(link[0]), str(link[1])) if link else None


def remember_link(source: str, target: str) -> None:
    st.session_state[LINK] = (source, target)
