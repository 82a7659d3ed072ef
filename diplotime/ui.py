"""The only module that imports Streamlit: cached wrappers around the package, the shared view state
(kept in the URL), the shared filter widgets, chart selections and the event detail card.

Any page (including ones added later, such as Upload or Present) gets the shared state with::

    index = ui.event_index()          # all stored events, indexed (cached per store revision)
    view = ui.current_view()          # filters + grouping + selection, restored from the link
    events = ui.filtered_events()     # the events passing the sidebar filters

``app.py`` calls :func:`start_view` and :func:`filters_sidebar_ui` before running the page and
:func:`sync_url` after it, so every page has the same sidebar and every view is a citable link.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import export, names, store, views
from diplotime.index import EventIndex, FilterOptions, filter_options, index_events
from diplotime.parse import is_http_url
from diplotime.queries_sql import read_all_events, store_revision
from diplotime.query import (
    Filters,
    ViewState,
    batch_mask,
    decode_view,
    encode_view,
    filter_mask,
    parse_era,
    place_key,
)
from diplotime.text import escape_markdown, shorten

# Plotly config for every chart: country outlines from the app itself, no Plotly logo or cloud links.
CHART_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d"]}
_VIEW, _NOTICES, _PENDING, _HANDLED = "dt_view", "dt_notices", "dt_pending", "dt_handled"
# Link parameters that belong to one page (the Present page's slide and hand-picked events): the shared
# view does not decode them, and sync_url keeps them only on runs where that page set them.
PAGE_PARAMS, _PAGE_LINK = ("slide", "pick"), "dt_page_link"
FILTER_KEYS = ("f_text", "f_dates", "f_types", "f_countries", "f_actors", "f_datasets")


# ---------------------------------------------------------------- data (cached at the edge)


def database_url() -> str | None:
    return os.environ.get(store.ENV_URL) or None


@st.cache_resource(show_spinner=False)
def get_engine(url: str | None = None) -> Engine:
    """One engine per store URL for the whole server; the store is migrated and seeded on first use."""
    return store.open_store(url)


@st.cache_data(show_spinner=False, ttl=3)
def current_revision(url: str | None = None) -> str:
    return store_revision(get_engine(url))


@st.cache_resource(show_spinner="Reading the events…", max_entries=2)
def _index(url: str | None, revision: str) -> EventIndex:
    # A resource, not cache_data: a million events would otherwise be copied on every rerun.
    # Shared by all sessions and read-only: nothing may modify the frame or its arrays.
    return index_events(read_all_events(get_engine(url)))


def event_index(url: str | None = None) -> EventIndex:
    url = url or database_url()
    return _index(url, current_revision(url))


def load_events(url: str | None = None) -> pd.DataFrame:
    """All stored events (read-only; copy before changing)."""
    return event_index(url).events


def revision() -> str:
    """The cache key for the current store: its URL and revision (two stores may hold the same counts)."""
    url = database_url()
    return f"{url or 'default'}|{current_revision(url)}"


@st.cache_data(show_spinner=False, max_entries=8)
def options(_index: EventIndex, revision: str) -> FilterOptions:
    return filter_options(_index)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline(_index: EventIndex, revision: str, view: ViewState) -> views.ChartResult:
    return views.timeline(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def map_places(_index: EventIndex, revision: str, view: ViewState) -> views.MapResult:
    return views.map_places(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def map_countries(_index: EventIndex, revision: str, view: ViewState) -> views.ChartResult:
    return views.map_countries(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def overview(_index: EventIndex, revision: str, filters: Filters) -> views.Overview:
    return views.overview(_index, filters)


@st.cache_data(show_spinner=False, max_entries=16)
def table(_index: EventIndex, revision: str, filters: Filters) -> tuple[pd.DataFrame, int]:
    return views.table(_index, filters)


def filtered_events() -> pd.DataFrame:
    """The events passing the current filters (a new frame)."""
    index = event_index()
    return index.events[filter_mask(index, current_view().filters)]


# ---------------------------------------------------------------- the view state and the URL


_RUN = threading.local()  # per script thread: is a page running inside app.py's run_page?


def run_page(run: Callable[[], None]) -> None:
    """Run a page inside the shared furniture: the view read from the link, the sidebar filters, and
    afterwards the link in the sidebar and the address bar brought up to date."""
    index = event_index()
    start_view(index)
    filters_sidebar_ui(index)
    _RUN.inside_app = True
    try:
        run()
    finally:
        _RUN.inside_app = False
    link_sidebar_ui()
    sync_url()


def page_guard() -> None:
    """First line of every page: make sure it runs inside app.py.

    Until some session has run app.py's ``st.navigation``, Streamlit treats a fresh server's
    ``pages/`` folder the old way: a link straight to /timeline would run pages/timeline.py on its
    own, without the shared filters and view (and keep doing so for every later visitor). Here the
    page switches the server to app.py's navigation and reruns, so the same link opens the page
    properly. Under AppTest (which runs a switched-to page on its own by design) nothing happens.
    """
    if getattr(_RUN, "inside_app", False) or st.get_option("global.appTest"):
        return
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_view() -> ViewState:
    return st.session_state.get(_VIEW, ViewState())


def set_view(**changes: Any) -> None:
    """Change parts of the view that are not filter widgets (selected event, place, grouping…)."""
    st.session_state[_VIEW] = replace(current_view(), **changes)


def request_filters(**changes: Any) -> None:
    """Change filters from outside the sidebar (a click on a chart): applied at the top of the next run."""
    st.session_state[_PENDING] = {**st.session_state.get(_PENDING, {}), **changes}
    st.rerun()


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


def sync_url() -> None:
    """Write the view into the address bar (only when it changed), so a copied link reproduces it."""
    wanted = {**encode_view(current_view()), **st.session_state.pop(_PAGE_LINK, {})}
    have = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
    if have != wanted:
        st.query_params.from_dict(wanted)


def set_page_link(**params: list[str]) -> None:
    """Add this page's own parameters (see PAGE_PARAMS) to the link for this run."""
    st.session_state[_PAGE_LINK] = {key: values for key, values in params.items() if values}


def view_link() -> str:
    """A link to the current page and view."""
    query = urlencode({**encode_view(current_view()), **st.session_state.get(_PAGE_LINK, {})}, doseq=True)
    base = ""
    try:
        parts = urlsplit(st.context.url or "")
        if parts.scheme in ("http", "https"):
            base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    except (AttributeError, ValueError):
        base = ""
    return f"{base}?{query}" if query else (base or "?")


def notices_ui() -> None:
    notices = st.session_state.get(_NOTICES) or []
    if not notices:
        return
    lines = "\n".join(f"- {escape_markdown(n)}" for n in notices[:8])
    more = f"\n- …and {len(notices) - 8} more" if len(notices) > 8 else ""
    with st.container(key="link_notices"):
        st.warning(f"Parts of the link were not used:\n{lines}{more}", icon=":material/link_off:")
        if st.button("Dismiss", key="dismiss_notices", icon=":material/close:", type="tertiary"):
            st.session_state[_NOTICES] = []
            st.rerun()


# ---------------------------------------------------------------- shared filter widgets


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
    actor_choices = sorted(set(opts.actors) | set(state.get("f_actors", [])), key=str.casefold)
    with st.sidebar:
        st.text_input("Search", key="f_text", placeholder="title, description, actor, place…",
                      help="Words must all appear; put a phrase in double quotes. Place names match their "
                           "other spellings too (Iturup, Etorofu, 択捉島).")
        date_from = date_to = None
        if bounds:
            lo, hi = bounds
            start, end = state.get("f_dates", bounds)
            state["f_dates"] = (min(max(start, lo), hi), max(min(end, hi), lo))
            chosen: Any = st.slider("Dates", min_value=lo, max_value=hi, key="f_dates", format="D MMM YYYY",
                                    step=dt.timedelta(days=1))  # a (first, last) pair: the state holds a range
            date_from = chosen[0] if chosen[0] > lo else None
            date_to = chosen[1] if chosen[1] < hi else None
        types = st.multiselect("Event types", opts.types, key="f_types", format_func=names.type_label,
                               placeholder="All types")
        countries = st.multiselect("Countries", opts.countries, key="f_countries", format_func=names.country_name,
                                   placeholder="All countries")
        actors = st.multiselect("Actors", actor_choices, key="f_actors", placeholder="All actors")
        datasets = st.multiselect("Datasets", opts.datasets, key="f_datasets", placeholder="All datasets") \
            if len(opts.datasets) > 1 else []
        batch = _batch_filter_ui(index)
        filters = Filters(date_from=date_from, date_to=date_to, types=tuple(types), countries=tuple(countries),
                          actors=tuple(actors), text=(state.get("f_text") or "").strip(), datasets=tuple(datasets),
                          batch=batch)
        if filters.active:
            st.button("Clear filters", key="clear_filters", icon=":material/filter_alt_off:",
                      on_click=_clear_filters, args=(opts,))
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
    st.button("Show all batches", key="clear_batch", icon=":material/close:", type="tertiary",
              on_click=lambda: set_view(filters=replace(current_view().filters, batch=None)))
    return batch


def link_sidebar_ui() -> None:
    with st.sidebar:
        st.caption("Link to this view (filters, grouping, selection)")
        st.code(view_link(), language=None, wrap_lines=True)


# ---------------------------------------------------------------- page furniture


def page_title(title: str, icon: str) -> None:
    """The page title and any notice about parts of the link that were ignored."""
    st.title(f"{icon} {title}")
    notices_ui()


def summary_ui(index: EventIndex, matched: int) -> None:
    """How many events the page shows, and which filters are on."""
    view = current_view()
    if len(index) == 0:
        st.info("The store holds no events yet. Import a CSV with `python -m diplotime import FILE`.",
                icon=":material/inbox:")
        return
    summary = f"{matched:,} of {len(index):,} events" if view.filters.active else f"All {len(index):,} events"
    st.caption(escape_markdown(summary + filters_summary(view.filters)))


def filters_summary(filters: Filters) -> str:
    parts = []
    if filters.date_from or filters.date_to:
        lo = filters.date_from.isoformat() if filters.date_from else "…"
        hi = filters.date_to.isoformat() if filters.date_to else "…"
        parts.append(f"{lo} to {hi}")
    if filters.types:
        parts.append(", ".join(names.type_label(t) for t in filters.types))
    if filters.countries:
        parts.append(", ".join(names.country_name(c) for c in filters.countries))
    if filters.actors:
        parts.append(", ".join(shorten(a, 40) for a in filters.actors[:5]))
    if filters.datasets:
        parts.append(", ".join(filters.datasets))
    if filters.text:
        parts.append(f"matching “{shorten(filters.text, 60)}”")
    if filters.batch is not None:
        parts.append(f"import batch {filters.batch}")
    return " · " + " · ".join(parts) if parts else ""


def note(text: str) -> None:
    if text:
        st.info(escape_markdown(text), icon=":material/info:")


# ---------------------------------------------------------------- chart selections


def new_selection(key: str) -> dict[str, Any] | None:
    """The selection a chart reported since it was last handled (read before the chart is drawn).

    Works with real clicks and with a selection injected into ``st.session_state[key]`` (AppTest).
    """
    state = st.session_state.get(key)
    selection = dict((state or {}).get("selection", {}) or {}) if isinstance(state, dict) else {}
    points = [dict(p) for p in selection.get("points", []) or []]
    boxes = [dict(b) for b in selection.get("box", []) or []]
    signature = json.dumps({"p": points, "b": boxes}, sort_keys=True, default=str)
    handled = st.session_state.setdefault(_HANDLED, {})
    if handled.get(key) == signature:
        return None
    handled[key] = signature
    if not points and not boxes:
        return None
    return {"points": points, "box": boxes}


def first_customdata(selection: dict[str, Any]) -> list[Any] | None:
    for point in selection.get("points", []):
        custom = point.get("customdata")
        if custom:
            return list(custom) if isinstance(custom, list | tuple) else [custom]
    return None


def box_dates(selection: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The date range of a box drawn on a time axis."""
    for box in selection.get("box", []):
        xs = box.get("x") or []
        if len(xs) == 2:
            try:
                a, b = (dt.date.fromisoformat(str(x)[:10]) for x in xs)
            except ValueError:
                continue
            return (a, b) if a <= b else (b, a)
    return None


def zoom_to(first: dt.date, last: dt.date) -> None:
    request_filters(date_from=first, date_to=last)


def period_of(custom: list[Any], prefix: str = "period:") -> tuple[dt.date, dt.date] | None:
    text = str(custom[0]) if custom else ""
    if not text.startswith(prefix):
        return None
    try:
        a, b = text[len(prefix):].split(":")
        return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    except ValueError:
        return None


def plotly_chart(figure: Any, key: str, select: bool = True, box: bool = False) -> None:
    modes: Any = ("points", "box") if box else ("points",)
    if select:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG, on_select="rerun", selection_mode=modes)
    else:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG)


def place_of_location(index: EventIndex, location: str) -> str:
    """The map place key of a named location (its first event with coordinates), or ''."""
    events = index.events
    hit = events[(events["location"] == location) & events["lat"].notna() & events["lon"].notna()].head(1)
    return place_key(float(hit["lat"].iat[0]), float(hit["lon"].iat[0])) if len(hit) else ""


# ---------------------------------------------------------------- the event detail card


def _neighbours(index: EventIndex, event_id: str) -> tuple[str, str]:
    """Ids of the previous and next event (by date) among the filtered events."""
    mask = filter_mask(index, current_view().filters)
    rows = np.flatnonzero(mask)
    pos = index.positions.get(event_id)
    if pos is None or not mask[pos]:
        return "", ""
    order = rows[np.lexsort((rows, index.start[rows]))]
    at = int(np.flatnonzero(order == pos)[0])
    ids = index.events["id"]
    prev_id = str(ids.iat[order[at - 1]]) if at > 0 else ""
    next_id = str(ids.iat[order[at + 1]]) if at + 1 < len(order) else ""
    return prev_id, next_id


def event_card_ui(index: EventIndex, key: str, hint: str = "Click an event to see its details here.") -> None:
    """The selected event: title, date as given, description, actors, countries, place and source."""
    event_id = current_view().event
    pos = index.positions.get(event_id) if event_id else None
    with st.container(border=True, key=f"{key}_card"):
        if pos is None:
            st.caption(escape_markdown(hint))
            return
        ev = index.events.iloc[pos]
        st.markdown(f"#### {escape_markdown(ev['title'])}")
        place = str(ev["location"] or "")
        st.markdown(
            f"**{escape_markdown(names.date_label(str(ev['date']), str(ev['end_date'] or '')))}** · "
            f"{escape_markdown(names.type_label(str(ev['event_type'])))}"
            + (f" · {escape_markdown(place)}" if place else ""))
        if ev["description"]:
            st.markdown(escape_markdown(str(ev["description"])))
        rows = [("Actors", "; ".join(names.split(str(ev["actors"] or "")))),
                ("Countries", names.country_names(str(ev["countries"] or ""))),
                ("Place", _place_text(ev)), ("Tags", ", ".join(names.split(str(ev["tags"] or "")))),
                ("Dataset", str(ev["dataset"] or ""))]
        st.markdown("  \n".join(f"**{label}:** {escape_markdown(value)}" for label, value in rows if value))
        source = str(ev["source"] or "").strip()
        if source and is_http_url(source):
            st.link_button("Open source", source, icon=":material/open_in_new:")
            st.caption(escape_markdown(shorten(source, 120)))
        elif source:
            st.markdown(f"**Source:** {escape_markdown(source)}")
        else:
            st.caption("No source given.")
        prev_id, next_id = _neighbours(index, event_id)
        # Icon buttons: the card is often a narrow column; the tooltips say what each does.
        left, mid, right = st.columns(3)
        left.button(":material/chevron_left:", key=f"{key}_prev", help="Earlier event (by date)",
                    disabled=not prev_id, on_click=set_view, kwargs={"event": prev_id}, width="stretch")
        mid.button(":material/close:", key=f"{key}_close", help="Close the card", on_click=set_view,
                   kwargs={"event": ""}, width="stretch")
        right.button(":material/chevron_right:", key=f"{key}_next", help="Later event (by date)",
                     disabled=not next_id, on_click=set_view, kwargs={"event": next_id}, width="stretch")


def _place_text(ev: pd.Series) -> str:
    place = str(ev["location"] or "")
    lat, lon = ev["lat"], ev["lon"]
    if pd.notna(lat) and pd.notna(lon):
        where = f"{lat:.3f}, {lon:.3f}" + (" (approximate)" if bool(ev["coords_approximate"]) else "")
        return f"{place} ({where})" if place else where
    return place


# ---------------------------------------------------------------- event lists and the CSV download


TABLE_COLUMNS = {
    "date": st.column_config.TextColumn("Date", width=95, help="As the source gives it: 1875, 1945-08 or 2019-01-22"),
    "end_date": st.column_config.TextColumn("End", width=95),
    "title": st.column_config.TextColumn("Title", width="large"),
    "type": st.column_config.TextColumn("Type"),
    "countries": st.column_config.TextColumn("Countries"),
    "actors": st.column_config.TextColumn("Actors"),
    "place": st.column_config.TextColumn("Place"),
    "link": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)",
                                        help="Web sources only (http and https)"),
    "citation": st.column_config.TextColumn("Citation", help="Sources that are not web links"),
    "dataset": st.column_config.TextColumn("Dataset"),
}


def events_table_ui(rows: pd.DataFrame, key: str, height: int | str = "auto",
                    columns: tuple[str, ...] = tuple(TABLE_COLUMNS)) -> None:
    """A sortable table of events; choosing a row opens its detail card."""
    state = st.session_state.get(key)
    chosen = list(((state or {}).get("selection", {}) or {}).get("rows", []) or []) if isinstance(state, dict) else []
    signature = json.dumps(chosen)
    handled = st.session_state.setdefault(_HANDLED, {})
    if chosen and handled.get(key + "_rows") != signature and chosen[0] < len(rows):
        set_view(event=str(rows["id"].iat[chosen[0]]))
    handled[key + "_rows"] = signature
    shown: Any = height
    if isinstance(height, int) and 38 + 35 * len(rows) < height:
        shown = "auto"  # a short list: no empty rows below it
    st.dataframe(rows, key=key, hide_index=True, column_order=[c for c in columns if c in rows.columns],
                 column_config=TABLE_COLUMNS, on_select="rerun", selection_mode="single-row", height=shown)


def csv_download_ui(filters: Filters, matched: int) -> None:
    """A CSV of every filtered event, built only when clicked; cells cannot run as formulas."""
    index = event_index()

    def build() -> str:
        return export.to_safe_csv(index.events[filter_mask(index, filters)])

    st.download_button(f"Download {matched:,} events as CSV", data=build, file_name="diplomacy-events.csv",
                       mime="text/csv", icon=":material/download:", key="csv_download", on_click="ignore")


# ---------------------------------------------------------------- page widgets bound to the view


def _bound(key: str, attr: str) -> None:
    """Before a page widget is drawn: start it from the view (it forgets its value on other pages)."""
    if key not in st.session_state:
        st.session_state[key] = getattr(current_view(), attr)


def _choice_ui(label: str, key: str, attr: str, choices: dict[str, str]) -> str:
    _bound(key, attr)
    value = st.segmented_control(label, list(choices), key=key, format_func=choices.__getitem__, required=True)
    value = value if value in choices else getattr(current_view(), attr)
    set_view(**{attr: value})
    return value


def group_by_ui() -> str:
    return _choice_ui("Swimlanes by", "w_group", "group_by", {"type": "Event type", "country": "Country",
                                                             "actor": "Actor"})


def map_view_ui() -> str:
    return _choice_ui("Show", "w_map", "map_view", {"places": "Places", "countries": "Countries"})


def step_ui() -> str:
    return _choice_ui("Play by", "w_step", "step", {"year": "Year", "month": "Month"})


def play_mode_ui() -> str:
    return _choice_ui("Play shows", "w_play", "play", {"cumulative": "Everything so far",
                                                       "window": "A moving window"})


def window_ui() -> int:
    _bound("w_window", "window")
    unit = "months" if current_view().step == "month" else "years"
    value = st.number_input(f"Window ({unit})", min_value=1, max_value=100, step=1, key="w_window",
                            disabled=current_view().play != "window")
    set_view(window=int(value))
    return int(value)


def eras_ui() -> None:
    """Era bands behind the timeline, one per line as FROM..TO Label (kept in the link)."""
    from diplotime.query import format_era

    if "w_eras" not in st.session_state:
        st.session_state["w_eras"] = "\n".join(format_era(e) for e in current_view().eras)
    with st.expander("Era bands", icon=":material/date_range:", expanded=bool(current_view().eras)):
        text = st.text_area("One per line: FROM..TO Label", key="w_eras", height=90,
                            placeholder="1941-04-13..1945-09-02 Neutrality Pact to surrender\n"
                                        "1991..2001 Negotiations")
        eras, problems = [], []
        for line in [ln for ln in text.splitlines() if ln.strip()][:12]:
            try:
                eras.append(parse_era(line))
            except ValueError as exc:
                problems.append(f"“{shorten(line, 40)}”: {exc}")
        for problem in problems:
            st.caption(escape_markdown(problem))
    set_view(eras=tuple(eras))


def place_events(index: EventIndex, view: ViewState, grid: float) -> pd.DataFrame:
    return views.place_events(index, view, grid)


def table_rows(events: pd.DataFrame) -> pd.DataFrame:
    return views.table_frame(events)


def place_heading_ui(events: pd.DataFrame) -> None:
    where = current_view().place
    if where.startswith("country:"):
        title = names.country_name(where[len("country:"):])
    else:
        places = events["location"].fillna("").astype(str)
        places = places[places != ""]
        title = places.value_counts().index[0] if len(places) else "Selected place"
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].subheader(f"{escape_markdown(title)}: {len(events):,} event{'s' if len(events) != 1 else ''}")
    cols[1].button("Clear", key="clear_place", icon=":material/close:", on_click=set_view,
                   kwargs={"place": "", "event": ""})


# ---------------------------------------------------------------- store changes (the Upload and Batches pages)


def store_engine() -> Engine:
    page_guard()  # the Upload and Batches pages start here
    return get_engine(database_url())


def store_changed() -> None:
    """After an import or an undo: every page, in every session, reads the store's new revision on its next run."""
    current_revision.clear()


def show_batch_on_timeline(batch_id: int) -> None:
    """Go to the timeline with only the events of one import batch (other filters cleared, so none hide them)."""
    st.session_state[_PENDING] = {**{f: getattr(Filters(), f) for f in Filters.__dataclass_fields__},
                                  "batch": int(batch_id)}
    st.switch_page("pages/timeline.py")


def batch_link(batch_id: int) -> str:
    """A link that opens the timeline showing one import batch, for sharing or a new tab."""
    query = urlencode(encode_view(ViewState(filters=Filters(batch=int(batch_id)))), doseq=True)
    try:
        parts = urlsplit(st.context.url or "")
    except (AttributeError, ValueError):
        return f"timeline?{query}"
    if parts.scheme not in ("http", "https"):
        return f"timeline?{query}"
    path = parts.path.rsplit("/", 1)[0] + "/timeline"
    return f"{parts.scheme}://{parts.netloc}{path}?{query}"
