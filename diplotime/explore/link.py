"""The whole view as a URL query string, and back.

A copied link reproduces the view: filters, timeline grouping, era bands, selected event and place,
and the map's playback settings. Decoding never fails: a value that is not valid (or names nothing
in the store) is dropped and reported in plain words, so the page can show a notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from diplotime import schema
from diplotime.explore.filters import MAX_VALUE_LENGTH, Filters, batch_mask
from diplotime.explore.index import EventIndex, FilterOptions
from diplotime.validate.dates import PartialDate, parse_iso_date

GROUPINGS = ("type", "country", "actor")
MAP_VIEWS = ("places", "countries")
STEPS = ("year", "month")
PLAY_MODES = ("cumulative", "window")
MAX_VALUES = 50
MAX_ERAS = 12


@dataclass(frozen=True)
class Era:
    """A labelled period drawn as a band behind the timeline."""

    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    group_by: str = "type"
    eras: tuple[Era, ...] = ()
    event: str = ""  # selected event id (detail card)
    place: str = ""  # selected place or country on the map
    map_view: str = "places"
    step: str = "year"
    play: str = "cumulative"
    window: int = 5
    period: Era | None = None  # the network's time window, inside the filters' dates
    thread: str = ""  # an event whose storyline (its related events, both ways) the timeline shows
    compare: Filters | None = None  # a second set of filters, shown beside the first (Timeline, Overview)


# ---------------------------------------------------------------- dates in links


def date_param(day: dt.date, end: bool) -> str:
    """Shortest exact form: (1945-01-01, start) -> '1945'; (1945-08-31, end) -> '1945-08'."""
    if not end:
        if day.month == 1 and day.day == 1:
            return f"{day.year:04d}"
        return f"{day.year:04d}-{day.month:02d}" if day.day == 1 else day.isoformat()
    if day.month == 12 and day.day == 31:
        return f"{day.year:04d}"
    return f"{day.year:04d}-{day.month:02d}" if day == PartialDate(day.year, day.month).end() else day.isoformat()


def parse_date_param(value: str, end: bool) -> dt.date:
    """'1945' -> 1945-01-01 as a start, 1945-12-31 as an end. Raises ValueError."""
    date = parse_iso_date(value)
    return date.end() if end else date.start()


_ERA = re.compile(r"(?P<a>[0-9-]{4,10})\.\.(?P<b>[0-9-]{4,10})(?:[ _](?P<label>.*))?", re.S)


def parse_era(text: str) -> Era:
    """'1941-04..1945-09 Pacific War' -> Era(1941-04-01, 1945-09-30, 'Pacific War'). Raises ValueError."""
    match = _ERA.fullmatch(text.strip())
    if not match:
        raise ValueError("write an era as FROM..TO Label, for example 1941..1945 Pacific War")
    start, end = parse_date_param(match["a"], False), parse_date_param(match["b"], True)
    if end < start:
        raise ValueError("an era cannot end before it starts")
    return Era(start, end, (match["label"] or "").strip()[:80])


def format_era(era: Era) -> str:
    text = f"{date_param(era.start, False)}..{date_param(era.end, True)}"
    return f"{text} {era.label}" if era.label else text


# ---------------------------------------------------------------- the view as a query string


def encode_view(view: ViewState) -> dict[str, list[str]]:
    """The view as query parameters; defaults are left out so links stay short."""
    default = ViewState()
    params = _encode_filters(view.filters)
    if view.compare is not None:
        params["compare"] = ["1"]
        params.update(_encode_filters(view.compare, COMPARE_PREFIX))
    for key, value in (("group", view.group_by), ("map", view.map_view), ("step", view.step), ("play", view.play)):
        if value != getattr(default, {"group": "group_by", "map": "map_view"}.get(key, key)):
            params[key] = [value]
    if view.window != default.window:
        params["window"] = [str(view.window)]
    if view.eras:
        params["era"] = [format_era(e) for e in view.eras]
    if view.event:
        params["event"] = [view.event]
    if view.place:
        params["place"] = [view.place]
    if view.period:
        params["period"] = [format_era(view.period)]
    if view.thread:
        params["thread"] = [view.thread]
    return params


COMPARE_PREFIX = "b."  # the second view's filters: b.from, b.to, b.type, …
FILTER_PARAMS = ("q", "from", "to", "type", "country", "actor", "dataset")


def _encode_filters(f: Filters, prefix: str = "") -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    if f.text:
        params[prefix + "q"] = [f.text]
    if f.batch is not None and not prefix:
        params["batch"] = [str(f.batch)]
    if f.date_from:
        params[prefix + "from"] = [date_param(f.date_from, False)]
    if f.date_to:
        params[prefix + "to"] = [date_param(f.date_to, True)]
    for key, values in (("type", f.types), ("country", f.countries), ("actor", f.actors), ("dataset", f.datasets)):
        if values:
            params[prefix + key] = list(values)
    return params


KNOWN_PARAMS = (
    "q",
    "from",
    "to",
    "type",
    "country",
    "actor",
    "dataset",
    "group",
    "map",
    "step",
    "play",
    "window",
    "era",
    "event",
    "place",
    "batch",
    "period",
    "thread",
    "compare",
    *(COMPARE_PREFIX + key for key in FILTER_PARAMS),
)


def _shown(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= 40 else value[:39] + "…"


def decode_view(
    params: Mapping[str, Sequence[str] | str],
    options: FilterOptions | None = None,
    index: EventIndex | None = None,
) -> tuple[ViewState, list[str]]:
    """Read a view from query parameters. Returns the view and one notice per value that was ignored.

    With ``options`` (what the store holds), types, countries, actors and datasets that name nothing
    in the store are ignored too; with ``index``, so is an unknown event id.
    """
    notices: list[str] = []
    values: dict[str, list[str]] = {}
    for key, raw in params.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        if key not in KNOWN_PARAMS:
            notices.append(f"Ignored the unknown link parameter “{_shown(key)}”.")
            continue
        if len(items) > MAX_VALUES:
            notices.append(f"Only the first {MAX_VALUES} values of “{key}” were used.")
            items = items[:MAX_VALUES]
        kept = []
        for item in items:
            if len(item) > MAX_VALUE_LENGTH or not item.strip():
                notices.append(f"Ignored an empty or over-long value of “{key}”.")
            else:
                kept.append(item.strip())
        values[key] = kept

    def single(key: str) -> str | None:
        got = values.get(key, [])
        if len(got) > 1:
            notices.append(f"“{key}” was given {len(got)} times; the first value was used.")
        return got[0] if got else None

    def pick(key: str, allowed: Iterable[str], what: str) -> tuple[str, ...]:
        allowed_set = set(allowed)
        kept: list[str] = []
        for item in values.get(key, []):
            if item in allowed_set:
                if item not in kept:
                    kept.append(item)
            else:
                notices.append(f"Ignored {what} “{_shown(item)}”: not in the data.")
        return tuple(kept)

    def filter_set(prefix: str) -> Filters:
        filters = Filters(
            text=single(prefix + "q") or "",
            types=pick(prefix + "type", options.types if options else schema.EVENT_TYPES, "event type"),
            countries=pick(
                prefix + "country",
                options.countries if options else _iso3_like(values.get(prefix + "country", [])),
                "country",
            ),
            actors=pick(prefix + "actor", options.all_actors if options else values.get(prefix + "actor", []), "actor"),
            datasets=pick(
                prefix + "dataset", options.datasets if options else values.get(prefix + "dataset", []), "dataset"
            ),
        )
        dates: dict[str, dt.date | None] = {"from": None, "to": None}
        for key in dates:
            text = single(prefix + key)
            if text is not None:
                try:
                    dates[key] = parse_date_param(text, end=key == "to")
                except ValueError as exc:
                    notices.append(f"Ignored “{prefix}{key}={_shown(text)}”: {exc}.")
        if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
            notices.append(f"Ignored the date range{' of the second view' if prefix else ''}: “from” is after “to”.")
            dates = {"from": None, "to": None}
        return replace(filters, date_from=dates["from"], date_to=dates["to"])

    filters = filter_set("")
    opened = "compare" in values or any(key.startswith(COMPARE_PREFIX) for key in values)
    compare = filter_set(COMPARE_PREFIX) if opened else None
    text = single("batch")
    if text is not None:
        if not (text.isdigit() and 0 < int(text) < 2**31):
            notices.append(f"Ignored “batch={_shown(text)}”: use a batch number (see the Batches page).")
        elif index is not None and not batch_mask(index, int(text)).any():
            notices.append(f"Batch {int(text)} has no events (it may have been undone).")
        else:
            filters = replace(filters, batch=int(text))

    view = ViewState(filters=filters, compare=compare)
    for key, attr, allowed in (
        ("group", "group_by", GROUPINGS),
        ("map", "map_view", MAP_VIEWS),
        ("step", "step", STEPS),
        ("play", "play", PLAY_MODES),
    ):
        text = single(key)
        if text is None:
            continue
        if text in allowed:
            view = replace(view, **{attr: text})  # type: ignore[arg-type]  # attr names a str field
        else:
            notices.append(f"Ignored “{key}={_shown(text)}”: use one of {', '.join(allowed)}.")
    text = single("window")
    if text is not None:
        if text.isdigit() and 1 <= int(text) <= 100:
            view = replace(view, window=int(text))
        else:
            notices.append(f"Ignored “window={_shown(text)}”: use a whole number from 1 to 100.")
    eras = []
    for text in values.get("era", [])[:MAX_ERAS]:
        try:
            eras.append(parse_era(text))
        except ValueError as exc:
            notices.append(f"Ignored the era “{_shown(text)}”: {exc}.")
    view = replace(view, eras=tuple(eras))
    event = single("event")
    if event is not None:
        if index is None or index.has_event(event):
            view = replace(view, event=event)
        else:
            notices.append(f"The linked event “{_shown(event)}” is not in the data (it may have been removed).")
    place = single("place")
    if place is not None:
        if parse_place(place) is not None:
            view = replace(view, place=place)
        else:
            notices.append(f"Ignored “place={_shown(place)}”: not a place on the map.")
    text = single("period")
    if text is not None:
        try:
            view = replace(view, period=replace(parse_era(text), label=""))
        except ValueError as exc:
            notices.append(f"Ignored the period “{_shown(text)}”: {exc}.")
    thread = single("thread")
    if thread is not None:
        if index is None or index.has_event(thread):
            view = replace(view, thread=thread)
        else:
            notices.append(f"The storyline's event “{_shown(thread)}” is not in the data (it may have been removed).")
    return view, notices


def _iso3_like(values: list[str]) -> list[str]:
    return [v for v in values if len(v) == 3 and v.isalpha() and v.isupper()]


# ---------------------------------------------------------------- places on the map

_PLACE = re.compile(r"(?P<lat>-?\d{1,2}(?:\.\d{1,4})?),(?P<lon>-?\d{1,3}(?:\.\d{1,4})?)")


def place_key(lat: float, lon: float) -> str:
    """The link form of a map position: place_key(43.07182, -70.7626) -> '43.072,-70.763'."""
    return f"{lat:.3f},{lon:.3f}"


def parse_place(text: str) -> tuple[str, float, float] | tuple[str, str] | None:
    """('latlon', lat, lon) for '43.072,-70.763'; ('country', 'JPN') for 'country:JPN'; None if neither."""
    if text.startswith("country:"):
        code = text[len("country:") :]
        return ("country", code) if len(code) == 3 and code.isalpha() and code.isupper() else None
    match = _PLACE.fullmatch(text)
    if not match:
        return None
    lat, lon = float(match["lat"]), float(match["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return ("latlon", lat, lon)
