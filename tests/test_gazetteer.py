"""The offline gazetteer, contested-name aliases and the foreign formats' country codes, as tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diplotime.formats.codes import cameo_to_alpha3, fips_to_alpha3, name_to_alpha3, numeric_to_alpha3
from diplotime.validate.aliases import aliases_array, aliases_of, find_aliases, key_names
from diplotime.validate.gazetteer import fill_coordinates, place_key, resolve


@pytest.mark.parametrize(
    ("location", "countries", "name", "country"),
    [
        ("Moscow", (), "Moscow", "RUS"),  # curated: Moscow, Idaho is not a rival
        ("moscow", (), "Moscow", "RUS"),
        ("Москва", (), "Moscow", "RUS"),
        ("Moscow, Russia", (), "Moscow", "RUS"),
        ("Shimoda", (), "Shimoda", "JPN"),  # exact: never Shimodate
        ("Shimodate", (), "Shimodate", "JPN"),
        ("Etorofu", (), "Iturup", "RUS"),
        ("択捉島", (), "Iturup", "RUS"),
        ("Kunashiri", (), "Kunashir", "RUS"),
        ("Yuzhno Sakhalinsk", (), "Yuzhno-Sakhalinsk", "RUS"),
        ("St. Petersburg", (), "Saint Petersburg", "RUS"),
        ("Portsmouth", ("USA",), "Portsmouth, New Hampshire", "USA"),  # the event's countries decide
        ("Portsmouth, NH", (), "Portsmouth, New Hampshire", "USA"),
        ("Portsmouth, UK", (), "Portsmouth, England", "GBR"),
        ("Paris", (), "Paris", "FRA"),  # far more populous than Paris, Texas
        ("Osaka, Japan", (), "Osaka", "JPN"),
        ("Хабаровск", (), "Khabarovsk", "RUS"),  # geonames' other names, in other scripts
    ],
)
def test_place_names_resolve_exactly(location: str, countries: tuple[str, ...], name: str, country: str) -> None:
    found = resolve(location, countries).candidate
    assert found is not None and (found.name, found.country) == (name, country)


@pytest.mark.parametrize(
    ("location", "countries", "options"),
    [
        ("Portsmouth", (), ("Portsmouth, England (GBR)", "Portsmouth, New Hampshire (USA)")),
        ("Portsmouth", ("RUS", "JPN"), ("Portsmouth, England (GBR)", "Portsmouth, New Hampshire (USA)")),
        ("Springfield", ("USA",), ("Springfield (USA) ×8",)),
    ],
)
def test_ambiguous_names_are_not_guessed(location: str, countries: tuple[str, ...], options: tuple[str, ...]) -> None:
    result = resolve(location, countries)
    assert result.candidate is None and result.ambiguous == options


@pytest.mark.parametrize("location", ["Shimo", "Nagato and Tokyo", "Mosc", "Nowhere-on-Sea", "", "  "])
def test_partial_or_unknown_names_find_nothing(location: str) -> None:
    assert resolve(location) == resolve("Nowhere-on-Sea")
    assert resolve(location).candidate is None and not resolve(location).ambiguous


def test_place_keys_ignore_case_accents_and_punctuation() -> None:
    assert place_key("Yuzhno–Sakhalinsk ") == place_key("yuzhno sakhalinsk") == "yuzhno sakhalinsk"
    assert place_key("Münster") == place_key("MUNSTER")
    assert place_key("択捉島") == "択捉島"


def test_fill_coordinates_fills_only_missing_ones_and_reports_the_rest() -> None:
    location = pd.Series(["Moscow", "Moscow", "Portsmouth", "Nowhere-on-Sea", ""])
    countries = pd.Series(["RUS", "RUS", "RUS;JPN", "", ""])
    lat = np.array([np.nan, 10.0, np.nan, np.nan, np.nan])
    lon = np.array([np.nan, 20.0, np.nan, np.nan, np.nan])
    out = fill_coordinates(location, countries, lat, lon, np.array([2, 3, 4, 5, 6]))
    assert out.filled.tolist() == [True, False, False, False, False]
    assert (out.lat[0], out.lon[0], out.lat[1], out.lon[1]) == (55.7558, 37.6173, 10.0, 20.0)
    assert np.isnan(out.lat[2:]).all()
    text = " | ".join(out.warnings)
    assert "Moscow (1)" in text and "'Portsmouth' (row 4) is ambiguous" in text and "'Nowhere-on-Sea' (row 5)" in text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Medvedev visits Kunashir", "Kunashiri"),
        ("Визит на Итурупе", "Etorofu"),  # Russian case forms
        ("Митинг против передачи Южных Курил", "Northern Territories"),
        ("北方領土の日", "Southern Kurils"),  # Japanese: no word boundaries
        ("択捉島を訪問", "Iturup"),
        ("Sakhalin oblast governor", "Karafuto"),
        ("Habomai islets", "歯舞群島"),
    ],
)
def test_contested_names_bring_all_their_aliases(text: str, place: str) -> None:
    assert place in aliases_of(text).split(";")


@pytest.mark.parametrize(
    "text", ["Kurilsk town", "Курильск", "Южно-Сахалинск", "XKunashir", "Sakhalinsk", "", "Moscow"]
)
def test_other_words_bring_no_aliases(text: str) -> None:
    assert aliases_of(text) == ""


def test_find_aliases_matches_aliases_of_for_every_row() -> None:
    texts = ["Medvedev visits Kunashir", "", "Tokyo", "Etorofu-to and Shikotan", None]
    expected = [aliases_of(t or "") for t in texts]
    assert find_aliases(pd.Series(texts, dtype=object)).tolist() == expected
    assert key_names(expected[3]) >= {"etorofu", "iturup", "shikotan", "色丹島"}


def test_a_rows_aliases_join_its_location_title_and_description_once_each() -> None:
    location = pd.Series(["Kunashir", "Moscow", "Moscow", ""])
    title = pd.Series(["Medvedev on Kunashiri", "Talks", "Talks on Shikotan", ""])
    description = pd.Series(["", "", "and Habomai", ""])
    rows = aliases_array(location, title, description).to_pylist()
    assert rows[0] == aliases_of("Kunashir") and rows[1] == "" and rows[3] == ""
    assert key_names(rows[2]) == key_names(aliases_of("Shikotan")) | key_names(aliases_of("Habomai"))


@pytest.mark.parametrize(
    ("code", "iso"),
    [("RS", "RUS"), ("JA", "JPN"), ("UP", "UKR"), ("CH", "CHN"), ("UK", "GBR"), ("SN", "SGP"), ("XX", None)],
)
def test_fips_codes_become_iso(code: str, iso: str | None) -> None:
    assert fips_to_alpha3(code) == iso


@pytest.mark.parametrize(
    ("code", "iso"),
    [
        ("RUS", "RUS"),
        ("JPN", "JPN"),
        ("EUR", None),
        ("AFR", None),
        ("ROM", "ROU"),
        ("USR", "RUS"),
        ("", None),
        ("RUSGOV", None),
    ],
)
def test_cameo_country_codes_become_iso_and_regions_are_dropped(code: str, iso: str | None) -> None:
    assert cameo_to_alpha3(code) == iso


@pytest.mark.parametrize(
    ("code", "iso"), [("643", "RUS"), ("392", "JPN"), ("840", "USA"), ("16", "ASM"), ("999", None), ("abc", None)]
)
def test_numeric_codes_become_iso(code: str, iso: str | None) -> None:
    assert numeric_to_alpha3(code) == iso


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Russian Federation", "RUS"),
        ("Korea, Republic of", "KOR"),
        ("Occupied Palestinian Territory", "PSE"),
        ("Congo, Democratic Republic of", "COD"),
        ("Narnia", None),
    ],
)
def test_country_names_of_event_databases_become_iso(name: str, iso: str | None) -> None:
    assert name_to_alpha3(name) == iso
