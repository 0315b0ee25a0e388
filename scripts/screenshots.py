"""Take the README's screenshots: starts the app, opens each page in Chromium, saves PNGs.

Run from the repository root: python -m scripts.screenshots [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import CHROMIUM_ARGS, AppServer, chromium_path

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# (file name, path and query string, what shows the page is drawn, inside the map's frame?)
VIEWS = (
    ("overview_ru.png", "/?lang=ru", "[data-testid='stMetric']", False),
    ("map_ru.png", "/map?lang=ru&partner=braniewo", ".leaflet-basemap-pane path", True),
    ("map_en.png", "/map?lang=en&country=PL", ".leaflet-basemap-pane path", True),
    ("timeline_ru.png", "/timeline?lang=ru", ".js-plotly-plot .point", False),
    ("breakdowns_ru.png", "/breakdowns?lang=ru", ".js-plotly-plot .bars", False),
    ("table_en.png", "/table?lang=en", "[data-testid='stDataFrame'] [role='row']", False),
    ("present_ru.png", "/map?lang=ru&mode=present", ".partner-label", True),
    ("present_en.png", "/map?lang=en&mode=present&partner=braniewo", ".leaflet-popup", True),
    ("anniversaries_ru.png", "/anniversaries?lang=ru", "[data-testid='stDataFrame']", False),
    ("strategy_en.png", "/strategy?lang=en", ".st-key-direction_poland", False),
    ("print_en.png", "/?lang=en&mode=print", ".partner-label", True),
    ("data_ru.png", "/data?lang=ru", "[data-testid='stFileUploader']", False),
)
VIEWPORT = {"width": 1600, "height": 1000}
LOAD_MS = 30_000


def main() -> None:
    """Open each view and save a screenshot of the whole page."""
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    chromium = chromium_path()
    if chromium is None:
        sys.exit("no Chromium found: apt-get install chromium")
    server = AppServer()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            for name, path, drawn, in_map in VIEWS:
                page.goto(server.url + path)
                scope = page.frame_locator(MAP_FRAME) if in_map else page
                expect(scope.locator(drawn).first).to_be_attached(timeout=LOAD_MS)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=output / name, full_page=True)
                sys.stdout.write(f"{output / name}\n")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
