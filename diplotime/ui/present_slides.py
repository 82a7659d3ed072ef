"""The Present page's widgets: the control bar, the three kinds of slide, the clicker keys, the event picker
and the take-away downloads.

Streamlit has no font-size option for text; ``.streamlit/config.toml`` makes h5 and h6 large text of
regular weight, which is what a slide's body uses (##### and ######). All event text is escaped.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from diplotime import present
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState
from diplotime.figures.style import type_colour
from diplotime.present import images, talk_figures
from diplotime.text import escape_markdown, plural, shorten
from diplotime.ui import present as state
from diplotime.ui.selections import plotly_chart


def controls_ui(step: present.Step, talk: present.Talk) -> Any:
    """One row: First, Previous, the progress, Next and Last, each answering to its key (Home, ←, →, End)
    and PageUp/PageDown (what presentation clickers send). Returns a panel in the sidebar for the talk's
    options (:func:`picker_ui`, :func:`downloads_ui`), out of the way of the slide.

    Buttons are as wide as their text (never cut to "F…"); the progress takes the room that is left.
    Every step is counted from the slide the session is on when the key arrives, so quick presses add up.
    """
    back, forward = (step.is_first, state.step_by, (-1, talk.total)), (step.is_last, state.step_by, (1, talk.total))
    buttons = [  # label ('' = icon only), key, icon, shortcut, (disabled, action, args), tooltip
        (
            "",
            "present_first",
            ":material/first_page:",
            "Home",
            (step.is_first, state.go_to, (1, talk.total)),
            "First slide",
        ),
        ("Previous", "present_prev", ":material/chevron_left:", "Left", back, "Previous slide"),
        ("", "present_page_up", ":material/keyboard_double_arrow_up:", "PageUp", back, "Back (clickers send PageUp)"),
        None,  # the progress
        (
            "",
            "present_page_down",
            ":material/keyboard_double_arrow_down:",
            "PageDown",
            forward,
            "Forward (clickers send PageDown)",
        ),
        ("Next", "present_next", ":material/chevron_right:", "Right", forward, "Next slide"),
        (
            "",
            "present_last",
            ":material/last_page:",
            "End",
            (step.is_last, state.go_to, (talk.total, talk.total)),
            "Last slide",
        ),
    ]
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="present_bar"):
        for button in buttons:
            if button is None:
                with st.container(width="stretch", key="present_progress"):
                    st.progress(step.number / talk.total, text=f"Slide {step.number} of {talk.total}")
                continue
            label, key, icon, shortcut, (disabled, action, args), tip = button
            st.button(
                label or icon,
                key=key,
                icon=icon if label else None,
                icon_position="right" if label == "Next" else "left",
                type="primary" if label == "Next" else "secondary",
                shortcut=shortcut,
                width="content",
                on_click=action,
                args=args,
                disabled=disabled,
                help=f"{tip} ({shortcut})",
            )
    with st.sidebar:
        more = st.expander("This talk: events, keys, downloads", icon=":material/co_present:")
    with more:
        st.caption(
            "→ or PageDown next · ← or PageUp back · Home and End first and last. Presentation clickers "
            "send PageDown and PageUp. Collapse the sidebar («) and press F11 for full screen."
        )
    return more


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
    st.markdown(f"### The whole timeline · {escape_markdown(talk.date_range)}", anchors=False)
    plotly_chart(state.slide_timeline(index, scope, view, "", OVERVIEW_HEIGHT), key="present_overview", select=False)


OVERVIEW_HEIGHT = 480  # under the control bar and the heading on a 1280×720 projector


def text_sizes(title: str, description: str) -> tuple[str, str]:
    """Heading levels for a slide's title and description, smaller for longer text so the slide fits a
    1024×768 or 1280×720 projector without cutting anything off (the theme sets h5/h6 as large body text).

    >>> text_sizes("Treaty of Shimoda", "x" * 200), text_sizes("x" * 60, "x" * 700)
    (('#', '#####'), ('##', ''))
    """
    heading = "#" if len(title) <= 40 else "##"
    body = "#####" if len(description) <= 220 else "######" if len(description) <= 480 else ""
    return heading, body


def event_slide_ui(step: present.Step, talk: present.Talk, index: EventIndex, scope: tuple, view: ViewState) -> None:
    """The event in large type beside its place among the talk's events and a small map of its region."""
    assert step.event_id is not None and step.position is not None  # an event step
    row = index.events.iloc[index.positions[step.event_id]]
    card = present.event_card(row.to_dict())
    heading, body = text_sizes(card.title, card.description)
    text, figures = st.columns([1.45, 1], gap="medium")
    with text:
        st.markdown(
            f':color[●]{{foreground="{type_colour(card.event_type)}"}} '
            f"**{escape_markdown(card.type_label)}** · event {step.position + 1} of {talk.count}"
        )
        st.markdown(f"{heading} {escape_markdown(card.title)}", anchors=False)
        where = " · ".join(x for x in (card.date, card.place, card.countries) if x)
        st.markdown(f"### {escape_markdown(where)}", anchors=False)
        if card.actors:
            st.markdown(f"###### {escape_markdown(', '.join(card.actors))}", anchors=False)
        for paragraph in card.description.split("\n"):
            if paragraph.strip():
                st.markdown(f"{body} {escape_markdown(paragraph.strip())}".strip(), anchors=False)
    with figures:
        plotly_chart(state.slide_position(index, scope, view, card.event_id), key="present_position", select=False)
        if talk_figures.has_position(row["lat"], row["lon"]):
            plotly_chart(
                talk_figures.map_for_event(state.talk_map(index, scope, view), row["lat"], row["lon"]),
                key="present_map",
                select=False,
            )
            st.caption(f"Where: {escape_markdown(card.place or 'map position')}")
        else:
            st.caption("This event has no map position.")
        if card.source_url:
            # The site only: a shortened URL in the caption would become a broken link.
            st.link_button(
                f"Source: {present.source_site(card.source_url)}", card.source_url, icon=":material/open_in_new:"
            )
        elif card.source:
            st.markdown(f"###### Source: {escape_markdown(shorten(card.source, 160))}", anchors=False)
        else:
            st.caption("No source given.")


def picker_ui(index: EventIndex, view: ViewState, picks: tuple[str, ...]) -> None:
    """Choose the events to present, in order (empty: every filtered event)."""
    with st.container(key="present_picker_box"):
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
    with st.container(key="present_downloads"):
        st.markdown("**Take this talk away**")
        deck_col, report_col = st.columns(2)
        deck_col.download_button(
            f"PowerPoint deck ({plural(talk_figures.deck_slide_count(talk), 'slide')})",
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
