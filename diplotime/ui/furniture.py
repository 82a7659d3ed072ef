"""Page furniture: the frame every page runs in, its title, the summary line and notes."""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

from diplotime import names
from diplotime.explore.filters import Filters
from diplotime.explore.index import EventIndex
from diplotime.explore.link import date_param
from diplotime.text import escape_markdown, shorten
from diplotime.ui.data import event_index
from diplotime.ui.filters import filters_sidebar_ui, link_sidebar_ui, start_view
from diplotime.ui.view import current_view, notices_ui, sync_url

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


def page_title(title: str, icon: str) -> None:
    """The page title and any notice about parts of the link that were ignored."""
    st.title(f"{icon} {title}")
    notices_ui()


def summary_ui(index: EventIndex, matched: int) -> None:
    """How many events the page shows, and which filters are on."""
    view = current_view()
    if len(index) == 0:
        st.info(
            "The store holds no events yet. Import a CSV with `python -m diplotime import FILE`.",
            icon=":material/inbox:",
        )
        return
    summary = f"{matched:,} of {len(index):,} events" if view.filters.active else f"All {len(index):,} events"
    st.caption(escape_markdown(summary + filters_summary(view.filters)))


def filters_summary(filters: Filters) -> str:
    parts = []
    if filters.date_from or filters.date_to:
        lo = date_param(filters.date_from, False) if filters.date_from else "…"
        hi = date_param(filters.date_to, True) if filters.date_to else "…"
        parts.append(f"{lo} to {hi}" if lo != hi else lo)
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
