"""Storylines in the app: an event's links on its card, and the bar above a timeline showing a storyline."""

from __future__ import annotations

import streamlit as st

from diplotime.explore.index import EventIndex
from diplotime.explore.storylines import links_of, storyline
from diplotime.text import escape_markdown, plural, shorten
from diplotime.ui.view import current_view, set_view


def _title(index: EventIndex, event_id: str) -> str:
    pos = index.positions.get(event_id)
    return str(index.events["title"].iat[pos]) if pos is not None else event_id


def _show_storyline(event_id: str) -> None:
    set_view(thread=event_id)
    st.session_state["storyline_go"] = True


def related_ui(index: EventIndex, event_id: str, key: str) -> None:
    """The event's links both ways, each opening the linked event, and a button for its whole storyline."""
    links = links_of(index, event_id)
    if not links:
        return
    st.markdown("**Related events:**")
    for i, link in enumerate(links[:12]):
        label = f"{link.label}: {shorten(_title(index, link.other), 70)}"
        if link.stored:
            st.button(
                label,
                key=f"{key}_related_{i}",
                type="tertiary",
                icon=":material/link:",
                on_click=set_view,
                kwargs={"event": link.other},
            )
        else:
            st.caption(f"{escape_markdown(label)} (not in the store)")
    if len(links) > 12:
        st.caption(f"… and {len(links) - 12} more links.")
    st.button(
        "Show its storyline on the timeline",
        key=f"{key}_storyline",
        icon=":material/timeline:",
        on_click=_show_storyline,
        args=(event_id,),
    )
    if st.session_state.pop("storyline_go", False):
        st.switch_page("pages/timeline.py")


def storyline_bar_ui(index: EventIndex) -> None:
    """Above the timeline: whose storyline is shown, how long it is, and a way to clear it."""
    thread = current_view().thread
    if not thread:
        return
    chain = storyline(index, thread)
    cols = st.columns([5, 1], vertical_alignment="center")
    cols[0].markdown(
        f"**Storyline of “{escape_markdown(shorten(_title(index, thread), 90))}”** · "
        f"{plural(len(chain), 'event')}, joined in date order"
    )
    cols[1].button("Clear", key="storyline_clear", icon=":material/close:", on_click=set_view, kwargs={"thread": ""})
