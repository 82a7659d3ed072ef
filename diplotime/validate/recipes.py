"""Parsing recipes: small, pure functions with an explicit policy for bad input.

Each one either returns a normalised value or raises ``ValueError`` whose message is written for the
person who owns the file (validation turns it into a row/column report).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import pycountry

from diplotime import schema

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def parse_date(value: str) -> PartialDate:
    """Parse a date as a file gives it, keeping its precision: parse_date('1875') -> PartialDate(1875).

    Accepts ISO forms and the spreadsheet forms of :mod:`diplotime.dates`. A missing part is never
    filled in from today's date.
    """
    from diplotime import dates  # local import: dates builds on this module

    return dates.parse_any_date(value)


def clean_text(value: str) -> str:
    """Drop bidi-override controls, strip, NFC-normalise: clean_text(' e\u0301 ') -> 'é'."""
    text = _BIDI.sub("", value) if _BIDI.search(value) else value
    return unicodedata.normalize("NFC", text.strip())


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _key(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


@functools.lru_cache(maxsize=4096)
def normalise_event_type(value: str) -> tuple[str, bool]:
    """Map a label onto the vocabulary; returns (type, known): ('Rally', ) -> ('protest', True).

    Unknown labels give ('other', False) so the caller can warn.
    """
    key = _key(value)
    if not key:
        return "other", True
    underscored = key.replace(" ", "_")
    if underscored in schema.EVENT_TYPES:
        return underscored, True
    if key in schema.EVENT_TYPE_SYNONYMS:
        return schema.EVENT_TYPE_SYNONYMS[key], True
    return "other", False


@functools.lru_cache(maxsize=4096)
def to_alpha3(value: str) -> str:
    """Country name, alpha-2 or alpha-3 code -> ISO 3166-1 alpha-3: to_alpha3('Soviet Union') -> 'RUS'.

    Historical states follow the convention in ``schema.HISTORICAL_COUNTRIES``. Raises ValueError
    for anything not recognised (never a fuzzy guess).
    """
    text = value.strip()
    if not text:
        raise ValueError("country is empty")
    if len(text) > 80:
        raise ValueError("not a country (too long)")
    key = _key(text)
    if key in schema.HISTORICAL_COUNTRIES:
        return schema.HISTORICAL_COUNTRIES[key]
    if len(text) == 3 and text.isalpha():
        country = pycountry.countries.get(alpha_3=text.upper())
        if country is not None:
            return str(country.alpha_3)
    if len(text) == 2 and text.isalpha():
        country = pycountry.countries.get(alpha_2=text.upper())
        if country is not None:
            return str(country.alpha_3)
    if len(text) > 3:
        try:
            return str(pycountry.countries.lookup(text).alpha_3)
        except LookupError:
            pass
    raise ValueError(f"unknown country {text!r}: use an ISO 3166-1 code or an English name")


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell, dropping empty items: split_list('Abe; Putin;') -> ['Abe', 'Putin']."""
    return [item.strip() for item in value.split(schema.LIST_SEPARATOR) if item.strip()]


def parse_coordinate(value: str, kind: str) -> float | None:
    """Parse a latitude ('lat') or longitude ('lon'); '' -> None: parse_coordinate('55,75', 'lat') -> 55.75."""
    text = value.strip()
    if not text:
        return None
    if len(text) > 40:
        raise ValueError(f"not a number (too long) for {kind}")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # decimal comma, as Russian and German spreadsheets write it
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"not a number: {value.strip()[:40]!r}") from None
    limit = 90.0 if kind == "lat" else 180.0
    if not -limit <= number <= limit:
        word = "latitude" if kind == "lat" else "longitude"
        raise ValueError(f"{word} {number:g} is outside -{limit:g}..{limit:g}")
    return number


def is_http_url(value: str) -> bool:
    """True only for an http(s) URL with a host: is_http_url('javascript:alert(1)') -> False."""
    text = value.strip()
    if not text or len(text) > 2000 or any(ord(ch) < 33 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
