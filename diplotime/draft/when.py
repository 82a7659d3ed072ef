"""Time expressions in a sentence, resolved against the publication date, with the precision they give.

``find_times(sentence, language, published, tense)`` returns every time expression it recognises, in
English, Russian and Japanese: days (``yesterday``, ``on Monday``, ``on Jan. 22``, ``January 15``,
``в понедельник``, ``22 января``, ``14日``), spans (``this weekend``, ``last week``, ``September 4-6``,
``с 12 по 16 января``), months and seasons (``next month``, ``in June``, ``this summer``, ``в июне текущего
года``) and years (``last year``, ``two years ago``, ``in 1945``).

The rules, which the table tests hold:

- a weekday is the one before the publication date in a past-tense clause and the one after it in a
  future one; the publication's own weekday is the publication day ("will start on Sunday" in Sunday's
  paper: a week later is written "next Sunday"); with no tense, the one before, flagged ambiguous;
- a day and month with no year ("January 15", "22 января") is the latest such day on or before the
  publication in a past clause, the first on or after it in a future one, else the nearest (flagged
  ambiguous when neither is within 90 days); a month alone likewise;
- "this weekend" is the Saturday and Sunday of the publication's week; "last weekend" the one before;
  "next week" is Monday to Sunday of the next week, flagged ambiguous (the text gives no day);
- a month is month precision, a season is its three months (month precision), a year is year
  precision: nothing is ever filled in that the text does not give, and nothing comes from today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from diplotime.validate.dates import PartialDate, make_date

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
NEAR_DAYS = 90  # a yearless date further than this both ways is flagged ambiguous


@dataclass(frozen=True)
class TimeRef:
    """One time expression: where it is in the sentence and the span it names."""

    start: int  # character offsets in the sentence
    stop: int
    text: str
    date: PartialDate
    end: PartialDate | None = None  # the last day (or month, year) of a span, when it has one
    ambiguous: bool = False
    note: str = ""
    relative: bool = False  # needed the publication date

    @property
    def precision(self) -> str:
        return self.date.precision


# ---------------------------------------------------------------- vocabulary

WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_RU = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "среда": 2,
    "четверг": 3,
    "пятницу": 4,
    "пятница": 4,
    "субботу": 5,
    "суббота": 5,
    "воскресенье": 6,
}
_WEEKDAYS_JA = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_MONTHS_EN = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_RU_MONTH_STEMS = (
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
)
_RU_MONTH_WORD = (
    r"(?:январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|августа?|августе|"
    r"сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
_SEASONS = {  # first month, as (month, months long)
    "spring": 3,
    "summer": 6,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
    "весной": 3,
    "весна": 3,
    "летом": 6,
    "лето": 6,
    "осенью": 9,
    "осень": 9,
    "зимой": 12,
    "зима": 12,
    "春": 3,
    "夏": 6,
    "秋": 9,
    "冬": 12,
}
_NUMBERS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "один": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
}
_MONTH_EN = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|−|to|through|and|until)\s*"
_YEAR = r"(1[6-9]\d\d|20\d\d)"
_WD_EN = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# Each pattern names the groups its resolver reads; compiled case-insensitively.
_EN = [
    (
        "month_day_range",
        rf"\b(?P<m>{_MONTH_EN})\.?\s+(?P<d1>{_DAY}){_DASH}(?:(?P<m2>{_MONTH_EN})\.?\s+)?(?P<d2>{_DAY})\b(?:,?\s+{_YEAR})?",
    ),
    ("day_month_range", rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m>{_MONTH_EN})\.?(?:,?\s+{_YEAR})?"),
    ("month_day", rf"\b(?P<m>{_MONTH_EN})\.?\s+(?P<d1>{_DAY})\b(?!\s*(?:-|–|to\s+\d))(?:,?\s+{_YEAR})?"),
    ("day_month", rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH_EN})\b\.?(?:,?\s+{_YEAR})?"),
    (
        "relative_day",
        r"\b(?P<w>yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening)|later (?:today|in the day))\b",
    ),
    (
        "ago",
        r"\b(?P<n>\d+|one|a|an|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>day|week|month|year)s?\s+ago\b",
    ),
    ("weekend", r"\b(?P<which>this|last|next|past|coming|the)\s+weekend\b|\b(?:over|at|on)\s+the\s+weekend\b"),
    (
        "relative_period",
        r"\b(?P<which>last|this|next|past|coming|earlier this|later this)\s+(?P<u>week|month|year)(?:'s)?\b",
    ),
    ("weekday", rf"\b(?P<which>last|next|this|on|coming|past)?\s*(?P<wd>{_WD_EN})\b"),
    (
        "season",
        rf"\b(?P<which>this|last|next|in the|in|the)?\s*(?P<s>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?{_YEAR})?",
    ),
    (
        "part_month",
        rf"\b(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of|end of|end-)[\s-]*(?P<m>{_MONTH_EN})\b(?:\s+{_YEAR})?",
    ),
    (
        "month",
        rf"\b(?:in|since|during|by|last|next|this|until)\s+(?P<which2>last |next |this )?(?P<m>{_MONTH_EN})\b(?!\.?\s*\d)(?:\s+{_YEAR}|\s+(?P<rel>this|last|next)\s+year)?",
    ),
    ("month_year", rf"\b(?P<m>{_MONTH_EN})\s+{_YEAR}\b"),
    ("year", rf"\b(?:in|during|of)\s+{_YEAR}\b"),
]
_RU = [
    (
        "ru_range",
        rf"(?:\bс\s+)?(?P<d1>[0-3]?\d)(?:\s*(?:-|–|—|−|по)\s*|\s+по\s+)(?P<d2>[0-3]?\d)\s+(?P<m>{_RU_MONTH_WORD})(?:\s+{_YEAR}(?:\s*(?:года|г\.?))?)?",
    ),
    ("ru_day_month", rf"\b(?P<d1>[0-3]?\d)\s+(?P<m>{_RU_MONTH_WORD})(?:\s+{_YEAR}(?:\s*(?:года|г\.?))?)?"),
    (
        "ru_relative_day",
        r"(?<![\w-])(?P<w>(?:в начале |во |в )?втор\w+ половин\w+ дня|в первой половине дня|позавчера|вчера|сегодня|завтра|послезавтра|сегодняшн\w*|вчерашн\w*|завтрашн\w*)(?![\w-])",
    ),
    ("ru_ago", r"(?P<n>\d+|одну|один|два|две|три|четыре|пять)\s+(?P<u>дн|недел|месяц|год|лет)\w*\s+назад"),
    (
        "ru_weekend",
        r"(?P<which>в\s+эти|в\s+минувшие|в\s+прошлые|в\s+ближайшие|в\s+следующие|на\s+этих|на|в)\s+(?:выходные|выходных)(?:\s+дни)?",
    ),
    (
        "ru_relative_period",
        r"(?P<which>на\s+прошлой|на\s+этой|на\s+следующей|на\s+будущей|в\s+прошлом|в\s+этом|в\s+следующем|в\s+будущем|в\s+текущем|прошлого|этого|следующего|текущего|будущего)\s+(?P<u>недел|месяц|год|году|года)\w*",
    ),
    (
        "ru_weekday",
        r"(?<![\w-])(?P<which>в\s+прошл\w+|в\s+следующ\w+|в\s+эт\w+|в\s+ближайш\w+|в|во)\s+(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![\w-])",
    ),
    ("ru_part_month", rf"(?P<part>в\s+начале|в\s+середине|в\s+конце)\s+(?P<m>{_RU_MONTH_WORD})(?:\s+{_YEAR})?"),
    (
        "ru_month",
        rf"\bв\s+(?P<m>{_RU_MONTH_WORD})(?:\s+{_YEAR}|\s+(?P<rel>текущего|этого|прошлого|следующего|будущего)\s+года)?",
    ),
    ("ru_season", r"(?<![\w-])(?P<which>прошлой|этой|следующей|будущей)?\s*(?P<s>весной|летом|осенью|зимой)(?![\w-])"),
    ("ru_year", rf"\bв\s+{_YEAR}\s*(?:году|г\.)"),
]
_JA = [
    ("ja_full", r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d1>\d{1,2})日(?:\s*[〜~～－-]\s*(?P<d2>\d{1,2})日)?"),
    ("ja_month_day", r"(?<!年)(?P<m>\d{1,2})月(?P<d1>\d{1,2})日(?:\s*[〜~～－-]\s*(?P<d2>\d{1,2})日)?"),
    ("ja_month_year", r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?!\d)"),
    ("ja_relative_day", r"(?P<w>一昨日|おととい|昨日|きのう|今日|本日|きょう|明日|あす|明後日|けさ|今朝|今夜)"),
    ("ja_weekend", r"(?P<which>今週末|先週末|来週末|週末)"),
    ("ja_relative_period", r"(?P<which>先|今|来|昨|去|前|再来)(?P<u>週|月|年)(?!曜)"),
    ("ja_weekday", r"(?P<which>先週の?|来週の?|今週の?)?(?P<wd>[月火水木金土日])曜日?"),
    ("ja_day", r"(?<![月\d])(?P<d1>\d{1,2})日(?![本曜])"),
    ("ja_year", r"(?P<y>\d{4})年(?![\d月])"),
]
_COMPILED = {
    lang: [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in table]
    for lang, table in (("en", _EN), ("ru", _RU), ("ja", _JA))
}


# ---------------------------------------------------------------- helpers


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _en_month(text: str) -> int:
    key = text.casefold().rstrip(".")
    return _MONTHS_EN[key] if key in _MONTHS_EN else _MONTHS_EN[key[:3]]


def _ru_month(text: str) -> int:
    word = text.casefold()
    for stem, month in _RU_MONTH_STEMS:
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return month
    raise ValueError(f"not a Russian month: {text!r}")


def _week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _pd(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_date(weekday: int, published: dt.date, tense: str, which: str = "") -> tuple[dt.date, bool, str]:
    """The day a weekday name means: weekday_date(0, 2019-01-16 (Wed), 'past') -> 2019-01-14, not ambiguous."""
    which = which.strip().casefold()
    back = (published.weekday() - weekday) % 7  # days back to the latest such weekday (0 = the publication day)
    ahead = (weekday - published.weekday()) % 7 or 7
    if which in ("last", "past") or which.startswith("в прошл") or which.startswith("先週"):
        return published - dt.timedelta(days=back or 7), False, ""
    if which in ("next", "coming") or which.startswith(("в следующ", "в ближайш")) or which.startswith("来週"):
        return published + dt.timedelta(days=ahead), False, ""
    if which.startswith("今週"):
        return _week_monday(published) + dt.timedelta(days=weekday), False, ""
    if back == 0:  # news says "on Friday" in Friday's paper for that day, and "next Friday" for a week later
        return published, False, ""
    if tense == FUTURE:
        return published + dt.timedelta(days=ahead), False, ""
    if tense == PAST or back == 0:
        return published - dt.timedelta(days=back), False, ""
    return (
        published - dt.timedelta(days=back),
        True,
        "no tense decides it: taken as the last such day before publication",
    )


def yearless_date(month: int, day: int | None, published: dt.date, tense: str) -> tuple[PartialDate, bool, str]:
    """The year of a date written without one: yearless_date(1, 15, 2018-12-20, 'future') -> 2019-01-15."""
    ref = published if day is not None else published.replace(day=1)
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            when = dt.date(year, month, day or 1)
        except ValueError:
            continue
        candidates.append(when)
    if not candidates:
        raise ValueError("no such day")
    before = [c for c in candidates if c <= ref]
    after = [c for c in candidates if c >= ref]
    ambiguous, note = False, ""
    if tense == PAST and before:
        chosen = max(before)
    elif tense == FUTURE and after:
        chosen = min(after)
    else:
        chosen = min(candidates, key=lambda c: abs((c - ref).days))
        if tense == UNKNOWN and abs((chosen - ref).days) > NEAR_DAYS:
            ambiguous, note = True, "no year and no tense: the nearest such date was taken"
    date = make_date(chosen.year, month, day)
    return date, ambiguous, note


def _with_year(month: int, day: int | None, year: str | None, published: dt.date | None, tense: str):
    if year:
        return make_date(int(year), month, day), False, "", False
    if published is None:
        raise LookupError("needs the publication date")
    date, ambiguous, note = yearless_date(month, day, published, tense)
    return date, ambiguous, note, True


def _year_of_period(which: str, published: dt.date) -> int:
    which = which.casefold()
    if which.startswith(("last", "прош", "в прош", "на прош", "昨", "去", "前")):
        return published.year - 1
    if which.startswith(("next", "след", "в след", "на след", "буд", "в буд", "来")):
        return published.year + 1
    return published.year


def _period(which: str, unit: str, published: dt.date) -> tuple[PartialDate, PartialDate | None, bool, str]:
    """last/this/next week, month or year (and their Russian and Japanese forms) as a span."""
    which = re.sub(r"\s+", " ", which.casefold()).strip()
    step = 0
    if which.startswith(("last", "past", "на прош", "в прош", "прош", "先", "昨", "去", "前")):
        step = -1
    elif which.startswith(("next", "coming", "на след", "на буд", "в след", "в буд", "след", "буд", "来")):
        step = 1
    elif which.startswith("再来"):
        step = 2
    unit = unit.casefold()
    if unit.startswith(("week", "недел", "週")):
        monday = _week_monday(published) + dt.timedelta(weeks=step)
        sunday = monday + dt.timedelta(days=6)
        return _pd(monday), _pd(sunday), True, "the text names a week, not a day"
    if unit.startswith(("month", "месяц", "月")):
        year, month = _add_months(published.year, published.month, step)
        return PartialDate(year, month), None, False, ""
    return PartialDate(published.year + step), None, False, ""


def _weekend(which: str, published: dt.date, tense: str) -> tuple[PartialDate, PartialDate, bool, str]:
    which = re.sub(r"\s+", " ", which.casefold()).strip()
    saturday = _week_monday(published) + dt.timedelta(days=5)  # this week's Saturday
    ambiguous, note = False, ""
    if which in ("last", "past") or which.startswith(("в минувшие", "в прошлые", "先週末")):
        saturday -= dt.timedelta(weeks=1)
    elif which in ("next",) or which.startswith(("в следующие", "来週末")):
        saturday += dt.timedelta(weeks=1)
    elif which in ("coming",) or which.startswith("в ближайшие"):
        if published > saturday + dt.timedelta(days=1):
            saturday += dt.timedelta(weeks=1)
    elif which in ("this", "今週末", "в эти", "на этих"):
        pass
    else:  # "at the weekend", "в выходные", 週末: the tense decides which
        if tense == PAST and published < saturday:
            saturday -= dt.timedelta(weeks=1)
        elif tense == UNKNOWN:
            ambiguous, note = True, "the weekend before or after publication: no tense decides it"
    return _pd(saturday), _pd(saturday + dt.timedelta(days=1)), ambiguous, note


def _relative_day(word: str, published: dt.date) -> dt.date:
    w = word.casefold()
    offsets = {
        "yesterday": -1,
        "tomorrow": 1,
        "позавчера": -2,
        "вчера": -1,
        "вчерашн": -1,
        "завтра": 1,
        "завтрашн": 1,
        "послезавтра": 2,
        "一昨日": -2,
        "おととい": -2,
        "昨日": -1,
        "きのう": -1,
        "明日": 1,
        "あす": 1,
        "明後日": 2,
    }
    for key, offset in sorted(offsets.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(key):
            return published + dt.timedelta(days=offset)
    return published


def _season(first_month: int, year: int) -> tuple[PartialDate, PartialDate]:
    end_year, end_month = _add_months(year, first_month, 2)
    return PartialDate(year, first_month), PartialDate(end_year, end_month)


def _season_year(first_month: int, which: str, year: str | None, published: dt.date | None, tense: str) -> int:
    if year:
        return int(year)
    if published is None:
        raise LookupError("needs the publication date")
    which = (which or "").casefold().strip()
    base = published.year
    if which in ("last", "прошлой"):
        return base - 1
    if which in ("next", "следующей", "будущей"):
        return base + 1
    if which in ("this", "этой"):
        return base
    start = dt.date(base, first_month, 1)
    if tense == PAST and start > published:
        return base - 1
    if tense == FUTURE and _season(first_month, base)[1].end() < published:
        return base + 1
    return base


# ---------------------------------------------------------------- resolution


def _resolve(name: str, m: re.Match[str], published: dt.date | None, tense: str) -> TimeRef | None:
    g = m.groupdict()
    text = m.group(0)

    def ref(date: PartialDate, end: PartialDate | None = None, ambiguous=False, note="", relative=True) -> TimeRef:
        return TimeRef(m.start(), m.end(), text.strip(), date, end, ambiguous, note, relative)

    year = (
        next((x for x in m.groups()[::-1] if x and re.fullmatch(_YEAR, x)), None)
        if name not in ("ja_full", "ja_month_year", "ja_year")
        else g.get("y")
    )
    if name in (
        "month_day_range",
        "day_month_range",
        "ru_range",
        "month_day",
        "day_month",
        "ru_day_month",
        "ja_full",
        "ja_month_day",
    ):
        month = (
            _ru_month(g["m"]) if name.startswith("ru") else int(g["m"]) if name.startswith("ja") else _en_month(g["m"])
        )
        d1 = _day(g["d1"])
        if not g.get("d2"):
            date, ambiguous, note, relative = _with_year(month, d1, year, published, tense)
            return ref(date, None, ambiguous, note, relative)
        month2 = _en_month(g["m2"]) if g.get("m2") else month
        end, ambiguous, note, relative = _with_year(month2, _day(g["d2"]), year, published, tense)
        date = make_date(end.year - (1 if month2 < month else 0), month, d1)
        if end <= date:
            return None
        return ref(date, end, ambiguous, note, relative)
    if name in ("month", "ru_month", "month_year", "part_month", "ru_part_month", "ja_month_year"):
        month = (
            _ru_month(g["m"]) if name.startswith("ru") else int(g["m"]) if name.startswith("ja") else _en_month(g["m"])
        )
        which2 = (g.get("which2") or g.get("rel") or "").strip().casefold()
        which2 = {
            "текущего": "this",
            "этого": "this",
            "прошлого": "last",
            "следующего": "next",
            "будущего": "next",
        }.get(which2, which2)
        if which2 and published is not None and not year:
            if which2 == "this":
                year = str(published.year)
            else:
                year = str(published.year + (-1 if which2 == "last" else 1))
        date, ambiguous, note, relative = _with_year(month, None, year, published, tense)
        note = note or ("part of a month: month precision" if "part" in name else "")
        return ref(date, None, ambiguous, note, relative)
    if name in ("year", "ru_year", "ja_year"):
        return ref(make_date(int(year or g.get("y") or 0)), relative=False)
    if published is None:
        raise LookupError("needs the publication date")
    if name in ("relative_day", "ru_relative_day", "ja_relative_day"):
        return ref(_pd(_relative_day(g["w"], published)))
    if name in ("ago", "ru_ago"):
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].casefold()]
        unit = g["u"].casefold()
        if unit.startswith(("day", "дн")):
            return ref(_pd(published - dt.timedelta(days=n)))
        if unit.startswith(("week", "недел")):
            monday = _week_monday(published) - dt.timedelta(weeks=n)
            return ref(_pd(monday), _pd(monday + dt.timedelta(days=6)), True, "the text names a week, not a day")
        if unit.startswith(("month", "месяц")):
            y, mo = _add_months(published.year, published.month, -n)
            return ref(PartialDate(y, mo))
        return ref(PartialDate(published.year - n))
    if name in ("weekend", "ru_weekend", "ja_weekend"):
        which = g.get("which") or ""
        date, end, ambiguous, note = _weekend(which, published, tense)
        return ref(date, end, ambiguous, note)
    if name in ("relative_period", "ru_relative_period", "ja_relative_period"):
        which, unit = g["which"], g["u"]
        if which.casefold().startswith(("earlier this", "later this")):
            which = "this"
        date, end, ambiguous, note = _period(which, unit, published)
        return ref(date, end, ambiguous, note)
    if name in ("weekday", "ru_weekday", "ja_weekday"):
        wd = g["wd"].casefold()
        weekday = (
            WEEKDAYS_EN.index(wd)
            if name == "weekday"
            else _WEEKDAYS_RU[wd]
            if name == "ru_weekday"
            else _WEEKDAYS_JA[wd]
        )
        which = g.get("which") or ""
        if name == "ru_weekday" and which.strip().casefold() in ("в", "во"):
            which = ""
        if name == "weekday" and which.strip().casefold() in ("on", "this"):
            which = ""
        day, ambiguous, note = weekday_date(weekday, published, tense, which)
        return ref(_pd(day), None, ambiguous, note)
    if name in ("season", "ru_season"):
        first = _SEASONS[g["s"].casefold()]
        which = (g.get("which") or "").casefold()
        year_value = _season_year(first, which if which not in ("in", "in the", "the") else "", year, published, tense)
        start, end = _season(first, year_value)
        return ref(start, end, False, "a season: month precision")
    if name == "ja_day":
        day_of_month = int(g["d1"])
        date, ambiguous, note = _ja_day(day_of_month, published, tense)
        return ref(date, None, ambiguous, note)
    return None


def _ja_day(day: int, published: dt.date, tense: str) -> tuple[PartialDate, bool, str]:
    """A day of the month alone (14日): this month's, or the previous / next month's by tense."""
    options = []
    for delta in (-1, 0, 1):
        y, mo = _add_months(published.year, published.month, delta)
        try:
            options.append(dt.date(y, mo, day))
        except ValueError:
            continue
    before = [o for o in options if o <= published]
    after = [o for o in options if o >= published]
    if tense == PAST and before:
        return _pd(max(before)), False, ""
    if tense == FUTURE and after:
        return _pd(min(after)), False, ""
    chosen = min(options, key=lambda o: abs((o - published).days))
    return _pd(chosen), tense == UNKNOWN and chosen != published, "a day of the month: the nearest such day"


def find_times(sentence: str, language: str, published: dt.date | None, tense: str = UNKNOWN) -> list[TimeRef]:
    """Every time expression of ``sentence``, longest first where they overlap, in text order.

    Relative expressions need ``published``; without it they are left out (absolute dates are still found).

    >>> [t.date.iso() for t in find_times("Kono held talks in Moscow on Monday.", "en", dt.date(2019, 1, 16), "past")]
    ['2019-01-14']
    """
    tables = _COMPILED.get(language, _COMPILED["en"])
    if language != "en":
        tables = tables + _COMPILED["en"]  # English month names and years appear in any text
    matches = [
        (m.end() - m.start(), -rank, name, m)
        for rank, (name, pattern) in enumerate(tables)
        for m in pattern.finditer(sentence)
        if m.group(0).strip()
    ]
    found: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for _, _, name, m in sorted(matches, key=lambda x: (-x[0], -x[1])):  # longest first, then table order
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        try:
            time = _resolve(name, m, published, tense)
        except (LookupError, ValueError, KeyError):
            continue
        if time is not None:
            found.append(time)
            taken.append((m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    return _drop_weekday_beside_date(found, sentence)


_WEEKDAY_WORD = re.compile(r"day\b|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|曜", re.IGNORECASE)


def _drop_weekday_beside_date(times: list[TimeRef], sentence: str) -> list[TimeRef]:
    """'Tuesday, Jan. 22' and 'во вторник, 22 января' are one day: the date stays, the weekday checks it."""
    out: list[TimeRef] = []
    skip_next_check = False
    for i, time in enumerate(times):
        nxt = times[i + 1] if i + 1 < len(times) else None
        is_weekday = time.end is None and time.relative and _WEEKDAY_WORD.search(time.text)
        if is_weekday and nxt is not None and 0 <= nxt.start - time.stop <= 3 and nxt.date.precision == "day":
            if nxt.date.start().weekday() != _weekday_of(time):
                times[i + 1] = _flag(nxt, "the weekday named beside it does not match this date")
            skip_next_check = True
            continue
        skip_next_check = False
        out.append(times[i])
    del skip_next_check
    return out


def _weekday_of(time: TimeRef) -> int:
    """The weekday a weekday expression names (its resolved day has it)."""
    return time.date.start().weekday()


def _flag(time: TimeRef, note: str) -> TimeRef:
    return TimeRef(time.start, time.stop, time.text, time.date, time.end, True, note, time.relative)
