"""Two views side by side (Timeline and Overview): the switch, the second view's own filters, and the pair of
charts on the same scales. The first view is the sidebar's; both are in the link (``compare=1``, ``b.*``)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from diplotime import names
from diplotime.explore import ranges
from diplotime.explore.filters import Filters
from diplotime.explore.index import EventIndex
from diplotime.figures import charts
from diplotime.text import escape_markdown
from diplotime.ui.data import options, revision
from diplotime.ui.furniture import filters_summary
from diplotime.ui.selections import plotly_chart
from diplotime.ui.view import current_view, set_view

KEYS = ("c_text", "c_from", "c_to", "c_types", "c_countries", "c_actors", "c_datasets")


def _start(filters: Filters) -> None:
    st.session_state.update(
        {
            "c_text": filters.text,
            "c_from": ranges.box_text(filters.date_from, end=False),
            "c_to": ranges.box_text(filters.date_to, end=True),
            "c_types": list(filters.types),
            "c_countries": list(filters.countries),
            "c_actors": list(filters.actors),
            "c_datasets": list(filters.datasets),
        }
    )


def _open() -> None:
    filters = current_view().filters
    set_view(
        compare=Filters(
            date_from=filters.date_from,
            date_to=filters.date_to,
            types=filters.types,
            countries=filters.countries,
            actors=filters.actors,
            text=filters.text,
            datasets=filters.datasets,
        )
    )


def _close() -> None:
    for key in KEYS:
        st.session_state.pop(key, None)
    set_view(compare=None)


def toggle_ui() -> bool:
    """'Compare with another view' / 'Stop comparing'; returns whether two views are shown."""
    if current_view().compare is None:
        st.button(
            "Compare with another view",
            key="compare_open",
            icon=":material/compare:",
            on_click=_open,
            help="Show a second view beside this one, with its own filters, on the same scales.",
        )
        return False
    st.button("Stop comparing", key="compare_close", icon=":material/close:", on_click=_close)
    return True


def _date(text: str, end: bool) -> tuple[dt.date | None, str]:
    text = text.strip()
    if not text:
        return None, ""
    try:
        return ranges.typed_day(text, end), ""
    except ValueError as exc:
        return None, str(exc)


def second_filters_ui(index: EventIndex) -> Filters:
    """The second view's filters (search, From, To, types, countries, actors, datasets), kept in the view."""
    opts = options(index, revision())
    second = current_view().compare or Filters()
    if "c_text" not in st.session_state:
        _start(second)
    with st.expander("Filters of the second view", icon=":material/tune:", expanded=not second.active):
        row = st.columns([2, 1, 1])
        text = row[0].text_input("Search", key="c_text", placeholder="title, description, actor, place…")
        start_text = row[1].text_input("From", key="c_from", placeholder="e.g. 2016 or Jan 2016")
        end_text = row[2].text_input("To", key="c_to", placeholder="e.g. 2019-12-31")
        row = st.columns(4 if len(opts.datasets) > 1 else 3)
        types = row[0].multiselect(
            "Event types", opts.types, key="c_types", format_func=names.type_label, placeholder="All types"
        )
        countries = row[1].multiselect(
            "Countries", opts.countries, key="c_countries", format_func=names.country_name, placeholder="All countries"
        )
        actors = row[2].multiselect(
            "Actors",
            sorted(set(opts.actors) | set(second.actors), key=str.casefold),
            key="c_actors",
            placeholder="All actors",
        )
        datasets = (
            row[3].multiselect("Datasets", opts.datasets, key="c_datasets", placeholder="All datasets")
            if len(opts.datasets) > 1
            else []
        )
        date_from, problem_from = _date(start_text, end=False)
        date_to, problem_to = _date(end_text, end=True)
        for problem in (problem_from, problem_to):
            if problem:
                st.caption(escape_markdown(problem))
    filters = Filters(
        date_from=date_from,
        date_to=date_to,
        types=tuple(types),
        countries=tuple(countries),
        actors=tuple(actors),
        text=text.strip(),
        datasets=tuple(datasets),
    )
    set_view(compare=filters)
    return filters


def _heading(filters: Filters, matched: int, side: str) -> None:
    summary = filters_summary(filters).removeprefix(" · ") or "all events"
    st.markdown(f"**{side}:** {escape_markdown(summary)} · {matched:,} event{'s' if matched != 1 else ''}")


def timelines_ui(index: EventIndex) -> None:
    view = current_view()
    second = view.compare or Filters()
    first_result, second_result = charts.compare_timelines(index, view)
    left, right = st.columns(2, gap="medium")
    for column, filters, result, side, key in (
        (left, view.filters, first_result, "First view", "timeline_chart"),
        (right, second, second_result, "Second view", "compare_timeline"),
    ):
        with column:
            _heading(filters, result.matched, side)
            if result.note:
                st.caption(escape_markdown(result.note))
            plotly_chart(result.figure, key=key, select=key == "timeline_chart", box=key == "timeline_chart")
    st.caption(
        "Both timelines have the same lanes in the same order and time axes of the same length, each from "
        "its own first event, so a year is as wide on both sides."
    )


def overviews_ui(index: EventIndex) -> None:
    view = current_view()
    second = view.compare or Filters()
    pair = charts.compare_overviews(index, view.filters, second)
    sides = (("First view", view.filters, pair[0]), ("Second view", second, pair[1]))
    for column, (side, filters, result) in zip(st.columns(2, gap="medium"), sides):
        with column:
            _heading(filters, result.headline.events, side)
            numbers = st.columns(3)
            numbers[0].metric("Events", f"{result.headline.events:,}")
            numbers[1].metric("From", result.headline.first_year, help=f"Earliest event: {result.headline.first}")
            numbers[2].metric("To", result.headline.last_year, help=f"Latest event: {result.headline.last}")
    for title, part in (
        (f"Events per {pair[0].period}, by type", "per_period"),
        ("Most frequent actors", "actors"),
        ("Most frequent places", "places"),
    ):
        st.subheader(title)
        for column, (side, _, result) in zip(st.columns(2, gap="medium"), sides):
            with column:
                plotly_chart(getattr(result, part), key=f"compare_{part}_{side[0]}", select=False)
    st.caption("Both sides count per the same period on axes of the same height, so their bars can be compared.")
