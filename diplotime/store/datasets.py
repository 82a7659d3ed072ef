"""Names a dataset is known by, kept in the store so that the search matches them for every event of it.

A dataset declares its names in a ``datasets.toml`` beside its CSV in ``data/`` (the seed folder)::

    [kuril_dispute]
    name = "Kuril Islands dispute"
    aliases = ["Northern Territories issue", "北方領土問題", "Курильский вопрос"]

Opening a store with a seed folder brings the store's names up to date with that file, so a search for
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
from diplotime.store.migrations import NAMES_REVISION, meta

NAMES_FILE = "datasets.toml"
_PREFIX = "dataset_names:"  # meta key of one dataset's names (JSON list)
MAX_NAMES = 50
MAX_NAME_LENGTH = 200


def read_names_file(path: Path) -> dict[str, tuple[str, ...]]:
    """Dataset -> its names (the name first, then the aliases), from a datasets.toml; {} if there is none.

    A file that is not valid TOML, or a dataset whose names are not text, raises UnusableFile naming the file.
    """
    if not path.is_file():
        return {}
    try:
        declared = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UnusableFile(f"{path.name}: not a valid TOML file ({exc})") from None
    out: dict[str, tuple[str, ...]] = {}
    for dataset, entry in declared.items():
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


def sync_dataset_names(engine: Engine, folder: Path) -> None:
    """Bring the store's names up to date with the seed folder's datasets.toml (when it has one)."""
    declared = read_names_file(folder / NAMES_FILE)
    if declared and {d: dataset_names(engine).get(d) for d in declared} != declared:
        save_dataset_names(engine, declared)
