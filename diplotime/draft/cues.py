"""Cue words: which event type a clause reports, whether it happened or is planned, and who is speaking.

Each cue maps onto the event-type vocabulary of :mod:`diplotime.schema` (a meeting of leaders is a
``summit``, of ministers ``ministerial_talks``; a telephone conversation counts as talks at the level
of those on the line). The tense of a clause decides past or future: "will", "is to", "plans to",
"проведет", "посетит", "予定" make it future; past forms ("held", "провел", "した") make it past.
"""

from __future__ import annotations

import re

from diplotime.draft.when import FUTURE, PAST, UNKNOWN

# (type, pattern) in priority order: the first that matches a clause names its type.
_TYPE_CUES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (
            "press_conference",
            r"news conference|press conference|press briefing|\bbriefing|told (?:a |the )?(?:regular )?(?:news|press)|told reporters|told journalists|interview",
        ),
        (
            "treaty",
            r"\bsign(?:ed|s|ing)?\b.{0,60}\b(?:treaty|agreement|accord|pact|declaration|memorandum|deal)|\b(?:treaty|accord|pact)\b.{0,30}\bsigned|\bratif",
        ),
        (
            "protest",
            r"demonstrat(?:ion|ors|ed|e)\b|\brall(?:y|ies|ied)\b|\bprotesters?\b|\bmarch(?:ed)? (?:in|through|on)\b|picket",
        ),
        ("poll", r"\bpoll(?:s|ed|ing)?\b|\bsurvey"),
        (
            "military",
            r"\bdrills?\b|military exercise|\bexercises\b|\bdeploy|\btroops\b|missile|\binvad|\bseized by\b|\boccup(?:ied|ation)",
        ),
        ("incident", r"\bdetain|\barrest|\bcollision|\bseized\b|\bseizure|\bshot\b|\bfired on"),
        ("legislation", r"\blaw\b|\bbill\b|\bdecree\b|\bpassed\b.{0,30}\b(?:law|bill|resolution)|\bamendment"),
        (
            "visit",
            r"\bvisit(?:s|ed|ing)?\b|\btrip\b|\btravel(?:s|led|ed)? to\b|\barrive[sd]? in\b|\bdepart(?:s|ed|ing|ure)?\b",
        ),
        (
            "talks",
            r"\btalks\b|\bmeeting\b|\bmeet(?:s|ing)?\b|\bmet\b|\bsummit|\bnegotiat|\bconsultations|\bdiscussions?\b|\bsat down|phone call|telephone conversation|\bspoke by phone|\bconversation\b",
        ),
        ("forum", r"\bforum\b|\bconference\b|\bceremony\b|\bgathering\b|\bgathered\b"),
        (
            "statement",
            r"\bsaid\b|\bsays\b|\bannounc|\bstatement|\bdeclar|\bden(?:ied|ies)\b|\bwarn|\burged?\b|\bcalled on\b|\bcalls on\b|\bstated\b|\bthrew cold water|\bcriticis|\bcriticiz|\bprotested\b|\bsummoned\b",
        ),
    ],
    "ru": [
        ("press_conference", r"пресс-конференц|брифинг|интервью|журналистам|заявил[аи]? (?:на|в ходе) пресс"),
        (
            "treaty",
            r"подпис\w*.{0,60}(?:договор|соглашени|декларац|меморандум)|(?:договор|соглашени)\w*.{0,30}подписан|ратифи",
        ),
        ("protest", r"митинг|акци\w+ протеста|пикет|демонстрац|протестующ"),
        ("poll", r"опрос"),
        ("military", r"учени[яйе]|военн\w+ учени|ракет|войск|развертыва|развёртыва"),
        ("incident", r"задержа|арест|инцидент"),
        ("legislation", r"закон|указ\b|указа\b|законопроект|постановлени"),
        ("visit", r"визит|посет|прибыл|прилетел|прилетит|поездк|отправится"),
        ("talks", r"переговор|встреч|встрет|саммит|консультац|беседа|беседу|телефонн\w+ разговор|разговор\w*|обсуд"),
        ("forum", r"форум|конференц|церемони|саммит\w* брикс"),
        (
            "statement",
            r"заявил|заявлени|сообщил|отметил|подчеркнул|уточнял|уточнил|допустил|призвал|предупредил|заявляет|сообщает|говорится в сообщении",
        ),
    ],
    "ja": [
        ("press_conference", r"記者会見|会見|記者団|インタビュー"),
        ("treaty", r"署名|調印|締結|批准"),
        ("protest", r"デモ|抗議集会|集会"),
        ("poll", r"世論調査|調査"),
        ("military", r"演習|訓練|配備|ミサイル|軍事"),
        ("incident", r"拿捕|拘束|逮捕|衝突"),
        ("legislation", r"法案|法律|可決|成立|政令"),
        ("visit", r"訪問|訪れ|訪ロ|訪日|到着"),
        ("talks", r"首脳会談|外相会談|会談|協議|会合|電話会談|交渉|会い|会う"),
        ("forum", r"フォーラム|会議|式典"),
        ("statement", r"述べ|表明|発表|明らかにし|語っ|強調|声明|談話|抗議し"),
    ],
}
_COMPILED = {lang: [(t, re.compile(p, re.IGNORECASE)) for t, p in cues] for lang, cues in _TYPE_CUES.items()}

# Leaders and ministers, for telling a summit from ministerial talks.
_LEADER = {
    "en": re.compile(
        r"\bpresident|prime minister|\bpremier\b|\bleaders?\b|chancellor|\bking\b|\bemperor|head of state|\bpm\b", re.I
    ),
    "ru": re.compile(r"президент|премьер|лидер|глав\w+ государств|канцлер|глав\w+ правительств|на высшем уровне", re.I),
    "ja": re.compile(r"首相|大統領|首脳|総理|国家主席"),
}
_MINISTER = {
    "en": re.compile(
        r"(?<!prime )\bminister|secretary of state|\bdiplomats?\b|\bcounterparts?\b|deputy|ambassador|\bministers'",
        re.I,
    ),
    "ru": re.compile(r"министр|мид\b|глав\w+ мид|замминистр|посол|дипломат|глав\w+ внешнеполит", re.I),
    "ja": re.compile(r"外相|大臣|外務|次官|大使"),
}

_FUTURE = {
    "en": re.compile(
        r"\bwill\b|\bwon't\b|\bshall\b|\bis to\b|\bare to\b|\bis set to\b|\bare set to\b|\bplans? to\b|\bplanned\b|"
        r"\bplanning\b|\bscheduled\b|\bto be held\b|\bis due\b|\bare due\b|\bexpected to\b|\bis expected\b|\bgoing to\b|"
        r"\bupcoming\b|\bwould\b|\bintend|\bhopes? to\b|\bready to\b|\barrang",
        re.I,
    ),
    "ru": re.compile(
        r"будет|будут|проведет|проведёт|проведут|пройдет|пройдёт|пройдут|посетит|состоится|состоятся|встретится|"
        r"встретятся|планир|намерен|ожида|предстоит|должен будет|должна будет|отправится|прилетит|примет участие|"
        r"собирается|обсудит|обсудят|запланирован",
        re.I,
    ),
    "ja": re.compile(r"予定|方針|見通し|見込み|する。|します。|へ。|する方向|調整"),
}
_PAST = {
    "en": re.compile(
        r"\b(?:said|held|met|told|signed|was|were|had|took|agreed|denied|called|announced|visited|arrived|gathered|"
        r"threw|sat|spoke|made|began|left|came|went|gave|saw|seized|captured|launched|staged|rallied|passed|adopted|"
        r"noted|stressed|warned|urged|declined|expressed|accused|protested|summoned|reported|confirmed|"
        r"\w+ed)\b",
        re.I,
    ),
    "ru": re.compile(
        r"\w+(?:ал|ял|ил|ел|ыл|ул|ался|ился|алась|илась|ались|ились|али|яли|или|ели|ала|яла|ила|ела|ось|ась)\b|состоял|прошл[иао]",
        re.I,
    ),
    "ja": re.compile(r"た。|た$|ました|でした|だった|った|した"),
}
_SPLIT = {
    "en": re.compile(
        r";|\s+and\s+(?=(?:on|in|at|then|later)\s)|,\s+(?=(?:and|but|while|whereas|although)\b)|\s+(?:and|but|while|whereas)\s+(?=[A-Z])|,\s+(?=[A-Z][a-z]+ (?:said|says|told))"
    ),
    "ru": re.compile(r";|\s+и\s+(?=\d{1,2}\s)|,\s+(?=(?:а|но|и|однако)\b)|\s+(?:а|но)\s+|\.\s+"),
    "ja": re.compile(r"、(?=.{6,})|が、"),
}


def clauses(sentence: str, language: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence: 'X held talks on Monday and Abe is to meet Putin on Jan. 22' is two."""
    pattern = _SPLIT.get(language, _SPLIT["en"])
    spans, start = [], 0
    for m in pattern.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [s for s in spans if sentence[s[0] : s[1]].strip()]


def tense_of(text: str, language: str) -> str:
    """tense_of('plan to stage a demonstration', 'en') -> 'future'; 'held talks' -> 'past'."""
    if _FUTURE.get(language, _FUTURE["en"]).search(text):
        return FUTURE
    if _PAST.get(language, _PAST["en"]).search(text):
        return PAST
    return UNKNOWN


def cue_matches(text: str, language: str) -> list[tuple[int, int, int, str]]:
    """Every cue in a clause as (start, stop, priority, kind); a lower priority number is a more specific cue."""
    found = []
    for priority, (kind, pattern) in enumerate(_COMPILED.get(language, _COMPILED["en"])):
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), priority, kind))
    return found


def nearest_cue(text: str, language: str, at: int, leaders: bool = False) -> tuple[str, str] | None:
    """The event type whose cue stands nearest to position ``at`` (a time expression) in the clause.

    A reporting verb ('said') counts as a little further away than it is, so 'held talks in Moscow on
    Monday' is talks, while 'said on Monday' (nothing nearer) is a statement.
    """
    best: tuple[float, int, str, str] | None = None
    for start, stop, priority, kind in cue_matches(text, language):
        distance = 0 if start <= at < stop else min(abs(at - stop), abs(start - at))
        if kind == "statement":
            distance += 25
        if kind == "forum":
            distance += 30
        candidate = (float(distance), priority, kind, text[start:stop])
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is None:
        return None
    return _vocabulary(best[2], text, language, leaders, best[3]), best[3]


def cue_tense(text: str, language: str, start: int, stop: int) -> str:
    """The tense of the words around a cue ('Abe said on Monday he would …': past at 'said')."""
    return tense_of(text[max(0, start - 30) : stop + 3], language)


def cue_type(text: str, language: str, leaders: bool = False) -> tuple[str, str] | None:
    """(event type, the cue word) of a clause, or None: cue_type('held talks with Lavrov', 'en') -> ('ministerial_talks', 'talks')."""
    for kind, pattern in _COMPILED.get(language, _COMPILED["en"]):
        m = pattern.search(text)
        if m:
            return _vocabulary(kind, text, language, leaders, m.group(0)), m.group(0)
    return None


_SUMMIT_WORD = re.compile(r"summit|саммит|на высшем уровне|首脳", re.IGNORECASE)
_GATHERING = re.compile(r"conference|gather|meeting|конференц|会議|会合", re.IGNORECASE)


def _vocabulary(kind: str, text: str, language: str, leaders: bool, word: str = "") -> str:
    if kind == "forum":  # a conference of ministers is ministerial talks; a forum is 'other'
        if _GATHERING.search(word) and _MINISTER.get(language, _MINISTER["en"]).search(text):
            return "ministerial_talks"
        return "other"
    if kind != "talks":
        return kind
    if _SUMMIT_WORD.search(word):
        return "summit"
    leader = _LEADER.get(language, _LEADER["en"]).search(text)
    minister = _MINISTER.get(language, _MINISTER["en"]).search(text)
    if leader and not minister:
        return "summit"
    if minister and not leader:
        return "ministerial_talks"
    if leader and minister:  # the role named first is the subject's ("Foreign Minister Kono … with President Putin")
        return "summit" if leader.start() < minister.start() else "ministerial_talks"
    return "summit" if leaders else "ministerial_talks"


def is_speculation(text: str, language: str) -> bool:
    """'We do not rule out …', 'не исключаем', 'may', 'could': possibilities, not announced events."""
    pattern = {
        "en": r"\b(?:not rule out|could|might|may|possibility|possible|if\b)",
        "ru": r"не исключа|возможн|может|могут|если",
        "ja": r"可能性|かもしれ",
    }.get(language, r"$^")
    return bool(re.search(pattern, text, re.IGNORECASE))
