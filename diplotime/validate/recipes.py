"""Parsing recipes for single cells: text, lists and coordinates, each with an explicit policy for bad input.

Each one either returns a normalised value or raises ``ValueError`` whose message is written for the
person who owns the file (validation turns it into a row/column report). Dates are in
:mod:`~diplotime.validate.dates`, countries in :mod:`~diplotime.formats.codes`, event types in
:mod:`~diplotime.schema` and links in :mod:`~diplotime.text`, beside the vocabularies they read.
"""

from __future__ import annotations

import re
import unicodedata

from diplotime import schema


def clean_text(value: str) -> str:
    """Drop bidi-override controls, strip, NFC-normalise: clean_text(' e\u0301 ') -> 'é'."""
    text = _BIDI.sub("", value) if _BIDI.search(value) else value
    return unicodedata.normalize("NFC", text.strip())


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell, dropping empty items: split_list('Abe; Putin;') -> ['Abe', 'Putin']."""
    return [item.strip() for item in value.split(schema.LIST_SEPARATOR) if item.strip()]


def parse_related(value: str) -> str:
    """Links to other events as 'relation:id' items: parse_related('Led to: b; follows:a') -> 'led_to:b;follows:a'.

    Relations are schema.RELATIONS (or their spelled-out forms, 'led to'); a link to the same event twice is kept once.
    """
    links: list[str] = []
    for item in split_list(value):
        relation, colon, target = item.partition(":")
        key = " ".join(relation.strip().casefold().replace("_", " ").replace("-", " ").split())
        name = key.replace(" ", "_") if key.replace(" ", "_") in schema.RELATIONS else schema.RELATION_SYNONYMS.get(key)
        target = target.strip()
        if not colon or not target:
            raise ValueError(f"write each link as relation:id, for example led_to:{item.strip()[:40] or 'ID'}")
        if name is None:
            raise ValueError(f"unknown relation {relation.strip()[:40]!r}: use one of {', '.join(schema.RELATIONS)}")
        if len(target) > schema.BY_NAME["id"].max_length:
            raise ValueError("the linked id is longer than an id can be")
        link = f"{name}:{target}"
        if link not in links:
            links.append(link)
    return schema.LIST_SEPARATOR.join(links)


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
