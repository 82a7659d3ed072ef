"""PNG and SVG of any figure, drawn by one reused headless Chromium (kaleido).

Starting Chromium costs seconds; drawing a figure in a browser that is already running costs a
fraction of a second. So the first export starts one browser and every later export reuses it
(``bench/export.py`` measures the difference). Nothing here touches the network: plotly.js comes
from the installed plotly package, MathJax is off, and map outlines come from the vendored
topojson in ``static/``.

>>> ExportBrowser().running   # importing or constructing starts nothing
False
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from diplotime.errors import ExportFailed

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
DEFAULT_BROWSER = "/usr/bin/chromium"
FORMATS = ("png", "svg")
# Japanese, Chinese and Cyrillic glyphs are all in Noto Sans CJK (Debian: fonts-noto-cjk). The later
# names are what the same SVG finds on a Mac or Windows machine that opens it.
FONT_FAMILY = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Sans", Arial, sans-serif'
)
START_TIMEOUT = 60.0


def find_browser() -> str:
    """The Chromium to draw with: $BROWSER_PATH, else chromium (or Chrome) on PATH, else /usr/bin/chromium."""
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return DEFAULT_BROWSER


def topojson_url(static_dir: Path = STATIC_DIR) -> str:
    """Where plotly.js finds map outlines: a file:// folder URL ending in '/'.

    >>> topojson_url(Path('/srv/app/static'))
    'file:///srv/app/static/'
    """
    return static_dir.resolve().as_uri() + "/"


def with_export_font(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` whose text is set in a font that has Japanese and Cyrillic glyphs.

    >>> with_export_font(go.Figure()).layout.font.family.startswith('"Noto Sans CJK JP"')
    True
    """
    out = go.Figure(fig)
    out.update_layout(font_family=FONT_FAMILY)
    return out


class ExportBrowser:
    """One headless Chromium that draws figures as PNG or SVG; started on first use, then reused.

    Thread-safe: Streamlit runs each session in its own thread, and all of them share one browser.
    The browser lives on a private asyncio loop in a daemon thread; ``stop()`` (or leaving a
    ``with`` block) closes it and ends the thread.
    """

    def __init__(self, browser_path: str | None = None, static_dir: Path = STATIC_DIR, timeout: float = 60.0):
        self.browser_path = browser_path
        self.static_dir = static_dir
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    @property
    def process_id(self) -> int | None:
        """The Chromium process id while the browser runs (the same one for every image)."""
        process = getattr(self._kaleido, "subprocess", None)
        return int(process.pid) if process is not None else None

    def __enter__(self) -> ExportBrowser:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _run(self, coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def start(self) -> None:
        """Start the browser now (exports start it by themselves when needed)."""
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._kaleido is not None:
            return
        import kaleido  # imported here: importing this module must not cost kaleido's import time

        path = self.browser_path or find_browser()
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="diplotime-export-browser", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread

        async def open_browser() -> Any:
            k = kaleido.Kaleido(n=1, mathjax=False, timeout=self.timeout, path=path)
            await k.open()
            return k

        try:
            self._kaleido = self._run(open_browser(), START_TIMEOUT)
        except Exception as exc:
            self._end_loop()
            raise ExportFailed(
                f"Could not start Chromium for image export ({path}): {exc}. "
                "Install Debian's 'chromium' package or set BROWSER_PATH to a Chromium or Chrome binary."
            ) from exc

    def stop(self) -> None:
        """Close the browser and its thread. Safe to call twice; a later export starts a new one."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        if self._kaleido is not None:
            try:
                self._run(self._kaleido.close(), 30)
            except Exception:  # noqa: S110 - the browser is gone already; nothing left to close
                pass
            self._kaleido = None
        self._end_loop()

    def _end_loop(self) -> None:
        if self._loop is not None:
            try:  # background tasks (choreographer's watchdog) end before the loop does
                self._run(_cancel_other_tasks(), 10)
            except Exception:  # noqa: S110 - a stuck task must not keep the thread alive
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            self._loop.close()
        self._loop, self._thread = None, None

    def render(
        self, fig: go.Figure, fmt: str = "png", width: int = 1600, height: int = 900, scale: float = 1.0
    ) -> bytes:
        """The figure as PNG or SVG bytes, ``width``×``height`` CSS pixels times ``scale``.

        If the browser has died (killed, out of memory), it is restarted once and the figure drawn again.
        """
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        spec = with_export_font(fig).to_dict()
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        topojson = topojson_url(self.static_dir)
        with self._lock:
            for attempt in (1, 2):
                self._start_locked()
                try:
                    return bytes(
                        self._run(self._kaleido.calc_fig(spec, opts=opts, topojson=topojson), self.timeout + 10)
                    )
                except Exception as exc:
                    if attempt == 2 or not _browser_gone(exc):
                        raise ExportFailed(f"Could not draw the {fmt.upper()} image: {exc}") from exc
                    self._stop_locked()
        raise AssertionError("unreachable")


async def _cancel_other_tasks() -> None:
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _browser_gone(exc: BaseException) -> bool:
    """True when the error means the browser process or its pipe is gone (worth one restart)."""
    from choreographer.channels import ChannelClosedError
    from choreographer.errors import BrowserClosedError, BrowserFailedError

    return isinstance(exc, (BrowserClosedError, BrowserFailedError, ChannelClosedError, BrokenPipeError))


_shared: ExportBrowser | None = None
_shared_lock = threading.Lock()


def shared_browser() -> ExportBrowser:
    """The process-wide export browser (not started until the first image); closed when Python exits."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ExportBrowser()
            atexit.register(_shared.stop)
        return _shared


def figure_png(fig: go.Figure, width: int = 1600, height: int = 900, scale: float = 1.0) -> bytes:
    """PNG bytes of ``fig`` drawn by the shared export browser."""
    return shared_browser().render(fig, "png", width, height, scale)


def figure_svg(fig: go.Figure, width: int = 1600, height: int = 900) -> bytes:
    """SVG bytes (UTF-8) of ``fig`` drawn by the shared export browser."""
    return shared_browser().render(fig, "svg", width, height)
