"""Take README screenshots of the running app with Debian's Chromium.

Usage: python scripts/screenshots.py [BASE_URL] [OUTPUT_DIR]
Start the app first (`streamlit run app.py`); defaults: http://localhost:8501, docs/screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# (file name, path and query)
VIEWS = (
    ("registry_ru.png", "/registry?lang=ru"),
    ("registry_en.png", "/registry?lang=en"),
)


def main() -> None:
    """Open each view and save a full-page screenshot."""
    base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
    output = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in VIEWS:
            page.goto(base + path)
            page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=output / name, full_page=True)
            sys.stdout.write(f"{output / name}\n")
        browser.close()


if __name__ == "__main__":
    main()
