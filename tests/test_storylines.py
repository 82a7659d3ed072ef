"""Storylines: links between events (the related column) read, stored, shown both ways and drawn as a chain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from diplotime import store
from diplotime.explore import ViewState, index_events
from diplotime.explore.link import decode_view, encode_view
from diplotime.explore.storylines import Link, links_of, storyline
from diplotime.figures import charts
from diplotime.pipeline import check_file
from diplotime.validate.recipes import parse_related
from tests.fixtures import kuril_events, open_page

ROOT = Path(__file__).resolve().parent.parent
CHAIN = """\
id,date,title,related
a,1855-02-07,Shimoda,
b,1875,Saint Petersburg,follows:a
c,1905-09-05,Portsmouth,Follows: b; led_to:elsewhere
d,1956-10-19,Joint Declaration,
e,2001-03-25,Irkutsk,responds to:d
f,2019-01-01,Alone,
"""


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("led_to:b", "led_to:b"),
        ("Led to: b ; follows:a", "led_to:b;follows:a"),
        ("part-of:summit-1", "part_of:summit-1"),
        ("responds to:x;responds_to:x", "responds_to:x"),
        ("", ""),
    ],
)
def test_links_are_read_as_relation_and_id(cell: str, expected: str) -> None:
    assert parse_related(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("b", "relation:id"),
        ("caused:b", "unknown relation 'caused'"),
        ("led_to:", "relation:id"),
        ("led_to:" + "x" * 201, "longer than an id"),
    ],
)
def test_a_malformed_link_is_refused_with_what_to_write(cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_related(cell)


def test_a_file_with_links_keeps_them_and_reports_bad_ones_by_row() -> None:
    result = check_file((CHAIN + "g,2020,Bad,caused:a\n").encode(), "chain.csv")
    assert dict(zip(result.events["id"], result.events["related"]))["c"] == "follows:b;led_to:elsewhere"
    assert [(p.row, p.column, p.code) for p in result.problems] == [(8, "related", "related_invalid")]


def index_of(csv: str = CHAIN):  # noqa: ANN201
    return index_events(check_file(csv.encode(), "chain.csv").events.reset_index(drop=True))


def test_an_events_links_are_shown_both_ways() -> None:
    index = index_of()
    assert links_of(index, "b") == [Link("follows", "a", True), Link("is followed by", "c", True)]
    assert links_of(index, "c") == [Link("follows", "b", True), Link("led to", "elsewhere", False)]
    assert links_of(index, "d") == [Link("drew a response in", "e", True)]
    assert links_of(index, "f") == []


@pytest.mark.parametrize(
    ("start", "chain"),
    [("a", ["a", "b", "c"]), ("c", ["a", "b", "c"]), ("e", ["d", "e"]), ("f", ["f"]), ("nothing", [])],
)
def test_a_storyline_is_every_event_reachable_through_links_oldest_first(start: str, chain: list[str]) -> None:
    assert storyline(index_of(), start) == chain


def test_the_timeline_joins_the_storyline_and_says_what_the_filters_leave_out() -> None:
    import datetime as dt

    from diplotime.explore import Filters

    index = index_of()
    result = charts.timeline(index, ViewState(thread="b"))
    line = [t for t in result.figure.data if t.name == "Storyline"]
    assert len(line) == 1 and [str(x)[:4] for x in line[0].x] == ["1855", "1875", "1905"]
    assert "3 events are joined" in result.note
    narrowed = charts.timeline(index, ViewState(thread="b", filters=Filters(date_from=dt.date(1870, 1, 1))))
    assert "leave out 1" in narrowed.note
    alone = charts.timeline(index, ViewState(thread="f"))
    assert "no links" in alone.note


def test_the_storyline_round_trips_in_the_link_and_an_unknown_one_is_a_notice() -> None:
    index = index_of()
    view = ViewState(thread="c")
    assert encode_view(view) == {"thread": ["c"]}
    assert decode_view(encode_view(view), index=index)[0] == view
    gone, notices = decode_view({"thread": "zz"}, index=index)
    assert gone.thread == "" and "not in the data" in notices[0]


def test_the_bundled_dataset_tells_the_2019_negotiations_as_one_storyline() -> None:
    index = index_events(kuril_events())
    chain = storyline(index, "2019-01-14-kono-lavrov-talks")
    assert chain.index("2018-11-14-singapore-summit") < chain.index("2019-01-22-abe-putin-kremlin-talks")
    assert {"1956-10-19-soviet-japanese-joint-declaration", "2019-09-05-abe-putin-vladivostok"} <= set(chain)


def test_a_store_from_before_the_related_column_upgrades_in_place(store_url: str) -> None:
    engine = store.open_store(store_url)
    count = store.count_events(engine)
    with engine.begin() as conn:  # make it the store an earlier version made: no related column, no migration 6
        conn.execute(sa.text("ALTER TABLE events DROP COLUMN related"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version = 6"))
    engine.dispose()
    engine = store.open_store(store_url)
    assert store.count_events(engine) == count
    assert set(store.read_events(engine)["related"]) == {""}  # kept events have no links, and nothing broke
    result = check_file(CHAIN.encode(), "chain.csv")
    store.import_events(engine, result, file_name="chain.csv", data_hash="h")
    assert dict(zip(*store.read_events(engine)[["id", "related"]].T.values))["b"] == "follows:a"


# ---------------------------------------------------------------- the pages


def open_timeline(query: dict) -> AppTest:
    return open_page("pages/timeline.py", query)


def test_the_card_lists_related_events_and_the_timeline_shows_a_linked_storyline(kuril_store: str) -> None:
    at = open_timeline({"event": "2019-01-22-abe-putin-kremlin-talks"})
    assert not at.exception
    labels = [b.label for b in at.button]
    assert any(label.startswith("follows: Kono–Lavrov") for label in labels)
    assert "Show its storyline on the timeline" in labels
    at = open_timeline({"thread": "2019-01-22-abe-putin-kremlin-talks"})
    assert not at.exception
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(t.get("name") == "Storyline" for t in figure["data"])
    assert any("Storyline of" in m.value for m in at.markdown)
