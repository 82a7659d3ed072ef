"""The presenter: the steps of a talk built from the current view, and what each step shows.

A talk is a title step, an overview step (the whole filtered timeline), then one step per event,
oldest first, or in the order a presenter hand-picked them. Steps are numbered from 1, as links
show them (``?slide=3``); any number that arrives in a link is clamped into range, never refused.
The deck (:mod:`diplotime.present.deck`) and the Present page show the same steps.

>>> events = pd.DataFrame({"id": ["a", "b"], "date": ["1855-02-07", "1956"], "end_date": ["", ""],
...     "date_start": ["1855-02-07", "1956-01-01"], "date_end": ["1855-02-07", "1956-12-31"],
...     "title": ["Treaty of Shimoda", "Joint Declaration"], "dataset": ["kuril_dispute"] * 2})
>>> talk = build_talk(events)
>>> talk.total, talk.step(3).event_id, talk.step(99).number, talk.date_range
(4, 'a', 4, '1855 – 1956')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from diplotime import names
from diplotime.explore.filters import Filters
from diplotime.explore.link import date_param
from diplotime.text import is_http_url

TITLE, OVERVIEW, EVENT = "title", "overview", "event"
LEAD_STEPS = 2  # the title step and the overview step come before the events
MAX_PICKED = 500


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as in the link
    total: int
    kind: str  # title | overview | event
    event_id: str | None = None
    position: int | None = None  # 0-based position of the event in the talk

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_last(self) -> bool:
        return self.number == self.total


@dataclass(frozen=True)
class Talk:
    """What a presentation of the current view holds; the events themselves stay in the frame."""

    title: str
    subtitle: str  # the filters, in words
    date_range: str
    event_ids: tuple[str, ...]
    missing: tuple[str, ...] = ()  # hand-picked ids that are not in the data

    @property
    def count(self) -> int:
        return len(self.event_ids)

    @property
    def total(self) -> int:
        return LEAD_STEPS + len(self.event_ids)

    def step(self, number: int) -> Step:
        """Step ``number`` (clamped into 1..total)."""
        n = clamp_step(number, self.total)
        if n == 1:
            return Step(n, self.total, TITLE)
        if n == 2:
            return Step(n, self.total, OVERVIEW)
        position = n - LEAD_STEPS - 1
        return Step(n, self.total, EVENT, self.event_ids[position], position)

    def steps(self) -> list[Step]:
        return [self.step(n) for n in range(1, self.total + 1)]


@dataclass(frozen=True)
class EventCard:
    """One event as a slide shows it: every field already in display form (plain text, not markup)."""

    event_id: str
    title: str
    date: str  # as the source gave it: '1875', 'Aug 1945', '22 Jan 2019', '18 Aug – 2 Sep 1945'
    event_type: str
    type_label: str
    place: str
    countries: str
    actors: tuple[str, ...]
    description: str
    source: str
    source_url: str | None  # only for http(s) sources; anything else is shown as a citation


def clamp_step(value: Any, total: int) -> int:
    """A step number from a link or a button, forced into 1..total: clamp_step('99', 5) -> 5.

    >>> clamp_step('x', 5), clamp_step(None, 5), clamp_step(-3, 5), clamp_step(' 2 ', 5)
    (1, 1, 1, 2)
    """
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 1
    return max(1, min(number, max(total, 1)))


def dataset_title(datasets: Iterable[str]) -> str:
    """A talk title from dataset names: dataset_title(['kuril_dispute']) -> 'Kuril dispute'."""
    labels = [str(d).replace("_", " ").replace("-", " ").strip().capitalize() for d in datasets if str(d).strip()]
    unique = list(dict.fromkeys(labels))
    if not unique:
        return "Diplomatic events"
    if len(unique) > 3:
        return f"{', '.join(unique[:3])} and {len(unique) - 3} more"
    return ", ".join(unique)


def describe_filters(filters: Filters | None) -> str:
    """The filters in words: describe_filters(Filters(types=('treaty',))) -> 'Type: Treaty'.

    >>> describe_filters(None)
    'All events'
    """
    if filters is None or not filters.active:
        return "All events"
    parts = []
    if filters.date_from or filters.date_to:
        start = date_param(filters.date_from, False) if filters.date_from else "…"
        end = date_param(filters.date_to, True) if filters.date_to else "…"
        parts.append(f"Dates: {start} – {end}")
    for label, values, show in (
        ("Type", filters.types, names.type_label),
        ("Country", filters.countries, names.country_name),
        ("Actor", filters.actors, str),
        ("Dataset", filters.datasets, str),
    ):
        if values:
            shown = [show(v) for v in values[:4]] + ([f"+{len(values) - 4} more"] if len(values) > 4 else [])
            parts.append(f"{label}{'s' if len(values) > 1 else ''}: {', '.join(shown)}")
    if filters.text:
        parts.append(f"Search: “{filters.text}”")
    return " · ".join(parts)


def file_stem(title: str) -> str:
    """A file name stem safe on every system: file_stem('Kuril dispute / 北方領土') -> 'diplomacy-kuril-dispute'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].strip("-")
    return f"diplomacy-{slug}" if slug else "diplomacy-events"


def date_range_label(events: pd.DataFrame) -> str:
    """Years the events cover: '1855 – 2025', or one year: '2019'; '' when there are none."""
    if events.empty:
        return ""
    first = str(min(events["date_start"]))[:4].lstrip("0")
    last = str(max(events["date_end"]))[:4].lstrip("0")
    return first if first == last else f"{first} – {last}"


def pick_events(events: pd.DataFrame, picked: Sequence[str]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The hand-picked events in the order given (repeats dropped), and the ids not found.

    >>> frame = pd.DataFrame({"id": ["a", "b", "c"]})
    >>> chosen, missing = pick_events(frame, ["c", "x", "a", "c"])
    >>> list(chosen["id"]), missing
    (['c', 'a'], ('x',))
    """
    wanted = list(dict.fromkeys(str(p) for p in picked))[:MAX_PICKED]
    position = {event_id: i for i, event_id in enumerate(events["id"])}
    found = [position[w] for w in wanted if w in position]
    missing = tuple(w for w in wanted if w not in position)
    return events.iloc[found], missing


def build_talk(events: pd.DataFrame, filters: Filters | None = None, picked: Sequence[str] = ()) -> Talk:
    """The talk for the current view: the filtered events, or only the hand-picked ones when given."""
    missing: tuple[str, ...] = ()
    if picked:
        events, missing = pick_events(events, picked)
    datasets = events["dataset"] if "dataset" in events.columns else []
    subtitle = "Hand-picked events" if picked else describe_filters(filters)
    return Talk(
        dataset_title(datasets), subtitle, date_range_label(events), tuple(str(i) for i in events["id"]), missing
    )


def talk_events(events: pd.DataFrame, talk: Talk) -> pd.DataFrame:
    """The talk's events from ``events`` (the store's frame), in the talk's order."""
    chosen, _ = pick_events(events, talk.event_ids)
    return chosen


def event_card(event: Mapping[str, Any]) -> EventCard:
    """What an event slide shows, from one row of the events frame (a dict or a pandas row)."""

    def text(key: str) -> str:
        value = event.get(key, "")
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()

    source = text("source")
    event_type = text("event_type") or "other"
    return EventCard(
        event_id=text("id"),
        title=text("title"),
        date=names.date_label(text("date"), text("end_date")),
        event_type=event_type,
        type_label=names.type_label(event_type),
        place=text("location"),
        countries=names.country_names(text("countries")),
        actors=tuple(names.split(text("actors"))),
        description=text("description"),
        source=source,
        source_url=source if is_http_url(source) else None,
    )


def source_site(url: str) -> str:
    """The site of a web source, as a caption names it: source_site('https://www.japantimes.co.jp/news/x') -> 'japantimes.co.jp'.

    >>> source_site('not a url')
    ''
    """
    if not is_http_url(url):
        return ""
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


def choice_labels(events: pd.DataFrame, limit: int = 1000) -> dict[str, str]:
    """Event id -> 'date · title' for a picker, for the first ``limit`` events.

    >>> choice_labels(pd.DataFrame({"id": ["a"], "date": ["1956-10-19"], "end_date": [""], "title": ["Joint Declaration"]}))
    {'a': '19 Oct 1956 · Joint Declaration'}
    """
    head = events.head(limit)
    return {
        str(i): f"{names.date_label(str(d), str(e or ''))} · {t}"
        for i, d, e, t in zip(head["id"], head["date"], head["end_date"], head["title"], strict=True)
    }


def cards(events: pd.DataFrame) -> list[EventCard]:
    """One card per event, in the frame's order."""
    return [event_card(row) for row in events.to_dict("records")]
