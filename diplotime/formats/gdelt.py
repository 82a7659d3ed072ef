"""GDELT event exports (2.0: 61 tab-separated columns; 1.0: 58 or 57), with no header row.

CAMEO event codes become event types, CAMEO actor country codes and FIPS 10-4 geo codes become ISO-3,
and the many rows one real meeting produces (same day, actor pair, CAMEO base code and place)
collapse into one event that keeps the row count, every GlobalEventID and every source URL. The event
id is ``gdelt-<GlobalEventID of its first row>``. A file that starts with GDELT's column names (a
BigQuery export) is read the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplotime.errors import UnusableFile
from diplotime.formats import cameo
from diplotime.formats.base import MapOptions, MappedTable, assemble, column
from diplotime.formats.codes import cameo_to_alpha3, fips_to_alpha3, join_codes
from diplotime.formats.collapse import actor_pair, collapse_rows
from diplotime.read.table import RawTable
from diplotime.schema import header_key
from diplotime.text import plural

NAME = "gdelt"
LABEL = "GDELT event export (61 or 58 tab-separated columns, no header)"
HEADERLESS = True

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO_2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_GEO_1 = [g for g in _GEO_2 if g != "ADM2Code"]


def _names(geo: list[str]) -> list[str]:
    return (
        ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
        + [f"Actor1{a}" for a in _ACTOR]
        + [f"Actor2{a}" for a in _ACTOR]
        + [
            "IsRootEvent",
            "EventCode",
            "EventBaseCode",
            "EventRootCode",
            "QuadClass",
            "GoldsteinScale",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "AvgTone",
        ]
        + [f"{who}Geo_{g}" for who in ("Actor1", "Actor2", "Action") for g in geo]
        + ["DATEADDED", "SOURCEURL"]
    )


COLUMNS = {61: ("GDELT 2.0", _names(_GEO_2)), 58: ("GDELT 1.0", _names(_GEO_1)), 57: ("GDELT 1.0", _names(_GEO_1)[:-1])}
_ALIASES = {"globaleventid": "GlobalEventID", "sqldate": "Day"}
APPROXIMATE_GEO_TYPES = ("1", "2", "5")  # country, US state, world state: a centroid, not a venue


def _header_names(cells: list[str]) -> bool:
    """True when a row holds GDELT's column names (a BigQuery export's header)."""
    known = {header_key(n) for names in COLUMNS.values() for n in names[1]} | set(_ALIASES)
    return sum(header_key(c) in known for c in cells) >= len(cells) * 0.8


def _looks_like_data(cells: list[str]) -> bool:
    return (
        len(cells) in COLUMNS
        and cells[0].strip().isdigit()
        and len(cells[1].strip()) == 8
        and cells[1].strip().isdigit()
    )


def detect(table: RawTable) -> float:
    cells = table.headers if table.has_header else [str(v) for v in table.frame.iloc[0]] if len(table.frame) else []
    if len(cells) in COLUMNS and (_looks_like_data(cells) or _header_names(cells)):
        return 1.0
    return 0.0


def _named_frame(table: RawTable) -> tuple[pd.DataFrame, pd.Series, str]:
    frame, rows = table.frame, table.rows
    width = frame.shape[1]
    if width not in COLUMNS:
        raise UnusableFile(
            f"a GDELT event file has 61 (2.0) or 58/57 (1.0) tab-separated columns; this one has {width}"
        )
    release, names = COLUMNS[width]
    if table.has_header:
        if not _header_names(table.headers):
            raise UnusableFile("this file has a header that is not GDELT's; GDELT event exports have none")
    elif len(frame) and _header_names([str(v) for v in frame.iloc[0]]):
        frame, rows = frame.iloc[1:], rows.iloc[1:]
    frame = frame.set_axis(names, axis=1).reset_index(drop=True)
    return frame, rows.reset_index(drop=True), release


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    frame, rows, release = _named_frame(table)
    if frame.empty:
        raise UnusableFile("the GDELT file has no event rows")
    cells = {name: column(frame, name) for name in COLUMNS[61][1]}  # a 1.0 file lacks some: they read as ''

    use_action = cells["ActionGeo_FullName"] != ""
    geo = {g: cells[f"ActionGeo_{g}"].where(use_action, cells[f"Actor1Geo_{g}"]) for g in _GEO_1}
    code = cells["EventCode"].map(cameo.clean_code)
    base = cells["EventBaseCode"].map(cameo.clean_code).where(cells["EventBaseCode"] != "", code.str.slice(0, 3))
    place = geo["FeatureID"].where(geo["FeatureID"] != "", geo["FullName"])
    keys = pd.DataFrame(
        {
            "day": cells["Day"],
            "pair": actor_pair(cells["Actor1Code"], cells["Actor2Code"]),
            "base": base,
            "place": place,
            "id": cells["GlobalEventID"],
            "url": cells["SOURCEURL"],
        }
    )
    merged = collapse_rows(keys, rows, ["day", "pair", "base", "place"], "id", "url")
    take = {name: merged.take(series) for name, series in cells.items()}
    g = {k: merged.take(v) for k, v in geo.items()}
    code, base = merged.take(code), merged.take(base)
    names = [take["Actor1Name"].str.title(), take["Actor2Name"].str.title()]
    event_names = code.map(cameo.event_name)
    title = np.where(names[1] != "", names[0] + " → " + names[1] + ": " + event_names, names[0] + ": " + event_names)
    title = np.where(names[0] == "", event_names, title)
    unknown: dict[str, int] = {}
    countries = [
        _countries(a, b, fips, unknown)
        for a, b, fips in zip(take["Actor1CountryCode"], take["Actor2CountryCode"], g["CountryCode"])
    ]
    articles = merged.total(cells["NumArticles"])
    description = [
        _describe(release, c, n, q, gs, t, m, a, urls)
        for c, n, q, gs, t, m, a, urls in zip(
            code,
            event_names,
            take["QuadClass"],
            take["GoldsteinScale"],
            take["AvgTone"],
            merged.merged,
            articles,
            merged.sources,
        )
    ]
    warnings = []
    if len(merged) < len(frame):
        warnings.append(
            f"{len(frame)} GDELT rows were collapsed into {len(merged)} events (same day, actor pair, "
            "CAMEO base code and place); each event lists its rows' GlobalEventIDs and source URLs"
        )
    if unknown:
        listed = ", ".join(f"{k} ({v})" for k, v in sorted(unknown.items(), key=lambda kv: -kv[1])[:10])
        warnings.append(
            f"CAMEO actor codes that are regions or unknown, not countries, were left out of countries: {listed}"
        )
    approximate = g["Type"].isin(APPROXIMATE_GEO_TYPES).to_numpy() & (g["Lat"] != "").to_numpy()
    return assemble(
        NAME,
        merged.rows,
        {
            "id": "gdelt-" + take["GlobalEventID"],
            "date": take["Day"],
            "title": title,
            "event_type": code.map(cameo.event_type),
            "actors": _actors(names),
            "countries": countries,
            "location": g["FullName"],
            "lat": g["Lat"],
            "lon": g["Long"],
            "description": description,
            "source": take["SOURCEURL"],
            "tags": "gdelt;machine-coded",
        },
        {
            "source_dataset": np.full(len(merged), release, dtype=object),
            "source_id": take["GlobalEventID"],
            "merged_rows": merged.merged,
            "source_ids": merged.ids,
            "source_urls": merged.sources,
            "cameo_code": code,
            "cameo_base_code": base,
            "quad_class": take["QuadClass"],
            "goldstein": take["GoldsteinScale"],
            "num_articles": articles.astype(int),
            "avg_tone": take["AvgTone"],
            "actor1_code": take["Actor1Code"],
            "actor2_code": take["Actor2Code"],
            "geo_type": g["Type"],
            "geo_feature_id": g["FeatureID"],
            "date_added": take["DATEADDED"],
        },
        {
            "GlobalEventID": "id",
            "Day": "date",
            "Actor1Name + EventCode + Actor2Name": "title",
            "EventCode (CAMEO)": "event_type",
            "Actor1Name;Actor2Name": "actors",
            "Actor1CountryCode;Actor2CountryCode (CAMEO)": "countries",
            "ActionGeo_FullName": "location",
            "ActionGeo_Lat": "lat",
            "ActionGeo_Long": "lon",
            "SOURCEURL": "source",
        },
        warnings=warnings,
        coords_approximate=approximate,
        source_rows=len(frame),
    )


def _actors(names: list[pd.Series]) -> list[str]:
    return [";".join(dict.fromkeys(n for n in pair if n)) for pair in zip(*names)]


def _countries(actor1: str, actor2: str, geo_fips: str, unknown: dict[str, int]) -> str:
    codes = []
    for code in (actor1, actor2):
        iso = cameo_to_alpha3(code) if code else None
        if code and iso is None:
            unknown[code] = unknown.get(code, 0) + 1
        codes.append(iso)
    if not any(codes) and geo_fips:
        codes.append(fips_to_alpha3(geo_fips))
    return join_codes(codes)


def _describe(
    release: str, code: str, name: str, quad: str, goldstein: str, tone: str, merged: int, articles: float, urls: str
) -> str:
    parts = [f"{release} event, CAMEO {code} ({name})"]
    if quad in cameo.QUAD_CLASSES:
        parts.append(f"QuadClass {quad} ({cameo.QUAD_CLASSES[quad]})")
    if goldstein:
        parts.append(f"Goldstein {goldstein}")
    if tone:
        parts.append(f"average tone {tone}")
    parts.append(f"{plural(merged, 'row')} merged, {plural(int(articles), 'article')}")
    text = "; ".join(parts) + "."
    return text + (" Sources: " + urls if urls else "")
