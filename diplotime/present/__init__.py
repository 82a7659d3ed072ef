"""Present stage: a talk built from the current view, and what it is drawn and exported as.

Modules, each importing only the ones before it:

- :mod:`~diplotime.present.talk`: the steps of a talk and what each step shows (no figures);
- :mod:`~diplotime.present.images`: PNG and SVG of any figure, drawn by one reused headless Chromium;
- :mod:`~diplotime.present.deck`: a 16:9 PowerPoint deck of a talk;
- :mod:`~diplotime.present.report`: a single-file HTML report that works with no network;
- :mod:`~diplotime.present.talk_figures`: the Explore figures restyled for a room, and the deck and report of a view.
"""

from diplotime.present.talk import (
    EVENT,
    MAX_PICKED,
    OVERVIEW,
    TITLE,
    EventCard,
    Step,
    Talk,
    build_talk,
    cards,
    choice_labels,
    clamp_step,
    describe_filters,
    event_card,
    file_stem,
    pick_events,
    source_site,
    talk_events,
)

__all__ = [
    "EVENT",
    "MAX_PICKED",
    "OVERVIEW",
    "TITLE",
    "EventCard",
    "Step",
    "Talk",
    "build_talk",
    "cards",
    "choice_labels",
    "clamp_step",
    "describe_filters",
    "event_card",
    "file_stem",
    "pick_events",
    "source_site",
    "talk_events",
]
