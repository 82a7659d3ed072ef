"""The Present page's state and caches: the current slide, the hand-picked events, and the talk built from them.

The slide and the picks live in session state (they survive visits to other pages); the picker widget
has its own key because Streamlit forgets a widget's state on pages that do not draw it. A session's
first visit takes both from the link (``slide=N``, ``pick=ID&pick=ID…``).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from diplotime import present
from diplotime.explore.filters import Filters
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState
from diplotime.present import talk_figures

SLIDE, PICKED, PICKER, LOST = "present_slide", "present_picked", "present_picker", "present_lost"


def start_from_link(index: EventIndex) -> None:
    """On a session's first visit, the slide and the hand-picked events come from the link."""
    if SLIDE not in st.session_state:
        st.session_state[SLIDE] = present.clamp_step(st.query_params.get("slide"), present.MAX_PICKED * 10_000)
    if PICKED not in st.session_state:
        linked = list(dict.fromkeys(st.query_params.get_all("pick")))
        st.session_state[PICKED] = [i for i in linked if index.has_event(i)][: present.MAX_PICKED]
        st.session_state[LOST] = len(linked) - len(st.session_state[PICKED])


def picked(index: EventIndex) -> tuple[str, ...]:
    """The hand-picked events still in the store, in the presenter's order."""
    return tuple(i for i in st.session_state[PICKED] if index.has_event(i))


def lost_picks() -> int:
    """How many linked picks are no longer in the data (told once)."""
    return int(st.session_state.pop(LOST, 0))


def go_to(number: int, total: int) -> None:
    st.session_state[SLIDE] = present.clamp_step(number, total)


def step_by(steps: int, total: int) -> None:
    """Move from the slide the session is on *now*, not the one the button was drawn for: a second
    PageDown pressed before the page has redrawn moves on again instead of repeating the first."""
    st.session_state[SLIDE] = present.clamp_step(int(st.session_state.get(SLIDE, 1)) + steps, total)


def current_step(talk: present.Talk) -> present.Step:
    step = talk.step(st.session_state[SLIDE])
    st.session_state[SLIDE] = step.number
    return step


def picks_changed() -> None:
    st.session_state[PICKED] = list(st.session_state[PICKER])
    st.session_state[SLIDE] = 1


# Resources, not cache_data: both are read-only, and a talk over a whole large store holds many ids.
@st.cache_resource(show_spinner=False, max_entries=8)
def talk_scope(
    _index: EventIndex, revision: str, view: ViewState, picks: tuple[str, ...]
) -> tuple[EventIndex, ViewState]:
    """The index and view the talk draws from: the filtered store, or just the hand-picked events."""
    chosen = talk_figures.picked_events(_index, picks) if picks else None
    return talk_figures.talk_scope(
        _index, ViewState(filters=view.filters, group_by=view.group_by, eras=view.eras), chosen
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def build_talk(_index: EventIndex, revision: str, filters: Filters, picks: tuple[str, ...]) -> present.Talk:
    if picks:
        return present.build_talk(talk_figures.picked_events(_index, picks), filters, picks)
    return present.build_talk(talk_figures.scope_events(_index, ViewState(filters=filters)), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def slide_timeline(_index: EventIndex, scope: tuple, view: ViewState, event_id: str, height: int) -> go.Figure:
    return talk_figures.timeline_for_talk(_index, view, event_id, height, compact=bool(event_id))


@st.cache_data(show_spinner=False, max_entries=64)
def slide_position(_index: EventIndex, scope: tuple, view: ViewState, event_id: str) -> go.Figure:
    return talk_figures.position_for_talk(_index, view, event_id, height=120)


@st.cache_data(show_spinner=False, max_entries=8)
def talk_map(_index: EventIndex, scope: tuple, view: ViewState) -> go.Figure:
    return talk_figures.talk_map(_index, view, height=MAP_HEIGHT)


MAP_HEIGHT = 250  # fits beside the text of an event slide on a 1280×720 or 1024×768 projector
