"""Suggest which column of an unfamiliar file holds which event field, from its header and its values.

Suggestions are shown to the user, who confirms or changes them; nothing is imported on a guess.
Each one carries its reason ("the header says 'Event date'", "its values look like dates").
"""

from __future__ import annotations

from collections.abc import Callable

from diplotime import schema
from diplotime.formats.codes import to_alpha3
from diplotime.schema import HEADER_SYNONYMS, header_key, normalise_event_type
from diplotime.text import is_http_url
from diplotime.validate import dates
from diplotime.validate.recipes import parse_coordinate

LIKELY = 0.6  # share of a column's sample values that must fit for a suggestion from the values
# Plain question words people use as headers, beside the event table's synonyms.
QUESTION_WORDS = {"when": "date", "what": "title", "what happened": "title", "who": "actors", "where": "location"}
# Header synonyms longest first, so 'country code' wins over 'country' inside 'country code (ISO)'.
_WORDS = sorted(
    ((header_key(s), f) for f, syns in HEADER_SYNONYMS.items() for s in syns), key=lambda pair: -len(pair[0])
)


def header_field(header: str) -> str | None:
    """The field a header names inside longer wording: header_field('Date of meeting') -> 'date'."""
    key = header_key(header)
    if key in QUESTION_WORDS:
        return QUESTION_WORDS[key]
    words = f" {key} "
    for synonym, fld in _WORDS:
        if len(synonym) >= 3 and f" {synonym} " in words:
            return fld
    return None


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    if not values:
        return 0.0
    return sum(1 for v in values if _safe(test, v)) / len(values)


def _safe(test: Callable[[str], bool], value: str) -> bool:
    try:
        return bool(test(value))
    except ValueError:
        return False


def looks_like_date(value: str) -> bool:
    """True for '22 Jan 2019', '2019-01-22', '03/04/2019' or a year such as '1855' (not '42' or '123456')."""
    if value.isdigit() and not (len(value) == 4 and 1000 <= int(value) <= 2100):
        return False
    dates.parse_any_date(value, "dmy")
    return True


def looks_like_type(value: str) -> bool:
    label, known = normalise_event_type(value)
    return known and label != "other"


def looks_like_countries(value: str) -> bool:
    return all(to_alpha3(part) for part in value.split(schema.LIST_SEPARATOR) if part.strip())


def looks_like_number(kind: str) -> Callable[[str], bool]:
    return lambda value: parse_coordinate(value, kind) is not None and not value.strip().isdigit()


def looks_like_title(values: list[str]) -> bool:
    """Mostly distinct text of headline length, not numbers, dates or links."""
    if not values:
        return False
    texts = [v for v in values if any(ch.isalpha() for ch in v) and not is_http_url(v)]
    mean = sum(len(v) for v in texts) / max(len(texts), 1)
    return (
        len(texts) >= 0.8 * len(values)
        and 8 <= mean <= schema.BY_NAME["title"].max_length
        and len(set(texts)) >= 0.8 * len(texts)
    )


VALUE_TESTS: tuple[tuple[str, Callable[[str], bool], str], ...] = (
    ("date", looks_like_date, "its values look like dates"),
    ("event_type", looks_like_type, "its values are event types"),
    ("countries", looks_like_countries, "its values are countries"),
    ("source", is_http_url, "its values are web links"),
)


def suggest_fields(
    headers: list[str],
    samples: dict[str, list[str]],
    by_name: dict[str, str] | None = None,
) -> dict[str, tuple[str, str]]:
    """Event field -> (file column, reason). ``by_name`` is the exact header mapping (header -> field)."""
    chosen: dict[str, tuple[str, str]] = {}
    for header, fld in (by_name or {}).items():
        chosen.setdefault(fld, (header, f"the header “{header}” names it"))
    taken = {header for header, _ in chosen.values()}
    for header in headers:
        named = header_field(header)
        if named and named not in chosen and header not in taken:
            chosen[named] = (header, f"the header “{header}” mentions it")
            taken.add(header)
    for fld, test, reason in VALUE_TESTS:
        if fld in chosen:
            continue
        for header in headers:
            if header not in taken and _share(samples.get(header, []), test) >= LIKELY:
                chosen[fld] = (header, reason)
                taken.add(header)
                break
    if "title" not in chosen:
        for header in headers:
            if header not in taken and looks_like_title(samples.get(header, [])):
                chosen["title"] = (header, "its values read like headlines")
                break
    return chosen
