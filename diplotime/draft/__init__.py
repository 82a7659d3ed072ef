"""Draft stage: a news article -> draft events for review -> one undoable import batch, without Streamlit.

Modules, each importing only the ones before it:

- :mod:`~diplotime.draft.when`: time expressions resolved against the publication date, with precision;
- :mod:`~diplotime.draft.document`: a pasted text, .txt, .html, .pdf or .eml -> text, title, publication date, URL;
- :mod:`~diplotime.draft.language`: the article's language and its sentences;
- :mod:`~diplotime.draft.cues`: event-type cue words, tense, clauses;
- :mod:`~diplotime.draft.actors`: names in a sentence matched to the store's actors, or proposed as new;
- :mod:`~diplotime.draft.extract`: sentences -> draft events (dates, type, actors, place, evidence);
- :mod:`~diplotime.draft.review`: the review table, the evidence highlighted, and the accepted rows as a
  checked file for :func:`diplotime.store.import_events`.
"""

from diplotime.draft.document import Article, from_html, from_text, read_article
from diplotime.draft.extract import Draft, Drafting, actor_levels, draft_events
from diplotime.draft.language import LANGUAGES, detect_language
from diplotime.draft.when import TimeRef, find_times

__all__ = [
    "LANGUAGES",
    "Article",
    "Draft",
    "Drafting",
    "TimeRef",
    "actor_levels",
    "detect_language",
    "draft_events",
    "find_times",
    "from_html",
    "from_text",
    "read_article",
]
