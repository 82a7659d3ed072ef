"""The network of who met whom: actors placed by a seeded force layout (networkx), sized by their events,
coloured by the country they act for; links drawn thicker for more shared events.

Links are drawn as lines (Plotly lines take no clicks), with an invisible marker at each link's middle that
carries the pair, so hovering or clicking a link names it and the page can list its events. A layout is
seeded, so the same network is drawn the same way every time (and in exports).
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from diplotime import names
from diplotime.explore.network import Network
from diplotime.figures.style import OUTLINE, base_layout
from diplotime.text import plotly_text, shorten

# One colour per country, in order of appearance: Okabe–Ito, then Tol's muted scheme (colour-blind safe).
COUNTRY_COLOURS = (
    "#D55E00",
    "#0072B2",
    "#009E73",
    "#E69F00",
    "#CC79A7",
    "#56B4E9",
    "#882255",
    "#117733",
    "#332288",
    "#999933",
    "#AA4499",
    "#44AA99",
)
UNKNOWN = "#9A9A9A"
LABELLED = 15  # the most active actors get a name on the chart; every node has it on hover
WIDTH_STEPS = (1, 2, 4, 8)  # link weights drawn at widths 1, 2, 3.5 and 5.5 pixels


def layout_positions(network: Network, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Actor -> (x, y) in [-1, 1]: each connected group laid out by the Fruchterman–Reingold force layout,
    the groups packed in rows, largest first, each given room in proportion to its size (a force layout of
    the whole graph would push the small groups to a ring at the edge and crush the large one)."""
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes["actor"])
    graph.add_weighted_edges_from(network.edges[["source", "target", "weight"]].itertuples(index=False))
    if graph.number_of_nodes() == 0:
        return {}
    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), min(g)))
    placed: dict[str, tuple[float, float]] = {}
    sides = [len(g) ** 0.65 for g in groups]  # a large group needs more room than its share of nodes
    row_width = max(np.sqrt(sum(side * side for side in sides)) * 1.25, sides[0])
    x = y = row_height = 0.0
    for group, side in zip(groups, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        part = graph.subgraph(group)
        if len(group) == 1:
            inner = {next(iter(group)): np.array([0.0, 0.0])}
        else:
            inner = nx.spring_layout(
                part, k=2.5 / np.sqrt(len(group)), seed=seed, iterations=150, scale=1.0, weight=None
            )  # unweighted: a strong pair would pull its whole group in
        for actor, (ax, ay) in inner.items():
            placed[str(actor)] = (x + side / 2 + ax * side * 0.42, -(y + side / 2 + ay * side * 0.42))
        x += side
        row_height = max(row_height, side)
    xs, ys = np.array([p[0] for p in placed.values()]), np.array([p[1] for p in placed.values()])
    span = max(np.ptp(xs), np.ptp(ys), 1e-9) / 2
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    return {a: (float((px - cx) / span), float((py - cy) / span)) for a, (px, py) in placed.items()}


def country_colours(countries: pd.Series) -> dict[str, str]:
    """A colour per country, the most frequent first; the unknown country ('') is grey."""
    out = {"": UNKNOWN}
    for i, code in enumerate(c for c in countries.value_counts().index if c):
        out[str(code)] = COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)]
    return out


def network_figure(
    network: Network, positions: Mapping[str, tuple[float, float]] | None = None, height: int = 720, selected: str = ""
) -> go.Figure:
    """The network; ``selected`` (an actor) is ringed and its links drawn darker."""
    positions = positions if positions is not None else layout_positions(network)
    fig = go.Figure(layout=base_layout(height))
    fig.update_layout(
        xaxis={"visible": False, "range": [-1.15, 1.15], "fixedrange": False},
        yaxis={"visible": False, "range": [-1.12, 1.12]},  # stretched to the chart's width: more room for labels
        hovermode="closest",
        clickmode="event+select",
        dragmode="pan",
        legend={
            "title": {"text": "Acts for"},
            "itemsizing": "constant",
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
            "x": 0,
            "xanchor": "left",
        },
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        uirevision="network",
    )
    if network.nodes.empty:
        fig.add_annotation(text="No actors in the events of this view", showarrow=False, x=0, y=0, font={"size": 18})
        return fig
    _add_links(fig, network.edges, positions, selected)
    _add_nodes(fig, network.nodes, positions, selected)
    return fig


def _add_links(
    fig: go.Figure, edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]], selected: str
) -> None:
    if edges.empty:
        return
    steps = np.searchsorted(np.array(WIDTH_STEPS), edges["weight"].to_numpy(), side="right")
    for step in sorted(set(steps.tolist())):
        xs, ys = _segments(edges[steps == step], positions)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": 0.5 + 1.5 * step, "color": "rgba(110,110,110,0.45)"},
                name=f"links {step}",
            )
        )
    if selected:
        xs, ys = _segments(edges[(edges["source"] == selected) | (edges["target"] == selected)], positions)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": 2.5, "color": "rgba(40,40,40,0.9)"},
                name="selected links",
            )
        )
    middle_x = [(positions[s][0] + positions[t][0]) / 2 for s, t in zip(edges["source"], edges["target"])]
    middle_y = [(positions[s][1] + positions[t][1]) / 2 for s, t in zip(edges["source"], edges["target"])]
    hover = [
        f"{plotly_text(s)} — {plotly_text(t)}<br>{w:,} shared event{'s' if w != 1 else ''}"
        for s, t, w in zip(edges["source"], edges["target"], edges["weight"])
    ]
    fig.add_trace(
        go.Scatter(
            x=middle_x,
            y=middle_y,
            mode="markers",
            name="link",
            showlegend=False,
            marker={"size": 14, "color": "rgba(0,0,0,0)"},
            hovertext=hover,
            hoverinfo="text",
            customdata=[["link", s, t] for s, t in zip(edges["source"], edges["target"])],
        )
    )


def _segments(
    edges: pd.DataFrame, positions: Mapping[str, tuple[float, float]]
) -> tuple[list[float | None], list[float | None]]:
    """One line trace's x and y for many links: each link's two ends, then a gap (None)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for source, target in zip(edges["source"], edges["target"]):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return xs, ys


def _add_nodes(
    fig: go.Figure, nodes: pd.DataFrame, positions: Mapping[str, tuple[float, float]], selected: str
) -> None:
    colours = country_colours(nodes["country"])
    biggest = max(int(nodes["events"].max()), 1)
    ranked = set(nodes["actor"].head(LABELLED))
    for country in dict.fromkeys([*nodes["country"][nodes["country"] != ""], ""]):
        part = nodes[nodes["country"] == country]
        if part.empty:
            continue
        sizes = 10 + 34 * np.sqrt(part["events"].to_numpy() / biggest)
        fig.add_trace(
            go.Scatter(
                x=[positions[a][0] for a in part["actor"]],
                y=[positions[a][1] for a in part["actor"]],
                mode="markers+text",
                name=names.country_name(country) if country else "Not known",
                marker={
                    "size": sizes,
                    "color": colours[country],
                    "line": {
                        "width": [4 if a == selected else 1.5 for a in part["actor"]],
                        "color": ["#111111" if a == selected else OUTLINE for a in part["actor"]],
                    },
                },
                text=[plotly_text(shorten(a, 28)) if a in ranked or a == selected else "" for a in part["actor"]],
                textposition="top center",
                textfont={"size": 13},
                hovertext=[
                    f"<b>{plotly_text(a)}</b><br>{n:,} event{'s' if n != 1 else ''}"
                    + (f"<br>{plotly_text(names.country_name(country))}" if country else "")
                    for a, n in zip(part["actor"], part["events"])
                ],
                hoverinfo="text",
                customdata=[["actor", a, ""] for a in part["actor"]],
            )
        )


def network_gexf(network: Network) -> bytes:
    """The network as GEXF (Gephi): nodes with their events and country, edges with their weight."""
    buffer = io.BytesIO()
    nx.write_gexf(_graph(network), buffer)
    return buffer.getvalue()


def network_graphml(network: Network) -> bytes:
    """The network as GraphML (Gephi, yEd, Cytoscape)."""
    buffer = io.BytesIO()
    nx.write_graphml(_graph(network), buffer)
    return buffer.getvalue()


def _graph(network: Network) -> nx.Graph:
    graph = nx.Graph()
    for actor, events, country in network.nodes[["actor", "events", "country"]].itertuples(index=False):
        graph.add_node(str(actor), label=str(actor), events=int(events), country=str(country))
    for source, target, weight in network.edges[["source", "target", "weight"]].itertuples(index=False):
        graph.add_edge(str(source), str(target), weight=int(weight))
    return graph
