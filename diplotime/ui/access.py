"""Sign-in and roles in the app: who is using it, what their role allows, and the pages it offers.

Three modes, chosen by configuration:

- **OIDC** (an ``[auth]`` section in ``.streamlit/secrets.toml``): ``st.login`` through any OpenID Connect
  provider; until signed in, a visitor sees only the sign-in page;
- **trusted headers** (``server.trustedUserHeaders`` set): a reverse proxy signs people in and passes who they
  are in a header (the app must then be reachable only through that proxy);
- **none** (the single-user default): one local user, who is admin.

The role is worked out from ``st.user`` on every run, never kept in the session state, so no session-state
trick or crafted link raises it; every change (import, undo, edit) calls :func:`require` itself.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from diplotime import access
from diplotime.access import Role
from diplotime.errors import AccessDenied
from diplotime.text import escape_markdown

# The pages a viewer is not offered (url paths of app.py's st.Page entries), and what each needs.
PAGE_ACTIONS = {"upload": "import", "article": "import", "batches": "undo"}
_NAME_KEYS = ("email", "preferred_username", "username", "user", "name", "sub")


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else {}
    except Exception:  # noqa: BLE001 - an unreadable secrets file means no secrets, as Streamlit treats it
        return {}


def auth_mode() -> str:
    """'oidc', 'header' or 'none'."""
    if _secrets().get("auth"):
        return "oidc"
    if st.get_option("server.trustedUserHeaders"):
        return "header"
    return "none"


def _user() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - outside a script run there is no user
        return {}


def _names(user: Mapping[str, Any]) -> list[str]:
    return [str(user[k]) for k in _NAME_KEYS if user.get(k)]


def signed_in() -> bool:
    mode = auth_mode()
    if mode == "none":
        return True
    user = _user()
    if mode == "oidc":
        return bool(user.get("is_logged_in")) and bool(_names(user))
    return bool(_names(user))  # the proxy's header reached the app


def current_identity() -> str:
    """Who is using the app: the signed-in email or user name (the local user name without sign-in).

    This is what batches record as ``created_by`` and what edits pass as ``who``.
    """
    if auth_mode() == "none":
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "local"
    names = _names(_user())
    return names[0] if names and signed_in() else ""


def current_role() -> Role:
    """The role of the user on this run: admin without sign-in, else from the roles configuration."""
    if auth_mode() == "none":
        return Role.ADMIN
    if not signed_in():
        return Role.VIEWER
    user = _user()
    return access.load_rules(_secrets()).role_of(_names(user), access.groups_of(user))


def can(action: str) -> bool:
    return signed_in() and access.can(current_role(), action)


def require(action: str) -> None:
    """Raise AccessDenied unless the current user may do ``action`` (called inside every change)."""
    if not signed_in():
        raise AccessDenied("sign in first")
    access.require(current_role(), action)


def may_undo(created_by: str | None) -> bool:
    """May the current user undo a batch that ``created_by`` imported? (an admin any, an editor their own)"""
    return signed_in() and access.may_undo(current_role(), current_identity(), created_by)


def require_undo(created_by: str | None) -> None:
    if not signed_in():
        raise AccessDenied("sign in first")
    access.require_undo(current_role(), current_identity(), created_by)


def page_requires(action: str) -> None:
    """First line of a page that changes the store: a user whose role does not allow it sees why, and nothing else."""
    try:
        require(action)
    except AccessDenied as exc:
        st.error(f"{exc.message.capitalize()}.", icon=":material/lock:")
        st.stop()


def allowed_pages(pages: Sequence[Any]) -> list[Any]:
    """The st.Page entries the current user is offered (a viewer gets no Upload, From an article, Batches)."""
    return [p for p in pages if p.url_path not in PAGE_ACTIONS or can(PAGE_ACTIONS[p.url_path])]


def sign_in_ui() -> None:
    """Before navigation: the sign-in page for a visitor (then stop), else who is signed in, in the sidebar."""
    mode = auth_mode()
    if mode == "none":
        return
    if not signed_in():
        st.title(":material/lock: Diplomacy Timeline")
        if mode == "oidc":
            st.write("Sign in to see the timeline.")
            st.button("Sign in", key="access_login", type="primary", icon=":material/login:", on_click=st.login)
        else:
            st.error(
                "The sign-in proxy did not say who you are. Open the app through the address your team uses.",
                icon=":material/lock:",
            )
        st.stop()
    with st.sidebar:
        st.caption(f"Signed in as **{escape_markdown(current_identity())}** · {current_role().label}")
        if mode == "oidc":
            st.button("Sign out", key="access_logout", icon=":material/logout:", on_click=st.logout)
