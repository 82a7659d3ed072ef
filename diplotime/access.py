"""Who may do what: the three roles, the role of a signed-in user, and the check every change passes.

- **viewer**: explore, present, export;
- **editor**: also upload and import, edit events, undo the batches they imported;
- **admin**: everything, including undoing anyone's batch.

Roles come from configuration: a ``[diplotime.roles]`` table (in ``.streamlit/secrets.toml``, or in a TOML
file named by ``$DIPLOTIME_ROLES_FILE``) mapping each role to users (email or user name, any case) and groups
(``group:NAME``), with a ``default`` role for everyone else::

    [diplotime.roles]
    default = "viewer"
    admin = ["alice@example.org"]
    editor = ["bob@example.org", "group:analysts"]

With no sign-in configured (the single-user default) there is one user and it is admin.
"""

from __future__ import annotations

import enum
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplotime.errors import AccessDenied, UnusableArguments

ENV_ROLES_FILE = "DIPLOTIME_ROLES_FILE"


class Role(enum.IntEnum):
    """Ordered: each role can do all that the ones below it can."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()


# The least role each action needs.
ACTIONS: dict[str, Role] = {
    "explore": Role.VIEWER,
    "present": Role.VIEWER,
    "export": Role.VIEWER,
    "import": Role.EDITOR,  # the Upload and From an article pages
    "edit": Role.EDITOR,  # an event, the actor alias table, saved column mappings
    "undo": Role.EDITOR,  # one's own batches
    "undo_any": Role.ADMIN,  # anyone's batch
}

WHAT = {
    "import": "import files",
    "edit": "edit events or the alias table",
    "undo": "undo import batches",
    "undo_any": "undo another person's import batch",
}


def parse_role(value: str) -> Role:
    try:
        return Role[str(value).strip().upper()]
    except KeyError:
        raise UnusableArguments(
            f"unknown role {value!r} in the roles configuration: use viewer, editor or admin"
        ) from None


def can(role: Role, action: str) -> bool:
    """can(Role.VIEWER, 'import') -> False; an unknown action is refused."""
    need = ACTIONS.get(action)
    return need is not None and role >= need


def require(role: Role, action: str) -> None:
    """Raise AccessDenied unless ``role`` may do ``action``: every change calls this, whatever page it came from."""
    if not can(role, action):
        raise AccessDenied(f"a {role.label} cannot {WHAT.get(action, action)}: ask an admin for the editor role")


def may_undo(role: Role, who: str, created_by: str | None) -> bool:
    """An admin may undo any batch, an editor only those they imported."""
    if can(role, "undo_any"):
        return True
    return can(role, "undo") and bool(created_by) and _key(created_by or "") == _key(who)


def require_undo(role: Role, who: str, created_by: str | None) -> None:
    require(role, "undo")
    if not may_undo(role, who, created_by):
        raise AccessDenied(f"{who} can undo only the batches they imported; this one is {created_by or 'unknown'}'s")


@dataclass(frozen=True)
class RoleRules:
    """Users and groups per role, and the default role (no configuration: everyone is viewer)."""

    default: Role = Role.VIEWER
    users: dict[str, Role] = field(default_factory=dict)
    groups: dict[str, Role] = field(default_factory=dict)

    def role_of(self, names: Iterable[str], groups: Iterable[str] = ()) -> Role:
        """The highest role any of the user's names (email, user name) or groups is given, else the default."""
        found = [self.users[_key(n)] for n in names if n and _key(n) in self.users]
        found += [self.groups[_key(g)] for g in groups if g and _key(g) in self.groups]
        return max(found) if found else self.default


def _key(name: str) -> str:
    return str(name).strip().casefold()


def rules_from(table: Mapping[str, Any]) -> RoleRules:
    """RoleRules from a ``[diplotime.roles]`` table: {'default': 'viewer', 'editor': ['bob', 'group:desk']}."""
    default = parse_role(table.get("default", "viewer"))
    users: dict[str, Role] = {}
    groups: dict[str, Role] = {}
    for name, members in table.items():
        if name == "default":
            continue
        role = parse_role(name)
        if isinstance(members, str):
            members = [members]
        for member in members:
            member = str(member)
            if member.lower().startswith("group:"):
                groups[_key(member[6:])] = max(role, groups.get(_key(member[6:]), Role.VIEWER))
            else:
                users[_key(member)] = max(role, users.get(_key(member), Role.VIEWER))
    return RoleRules(default, users, groups)


def load_rules(secrets: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> RoleRules:
    """The roles file named by $DIPLOTIME_ROLES_FILE if set, else the secrets' ``[diplotime.roles]``."""
    environ = os.environ if environ is None else environ
    if path := environ.get(ENV_ROLES_FILE):
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UnusableArguments(f"the roles file {path} cannot be read: {exc}") from None
        table = data.get("diplotime", {}).get("roles", data.get("roles", {}))
        return rules_from(table)
    section = (secrets or {}).get("diplotime", {}) or {}
    return rules_from(section.get("roles", {}) or {})


def groups_of(user: Mapping[str, Any]) -> list[str]:
    """The groups a signed-in user's claims (OIDC ``groups``) or proxy header (comma-separated) name."""
    value = user.get("groups")
    if not value:
        return []
    if isinstance(value, str):
        return [g.strip() for g in value.split(",") if g.strip()]
    return [str(g) for g in value]


__all__ = [
    "ACTIONS",
    "AccessDenied",
    "ENV_ROLES_FILE",
    "Role",
    "RoleRules",
    "can",
    "groups_of",
    "load_rules",
    "may_undo",
    "parse_role",
    "require",
    "require_undo",
    "rules_from",
]
