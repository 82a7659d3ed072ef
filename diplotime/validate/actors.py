"""Which spellings of an actor's name are the same person: a comparison key that ignores script, case,
accents, word order, initials, Russian patronymics and the usual transliteration variants.

"Sergey Lavrov", "Sergei Lavrov", "Сергей Лавров", "LAVROV Sergey" and "Sergey Viktorovich Lavrov" all have
the key ``'lavrov sergei'``; "Kōno Tarō" and "Taro Kono" share ``'kono taro'``. Names in Japanese or Chinese
script are compared as written (no reading is guessed): "安倍晋三" needs an alias to join "Shinzo Abe".
The explore stage merges the spellings that share a key, and the user's alias table in the store adds or
overrides merges (:mod:`diplotime.explore.actors`).

>>> actor_key("Sergey Viktorovich Lavrov") == actor_key("Сергей Лавров") == actor_key("Sergei Lavrov")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Russian Cyrillic to Latin, the BGN/PCGN-like forms English-language sources use; the folding below
# then makes the common variants (Sergey/Sergei, Yevgeny/Evgeny, Aleksei/Alexei) meet.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
            "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u",
        ],
        strict=True,
    )
)  # fmt: skip
# Middle names ending like this are Russian patronymics (Viktorovich, Vladimirovna): not part of the key.
_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|inichna)$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_FOLDS = (
    (re.compile(r"x"), "ks"),  # Alexei / Aleksei
    (re.compile(r"^ye"), "e"),  # Yevgeny / Evgeny, Yeltsin / Eltsin
    (re.compile(r"kh"), "h"),  # Mikhail / Mihail
    (re.compile(r"iya"), "ia"),  # Mariya / Maria, Valeriya / Valeria
    (re.compile(r"(?<=[aeiou])[yj](?=$)"), "i"),  # Sergey / Sergei / Sergej, Andrey / Andrei
    (re.compile(r"(?<=[aeiou])j"), "y"),  # Maja / Maya
    (re.compile(r"iy$|ii$|yi$"), "i"),  # Dmitriy / Dmitrii / Dmitri
    (re.compile(r"(?<=[^aeiou])y$"), "i"),  # Dmitry / Dmitri
    (re.compile(r"([a-z])\1"), r"\1"),  # double letters: Sergeyy, Kuzmin / Kuzzmin, Ohira / Oohira
    (re.compile(r"ou"), "o"),  # Yousuke / Yosuke (Japanese long vowels)
)
_LONG_VOWELS = str.maketrans({"ō": "o", "ū": "u", "ā": "a", "ē": "e", "ī": "i", "ô": "o", "û": "u"})


def _fold(word: str) -> str:
    if not word.isalpha():  # numbers and codes are compared as written: 'Actor 077' is not 'Actor 007'
        return word
    for pattern, replacement in _LATIN_FOLDS:
        word = pattern.sub(replacement, word)
    return word


def _latin(word: str) -> str:
    """A word in Latin letters without accents; Cyrillic is transliterated, other scripts stay as they are."""
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        word = "".join(_CYRILLIC.get(ch, ch) for ch in word)
    word = word.translate(_LONG_VOWELS)
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped)


@functools.lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """The comparison key of an actor's name ('' for an empty name); see the module docstring.

    Organisations keep their words (sorted): actor_key('Ministry of Foreign Affairs of Japan') ==
    actor_key('ministry of foreign affairs of JAPAN').
    """
    text = unicodedata.normalize("NFKC", str(name)).casefold().replace("'", "").replace("’", "")
    words = _WORD.findall(text)
    if len(words) >= 3:  # first name, patronymic, family name: the patronymic goes
        words = [words[0]] + [w for w in words[1:-1] if not _PATRONYMIC.search(_latin(w))] + [words[-1]]
    if len(words) >= 2:
        words = [
            w for w in words if not (len(_latin(w)) == 1 and _latin(w).isalpha())
        ]  # initials: "V." in "Sergey V. Lavrov"
    folded = [_fold(_latin(w)) for w in words]
    return " ".join(sorted(w for w in folded if w))
