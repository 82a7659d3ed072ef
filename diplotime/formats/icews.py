"""ICEWS coded event data (Harvard Dataverse .tab files: tab-separated, 20 headers with spaces).

Countries are English names (``Russian Federation`` -> RUS), the CAMEO code gives the event type, and
the rows several stories produce for one event (same day, actor pair, CAMEO base code and city)
collapse into one, keeping every Event ID. ``Event ID`` is not unique across ICEWS releases, so the
event id is ``icews-<Event ID>`` and Story ID and Sentence Number are kept beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplotime.errors import UnusableFile
from diplotime.formats import cameo
from diplotime.formats.base import MapOptions, MappedTable, assemble, column
from diplotime.formats.codes import join_codes, name_to_alpha3
from diplotime.formats.collapse import actor_pair, collapse_rows
from diplotime.read.table import RawTable
from diplotime.schema import header_key
from diplotime.text import plural

NAME = "icews"
LABEL = "ICEWS coded events (tab-separated, 'Event ID', 'Event Date', 'Source Name', …)"

FIELDS = (
    "event id",
    "event date",
    "source name",
    "source sectors",
    "source country",
    "event text",
    "cameo code",
    "intensity",
    "target name",
    "target sectors",
    "target country",
    "story id",
    "sentence number",
    "publisher",
    "city",
    "district",
    "province",
    "country",
    "latitude",
    "longitude",
)
REQUIRED = ("event id", "event date", "source name", "cameo code")


def _columns(table: RawTable) -> dict[str, str]:
    return {header_key(h): h for h in table.headers if header_key(h) in FIELDS}


def detect(table: RawTable) -> float:
    names = _columns(table)
    return 1.0 if all(r in names for r in REQUIRED) and len(names) >= 8 else 0.0


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    names = _columns(table)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise UnusableFile(f"this ICEWS file has no {', '.join(repr(m.title()) for m in missing)} column")
    blank = pd.Series([""] * len(table.frame), index=table.frame.index, dtype=object)
    cells = {f: column(table.frame, names[f]) if f in names else blank for f in FIELDS}
    code = cells["cameo code"].map(cameo.clean_code)
    place = cells["city"].where(cells["city"] != "", cells["province"].where(cells["province"] != "", cells["country"]))
    keys = pd.DataFrame(
        {
            "day": cells["event date"],
            "base": code.str.slice(0, 3),
            "place": place,
            "pair": actor_pair(cells["source name"], cells["target name"]),
            "id": cells["event id"],
            "publisher": cells["publisher"],
        }
    )
    merged = collapse_rows(keys, table.rows, ["day", "pair", "base", "place"], "id", "publisher")
    take = {f: merged.take(v) for f, v in cells.items()}
    code, place = merged.take(code), merged.take(place)
    text = take["event text"].where(take["event text"] != "", code.map(cameo.event_name))
    source, target = take["source name"], take["target name"]
    title = np.where(target != "", source + " → " + target + ": " + text, source + ": " + text)
    unknown: dict[str, int] = {}
    countries = [_countries((a, b), unknown) for a, b in zip(take["source country"], take["target country"])]
    warnings = []
    if len(merged) < len(table.frame):
        warnings.append(
            f"{len(table.frame)} ICEWS rows were collapsed into {len(merged)} events (same day, actor "
            "pair, CAMEO base code and place); each event lists its rows' Event IDs"
        )
    if unknown:
        listed = ", ".join(f"{k!r} ({v})" for k, v in sorted(unknown.items(), key=lambda kv: -kv[1])[:10])
        warnings.append(f"country names not recognised were left out of countries: {listed}")
    location = [", ".join(dict.fromkeys(p for p in parts if p)) for parts in zip(place, take["country"])]
    story = take["story id"] + np.where(take["sentence number"] != "", ", sentence " + take["sentence number"], "")
    citation = np.where(take["publisher"] != "", "ICEWS: " + take["publisher"], "ICEWS")
    citation = np.where(take["story id"] != "", citation + " (story " + story + ")", citation)
    description = [
        f"ICEWS: {t} (CAMEO {c}, intensity {i or '?'}); {plural(m, 'row')} merged; publishers: {p or '?'}."
        for t, c, i, m, p in zip(text, code, take["intensity"], merged.merged, merged.sources)
    ]
    return assemble(
        NAME,
        merged.rows,
        {
            "id": "icews-" + take["event id"],
            "date": take["event date"],
            "title": title,
            "event_type": code.map(cameo.event_type),
            "actors": [";".join(dict.fromkeys(a for a in pair if a)) for pair in zip(source, target)],
            "countries": countries,
            "location": location,
            "lat": take["latitude"],
            "lon": take["longitude"],
            "description": description,
            "source": citation,
            "tags": "icews;machine-coded",
        },
        {
            "source_dataset": "ICEWS",
            "source_id": take["event id"],
            "merged_rows": merged.merged,
            "source_ids": merged.ids,
            "story_id": take["story id"],
            "sentence_number": take["sentence number"],
            "cameo_code": code,
            "intensity": take["intensity"],
            "source_sectors": take["source sectors"],
            "target_sectors": take["target sectors"],
            "district": take["district"],
            "province": take["province"],
        },
        {
            names["event id"]: "id",
            names["event date"]: "date",
            "Source Name + Event Text + Target Name": "title",
            names["cameo code"]: "event_type",
            "Source Name;Target Name": "actors",
            "Source Country;Target Country": "countries",
            "City, Country": "location",
            "Latitude": "lat",
            "Longitude": "lon",
            "Publisher + Story ID": "source",
        },
        warnings=warnings,
        source_rows=len(table.frame),
    )


def _countries(names: tuple[str, str], unknown: dict[str, int]) -> str:
    codes = []
    for name in names:
        code = name_to_alpha3(name) if name else None
        if name and code is None:
            unknown[name] = unknown.get(name, 0) + 1
        codes.append(code)
    return join_codes(codes)
