"""The actor alias table: which spelling of an actor counts as which actor, for everyone using the store.

Rules are ``spelling -> actor``; a spelling that counts as itself is kept apart from spellings the app
would otherwise merge with it (:mod:`diplotime.explore.actors` applies the rules). Saving replaces the whole
table in one transaction, so two people saving at once never leave half of each other's table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from diplotime.store.migrations import actor_aliases
from diplotime.text import clean_label

MAX_NAME = 300
MAX_RULES = 20_000


def clean_rules(rules: Mapping[str, str]) -> dict[str, str]:
    """The rules as stored: names cleaned to one visible line; rows with an empty side are dropped.

    Raises ValueError (one sentence) for a name that is too long or too many rules.

    >>> clean_rules({" Сергей  Лавров ": "Sergey Lavrov", "": "x", "Abe": ""})
    {'Сергей Лавров': 'Sergey Lavrov'}
    """
    out: dict[str, str] = {}
    for spelling, actor in rules.items():
        spelling, actor = clean_label(str(spelling or "")), clean_label(str(actor or ""))
        if not spelling or not actor:
            continue
        for name in (spelling, actor):
            if len(name) > MAX_NAME:
                raise ValueError(f"a name is longer than {MAX_NAME} characters: {name[:40]}…")
        out[spelling] = actor
    if len(out) > MAX_RULES:
        raise ValueError(f"the alias table holds at most {MAX_RULES:,} rules")
    return out


def read_actor_aliases(engine: Engine) -> dict[str, str]:
    """Every rule, spelling -> actor."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(actor_aliases.c.spelling, actor_aliases.c.actor).order_by(actor_aliases.c.spelling)
        )
        return {str(spelling): str(actor) for spelling, actor in rows if spelling}  # '' is the marker row


def save_actor_aliases(engine: Engine, rules: Mapping[str, str]) -> dict[str, str]:
    """Replace the alias table with ``rules`` (cleaned, see :func:`clean_rules`); returns what was stored."""
    cleaned = clean_rules(rules)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    with engine.begin() as conn:
        conn.execute(actor_aliases.delete())
        if cleaned:
            conn.execute(
                actor_aliases.insert(), [{"spelling": s, "actor": a, "updated_at": now} for s, a in cleaned.items()]
            )
        else:  # an empty table must still change the revision: a marker row that names nobody
            conn.execute(actor_aliases.insert().values(spelling="", actor="", updated_at=now))
    return cleaned


def aliases_revision(engine: Engine) -> str:
    """A token that changes whenever the alias table is saved (the app re-indexes the events then)."""
    with engine.connect() as conn:
        count, stamp = conn.execute(
            sa.select(sa.func.count(), sa.func.max(actor_aliases.c.updated_at)).select_from(actor_aliases)
        ).one()
    return f"{count}:{stamp or ''}"
