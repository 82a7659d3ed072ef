"""The canonical events format, with English, Russian and Japanese header synonyms."""

from __future__ import annotations

from diplotime import schema
from diplotime.formats.base import MapOptions, MappedTable, header_key, rename
from diplotime.read import RawTable, UnusableFile

NAME = "events"
LABEL = "Event table (canonical columns or common synonyms)"

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event id", "event_id", "key", "uid", "unique id", "record id", "идентификатор",
           "ид", "番号"),
    "date": ("date", "start date", "start", "start_date", "event date", "event_date", "from", "day",
             "дата", "дата начала", "日付", "開始日", "年月日"),
    "end_date": ("end date", "end", "end_date", "to", "until", "дата окончания", "окончание",
                 "終了日"),
    "date_precision": ("date precision", "precision", "точность даты", "日付精度"),
    "title": ("title", "headline", "event", "name", "summary", "заголовок", "название", "событие",
              "見出し", "タイトル", "出来事", "件名"),
    "event_type": ("event type", "type", "category", "kind", "тип", "тип события", "категория",
                   "種類", "種別", "分類"),
    "actors": ("actors", "actor", "participants", "people", "участники", "акторы", "参加者",
               "関係者"),
    "countries": ("countries", "country", "country code", "iso3", "страны", "страна", "国", "国名"),
    "location": ("location", "place", "venue", "city", "место", "город", "場所", "開催地"),
    "lat": ("lat", "latitude", "y", "широта", "緯度"),
    "lon": ("lon", "lng", "long", "longitude", "x", "долгота", "経度"),
    "description": ("description", "text", "notes", "details", "body", "описание", "текст",
                    "説明", "内容", "詳細"),
    "source": ("source", "sources", "url", "link", "citation", "reference", "источник", "ссылка",
               "出典", "情報源"),
    "tags": ("tags", "tag", "keywords", "теги", "метки", "タグ"),
    "dataset": ("dataset", "collection", "topic", "набор данных", "データセット"),
}

_LOOKUP = {header_key(s): canon for canon, syns in HEADER_SYNONYMS.items() for s in syns}
assert set(HEADER_SYNONYMS) == set(schema.COLUMN_NAMES)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Source header -> canonical column for every header that names one (first one wins)."""
    mapping: dict[str, str] = {}
    for header in headers:
        canon = _LOOKUP.get(header_key(header))
        if canon and canon not in mapping.values():
            mapping[header] = canon
    return mapping


def detect(table: RawTable) -> float:
    mapping = suggest_mapping(table.headers)
    if "date" in mapping.values() and "title" in mapping.values():
        return 0.5
    return 0.1 if mapping else 0.0


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    mapping = dict(options.mapping) if options.mapping else suggest_mapping(table.headers)
    unknown = [h for h in mapping if h not in table.headers]
    if unknown:
        raise UnusableFile(f"the column mapping names columns the file does not have: {', '.join(unknown)}")
    bad = [c for c in mapping.values() if c not in schema.COLUMN_NAMES]
    if bad:
        raise UnusableFile(f"the column mapping names unknown event fields: {', '.join(bad)}")
    duplicated = {c for c in mapping.values() if list(mapping.values()).count(c) > 1}
    if duplicated:
        raise UnusableFile(f"more than one column is mapped to {', '.join(sorted(duplicated))}")
    repeated = [h for h in table.duplicate_headers if h in mapping]
    if repeated:
        raise UnusableFile(
            f"the header has the column {repeated[0]!r} more than once, so which one holds the data is unclear"
        )
    missing = [c for c in schema.REQUIRED if c not in mapping.values()]
    if missing:
        raise UnusableFile(
            f"no {' or '.join(missing)} column: the header has {', '.join(table.headers[:12])}"
            + (" …" if len(table.headers) > 12 else "")
        )
    mapped = rename(table.frame, table.rows, NAME, mapping)
    mapped.coordinate_columns_given = "lat" in mapping.values() and "lon" in mapping.values()
    return mapped
