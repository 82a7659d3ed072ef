"""An article as the user gives it (pasted text, .txt, .html, .pdf or .eml) -> its text, title, publication date and URL.

What the document says about itself is taken first: HTML metadata (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``, read by trafilatura, which also drops menus and boilerplate),
the PDF's document information, an e-mail's ``Date`` and ``Subject`` headers. Plain text has no metadata,
so its first lines are searched: a dateline (``MOSCOW, 27 мая - РИА Новости``, ``TOKYO, September 3. /TASS/``)
or a date line (``04.01.2019 11:09``, ``March 21, 2017 TASS``, ``21 января 2019, 18:04``). A dateline with no
year is completed only from a full date elsewhere in those lines, never from today. Every finding says
where it came from, so the page can show it and the user can change it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import io
import re
from dataclasses import dataclass

from diplotime.errors import UnusableFile
from diplotime.validate.dates import parse_any_date

MAX_BYTES = 20_000_000
MAX_CHARS = 200_000  # longer texts are cut (a long report is not a news article)
KINDS = ("txt", "html", "pdf", "eml")


@dataclass(frozen=True)
class Article:
    """The article's text and what it says about itself."""

    text: str
    kind: str  # txt | html | pdf | eml | pasted
    title: str = ""
    published: dt.date | None = None
    published_from: str = ""  # where the date was found: 'HTML metadata', 'dateline', …
    url: str = ""
    site: str = ""
    cut: bool = False  # the text was longer than MAX_CHARS and was cut


def kind_of(name: str, data: bytes) -> str:
    """The kind of document, from its first bytes and then its name: kind_of('a.bin', b'%PDF-1.4') -> 'pdf'."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:600] or b"<head" in head[:600]:
        return "html"
    lowered = name.lower()
    for kind in ("html", "htm", "pdf", "eml", "txt", "text", "md"):
        if lowered.endswith("." + kind):
            return {"htm": "html", "text": "txt", "md": "txt"}.get(kind, kind)
    if re.match(rb"(?:(?:received|from|to|subject|date|message-id|mime-version|return-path):.*\r?\n)+", head):
        return "eml"
    return "txt"


def read_article(data: bytes, name: str = "") -> Article:
    """Read a dropped file. Raises UnusableFile when it is empty, binary or cannot be read at all."""
    if not data.strip():
        raise UnusableFile("the file is empty")
    if len(data) > MAX_BYTES:
        raise UnusableFile(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    kind = kind_of(name, data)
    if kind == "pdf":
        return _pdf(data)
    if kind == "eml":
        return _eml(data)
    text = _decode(data)
    return from_html(text) if kind == "html" else from_text(text, "txt")


def from_text(text: str, kind: str = "pasted") -> Article:
    """Pasted or plain text: the title is its first line, the date from its first lines (dateline or date line)."""
    text, cut = _limit(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    published, where = header_date(lines[:6])
    title = lines[0] if lines and len(lines[0]) <= 200 and not _DATE_LINE.fullmatch(lines[0]) else ""
    return Article(text=text, kind=kind, title=title[:300], published=published, published_from=where, cut=cut)


def _limit(text: str) -> tuple[str, bool]:
    return (text[:MAX_CHARS], True) if len(text) > MAX_CHARS else (text, False)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile("the file is not text (it holds binary data)")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnusableFile("the file's text encoding cannot be detected")
    return str(best)


# ---------------------------------------------------------------- dates in the first lines

_DATE_LINE = re.compile(r"[\d.:/ ,\-–]+")
_CANDIDATES = (
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{4}年\d{1,2}月\d{1,2}日"),
    re.compile(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b", re.I
    ),
    re.compile(r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b", re.I),
    re.compile(r"\b\d{1,2}\s+[а-яё]+\.?,?\s+\d{4}\b", re.I),
)
# "MOSCOW, 27 мая - РИА Новости", "TOKYO, September 3. /TASS/", "MANILA, August 6. /TASS/"
_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .\-]{2,40},\s+(?P<date>(?:[A-Za-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-zА-Яа-яё]+))\b\s*[.\-–—/]"
)
_RU_MONTHS_NOMINATIVE = {
    "январь": "января",
    "февраль": "февраля",
    "март": "марта",
    "апрель": "апреля",
    "май": "мая",
    "июнь": "июня",
    "июль": "июля",
    "август": "августа",
    "сентябрь": "сентября",
    "октябрь": "октября",
    "ноябрь": "ноября",
    "декабрь": "декабря",
}


def header_date(lines: list[str]) -> tuple[dt.date | None, str]:
    """The publication date in an article's first lines, and what gave it ('date line', 'dateline').

    >>> header_date(["MOSCOW, 27 мая - РИА Новости. …", "27.05.2022"])
    (datetime.date(2022, 5, 27), 'dateline')
    """
    full: list[dt.date] = []
    for line in lines:
        for pattern in _CANDIDATES:
            for m in pattern.finditer(line[:300]):
                day = _full_date(m.group(0))
                if day is not None:
                    full.append(day)
    for line in lines:
        dateline = _DATELINE.match(line)
        if not dateline:
            continue
        for year in sorted({d.year for d in full}):
            day = _full_date(f"{dateline['date']} {year}")
            if day is not None:
                return day, "dateline"
    if full:
        return full[0], "date line"
    return None, ""


def _full_date(text: str) -> dt.date | None:
    words = text.replace(",", " ").split()
    words = [_RU_MONTHS_NOMINATIVE.get(w.casefold(), w) for w in words]
    try:
        date = parse_any_date(" ".join(words), "dmy")
    except ValueError:
        return None
    return date.start() if date.precision == "day" and 1900 <= date.year <= 2100 else None


# ---------------------------------------------------------------- HTML, PDF, e-mail


def from_html(html: str) -> Article:
    """An HTML page: its main text (menus and boilerplate left out), title, date and canonical URL."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: Streamlit runs pages in threads
    text = trafilatura.extract(html, config=config, include_comments=False, include_tables=False, favor_recall=True)
    meta = trafilatura.extract_metadata(html)
    if not text:
        text = _visible_text(html)
    if not text or not text.strip():
        raise UnusableFile("the page holds no text")
    title = (meta.title if meta and meta.title else "") or ""
    published, where = None, ""
    if meta and meta.date:
        try:
            published, where = dt.date.fromisoformat(meta.date[:10]), "the page's metadata"
        except ValueError:
            published = None
    text, cut = _limit(text)
    if published is None:
        published, where = header_date([line for line in text.split("\n") if line.strip()][:6])
    url = meta.url if meta and meta.url and meta.url.startswith(("http://", "https://")) else ""
    site = (meta.sitename or "") if meta else ""
    return Article(text, "html", title[:300], published, where, url, site[:100], cut)


def _visible_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # an unparsable page: nothing to read
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def _pdf(data: bytes) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages[:200]]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnusableFile(f"the PDF cannot be read ({type(exc).__name__})") from None
    text = "\n".join(pages).strip()
    if not text:
        raise UnusableFile("the PDF holds no text (a scan needs text recognition first)")
    article = from_text(text, "pdf")
    title = str(info.title).strip() if info and info.title else article.title
    published, where = article.published, article.published_from
    created = info.creation_date if info else None
    if isinstance(created, dt.datetime):
        published, where = created.date(), "the PDF's document information"
    return Article(article.text, "pdf", title[:300], published, where, "", "", article.cut)


def _eml(data: bytes) -> Article:
    message = email.message_from_bytes(data, policy=email.policy.default)
    subject = str(message.get("Subject", "") or "").strip()
    published, where = None, ""
    if message.get("Date"):
        try:
            published, where = (
                email.utils.parsedate_to_datetime(str(message["Date"])).date(),
                "the e-mail's Date header",
            )
        except (TypeError, ValueError):
            published = None
    body = message.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    if body is None:
        raise UnusableFile("the e-mail has no text part")
    content = body.get_content()
    if body.get_content_type() == "text/html":
        inner = from_html(content)
        text, url = inner.text, inner.url
        if published is None:
            published, where = inner.published, inner.published_from
    else:
        inner = from_text(content, "eml")
        text, url = inner.text, ""
        if published is None:
            published, where = inner.published, inner.published_from
    links = re.findall(r"https?://[^\s<>\"')]+", text)
    return Article(text, "eml", subject[:300] or inner.title, published, where, url or (links[0] if links else ""))
