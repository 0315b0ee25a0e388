# What a reader sees, measured in headless Chromium: time until the markers are painted,
# every byte the browser receives (WebSocket and HTTP), the page's main-thread time, and
# the server's memory with one and with five readers. The clock stops when the map holds
# the expected number of circle markers and two animation frames have passed, whoever
# drew them (the dashboard, the floor or the reference app): no signal from the product.
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Browser, Page

from devtools.harness import AppServer

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 300_000
READERS = 5
VIEWPORT = {"width": 1600, "height": 1000}

# True when a map frame holds exactly `count` circle markers on its map.
_MARKERS_JS = """([selector, count]) => [...document.querySelectorAll(selector)].some((frame) => {
    const w = frame.contentWindow;
    if (!w || !w.L || !w.map) { return false; }
    let drawn = 0;
    w.map.eachLayer((layer) => { if (layer instanceof w.L.CircleMarker) { drawn += 1; } });
    return drawn === count;
})"""
# Resolves after two animation frames of the map's frame: what was added has been painted.
_TWO_FRAMES_JS = """(selector) => Promise.all([...document.querySelectorAll(selector)].map(
    (frame) => new Promise((done) => frame.contentWindow.requestAnimationFrame(
        () => frame.contentWindow.requestAnimationFrame(done)))))"""


@dataclass
class Traffic:
    """Bytes a page has received so far, over its WebSocket and over HTTP."""

    websocket: int = 0
    http: int = 0
    _requests: list | None = None

    def watch(self, page: Page) -> None:
        """Count what `page` receives from now on."""
        self._requests = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        page.on("requestfinished", self._finished)

    def _finished(self, request: object) -> None:
        # A method of ours, not list.append: Playwright cannot wrap a built-in as a handler.
        self._requests.append(request)

    def _frame(self, payload: str | bytes) -> None:
        self.websocket += len(payload if isinstance(payload, bytes) else payload.encode())

    def total(self) -> int:
        """Return every byte received so far (HTTP bodies and headers as sent, compressed)."""
        http = 0
        for request in self._requests or []:
            sizes = request.sizes()
            http += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
        self.http = http
        return self.websocket + http


def wait_painted(page: Page, count: int) -> None:
    """Wait until the map shows `count` markers, painted."""
    page.wait_for_function(_MARKERS_JS, arg=[MAP_FRAME, count], timeout=TIMEOUT_MS)
    page.evaluate(_TWO_FRAMES_JS, MAP_FRAME)


def _main_thread_s(session) -> float:
    """Return the page's main-thread task time so far (Chrome's TaskDuration)."""
    metrics = session.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


@dataclass(frozen=True)
class Change:
    """A filter change: how to prepare it, and the markers it shows once Enter is pressed."""

    prepare: Callable[[Page], None]
    count: int


def view_once(browser: Browser, url: str, count: int, changes: list[Change]) -> dict[str, float]:
    """Open `url` in a fresh browser context and time it, then each change in turn."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Performance.enable")
    traffic = Traffic()
    traffic.watch(page)
    started = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    wait_painted(page, count)
    figures = {
        "navigation_s": time.perf_counter() - started,
        "first_view_bytes": traffic.total(),
        "browser_cpu_s": _main_thread_s(session),
    }
    for index, change in enumerate(changes):
        change.prepare(page)  # opens the list at the choice; the reader's Enter is timed
        before = traffic.total()
        started = time.perf_counter()
        page.keyboard.press("Enter")
        wait_painted(page, change.count)
        figures[f"change_{index}_s"] = time.perf_counter() - started
        figures[f"change_{index}_bytes"] = traffic.total() - before
    context.close()
    return figures


def readers_memory(browser: Browser, server: AppServer, url: str, count: int) -> float:
    """Open the view in READERS browsers at once; return the server's peak memory in MB."""
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in range(READERS)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    for page in pages:
        wait_painted(page, count)
    peak = server.peak_memory_mb()
    for context in contexts:
        context.close()
    return peak


def measure_app(
    browser: Browser,
    server: AppServer,
    path: str,
    *,
    count: int,
    changes: Callable[[int], list[Change]],
    runs: int,
) -> dict[str, float]:
    """Measure an app just started: the cold first view, then warm ones (medians).

    `changes(run)` gives a view's filter change: run -1 is the cold view, even runs change
    to a value never used before, odd runs to one already used (cached on the server).
    """
    url = server.url + path
    cold = view_once(browser, url, count, changes(-1))
    one_reader = server.peak_memory_mb()
    views = [view_once(browser, url, count, changes(run)) for run in range(2 * runs)]
    fresh, cached = views[0::2], views[1::2]

    def median(name: str, of: list[dict[str, float]] = views) -> float:
        return statistics.median(view[name] for view in of)

    return {
        "cold_navigation_s": cold["navigation_s"],
        "cold_first_view_bytes": cold["first_view_bytes"],
        "navigation_s": median("navigation_s"),
        "first_view_bytes": median("first_view_bytes"),
        "browser_cpu_s": median("browser_cpu_s"),
        "change_0_s": median("change_0_s", fresh),
        "change_0_bytes": median("change_0_bytes", fresh),
        "cached_s": median("change_0_s", cached),
        "memory_1_reader_mb": one_reader,
        "memory_5_readers_mb": readers_memory(browser, server, url, count),
    }
