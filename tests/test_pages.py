"""Every explore page under Streamlit's AppTest: renders, filters change the figure, links restore the
view, an injected chart selection opens the right card, hostile text stays text.

AppTest runs app.py (the entry script with st.navigation) only on its first run; later runs and
``switch_page`` run the page file alone. So pages run inside :func:`page_harness`, which wraps them
in the same ``ui.run_page`` that app.py uses; one test opens app.py itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from diplotime import store, ui
from diplotime.synthetic import synthetic_events
from tests import fixtures
from tests.fixtures import HOSTILE_TITLE, build_store, hostile_events

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("pages/overview.py", "pages/timeline.py", "pages/map.py", "pages/events.py")
TIMEOUT = 60


def open_page(page: str, query: dict[str, Any] | None = None) -> AppTest:
    return fixtures.open_page(page, query, TIMEOUT)


@pytest.fixture(scope="module")
def small_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'small.sqlite'}"
    build_store(url)
    return url


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'hostile.sqlite'}"
    build_store(url, hostile_events())
    return url


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'many.sqlite'}"
    build_store(url, synthetic_events(2500, seed=11))
    return url


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("empty")
    url = f"sqlite:///{folder / 'empty.sqlite'}"
    store.open_store(url, seed_from=folder).dispose()  # "seeded" from a folder without CSVs: stays empty
    return url


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch, small_url: str) -> str:
    monkeypatch.setenv(store.ENV_URL, small_url)
    return small_url


def figure(at: AppTest, n: int = 0) -> dict[str, Any]:
    return json.loads(at.get("plotly_chart")[n].proto.spec)


def event_ids(fig: dict[str, Any]) -> set[str]:
    """Ids of the single events drawn in a timeline figure."""
    return {
        row[0]
        for trace in fig["data"]
        if trace.get("type") == "scatter" and trace.get("name") != "Selected"
        for row in trace.get("customdata") or []
    }


def texts(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in [*at.markdown, *at.caption, *at.warning, *at.info, *at.title, *at.subheader])


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


ALL_SMALL = {
    "shimoda",
    "petersburg",
    "invasion",
    "occupation",
    "declaration",
    "talks",
    "presser",
    "rally",
    "summit",
    "visit",
    "tokyo",
    "nowhere",
}


# ---------------------------------------------------------------- every page renders


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_small_store(small, page):
    at = open_page(page)
    no_errors(at)
    assert at.title and at.sidebar.text_input(key="f_text") is not None
    if page == "pages/events.py":
        assert len(at.dataframe[0].value) == 12
    else:
        assert at.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_store(monkeypatch, empty_url, page):
    monkeypatch.setenv(store.ENV_URL, empty_url)
    at = open_page(page)
    no_errors(at)
    assert "no events yet" in texts(at)


def test_the_app_opens_on_the_overview_with_the_shared_sidebar(small):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    no_errors(at)
    assert at.title[0].value.endswith("Overview")
    assert [m.key for m in at.sidebar.multiselect] == ["f_types", "f_countries", "f_actors", "f_datasets"]
    assert [m.value for m in at.metric][:1] == ["12"]


# ---------------------------------------------------------------- each filter changes the figure


FILTER_CASES = [
    ("f_types", ["treaty"], {"shimoda", "petersburg", "declaration"}),
    ("f_countries", ["USA"], {"tokyo"}),
    ("f_actors", ["Sergey Lavrov"], {"talks", "presser"}),
    ("f_datasets", ["other_set"], {"tokyo", "nowhere"}),
]


@pytest.mark.parametrize(("key", "value", "expected"), FILTER_CASES)
def test_timeline_filters_change_the_events_drawn(small, key, value, expected):
    at = open_page("pages/timeline.py")
    assert event_ids(figure(at)) == ALL_SMALL
    at.sidebar.multiselect(key=key).set_value(value).run()
    no_errors(at)
    assert event_ids(figure(at)) == expected


def test_timeline_search_and_dates_change_the_events_drawn(small):
    at = open_page("pages/timeline.py")
    at.sidebar.text_input(key="f_text").set_value("moscow rally").run()
    assert event_ids(figure(at)) == {"rally"}
    at.sidebar.text_input(key="f_text").set_value("").run()
    lo, hi = at.sidebar.slider(key="f_dates").value
    import datetime as dt

    at.sidebar.slider(key="f_dates").set_value((dt.date(2019, 1, 15), dt.date(2019, 1, 21))).run()
    no_errors(at)
    assert event_ids(figure(at)) == {"presser", "rally"}
    assert at.query_params["from"] == "2019-01-15" and at.query_params["to"] == "2019-01-21"
    assert (lo, hi) == (dt.date(1855, 2, 7), dt.date(2023, 5, 31))


def test_timeline_grouping_changes_the_lanes(small):
    at = open_page("pages/timeline.py")
    assert figure(at)["layout"]["yaxis"]["ticktext"][0] == "Summit"
    at.button_group(key="w_group").set_value("country").run()
    assert figure(at)["layout"]["yaxis"]["ticktext"] == ["Russia", "Japan", "United States"]
    assert at.query_params["group"] == "country"


@pytest.mark.parametrize(
    ("key", "value"),
    [("f_types", ["treaty"]), ("f_countries", ["USA"]), ("f_actors", ["Red Army"]), ("f_datasets", ["other_set"])],
)
def test_map_filters_change_the_places_drawn(small, key, value):
    at = open_page("pages/map.py")
    before = figure(at)
    at.sidebar.multiselect(key=key).set_value(value).run()
    no_errors(at)
    after = figure(at)

    def count(fig) -> int:  # noqa: ANN001
        return sum(int(row[2]) for t in fig["data"] if t.get("mode") == "markers" for row in t.get("customdata") or [])

    assert count(after) < count(before)


@pytest.mark.parametrize(
    ("key", "value", "rows"),
    [
        ("f_types", ["treaty"], 3),
        ("f_countries", ["USA"], 1),
        ("f_actors", ["Sergey Lavrov"], 2),
        ("f_datasets", ["kuril_dispute"], 10),
    ],
)
def test_events_table_filters_change_the_rows(small, key, value, rows):
    at = open_page("pages/events.py")
    at.sidebar.multiselect(key=key).set_value(value).run()
    no_errors(at)
    assert len(at.dataframe[0].value) == rows


def test_overview_filters_change_the_counts(small):
    at = open_page("pages/overview.py")
    total = lambda: sum(sum(t["y"]) for t in figure(at)["data"])  # noqa: E731
    assert total() == 12
    at.sidebar.multiselect(key="f_types").set_value(["military"]).run()
    no_errors(at)
    assert total() == 2 and at.metric[0].value == "2"


# ---------------------------------------------------------------- links restore the view


def test_a_link_restores_filters_grouping_and_the_selected_event(small):
    query = {
        "type": ["treaty", "ministerial_talks"],
        "country": "JPN",
        "from": "1850",
        "group": "country",
        "event": "talks",
        "era": "1941..1945 Pacific War",
    }
    at = open_page("pages/timeline.py", query)
    no_errors(at)
    assert at.sidebar.multiselect(key="f_types").value == ["treaty", "ministerial_talks"]
    assert at.sidebar.multiselect(key="f_countries").value == ["JPN"]
    assert at.button_group(key="w_group").value == "country"
    fig = figure(at)
    assert event_ids(fig) == {"shimoda", "petersburg", "declaration", "talks"}
    assert fig["layout"]["yaxis"]["ticktext"] == ["Japan", "Russia"]  # 4 events each: ties in code order
    assert [a["text"] for a in fig["layout"]["annotations"] if a.get("name") != "label"] == ["Pacific War"]
    assert "Kono–Lavrov peace\\-treaty talks in Moscow" in texts(at)  # the card
    assert at.query_params["event"] == "talks"
    assert not at.warning  # nothing was ignored


def test_a_link_with_invalid_values_shows_a_notice_and_keeps_the_rest(small):
    at = open_page(
        "pages/timeline.py",
        {
            "type": ["treaty", "<script>x</script>"],
            "from": "99999-99-99",
            "group": "weather",
            "event": "1' OR '1'='1",
            "zoom": "3",
        },
    )
    no_errors(at)
    notice = at.warning[0].value
    for part in ("event type", "from\\=", "group\\=", "not in the data", "unknown link parameter"):
        assert part in notice
    assert "<script>" not in notice and "\\<script\\>" in notice  # shown as text
    assert event_ids(figure(at)) == {"shimoda", "petersburg", "declaration"}
    assert at.query_params == {"type": "treaty"}  # the link is cleaned up
    at.button(key="dismiss_notices").click().run()
    assert not at.warning


def test_map_link_restores_place_and_playback(small):
    at = open_page("pages/map.py", {"place": "55.756,37.617", "step": "month", "play": "window", "window": "2"})
    no_errors(at)
    assert at.button_group(key="w_step").value == "month" and at.button_group(key="w_play").value == "window"
    assert at.number_input(key="w_window").value == 2
    assert len(at.dataframe[0].value) == 5  # the events in Moscow
    assert "Moscow: 5 events" in texts(at)
    labels = [step["label"] for step in figure(at)["layout"]["sliders"][0]["steps"]]
    assert labels[0] == "Jan 1855 – Feb 1855" and labels[-1] == "All periods"


# ---------------------------------------------------------------- selections open the right card


def select(at: AppTest, key: str, custom: list[Any] | None = None, box: list[str] | None = None) -> AppTest:
    points = [{"customdata": custom, "point_index": 0}] if custom else []
    boxes = [{"x": box, "y": [0, 1], "xref": "x", "yref": "y"}] if box else []
    at.session_state[key] = {"selection": {"points": points, "box": boxes, "lasso": [], "point_indices": [0]}}
    return at.run()


def test_clicking_a_timeline_event_opens_its_card_and_goes_into_the_link(small):
    at = open_page("pages/timeline.py")
    before = at.get("plotly_chart")[0].proto.spec
    select(at, "timeline_chart", ["declaration", "Soviet–Japanese Joint Declaration"])
    no_errors(at)
    body = texts(at)
    assert "#### Soviet–Japanese Joint Declaration" in body
    assert "**19 Oct 1956** · Treaty · Moscow" in body
    assert at.query_params["event"] == "declaration"
    # The chart clicked is sent unchanged: Streamlit keeps the same chart, and with it the user's zoom.
    assert at.get("plotly_chart")[0].proto.spec == before
    at.button(key="timeline_next").click().run()
    assert at.query_params["event"] == "talks"  # the next event in date order
    ring = [t for t in figure(at)["data"] if t["name"] == "Selected"]  # chosen from the card: ringed
    assert len(ring) == 1 and ring[0]["x"] == ["2019-01-14"]
    at.button(key="timeline_close").click().run()
    assert "event" not in at.query_params


def test_card_links_only_http_sources(small):
    at = open_page("pages/timeline.py", {"event": "shimoda"})
    assert [b.proto.url for b in at.get("link_button")] == ["https://en.wikipedia.org/wiki/Treaty_of_Shimoda"]
    at = open_page("pages/timeline.py", {"event": "petersburg"})
    assert not at.get("link_button")
    assert "**Source:** Treaty text in the French original" in texts(at)


def test_drawing_a_box_on_the_timeline_zooms_the_dates(small):
    at = open_page("pages/timeline.py")
    select(at, "timeline_chart", box=["2019-01-10 06:00", "2019-01-21 18:00"])
    no_errors(at)
    assert event_ids(figure(at)) == {"talks", "presser", "rally"}
    assert at.query_params["from"] == "2019-01-10" and at.query_params["to"] == "2019-01-21"


def test_many_events_show_counts_and_a_click_zooms_to_single_events(monkeypatch, many_url):
    monkeypatch.setenv(store.ENV_URL, many_url)
    at = open_page("pages/timeline.py")
    no_errors(at)
    assert "too many to draw one by one" in texts(at)
    bubble = figure(at)["data"][0]["customdata"][-1]
    assert bubble[0].startswith("period:")
    select(at, "timeline_chart", bubble)
    no_errors(at)
    assert "too many" not in texts(at)
    assert event_ids(figure(at))  # single events again


def test_clicking_a_map_place_lists_its_events_and_a_row_opens_the_card(small):
    at = open_page("pages/map.py")
    select(at, "map_chart", ["45.250,147.900", "Iturup", "2"])
    no_errors(at)
    assert "Iturup: 2 events" in texts(at)
    table = at.dataframe[0].value
    assert list(table["id"]) == ["occupation", "visit"]
    at.session_state["place_events"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert "#### Medvedev visits Etorofu" in texts(at)
    assert at.query_params["event"] == "visit" and at.query_params["place"] == "45.250,147.900"


def test_country_map_lists_a_countrys_events(small):
    at = open_page("pages/map.py")
    at.button_group(key="w_map").set_value("countries").run()
    assert figure(at)["data"][0]["type"] == "choropleth"
    select(at, "map_chart", ["country:USA", "United States", "1"])
    no_errors(at)
    assert "United States: 1 event" in texts(at)


def test_choosing_a_table_row_opens_its_card(small):
    at = open_page("pages/events.py")
    at.session_state["events_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}  # date order
    at.run()
    no_errors(at)
    assert "#### Soviet invasion of the Kuril Islands" in texts(at)
    assert "**18 Aug – 2 Sep 1945** · Military · Shumshu" in texts(at)


def test_events_page_offers_the_csv_download(small):
    at = open_page("pages/events.py")
    assert [b.proto.label for b in at.get("download_button")] == ["Download 12 events as CSV"]


def test_overview_actor_click_filters_by_that_actor(small):
    at = open_page("pages/overview.py")
    select(at, "overview_actors", ["Sergey Lavrov", "Sergey Lavrov", 2])
    no_errors(at)
    assert at.sidebar.multiselect(key="f_actors").value == ["Sergey Lavrov"]
    assert at.metric[0].value == "2"


def test_overview_bar_click_zooms_to_that_year(small):
    at = open_page("pages/overview.py")
    select(at, "overview_periods", ["1945", "Military", 2, "1945-01-01", "1945-12-31"])
    no_errors(at)
    assert at.metric[0].value == "2"
    assert at.query_params["from"] == "1945" and at.query_params["to"] == "1945"


# ---------------------------------------------------------------- hostile text stays text


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_is_shown_as_text_on_every_page(monkeypatch, hostile_url, page):
    monkeypatch.setenv(store.ENV_URL, hostile_url)
    at = open_page(page, {"event": "summit", "place": "55.756,37.617"})
    no_errors(at)
    body = texts(at)
    assert '#### \\<img src\\=x onerror\\=\\"window\\.\\_\\_xss\\=1\\"\\> \\%\\{y\\} \\[click\\]' in body
    assert "\\<script\\>" in body and "<script>" not in body
    assert not at.get("link_button")  # javascript: is never a link
    assert "**Source:** javascript\\:alert\\(1\\)" in body
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "<img" not in spec and "<script" not in spec and "<svg" not in spec
    if page == "pages/events.py":
        table = at.dataframe[0].value
        assert HOSTILE_TITLE in set(table["title"])  # literal text in the grid
        assert table["link"].isna()[table["id"] == "summit"].all()


def test_the_sidebar_search_finds_every_event_by_a_name_of_its_dataset(small, small_url):
    store.save_dataset_names(store.connect(small_url), {"other_set": ["Embassy press log", "Пресс-лог"]})
    ui.store_changed()  # the revision is re-read at most every 3 s; a test does not wait for it
    at = open_page("pages/timeline.py")
    at.sidebar.text_input(key="f_text").set_value("пресс-лог").run()
    assert event_ids(figure(at)) == {"tokyo", "nowhere"}
