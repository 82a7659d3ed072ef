"""Review: the drafts as an editable table, the evidence highlighted in the text, and the accepted rows as
a checked file that :func:`diplotime.store.import_events` stores as one undoable batch.

The accepted rows become a canonical CSV in memory and go through :func:`diplotime.pipeline.check_file`,
exactly as an uploaded file does: the same date, type, country and source checks, the same problems
table, the same stable ids (so importing the same events twice adds nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

import pandas as pd

from diplotime import schema
from diplotime.draft.document import Article
from diplotime.draft.extract import Draft
from diplotime.pipeline import check_file
from diplotime.text import escape_markdown
from diplotime.validate import ValidationResult

REVIEW_COLUMNS = (
    "accept",
    "date",
    "end_date",
    "event_type",
    "title",
    "actors",
    "countries",
    "location",
    "status",
    "ambiguous",
    "note",
    "new_actors",
    "evidence",
)
STATUSES = ("happened", "planned")
FORMAT = "article"  # the batch's format, as the Batches page lists it


def review_frame(drafts: Iterable[Draft]) -> pd.DataFrame:
    """One row per draft, in text order; lists are ';'-joined as in an event CSV."""
    rows = [
        {
            "accept": d.accept,
            "date": d.date,
            "end_date": d.end_date,
            "event_type": d.event_type,
            "title": d.title,
            "actors": "; ".join(d.actors),
            "countries": "; ".join(d.countries),
            "location": d.location,
            "status": d.status,
            "ambiguous": d.ambiguous,
            "note": d.note,
            "new_actors": "; ".join(d.new_actors),
            "evidence": d.evidence,
        }
        for d in sorted(drafts, key=lambda d: (not d.date, d.start))
    ]
    return pd.DataFrame(rows, columns=list(REVIEW_COLUMNS)).astype(
        {"accept": bool, "ambiguous": bool, **{c: object for c in REVIEW_COLUMNS if c not in ("accept", "ambiguous")}}
    )


def citation(article: Article, published: dt.date | None) -> str:
    """The source of every imported event: the article's URL, else 'Site, "Title", 16 Jan 2019'."""
    if article.url:
        return article.url
    parts = [p for p in (article.site, f"“{article.title}”" if article.title else "") if p]
    if published:
        parts.append(published.isoformat())
    return ", ".join(parts) or "news article"


def accepted_csv(table: pd.DataFrame, source: str, dataset: str) -> bytes:
    """The accepted rows of the review table as a canonical event CSV (UTF-8)."""
    buffer = io.StringIO()
    columns = [
        "date",
        "end_date",
        "title",
        "event_type",
        "actors",
        "countries",
        "location",
        "description",
        "source",
        "tags",
        "dataset",
    ]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for _, row in table.iterrows():
        if not _true(row.get("accept")):
            continue
        status = _text(row.get("status"))
        tags = ["from-article"] + ([status] if status in STATUSES else [])
        writer.writerow(
            [
                _text(row.get("date")),
                _text(row.get("end_date")),
                _text(row.get("title")) or _text(row.get("evidence"))[:120],
                _text(row.get("event_type")) or "other",
                _list(row.get("actors")),
                _list(row.get("countries")),
                _text(row.get("location")),
                _text(row.get("evidence")),
                source,
                ";".join(tags),
                dataset,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def check_accepted(table: pd.DataFrame, source: str, dataset: str, name: str) -> tuple[bytes, ValidationResult | None]:
    """The accepted rows checked like an upload: (the CSV, its result), or (b'', None) when none is accepted."""
    data = accepted_csv(table, source, dataset)
    if data.count(b"\n") <= 1:
        return b"", None
    return data, check_file(data, name)


def batch_name(article: Article) -> str:
    """The batch's 'file' on the Batches page: 'article: <title or URL>'."""
    return ("article: " + (article.title or article.url or "pasted text"))[:200]


def _true(value: object) -> bool:
    return bool(value) and not (isinstance(value, float) and pd.isna(value))


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _list(value: object) -> str:
    return schema.LIST_SEPARATOR.join(p.strip() for p in _text(value).split(";") if p.strip())


def highlighted_markdown(text: str, drafts: Iterable[Draft], limit: int = 60_000) -> str:
    """The article as safe Markdown with each evidence sentence highlighted (and its time expression in bold).

    Everything from the article is escaped, so no Markdown, HTML or link in it takes effect.
    """
    spans: dict[tuple[int, int], set[str]] = {}
    for d in drafts:
        if d.stop <= limit:
            spans.setdefault((d.start, d.stop), set()).add(d.when_text)
    out, pos = [], 0
    for (start, stop), whens in sorted(spans.items()):
        if start < pos:
            continue
        out.append(_escape_block(text[pos:start]))
        out.append(":orange-background[" + _emphasise(text[start:stop], whens) + "]")
        pos = stop
    out.append(_escape_block(text[pos:limit]))
    return "".join(out)


def _emphasise(sentence: str, whens: set[str]) -> str:
    """The sentence with every time expression of its events in bold (a sentence may date several events)."""
    found = sorted((at, when) for when in whens if when and (at := sentence.find(when)) >= 0)
    out, pos = [], 0
    for at, when in found:
        if at < pos:  # overlaps one already in bold
            continue
        out.append(_escape_inline(sentence[pos:at]) + "**" + _escape_inline(when) + "**")
        pos = at + len(when)
    out.append(_escape_inline(sentence[pos:]))
    return "".join(out)


def _escape_inline(text: str) -> str:
    return escape_markdown(text.replace("\n", " "))


def _escape_block(text: str) -> str:
    return escape_markdown(text)
