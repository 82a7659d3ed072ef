"""Display names for codes: event types and ISO 3166-1 alpha-3 countries, and date labels.

>>> type_label("ministerial_talks")
'Ministerial talks'
>>> country_name("RUS")
'Russia'
"""

from __future__ import annotations

import functools

import pycountry

from diplotime import schema
from diplotime.validate.dates import parse_iso_date

# Short names people use in meetings; pycountry's official forms ("Korea, Republic of") read badly.
_SHORT_COUNTRY_NAMES = {
    "RUS": "Russia",
    "USA": "United States",
    "GBR": "United Kingdom",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "TWN": "Taiwan",
    "IRN": "Iran",
    "SYR": "Syria",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "CZE": "Czechia",
    "TUR": "Türkiye",
    "FSM": "Micronesia",
    "COD": "DR Congo",
    "COG": "Congo",
    "SUN": "Soviet Union",
    "CSK": "Czechoslovakia",
    "YUG": "Yugoslavia",
    "DDR": "East Germany",
}


def type_label(event_type: str) -> str:
    """'press_conference' -> 'Press conference'; unknown codes are shown as they are."""
    if event_type in schema.EVENT_TYPES:
        return event_type.replace("_", " ").capitalize()
    return event_type


@functools.lru_cache(maxsize=4096)
def country_name(code: str) -> str:
    """ISO alpha-3 -> short English name; an unknown code is returned unchanged."""
    code = code.strip().upper()
    if code in _SHORT_COUNTRY_NAMES:
        return _SHORT_COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def country_names(joined: str) -> str:
    """'RUS;JPN' -> 'Russia, Japan'."""
    return ", ".join(country_name(c) for c in split(joined))


def split(joined: str) -> list[str]:
    """A ';'-joined store cell as a list: 'Abe;Putin' -> ['Abe', 'Putin']."""
    if not joined:
        return []
    return [item.strip() for item in joined.split(schema.LIST_SEPARATOR) if item.strip()]


def date_label(date: str, end_date: str = "") -> str:
    """The date as the source gave it: ('1875', '') -> '1875'; ('1945-08-18', '1945-09-02') -> '18 Aug – 2 Sep 1945'."""
    start = _label(date)
    if not end_date or end_date == date:
        return start
    end = _label(end_date)
    s_parts, e_parts = start.split(" "), end.split(" ")
    if len(s_parts) == 3 and len(e_parts) == 3 and s_parts[2] == e_parts[2]:
        if s_parts[1] == e_parts[1]:
            return f"{s_parts[0]}–{end}"
        return f"{s_parts[0]} {s_parts[1]} – {end}"
    return f"{start} – {end}"


@functools.lru_cache(maxsize=65536)
def _label(iso: str) -> str:
    try:
        return parse_iso_date(iso).label()
    except ValueError:
        return iso
