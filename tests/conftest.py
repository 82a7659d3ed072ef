"""Shared fixtures: stores (SQLite file and a throwaway PostgreSQL server), the running app, a browser."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FILES = Path(__file__).resolve().parent / "files"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing(what: str) -> None:
    """In CI a missing dependency fails the run; on a developer's machine the test is skipped."""
    if IN_CI:
        pytest.fail(f"{what} is missing: CI must install it (.ci/run)")
    pytest.skip(f"{what} is missing (make system-deps installs it)")


# ---------------------------------------------------------------- stores


@pytest.fixture(autouse=True)
def _close_stores_after_each_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every engine a test opens (through the store or directly) has its connections closed at the end,
    so no connection is left for the garbage collector (warnings are errors in this suite)."""
    import sqlalchemy as sa

    created: list[sa.engine.Engine] = []
    real = sa.create_engine

    def tracked(*args: object, **kwargs: object) -> sa.engine.Engine:
        engine = real(*args, **kwargs)  # type: ignore[call-overload]
        created.append(engine)
        return engine

    monkeypatch.setattr(sa, "create_engine", tracked)
    yield
    for engine in created:
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL server on a free port; yields a URL to its 'postgres' database.

    initdb refuses to run as root, so as root the server runs as the 'postgres' system user.
    """
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        missing("PostgreSQL (Debian package 'postgresql')")
    assert initdb and pg_ctl
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="diplotime-pg-"))
    data_dir = folder / "data"
    prefix: list[str] = []
    if as_root:
        shutil.chown(folder, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    user = "postgres" if as_root else os.environ.get("USER", "postgres")
    subprocess.run(
        prefix + [initdb, "-D", str(data_dir), "-A", "trust", "-U", user, "--no-sync"], check=True, capture_output=True
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        prefix + [pg_ctl, "-D", str(data_dir), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data_dir), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the throwaway server for each test."""
    import sqlalchemy as sa

    name = f"t{os.getpid()}_{time.monotonic_ns()}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs against an SQLite file and against a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def kuril_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A new store seeded with the bundled dataset, and the app (AppTest pages) pointed at it."""
    from diplotime import store

    url = f"sqlite:///{tmp_path / 'kuril.sqlite'}"
    store.open_store(url).dispose()
    monkeypatch.setenv(store.ENV_URL, url)
    return url


# ---------------------------------------------------------------- the running app and a browser


def start_app(
    store_url: str,
    env_extra: dict[str, str] | None = None,
    timeout: float = 60,
    script: str = "app.py",
    *,
    audit_log: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` (the app, or a benchmark's page) on the store; returns it and its URL.

    With ``audit_log`` the server runs as the README starts it (the project's ``.streamlit/config.toml``
    alone decides address, telemetry and headless mode) under an audit hook that logs, into that file,
    every connection or name lookup it makes off the machine (``tests/audited_streamlit.py``).
    """
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="diplotime-app-", suffix=".log", delete=False)
    env = {**os.environ, "DIPLOTIME_DATABASE_URL": store_url, **(env_extra or {})}
    if audit_log is None:
        launcher = [sys.executable, "-m", "streamlit"]
        settings = ["--server.headless", "true", "--server.address", "127.0.0.1"]
        settings += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    else:
        launcher = [sys.executable, str(Path(__file__).with_name("audited_streamlit.py")), str(audit_log)]
        settings = []
    proc = subprocess.Popen(
        [*launcher, "run", script, "--server.port", str(port), *settings],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    proc.log_path = log.name  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited: {Path(log.name).read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    stop_app(proc)
    raise RuntimeError("the app did not become healthy in time")


def app_log(proc: subprocess.Popen) -> str:
    """What the app printed so far (its start-up banner, warnings)."""
    return Path(proc.log_path).read_text()  # type: ignore[attr-defined]


def stop_app(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def app_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The store the browser tests' app runs on: a fresh SQLite file seeded from data/."""
    return f"sqlite:///{tmp_path_factory.mktemp('app') / 'app.sqlite'}"


@pytest.fixture(scope="session")
def app_url(app_store: str) -> Iterator[str]:
    proc, url = start_app(app_store)
    try:
        yield url
    finally:
        stop_app(proc)


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        missing(f"Chromium ({CHROMIUM}, Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context; ``page.external_requests`` lists every request that left 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    external: list[str] = []

    def record(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            external.append(url)

    pg.on("request", record)
    pg.external_requests = external  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        ctx.close()
