"""The Present and Export pages under Streamlit's AppTest, on a store seeded from data/.

As in tests/test_pages.py, each page runs inside ``ui.run_page`` (what app.py wraps every page in),
because AppTest runs the entry script only on its first run.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from diplotime import store
from diplotime.present import talk_figures
from tests.conftest import ROOT
from tests.fixtures import kuril_events

PRESENT, EXPORT = "pages/present.py", "pages/export.py"


def page_harness(page: str) -> None:
    import runpy

    from diplotime import ui

    ui.run_page(lambda: runpy.run_path(page, run_name="__main__"))


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('present') / 'store.sqlite'}"
    store.open_store(url).dispose()  # seeded from data/
    return url


@pytest.fixture(autouse=True)
def seeded(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.ENV_URL, store_url)


def open_page(page: str = PRESENT, **params: str | list[str]) -> AppTest:
    at = AppTest.from_function(page_harness, args=(str(ROOT / page),), default_timeout=90)
    at.query_params = dict(params)
    at.run()
    assert not at.exception, at.exception
    return at


def shown(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown]


def headline(app: AppTest) -> str:
    """The slide's title (a first- or, for a long title, second-level heading), unescaped."""
    heading = next(text for text in shown(app) if text.startswith(("# ", "## ")))
    return heading.split(" ", 1)[1].replace("\\", "")


def slide(app: AppTest) -> int:
    return int(app.session_state["present_slide"])


def test_the_first_slide_names_the_dataset_the_count_and_the_years() -> None:
    app = open_page()
    assert slide(app) == 1
    assert headline(app) == "Kuril dispute"
    assert "## 109 events · 1855 – 2025" in shown(app)
    assert "##### All events" in shown(app)
    assert [p.text for p in app.get("progress")] == ["Slide 1 of 111"]
    assert app.button(key="present_prev").disabled and not app.button(key="present_next").disabled


def test_the_slide_in_the_link_is_restored() -> None:
    app = open_page(slide="5")
    assert slide(app) == 5
    third = kuril_events().iloc[2]
    assert headline(app) == third["title"]
    texts = shown(app)
    assert any(t.startswith("### 5 Sep 1905 · ") for t in texts)
    assert any("Signed on 23 August" in t for t in texts)
    charts = app.get("plotly_chart")
    assert len(charts) == 2  # its place among the talk's events, and the map
    assert "This event" in charts[0].proto.spec and "scattergeo" in charts[1].proto.spec
    assert json.loads(charts[1].proto.config)["topojsonURL"] == "/app/static/"  # outlines from the app itself
    assert not app.warning  # 'slide' is the page's own link parameter, not an unknown one


def test_next_previous_first_and_last_move_through_the_talk_and_the_link_follows() -> None:
    app = open_page(slide="2", type="treaty")
    treaties = kuril_events().query("event_type == 'treaty'")
    total = len(treaties) + 2
    assert "The whole timeline" in " ".join(shown(app))
    moves = [
        ("present_next", 3),
        ("present_page_down", 4),
        ("present_prev", 3),
        ("present_page_up", 2),
        ("present_last", total),
        ("present_first", 1),
        ("present_page_down", 2),
    ]
    for key, expected in moves:
        app.button(key=key).click().run()
        assert slide(app) == expected, key
        assert app.query_params["slide"] == str(expected) and app.query_params["type"] == "treaty"
    app.button(key="present_last").click().run()
    assert app.button(key="present_next").disabled and app.button(key="present_page_down").disabled
    assert headline(app) == treaties["title"].iat[-1]


@pytest.mark.parametrize(("given", "expected"), [("999", 111), ("0", 1), ("abc", 1), ("-3", 1)])
def test_a_slide_number_out_of_range_opens_the_nearest_slide(given, expected) -> None:
    app = open_page(slide=given)
    assert slide(app) == expected


def test_the_filters_in_the_link_choose_the_events() -> None:
    summits = kuril_events().query("event_type == 'summit'")
    app = open_page(type="summit", slide="3")
    assert headline(app) == summits["title"].iat[0]
    assert [p.text for p in app.get("progress")] == [f"Slide 3 of {len(summits) + 2}"]
    app.button(key="present_first").click().run()
    assert "##### Type\\: Summit" in shown(app)


def test_hand_picked_events_in_the_link_are_presented_in_their_order() -> None:
    events = kuril_events()
    first, second = events["id"].iat[40], events["id"].iat[3]
    app = open_page(pick=[first, "no-such-event", second], slide="4")
    assert headline(app) == events["title"].iat[3]
    assert [p.text for p in app.get("progress")] == ["Slide 4 of 4"]
    assert any("no longer in the data" in w.value for w in app.warning)
    app.button(key="present_first").click().run()
    assert "##### Hand\\-picked events" in shown(app)


def test_picking_events_on_the_page_restarts_the_talk() -> None:
    events = kuril_events()
    app = open_page(slide="7")
    wanted = [events["id"].iat[5], events["id"].iat[1]]
    app.multiselect(key="present_picker").set_value(wanted).run()
    assert app.session_state["present_picked"] == wanted and slide(app) == 1
    assert app.query_params["pick"] == wanted and app.query_params["slide"] == "1"
    app.button(key="present_last").click().run()
    assert headline(app) == events["title"].iat[1]


def test_the_talk_can_be_taken_away_as_a_deck_and_a_report() -> None:
    app = open_page()
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["PowerPoint deck (112 slides)", "HTML report (works offline)"]  # title, 2 pictures, 109


def test_the_export_page_offers_every_export_of_the_current_view() -> None:
    app = open_page(EXPORT, type="treaty")
    labels = [b.proto.label for b in app.get("download_button")]
    treaties = int((kuril_events()["event_type"] == "treaty").sum())
    assert labels == [
        f"PowerPoint deck · {treaties + 3} slides",  # the title, two pictures, one per treaty
        "HTML report · one file, works offline",
        "PNG · 1600×900 pixels",
        "SVG · scalable, editable",
        f"CSV · {treaties} events",
        f"JSON · {treaties} events",
    ]
    assert list(app.selectbox(key="export_chart").options) == list(talk_figures.CHART_NAMES)
    app.selectbox(key="export_chart").set_value("Map of countries").run()
    app.toggle(key="export_sharp").set_value(True).run()
    assert [b.proto.label for b in app.get("download_button")][2] == "PNG · 3200×1800 pixels"
    assert "choropleth" in app.get("plotly_chart")[0].proto.spec


def test_a_view_with_no_events_still_presents_its_title_and_overview() -> None:
    app = open_page(q="words that appear in no event", slide="2")
    assert [p.text for p in app.get("progress")] == ["Slide 2 of 2"]
    app.button(key="present_first").click().run()
    assert "## 0 events" in shown(app)


def test_hostile_event_text_on_a_slide_stays_text(tmp_path, monkeypatch) -> None:
    from tests.fixtures import HOSTILE_TITLE, build_store, hostile_events

    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    build_store(url, hostile_events())
    monkeypatch.setenv(store.ENV_URL, url)
    app = open_page(pick=["summit"], slide="3")
    assert headline(app) == HOSTILE_TITLE
    assert not any(m.proto.allow_html for m in app.markdown)
    assert not app.get("link_button")  # the javascript: source is not a link
    assert any("javascript\\:alert" in m.value for m in app.markdown)
