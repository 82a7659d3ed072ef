"""Two views side by side: the same lanes, time axes of the same length, counts on the same scale, one link."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from diplotime.explore import Filters, ViewState, index_events
from diplotime.explore.link import decode_view, encode_view
from diplotime.figures import charts
from diplotime.figures.compare import only_events, same_span, stacked_maximum
from tests.fixtures import kuril_events, open_page

ROOT = Path(__file__).resolve().parent.parent
NINETIES = Filters(date_from=dt.date(1997, 1, 1), date_to=dt.date(2001, 12, 31))
ABE_YEARS = Filters(date_from=dt.date(2016, 1, 1), date_to=dt.date(2019, 12, 31))


@pytest.fixture(scope="module")
def index():  # noqa: ANN201
    return index_events(kuril_events())


def drawn_ids(figure) -> set[str]:  # noqa: ANN001
    return {
        str(c[0])
        for t in figure.data
        if t.customdata is not None
        for c in t.customdata
        if len(c) and not str(c[0]).startswith("period:")
    }


def test_each_side_draws_only_its_own_events_on_the_same_lanes(index) -> None:  # noqa: ANN001
    first, second = charts.compare_timelines(index, ViewState(filters=NINETIES, compare=ABE_YEARS))
    assert (first.matched, second.matched) == (
        int(charts.filter_mask(index, NINETIES).sum()),
        int(charts.filter_mask(index, ABE_YEARS).sum()),
    )
    years = {e: d[:4] for e, d in zip(index.events["id"], index.events["date"])}
    assert {years[i] for i in drawn_ids(first.figure)} <= {str(y) for y in range(1997, 2002)}
    assert {years[i] for i in drawn_ids(second.figure)} <= {str(y) for y in range(2016, 2020)}
    assert list(first.figure.layout.yaxis.ticktext) == list(second.figure.layout.yaxis.ticktext)


def test_both_time_axes_span_the_same_length(index) -> None:  # noqa: ANN001
    first, second = charts.compare_timelines(index, ViewState(filters=NINETIES, compare=ABE_YEARS))
    lengths = [
        pd.Timestamp(f.layout.xaxis.range[1]) - pd.Timestamp(f.layout.xaxis.range[0])
        for f in (first.figure, second.figure)
    ]
    assert lengths[0] == lengths[1]
    assert str(first.figure.layout.xaxis.range[0]) < "1998" < "2016" <= str(second.figure.layout.xaxis.range[1])


def test_the_overviews_count_per_the_same_period_on_axes_of_the_same_height(index) -> None:  # noqa: ANN001
    first, second = charts.compare_overviews(index, NINETIES, ABE_YEARS)
    assert first.period == second.period
    assert first.per_period.layout.yaxis.range == second.per_period.layout.yaxis.range
    assert first.per_period.layout.yaxis.range[1] >= max(
        stacked_maximum(first.per_period), stacked_maximum(second.per_period)
    )
    assert first.actors.layout.xaxis.range == second.actors.layout.xaxis.range
    names = [{t.name for t in f.data} for f in (first.per_period, second.per_period)]
    assert names[0] == names[1]  # one legend for both, so the plots are the same size


@pytest.mark.parametrize(
    ("ranges", "length_days"),
    [
        ([(dt.date(1997, 1, 1), dt.date(2001, 12, 31)), (dt.date(2016, 1, 1), dt.date(2016, 6, 30))], 1825),
        ([(dt.date(2019, 1, 14), dt.date(2019, 1, 22))], 30),
    ],
)
def test_same_span_gives_every_side_the_longest_length(ranges, length_days) -> None:  # noqa: ANN001
    spans = same_span(ranges)
    widths = {(dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days for a, b in spans}
    assert len(widths) == 1 and widths.pop() >= length_days


def test_only_events_keeps_the_layout_and_just_the_named_points(index) -> None:  # noqa: ANN001
    result = charts.timeline(index, ViewState(filters=ABE_YEARS))
    keep = {"2019-01-14-kono-lavrov-talks", "2019-01-22-abe-putin-kremlin-talks"}
    cut = only_events(result.figure, keep)
    assert drawn_ids(cut) == keep and cut.layout.yaxis.ticktext == result.figure.layout.yaxis.ticktext


def test_both_views_are_in_one_link() -> None:
    view = ViewState(filters=NINETIES, compare=ABE_YEARS)
    params = encode_view(view)
    assert params["compare"] == ["1"] and params["b.from"] == ["2016"] and params["from"] == ["1997"]
    assert decode_view(params)[0] == view
    assert decode_view({"compare": "1"})[0].compare == Filters()
    assert decode_view({"b.type": "summit"})[0].compare == Filters(types=("summit",))


@pytest.mark.parametrize("page", ["pages/timeline.py", "pages/overview.py"])
def test_a_comparison_link_opens_two_views_and_the_second_has_its_own_filters(kuril_store: str, page: str) -> None:
    at = open_page(page, {"from": "1997", "to": "2001", "compare": "1", "b.from": "2016", "b.to": "2019"})
    assert not at.exception
    assert at.text_input(key="c_from").value == "2016"
    charts_drawn = at.get("plotly_chart")
    assert len(charts_drawn) >= 2
    at.text_input(key="c_from").set_value("Jan 2019").run()
    headings = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Second view:** 2019 ·" in headings
    at.button(key="compare_close").click().run()
    assert not at.exception and at.button(key="compare_open")


def test_the_second_views_dates_say_what_is_wrong(kuril_store: str) -> None:
    at = open_page("pages/timeline.py", {"compare": "1"})
    at.text_input(key="c_from").set_value("19/19/2019").run()
    assert not at.exception
    assert any("19/19/2019" in c.value.replace("\\", "") for c in at.caption)
    first = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert first["data"]
