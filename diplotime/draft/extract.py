"""An article's text -> draft events: one per time expression that a clause ties to an event cue.

For each sentence: its clauses; in each clause, its time expressions (resolved against the publication
date with the clause's tense, :mod:`diplotime.draft.when`) and the event cue nearest to each
(:mod:`diplotime.draft.cues`); then the actors (:mod:`diplotime.draft.actors`), the countries and the
place (the offline gazetteer). The sentence is kept as evidence, with its position in the text.

Then, as a reader would: a later sentence that says where a dated statement was made ("Lavrov told a
news conference") makes it a press conference; a second mention of an event (same dates and type,
or a week or month that holds a day already found with that type) is folded into the first; a cue with
no date (opinion polls, a protest) is kept undated, not accepted, for the analyst to date or drop.
Drafting never raises on any text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from diplotime import names
from diplotime.draft.actors import ActorIndex, ActorMatch, find_actors
from diplotime.draft.cues import clauses, cue_matches, cue_tense, cue_type, is_speculation, nearest_cue, tense_of
from diplotime.draft.language import Sentence, detect_language, split_sentences
from diplotime.draft.when import FUTURE, PAST, UNKNOWN, TimeRef, find_times
from diplotime.formats.codes import name_to_alpha3
from diplotime.validate import gazetteer
from diplotime.validate.dates import PartialDate

MAX_SENTENCE = 1_500  # characters of a sentence that are read (a "sentence" of a whole page is not one)
MAX_SENTENCES = 2_000
UNDATED_TYPES = ("poll", "protest", "treaty", "legislation", "military", "incident")

_DEMONYMS = {
    "russian": "RUS",
    "soviet": "RUS",
    "japanese": "JPN",
    "american": "USA",
    "u.s.": "USA",
    "chinese": "CHN",
    "south korean": "KOR",
    "north korean": "PRK",
    "korean": "KOR",
    "british": "GBR",
    "french": "FRA",
    "german": "DEU",
    "indian": "IND",
    "iranian": "IRN",
    "turkish": "TUR",
    "ukrainian": "UKR",
    "mongolian": "MNG",
    "jordanian": "JOR",
    "italian": "ITA",
    "filipino": "PHL",
    "philippine": "PHL",
}
_RU_COUNTRY_STEMS = {
    "росси": "RUS",
    "российск": "RUS",
    "рф": "RUS",
    "ссср": "RUS",
    "советск": "RUS",
    "япони": "JPN",
    "японск": "JPN",
    "сша": "USA",
    "американск": "USA",
    "кита": "CHN",
    "китайск": "CHN",
    "украин": "UKR",
    "турци": "TUR",
    "турецк": "TUR",
    "инди": "IND",
    "монгол": "MNG",
}
_JA_COUNTRIES = {
    "ロシア": "RUS",
    "ソ連": "RUS",
    "露": "RUS",
    "日本": "JPN",
    "米国": "USA",
    "アメリカ": "USA",
    "中国": "CHN",
    "韓国": "KOR",
}
_PLACE_EN = re.compile(r"\b(?:in|at|to|near)\s+(?:the\s+)?((?:[A-Z][\w'’\-]+)(?:[\s\-][A-Z][\w'’\-]+){0,2})")
_PLACE_RU = re.compile(r"(?<![\w-])(?:в|во|на)\s+([А-ЯЁ][а-яё\-]+(?:[\s\-][А-ЯЁ][а-яё\-]+)?)")
_PLACE_JA = re.compile(r"([\u30a0-\u30ff\u4e00-\u9fff]{2,8})(?:で|に|を訪)")


@dataclass
class Draft:
    """One proposed event, as the review table shows it."""

    date: str  # ISO at its precision ('2019-01-14', '2019-06', '2016'), or '' when the text gives no date
    end_date: str
    event_type: str
    title: str
    actors: list[str]
    new_actors: list[str]
    countries: list[str]
    location: str
    status: str  # planned | happened
    ambiguous: bool
    note: str
    evidence: str  # the sentence, exactly as in the text
    start: int  # the sentence's offsets in the text
    stop: int
    when_text: str = ""  # the time expression as written
    cue: str = ""
    accept: bool = True
    also: list[str] = field(default_factory=list)  # other sentences that mention the same event

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month"}.get(len(self.date), "day") if self.date else ""


@dataclass(frozen=True)
class Drafting:
    """The drafts of one article, with what was used to make them."""

    drafts: list[Draft]
    language: str
    published: dt.date | None
    sentences: int


def actor_levels(events: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Whether each stored actor mostly meets at summits or in ministerial talks, from (actors, event_type) rows."""
    counts: dict[str, dict[str, int]] = {}
    for actors, event_type in events:
        if event_type not in ("summit", "ministerial_talks"):
            continue
        for actor in str(actors or "").split(";"):
            if actor.strip():
                per = counts.setdefault(actor.strip(), {})
                per[event_type] = per.get(event_type, 0) + 1
    return {a: max(c, key=lambda k: c[k]) for a, c in counts.items()}


def draft_events(
    text: str,
    published: dt.date | None,
    *,
    language: str | None = None,
    actors: Iterable[str] = (),
    levels: Mapping[str, str] | None = None,
    actor_countries: Mapping[str, str] | None = None,
) -> Drafting:
    """Draft the events of an article. ``actors`` are the store's actor names, ``levels`` from
    :func:`actor_levels`, ``actor_countries`` the ISO-3 code each actor acts for (all optional)."""
    text = text if isinstance(text, str) else ""
    lang = language or detect_language(text).code or "en"
    index = ActorIndex(actors)
    levels = levels or {}
    countries_of = actor_countries or {}
    drafts: list[Draft] = []
    undated: list[Draft] = []
    settings: list[tuple[Sentence, str, list[str]]] = []  # undated press-conference sentences and their actors
    sentences = split_sentences(text)[:MAX_SENTENCES]
    for sentence in sentences:
        body = sentence.text[:MAX_SENTENCE]
        made = _sentence_drafts(sentence, body, lang, published, index, levels, countries_of)
        drafts.extend(made)
        if made:
            undated.extend(_undated_clauses(sentence, body, lang, made, index, countries_of, published))
            continue
        cue = cue_type(body, lang)
        if cue is None:
            continue
        found = find_actors(body, index, lang)
        if cue[0] == "press_conference":
            settings.append((sentence, cue[1], [a.actor for a in found]))
        elif cue[0] in UNDATED_TYPES and not is_speculation(body, lang):
            undated.append(_make(sentence, body, lang, None, cue, UNKNOWN, found, countries_of, published))
    _place_statements(drafts, settings)
    drafts = _fold_mentions(drafts)
    dated_types = {d.event_type for d in drafts}
    drafts.extend(d for d in _fold_mentions(undated) if d.event_type not in dated_types)
    return Drafting(drafts, lang, published, len(sentences))


def _undated_clauses(
    sentence: Sentence,
    body: str,
    lang: str,
    made: list[Draft],
    index: ActorIndex,
    countries_of: Mapping[str, str],
    published: dt.date | None,
) -> list[Draft]:
    """'Opinion polls show …, and nationalists plan a demonstration this weekend': the poll, undated."""
    out = []
    dated = [sentence.text.find(d.when_text) for d in made if d.when_text]
    for a, b in clauses(body, lang):
        if any(a <= at < b for at in dated):
            continue
        cue = cue_type(body[a:b], lang)
        if cue and cue[0] in UNDATED_TYPES and cue[0] not in {d.event_type for d in made}:
            if not is_speculation(body[a:b], lang):
                found = find_actors(body[a:b], index, lang)
                out.append(_make(sentence, body, lang, None, cue, UNKNOWN, found, countries_of, published))
    return out


def _sentence_drafts(
    sentence: Sentence,
    body: str,
    lang: str,
    published: dt.date | None,
    index: ActorIndex,
    levels: Mapping[str, str],
    countries_of: Mapping[str, str],
) -> list[Draft]:
    first = find_times(body, lang, published, UNKNOWN)
    if not first:
        return []
    spans = clauses(body, lang)
    sentence_tense = tense_of(body, lang)
    out = []
    if _FILE_PHOTO.match(body):
        return []  # a file photo's date is not the story's
    for time in first:
        a, b = next(((a, b) for a, b in spans if a <= time.start < b), (0, len(body)))
        clause = body[a:b]
        tense = _local_tense(clause, lang, time.start - a)
        if tense == UNKNOWN:
            tense = tense_of(clause, lang)
        if tense == UNKNOWN:
            tense = sentence_tense
        if tense != UNKNOWN:
            again = [t for t in find_times(body, lang, published, tense) if t.start == time.start]
            time = again[0] if again else time
        found = find_actors(clause, index, lang) or find_actors(body, index, lang)
        leaders = any(levels.get(m.actor) == "summit" for m in found if m.known)
        cue = nearest_cue(clause, lang, time.start - a, leaders)
        if cue is None and len(first) == 1:
            cue = nearest_cue(body, lang, time.start, leaders)
        if cue is None:
            continue
        if is_speculation(clause, lang) and tense != PAST:
            continue
        time = _lasting(time, clause)
        out.append(_make(sentence, body, lang, time, cue, tense, found, countries_of, published, clause))
    return out


_FILE_PHOTO = re.compile(r"^\s*(?:FILE PHOTO|FILE\s*[-–—:]|\(FILE\))", re.IGNORECASE)
_LASTING = re.compile(r"\b(two|three|four|five|2|3|4|5)-day\b|(двух|трех|трёх|четырех|пяти)дневн", re.IGNORECASE)
_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "пяти": 5}


def _local_tense(clause: str, lang: str, at: int) -> str:
    """The tense of the cue nearest the time expression, read from the words around that cue."""
    matches = cue_matches(clause, lang)
    if not matches:
        return UNKNOWN
    start, stop, _, _ = min(matches, key=lambda m: min(abs(at - m[1]), abs(m[0] - at)))
    return cue_tense(clause, lang, start, stop)


def _lasting(time: TimeRef, clause: str) -> TimeRef:
    """'gathered Friday for a two-day meeting': the span is Friday and Saturday."""
    m = _LASTING.search(clause)
    if not m or time.end is not None or time.date.precision != "day":
        return time
    word = (m.group(1) or m.group(2)).casefold()
    days = int(word) if word.isdigit() else _DAYS[word]
    last = time.date.start() + dt.timedelta(days=days - 1)
    return replace(time, end=PartialDate(last.year, last.month, last.day))


def _make(
    sentence: Sentence,
    body: str,
    lang: str,
    time: TimeRef | None,
    cue: tuple[str, str],
    tense: str,
    found: list[ActorMatch],
    countries_of: Mapping[str, str],
    published: dt.date | None,
    clause: str = "",
) -> Draft:
    event_type, word = cue
    actors = [m.actor for m in found]
    place = find_place(clause or body, lang) or find_place(body, lang)
    countries = _countries(body, lang, actors, countries_of)
    date = time.date.iso() if time else ""
    end = time.end.iso() if time and time.end else ""
    later = bool(time and published and time.date.start() > published)
    status = "planned" if tense == FUTURE or later else "happened"
    note = time.note if time else "the text gives no date: add one, or leave it out"
    return Draft(
        date=date,
        end_date=end,
        event_type=event_type,
        title=event_title(event_type, actors, place),
        actors=actors,
        new_actors=[m.actor for m in found if not m.known],
        countries=countries,
        location=place,
        status=status,
        ambiguous=bool(time.ambiguous) if time else True,
        note=note,
        evidence=sentence.text,
        start=sentence.start,
        stop=sentence.stop,
        when_text=time.text if time else "",
        cue=word,
        accept=time is not None,
    )


def event_title(event_type: str, actors: list[str], place: str) -> str:
    """event_title('ministerial_talks', ['Taro Kono', 'Sergey Lavrov'], 'Moscow') -> 'Ministerial talks: Taro Kono – Sergey Lavrov, Moscow'."""
    title = names.type_label(event_type)
    if actors:
        title += ": " + " – ".join(actors[:3])
    if place:
        title += ", " + place
    return title[:300]


def find_place(text: str, lang: str) -> str:
    """The first place the offline gazetteer knows after 'in'/'at' ('в', 'на'; 'で' in Japanese), as it names it."""
    pattern = {"ru": _PLACE_RU, "ja": _PLACE_JA}.get(lang, _PLACE_EN)
    for m in pattern.finditer(text):
        phrase = m.group(1)
        for name in _place_forms(phrase, lang):
            if name_to_alpha3(name):
                break  # a country, not a place
            try:
                found = gazetteer.resolve(name)
            except (ValueError, KeyError):
                continue
            if found.candidate is not None:
                return found.candidate.name
    return ""


def _place_forms(phrase: str, lang: str) -> list[str]:
    words = phrase.split()
    forms = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    if lang == "ru":  # в Москве -> Москва, в Мюнхене -> Мюнхен, в Сингапуре -> Сингапур
        out = []
        for form in forms:
            out.append(form)
            if form.endswith(("е", "и", "у")):
                out += [form[:-1], form[:-1] + "а", form[:-1] + "я", form[:-1] + "ь"]
        return out
    return forms


def _countries(text: str, lang: str, actors: list[str], countries_of: Mapping[str, str]) -> list[str]:
    codes: list[str] = [countries_of[a] for a in actors if a in countries_of]
    lowered = text.casefold()
    if lang == "ru":
        for word in re.findall(r"[а-яё]+", lowered):
            for stem, code in _RU_COUNTRY_STEMS.items():
                if word.startswith(stem) and (stem != "рф" or word == "рф"):
                    codes.append(code)
    elif lang == "ja":
        codes += [code for word, code in _JA_COUNTRIES.items() if word in text]
    for word, code in _DEMONYMS.items():
        if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", lowered):
            codes.append(code)
    for word in re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\b", text):
        named = name_to_alpha3(word)
        if named:
            codes.append(named)
    if "north korean" in lowered and "KOR" in codes and "south korea" not in lowered:
        codes.remove("KOR")
    return list(dict.fromkeys(codes))


def _place_statements(drafts: list[Draft], settings: list[tuple[Sentence, str, list[str]]]) -> None:
    """'Lavrov on Wednesday denied …' then 'Lavrov told a news conference': the statement was a press conference."""
    lede = next((d for d in drafts if d.event_type == "statement"), None)  # the article's first dated statement
    for sentence, _word, actors in settings:
        if lede is not None and sentence.start > lede.start and set(actors) & set(lede.actors):
            lede.event_type = "press_conference"
            lede.title = event_title("press_conference", lede.actors, lede.location)
            lede.also.append(sentence.text)
            break


def _fold_mentions(drafts: list[Draft]) -> list[Draft]:
    """Fold second mentions into the first: same dates and type, or a week or month holding a day already found."""
    kept: list[Draft] = []
    for draft in drafts:
        same = next(
            (k for k in kept if (k.date, k.end_date, k.event_type) == (draft.date, draft.end_date, draft.event_type)),
            None,
        )
        if same is None and draft.date:
            same = next((k for k in kept if k.event_type == draft.event_type and _holds(draft, k)), None)
        if same is not None:
            _merge(same, draft)
            continue
        wider = [k for k in kept if k.event_type == draft.event_type and _holds(k, draft)]
        for k in wider:
            kept.remove(k)
            _merge(draft, k)
        kept.append(draft)
    return kept


def _holds(wide: Draft, day: Draft) -> bool:
    """A vague draft (a week, a month, a season) whose span holds a day-precision draft."""
    if not wide.date or not day.date or day.precision != "day" or day.end_date:
        return False
    vague = wide.precision in ("month", "year") or (wide.ambiguous and bool(wide.end_date))
    if not vague or wide.precision == "year":
        return False
    return _start(wide.date) <= day.date <= _last(wide.end_date or wide.date)


def _start(iso: str) -> str:
    return iso if len(iso) == 10 else iso + "-01" if len(iso) == 7 else iso + "-01-01"


def _last(iso: str) -> str:
    return iso if len(iso) == 10 else iso + "-31" if len(iso) == 7 else iso + "-12-31"


def _merge(into: Draft, other: Draft) -> None:
    if other.evidence != into.evidence and other.evidence not in into.also:
        into.also.append(other.evidence)
    for actor in other.actors:
        if actor not in into.actors:
            into.actors.append(actor)
    for actor in other.new_actors:
        if actor not in into.new_actors and actor in into.actors:
            into.new_actors.append(actor)
    for code in other.countries:
        if code not in into.countries:
            into.countries.append(code)
    if not into.location and other.location:
        into.location = other.location
    into.title = event_title(into.event_type, into.actors, into.location)
