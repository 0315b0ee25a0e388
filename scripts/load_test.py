"""A room full of viewers: many browser sessions open the map at once and change a filter.

Starts `streamlit run app.py`, opens SESSIONS headless Chromium sessions against it at the
same time (each its own browser context, so its own Streamlit session), and in each:
loads the map page and waits for its 10 markers, then picks Poland in the sidebar's
country filter and waits for the map to show Poland's 5 partners. Reports failures, the
time until each map was shown and until it was updated (median and 95th percentile), and
the server's peak memory. Not part of `pytest`; run from the repository root:

    python -m scripts.load_test [SESSIONS]
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench.report import main as write_document
from devtools.harness import CHROMIUM_ARGS, ROOT, AppServer, chromium_path

SESSIONS = 30
RESULTS = ROOT / "bench" / "results" / "load.json"  # docs/benchmark.md is made from it
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 120_000
MARKERS_ALL, MARKERS_POLAND = 10, 5
FAILURE_SHOTS = os.environ.get("LOAD_TEST_SHOTS")  # a folder for screenshots of failures


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used so far, user and system (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def say(line: str) -> None:
    """Print a line of the report."""
    sys.stdout.write(line + "\n")


async def one_viewer(browser, url: str) -> tuple[float, float]:
    """Open the map, wait for its markers, filter to Poland, wait for the new markers."""
    context = await browser.new_context(viewport={"width": 1600, "height": 1000})
    page = await context.new_page()
    markers = page.frame_locator(MAP_FRAME).locator(".partner-marker")
    try:
        started = time.perf_counter()
        await page.goto(f"{url}/map?lang=ru", timeout=TIMEOUT_MS)
        await markers.nth(MARKERS_ALL - 1).wait_for(state="attached", timeout=TIMEOUT_MS)
        shown = time.perf_counter() - started
        changed = time.perf_counter()
        countries = page.locator(".st-key-countries input[role='combobox']")
        await countries.click(timeout=TIMEOUT_MS)
        await countries.fill("Польша")
        await page.get_by_role("option", name="Польша").click(timeout=TIMEOUT_MS)
        await page.wait_for_function(
            """([selector, count]) => {
                const frame = document.querySelector(selector);
                const doc = frame && frame.contentDocument;
                return doc && doc.querySelectorAll('.partner-marker').length === count;
            }""",
            arg=[MAP_FRAME, MARKERS_POLAND],
            timeout=TIMEOUT_MS,
        )
        updated = time.perf_counter() - changed
        if await page.locator("[data-testid='stException']").count():
            raise RuntimeError("the page shows an exception")
        return shown, updated
    except Exception:
        if FAILURE_SHOTS:
            await page.screenshot(path=f"{FAILURE_SHOTS}/viewer-{id(page)}.png")
        raise
    finally:
        await context.close()


async def run(sessions: int, url: str, chromium: str) -> list[tuple[float, float] | Exception]:
    """Run all the viewers at once in one Chromium."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        results = await asyncio.gather(
            *(one_viewer(browser, url) for _ in range(sessions)), return_exceptions=True
        )
        await browser.close()
    return results


def main() -> int:
    """Start a server, run the viewers, print the report; exit 1 if any viewer failed."""
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else SESSIONS
    chromium = chromium_path()
    if chromium is None:
        sys.exit("no Chromium found: apt-get install chromium")
    server = AppServer()
    try:
        # One viewer alone first (which also warms the server), then the whole room at once.
        alone = asyncio.run(run(1, server.url, chromium))[0]
        cpu_before, wall_before = cpu_seconds(server.process.pid), time.perf_counter()
        results = asyncio.run(run(sessions, server.url, chromium))
        wall = time.perf_counter() - wall_before
        server_cpu = cpu_seconds(server.process.pid) - cpu_before
        peak_mb = server.peak_memory_mb()
    finally:
        server.stop()
    failures = [result for result in results if isinstance(result, BaseException)]
    timings = [result for result in results if not isinstance(result, BaseException)]
    say(f"machine: {os.cpu_count()} cores; the browsers and the server share them")
    if isinstance(alone, BaseException):
        say(f"one viewer alone failed: {alone}")
    else:
        say(f"one viewer alone, s: map shown {alone[0]:.1f}, updated {alone[1]:.1f}")
    say(f"sessions: {sessions}, failures: {len(failures)}")
    for failure in failures:
        say(f"  {type(failure).__name__}: {str(failure).splitlines()[0]}")
    if timings:
        shown = [first for first, _ in timings]
        updated = [second for _, second in timings]
        say(
            f"map shown after load, s: median {statistics.median(shown):.1f}, "
            f"95th percentile {percentile(shown, 0.95):.1f}, max {max(shown):.1f}"
        )
        say(
            f"map updated after the filter change, s: median {statistics.median(updated):.1f}, "
            f"95th percentile {percentile(updated, 0.95):.1f}, max {max(updated):.1f}"
        )
    say(f"server peak memory: {peak_mb:.0f} MB")
    say(
        f"server CPU time while the room was served: {server_cpu:.1f} s "
        f"of {wall:.1f} s ({server_cpu / wall:.0%} of one core)"
    )
    report = {
        "cores": os.cpu_count(),
        "sessions": sessions,
        "failures": len(failures),
        "alone": None if isinstance(alone, BaseException) else list(alone),
        "shown": [statistics.median(shown), percentile(shown, 0.95)] if timings else None,
        "updated": [statistics.median(updated), percentile(updated, 0.95)] if timings else None,
        "peak_mb": peak_mb,
        "server_cpu_s": server_cpu,
        "wall_s": wall,
    }
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    write_document()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
