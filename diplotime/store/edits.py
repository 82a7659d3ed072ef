"""Single events: add one by hand, edit, delete; each save its own undoable batch, with a revision.

A save is one transaction: a batch (format ``edit``, who made it), the change to ``events`` and one row
in ``revisions`` with the event's stored columns before and after. ``store.undo_batch`` undoes it like
any import. An event's version is the number of its revisions: a form keeps the version it opened
with, and saving over a newer one raises :class:`~diplotime.errors.EditConflict` with both versions.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from diplotime.errors import EditConflict, InvalidEvent, NoSuchEvent
from diplotime.schema import DEFAULT_DATASET, EVENT_COLUMNS
from diplotime.store.migrations import batches, events, revisions
from diplotime.validate.single import EDITABLE, check_event

STORED = [*EVENT_COLUMNS, "batch_id"]
# Columns a person reads and types; the others (first/last day, aliases, approximate flag) follow from them.
SHOWN: tuple[str, ...] = ("id", *EDITABLE, "dataset")


@dataclass(frozen=True)
class EditOutcome:
    batch: int | None  # None when the save changed nothing (no batch recorded)
    key: str
    version: int  # the event's version after the save


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Revision:
    changed_at: str
    who: str
    kind: str  # import | add | edit | delete | update | undo | undone (its import batch undone)
    batch: int
    changes: list[FieldChange]


def current_user() -> str:
    """Who a change from this process is recorded as: the OS user (the CLI), else "local"."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):  # no user name for this uid (a container)
        return "local"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def as_text(value: object) -> str:
    """A stored value as a person reads and types it: None -> '', 43.08 -> '43.08', True -> 'yes'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) >= 1e-4 or value == 0 else repr(value)
    return str(value)


def shown(event: Mapping[str, Any] | None) -> dict[str, str] | None:
    """The fields of a stored event a person reads and edits, as text (None for no event)."""
    return None if event is None else {name: as_text(event.get(name)) for name in SHOWN}


def read_event(conn: Connection, key: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(*[events.c[c] for c in STORED]).where(events.c.id == key)).mappings().first()
    return None if row is None else _jsonable(dict(row))


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    row["coords_approximate"] = bool(row["coords_approximate"])
    for name in ("lat", "lon"):
        row[name] = None if row[name] is None else float(row[name])
    return row


def version_of(conn: Connection, key: str) -> int:
    return int(conn.execute(sa.select(sa.func.count()).where(revisions.c.event_id == key)).scalar_one())


def event_version(engine: Engine, key: str) -> int:
    """How many revisions the event has had: the version a form keeps to detect a concurrent save."""
    with engine.connect() as conn:
        return version_of(conn, key)


def _latest(conn: Connection, key: str) -> tuple[str, str]:
    """Who made the event's latest revision, and when."""
    row = conn.execute(
        sa.select(revisions.c.who, revisions.c.changed_at)
        .where(revisions.c.event_id == key)
        .order_by(revisions.c.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else ("someone", "an unknown time")


def _check_version(conn: Connection, key: str, expected: int, current: dict[str, Any] | None, yours: dict) -> None:
    if version_of(conn, key) != expected:
        who, when = _latest(conn, key)
        raise EditConflict(key, shown(current), {k: as_text(v) for k, v in yours.items()}, who, when)


def _new_batch(conn: Connection, name: str, who: str, added: int) -> int:
    values = {
        "file_name": name[:500],
        "file_hash": f"edit:{uuid.uuid4().hex}",
        "created_at": _now(),
        "format": "edit",
        "rows": 1,
        "added": added,
        "duplicates": 0,
        "rejected": 0,
        "created_by": who[:200],
    }
    return int(conn.execute(batches.insert().values(**values).returning(batches.c.id)).scalar_one())


def record(
    conn: Connection, key: str, batch: int, kind: str, before: dict | None, after: dict | None, who: str
) -> None:
    """One row of the revision history (also written by imports that update and by undo)."""
    conn.execute(
        revisions.insert().values(
            event_id=key,
            batch_id=batch,
            kind=kind,
            before=None if before is None else json.dumps(before, ensure_ascii=False),
            after=None if after is None else json.dumps(after, ensure_ascii=False),
            changed_at=_now(),
            who=who[:200],
        )
    )


def _checked(values: Mapping[str, object], dataset: str) -> dict[str, Any]:
    event, problems = check_event(values, dataset=dataset)
    if problems or event is None:
        raise InvalidEvent(problems)
    event["source_row"] = None  # typed by hand: no spreadsheet row
    return event


def add_event(engine: Engine, values: Mapping[str, object], *, who: str, dataset: str = DEFAULT_DATASET) -> EditOutcome:
    """Store one event typed by hand as its own batch; its key is the given id or one derived as on import."""
    event = _checked(values, dataset)
    with engine.begin() as conn:
        if read_event(conn, event["id"]) is not None:
            raise InvalidEvent({"id": f"an event with the key {event['id']} is already stored"})
        batch = _new_batch(conn, f"added by hand: {event['title']}", who, added=1)
        conn.execute(events.insert().values(**event, batch_id=batch))
        record(conn, event["id"], batch, "add", None, {**event, "batch_id": batch}, who)
        return EditOutcome(batch, event["id"], version_of(conn, event["id"]))


def edit_event(
    engine: Engine, key: str, changes: Mapping[str, object], *, expected_version: int, who: str
) -> EditOutcome:
    """Change some fields of a stored event (the others are kept), checked as an import checks them."""
    with engine.begin() as conn:
        current = read_event(conn, key)
        if current is None:
            raise NoSuchEvent(f"there is no event {key}")
        _check_version(conn, key, expected_version, current, dict(changes))
        if "id" in changes and as_text(changes["id"]) != key:
            raise InvalidEvent({"id": "an event's key cannot be changed: add a new event and delete this one"})
        typed = {name: as_text(current[name]) for name in EDITABLE}
        typed.update({name: as_text(value) for name, value in changes.items() if name not in ("id", "dataset")})
        if "location" in changes and "lat" not in changes and "lon" not in changes:
            typed["lat"] = typed["lon"] = ""  # a new place: its coordinates come from the gazetteer
        event = _checked({**typed, "id": key}, current["dataset"])
        after = {**current, **{name: event[name] for name in EVENT_COLUMNS if name not in ("extra", "source_row")}}
        if after == current:
            return EditOutcome(None, key, version_of(conn, key))
        batch = _new_batch(conn, f"edit of {key}", who, added=0)
        conn.execute(events.update().where(events.c.id == key).values(**{c: after[c] for c in EVENT_COLUMNS}))
        record(conn, key, batch, "edit", current, after, who)
        return EditOutcome(batch, key, version_of(conn, key))


def delete_event(engine: Engine, key: str, *, expected_version: int, who: str) -> EditOutcome:
    """Remove one event as its own batch (undo puts it back exactly)."""
    with engine.begin() as conn:
        current = read_event(conn, key)
        if current is None:
            raise NoSuchEvent(f"there is no event {key}")
        _check_version(conn, key, expected_version, current, {})
        batch = _new_batch(conn, f"deletion of {key}", who, added=0)
        conn.execute(events.delete().where(events.c.id == key))
        record(conn, key, batch, "delete", current, None, who)
        return EditOutcome(batch, key, version_of(conn, key))


def _changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[FieldChange]:
    old, new = shown(before) or {}, shown(after) or {}
    return [
        FieldChange(name, old.get(name, ""), new.get(name, ""))
        for name in SHOWN
        if old.get(name, "") != new.get(name, "")
    ]


def event_history(engine: Engine, key: str) -> list[Revision]:
    """The event's history, oldest first: its import, then every revision, with the fields each changed."""
    with engine.connect() as conn:
        rows = (
            conn.execute(
                sa.select(revisions, batches.c.format)
                .join(batches, batches.c.id == revisions.c.batch_id)
                .where(revisions.c.event_id == key)
                .order_by(revisions.c.id)
            )
            .mappings()
            .all()
        )
        current = read_event(conn, key)
        origin_values = json.loads(rows[0]["before"]) if rows and rows[0]["before"] else current
        origin_id = (origin_values or {}).get("batch_id")
        origin = None
        if origin_id is not None and not (rows and rows[0]["kind"] == "add"):
            origin = conn.execute(sa.select(batches).where(batches.c.id == origin_id)).mappings().first()
    history: list[Revision] = []
    if origin is not None:
        history.append(
            Revision(
                origin["created_at"],
                origin["created_by"] or "local",
                "import",
                origin["id"],
                _changes(None, origin_values),
            )
        )
    for row in rows:
        before = json.loads(row["before"]) if row["before"] else None
        after = json.loads(row["after"]) if row["after"] else None
        history.append(Revision(row["changed_at"], row["who"], row["kind"], row["batch_id"], _changes(before, after)))
    if origin is not None and origin["undone_at"] and current is None:
        history.append(Revision(origin["undone_at"], "", "undone", origin["id"], _changes(origin_values, None)))
    return history
