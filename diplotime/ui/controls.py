"""Page widgets bound to the view (grouping, map, playback, eras) and the place heading."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from diplotime import names
from diplotime.explore.index import EventIndex
from diplotime.explore.link import ViewState, parse_era
from diplotime.figures import charts
from diplotime.text import escape_markdown, shorten
from diplotime.ui.view import current_view, set_view


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
    return _choice_ui(
        "Swimlanes by", "w_group", "group_by", {"type": "Event type", "country": "Country", "actor": "Actor"}
    )


def map_view_ui() -> str:
    return _choice_ui("Show", "w_map", "map_view", {"places": "Places", "countries": "Countries"})


def step_ui() -> str:
    return _choice_ui("Play by", "w_step", "step", {"year": "Year", "month": "Month"})


def play_mode_ui() -> str:
    return _choice_ui("Play shows", "w_play", "play", {"cumulative": "Everything so far", "window": "A moving window"})


def window_ui() -> int:
    _bound("w_window", "window")
    unit = "months" if current_view().step == "month" else "years"
    value = st.number_input(
        f"Window ({unit})", min_value=1, max_value=100, step=1, key="w_window", disabled=current_view().play != "window"
    )
    set_view(window=int(value))
    return int(value)


def eras_ui() -> None:
    """Era bands behind the timeline, one per line as FROM..TO Label (kept in the link)."""
    from diplotime.explore.link import format_era

    if "w_eras" not in st.session_state:
        st.session_state["w_eras"] = "\n".join(format_era(e) for e in current_view().eras)
    with st.expander("Era bands", icon=":material/date_range:", expanded=bool(current_view().eras)):
        text = st.text_area(
            "One per line: FROM..TO Label",
            key="w_eras",
            height=90,
            placeholder="1941-04-13..1945-09-02 Neutrality Pact to surrender\n1991..2001 Negotiations",
        )
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
    return charts.place_events(index, view, grid)


def table_rows(events: pd.DataFrame) -> pd.DataFrame:
    return charts.table_frame(events)


def place_heading_ui(events: pd.DataFrame) -> None:
    where = current_view().place
    if where.startswith("country:"):
        title = names.country_name(where[len("country:") :])
    else:
        places = events["location"].fillna("").astype(str)
        places = places[places != ""]
        title = places.value_counts().index[0] if len(places) else "Selected place"
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].subheader(f"{escape_markdown(title)}: {len(events):,} event{'s' if len(events) != 1 else ''}")
    cols[1].button(
        "Clear", key="clear_place", icon=":material/close:", on_click=set_view, kwargs={"place": "", "event": ""}
    )
