"""The Present page's widgets: the control bar, the three kinds of slide, the clicker keys, the event picker
and the take-away downloads.

Streamlit has no font-size option for text; ``.streamlit/config.toml`` makes h5 and h6 large text of
regular weight, which is what a slide's body uses (##### and ######). All event text is escaped.
"""

from __future__ import annotations

import streamlit as st

from diplotime import present
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState
from diplotime.figures.style import type_colour
from diplotime.present import images, talk_figures
from diplotime.text import escape_markdown, plural, shorten
from diplotime.ui import present as state
from diplotime.ui.selections import plotly_chart


def controls_ui(step: present.Step, talk: present.Talk) -> None:
    """First, Previous, the progress, Next and Last, with the keyboard shortcuts Home, ←, → and End."""
    bar = st.columns([1, 1.3, 2.4, 1.3, 1], vertical_alignment="center")
    bar[0].button(
        "First",
        key="present_first",
        icon=":material/first_page:",
        shortcut="Home",
        width="stretch",
        on_click=state.go_to,
        args=(1, talk.total),
        disabled=step.is_first,
    )
    bar[1].button(
        "Previous",
        key="present_prev",
        icon=":material/chevron_left:",
        shortcut="Left",
        width="stretch",
        on_click=state.go_to,
        args=(step.number - 1, talk.total),
        disabled=step.is_first,
    )
    bar[2].progress(step.number / talk.total, text=f"Slide {step.number} of {talk.total}")
    bar[3].button(
        "Next",
        key="present_next",
        icon=":material/chevron_right:",
        icon_position="right",
        type="primary",
        shortcut="Right",
        width="stretch",
        on_click=state.go_to,
        args=(step.number + 1, talk.total),
        disabled=step.is_last,
    )
    bar[4].button(
        "Last",
        key="present_last",
        icon=":material/last_page:",
        icon_position="right",
        shortcut="End",
        width="stretch",
        on_click=state.go_to,
        args=(talk.total, talk.total),
        disabled=step.is_last,
    )


def title_slide_ui(talk: present.Talk) -> None:
    st.markdown(f"# {escape_markdown(talk.title)}", anchors=False)
    st.markdown(
        f"## {plural(talk.count, 'event')}" + (f" · {escape_markdown(talk.date_range)}" if talk.date_range else ""),
        anchors=False,
    )
    st.markdown(f"##### {escape_markdown(talk.subtitle)}", anchors=False)
    st.caption(
        "Press → or PageDown to start; ← or PageUp goes back; Home and End jump to the first "
        "and last slide. The link in the sidebar opens this slide."
    )


def overview_slide_ui(talk: present.Talk, index: EventIndex, scope: tuple, view: ViewState) -> None:
    st.markdown(f"## The whole timeline · {escape_markdown(talk.date_range)}", anchors=False)
    plotly_chart(state.slide_timeline(index, scope, view, "", 640), key="present_overview", select=False)


def event_slide_ui(step: present.Step, talk: present.Talk, index: EventIndex, scope: tuple, view: ViewState) -> None:
    """The event in large type beside its place on the whole timeline and a small map of its region."""
    assert step.event_id is not None and step.position is not None  # an event step
    row = index.events.iloc[index.positions[step.event_id]]
    card = present.event_card(row.to_dict())
    text, figures = st.columns([1.45, 1], gap="large")
    with text:
        st.markdown(
            f':color[●]{{foreground="{type_colour(card.event_type)}"}} '
            f"**{escape_markdown(card.type_label)}** · event {step.position + 1} of {talk.count}"
        )
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
        plotly_chart(state.slide_timeline(index, scope, view, card.event_id, 330), key="present_position", select=False)
        if talk_figures.has_position(row["lat"], row["lon"]):
            st.caption(f"Where: {escape_markdown(card.place or 'map position')}")
            plotly_chart(
                talk_figures.map_for_event(state.talk_map(index, scope, view), row["lat"], row["lon"]),
                key="present_map",
                select=False,
            )
        else:
            st.caption("This event has no map position.")


def clicker_keys_ui(step: present.Step, talk: present.Talk) -> None:
    """Clickers send PageUp/PageDown; a button has one shortcut, so these two carry them."""
    keys = st.columns([1, 1, 5], vertical_alignment="center")
    keys[0].button(
        "Back",
        key="present_page_up",
        icon=":material/keyboard_double_arrow_up:",
        shortcut="PageUp",
        type="tertiary",
        on_click=state.go_to,
        args=(step.number - 1, talk.total),
        disabled=step.is_first,
    )
    keys[1].button(
        "Forward",
        key="present_page_down",
        icon=":material/keyboard_double_arrow_down:",
        shortcut="PageDown",
        type="tertiary",
        on_click=state.go_to,
        args=(step.number + 1, talk.total),
        disabled=step.is_last,
    )
    keys[2].caption("Presentation clickers work too: they send PageDown and PageUp.")


def picker_ui(index: EventIndex, view: ViewState, picks: tuple[str, ...]) -> None:
    """Choose the events to present, in order (empty: every filtered event)."""
    with st.expander("Choose the events to present", icon=":material/checklist:", expanded=False):
        in_scope = talk_figures.scope_events(index, ViewState(filters=view.filters))
        choices = {**present.choice_labels(in_scope), **present.choice_labels(talk_figures.picked_events(index, picks))}
        if len(in_scope) > len(choices):
            st.caption(
                f"The list offers the first {len(choices):,} of {len(in_scope):,} filtered events; "
                "narrow the filters to reach the others."
            )
        st.session_state[state.PICKER] = list(picks)
        st.multiselect(
            "Present only these events, in this order (empty: every filtered event)",
            list(choices),
            key=state.PICKER,
            format_func=lambda i: shorten(str(choices.get(i, i)), 90),
            on_change=state.picks_changed,
            placeholder="All filtered events",
        )


def downloads_ui(talk: present.Talk, index: EventIndex, view: ViewState) -> None:
    with st.expander("Take this talk away: slides and a report", icon=":material/download:", expanded=False):
        deck_col, report_col = st.columns(2)
        deck_col.download_button(
            f"PowerPoint deck ({talk.total} slides)",
            key="present_pptx",
            icon=":material/slideshow:",
            data=lambda: talk_figures.deck_for_talk(index, view, talk, images.shared_browser()),
            file_name=f"{present.file_stem(talk.title)}-talk.pptx",
            on_click="ignore",
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        )
        report_col.download_button(
            "HTML report (works offline)",
            key="present_html",
            icon=":material/description:",
            data=lambda: talk_figures.report_for_talk(index, view, talk),
            file_name=f"{present.file_stem(talk.title)}-talk.html",
            mime="text/html",
            on_click="ignore",
        )
        st.caption("Charts as PNG or SVG, and the events as CSV or JSON, are on the Export page.")
