"""Whole-column text kernels against the one-value recipes they vectorise (parse.clean_text, list cleaning)."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplotime.validate import kernels
from diplotime.validate.recipes import clean_text, split_list


def list_reference(text: str) -> str:
    """What a cleaned list cell must be: its items cleaned, empty ones dropped, joined by ';'."""
    return ";".join(item for item in (i.strip(" \t\n\f\r") for i in clean_text(text).split(";")) if item)


LISTS = [
    ("Abe;Putin", "Abe;Putin"),
    (" Abe ;; Putin; ", "Abe;Putin"),
    (";Abe", "Abe"),
    ("Abe;", "Abe"),
    ("Abe ;\tPutin", "Abe;Putin"),
    ("Абэ ; Путин", "Абэ;Путин"),
    (";", ""),
    ("", ""),
    ("Kono\u202e;Lavrov", "Kono;Lavrov"),
]


@pytest.mark.parametrize(("given_text", "expected"), LISTS)
@pytest.mark.parametrize("layout", ["one chunk", "sliced", "chunked", "repeated"])
def test_clean_list(given_text: str, expected: str, layout: str) -> None:
    values = [given_text, "Abe;Putin", ""]
    if layout == "one chunk":
        array: kernels.Array = pa.array(values, pa.large_string())
    elif layout == "sliced":
        array = pa.array(["x ; y", *values], pa.large_string()).slice(1)
    elif layout == "chunked":
        array = pa.chunked_array([pa.array(values[:1], pa.large_string()), pa.array(values[1:], pa.large_string())])
    else:  # many repeats: cleaned once per distinct value
        array = pa.array(values * 2000, pa.large_string())
    assert kernels.clean_list(array).to_pylist()[:3] == [expected, "Abe;Putin", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab ;\t\u00e9\u0301\u202eЯ"), max_size=12), min_size=1, max_size=8))
def test_clean_list_matches_the_one_value_recipe(texts: list[str]) -> None:
    cleaned = kernels.clean_list(pa.array(texts, pa.large_string())).to_pylist()
    assert [split_list(c) for c in cleaned] == [split_list(list_reference(t)) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=8))
def test_clean_matches_clean_text(texts: list[str]) -> None:
    assert kernels.clean(pa.array(texts, pa.large_string())).to_pylist() == [clean_text(t) for t in texts]


@pytest.mark.parametrize(
    ("values", "limit", "expected"),
    [
        (["abc", "abcd"], 3, [False, True]),
        (["日本語", "ab"], 3, None),  # 9 bytes but 3 characters: not too long
        ([], 3, None),
    ],
)
def test_too_long_counts_characters(values: list[str], limit: int, expected: list[bool] | None) -> None:
    mask = kernels.too_long(pa.array(values, pa.large_string()), limit)
    assert (None if mask is None else mask.tolist()) == expected
