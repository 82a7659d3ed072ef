"""The shared filter widgets in the sidebar, and the view they start from (the link or a chart click)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import streamlit as st

from diplotime import names
from diplotime.explore import ranges
from diplotime.explore.filters import Filters, batch_mask
from diplotime.explore.index import EventIndex, FilterOptions
from diplotime.explore.link import ViewState, decode_view
from diplotime.text import escape_markdown
from diplotime.ui.data import options, revision
from diplotime.ui.view import _NOTICES, _PENDING, _VIEW, PAGE_PARAMS, current_view, set_view, view_link

# Session-state keys of the sidebar filter widgets.
FILTER_KEYS = ("f_text", "f_dates", "f_from", "f_to", "f_types", "f_countries", "f_actors", "f_datasets")
_DATE_ERROR = "f_date_error"


def start_view(index: EventIndex) -> ViewState:
    """On a session's first run, read the view from the link; later, apply changes requested by clicks."""
    opts = options(index, revision())
    if _VIEW not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params.keys() if key not in PAGE_PARAMS}
        view, notices = decode_view(params, opts, index)
        st.session_state[_VIEW] = view
        st.session_state[_NOTICES] = notices
        _filters_to_widgets(view.filters, opts)
    pending = st.session_state.pop(_PENDING, None)
    if pending:
        view = current_view()
        view = replace(view, filters=replace(view.filters, **pending))
        st.session_state[_VIEW] = view
        _filters_to_widgets(view.filters, opts)
    return current_view()


def _date_bounds(opts: FilterOptions) -> tuple[dt.date, dt.date] | None:
    if opts.first_day is None or opts.last_day is None:
        return None
    first, last = opts.first_day.astype(dt.date), opts.last_day.astype(dt.date)
    return (first, last) if first < last else (first, first + dt.timedelta(days=1))


def _filters_to_widgets(filters: Filters, opts: FilterOptions) -> None:
    state = st.session_state
    state["f_text"] = filters.text
    state["f_types"] = [t for t in filters.types if t in opts.types]
    state["f_countries"] = [c for c in filters.countries if c in opts.countries]
    state["f_actors"] = [a for a in filters.actors if a in opts.all_actors]
    state["f_datasets"] = [d for d in filters.datasets if d in opts.datasets]
    bounds = _date_bounds(opts)
    if bounds:
        lo, hi = bounds
        start = min(max(filters.date_from or lo, lo), hi)
        end = max(min(filters.date_to or hi, hi), start)
        state["f_dates"] = (start, end)
        _dates_to_boxes(lo, hi)


def _dates_to_boxes(lo: dt.date, hi: dt.date) -> None:
    """The From and To boxes show the slider's range ('' for an end at the data's own bound)."""
    start, end = st.session_state["f_dates"]
    for key, day, is_end in zip(
        ("f_from", "f_to"), ranges.range_filters(start, end, lo, hi), (False, True), strict=True
    ):
        if _box_day(key, is_end) != day:  # a box keeps its wording ('Jan 2019') while it means the same day
            st.session_state[key] = ranges.box_text(day, is_end)
    st.session_state.pop(_DATE_ERROR, None)


def _box_day(key: str, end: bool) -> dt.date | None:
    text = str(st.session_state.get(key, "") or "")
    if not text.strip():
        return None
    try:
        return ranges.typed_day(text, end)
    except ValueError:
        return None


def _typed(which: str, lo: dt.date, hi: dt.date) -> None:
    """A date typed in the From or To box sets that end of the range (the slider follows)."""
    state = st.session_state
    start, end = state.get("f_dates", (lo, hi))
    text = str(state.get(f"f_{which}", "") or "")
    try:
        if not text.strip():
            day = lo if which == "from" else hi
            period = (day, day)
        else:
            day = ranges.typed_day(text, end=which == "to")
            period = (ranges.typed_day(text, end=False), ranges.typed_day(text, end=True))
    except ValueError as exc:
        state[_DATE_ERROR] = str(exc)
        return
    if which == "from":
        start = day
        if start > end:  # typed past the other end: the range becomes the typed period
            end = period[1]
    else:
        end = day
        if end < start:
            start = period[0]
    state["f_dates"] = ranges.clamp_range(start, end, lo, hi)
    _dates_to_boxes(lo, hi)


def _preset(years: int, lo: dt.date, hi: dt.date) -> None:
    st.session_state["f_dates"] = ranges.preset_range(years, lo, hi)
    _dates_to_boxes(lo, hi)


def dates_ui(bounds: tuple[dt.date, dt.date]) -> tuple[dt.date | None, dt.date | None]:
    """The date range: a slider, From and To boxes that take 2019, Jan 2019 or 2019-01-22, and presets."""
    state = st.session_state
    lo, hi = bounds
    start, end = state.get("f_dates", bounds)
    state["f_dates"] = (min(max(start, lo), hi), max(min(end, hi), lo))
    if "f_from" not in state or "f_to" not in state:
        _dates_to_boxes(lo, hi)
    chosen: Any = st.slider(
        "Dates",
        min_value=lo,
        max_value=hi,
        key="f_dates",
        format="D MMM YYYY",
        step=dt.timedelta(days=1),
        on_change=_dates_to_boxes,
        args=(lo, hi),
    )  # a (first, last) pair: the state holds a range
    typed_help = "A year (2019), a month (Jan 2019) or a day (2019-01-22, 22 Jan 2019); empty: from the start."
    left, right = st.columns(2)
    left.text_input(
        "From",
        key="f_from",
        placeholder=names.date_label(lo.isoformat()),
        on_change=_typed,
        args=("from", lo, hi),
        help=typed_help,
    )
    right.text_input(
        "To",
        key="f_to",
        placeholder=names.date_label(hi.isoformat()),
        on_change=_typed,
        args=("to", lo, hi),
        help=typed_help.replace("from the start", "to the end") + " A year or month runs to its last day.",
    )
    if problem := state.get(_DATE_ERROR):
        st.caption(escape_markdown(problem[:1].upper() + problem[1:] + "."))
    with st.container(horizontal=True, gap="xxsmall", key="f_presets"):
        for label, years in ranges.PRESETS.items():
            st.button(
                label,
                key=f"f_preset_{years}",
                type="tertiary",
                on_click=_preset,
                args=(years, lo, hi),
                help="The whole span of the data"
                if not years
                else f"The last {label.lower()} of the data, to its last event",
            )
    return ranges.range_filters(chosen[0], chosen[1], lo, hi)


def filters_sidebar_ui(index: EventIndex) -> Filters:
    """The shared filters in the sidebar; returns them and stores them in the view."""
    opts = options(index, revision())
    state = st.session_state
    if "f_text" not in state:
        _filters_to_widgets(current_view().filters, opts)
    bounds = _date_bounds(opts)
    # Values must be valid for the current store (it may have changed since the link was made).
    state["f_types"] = [t for t in state.get("f_types", []) if t in opts.types]
    state["f_countries"] = [c for c in state.get("f_countries", []) if c in opts.countries]
    state["f_datasets"] = [d for d in state.get("f_datasets", []) if d in opts.datasets]
    state["f_actors"] = [a for a in state.get("f_actors", []) if a in opts.all_actors]  # names may merge (Actors page)
    actor_choices = sorted(set(opts.actors) | set(state.get("f_actors", [])), key=str.casefold)
    with st.sidebar:
        st.text_input(
            "Search",
            key="f_text",
            placeholder="title, description, actor, place…",
            help="Words must all appear; put a phrase in double quotes. Place names match their "
            "other spellings too (Iturup, Etorofu, 択捉島).",
        )
        date_from = date_to = None
        if bounds:
            date_from, date_to = dates_ui(bounds)
        types = st.multiselect(
            "Event types", opts.types, key="f_types", format_func=names.type_label, placeholder="All types"
        )
        countries = st.multiselect(
            "Countries", opts.countries, key="f_countries", format_func=names.country_name, placeholder="All countries"
        )
        actors = st.multiselect("Actors", actor_choices, key="f_actors", placeholder="All actors")
        datasets = (
            st.multiselect("Datasets", opts.datasets, key="f_datasets", placeholder="All datasets")
            if len(opts.datasets) > 1
            else []
        )
        batch = _batch_filter_ui(index)
        filters = Filters(
            date_from=date_from,
            date_to=date_to,
            types=tuple(types),
            countries=tuple(countries),
            actors=tuple(actors),
            text=(state.get("f_text") or "").strip(),
            datasets=tuple(datasets),
            batch=batch,
        )
        if filters.active:
            st.button(
                "Clear filters",
                key="clear_filters",
                icon=":material/filter_alt_off:",
                on_click=_clear_filters,
                args=(opts,),
            )
    set_view(filters=filters)
    return filters


def _clear_filters(opts: FilterOptions) -> None:
    _filters_to_widgets(Filters(), opts)
    set_view(filters=replace(current_view().filters, batch=None))


def _batch_filter_ui(index: EventIndex) -> int | None:
    """The import batch the view is limited to (set from the Upload or Batches page, or a link), if any."""
    batch = current_view().filters.batch
    if batch is None or not batch_mask(index, batch).any():
        return None  # no such batch (any more): the view is not limited
    st.caption(f"Showing only the events of import batch {batch}.")
    st.button(
        "Show all batches",
        key="clear_batch",
        icon=":material/close:",
        type="tertiary",
        on_click=lambda: set_view(filters=replace(current_view().filters, batch=None)),
    )
    return batch


def link_sidebar_ui() -> None:
    with st.sidebar:
        st.caption("Link to this view (filters, grouping, selection)")
        st.code(view_link(), language=None, wrap_lines=True)
