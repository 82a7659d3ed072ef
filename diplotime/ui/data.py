"""Data cached at the edge: the store engine, its revision, the event index and the cached charts."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store
from diplotime.explore.actors import name_actors
from diplotime.explore.filters import Filters, filter_mask
from diplotime.explore.index import EventIndex, FilterOptions, filter_options, index_events
from diplotime.explore.link import Era, ViewState
from diplotime.figures import charts
from diplotime.store import store_revision
from diplotime.ui.view import current_view


def database_url() -> str | None:
    return os.environ.get(store.ENV_URL) or None


@st.cache_resource(show_spinner=False)
def get_engine(url: str | None = None) -> Engine:
    """One engine per store URL for the whole server; the store is migrated and seeded on first use."""
    return store.open_store(url)


@st.cache_data(show_spinner=False, ttl=3)
def current_revision(url: str | None = None) -> str:
    return store_revision(get_engine(url))


@st.cache_data(show_spinner=False, ttl=3)
def current_aliases(url: str | None = None) -> str:
    """The alias table's revision: saving it on the Actors page re-indexes the events for everyone."""
    return store.aliases_revision(get_engine(url))


@st.cache_resource(show_spinner="Reading the events…", max_entries=2)
def _index(url: str | None, revision: str, aliases: str) -> EventIndex:
    # A resource, not cache_data: a million events would otherwise be copied on every rerun.
    # Shared by all sessions and read-only: nothing may modify the frame or its arrays.
    engine = get_engine(url)
    return index_events(
        name_actors(store.load_events(engine, revision), store.read_actor_aliases(engine)), store.dataset_names(engine)
    )


def event_index(url: str | None = None) -> EventIndex:
    url = url or database_url()
    return _index(url, current_revision(url), current_aliases(url))


def load_events(url: str | None = None) -> pd.DataFrame:
    """All stored events (read-only; copy before changing)."""
    return event_index(url).events


def revision() -> str:
    """The cache key for the current store: its URL and revision (two stores may hold the same counts)."""
    url = database_url()
    return f"{url or 'default'}|{current_revision(url)}|{current_aliases(url)}"


@st.cache_data(show_spinner=False, max_entries=8)
def options(_index: EventIndex, revision: str) -> FilterOptions:
    return filter_options(_index)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline(_index: EventIndex, revision: str, view: ViewState) -> charts.ChartResult:
    return charts.timeline(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def map_places(_index: EventIndex, revision: str, view: ViewState) -> charts.MapResult:
    return charts.map_places(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def map_countries(_index: EventIndex, revision: str, view: ViewState) -> charts.ChartResult:
    return charts.map_countries(_index, view)


@st.cache_data(show_spinner=False, max_entries=32)
def overview(_index: EventIndex, revision: str, filters: Filters) -> charts.Overview:
    return charts.overview(_index, filters)


@st.cache_data(show_spinner=False, max_entries=8)
def _actor_countries(url: str | None, revision: str) -> dict[str, str]:
    return store.actor_countries(get_engine(url))


def actor_countries() -> dict[str, str]:
    """Actor -> the country it acts for, as the store's datasets declare it (cached per store revision)."""
    url = database_url()
    return _actor_countries(url, current_revision(url))


@st.cache_data(show_spinner=False, max_entries=32)
def network(_index: EventIndex, revision: str, filters: Filters, period: Era | None) -> charts.NetworkResult:
    """Keyed on what the network reads (filters and period), so other view changes reuse it."""
    return charts.network(_index, ViewState(filters=filters, period=period), actor_countries())


@st.cache_data(show_spinner=False, max_entries=16)
def table(_index: EventIndex, revision: str, filters: Filters) -> tuple[pd.DataFrame, int]:
    return charts.table(_index, filters)


def filtered_events() -> pd.DataFrame:
    """The events passing the current filters (a new frame)."""
    index = event_index()
    return index.events[filter_mask(index, current_view().filters)]
