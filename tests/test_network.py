"""Who met whom: the network's nodes, edge weights and colours, its bound at scale, its figure, exports and page."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from diplotime import store
from diplotime.explore import Filters, ViewState, index_events
from diplotime.explore.link import Era, decode_view, encode_view
from diplotime.explore.network import actor_network, edge_events
from diplotime.figures import charts
from diplotime.figures.network import network_figure, network_gexf, network_graphml
from diplotime.synthetic import synthetic_events
from tests.fixtures import open_page, small_events

ROOT = Path(__file__).resolve().parent.parent
TABLE = """\
id,date,title,actors,countries
a,2019-01-14,Talks,Taro Kono;Sergey Lavrov,JPN;RUS
b,2019-01-22,Summit,Shinzo Abe;Vladimir Putin;Sergey Lavrov;Taro Kono,JPN;RUS;RUS;JPN
c,2019-05-10,Talks again,Sergey Lavrov;Taro Kono,RUS;JPN
d,2019-06-29,Osaka,Shinzo Abe;Vladimir Putin,JPN;RUS
e,2020-01-01,Alone,Vladimir Putin,RUS
f,2020-02-01,Listed twice,Shinzo Abe;Shinzo Abe,JPN
g,2021-01-01,No actors,,JPN
h,2019-09-05,Vladivostok,Shinzo Abe;Vladimir Putin,JPN;RUS
"""


def network_of(csv: str = TABLE, **kwargs):  # noqa: ANN003, ANN201
    index = index_events(small_events(csv))
    return index, actor_network(index, np.ones(len(index), dtype=bool), **kwargs)


def weights(network) -> dict[frozenset[str], int]:  # noqa: ANN001
    return {frozenset((s, t)): w for s, t, w in network.edges.itertuples(index=False)}


def test_an_edge_counts_the_events_two_actors_share() -> None:
    _, network = network_of()
    assert weights(network) == {
        frozenset(("Taro Kono", "Sergey Lavrov")): 3,
        frozenset(("Shinzo Abe", "Vladimir Putin")): 3,
        frozenset(("Shinzo Abe", "Sergey Lavrov")): 1,
        frozenset(("Shinzo Abe", "Taro Kono")): 1,
        frozenset(("Vladimir Putin", "Sergey Lavrov")): 1,
        frozenset(("Vladimir Putin", "Taro Kono")): 1,
    }
    assert dict(zip(network.nodes["actor"], network.nodes["events"])) == {
        "Shinzo Abe": 4,
        "Vladimir Putin": 4,
        "Sergey Lavrov": 3,
        "Taro Kono": 3,
    }
    assert network.events == 7  # g names no actor
    assert network.edges["weight"].tolist() == sorted(network.edges["weight"], reverse=True)


def test_an_actor_listed_twice_on_one_event_is_not_linked_to_itself() -> None:
    _, network = network_of()
    assert all(s != t for s, t in zip(network.edges["source"], network.edges["target"]))


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ({}, {"Shinzo Abe": "JPN", "Vladimir Putin": "RUS", "Taro Kono": "JPN", "Sergey Lavrov": "RUS"}),
        ({"Taro Kono": "USA"}, {"Taro Kono": "USA"}),
    ],
    ids=["from the list positions", "declared by the dataset wins"],
)
def test_an_actor_is_coloured_by_the_country_it_acts_for(declared: dict, expected: dict) -> None:
    _, network = network_of(actor_countries=declared)
    countries = dict(zip(network.nodes["actor"], network.nodes["country"]))
    assert {a: countries[a] for a in expected} == expected


def test_an_actor_whose_name_is_a_country_acts_for_it_and_unknown_ones_stay_unknown() -> None:
    csv = "date,title,actors,countries\n1956,Declaration,Soviet Union;Japan;Mediator,JPN\n"
    _, network = network_of(csv)
    assert dict(zip(network.nodes["actor"], network.nodes["country"])) == {
        "Japan": "JPN",
        "Mediator": "",
        "Soviet Union": "RUS",
    }


def test_the_bundled_dataset_declares_the_country_of_its_leading_actors(sqlite_url: str) -> None:
    engine = store.open_store(sqlite_url)
    index = index_events(store.read_events(engine))
    network = actor_network(index, np.ones(len(index), dtype=bool), store.actor_countries(engine))
    countries = dict(zip(network.nodes["actor"], network.nodes["country"]))
    assert {a: countries[a] for a in ("Vladimir Putin", "Shinzo Abe", "Sergey Lavrov", "Fumio Kishida")} == {
        "Vladimir Putin": "RUS",
        "Shinzo Abe": "JPN",
        "Sergey Lavrov": "RUS",
        "Fumio Kishida": "JPN",
    }
    assert (network.nodes["country"] != "").mean() > 0.95


def test_at_a_million_events_the_network_keeps_the_strongest_and_says_so() -> None:
    index = index_events(synthetic_events(1_000_000, seed=5))
    network = actor_network(index, np.ones(len(index), dtype=bool), max_nodes=100, max_edges=300)
    assert len(network.nodes) == 100 and len(network.edges) == 300 and network.trimmed
    assert network.total_nodes > 100 and network.total_edges > 300
    assert "the 100 most active of" in network.summary()
    kept = set(network.nodes["actor"])
    assert set(network.edges["source"]) | set(network.edges["target"]) <= kept
    figure = network_figure(network)
    assert len(figure.to_json()) < 2_000_000  # what the browser receives stays bounded


def test_the_figure_sizes_nodes_by_events_and_carries_clickable_links() -> None:
    _, network = network_of()
    figure = network_figure(network, selected="Taro Kono")
    nodes = [t for t in figure.data if t.customdata is not None and t.customdata[0][0] == "actor"]
    links = [t for t in figure.data if t.customdata is not None and t.customdata[0][0] == "link"]
    assert {c[1] for t in nodes for c in t.customdata} == set(network.nodes["actor"])
    assert len(links) == 1 and len(links[0].customdata) == len(network.edges)
    assert {t.name for t in nodes} == {"Japan", "Russia"}
    ringed = [w for t in nodes for a, w in zip([c[1] for c in t.customdata], t.marker.line.width) if a == "Taro Kono"]
    assert ringed == [4]


def test_a_network_with_no_actors_says_so() -> None:
    _, network = network_of("date,title,actors\n2019,One,\n")
    figure = network_figure(network)
    assert network.nodes.empty and "No actors" in figure.layout.annotations[0].text


def test_the_gexf_and_graphml_files_open_in_networkx_with_weights() -> None:
    _, network = network_of()
    for data, reader in ((network_gexf(network), nx.read_gexf), (network_graphml(network), nx.read_graphml)):
        ET.fromstring(data)  # well-formed XML
        graph = reader(io.BytesIO(data))
        assert graph.number_of_nodes() == 4 and graph.number_of_edges() == len(network.edges)
        assert int(graph["Taro Kono"]["Sergey Lavrov"]["weight"]) == 3


def test_a_link_lists_the_events_both_actors_share_within_the_period() -> None:
    index, _ = network_of()
    view = ViewState()
    assert list(charts.network_link_events(index, view, "Taro Kono", "Sergey Lavrov")["id"]) == ["a", "b", "c"]
    spring = ViewState(period=Era(dt.date(2019, 1, 20), dt.date(2019, 12, 31), ""))
    assert list(charts.network_link_events(index, spring, "Taro Kono", "Sergey Lavrov")["id"]) == ["b", "c"]
    assert len(edge_events(index, np.ones(len(index), dtype=bool), "Taro Kono", "Nobody")) == 0


def test_the_period_narrows_the_network_and_round_trips_in_the_link() -> None:
    index, _ = network_of()
    view = ViewState(filters=Filters(countries=("JPN",)), period=Era(dt.date(2019, 6, 1), dt.date(2020, 12, 31), ""))
    result = charts.network(index, view)
    assert weights(result.network) == {frozenset(("Shinzo Abe", "Vladimir Putin")): 2}
    assert decode_view(encode_view(view))[0] == view
    assert encode_view(view)["period"] == ["2019-06..2020"]


# ---------------------------------------------------------------- the page


def open_network(query: dict | None = None) -> AppTest:
    return open_page("pages/network.py", query)


def nodes_drawn(at: AppTest) -> set[str]:
    import json

    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {c[1] for t in figure["data"] for c in (t.get("customdata") or []) if c[0] == "actor"}


def test_the_page_draws_the_network_of_the_view_and_a_click_filters_by_the_actor(kuril_store: str) -> None:
    at = open_network({"type": "summit"})
    assert not at.exception
    assert {"Vladimir Putin", "Shinzo Abe"} <= nodes_drawn(at)
    at.session_state["network_chart"] = {"selection": {"points": [{"customdata": ["actor", "Shinzo Abe", ""]}]}}
    at.run()
    assert at.sidebar.multiselect(key="f_actors").value == ["Shinzo Abe"]


def test_a_click_on_a_link_lists_its_events(kuril_store: str) -> None:
    at = open_network()
    at.session_state["network_chart"] = {
        "selection": {"points": [{"customdata": ["link", "Shinzo Abe", "Vladimir Putin"]}]}
    }
    at.run()
    assert not at.exception
    heading = " ".join(h.value for h in at.subheader)
    assert "Shinzo Abe and Vladimir Putin" in heading


def test_the_period_slider_comes_from_the_link(kuril_store: str) -> None:
    at = open_network({"period": "2016..2019"})
    assert at.slider(key="w_period").value == (2016, 2019)
    everything = open_network()
    assert nodes_drawn(at) < nodes_drawn(everything)
