"""Roles: who may do what, and a viewer kept away from Upload and Batches in the app."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from diplotime import access
from diplotime.access import Role
from diplotime.errors import AccessDenied

RULES = access.rules_from({"default": "viewer", "editor": ["Ed@Example.org", "group:desk"], "admin": "ann"})


@pytest.mark.parametrize(
    ("names", "groups", "role"),
    [
        (["someone"], [], Role.VIEWER),
        (["ed@example.org"], [], Role.EDITOR),
        (["x"], ["desk"], Role.EDITOR),
        (["ann"], [], Role.ADMIN),
        (["ann"], ["desk"], Role.ADMIN),
    ],
)
def test_roles_come_from_the_configuration(names, groups, role):
    assert RULES.role_of(names, groups) == role


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.VIEWER, "explore", True),
        (Role.VIEWER, "import", False),
        (Role.VIEWER, "undo", False),
        (Role.EDITOR, "import", True),
        (Role.EDITOR, "undo_any", False),
        (Role.ADMIN, "undo_any", True),
    ],
)
def test_each_role_may_do_its_actions(role, action, allowed):
    assert access.can(role, action) is allowed
    if not allowed:
        with pytest.raises(AccessDenied):
            access.require(role, action)


def test_an_editor_undoes_only_their_own_batches():
    assert access.may_undo(Role.EDITOR, "ed", "ED")
    assert not access.may_undo(Role.EDITOR, "ed", "ann")
    assert access.may_undo(Role.ADMIN, "ann", "ed")


SECRETS = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:1/oauth2callback",
        "cookie_secret": "x",
        "client_id": "a",
        "client_secret": "b",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
    },
    "diplotime": {"roles": {"default": "viewer", "editor": ["ed@example.org"]}},
}


def signed_in(email: str, page: str = "app.py") -> AppTest:
    at = AppTest.from_file(f"../{page}", default_timeout=60)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": email}
    return at.run()


def test_a_viewer_is_not_offered_upload_and_cannot_switch_to_it(kuril_store):
    at = signed_in("v@example.org")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")
    direct = signed_in("v@example.org", "pages/upload.py")
    assert any("cannot import" in e.value for e in direct.error)
    assert not direct.get("file_uploader")


def test_an_editor_reaches_upload(kuril_store):
    at = signed_in("ed@example.org")
    at.switch_page("pages/upload.py")
    at.run()
    assert at.title[0].value.endswith("Upload")
