# The app in headless Chromium, as a new user meets it.
from __future__ import annotations

import re
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

TITLE_RU = "Международные связи Зеленоградского муниципального округа"
TITLE_EN = "International partners of the Zelenogradsk Municipal District"
TABLE_ROWS = "[data-testid='stDataFrame'] [role='row']"  # the grid's hidden accessible table
EXCEPTION = "[data-testid='stException']"


def cells(page: Page, role: str, text: str):
    """The documents grid's cells (role gridcell or columnheader) whose text is exactly `text`."""
    grid = page.locator("[data-testid='stDataFrame']")
    return grid.locator(f"[role='{role}']", has_text=re.compile(rf"^{re.escape(text)}$"))


def open_app(page: Page, url: str) -> list[str]:
    """Open a URL, wait until the documents table is drawn; return every URL requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    expect(page.locator(TABLE_ROWS)).to_have_count(12, timeout=30_000)  # header + 11 documents
    return requested


def test_registry_page_shows_every_document(page, app_server):
    open_app(page, app_server.url)
    expect(page.locator("h1")).to_have_text(TITLE_RU)
    expect(page.get_by_text("Документов: 11 · партнёров: 10 · стран: 4")).to_be_visible()
    expect(cells(page, "gridcell", "Крайс Пиннеберг")).to_have_count(1)
    expect(cells(page, "gridcell", "Гмина г. Бранёво")).to_have_count(2)
    expect(cells(page, "gridcell", "март 2009")).to_have_count(1)
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_no_request_leaves_the_app_host(page, app_server):
    requested = open_app(page, app_server.url + "/?lang=en")
    page.wait_for_load_state("networkidle")
    hosts = {
        urlparse(url).netloc
        for url in requested
        if urlparse(url).scheme in {"http", "https", "ws", "wss"}
    }
    assert hosts == {urlparse(app_server.url).netloc}
    assert len(requested) > 5  # the page, its scripts and styles were all seen


def test_language_switch(page, app_server):
    open_app(page, app_server.url)
    page.get_by_text("English", exact=True).click()
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    expect(cells(page, "columnheader", "Partner")).to_have_count(1)
    expect(cells(page, "gridcell", "March 2009")).to_have_count(1)
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_shared_link_is_the_first_request_after_a_restart(page, fresh_server):
    # Streamlit's legacy pages/ mode is on until the first st.navigation call: the very
    # first visitor must still get the frame (sidebar, language) and a working first click.
    open_app(page, fresh_server.url + "/registry?lang=en")
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_text("Русский", exact=True).click()
    expect(page.locator("h1")).to_have_text(TITLE_RU)
    expect(page).to_have_url(re.compile(r"[?&]lang=ru\b"))
