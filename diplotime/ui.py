"""The only module that imports Streamlit: cached wrappers around the package, shared widgets, state keys."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import store


@st.cache_resource(show_spinner=False)
def get_engine(url: str | None = None) -> Engine:
    """One engine per store URL for the whole server; the store is migrated and seeded on first use."""
    return store.open_store(url)


@st.cache_data(show_spinner=False, ttl=60)
def load_events(url: str | None = None) -> pd.DataFrame:
    return store.read_events(get_engine(url))
