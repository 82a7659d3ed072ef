"""Make untrusted event text safe to show: as Markdown (Streamlit) and as Plotly labels.

Event titles, descriptions, actors and sources come from users' files. They must show as the
characters they are, never as markup, links or template fields.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import urlsplit

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# keeps HTML, links, emphasis, Streamlit directives (:red[...], :material/...:) and $math$ inert.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_markdown(text: str) -> str:
    """Literal text for st.markdown and friends: escape_markdown('<b>x</b>') -> '\\<b\\>x\\</b\\>'."""
    text = _CONTROL.sub("", str(text))
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    # A newline inside a paragraph would otherwise be joined with a space; keep the author's breaks.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def plotly_text(text: str, width: int = 0) -> str:
    """Literal text for Plotly hover labels: plotly_text('<b>x</b>') -> '&lt;b&gt;x&lt;/b&gt;'.

    Plotly renders a few tags (b, i, a, br, …) in labels and decodes entities, so '&', '<' and '>'
    are written as entities and show as themselves. With ``width`` the text is wrapped with <br>.
    """
    text = _CONTROL.sub("", str(text)).replace("\r\n", "\n")
    lines = text.split("\n")
    if width:
        lines = [part for line in lines for part in (textwrap.wrap(line, width) or [""])]
    escaped = [line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines]
    return "<br>".join(escaped)


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun: plural(1, 'event') -> '1 event'; plural(2_000, 'row') -> '2,000 rows'."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def shorten(text: str, limit: int) -> str:
    """Cut text to at most ``limit`` characters with an ellipsis: shorten('abcdef', 4) -> 'abc…'."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


# Control characters and the bidirectional overrides that can make 'gpj.exe' look like 'exe.jpg'.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_label(text: str) -> str:
    """One line of visible text: clean_label(' a\\x00b\\u202e\\n c ') -> 'ab c'."""
    return " ".join(_INVISIBLE.sub("", str(text).replace("\n", " ").replace("\t", " ")).split())


def file_label(name: str, limit: int = 60) -> str:
    """An uploaded file's name as display text, never a path: cleaned, and shortened in the middle so the
    extension stays visible: file_label('A' * 500 + '.csv', 12) -> 'AAAAA…AA.csv'."""
    text = clean_label(name) or "unnamed file"
    if len(text) <= limit:
        return text
    stem, dot, ext = text.rpartition(".")
    ext = dot + ext if dot and 0 < len(ext) <= 8 else ""
    keep = limit - len(ext) - 1
    head = (keep + 1) // 2 + 1
    return text[:head] + "…" + text[len(text) - len(ext) - (keep - head) :]


def is_http_url(value: str) -> bool:
    """True only for an http(s) URL with a host: is_http_url('javascript:alert(1)') -> False."""
    text = value.strip()
    if not text or len(text) > 2000 or any(ord(ch) < 33 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
