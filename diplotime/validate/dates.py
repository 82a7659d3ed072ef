"""Dates as spreadsheets and people write them, with the precision they give.

``parse_any_date(value, order)`` accepts ISO, ``dd.mm.yyyy``, ``dd/mm/yyyy`` or ``mm/dd/yyyy`` (the
order is chosen per column by ``decide_order``), ``yyyy/mm/dd``, ``mm/yyyy``, English and Russian
month names (``22 Jan 2019``, ``January 22nd, 2019``, ``22-Apr-2019``, ``22 января 2019 г.``), Japanese
``2019年1月22日`` (full-width digits too), a leading weekday and a trailing time of day. Year-only and
year-month values keep their precision. Nothing is filled from today; two-digit years, Japanese era
years, Julian (Old Style) dates, BCE years and date ranges are refused with a message saying what to
write instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from diplotime import schema
from diplotime.errors import AmbiguousDateOrder
from diplotime.read.xlsx import excel_day

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ORDERS = ("dmy", "mdy")
ORDER_NAMES = {"dmy": "day first (dd/mm/yyyy)", "mdy": "month first (mm/dd/yyyy)"}

_EN_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
# Russian month names in the nominative ("январь 2019") and genitive ("22 января 2019") cases,
# plus the usual abbreviations.
_RU_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("январь", "января", "янв"),
            ("февраль", "февраля", "фев", "февр"),
            ("март", "марта", "мар"),
            ("апрель", "апреля", "апр"),
            ("май", "мая"),
            ("июнь", "июня", "июн"),
            ("июль", "июля", "июл"),
            ("август", "августа", "авг"),
            ("сентябрь", "сентября", "сен", "сент"),
            ("октябрь", "октября", "окт"),
            ("ноябрь", "ноября", "ноя", "нояб"),
            ("декабрь", "декабря", "дек"),
        ]
    )
    for name in names
}
_MONTHS = {**_EN_MONTHS, **_RU_MONTHS}
_WEEKDAYS = (
    "monday|mon|tuesday|tue|tues|wednesday|wed|thursday|thu|thur|thurs|friday|fri|saturday|sat|sunday|sun|"
    "понедельник|пн|вторник|вт|среда|ср|четверг|чт|пятница|пт|суббота|сб|воскресенье|вс"
)

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2}|\d{4})(?:\2(\d{1,4}))?")
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+of)?(?:\s+|-)([^\W\d_]+)\.?,?(?:\s+|-)(\d{1,4})")
_MONTH_YEAR = re.compile(r"([^\W\d_]+)\.?,?(?:\s+|-)(\d{1,4})")
_JAPANESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_JAPANESE_ERA = re.compile(r"(明治|大正|昭和|平成|令和|安政|慶応|元治|文久|万延|嘉永|天保)")
_RU_YEAR_SUFFIX = re.compile(r"\s*(г\.?|гг\.?|года|год)$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WEEKDAY = re.compile(rf"^(?:{_WEEKDAYS})\.?,?\s+", re.IGNORECASE)
_PAREN_WEEKDAY = re.compile(r"\s*[(（][^)）]{1,4}[)）]$")  # 2019年1月22日（火）
_TIME = re.compile(
    r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$",
    re.IGNORECASE,
)
_OLD_STYLE = re.compile(r"\b(o\.\s?s\.|old style|julian)|ст\.\s?ст\.|по старому стилю", re.IGNORECASE)
_NEW_STYLE = re.compile(r"\s*\(?\b(n\.\s?s\.|new style)\)?$", re.IGNORECASE)
_BCE = re.compile(r"\b(bce?|b\.c\.(e\.)?|до н\.\s?э\.)$", re.IGNORECASE)
_CIRCA = re.compile(r"^(c\.|ca\.|circa|около|ок\.|about|approx\.?)\s", re.IGNORECASE)
_RANGE = re.compile(r"\d\s*[–—]\s*\d|\d\s+-\s+\d|\d-\d{1,2}\s+[^\W\d_]|\bto\b|\bbis\b")
_RANGE_MESSAGE = "{text!r} looks like a date range: put the first day in date and the last in end_date"
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")

MAX_DATE_TEXT = 40


@dataclass(frozen=True, order=True)
class PartialDate:
    """A Gregorian date known to the day, the month or only the year.

    >>> PartialDate(1945, 8).label()
    'Aug 1945'
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """ISO text cut to the precision: '1875', '1945-08', '2019-01-22'."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def start(self) -> dt.date:
        """First day of the span the date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> dt.date:
        """Last day of the span the date covers (the day itself for day precision)."""
        if self.day is not None:
            return self.start()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label(self) -> str:
        """Human label at the given precision: '1875', 'Aug 1945', '22 Jan 2019'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTH_ABBR[self.month]} {self.year}"
        return f"{self.day} {MONTH_ABBR[self.month]} {self.year}"

    def truncate(self, precision: str) -> PartialDate:
        """The same date at a coarser precision: PartialDate(1945, 8, 9).truncate('month') -> 1945-08."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self


_ISO = re.compile(
    r"(?P<y>[+-]?\d{1,6})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def make_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    """Build a PartialDate, checking the calendar: make_date(1855, 2, 30) raises ValueError."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is outside 1–9999 (years before the common era are not supported)")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"day {day} does not exist in {MONTH_ABBR[month]} {year}")
    return PartialDate(year, month, day)


@functools.lru_cache(maxsize=65536)
def parse_iso_date(value: str) -> PartialDate:
    """Parse an ISO date and keep its precision: parse_iso_date('1945-08') -> PartialDate(1945, 8).

    A time of day, if present, is dropped (events are dated to the day).
    """
    text = value.strip()
    if not text:
        raise ValueError("date is empty")
    if len(text) > schema.BY_NAME["date"].max_length:
        raise ValueError("not a date (too long)")
    match = _ISO.fullmatch(text)
    if not match:
        raise ValueError(f"not a date in the form YYYY, YYYY-MM or YYYY-MM-DD: {text[:40]!r}")
    year_text = match["y"]
    if year_text.startswith(("-", "+")) or year_text.lstrip("0") == "":
        raise ValueError("years before the common era (or year 0) are not supported")
    if len(year_text) != 4:
        if len(year_text) <= 2:
            raise ValueError(f"two-digit year {year_text!r} is ambiguous: write the year in full")
        raise ValueError(f"the year must have four digits: {year_text!r}")
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    return make_date(int(year_text), month, day)


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


def excel_serial(value: float, epoch_1904: bool = False) -> PartialDate:
    """An Excel serial day number as a day-precision date: excel_serial(43487).iso() -> '2019-01-22'."""
    day = excel_day(value, epoch_1904)
    return make_date(day.year, day.month, day.day)


def strip_time(text: str) -> str:
    return _TIME.sub("", text) if ":" in text else text


def _normalise(text: str) -> str:
    """Full-width digits, weekday names, times of day and 'г.'/'N.S.' suffixes removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _PAREN_WEEKDAY.sub("", text)
    text = strip_time(text)
    if text[:1].isalpha():
        text = _WEEKDAY.sub("", text)
    text = _NEW_STYLE.sub("", text)
    if not text.isascii():
        text = _RU_YEAR_SUFFIX.sub("", text)
    return text.strip()


@functools.lru_cache(maxsize=131072)
def parse_any_date(value: str, order: str | None = None) -> PartialDate:
    """Parse a date in any supported form, keeping its precision.

    parse_any_date('22 января 2019') -> PartialDate(2019, 1, 22);
    parse_any_date('03/04/2019') raises AmbiguousDateOrder unless order is 'dmy' or 'mdy'.
    """
    text = value.strip()
    if not text:
        raise ValueError("date is empty")
    if len(text) > MAX_DATE_TEXT:
        raise ValueError("not a date (too long)")
    if (match := _DOTTED.fullmatch(text)) and int(match[1]) and int(match[2]):
        return make_date(int(match[3]), int(match[2]), int(match[1]))  # dd.mm.yyyy, the commonest other form
    if text[0].isdigit() and ("-" in text[1:] or len(text) <= 4) and _looks_iso(text):
        try:
            return parse_iso_date(text)
        except ValueError:
            if _RANGE.search(text):
                raise ValueError(_RANGE_MESSAGE.format(text=text)) from None
            raise
    if text[0] in "+-" and text[1:2].isdigit():
        return parse_iso_date(text)  # a signed (BCE) year: refused there with the reason
    _refuse_non_gregorian(text)
    text = _normalise(text)
    if not text:
        raise ValueError(f"not a recognised date: {value.strip()!r}")
    if text[0].isdigit() and ("-" in text[1:] or len(text) <= 4) and _looks_iso(text):
        return parse_iso_date(text)
    if match := _JAPANESE.fullmatch(text):
        return make_date(int(match[1]), _int(match[2]), _int(match[3]))
    if match := _COMPACT.fullmatch(text):
        return make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := NUMERIC.fullmatch(text):
        return _numeric(match, order, text)
    if match := _DAY_FIRST.fullmatch(text):
        return make_date(_year(match[3]), _month_name(match[2]), int(match[1]))
    if match := _MONTH_FIRST.fullmatch(text):
        return make_date(_year(match[3]), _month_name(match[1]), int(match[2]))
    if match := _MONTH_YEAR.fullmatch(text):
        return make_date(_year(match[2]), _month_name(match[1]))
    raise ValueError(_unrecognised(text))


def _refuse_non_gregorian(text: str) -> None:
    if _JAPANESE_ERA.search(text):
        raise ValueError(f"non-Gregorian (Japanese era) date {text!r}: give the Gregorian date in ISO form")
    if _OLD_STYLE.search(text):
        raise ValueError(f"Julian (Old Style) date {text!r}: give the Gregorian date in ISO form")
    if _BCE.search(text):
        raise ValueError("years before the common era are not supported")
    if _CIRCA.match(text):
        raise ValueError(f"approximate date {text!r}: give the year (or year-month) the source supports")
    if _RANGE.search(text):
        raise ValueError(_RANGE_MESSAGE.format(text=text))


def _unrecognised(text: str) -> str:
    if _SERIAL.fullmatch(text):
        try:
            day = excel_serial(float(text))
        except ValueError:
            pass
        else:
            return (
                f"{text!r} looks like an Excel serial day number ({day.iso()}): format the column as "
                "dates in the spreadsheet, or write the date as YYYY-MM-DD"
            )
    if text.isdigit() and len(text) <= 2:
        return f"two-digit year {text!r} is ambiguous: write the year in full"
    return f"not a recognised date: {text!r}"


def _looks_iso(text: str) -> bool:
    head = text.split("-", 1)[0].split("T", 1)[0]
    return head.isdigit() and len(head) == 4


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _numeric(match: re.Match[str], order: str | None, text: str) -> PartialDate:
    a, sep, b, c = match[1], match[2], match[3], match[4]
    if c is None:  # mm/yyyy, mm.yyyy or yyyy/mm
        if len(a) == 4 and len(b) <= 2:
            return make_date(int(a), int(b))
        if len(a) <= 2 and len(b) == 4:
            return make_date(int(b), int(a))
        raise ValueError(_unrecognised(text))
    if len(b) > 2:
        raise ValueError(_unrecognised(text))
    if len(a) == 4:  # yyyy/mm/dd or yyyy.mm.dd
        return make_date(int(a), int(b), _strict_day(c))
    if len(a) == 3:
        raise ValueError(_unrecognised(text))
    year = _year(c)
    first, second = int(a), int(b)
    if not first or not second:
        raise ValueError(f"not a valid date: {text!r} (day and month start at 1)")
    if sep == ".":  # dd.mm.yyyy is day-first wherever it is written
        return make_date(year, second, first)
    if first > 12 and second <= 12:
        _check_order(order, "dmy", text)
        return make_date(year, second, first)
    if second > 12 and first <= 12:
        _check_order(order, "mdy", text)
        return make_date(year, first, second)
    if first == second or order == "dmy":
        return make_date(year, second, first)
    if order == "mdy":
        return make_date(year, first, second)
    raise AmbiguousDateOrder(f"{text!r} could be day/month or month/day: choose --dayfirst or --monthfirst")


def _check_order(order: str | None, only: str, text: str) -> None:
    if order is not None and order != only:
        raise ValueError(
            f"{text!r} can only be read {ORDER_NAMES[only]}, but dates are being read "
            f"{ORDER_NAMES[order]}: check this date"
        )


def _strict_day(text: str) -> int:
    if len(text) > 2:
        raise ValueError(f"not a recognised day: {text!r}")
    return int(text)
