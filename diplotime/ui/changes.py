"""Store changes: the engine, revision and links for the Upload and Batches pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store
from diplotime.errors import NoSuchBatch
from diplotime.explore.filters import Filters
from diplotime.explore.link import ViewState, encode_view
from diplotime.ui.access import current_identity, page_requires, require, require_undo
from diplotime.ui.data import current_revision, database_url, get_engine
from diplotime.ui.furniture import page_guard
from diplotime.ui.view import _PENDING


def store_engine(needs: str | None = None) -> Engine:
    """The store for a page that changes it; ``needs`` (import, undo, edit) stops the page for a role without it."""
    page_guard()  # the Upload, From an article, Batches and Actors pages start here
    if needs:
        page_requires(needs)
    return get_engine(database_url())


def import_events(engine: Engine, result: Any, **kwargs: Any) -> store.ImportOutcome:
    """store.import_events for the signed-in user: refused without the import role, recorded as theirs."""
    require("import")
    return store.import_events(engine, result, who=current_identity(), **kwargs)


def undo_batch(engine: Engine, batch_id: int) -> int:
    """store.undo_batch if the signed-in user may undo this batch (an admin any, an editor their own)."""
    require("undo")
    found = store.list_batches(engine)
    row = found[found["id"] == batch_id]
    if row.empty:
        raise NoSuchBatch(f"there is no batch {batch_id}")
    require_undo(row["created_by"].iloc[0])
    return store.undo_batch(engine, batch_id, who=current_identity())


def store_changed() -> None:
    """After an import or an undo: every page, in every session, reads the store's new revision on its next run."""
    current_revision.clear()


def show_batch_on_timeline(batch_id: int) -> None:
    """Go to the timeline with only the events of one import batch (other filters cleared, so none hide them)."""
    st.session_state[_PENDING] = {
        **{f: getattr(Filters(), f) for f in Filters.__dataclass_fields__},
        "batch": int(batch_id),
    }
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
