"""Event lists and the CSV download."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from diplotime import export
from diplotime.explore.filters import Filters, filter_mask
from diplotime.ui.data import event_index
from diplotime.ui.view import _HANDLED, set_view

TABLE_COLUMNS = {
    "date": st.column_config.TextColumn("Date", width=95, help="As the source gives it: 1875, 1945-08 or 2019-01-22"),
    "end_date": st.column_config.TextColumn("End", width=95),
    "title": st.column_config.TextColumn("Title", width="large"),
    "type": st.column_config.TextColumn("Type"),
    "countries": st.column_config.TextColumn("Countries"),
    "actors": st.column_config.TextColumn("Actors"),
    "place": st.column_config.TextColumn("Place"),
    "link": st.column_config.LinkColumn(
        "Source", display_text=r"https?://(?:www\.)?([^/]+)", help="Web sources only (http and https)"
    ),
    "citation": st.column_config.TextColumn("Citation", help="Sources that are not web links"),
    "dataset": st.column_config.TextColumn("Dataset"),
}


def events_table_ui(
    rows: pd.DataFrame, key: str, height: int | str = "auto", columns: tuple[str, ...] = tuple(TABLE_COLUMNS)
) -> None:
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
    st.dataframe(
        rows,
        key=key,
        hide_index=True,
        column_order=[c for c in columns if c in rows.columns],
        column_config=TABLE_COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
        height=shown,
    )


def csv_download_ui(filters: Filters, matched: int) -> None:
    """A CSV of every filtered event, built only when clicked; cells cannot run as formulas."""
    index = event_index()

    def build() -> str:
        return export.to_safe_csv(index.events[filter_mask(index, filters)])

    st.download_button(
        f"Download {matched:,} events as CSV",
        data=build,
        file_name="diplomacy-events.csv",
        mime="text/csv",
        icon=":material/download:",
        key="csv_download",
        on_click="ignore",
    )
