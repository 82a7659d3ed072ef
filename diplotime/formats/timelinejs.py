"""The Knight Lab TimelineJS sheet template (Google Sheet or CSV with the 18 template headers).

Year/Month/Day (and End Year/…) become dates at the precision given; Headline is the title; Text's HTML
is reduced to plain text; Group becomes a tag (and the event type when it names one); Media is the
source when it is an http(s) link. Rows of Type ``title`` (the title slide) are not events and are only
reported. Rows of Type ``era`` (shaded spans) are imported as events of type ``other`` tagged ``era``,
so no row is lost and an era can be filtered out by its tag. The sheet has no ids: events get the
derived key, and ``extra`` keeps the source row number.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd

from diplotime.errors import UnusableFile
from diplotime.formats.base import MapOptions, MappedTable, assemble, column
from diplotime.read.table import RawTable
from diplotime.schema import header_key, normalise_event_type
from diplotime.text import is_http_url, plural

NAME = "timelinejs"
LABEL = "TimelineJS sheet (Year, Month, Day, …, Headline, Text, Media, Type, Group)"

FIELDS = (
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
)
TITLE_LENGTH = 120


def _columns(table: RawTable) -> dict[str, str]:
    return {header_key(h): h for h in table.headers if header_key(h) in FIELDS}


def detect(table: RawTable) -> float:
    names = _columns(table)
    return 1.0 if {"year", "headline"} <= set(names) and len(names) >= 5 else 0.0


class _PlainText(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """HTML reduced to plain text: html_to_text('<p>Abe &amp; Putin</p><p>met</p>') -> 'Abe & Putin\\nmet'."""
    if "<" not in value:
        return html.unescape(value).strip()
    parser = _PlainText()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def compose_date(year: str, month: str, day: str) -> str:
    """Split date cells -> one date text: compose_date('2016', '12', '5') -> '2016-12-05'; ('1855', '', '') -> '1855'."""
    parts = [p.strip() for p in (year, month, day)]
    if not parts[0]:
        return ""
    if parts[0].lstrip("-").isdigit() and not parts[0].startswith("-"):
        parts[0] = parts[0].zfill(4)
    out = parts[0]
    for part in parts[1:]:
        if not part:
            break
        out += "-" + (part.zfill(2) if part.isdigit() else part)
    return out


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    names = _columns(table)
    blank = pd.Series([""] * len(table.frame), index=table.frame.index, dtype=object)
    cells = {f: column(table.frame, names[f]) if f in names else blank for f in FIELDS}
    kind = cells["type"].str.casefold()
    title_rows = (kind == "title").to_numpy()
    warnings = []
    for i in np.flatnonzero(title_rows):
        shown = cells["headline"].iloc[i] or html_to_text(cells["text"].iloc[i])[:60]
        warnings.append(
            f"row {table.rows.iloc[i]} is the timeline's title slide ({shown!r}); it is not an event "
            "and was not imported"
        )
    keep = ~title_rows
    if not keep.any():
        raise UnusableFile("this TimelineJS sheet has only a title slide and no events")
    cells = {f: v[keep].reset_index(drop=True) for f, v in cells.items()}
    rows = table.rows[keep].reset_index(drop=True)
    era = (kind[keep] == "era").to_numpy()
    if era.any():
        warnings.append(
            f"{plural(int(era.sum()), 'era row')} (shaded spans, not events) {'was' if int(era.sum()) == 1 else 'were'} imported as events of type "
            "'other' tagged 'era'"
        )
    text = cells["text"].map(html_to_text)
    headline = cells["headline"].map(html_to_text)
    title = headline.where(headline != "", text.str.split("\n").str[0].str.slice(0, TITLE_LENGTH))
    groups = cells["group"]
    typed = groups.map(lambda g: normalise_event_type(g) if g else ("", True))
    event_type = np.where(era, "other", [t if known else "" for t, known in typed])
    unknown = np.array([not known for _, known in typed], dtype=bool) & (groups != "").to_numpy()
    lanes = groups[unknown]
    if len(lanes):
        listed = ", ".join(f"{g!r} ({n})" for g, n in lanes.value_counts().head(10).items())
        warnings.append(f"TimelineJS groups that are not event types were kept as tags: {listed}")
    tags = [
        ";".join(t for t in ("timelinejs", g.replace(";", ","), "era" if e else "") if t) for g, e in zip(groups, era)
    ]
    media = cells["media"]
    source = media.where(media.map(is_http_url), cells["media credit"])
    dates = [compose_date(*p) for p in zip(cells["year"], cells["month"], cells["day"])]
    ends = [compose_date(*p) for p in zip(cells["end year"], cells["end month"], cells["end day"])]
    return assemble(
        NAME,
        rows,
        {
            "date": dates,
            "end_date": ends,
            "title": title,
            "event_type": event_type,
            "description": text,
            "source": source,
            "tags": tags,
        },
        {
            "source_dataset": "TimelineJS",
            "source_row": rows.astype(str),
            "display_date": cells["display date"],
            "time": cells["time"],
            "end_time": cells["end time"],
            "media": media,
            "media_credit": cells["media credit"],
            "media_caption": cells["media caption"].map(html_to_text),
            "group": groups,
            "type": cells["type"],
            "background": cells["background"],
        },
        {
            "Year + Month + Day": "date",
            "End Year + End Month + End Day": "end_date",
            "Headline": "title",
            "Group": "event_type",
            "Text (HTML as plain text)": "description",
            "Media / Media Credit": "source",
        },
        warnings=warnings,
        source_rows=len(table.frame),
        set_aside=int(title_rows.sum()),
    )
