# axe-core on every page and mode, in both languages: no serious or critical violation in
# the page or inside the map. axe.min.js comes from a pip package and is injected from
# disk, never from a CDN.
from __future__ import annotations

import time
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import EXCEPTION, LOAD_MS, MAP_FRAME

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}
# Each page or mode, and what shows that its content has been drawn.
VIEWS = [
    ("", "[data-testid='stMetric']"),
    ("map", MAP_FRAME),
    ("timeline", ".js-plotly-plot"),
    ("breakdowns", ".js-plotly-plot"),
    ("table", "[data-testid='stDataFrame']"),
    ("anniversaries", "[data-testid='stDataFrame']"),
    ("strategy", "[data-testid='stAlertContainer']"),
    ("data", "[data-testid='stFileUploader']"),
    ("map?mode=present", MAP_FRAME),
    ("map?mode=print", ".js-plotly-plot"),
]


# Resolves true when, over half a second, no run was under way and no element was faded.
_AT_REST = """() => new Promise((done) => {
    const busy = () => document.querySelector("[data-stale='true']") !== null ||
        document.querySelector("[data-testid='stStatusWidget']") !== null;
    let checks = 0;
    const check = () => {
        if (busy()) { done(false); return; }
        if (++checks === 5) { done(true); return; }
        setTimeout(check, 100);
    };
    check();
})"""


def wait_until_at_rest(page: Page) -> None:
    """Wait until Streamlit runs no script: it fades the elements of a run being replaced."""
    deadline = time.monotonic() + LOAD_MS / 1000
    while not page.evaluate(_AT_REST):
        assert time.monotonic() < deadline, "the page did not come to rest"


def blocking_violations(page: Page) -> list[str]:
    """Run axe in the page and in the map's frame; describe each serious or critical finding."""
    found = []
    frames = [page.main_frame, *(f for f in page.frames if "st_folium" in f.url)]
    for frame in frames:
        frame.evaluate(AXE_JS)
        result = frame.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        found += [
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
            for violation in result["violations"]
            if violation["impact"] in BLOCKING
        ]
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(("path", "content"), VIEWS, ids=[path or "overview" for path, _ in VIEWS])
def test_no_serious_accessibility_violation(page, app_server, path, content, lang):
    separator = "&" if "?" in path else "?"
    page.goto(f"{app_server.url}/{path}{separator}lang={lang}")
    expect(page.locator(content).first).to_be_visible(timeout=LOAD_MS)
    if content == MAP_FRAME:
        expect(page.frame_locator(MAP_FRAME).locator(".map-legend").first).to_be_attached(
            timeout=LOAD_MS
        )
    wait_until_at_rest(page)
    assert not page.locator(EXCEPTION).count()
    assert blocking_violations(page) == []
