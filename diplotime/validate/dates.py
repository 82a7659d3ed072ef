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

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from diplotime.parse import PartialDate, make_date, parse_iso_date

ORDERS = ("dmy", "mdy")
ORDER_NAMES = {"dmy": "day first (dd/mm/yyyy)", "mdy": "month first (mm/dd/yyyy)"}

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
        [(), ("январь", "января", "янв"), ("февраль", "февраля", "фев", "февр"), ("март", "марта", "мар"),
         ("апрель", "апреля", "апр"), ("май", "мая"), ("июнь", "июня", "июн"),
         ("июль", "июля", "июл"), ("август", "августа", "авг"),
         ("сентябрь", "сентября", "сен", "сент"), ("октябрь", "октября", "окт"),
         ("ноябрь", "ноября", "ноя", "нояб"), ("декабрь", "декабря", "дек")]
    )
    for name in names
}
_MONTHS = {**_EN_MONTHS, **_RU_MONTHS}
_WEEKDAYS = (
    "monday|mon|tuesday|tue|tues|wednesday|wed|thursday|thu|thur|thurs|friday|fri|saturday|sat|sunday|sun|"
    "понедельник|пн|вторник|вт|среда|ср|четверг|чт|пятница|пт|суббота|сб|воскресенье|вс"
)

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2}|\d{4})(?:\2(\d{1,4}))?")
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+of)?(?:\s+|-)([^\W\d_]+)\.?,?(?:\s+|-)(\d{1,4})")
_MONTH_YEAR = re.compile(r"([^\W\d_]+)\.?,?(?:\s+|-)(\d{1,4})")
_JAPANESE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_JAPANESE_ERA = re.compile(r"(明治|大正|昭和|平成|令和|安政|慶応|元治|文久|万延|嘉永|天保)")
_RU_YEAR_SUFFIX = re.compile(r"\s*(г\.?|гг\.?|года|год)$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WEEKDAY = re.compile(rf"^(?:{_WEEKDAYS})\.?,?\s+", re.IGNORECASE)
_PAREN_WEEKDAY = re.compile(r"\s*[(（][^)）]{1,4}[)）]$")  # 2019年1月22日（火）
_TIME = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$",
                   re.IGNORECASE)
_OLD_STYLE = re.compile(r"\b(o\.\s?s\.|old style|julian)|ст\.\s?ст\.|по старому стилю", re.IGNORECASE)
_NEW_STYLE = re.compile(r"\s*\(?\b(n\.\s?s\.|new style)\)?$", re.IGNORECASE)
_BCE = re.compile(r"\b(bce?|b\.c\.(e\.)?|до н\.\s?э\.)$", re.IGNORECASE)
_CIRCA = re.compile(r"^(c\.|ca\.|circa|около|ок\.|about|approx\.?)\s", re.IGNORECASE)
_RANGE = re.compile(r"\d\s*[–—]\s*\d|\d\s+-\s+\d|\d-\d{1,2}\s+[^\W\d_]|\bto\b|\bbis\b")
_RANGE_MESSAGE = "{text!r} looks like a date range: put the first day in date and the last in end_date"
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")

MAX_DATE_TEXT = 40
EXCEL_1900 = dt.date(1899, 12, 30)  # serial 61 is 1900-03-01 once Excel's phantom 1900-02-29 is skipped
EXCEL_1904 = dt.date(1904, 1, 1)


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
    """First two numbers of an ``a/b/yyyy`` or ``a-b-yyyy`` date, else None: split_numeric('22/01/2019') -> (22, 1)."""
    match = _NUMERIC.fullmatch(text.strip())
    if not match or match[4] is None or len(match[1]) > 2 or len(match[3]) > 2 or len(match[4]) != 4 \
            or match[2] == ".":
        return None
    return int(match[1]), int(match[3])


@dataclass(frozen=True)
class OrderDecision:
    """How a column's dd/mm vs mm/dd order was settled, for the report."""

    order: str | None  # 'dmy' | 'mdy' | None
    ambiguous: int = 0  # values like 03/04/2019 that the order decides
    day_first: int = 0  # values that only make sense day-first (22/01/2019)
    month_first: int = 0  # values that only make sense month-first (01/22/2019)
    example: str = ""  # one deciding value

    @property
    def mixed(self) -> bool:
        return bool(self.day_first and self.month_first)

    @property
    def needed(self) -> bool:
        """The order matters: some value reads differently day-first and month-first, or the column mixes both."""
        return bool(self.ambiguous) or self.mixed

    def explain(self) -> str:
        """One sentence for the report: decide_order(['22/01/2019']).explain() -> 'dates read day first …'."""
        if self.mixed:
            return (f"the date column mixes day-first ({self.day_first} values) and month-first "
                    f"({self.month_first} values) dates, so dates like 03/04/2019 cannot be read: "
                    "check the file, then choose --dayfirst or --monthfirst")
        if self.order:
            count = self.day_first or self.month_first
            return (f"dates read {ORDER_NAMES[self.order]}, decided from {count} value(s) "
                    f"such as {self.example!r} that can only be read that way")
        if self.needed:
            return (f"no date in the file decides between day/month and month/day ({self.ambiguous} value(s) like "
                    "03/04/2019): choose --dayfirst or --monthfirst")
        return ""


def decide_order(values: Iterable[str]) -> tuple[str | None, bool]:
    """(order, needed) for a column: decide_order(['22/01/2019', '03/04/2019']) -> ('dmy', True)."""
    decision = decide_column_order(values)
    return decision.order, decision.needed


def decide_column_order(values: Iterable[str]) -> OrderDecision:
    """Decide 'dmy' or 'mdy' for a column from its values that can only be read one way.

    A column that mixes both kinds decides nothing (each ambiguous value is then reported). Dotted
    dates (dd.mm.yyyy) are always day-first and do not vote.
    decide_column_order(['22/01/2019', '03/04/2019']).order -> 'dmy'
    """
    day_first = month_first = ambiguous = 0
    example = {"dmy": "", "mdy": ""}
    for value in _slashed(values):
        text = value.strip() if isinstance(value, str) else ""
        if ("/" not in text and "-" not in text) or len(text) > MAX_DATE_TEXT:
            continue
        pair = split_numeric(_strip_time(text))
        if pair is None:
            continue
        first, second = pair
        if first > 12 >= second:
            day_first += 1
            example["dmy"] = example["dmy"] or text
        elif second > 12 >= first:
            month_first += 1
            example["mdy"] = example["mdy"] or text
        elif first != second and 0 < first <= 12 and 0 < second <= 12:
            ambiguous += 1
    if day_first and month_first:
        return OrderDecision(None, ambiguous, day_first, month_first)
    if day_first:
        return OrderDecision("dmy", ambiguous, day_first, 0, example["dmy"])
    if month_first:
        return OrderDecision("mdy", ambiguous, 0, month_first, example["mdy"])
    return OrderDecision(None, ambiguous)


def dotted_as_iso(values: pd.Series) -> pd.Series:
    """dd.mm.yyyy and mm.yyyy cells rewritten as ISO by Arrow string kernels, so whole columns are checked as arrays.

    dotted_as_iso(pd.Series(['22.01.2019', '01.2019'])) -> ['2019-01-22', '2019-01']
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(values.astype(pd.StringDtype("pyarrow")).fillna("").array)
    if not pc.any(pc.match_substring(array, ".")).as_py():
        return values  # an ISO column: nothing to rewrite
    changed = False
    for pattern, parts in ((r"^\d{2}\.\d{2}\.\d{4}$", ((6, 10), (3, 5), (0, 2))), (r"^\d{2}\.\d{4}$", ((3, 7), (0, 2)))):
        mask = pc.match_substring_regex(array, pattern)
        if pc.any(mask).as_py():
            pieces = [pc.utf8_slice_codeunits(array, start, stop) for start, stop in parts]
            joined = pc.binary_join_element_wise(*pieces, pa.scalar("-", type=array.type))
            array = pc.if_else(mask, joined, array)
            changed = True
    if not changed:
        return values
    return pd.Series(pd.array(array, dtype=pd.StringDtype("pyarrow")), index=values.index)


def _slashed(values: Iterable[str]) -> list[str]:
    """The distinct values that look like a/b/yyyy; a text Series is filtered by Arrow, not value by value."""
    if isinstance(values, pd.Series):
        import pyarrow as pa
        import pyarrow.compute as pc

        array = pa.array(values.astype(pd.StringDtype("pyarrow")).fillna("").array)
        array = pc.filter(array, pc.match_substring_regex(array, r"^\s*\d{1,2}[/-]\d{1,2}[/-]\d{4}"))
        return [str(v) for v in pc.unique(array).to_pylist()]
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


def excel_serial(value: float, epoch_1904: bool = False) -> PartialDate:
    """An Excel serial day number as a day-precision date: excel_serial(43487) -> 2019-01-22.

    Excel's phantom 29 February 1900 (serial 60) is refused; a time of day is dropped.
    """
    days = int(value)
    if days < 1 or days > 2_958_465:
        raise ValueError(f"{value!r} is not an Excel date serial number")
    if epoch_1904:
        day = EXCEL_1904 + dt.timedelta(days=days)
    elif days == 60:
        raise ValueError("Excel serial 60 is 29 February 1900, a day that does not exist")
    else:
        day = EXCEL_1900 + dt.timedelta(days=days if days > 60 else days + 1)
    return make_date(day.year, day.month, day.day)


def _strip_time(text: str) -> str:
    return _TIME.sub("", text) if ":" in text else text


def _normalise(text: str) -> str:
    """Full-width digits, weekday names, times of day and 'г.'/'N.S.' suffixes removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _PAREN_WEEKDAY.sub("", text)
    text = _strip_time(text)
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
    parse_any_date('03/04/2019') raises AmbiguousOrder unless order is 'dmy' or 'mdy'.
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
    if match := _NUMERIC.fullmatch(text):
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
            return (f"{text!r} looks like an Excel serial day number ({day.iso()}): format the column as "
                    "dates in the spreadsheet, or write the date as YYYY-MM-DD")
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
    raise AmbiguousOrder(f"{text!r} could be day/month or month/day: choose --dayfirst or --monthfirst")


def _check_order(order: str | None, only: str, text: str) -> None:
    if order is not None and order != only:
        raise ValueError(f"{text!r} can only be read {ORDER_NAMES[only]}, but dates are being read "
                         f"{ORDER_NAMES[order]}: check this date")


def _strict_day(text: str) -> int:
    if len(text) > 2:
        raise ValueError(f"not a recognised day: {text!r}")
    return int(text)
