"""A dataset's own names: declared in data/datasets.toml, kept in the store, matched by the search for
every event of the dataset; and the island names added to the contested places."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from diplotime import store
from diplotime.errors import UnusableFile
from diplotime.explore import Filters, filter_events, index_events
from diplotime.store.datasets import read_names_file, sync_dataset_names
from tests.conftest import DATA
from tests.fixtures import build_store, kuril_events, small_events

DECLARED = tomllib.loads((DATA / "datasets.toml").read_text(encoding="utf-8"))
KURIL_NAMES = [DECLARED["kuril_dispute"]["name"], *DECLARED["kuril_dispute"]["aliases"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[a]\nname = "A set"\naliases = ["Other", "Другое", "Other"]\n', {"a": ("A set", "Other", "Другое")}),
        ('[a]\nname = "  A   set "\n', {"a": ("A set",)}),
        ("", {}),
    ],
    ids=["aliases kept once, in order", "spaces tidied, aliases optional", "empty file"],
)
def test_a_names_file_is_read_as_each_datasets_names(tmp_path: Path, text: str, expected: dict) -> None:
    (tmp_path / "datasets.toml").write_text(text, encoding="utf-8")
    assert read_names_file(tmp_path / "datasets.toml") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a\nname = 1", "not a valid TOML file"),
        ('[a]\nname = "A"\naliases = [1, 2]\n', "as text"),
        ('a = "not a table"\n', "as text"),
    ],
)
def test_a_broken_names_file_is_refused_with_its_name(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "datasets.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UnusableFile, match=f"datasets.toml: .*{message}"):
        read_names_file(tmp_path / "datasets.toml")


def test_no_names_file_means_no_names(tmp_path: Path) -> None:
    assert read_names_file(tmp_path / "datasets.toml") == {}


@pytest.mark.parametrize("name", KURIL_NAMES)
def test_every_name_of_the_dataset_finds_every_one_of_its_events(name: str) -> None:
    events = kuril_events()
    found = filter_events(index_events(events, {"kuril_dispute": KURIL_NAMES}), Filters(text=name))
    assert len(found) == len(events)


def test_a_dataset_name_finds_only_that_datasets_events() -> None:
    events = small_events()  # datasets kuril_dispute and other_set
    index = index_events(events, {"other_set": ("Northern Territories Day coverage",)})
    found = filter_events(index, Filters(text="coverage"))
    assert set(found["id"]) == set(events.loc[events["dataset"] == "other_set", "id"])
    assert filter_events(index_events(events), Filters(text="coverage")).empty


def test_the_store_keeps_names_and_takes_them_from_the_seed_folder(store_url: str, tmp_path: Path) -> None:
    build_store(store_url)
    engine = store.open_store(store_url, seed_from=None)
    assert store.dataset_names(engine) == {}
    (tmp_path / "datasets.toml").write_text('[other_set]\nname = "Other"\naliases = ["Elsewhere"]\n', encoding="utf-8")
    sync_dataset_names(engine, tmp_path)
    store.save_dataset_names(engine, {"kuril_dispute": ["Chishima question"]})
    assert store.dataset_names(engine) == {"other_set": ("Other", "Elsewhere"), "kuril_dispute": ("Chishima question",)}
    (tmp_path / "datasets.toml").write_text('[other_set]\nname = "Other"\n', encoding="utf-8")
    sync_dataset_names(engine, tmp_path)  # the file changed: its dataset's names follow, the others stay
    assert store.dataset_names(engine) == {"other_set": ("Other",), "kuril_dispute": ("Chishima question",)}
    index = index_events(store.read_events(engine), store.dataset_names(engine))
    assert set(filter_events(index, Filters(text="Chishima question"))["dataset"]) == {"kuril_dispute"}


def test_a_new_store_seeded_from_data_knows_the_bundled_names(sqlite_url: str) -> None:
    engine = store.open_store(sqlite_url)
    assert store.dataset_names(engine)["kuril_dispute"] == tuple(dict.fromkeys(KURIL_NAMES))


@pytest.mark.parametrize(
    ("search", "expected_id"),
    [
        ("Сигнальный", "2006-08-16-fisherman-shot-near-kaigara"),
        ("貝殻島", "2006-08-16-fisherman-shot-near-kaigara"),
        ("Signalny", "2004-09-02-koizumi-views-islands-by-sea"),
        ("Малая Курильская гряда", "2022-09-05-facilitated-visits-agreement-terminated"),
        ("Lesser Kurils", "1999-09-02-facilitated-visits-agreement"),
    ],
)
def test_the_added_island_names_find_the_events_about_those_islands(search: str, expected_id: str) -> None:
    found = filter_events(index_events(kuril_events()), Filters(text=search))
    assert expected_id in set(found["id"])
