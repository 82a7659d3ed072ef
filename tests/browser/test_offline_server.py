"""The server as ``make run`` starts it asks no outside host anything and listens only on this machine.

The app runs with nothing but the project's ``.streamlit/config.toml`` (no command-line overrides), under
an audit hook that logs every connection and name lookup the server process makes off the machine; a
browser then opens every page. Streamlit, left to its defaults, asks checkip.amazonaws.com for the
machine's external IP at each start and listens on every interface.
"""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.test_explore import wait_ready
from tests.conftest import app_log, start_app, stop_app

pytestmark = pytest.mark.browser


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP socket listens on at ``port``, read from /proc/net/tcp and tcp6 (Linux)."""
    found: set[str] = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))  # kernel words are little-endian
            found.add(socket.inet_ntop(family, raw))
    return found


@pytest.fixture(scope="module")
def audited_app(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("offline")
    audit = folder / "outside.log"
    audit.touch()
    proc, url = start_app(f"sqlite:///{folder / 'store.sqlite'}", audit_log=audit)
    try:
        yield proc, url, audit
    finally:
        stop_app(proc)


def test_the_server_binds_to_this_machine_only(audited_app):
    proc, url, _ = audited_app
    assert listening_addresses(urlsplit(url).port or 0) == {"127.0.0.1"}
    banner = app_log(proc)
    assert f"URL: http://127.0.0.1:{urlsplit(url).port}" in banner
    for absent in ("External URL", "Network URL", "Did not auto detect external IP"):
        assert absent not in banner


def test_no_page_makes_the_server_or_the_browser_call_out(audited_app, page):
    proc, url, audit = audited_app
    page.goto(url)
    wait_ready(page, charts=3)
    links = page.locator('[data-testid="stSidebarNav"] a')
    paths = [urlsplit(links.nth(i).get_attribute("href") or "").path for i in range(links.count())]
    assert len(paths) >= 8
    for i, path in enumerate(paths[1:], start=1):
        links.nth(i).click()
        page.wait_for_function("(p) => location.pathname === p", arg=path, timeout=60_000)
        wait_ready(page, charts=0)
    assert page.external_requests == []
    assert audit.read_text() == "", f"the server called out: {audit.read_text()[:500]}"
