"""Actor aliases (issue 18): spellings and scripts of one person are one actor, one lane, one count; the
alias table in the store adds and overrides merges; the store keeps the spellings as written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from diplotime import store
from diplotime.explore import aggregate
from diplotime.explore.actors import COLUMN, actor_names, merged_spellings, name_actors, spelling_counts
from diplotime.explore.filters import Filters, filter_mask
from diplotime.explore.index import filter_options, index_events
from diplotime.store import migrations
from diplotime.store.actors import clean_rules
from diplotime.validate.actors import actor_key
from tests.fixtures import build_store, small_events

LAVROV = ["Sergey Lavrov", "Sergei Lavrov", "Сергей Лавров", "Sergey Viktorovich Lavrov", "Sergey Lavrov"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Sergey Lavrov", "Сергей Лавров"),
        ("Sergey Lavrov", "Sergey Viktorovich Lavrov"),
        ("Sergey Lavrov", "Сергей Викторович Лавров"),
        ("Sergey Lavrov", "LAVROV Sergey"),
        ("Sergey Lavrov", "Sergey V. Lavrov"),
        ("Vladimir Putin", "Владимир Путин"),
        ("Vladimir Putin", "Vladimir Vladimirovich Putin"),
        ("Dmitry Medvedev", "Dmitri Medvedev"),
        ("Dmitry Medvedev", "Дмитрий Медведев"),
        ("Dmitriy Medvedev", "Dmitrii Medvedev"),
        ("Yevgeny Primakov", "Evgeny Primakov"),
        ("Alexei Kosygin", "Алексей Косыгин"),
        ("Boris Yeltsin", "Борис Ельцин"),
        ("Maria Zakharova", "Мария Захарова"),
        ("Mikhail Gorbachev", "Михаил Горбачёв"),
        ("Taro Kono", "Kōno Tarō"),
        ("Shinzo Abe", "Abe Shinzō"),
        ("Junichiro Koizumi", "Jun'ichirō Koizumi"),
        ("Ministry of Foreign Affairs of Japan", "ministry of foreign affairs of JAPAN"),
    ],
)
def test_spellings_of_one_person_share_a_key(a, b):
    assert actor_key(a) == actor_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey Lavrov", "Sergei Witte"),
        ("Actor 077", "Actor 007"),  # numbers are compared as written
        ("Roman Abramovich", "Roman Arkadyevich"),  # a family name that looks like a patronymic stays
        ("Shinzo Abe", "安倍晋三"),  # no reading is guessed for Japanese script: that takes an alias
        ("Vladimir Putin", "Vladimir Mashkov"),
        ("Red Army", "Red Cross"),
    ],
)
def test_different_people_keep_different_keys(a, b):
    assert actor_key(a) != actor_key(b)


@pytest.mark.parametrize(
    ("counts", "rules", "expected"),
    [
        # Merged automatically, shown as most events write it.
        ({"Sergey Lavrov": 3, "Sergei Lavrov": 1, "Сергей Лавров": 1}, {}, {"Sergey Lavrov"}),
        # Ties: Latin script first, then the shortest.
        ({"Сергей Лавров": 1, "Sergey Viktorovich Lavrov": 1, "Sergey Lavrov": 1}, {}, {"Sergey Lavrov"}),
        # A rule's name is the name shown for every spelling of its key.
        (
            {"Sergey Lavrov": 3, "Sergei Lavrov": 1, "Сергей Лавров": 1},
            {"Сергей Лавров": "Sergei Lavrov"},
            {"Sergei Lavrov"},
        ),
        # A rule merges what no key can: Japanese script.
        ({"Shinzo Abe": 2, "安倍晋三": 1}, {"安倍晋三": "Shinzo Abe"}, {"Shinzo Abe"}),
        # A spelling that counts as itself is kept apart.
        (
            {"Sergey Lavrov": 3, "Sergei Lavrov": 1},
            {"Sergei Lavrov": "Sergei Lavrov"},
            {"Sergey Lavrov", "Sergei Lavrov"},
        ),
        # Chains end where they end.
        (
            {"A. Lavrov": 1, "Lavrov": 1, "Sergey Lavrov": 1},
            {"A. Lavrov": "Lavrov", "Lavrov": "Sergey Lavrov"},
            {"Sergey Lavrov"},
        ),
        # Nothing to merge.
        ({"Shinzo Abe": 1, "Vladimir Putin": 1}, {}, {"Shinzo Abe", "Vladimir Putin"}),
    ],
)
def test_which_name_each_spelling_counts_as(counts, rules, expected):
    assert set(actor_names(counts, rules).values()) == expected


def lavrov_events() -> pd.DataFrame:
    """The small table with Lavrov written four ways, as files from different sources write him."""
    events = small_events()
    rows = events.index[events["actors"].str.contains("Sergey Lavrov")].tolist()
    extra = events.loc[[rows[0]] * 3].copy()
    extra["id"] = ["talks-ru", "talks-long", "talks-again"]
    events = pd.concat([events, extra], ignore_index=True)
    lavrov_rows = events.index[events["actors"].str.contains("Sergey Lavrov")].tolist()
    for row, spelling in zip(lavrov_rows, LAVROV, strict=True):
        events.loc[row, "actors"] = events.loc[row, "actors"].replace("Sergey Lavrov", spelling)
    return events


def test_four_spellings_are_one_lane_one_filter_and_one_count():
    events = name_actors(lavrov_events())
    index = index_events(events)
    lanes = aggregate.assign_lanes(index, np.ones(len(index), dtype=bool), "actor")
    assert [label for label in lanes.labels if "Lavrov" in label or "Лавров" in label] == ["Sergey Lavrov"]
    assert "Sergey Lavrov" in filter_options(index).actors
    assert not any(a in filter_options(index).all_actors for a in set(LAVROV) - {"Sergey Lavrov"})
    chosen = filter_mask(index, Filters(actors=("Sergey Lavrov",)))
    assert chosen.sum() == 5
    top = aggregate.top_values(index, np.ones(len(index), dtype=bool), "actor", 3)
    assert top.iloc[0].to_dict() == {"value": "Sergey Lavrov", "label": "Sergey Lavrov", "count": 5}
    assert {a for cell in events["actors"] for a in cell.split(";")} >= set(LAVROV)  # as written, unchanged


def test_searching_any_spelling_finds_the_merged_actor():
    index = index_events(name_actors(lavrov_events()))
    assert filter_mask(index, Filters(text="Sergey Lavrov")).sum() == 5


def test_naming_leaves_the_frame_alone_and_adds_nothing_when_nothing_merges():
    events = small_events()
    assert COLUMN not in name_actors(events).columns
    original = lavrov_events()
    named = name_actors(original)
    assert COLUMN in named.columns and COLUMN not in original.columns


def test_one_event_naming_a_person_twice_counts_once():
    frame = pd.DataFrame(
        {"actors": ["Sergey Lavrov;Сергей Лавров;Taro Kono", "Sergei Lavrov", "Sergey Lavrov", "", None]}
    )
    assert name_actors(frame)[COLUMN].tolist() == ["Sergey Lavrov;Taro Kono", "Sergey Lavrov", "Sergey Lavrov", "", ""]


def test_the_merged_list_names_each_actor_with_its_spellings():
    counts = spelling_counts(pd.Series(["Sergey Lavrov;Taro Kono", "Сергей Лавров", "Sergey Lavrov"]))
    table = merged_spellings(actor_names(counts), counts)
    assert table.to_dict("records") == [
        {"actor": "Sergey Lavrov", "spellings": "Sergey Lavrov; Сергей Лавров", "events": 3}
    ]


# ---------------------------------------------------------------- the alias table in the store


def test_the_alias_table_is_migration_5(store_url: str) -> None:
    engine = store.open_store(store_url, seed_from=None)
    with engine.connect() as conn:
        assert 5 in migrations.applied_versions(conn)
        assert "actor_aliases" in sa.inspect(conn).get_table_names()
    assert store.read_actor_aliases(engine) == {}


def test_saving_aliases_replaces_the_table_and_changes_the_revision(store_url: str) -> None:
    build_store(store_url)
    engine = store.open_store(store_url, seed_from=None)
    before = store.aliases_revision(engine)
    store.save_actor_aliases(engine, {"安倍晋三": "Shinzo Abe", "Сергей Лавров": "Sergey Lavrov"})
    first = store.aliases_revision(engine)
    assert first != before
    assert store.read_actor_aliases(engine) == {"安倍晋三": "Shinzo Abe", "Сергей Лавров": "Sergey Lavrov"}
    store.save_actor_aliases(engine, {"Сергей Лавров": "Sergey Lavrov"})
    assert store.read_actor_aliases(engine) == {"Сергей Лавров": "Sergey Lavrov"}
    store.save_actor_aliases(engine, {})
    assert store.read_actor_aliases(engine) == {}
    assert store.aliases_revision(engine) not in (before, first)
    assert len(store.read_events(engine)) == len(small_events())  # the events themselves are untouched


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({" Сергей  Лавров ": " Sergey Lavrov "}, {"Сергей Лавров": "Sergey Lavrov"}),
        ({"": "Sergey Lavrov", "Lavrov": ""}, {}),
        ({"Abe\u202e": "Shinzo\nAbe"}, {"Abe": "Shinzo Abe"}),
    ],
)
def test_rules_are_cleaned_before_they_are_stored(rules, expected):
    assert clean_rules(rules) == expected


def test_an_over_long_name_is_refused():
    with pytest.raises(ValueError, match="longer than"):
        clean_rules({"x" * 400: "y"})
