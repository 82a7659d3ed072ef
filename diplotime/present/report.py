"""A single-file HTML report of a talk that works with no network: open it from a USB stick or an e-mail.

plotly.js is inlined once, the map outlines the figures need are inlined as ``window.PlotlyGeoAssets``
(plotly.js reads them from there instead of fetching them from its CDN), and the styles are in the
page. Every piece of user text is HTML-escaped; the only URLs in the page are the events' own
http(s) sources, as plain links.

>>> topojson_names([go.Figure(go.Scattergeo()).update_geos(resolution=50)])
['world_50m']
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from diplotime.present.images import STATIC_DIR
from diplotime.present.talk import EventCard, Talk

MAX_TABLE_ROWS = 5000
FIGURE_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #5f6b7a; --rule: #d9dee5; --link: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font-family: "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Segoe UI", Arial, sans-serif; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 28px; }
header { padding-top: 36px; padding-bottom: 8px; border-bottom: 1px solid var(--rule); }
h1 { font-size: 2.2rem; margin: 0 0 6px; }
h2 { font-size: 1.4rem; margin: 32px 0 8px; }
.sub { color: var(--muted); margin: 2px 0; font-size: 1.05rem; }
.note { color: var(--muted); font-size: .95rem; }
.figure { width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--rule); }
th { position: sticky; top: 0; background: #f5f7fa; }
td.when { white-space: nowrap; font-weight: 600; }
td .desc { color: var(--muted); margin-top: 4px; }
.type { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: 6px; vertical-align: baseline; }
a { color: var(--link); overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: .85rem; padding-top: 24px; padding-bottom: 36px; }
@media print { .figure { break-inside: avoid; } th { position: static; } }
"""


@dataclass(frozen=True)
class Section:
    """A chart in the report: heading, figure and an optional note under it (plain text)."""

    heading: str
    figure: go.Figure
    note: str = ""


def esc(text: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes): esc('<b>"x"</b>') -> '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'."""
    return html.escape(str(text), quote=True)


def topojson_names(figures: Sequence[go.Figure]) -> list[str]:
    """The topojson files plotly.js will ask for ('world_110m', 'world_50m') to draw these figures' maps."""
    wanted = []
    for fig in figures:
        for trace in fig.data:
            if trace.type not in ("scattergeo", "choropleth"):
                continue
            geo = fig.layout[trace.geo or "geo"]
            scope = (geo.scope or "world").replace(" ", "-")  # plotly.js names files 'north-america_50m'
            wanted.append(f"{scope}_{int(geo.resolution or 110)}m")
    return sorted(dict.fromkeys(wanted))


def geo_assets_script(names: Sequence[str], static_dir: Path = STATIC_DIR) -> str:
    """A <script> that hands plotly.js the map outlines, so it never fetches them."""
    topo = {
        name: json.loads((static_dir / f"{name}.json").read_text(encoding="utf-8"))
        for name in names
        if (static_dir / f"{name}.json").is_file()
    }
    payload = json.dumps({"topojson": topo}, separators=(",", ":")).replace("</", "<\\/")
    return f"<script>window.PlotlyGeoAssets = {payload};</script>"


def figure_html(section: Section, div_id: str) -> str:
    body = pio.to_html(
        section.figure,
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config=FIGURE_CONFIG,
        auto_play=False,
        default_width="100%",
    )
    note = f'<p class="note">{esc(section.note)}</p>' if section.note else ""
    return f'<section><h2>{esc(section.heading)}</h2><div class="figure">{body}</div>{note}</section>'


def source_cell(card: EventCard) -> str:
    if card.source_url:
        return f'<a href="{esc(card.source_url)}" rel="noopener noreferrer" target="_blank">{esc(card.source)}</a>'
    return esc(card.source)


def table_html(cards: Sequence[EventCard], colours: dict[str, str]) -> str:
    rows = []
    for card in cards[:MAX_TABLE_ROWS]:
        colour = esc(colours.get(card.event_type, "#777777"))
        people = "; ".join(card.actors)
        rows.append(
            "<tr>"
            f'<td class="when">{esc(card.date)}</td>'
            f'<td><strong>{esc(card.title)}</strong><div class="desc">{esc(card.description)}</div></td>'
            f'<td><span class="type" style="background:{colour}"></span>{esc(card.type_label)}</td>'
            f'<td>{esc(card.place)}<div class="desc">{esc(card.countries)}</div></td>'
            f"<td>{esc(people)}</td>"
            f"<td>{source_cell(card)}</td>"
            "</tr>"
        )
    cut = (
        (
            f'<p class="note">The table lists the first {MAX_TABLE_ROWS:,} of {len(cards):,} events; '
            "the CSV export has all of them.</p>"
        )
        if len(cards) > MAX_TABLE_ROWS
        else ""
    )
    head = "<tr><th>Date</th><th>Event</th><th>Type</th><th>Place</th><th>Actors</th><th>Source</th></tr>"
    return f'<section><h2>Events</h2>{cut}<table id="events"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></section>'


def build_report(
    talk: Talk,
    cards: Sequence[EventCard],
    sections: Sequence[Section],
    colours: dict[str, str],
    today: dt.date | None = None,
) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    today = today or dt.date.today()
    figures = [s.figure for s in sections]
    count = f"{talk.count:,} event{'s' if talk.count != 1 else ''}" + (
        f" · {talk.date_range}" if talk.date_range else ""
    )
    charts = "".join(figure_html(s, f"chart-{i}") for i, s in enumerate(sections))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(talk.title)} — Diplomacy Timeline</title>"
        f"<style>{STYLE}</style>"
        f"{geo_assets_script(topojson_names(figures))}"
        f'<script charset="utf-8">{get_plotlyjs()}</script>'
        "</head><body>"
        f'<header><h1>{esc(talk.title)}</h1><p class="sub">{esc(count)}</p>'
        f'<p class="sub">{esc(talk.subtitle)}</p></header>'
        f"<main>{charts}{table_html(cards, colours)}</main>"
        f"<footer>Exported from Diplomacy Timeline on {esc(today.isoformat())}. This file works offline: "
        "the charts, their code and the map outlines are inside it.</footer>"
        "</body></html>\n"
    )
