"""Which language an article is in (English, Russian, Japanese), and its sentences with their positions.

The three languages are told apart by their scripts: kana (and kanji) for Japanese, Cyrillic for Russian,
Latin for English, which is then confirmed by its commonest words, so a German or French page is
reported as not supported rather than read as English. Deterministic, offline, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = {"en": "English", "ru": "Russian", "ja": "Japanese"}
_KANA = re.compile(r"[\u3040-\u30ff]")
_KANJI = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORDS = frozenset(
    "the of and to in a is that for on with as was said by at from his it an be has have are were will "
    "which this who not but its their after they he she would had been".split()
)


@dataclass(frozen=True)
class Language:
    code: str  # en | ru | ja | "" (not supported)
    name: str
    confidence: float  # share of the letters in that script (Latin: of English words among the words)


def detect_language(text: str) -> Language:
    """detect_language('Лавров провёл переговоры') -> Language('ru', 'Russian', 1.0)."""
    sample = text[:20_000]
    kana, kanji = len(_KANA.findall(sample)), len(_KANJI.findall(sample))
    cyrillic, latin = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    letters = kana + kanji + cyrillic + latin
    if not letters:
        return Language("", "unknown (no letters)", 0.0)
    if kana and (kana + kanji) / letters > 0.3:
        return Language("ja", LANGUAGES["ja"], round((kana + kanji) / letters, 2))
    if cyrillic / letters > 0.5:
        return Language("ru", LANGUAGES["ru"], round(cyrillic / letters, 2))
    words = re.findall(r"[a-z']+", sample.lower())
    share = sum(w in _EN_WORDS for w in words) / max(len(words), 1)
    if latin / letters > 0.5 and share >= 0.12:
        return Language("en", LANGUAGES["en"], round(min(1.0, share * 3), 2))
    return Language("", "not supported (English, Russian or Japanese only)", 0.0)


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the article text
    stop: int
    text: str


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|St|Jr|Sr|No|Vol|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|Gov|Sen|Rep|Inc|Corp|Co|Ltd|U\.S|U\.N|U\.K|E\.U|г|гг|им|ул|т\.е|т\.к|др|пр|см|напр)|\b[A-ZА-Я])\.$"
)
_END = re.compile(r"[.!?…。！？]+[\"'”»」』)]*")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; line breaks end a sentence (headlines, captions), abbreviations do not.

    >>> [s.text for s in split_sentences("Talks on Jan. 22 in Moscow. Abe met Putin.")]
    ['Talks on Jan. 22 in Moscow.', 'Abe met Putin.']
    """
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        chunk = line.group(0)
        pos = 0
        for m in _END.finditer(chunk):
            if m.group(0).startswith(("。", "！", "？")):
                cut = m.end()
            else:
                after = chunk[m.end() : m.end() + 2]
                if after and not after.startswith(" "):
                    continue
                nxt = chunk[m.end() :].lstrip()[:1]
                if nxt and not (nxt.isupper() or nxt in "\"'“«(—-–0123456789"):
                    continue
                if m.group(0) == "." and _ABBREVIATIONS.search(chunk[max(pos, m.start() - 6) : m.end()]):
                    continue
                cut = m.end()
            _add(out, text, start + pos, start + cut)
            pos = cut
        _add(out, text, start + pos, start + len(chunk))
    return out


def _add(out: list[Sentence], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Sentence(a, b, text[a:b]))
