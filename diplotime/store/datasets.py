"""What a dataset declares about itself, kept in the store: the names it is known by (the search matches
them for every event of it) and the country each of its actors acts for (the network's colours).

A dataset declares both in a ``datasets.toml`` beside its CSV in ``data/`` (the seed folder)::

    [kuril_dispute]
    name = "Kuril Islands dispute"
    aliases = ["Northern Territories issue", "北方領土問題", "Курильский вопрос"]

    [kuril_dispute.actor_countries]
    "Vladimir Putin" = "RUS"

Opening a store with a seed folder brings the store up to date with that file, so a search for
"Northern Territories issue" finds every event of ``kuril_dispute``, whatever each event's own text says.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime.errors import UnusableFile
from diplotime.formats.codes import to_alpha3
from diplotime.store.migrations import NAMES_REVISION, meta

NAMES_FILE = "datasets.toml"
_PREFIX = "dataset_names:"  # meta key of one dataset's names (JSON list)
_ACTORS = "actor_countries:"  # meta key of one dataset's actor -> country (JSON object)
MAX_NAMES = 50
MAX_NAME_LENGTH = 200


def _read(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UnusableFile(f"{path.name}: not a valid TOML file ({exc})") from None


def read_actor_countries(path: Path) -> dict[str, dict[str, str]]:
    """Dataset -> {actor: ISO alpha-3}, from a datasets.toml's ``[<dataset>.actor_countries]`` tables.

    A code that is not ISO 3166-1 alpha-3 raises UnusableFile naming the file, the dataset and the actor.
    """
    out: dict[str, dict[str, str]] = {}
    for dataset, entry in _read(path).items():
        table = entry.get("actor_countries", {}) if isinstance(entry, dict) else {}
        if not isinstance(table, dict):
            raise UnusableFile(f'{path.name}: [{dataset}.actor_countries] must be a table of actor = "ISO"')
        for actor, code in table.items():
            try:
                if not (isinstance(code, str) and len(code) == 3 and to_alpha3(code) == code):
                    raise ValueError
            except ValueError:
                raise UnusableFile(
                    f"{path.name}: [{dataset}.actor_countries] {actor!r} = {code!r} is not an ISO 3166-1 alpha-3 code"
                ) from None
        if table:
            out[str(dataset)] = {str(a): str(c) for a, c in table.items()}
    return out


def read_names_file(path: Path) -> dict[str, tuple[str, ...]]:
    """Dataset -> its names (the name first, then the aliases), from a datasets.toml; {} if there is none.

    A file that is not valid TOML, or a dataset whose names are not text, raises UnusableFile naming the file.
    """
    out: dict[str, tuple[str, ...]] = {}
    for dataset, entry in _read(path).items():
        names = [entry.get("name", "")] + list(entry.get("aliases", [])) if isinstance(entry, dict) else None
        if names is None or not all(isinstance(n, str) for n in names):
            raise UnusableFile(f'{path.name}: [{dataset}] needs name = "…" and aliases = ["…", …] as text')
        out[str(dataset)] = _clean(names)
    return out


def _clean(names: Sequence[str]) -> tuple[str, ...]:
    kept = dict.fromkeys(" ".join(n.split())[:MAX_NAME_LENGTH] for n in names if n and n.strip())
    return tuple(kept)[:MAX_NAMES]


def save_dataset_names(engine: Engine, names: Mapping[str, Sequence[str]]) -> None:
    """Store (or replace) the names of these datasets; other datasets' names are kept."""
    with engine.begin() as conn:
        revision = conn.execute(sa.select(meta.c.value).where(meta.c.key == NAMES_REVISION)).scalar()
        conn.execute(meta.delete().where(meta.c.key == NAMES_REVISION))
        conn.execute(meta.insert().values(key=NAMES_REVISION, value=str(int(revision or 0) + 1)))
        for dataset, listed in names.items():
            key = (_PREFIX + dataset)[:100]
            conn.execute(meta.delete().where(meta.c.key == key))
            if listed:
                conn.execute(meta.insert().values(key=key, value=json.dumps(list(_clean(listed)), ensure_ascii=False)))


def dataset_names(engine: Engine) -> dict[str, tuple[str, ...]]:
    """Every dataset's names as stored: {'kuril_dispute': ('Kuril Islands dispute', 'Northern Territories issue', …)}."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(meta.c.key, meta.c.value).where(meta.c.key.startswith(_PREFIX))).all()
    return {key[len(_PREFIX) :]: tuple(json.loads(value)) for key, value in rows}


def save_actor_countries(engine: Engine, countries: Mapping[str, Mapping[str, str]]) -> None:
    """Store (or replace) the actor countries these datasets declare; other datasets' are kept."""
    with engine.begin() as conn:
        for dataset, table in countries.items():
            key = (_ACTORS + dataset)[:100]
            conn.execute(meta.delete().where(meta.c.key == key))
            if table:
                conn.execute(meta.insert().values(key=key, value=json.dumps(dict(table), ensure_ascii=False)))


def actor_countries(engine: Engine) -> dict[str, str]:
    """Actor -> the country it acts for, merged over every dataset's declaration (the first dataset wins)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(meta.c.value).where(meta.c.key.startswith(_ACTORS)).order_by(meta.c.key)).all()
    merged: dict[str, str] = {}
    for (value,) in rows:
        for actor, code in json.loads(value).items():
            merged.setdefault(actor, code)
    return merged


def sync_dataset_names(engine: Engine, folder: Path) -> None:
    """Bring the store's names and actor countries up to date with the seed folder's datasets.toml."""
    path = folder / NAMES_FILE
    declared = read_names_file(path)
    if declared and {d: dataset_names(engine).get(d) for d in declared} != declared:
        save_dataset_names(engine, declared)
    countries = read_actor_countries(path)
    if countries and _stored_actor_tables(engine, list(countries)) != countries:
        save_actor_countries(engine, countries)


def _stored_actor_tables(engine: Engine, datasets: list[str]) -> dict[str, dict[str, str]]:
    keys = [(_ACTORS + d)[:100] for d in datasets]
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.select(meta.c.key, meta.c.value).where(meta.c.key.in_(keys))).all())
    return {d: json.loads(rows[k]) for d, k in zip(datasets, keys) if k in rows}
