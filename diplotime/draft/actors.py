"""People and organisations named in a sentence, matched to the actors already in the store.

Names are compared by a key that ignores case, accents, the usual transliteration variants (Sergei =
Sergey = Сергей, Yevgeny = Evgeny) and Russian case endings (Лавровым = Лавров = Lavrov), so "Sergei Lavrov",
"Lavrov" (a surname that only one stored actor has) and "Сергеем Лавровым" all find "Sergey Lavrov". A name
the store does not know is proposed as new, as the text spells it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_RU_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)
_VARIANTS = (  # applied in order to a lowercase Latin key
    (r"kh", "h"),
    (r"ey\b", "ei"),
    (r"iy\b", "i"),
    (r"yi\b", "i"),
    (r"ii\b", "i"),
    (r"ye", "e"),
    (r"yo", "e"),
    (r"ts", "c"),
    (r"j", "zh"),
    (r"y", "i"),
    (r"ou", "u"),
    (r"oo", "o"),
    (r"(.)\1", r"\1"),
)
_RU_ENDINGS = (
    "ыми",
    "ами",
    "ями",
    "ому",
    "ему",
    "ыми",
    "ым",
    "им",
    "ом",
    "ем",
    "ой",
    "ей",
    "ую",
    "юю",
    "ого",
    "его",
    "а",
    "я",
    "у",
    "ю",
    "е",
)
_TITLES = re.compile(
    r"^(?:President|Prime|Minister|Foreign|Defense|Defence|Deputy|Secretary|State|Chief|Cabinet|Ambassador|Chancellor|"
    r"Mr|Mrs|Ms|Dr|Gen|General|Japanese|Russian|American|Chinese|U\.S\.|US|Spokeswoman|Spokesman|Premier|Sen|"
    r"Президент|Премьер|Министр|Глава|Посол|Президента|Премьера|Министра)\.?$"
)
_NOT_NAMES = frozenset(
    """the a an and but in on at of for with by to from as this that these those it he she they we our their his her
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec moscow tokyo russia japan
    kremlin world war ii two one file photo reuters tass kyodo associated press support opinion sign our
    earlier later meanwhile however during after before under over about according also last next this
    northern southern kuril kurils islands territories sea pacific east west north south asia europe
    russian japanese american chinese korean soviet union united states nations un g20 g7 nato asean
    президент премьер министр глава мид россии россия японии япония москва москве токио кремль кремле
    сша китай ссср""".split()
)
_LATIN_NAME = re.compile(r"\b[A-Z][a-z'’\-]+(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.))*")
_CYRILLIC_NAME = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё\-]+(?:\s+[А-ЯЁ][а-яё\-]+)*")


@dataclass(frozen=True)
class ActorMatch:
    text: str  # as written
    actor: str  # the stored actor, or the proposed new name
    known: bool


def latin(text: str) -> str:
    """Lowercase Latin letters for a name in any script: latin('Сергей Лавров') -> 'sergei lavrov'."""
    out = []
    for ch in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(ch):
            continue
        out.append(_RU_LATIN.get(ch, ch))
    return "".join(out).replace("_", "")


def name_key(name: str) -> str:
    """name_key('Sergei Lavrov') == name_key('Sergey Lavrov') == name_key('Сергей Лавров')."""
    words = []
    for word in re.findall(r"[\w'’\-]+", name):
        if re.fullmatch(r"[а-яё\-]+", word.casefold()):
            word = _ru_stem(word.casefold())
        key = re.sub(r"[^a-z]", "", latin(word))
        for pattern, repl in _VARIANTS:
            key = re.sub(pattern, repl, key)
        if key:
            words.append(key)
    return " ".join(words)


def _ru_stem(word: str) -> str:
    """A Russian name without its case ending (Лавровым -> Лавров, Путина -> Путин); short names stay."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if ending in ("а", "у", "е", "ом", "ым", "ому") and stem.endswith(("ов", "ев", "ин", "ын")):
                return stem
            if ending in ("ым", "ом", "ому", "а", "у", "е") and re.search(r"[бвгджзклмнпрстфхцчшщ]$", stem):
                return stem
            if ending in ("ем", "ей", "ю", "я") and stem.endswith(("е", "и")):
                return stem + "й"
    return word


class ActorIndex:
    """The store's actors by full-name key and by surname (a surname only one actor has)."""

    def __init__(self, actors: Iterable[str]) -> None:
        self.by_key: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for actor in actors:
            actor = actor.strip()
            if not actor:
                continue
            key = name_key(actor)
            self.by_key.setdefault(key, actor)
            parts = key.split()
            if len(parts) >= 2 and len(parts[-1]) >= 3:
                surnames.setdefault(parts[-1], set()).add(actor)
        self.by_surname = {s: next(iter(a)) for s, a in surnames.items() if len(a) == 1}

    def lookup(self, name: str) -> str | None:
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        parts = key.split()
        if parts and parts[-1] in self.by_surname:
            if len(parts) == 1 or name_key(self.by_surname[parts[-1]]).split()[0][:1] == parts[0][:1]:
                return self.by_surname[parts[-1]]
        return None

    def phrases(self, sentence: str) -> list[ActorMatch]:
        """Stored actors of several words written out in the sentence ('Left Front', 'Russian Foreign Ministry')."""
        found = []
        lowered = sentence.casefold()
        for actor in self.by_key.values():
            if " " in actor and len(actor) >= 6 and actor.casefold() in lowered:
                found.append(ActorMatch(actor, actor, True))
        return found


def find_actors(sentence: str, index: ActorIndex, language: str) -> list[ActorMatch]:
    """Actors named in the sentence, known ones first; a new name is proposed only if it looks like a person's."""
    matches: dict[str, ActorMatch] = {m.actor: m for m in index.phrases(sentence)}
    pattern = _CYRILLIC_NAME if language == "ru" else _LATIN_NAME
    for m in pattern.finditer(sentence):
        words = [w for w in m.group(0).split() if not _TITLES.match(w)]
        while words and words[0].casefold().strip(".") in _NOT_NAMES:
            words.pop(0)
        while words and words[-1].casefold().strip(".") in _NOT_NAMES:
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        known = index.lookup(name)
        if known is None and len(words) >= 2:
            known = index.lookup(" ".join(words[-2:])) or index.lookup(words[-1])
        if known is not None:
            matches.setdefault(known, ActorMatch(name, known, True))
        elif _looks_like_person(words, m.start(), sentence):
            matches.setdefault(name, ActorMatch(name, name, False))
    return sorted(matches.values(), key=lambda a: (not a.known, sentence.find(a.text)))


def _looks_like_person(words: list[str], start: int, sentence: str) -> bool:
    """Two or three capitalised words, none a common word: 'Mike Pompeo', 'Такэо Мори' (not 'Eastern Economic Forum')."""
    if not 2 <= len(words) <= 3:
        return False
    if any(w.casefold().strip(".") in _NOT_NAMES or len(w) < 2 for w in words):
        return False
    institution = re.compile(
        r"(?:forum|ministry|council|committee|conference|summit|party|front|movement|union|organization|"
        r"organisation|agency|news|times|post|press|university|institute|bank|declaration|treaty|charter|"
        r"security|economic|region|islands?|war|department|house|office|form|министерств|форум|совет|комитет)",
        re.I,
    )
    return not any(institution.search(w) for w in words)
