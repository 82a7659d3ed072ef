"""Present: step through the current view in large type, one event per slide, from the keyboard.

→ or PageDown (what presentation clickers send) moves on, ← or PageUp goes back, Home and End jump
to the first and last slide. The slide number and any hand-picked events are in the link.
"""

import plotly.graph_objects as go
import streamlit as st

from diplotime import present, ui
from diplotime.present import images
from diplotime.present import talk_figures
from diplotime.figures.style import type_colour
from diplotime.explore.index import EventIndex, index_events
from diplotime.explore.filters import Filters
from diplotime.explore.link import ViewState
from diplotime.text import escape_markdown, shorten

# The slide and the picks live in session state (they survive visits to other pages); the picker
# widget has its own key because Streamlit forgets a widget's state on pages that do not draw it.
SLIDE, PICKED, PICKER = "present_slide", "present_picked", "present_picker"

ui.page_guard()
index = ui.event_index()
view = ui.current_view()
revision = ui.revision()

# A session's first visit takes the slide and the hand-picked events from the link.
if SLIDE not in st.session_state:
    st.session_state[SLIDE] = present.clamp_step(st.query_params.get("slide"), present.MAX_PICKED * 10_000)
if PICKED not in st.session_state:
    linked = list(dict.fromkeys(st.query_params.get_all("pick")))
    st.session_state[PICKED] = [i for i in linked if index.has_event(i)][: present.MAX_PICKED]
    st.session_state["present_lost"] = len(linked) - len(st.session_state[PICKED])


# Resources, not cache_data: both are read-only, and a talk over a whole large store holds many ids.
@st.cache_resource(show_spinner=False, max_entries=8)
def picked_index(_index: EventIndex, revision: str, picked: tuple[str, ...]) -> EventIndex:
    return index_events(talk_figures.picked_events(_index, picked))


@st.cache_resource(show_spinner=False, max_entries=16)
def build_talk(_index: EventIndex, revision: str, filters: Filters, picked: tuple[str, ...]) -> present.Talk:
    if picked:
        return present.build_talk(talk_figures.picked_events(_index, picked), filters, picked)
    return present.build_talk(talk_figures.scope_events(_index, ViewState(filters=filters)), filters)


@st.cache_data(show_spinner=False, max_entries=64)
def slide_timeline(_index: EventIndex, scope: tuple, view: ViewState, event_id: str, height: int) -> go.Figure:
    return talk_figures.timeline_for_talk(_index, view, event_id, height, compact=bool(event_id))


@st.cache_data(show_spinner=False, max_entries=8)
def talk_map(_index: EventIndex, scope: tuple, view: ViewState) -> go.Figure:
    return talk_figures.talk_map(_index, view, height=280)


picked = tuple(i for i in st.session_state[PICKED] if index.has_event(i))
talk = build_talk(index, revision, view.filters, picked)
scope = (revision, picked)
if picked:
    talk_index, talk_view = picked_index(index, revision, picked), ViewState(group_by=view.group_by, eras=view.eras)
else:
    talk_index, talk_view = index, ViewState(filters=view.filters, group_by=view.group_by, eras=view.eras)


def go_to(number: int) -> None:
    st.session_state[SLIDE] = present.clamp_step(number, talk.total)


def picks_changed() -> None:
    st.session_state[PICKED] = list(st.session_state[PICKER])
    st.session_state[SLIDE] = 1


step = talk.step(st.session_state[SLIDE])
st.session_state[SLIDE] = step.number
ui.set_page_link(slide=[str(step.number)], pick=list(picked))
ui.notices_ui()
if lost := st.session_state.pop("present_lost", 0):
    st.warning(f"{lost} hand-picked event{'s are' if lost > 1 else ' is'} no longer in the data and "
               "left out.", icon=":material/link_off:")

# ---------------------------------------------------------------- controls (buttons and keys)
bar = st.columns([1, 1.3, 2.4, 1.3, 1], vertical_alignment="center")
bar[0].button("First", key="present_first", icon=":material/first_page:", shortcut="Home", width="stretch",
              on_click=go_to, args=(1,), disabled=step.is_first)
bar[1].button("Previous", key="present_prev", icon=":material/chevron_left:", shortcut="Left", width="stretch",
              on_click=go_to, args=(step.number - 1,), disabled=step.is_first)
bar[2].progress(step.number / talk.total, text=f"Slide {step.number} of {talk.total}")
bar[3].button("Next", key="present_next", icon=":material/chevron_right:", icon_position="right", type="primary",
              shortcut="Right", width="stretch", on_click=go_to, args=(step.number + 1,), disabled=step.is_last)
bar[4].button("Last", key="present_last", icon=":material/last_page:", icon_position="right", shortcut="End",
              width="stretch", on_click=go_to, args=(talk.total,), disabled=step.is_last)

# ---------------------------------------------------------------- the slide
# Streamlit has no font-size option for text; .streamlit/config.toml makes h5 and h6 large text of
# regular weight, which is what the slide's body uses (##### and ######). All event text is escaped.
with st.container(key="slide"):
    if step.kind == present.TITLE:
        st.markdown(f"# {escape_markdown(talk.title)}", anchors=False)
        st.markdown(f"## {talk.count:,} event{'s' if talk.count != 1 else ''}"
                    + (f" · {escape_markdown(talk.date_range)}" if talk.date_range else ""), anchors=False)
        st.markdown(f"##### {escape_markdown(talk.subtitle)}", anchors=False)
        st.caption("Press → or PageDown to start; ← or PageUp goes back; Home and End jump to the first "
                   "and last slide. The link in the sidebar opens this slide.")
    elif step.kind == present.OVERVIEW:
        st.markdown(f"## The whole timeline · {escape_markdown(talk.date_range)}", anchors=False)
        ui.plotly_chart(slide_timeline(talk_index, scope, talk_view, "", 640), key="present_overview",
                        select=False)
    else:
        row = talk_index.events.iloc[talk_index.positions[step.event_id]]
        card = present.event_card(row.to_dict())
        text, figures = st.columns([1.45, 1], gap="large")
        with text:
            st.markdown(f':color[●]{{foreground="{type_colour(card.event_type)}"}} '
                        f"**{escape_markdown(card.type_label)}** · event {step.position + 1} of {talk.count}")
            st.markdown(f"# {escape_markdown(card.title)}", anchors=False)
            st.markdown(f"## {escape_markdown(card.date)}", anchors=False)
            where = " · ".join(x for x in (card.place, card.countries) if x)
            if where:
                st.markdown(f"### {escape_markdown(where)}", anchors=False)
            if card.actors:
                st.markdown(f"###### {escape_markdown(', '.join(card.actors))}", anchors=False)
            for paragraph in card.description.split("\n"):
                if paragraph.strip():
                    st.markdown(f"##### {escape_markdown(paragraph.strip())}", anchors=False)
            if card.source_url:
                st.link_button("Open the source", card.source_url, icon=":material/open_in_new:")
                # The site only: a shortened URL in the caption would become a broken link.
                st.caption(f"Source: {escape_markdown(present.source_site(card.source_url))}")
            elif card.source:
                st.markdown(f"###### Source: {escape_markdown(card.source)}", anchors=False)
            else:
                st.caption("No source given.")
        with figures:
            st.caption("On the whole timeline")
            ui.plotly_chart(slide_timeline(talk_index, scope, talk_view, card.event_id, 330),
                            key="present_position", select=False)
            if talk_figures.has_position(row["lat"], row["lon"]):
                st.caption(f"Where: {escape_markdown(card.place or 'map position')}")
                ui.plotly_chart(talk_figures.map_for_event(talk_map(talk_index, scope, talk_view), row["lat"],
                                                            row["lon"]), key="present_map", select=False)
            else:
                st.caption("This event has no map position.")

# ---------------------------------------------------------------- clicker keys, choosing events, downloads
st.divider()
# Clickers send PageUp/PageDown; a button has one shortcut, so these two carry them.
keys = st.columns([1, 1, 5], vertical_alignment="center")
keys[0].button("Back", key="present_page_up", icon=":material/keyboard_double_arrow_up:", shortcut="PageUp",
               type="tertiary", on_click=go_to, args=(step.number - 1,), disabled=step.is_first)
keys[1].button("Forward", key="present_page_down", icon=":material/keyboard_double_arrow_down:",
               shortcut="PageDown", type="tertiary", on_click=go_to, args=(step.number + 1,), disabled=step.is_last)
keys[2].caption("Presentation clickers work too: they send PageDown and PageUp.")
with st.expander("Choose the events to present", icon=":material/checklist:", expanded=False):
    scope_events = talk_figures.scope_events(index, ViewState(filters=view.filters))
    choices = {**present.choice_labels(scope_events),
               **present.choice_labels(talk_figures.picked_events(index, picked))}
    if len(scope_events) > len(choices):
        st.caption(f"The list offers the first {len(choices):,} of {len(scope_events):,} filtered events; "
                   "narrow the filters to reach the others.")
    st.session_state[PICKER] = list(picked)
    st.multiselect("Present only these events, in this order (empty: every filtered event)", list(choices),
                   key=PICKER, format_func=lambda i: shorten(choices.get(i, i), 90), on_change=picks_changed,
                   placeholder="All filtered events")

with st.expander("Take this talk away: slides and a report", icon=":material/download:", expanded=False):
    deck_col, report_col = st.columns(2)
    deck_col.download_button(
        f"PowerPoint deck ({talk.total} slides)", key="present_pptx", icon=":material/slideshow:",
        data=lambda: talk_figures.deck_for_talk(talk_index, talk_view, talk, images.shared_browser()),
        file_name=f"{present.file_stem(talk.title)}-talk.pptx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    report_col.download_button(
        "HTML report (works offline)", key="present_html", icon=":material/description:",
        data=lambda: talk_figures.report_for_talk(talk_index, talk_view, talk),
        file_name=f"{present.file_stem(talk.title)}-talk.html", mime="text/html", on_click="ignore")
    st.caption("Charts as PNG or SVG, and the events as CSV or JSON, are on the Export page.")
