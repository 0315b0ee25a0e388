"""Take the README's screenshots: starts the app, opens each view in Chromium, saves PNGs.

Run from the repository root: python -m scripts.screenshots [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import CHROMIUM_ARGS, AppServer, chromium_path

# (file name, path and query string)
VIEWS = (
    ("registry_ru.png", "/?lang=ru"),
    ("registry_en.png", "/?lang=en"),
)
VIEWPORT = {"width": 1600, "height": 1000}


def main() -> None:
    """Open each view and save a full-page screenshot."""
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
            for name, path in VIEWS:
                page.goto(server.url + path)
                rows = page.locator("[data-testid='stDataFrame'] [role='row']")
                expect(rows.first).to_be_attached(timeout=30_000)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=output / name, full_page=True)
                sys.stdout.write(f"{output / name}\n")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
