"""ACLED exports (comma-separated, lower-case snake_case header, 31 columns in the current export).

``iso`` is the numeric ISO 3166-1 code (643 Russia, 392 Japan); ``time_precision`` 1/2/3 (day, within
about a week, month) becomes the date precision (2 stays a day and is tagged ``date-approximate``);
``geo_precision`` 2 or 3 (near the place, a region's centroid) marks coordinates approximate. The event id
is ``acled-<event_id_cnty>``; every other column is kept as an extra attribute.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplotime.errors import UnusableFile
from diplotime.formats.base import MapOptions, MappedTable, assemble, column
from diplotime.formats.codes import name_to_alpha3, numeric_to_alpha3
from diplotime.read.table import RawTable
from diplotime.schema import header_key
from diplotime.text import plural

NAME = "acled"
LABEL = "ACLED export (event_id_cnty, event_date, … 31 columns)"

REQUIRED = ("event_id_cnty", "event_date", "event_type", "country")
SIGNATURE = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "fatalities",
    "geo_precision",
    "time_precision",
    "admin1",
    "interaction",
)
PRECISIONS = {"1": "day", "2": "day", "3": "month"}

EVENT_TYPES = {
    "protests": "protest",
    "riots": "protest",
    "battles": "military",
    "explosions/remote violence": "military",
    "violence against civilians": "incident",
}
STRATEGIC_TYPES = {
    "agreement": "treaty",
    "arrests": "incident",
    "looting/property destruction": "incident",
    "disrupted weapons use": "military",
    "headquarters or base established": "military",
}
USED = {
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
}


def _columns(table: RawTable) -> dict[str, str]:
    """Canonical ACLED name -> the file's header (exports differ in case and spacing)."""
    return {header_key(h).replace(" ", "_"): h for h in table.headers}


def detect(table: RawTable) -> float:
    names = _columns(table)
    return 1.0 if sum(s in names for s in SIGNATURE) >= 5 and "event_id_cnty" in names else 0.0


def event_type(kind: str, sub: str) -> str:
    """ACLED event and sub-event type -> dashboard type: event_type('Protests', 'Peaceful protest') -> 'protest'."""
    key = kind.strip().casefold()
    if key == "strategic developments":
        return STRATEGIC_TYPES.get(sub.strip().casefold(), "statement")
    return EVENT_TYPES.get(key, "other")


def map_table(table: RawTable, options: MapOptions) -> MappedTable:
    names = _columns(table)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise UnusableFile(f"this ACLED file has no {', '.join(missing)} column")
    cells = {key: column(table.frame, header) for key, header in names.items()}
    get = lambda key: cells.get(key, pd.Series([""] * len(table.frame), dtype=object))  # noqa: E731
    precision = get("time_precision").map(lambda p: PRECISIONS.get(p, ""))
    bad_precision = (get("time_precision") != "") & (precision == "")
    warnings = []
    if bad_precision.any():
        warnings.append(
            f"{plural(int(bad_precision.sum()), 'row has', 'rows have')} a time_precision other than 1, 2 or 3; "
            "their dates are kept as given"
        )
    numeric = get("iso").map(numeric_to_alpha3)
    by_name = get("country").map(name_to_alpha3)
    countries = numeric.where(numeric.notna(), by_name).fillna("")
    unknown = (countries == "") & ((get("iso") != "") | (get("country") != ""))
    if unknown.any():
        listed = ", ".join(sorted(set(get("country")[unknown]) | set(get("iso")[unknown]) - {""})[:10])
        warnings.append(f"country codes or names not recognised were left out of countries: {listed}")
    actors = [
        ";".join(dict.fromkeys(a for a in parts if a))
        for parts in zip(
            get("actor1"),
            get("assoc_actor_1").str.replace(r"\s*;\s*", ";", regex=True),
            get("actor2"),
            get("assoc_actor_2").str.replace(r"\s*;\s*", ";", regex=True),
        )
    ]
    sub = get("sub_event_type")
    place = get("location")
    title = np.where(place != "", sub.where(sub != "", get("event_type")) + " in " + place, sub)
    tags = np.where(get("time_precision") == "2", "acled;date-approximate", "acled")
    extras = {"source_dataset": "ACLED", "source_id": get("event_id_cnty")}
    extras.update({key: cells[key] for key in names if key not in USED})
    extras.update(
        {
            "acled_event_type": get("event_type"),
            "sub_event_type": sub,
            "time_precision": get("time_precision"),
            "geo_precision": get("geo_precision"),
            "iso": get("iso"),
        }
    )
    sources = get("source")
    return assemble(
        NAME,
        table.rows,
        {
            "id": ("acled-" + get("event_id_cnty")).where(get("event_id_cnty") != "", ""),
            "date": get("event_date"),
            "date_precision": precision,
            "title": title,
            "event_type": [event_type(k, s) for k, s in zip(get("event_type"), sub)],
            "actors": actors,
            "countries": countries,
            "location": place,
            "lat": get("latitude"),
            "lon": get("longitude"),
            "description": get("notes"),
            "source": ("ACLED: " + sources).where(sources != "", "ACLED"),
            "tags": tags,
        },
        extras,
        {
            names["event_id_cnty"]: "id",
            names["event_date"]: "date",
            "time_precision": "date_precision",
            "sub_event_type + location": "title",
            "event_type + sub_event_type": "event_type",
            "actor1;assoc_actor_1;actor2;assoc_actor_2": "actors",
            "iso (numeric) or country": "countries",
            "location": "location",
            "latitude": "lat",
            "longitude": "lon",
            "notes": "description",
            "source": "source",
        },
        warnings=warnings,
        coords_approximate=get("geo_precision").isin(("2", "3")).to_numpy(),
    )
