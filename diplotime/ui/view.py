"""The view state (filters, grouping, selection) kept in the session and in the link."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from diplotime.explore.link import ViewState, encode_view
from diplotime.text import escape_markdown

# Session-state keys shared by the ui modules.
_VIEW, _NOTICES, _PENDING, _HANDLED = "dt_view", "dt_notices", "dt_pending", "dt_handled"
# Link parameters that belong to one page (the Present page's slide and hand-picked events): the shared
# view does not decode them, and sync_url keeps them only on runs where that page set them.
PAGE_PARAMS, _PAGE_LINK = ("slide", "pick"), "dt_page_link"


def current_view() -> ViewState:
    return st.session_state.get(_VIEW, ViewState())


def set_view(**changes: Any) -> None:
    """Change parts of the view that are not filter widgets (selected event, place, grouping…)."""
    st.session_state[_VIEW] = replace(current_view(), **changes)


def request_filters(**changes: Any) -> None:
    """Change filters from outside the sidebar (a click on a chart): applied at the top of the next run."""
    st.session_state[_PENDING] = {**st.session_state.get(_PENDING, {}), **changes}
    st.rerun()


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
