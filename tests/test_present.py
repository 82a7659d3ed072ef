"""The presenter's logic (steps, clamping, what a slide shows) and the figures it draws."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from diplotime import present
from diplotime.explore.filters import Filters
from diplotime.explore.index import index_events
from diplotime.explore.link import ViewState
from diplotime.present import deck, images, report, talk, talk_figures
from tests.fixtures import kuril_events, talk_events


@pytest.mark.parametrize("module", [talk, talk_figures, deck, report, images], ids=lambda m: m.__name__)
def test_docstring_examples_hold(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("value", "total", "expected"),
    [
        ("3", 10, 3),
        (3, 10, 3),
        ("0", 10, 1),
        ("-4", 10, 1),
        ("99", 10, 10),
        ("", 10, 1),
        (None, 10, 1),
        ("two", 10, 1),
        ("2.5", 10, 1),
        (" 7 ", 10, 7),
        ("1e9", 10, 1),
        ("5", 0, 1),
    ],
)
def test_a_step_number_from_a_link_is_clamped_never_refused(value, total, expected) -> None:
    assert present.clamp_step(value, total) == expected


def test_a_talk_is_a_title_step_an_overview_step_then_one_step_per_event_oldest_first() -> None:
    events = talk_events()
    talk = present.build_talk(events)
    assert talk.total == 2 + len(events) == 7
    kinds = [s.kind for s in talk.steps()]
    assert kinds == [present.TITLE, present.OVERVIEW] + [present.EVENT] * 5
    assert [s.event_id for s in talk.steps()[2:]] == ["shimoda", "petersburg", "occupation", "summit", "nowhere"]
    assert [s.position for s in talk.steps()[2:]] == [0, 1, 2, 3, 4]
    assert talk.step(1).is_first and talk.step(7).is_last and not talk.step(4).is_last
    assert talk.step(70).number == 7 and talk.step(-1).number == 1
    assert (talk.title, talk.subtitle, talk.date_range, talk.count) == ("Kuril dispute", "All events", "1855 – 2023", 5)


def test_a_hand_picked_talk_keeps_the_presenters_order_and_reports_unknown_ids() -> None:
    talk = present.build_talk(talk_events(), Filters(types=("treaty",)), picked=["summit", "gone", "shimoda", "summit"])
    assert talk.event_ids == ("summit", "shimoda")
    assert talk.missing == ("gone",)
    assert talk.subtitle == "Hand-picked events"
    assert talk.date_range == "1855 – 2019"


def test_an_empty_view_still_has_its_title_and_overview_steps() -> None:
    talk = present.build_talk(talk_events().iloc[0:0])
    assert talk.total == 2 and talk.count == 0 and talk.date_range == ""
    assert talk.step(5).kind == present.OVERVIEW


def test_an_event_card_shows_the_date_as_given_and_links_only_web_sources() -> None:
    cards = {c.event_id: c for c in present.cards(talk_events())}
    assert [cards[i].date for i in ("shimoda", "petersburg", "occupation")] == ["7 Feb 1855", "1875", "Aug 1945"]
    assert cards["shimoda"].source_url == "https://en.wikipedia.org/wiki/Treaty_of_Shimoda"
    assert cards["petersburg"].source_url is None and cards["petersburg"].source == "Treaty text in the French original"
    assert cards["occupation"].source_url is None  # javascript: is shown as text, never linked
    assert cards["shimoda"].actors == ("Tokugawa shogunate", "Russian Empire")
    assert cards["shimoda"].countries == "Russia, Japan"
    assert cards["summit"].description == "Talks.\nSecond paragraph."
    assert cards["nowhere"].place == "" and cards["nowhere"].source == ""
    assert cards["shimoda"].type_label == "Treaty"


def test_the_filters_are_described_in_words() -> None:
    filters = Filters(
        date_from=dt.date(1945, 1, 1),
        date_to=dt.date(2019, 12, 31),
        types=("treaty", "summit"),
        countries=("JPN",),
        text="peace treaty",
    )
    assert present.describe_filters(filters) == (
        "Dates: 1945 – 2019 · Types: Treaty, Summit · Country: Japan · Search: “peace treaty”"
    )
    assert present.describe_filters(Filters()) == "All events"


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Kuril dispute", "diplomacy-kuril-dispute"),
        ("../../etc/passwd", "diplomacy-etc-passwd"),
        ("北方領土", "diplomacy-events"),
        ("A" * 100, "diplomacy-" + "a" * 40),
    ],
)
def test_download_file_names_are_safe(title, stem) -> None:
    assert present.file_stem(title) == stem


def test_the_picker_labels_events_by_date_and_title() -> None:
    labels = present.choice_labels(talk_events(), limit=2)
    assert labels == {
        "shimoda": "7 Feb 1855 · Treaty of Shimoda (日露和親条約)",
        "petersburg": "1875 · Treaty of Saint Petersburg (Петербургский договор)",
    }


# ---------------------------------------------------------------- the figures of a talk


def test_the_slide_timeline_rings_the_current_event_and_has_no_slider() -> None:
    index = index_events(kuril_events())
    event_id = str(index.events["id"].iat[10])
    fig = talk_figures.timeline_for_talk(index, ViewState(), event_id, height=360, compact=True)
    ringed = [t for t in fig.data if t.name == "Selected"]
    assert len(ringed) == 1 and len(ringed[0].x) == 1
    assert fig.layout.xaxis.rangeslider.visible is False and fig.layout.showlegend is False
    assert fig.layout.height == 360 and not fig.layout.sliders and not fig.frames


def test_the_slide_map_zooms_to_the_event_and_rings_its_place() -> None:
    events = kuril_events()
    base = talk_figures.talk_map(index_events(events), ViewState(), height=300)
    assert base.layout.height == 300 and base.layout.showlegend is False
    assert not base.frames and not base.layout.updatemenus and not base.layout.sliders
    row = events[events["location"] == "Shimoda"].iloc[0]
    fig = talk_figures.map_for_event(base, row["lat"], row["lon"])
    lat_range, lon_range = fig.layout.geo.lataxis.range, fig.layout.geo.lonaxis.range
    assert lat_range[0] < row["lat"] < lat_range[1] and lon_range[0] < row["lon"] < lon_range[1]
    assert lon_range[1] - lon_range[0] < 120  # a region, not the world
    assert fig.layout.geo.projection.rotation.lon == pytest.approx(sum(lon_range) / 2)
    ring = [t for t in fig.data if t.name == "Selected place"]
    assert len(ring) == 1 and (ring[0].lat, ring[0].lon) == ((row["lat"],), (row["lon"],))
    assert not any(t.name == "Selected place" for t in base.data)  # the talk's map is left as it was
    assert base.layout.geo.projection.type != "mercator"


def test_an_event_without_coordinates_gets_the_whole_map() -> None:
    base = talk_figures.talk_map(index_events(talk_events()), ViewState())
    fig = talk_figures.map_for_event(base, float("nan"), None)
    assert not any(t.name == "Selected place" for t in fig.data)
    assert fig.layout.geo.projection.type != "mercator"


@pytest.mark.parametrize("name", talk_figures.CHART_NAMES)
def test_every_chart_can_be_exported_as_a_still_titled_picture(name) -> None:
    fig = talk_figures.chart(index_events(kuril_events()), ViewState(), name, title=f"{name} <b>x</b>")
    assert fig.data, name
    assert not fig.frames and not fig.layout.sliders and not fig.layout.updatemenus
    assert fig.layout.title.text == f"{name} &lt;b&gt;x&lt;/b&gt;"
    assert fig.layout.paper_bgcolor == "white"  # an image file has no app theme behind it


def test_an_unknown_chart_name_is_refused() -> None:
    with pytest.raises(ValueError, match="no chart called"):
        talk_figures.chart(index_events(talk_events()), ViewState(), "Pie")


def test_a_talk_scope_of_hand_picked_events_has_only_them() -> None:
    events = talk_events()
    index = index_events(events)
    picked_frame, _ = present.pick_events(events, ["summit", "shimoda"])
    scope_index, scope_view = talk_figures.talk_scope(index, ViewState(filters=Filters(types=("poll",))), picked_frame)
    assert list(talk_figures.scope_events(scope_index, scope_view)["id"]) == ["summit", "shimoda"]
    assert talk_figures.talk_scope(index, ViewState())[0] is index


def test_picked_events_come_in_the_presenters_order_without_unknown_ids() -> None:
    index = index_events(talk_events())
    chosen = talk_figures.picked_events(index, ["summit", "gone", "shimoda", "summit"])
    assert list(chosen["id"]) == ["summit", "shimoda"]
    assert talk_figures.picked_events(index, []).empty
