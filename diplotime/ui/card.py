"""The event detail card."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from diplotime import names
from diplotime.explore.filters import filter_mask
from diplotime.explore.index import EventIndex
from diplotime.text import escape_markdown, is_http_url, shorten
from diplotime.ui.edit import event_actions_ui
from diplotime.ui.storyline import related_ui
from diplotime.ui.view import current_view, set_view


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
            + (f" · {escape_markdown(place)}" if place else "")
        )
        if ev["description"]:
            st.markdown(escape_markdown(str(ev["description"])))
        rows = [
            ("Actors", _actors_text(ev)),
            ("Countries", names.country_names(str(ev["countries"] or ""))),
            ("Place", _place_text(ev)),
            ("Tags", ", ".join(names.split(str(ev["tags"] or "")))),
            ("Dataset", str(ev["dataset"] or "")),
        ]
        st.markdown("  \n".join(f"**{label}:** {escape_markdown(value)}" for label, value in rows if value))
        related_ui(index, event_id, key)
        source = str(ev["source"] or "").strip()
        if source and is_http_url(source):
            st.link_button("Open source", source, icon=":material/open_in_new:")
            st.caption(escape_markdown(shorten(source, 120)))
        elif source:
            st.markdown(f"**Source:** {escape_markdown(source)}")
        else:
            st.caption("No source given.")
        event_actions_ui(str(event_id), key)
        prev_id, next_id = _neighbours(index, event_id)
        # Icon buttons: the card is often a narrow column; the tooltips say what each does.
        left, mid, right = st.columns(3)
        left.button(
            ":material/chevron_left:",
            key=f"{key}_prev",
            help="Earlier event (by date)",
            disabled=not prev_id,
            on_click=set_view,
            kwargs={"event": prev_id},
            width="stretch",
        )
        mid.button(
            ":material/close:",
            key=f"{key}_close",
            help="Close the card",
            on_click=set_view,
            kwargs={"event": ""},
            width="stretch",
        )
        right.button(
            ":material/chevron_right:",
            key=f"{key}_next",
            help="Later event (by date)",
            disabled=not next_id,
            on_click=set_view,
            kwargs={"event": next_id},
            width="stretch",
        )


def _actors_text(ev: pd.Series) -> str:
    """The actors as the event writes them, with the names they count as when those differ (Actors page)."""
    written = names.split(str(ev["actors"] or ""))
    counted = names.split(str(ev["actor_names"] or "")) if "actor_names" in ev.index else []
    if not counted or counted == written:
        return "; ".join(written)
    return "; ".join(counted) + " (written " + "; ".join(written) + ")"


def _place_text(ev: pd.Series) -> str:
    place = str(ev["location"] or "")
    lat, lon = ev["lat"], ev["lon"]
    if pd.notna(lat) and pd.notna(lon):
        where = f"{lat:.3f}, {lon:.3f}" + (" (approximate)" if bool(ev["coords_approximate"]) else "")
        return f"{place} ({where})" if place else where
    return place
