"""The canonical event schema, declared once.

Every other module (reading, validation, store, export, docs, tests) reads columns, types, limits,
the header synonyms, the columns the store keeps beside them and the event-type vocabulary from
here, so adding a column is one edit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | date | precision | vocabulary | list | float
    required: bool
    max_length: int
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("id", "text", False, 200, "Stable key. Derived from date, title and location when the file has none."),
    Column(
        "date",
        "date",
        True,
        40,
        "Start date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (Gregorian). The precision given is kept.",
    ),
    Column("end_date", "date", False, 40, "Optional end for events that span days or years; must not precede `date`."),
    Column(
        "date_precision",
        "precision",
        False,
        10,
        "`day`, `month` or `year`: derived from what the source gave. A year-only event is never drawn as 1 January.",
    ),
    Column("title", "text", True, 300, "Short headline of the event."),
    Column(
        "event_type",
        "vocabulary",
        False,
        60,
        "One of the event types below; synonyms and Russian/Japanese labels are mapped, unknown "
        "values become `other` with a warning.",
    ),
    Column("actors", "list", False, 2000, "People or organisations, `;`-separated."),
    Column(
        "countries",
        "list",
        False,
        500,
        "ISO 3166-1 alpha-3 codes, `;`-separated. Names and alpha-2 codes are normalised.",
    ),
    Column("location", "text", False, 200, "Place name."),
    Column("lat", "float", False, 40, "Latitude in decimal degrees (-90 to 90)."),
    Column("lon", "float", False, 40, "Longitude in decimal degrees (-180 to 180)."),
    Column("description", "text", False, 10_000, "What happened, in plain text."),
    Column("source", "text", False, 2000, "URL or citation. Shown as a link only when it is an http(s) URL."),
    Column("tags", "list", False, 1000, "Free tags, `;`-separated."),
    Column(
        "related",
        "list",
        False,
        2000,
        "Links to other events, `;`-separated, each `relation:id` (relations below), e.g. "
        "`led_to:1956-10-19-joint-declaration`. The id may name an event of another file.",
    ),
    Column("dataset", "text", False, 100, "Which dataset or topic the event belongs to."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.kind == "list")
LIST_SEPARATOR = ";"

# Extra columns the store keeps beside the canonical ones: the span a date covers, whether the
# coordinates were filled from the place name, the file's other columns, the row it came from, and
# every name of the places it mentions (for search).
STORE_COLUMNS: tuple[str, ...] = ("date_start", "date_end", "coords_approximate", "extra", "source_row", "aliases")
EVENT_COLUMNS: list[str] = [*COLUMN_NAMES, *STORE_COLUMNS]  # what the store keeps per event, in order

PRECISIONS: tuple[str, ...] = ("day", "month", "year")

# Header names files use for each column (English, Russian, Japanese); compared with ``header_key``.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event id", "event_id", "key", "uid", "unique id", "record id", "идентификатор", "ид", "番号"),
    "date": (
        "date",
        "start date",
        "start",
        "start_date",
        "event date",
        "event_date",
        "from",
        "day",
        "дата",
        "дата начала",
        "日付",
        "開始日",
        "年月日",
    ),
    "end_date": ("end date", "end", "end_date", "to", "until", "дата окончания", "окончание", "終了日"),
    "date_precision": ("date precision", "precision", "точность даты", "日付精度"),
    "title": (
        "title",
        "headline",
        "event",
        "name",
        "summary",
        "заголовок",
        "название",
        "событие",
        "見出し",
        "タイトル",
        "出来事",
        "件名",
    ),
    "event_type": ("event type", "type", "category", "kind", "тип", "тип события", "категория", "種類", "種別", "分類"),
    "actors": ("actors", "actor", "participants", "people", "участники", "акторы", "参加者", "関係者"),
    "countries": ("countries", "country", "country code", "iso3", "страны", "страна", "国", "国名"),
    "location": ("location", "place", "venue", "city", "место", "город", "場所", "開催地"),
    "lat": ("lat", "latitude", "y", "широта", "緯度"),
    "lon": ("lon", "lng", "long", "longitude", "x", "долгота", "経度"),
    "description": ("description", "text", "notes", "details", "body", "описание", "текст", "説明", "内容", "詳細"),
    "source": ("source", "sources", "url", "link", "citation", "reference", "источник", "ссылка", "出典", "情報源"),
    "tags": ("tags", "tag", "keywords", "теги", "метки", "タグ"),
    "related": (
        "related",
        "related events",
        "relations",
        "storyline",
        "связанные события",
        "связи",
        "関連",
        "関連イベント",
    ),
    "dataset": ("dataset", "collection", "topic", "набор данных", "データセット"),
}


def header_key(header: str) -> str:
    """Compare headers ignoring case, spacing and punctuation: header_key(' Start-Date ') -> 'start date'."""
    return re.sub(r"[\s_\-./]+", " ", header.strip().casefold()).strip()


HEADER_LOOKUP: dict[str, str] = {header_key(s): canon for canon, syns in HEADER_SYNONYMS.items() for s in syns}


EVENT_TYPES: dict[str, str] = {
    "summit": "Meeting of heads of state or government",
    "ministerial_talks": "Talks between ministers (foreign, defence, …)",
    "visit": "Official visit to a place",
    "press_conference": "Press conference or interview",
    "statement": "Statement, declaration, note or protest note",
    "treaty": "Treaty, agreement or joint declaration signed",
    "legislation": "Law, constitutional amendment, decree or resolution",
    "protest": "Public demonstration or rally",
    "military": "Military action, deployment or exercise",
    "poll": "Opinion poll",
    "incident": "Incident (detention, seizure, collision, …)",
    "other": "Anything else",
}

# How one event relates to another (the ``related`` column): the storylines between events. Each is read
# from the event that carries it: ``led_to:B`` on A means A led to B; the card shows the inverse on B.
RELATIONS: dict[str, tuple[str, str]] = {  # relation: (as the carrying event reads it, as the other reads it)
    "led_to": ("led to", "followed from"),
    "responds_to": ("responds to", "drew a response in"),
    "part_of": ("part of", "includes"),
    "follows": ("follows", "is followed by"),
}
RELATION_SYNONYMS: dict[str, str] = {
    "led to": "led_to",
    "leads to": "led_to",
    "responds to": "responds_to",
    "response to": "responds_to",
    "part of": "part_of",
    "after": "follows",
    "follow": "follows",
    "followed": "follows",
}

# Labels that users' files carry, mapped onto the vocabulary. Keys are compared casefolded with
# spaces, hyphens and underscores collapsed to one space.
EVENT_TYPE_SYNONYMS: dict[str, str] = {
    # English
    "summit meeting": "summit",
    "leaders meeting": "summit",
    "state visit": "visit",
    "official visit": "visit",
    "trip": "visit",
    "ministerial": "ministerial_talks",
    "ministerial meeting": "ministerial_talks",
    "foreign ministers meeting": "ministerial_talks",
    "talks": "ministerial_talks",
    "negotiation": "ministerial_talks",
    "negotiations": "ministerial_talks",
    "press": "press_conference",
    "press briefing": "press_conference",
    "briefing": "press_conference",
    "interview": "press_conference",
    "news conference": "press_conference",
    "declaration": "statement",
    "announcement": "statement",
    "speech": "statement",
    "agreement": "treaty",
    "accord": "treaty",
    "convention": "treaty",
    "joint declaration": "treaty",
    "law": "legislation",
    "decree": "legislation",
    "resolution": "legislation",
    "constitutional amendment": "legislation",
    "bill": "legislation",
    "demonstration": "protest",
    "rally": "protest",
    "march": "protest",
    "protests": "protest",
    "military action": "military",
    "military exercise": "military",
    "exercise": "military",
    "drill": "military",
    "deployment": "military",
    "occupation": "military",
    "invasion": "military",
    "battle": "military",
    "battles": "military",
    "survey": "poll",
    "opinion poll": "poll",
    "accident": "incident",
    "detention": "incident",
    "seizure": "incident",
    # Russian
    "саммит": "summit",
    "встреча на высшем уровне": "summit",
    "переговоры": "ministerial_talks",
    "визит": "visit",
    "пресс-конференция": "press_conference",
    "пресс конференция": "press_conference",
    "заявление": "statement",
    "договор": "treaty",
    "соглашение": "treaty",
    "декларация": "treaty",
    "закон": "legislation",
    "указ": "legislation",
    "митинг": "protest",
    "протест": "protest",
    "акция протеста": "protest",
    "военные учения": "military",
    "учения": "military",
    "опрос": "poll",
    "инцидент": "incident",
    "другое": "other",
    # Japanese
    "首脳会談": "summit",
    "サミット": "summit",
    "外相会談": "ministerial_talks",
    "会談": "ministerial_talks",
    "訪問": "visit",
    "記者会見": "press_conference",
    "声明": "statement",
    "談話": "statement",
    "条約": "treaty",
    "協定": "treaty",
    "宣言": "treaty",
    "法律": "legislation",
    "法": "legislation",
    "抗議": "protest",
    "デモ": "protest",
    "集会": "protest",
    "軍事": "military",
    "演習": "military",
    "世論調査": "poll",
    "事件": "incident",
    "その他": "other",
}

# Historical states and common non-ISO names, mapped to the ISO 3166-1 alpha-3 code of the state
# that continues them. Convention: a predecessor state maps to its continuing state (the Russian
# Empire and the USSR to RUS; Imperial Japan to JPN), so that a timeline across 170 years keeps one
# lane per country. Successions that are not continuations (Czechoslovakia, Yugoslavia) are not in
# this table and are reported as unknown instead of being guessed.
HISTORICAL_COUNTRIES: dict[str, str] = {
    "russian empire": "RUS",
    "empire of russia": "RUS",
    "ussr": "RUS",
    "soviet union": "RUS",
    "union of soviet socialist republics": "RUS",
    "su": "RUS",
    "sun": "RUS",
    "russia": "RUS",
    "russian federation": "RUS",
    "россия": "RUS",
    "российская федерация": "RUS",
    "ссср": "RUS",
    "российская империя": "RUS",
    "ロシア": "RUS",
    "ソ連": "RUS",
    "ソビエト連邦": "RUS",
    "empire of japan": "JPN",
    "imperial japan": "JPN",
    "japan": "JPN",
    "япония": "JPN",
    "日本": "JPN",
    "great britain": "GBR",
    "britain": "GBR",
    "uk": "GBR",
    "england": "GBR",
    "united states": "USA",
    "us": "USA",
    "america": "USA",
    "сша": "USA",
    "アメリカ": "USA",
    "米国": "USA",
    "south korea": "KOR",
    "north korea": "PRK",
    "china": "CHN",
    "китай": "CHN",
    "中国": "CHN",
    "taiwan": "TWN",
    "vietnam": "VNM",
    "iran": "IRN",
    "syria": "SYR",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "turkey": "TUR",
    "czech republic": "CZE",
}

# Text limits are applied before any regular expression runs on a value.
MAX_CELL_LENGTH = max(c.max_length for c in COLUMNS)

DEFAULT_DATASET = "imported"


def _label_key(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


@functools.lru_cache(maxsize=4096)
def normalise_event_type(value: str) -> tuple[str, bool]:
    """Map a label onto the vocabulary; returns (type, known): normalise_event_type('Rally') -> ('protest', True).

    Unknown labels give ('other', False) so the caller can warn.
    """
    key = _label_key(value)
    if not key:
        return "other", True
    underscored = key.replace(" ", "_")
    if underscored in EVENT_TYPES:
        return underscored, True
    if key in EVENT_TYPE_SYNONYMS:
        return EVENT_TYPE_SYNONYMS[key], True
    return "other", False
