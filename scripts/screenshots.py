"""Take the README's screenshots: starts the app, opens each page in Chromium, saves PNGs.

Run from the repository root: python -m scripts.screenshots [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from devtools.harness import (
    CHROMIUM_ARGS,
    AppServer,
    chromium_path,
    wait_until_map_is_still,
)

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORT = {"width": 1600, "height": 1000}
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# (file name, path and query string, what shows the page is drawn, inside the map's frame?,
# window size)
VIEWS = (
    ("overview_ru.png", "/?lang=ru", "[data-testid='stMetric']", False, VIEWPORT),
    ("map_ru.png", "/map?lang=ru&partner=braniewo", ".leaflet-basemap-pane path", True, VIEWPORT),
    ("map_en.png", "/map?lang=en&country=PL", ".leaflet-basemap-pane path", True, VIEWPORT),
    ("timeline_ru.png", "/timeline?lang=ru", ".js-plotly-plot .point", False, VIEWPORT),
    ("breakdowns_ru.png", "/breakdowns?lang=ru", ".js-plotly-plot .bars", False, VIEWPORT),
    ("table_en.png", "/table?lang=en", "[data-testid='stDataFrame'] [role='row']", False, VIEWPORT),
    ("present_ru.png", "/map?lang=ru&mode=present", ".partner-label", True, VIEWPORT),
    (
        "present_en.png",
        "/map?lang=en&mode=present&partner=braniewo",
        ".leaflet-popup",
        True,
        VIEWPORT,
    ),
    (
        "anniversaries_ru.png",
        "/anniversaries?lang=ru",
        "[data-testid='stDataFrame']",
        False,
        VIEWPORT,
    ),
    ("strategy_en.png", "/strategy?lang=en", ".st-key-direction_poland", False, VIEWPORT),
    ("print_en.png", "/?lang=en&mode=print", ".partner-label", True, VIEWPORT),
    ("data_ru.png", "/data?lang=ru", "[data-testid='stFileUploader']", False, VIEWPORT),
    ("present_projector_ru.png", "/map?lang=ru&mode=present", ".partner-label", True, PROJECTOR),
    ("map_phone_ru.png", "/map?lang=ru", ".leaflet-basemap-pane path", True, PHONE),
    ("present_phone_en.png", "/map?lang=en&mode=present", ".partner-label", True, PHONE),
    # The partners' languages.
    ("overview_pl.png", "/?lang=pl", "[data-testid='stMetric']", False, VIEWPORT),
    ("present_de.png", "/map?lang=de&mode=present", ".partner-label", True, PROJECTOR),
)
# The same app on the invented fixture of tests/data/living: the living record's views.
LIVING_ENV = {"PARTNERS_DATA_DIR": "tests/data/living", "PARTNERS_TODAY": "2026-11-26"}
LIVING_VIEWS = (
    (
        "record_present_en.png",
        "/map?lang=en&mode=present&partner=pinneberg",
        ".leaflet-popup",
        True,
        VIEWPORT,
    ),
    (
        "record_partners_ru.png",
        "/partners?lang=ru&partners_sort=dormant",
        ".st-key-partner_lepel",
        False,
        VIEWPORT,
    ),
    ("record_timeline_en.png", "/timeline?lang=en", ".js-plotly-plot .point", False, VIEWPORT),
)
LOAD_MS = 30_000


def shoot(browser, views: tuple, output: Path, env: dict[str, str] | None = None) -> None:
    """Start the app (with `env`), open each view and save a screenshot of it."""
    server = AppServer(env=env)
    try:
        for name, path, drawn, in_map, viewport in views:
            page = browser.new_page(viewport=viewport)
            page.goto(server.url + path)
            scope = page.frame_locator(MAP_FRAME) if in_map else page
            expect(scope.locator(drawn).first).to_be_attached(timeout=LOAD_MS)
            page.wait_for_load_state("networkidle")
            if in_map:
                wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
            # A phone's page is shown as the phone shows it, not as one long strip.
            page.screenshot(path=output / name, full_page=viewport != PHONE)
            page.close()
            sys.stdout.write(f"{output / name}\n")
    finally:
        server.stop()


def main() -> None:
    """Take the screenshots of the committed data, then of the living record's fixture."""
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    chromium = chromium_path()
    if chromium is None:
        sys.exit("no Chromium found: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        shoot(browser, VIEWS, output)
        shoot(browser, LIVING_VIEWS, output, LIVING_ENV)
        browser.close()


if __name__ == "__main__":
    main()
