"""Dates as spreadsheets and people write them, with the precision they give.

``parse_any_date(value, order)`` accepts ISO, ``dd.mm.yyyy``, ``dd/mm/yyyy`` or ``mm/dd/yyyy`` (the
order is chosen per column by ``decide_order``), ``yyyy/mm/dd``, English, Russian and Japanese month
names, and keeps year-only and year-month values at their precision. Nothing is filled from today.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from diplotime.parse import PartialDate, make_date, parse_iso_date

ORDERS = ("dmy", "mdy")

_EN_MONTHS = {
    name: i
    for i, names in enumerate(
        [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for name in names
}
# Russian month names in the nominative ("январь 2019") and genitive ("22 января 2019") cases,
# plus the usual abbreviations.
_RU_MONTHS = {
    name: i
    for i, names in enumerate(
        [(), ("январь", "января", "янв"), ("февраль", "февраля", "фев"), ("март", "марта", "мар"),
         ("апрель", "апреля", "апр"), ("май", "мая"), ("июнь", "июня", "июн"),
         ("июль", "июля", "июл"), ("август", "августа", "авг"),
         ("сентябрь", "сентября", "сен", "сент"), ("октябрь", "октября", "окт"),
         ("ноябрь", "ноября", "ноя", "нояб"), ("декабрь", "декабря", "дек")]
    )
    for name in names
}
_MONTHS = {**_EN_MONTHS, **_RU_MONTHS}

_NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})(?:\2(\d{1,4}))?")
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})", re.UNICODE)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{1,4})", re.UNICODE)
_MONTH_YEAR = re.compile(r"([^\W\d_]+)\.?,?\s+(\d{1,4})", re.UNICODE)
_JAPANESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_JAPANESE_ERA = re.compile(r"(明治|大正|昭和|平成|令和|安政|慶応|元治|文久|万延)")
_RU_YEAR_SUFFIX = re.compile(r"\s*(г\.?|года|год)$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")

MAX_DATE_TEXT = 40


class AmbiguousOrder(ValueError):
    """A dd/mm or mm/dd date whose order the column does not decide."""


def _year(text: str) -> int:
    if len(text) <= 2:
        raise ValueError(f"two-digit year {text!r} is ambiguous: write the year in full")
    if len(text) != 4:
        raise ValueError(f"the year must have four digits: {text!r}")
    return int(text)


def _month_name(word: str) -> int:
    month = _MONTHS.get(word.casefold().rstrip("."))
    if month is None:
        raise ValueError(f"unknown month name {word!r}")
    return month


def split_numeric(text: str) -> tuple[int, int] | None:
    """First two numbers of an ``a/b/yyyy`` date, or None when the form is not day-month-year."""
    match = _NUMERIC.fullmatch(text.strip())
    if not match or match[4] is None or len(match[1]) > 2 or match[2] == "-":
        return None
    return int(match[1]), int(match[3])


def decide_order(values: Iterable[str]) -> tuple[str | None, bool]:
    """Choose 'dmy' or 'mdy' for a column from its unambiguous values.

    Returns (order, needed): ``needed`` is True when the column holds a/b/yyyy dates with a slash or
    dash at all. Dotted dates (dd.mm.yyyy) are always day-first and do not vote.
    decide_order(['22/01/2019', '03/04/2019']) -> ('dmy', True)
    """
    votes = {"dmy": 0, "mdy": 0}
    needed = False
    for value in values:
        text = value.strip()
        if "/" not in text and "-" not in text:
            continue
        pair = split_numeric(text)
        if pair is None:
            continue
        needed = True
        first, second = pair
        if first > 12 >= second:
            votes["dmy"] += 1
        elif second > 12 >= first:
            votes["mdy"] += 1
    if votes["dmy"] and votes["mdy"]:
        raise ValueError(
            f"the column mixes day-first ({votes['dmy']} values) and month-first "
            f"({votes['mdy']} values) dates"
        )
    if votes["dmy"]:
        return "dmy", needed
    if votes["mdy"]:
        return "mdy", needed
    return None, needed


@functools.lru_cache(maxsize=131072)
def parse_any_date(value: str, order: str | None = None) -> PartialDate:
    """Parse a date in any supported form, keeping its precision.

    parse_any_date('22 января 2019') -> PartialDate(2019, 1, 22);
    parse_any_date('03/04/2019') raises AmbiguousOrder unless order is 'dmy' or 'mdy'.
    """
    text = value.strip()
    if not text:
        raise ValueError("date is empty")
    if len(text) > MAX_DATE_TEXT:
        raise ValueError("not a date (too long)")
    if text[0].isdigit() and ("-" in text[1:] or len(text) <= 4) and _looks_iso(text):
        return parse_iso_date(text)
    if _JAPANESE_ERA.search(text):
        raise ValueError(
            f"non-Gregorian (Japanese era) date {text!r}: give the Gregorian date in ISO form"
        )
    if match := _JAPANESE.fullmatch(text):
        return make_date(int(match[1]), _int(match[2]), _int(match[3]))
    text = _RU_YEAR_SUFFIX.sub("", text)
    if match := _COMPACT.fullmatch(text):
        return make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        return _numeric(match, order, text)
    if match := _DAY_FIRST.fullmatch(text):
        return make_date(_year(match[3]), _month_name(match[2]), int(match[1]))
    if match := _MONTH_FIRST.fullmatch(text):
        return make_date(_year(match[3]), _month_name(match[1]), int(match[2]))
    if match := _MONTH_YEAR.fullmatch(text):
        return make_date(_year(match[2]), _month_name(match[1]))
    if text.isdigit() and len(text) <= 2:
        raise ValueError(f"two-digit year {text!r} is ambiguous: write the year in full")
    raise ValueError(f"not a recognised date: {text!r}")


def _looks_iso(text: str) -> bool:
    head = text.split("-", 1)[0].split("T", 1)[0]
    return head.isdigit() and len(head) == 4


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _numeric(match: re.Match[str], order: str | None, text: str) -> PartialDate:
    a, sep, b, c = match[1], match[2], match[3], match[4]
    if c is None:  # mm/yyyy or yyyy/mm
        if len(a) == 4:
            return make_date(int(a), int(b))
        if len(a) <= 2 and len(b) == 4:
            raise ValueError(f"not a recognised date: {text!r}")
        raise ValueError(f"not a recognised date: {text!r}")
    if len(a) == 4:  # yyyy/mm/dd or yyyy.mm.dd
        return make_date(int(a), int(b), _strict_day(c))
    year = _year(c)
    first, second = int(a), int(b)
    if sep == ".":  # dd.mm.yyyy is day-first wherever it is written
        return make_date(year, second, first)
    if first > 12 and second <= 12:
        return make_date(year, second, first)
    if second > 12 and first <= 12:
        return make_date(year, first, second)
    if first == second:
        return make_date(year, first, second)
    if order == "dmy":
        return make_date(year, second, first)
    if order == "mdy":
        return make_date(year, first, second)
    raise AmbiguousOrder(
        f"{text!r} could be day/month or month/day: choose --dayfirst or --monthfirst"
    )


def _strict_day(text: str) -> int:
    if len(text) > 2:
        raise ValueError(f"not a recognised day: {text!r}")
    return int(text)
