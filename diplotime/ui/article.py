"""The From an article page's session state and widgets: the article read once, its drafts kept with the
inputs they were made from, the review table, the highlighted evidence and the import.

The article and its drafts stay in this user's session (never in a cache shared between users); nothing
is stored until Import is pressed, and then the accepted rows go through the same check as an upload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from diplotime import draft, names, schema, store
from diplotime.draft import review
from diplotime.errors import UnusableFile
from diplotime.ui.changes import import_events, store_changed
from diplotime.ui.data import actor_countries, event_index

TYPES = ["txt", "html", "htm", "pdf", "eml"]
ARTICLE, DRAFTS, GEN, DONE = "art_article", "art_drafts", "art_gen", "art_done"
COLUMNS = {
    "accept": st.column_config.CheckboxColumn("Accept", help="Import this event", default=True, width="small"),
    "date": st.column_config.TextColumn(
        "Date", help="YYYY, YYYY-MM or YYYY-MM-DD", validate=r"^\d{4}(-\d{2}(-\d{2})?)?$", width="small"
    ),
    "end_date": st.column_config.TextColumn("End date", validate=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", width="small"),
    "event_type": st.column_config.SelectboxColumn(
        "Type", options=list(schema.EVENT_TYPES), required=True, default="other", width="small"
    ),
    "title": st.column_config.TextColumn("Title", max_chars=300, width="medium"),
    "actors": st.column_config.TextColumn("Actors", help="';'-separated; names the store knows are matched"),
    "countries": st.column_config.TextColumn("Countries", help="ISO 3166-1 alpha-3, ';'-separated", width="small"),
    "location": st.column_config.TextColumn("Place", width="small"),
    "status": st.column_config.SelectboxColumn(
        "Status", options=list(review.STATUSES), default="happened", width="small"
    ),
    "ambiguous": st.column_config.CheckboxColumn(
        "Check date", help="The date needs checking (see the note)", disabled=True
    ),
    "note": st.column_config.TextColumn("Why", disabled=True),
    "new_actors": st.column_config.TextColumn("New actors", help="Names the store does not know yet", disabled=True),
    "evidence": st.column_config.TextColumn("Evidence (the sentence)", disabled=True, width="large"),
}


def read_input(pasted: str, file: Any) -> draft.Article | None:
    """The article from the dropped file (read once per file) or the pasted text; an unreadable file says why."""
    if file is not None:
        data = file.getvalue()
        key = ("file", hashlib.sha256(data).hexdigest())
        memo = st.session_state.get(ARTICLE)
        if memo is None or memo[0] != key:
            try:
                memo = (key, draft.read_article(data, file.name), "")
            except UnusableFile as exc:
                memo = (key, None, str(exc))
            st.session_state[ARTICLE] = memo
        if memo[2]:
            st.error(f"The file cannot be read: {memo[2]}.", icon=":material/error:")
        return memo[1]
    if pasted.strip():
        return draft.from_text(pasted)
    return None


def details_ui(article: draft.Article) -> tuple[str, dt.date | None, str]:
    """Title, publication date and source, as read from the article and changed by the user."""
    key = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:12]
    language = draft.detect_language(article.text)
    cols = st.columns([3, 2, 2])
    title = cols[0].text_input("Title", value=article.title, key=f"art_title_{key}")
    typed = cols[1].text_input(
        "Published (YYYY-MM-DD)",
        value=article.published.isoformat() if article.published else "",
        key=f"art_published_{key}",
        help="Relative dates (on Monday, last week, next month) are read from this day",
    )
    published: dt.date | None = None
    if typed.strip():
        try:
            published = dt.date.fromisoformat(typed.strip())
        except ValueError:
            cols[1].error("Write the date as YYYY-MM-DD.")
    cols[2].text_input("Language", value=language.name, disabled=True, key=f"art_lang_{key}")
    found = f"read from {article.published_from}" if article.published else "not found in the article: please enter it"
    st.caption(f"Publication date {found}. Language detected from the text's script and words.")
    source = st.text_input(
        "Source of the events (URL or citation)",
        value=review.citation(article, published),
        key=f"art_source_{key}_{published}",  # a new default once the date is known
    )
    return title, published, source


def drafts_of(article: draft.Article, published: dt.date | None) -> draft.Drafting:
    """The drafts of this article for this publication date, kept in the session while both stay the same."""
    key = (hashlib.sha256(article.text.encode("utf-8")).hexdigest(), published)
    memo = st.session_state.get(DRAFTS)
    if memo is None or memo[0] != key:
        index = event_index()
        events = index.events
        actors = sorted({a.strip() for s in events["actors"] for a in str(s).split(";") if a.strip()})
        levels = draft.actor_levels(zip(events["actors"], events["event_type"], strict=True))
        drafting = draft.draft_events(
            article.text, published, actors=actors, levels=levels, actor_countries=actor_countries()
        )
        st.session_state[GEN] = st.session_state.get(GEN, 0) + 1  # a fresh review table for new drafts
        memo = (key, drafting)
        st.session_state[DRAFTS] = memo
    return memo[1]


def review_ui(drafting: draft.Drafting) -> pd.DataFrame:
    """The editable review table: tick, untick, edit any cell, add a row at the bottom."""
    frame = review.review_frame(drafting.drafts)
    return st.data_editor(
        frame,
        column_config=COLUMNS,
        num_rows="dynamic",
        hide_index=True,
        key=f"art_table_{st.session_state.get(GEN, 0)}",
        height=min(560, 40 + 36 * (len(frame) + 1)),
        column_order=list(COLUMNS),
    )


def import_ui(engine: Engine, article: draft.Article, table: pd.DataFrame, source: str, title: str) -> None:
    """Check the accepted rows like an upload, then import them as one batch."""
    accepted = int(table["accept"].fillna(False).astype(bool).sum()) if len(table) else 0
    dataset = st.text_input("Dataset", value="from articles", key="art_dataset", max_chars=100)
    pressed = st.button(
        f"Import {accepted} accepted event{'s' if accepted != 1 else ''}",
        key="art_import",
        type="primary",
        icon=":material/download_done:",
        disabled=accepted == 0,
    )
    if not pressed:
        return
    named = draft.Article(article.text, article.kind, title, article.published, article.published_from, article.url)
    data, result = review.check_accepted(table, source, dataset.strip() or "from articles", review.batch_name(named))
    if result is None:
        st.warning("No event is accepted.", icon=":material/warning:")
        return
    if result.problems:
        st.error("Some accepted rows need fixing before the import:", icon=":material/error:")
        st.dataframe(result.errors[["row", "column", "value", "message"]], hide_index=True, key="art_problems")
        st.caption("Row 2 is the first accepted row.")
        return
    outcome = import_events(
        engine, result, file_name=review.batch_name(named), data_hash=store.file_hash(data), format=review.FORMAT
    )
    store_changed()
    st.session_state[DONE] = (outcome.batch, outcome.added, outcome.duplicates)
    st.rerun()


def done_ui() -> None:
    done = st.session_state.get(DONE)
    if not done:
        return
    batch, added, duplicates = done
    if batch is None:
        st.info(f"Nothing new: the {duplicates} events were already stored.", icon=":material/info:")
        return
    st.success(
        f"Imported {added} events as batch {batch}"
        + (f" ({duplicates} were already stored)" if duplicates else "")
        + ". Undo it on the Batches page.",
        icon=":material/check_circle:",
    )


def type_legend() -> str:
    return " · ".join(f"{names.type_label(t)} `{t}`" for t in schema.EVENT_TYPES)
