# Hostile text in the data files: shown literally everywhere, never run as script.
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.harness import AppServer
from tests.browser.test_browser_dashboard import EXCEPTION, LOAD_MS, map_frame
from tests.conftest import DATA

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
TEMPLATE = "`${alert(3)}`"  # folium puts tooltips into JavaScript template literals
MARKDOWN = "**[click](javascript:alert(4))**"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[AppServer]:
    """The app on a copy of the data where Wolin's names are attacks."""
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("coords.csv", "home.toml", "basemap.geojson", "strategy.csv"):
        shutil.copy(DATA / name, folder / name)
    registry = (DATA / "partners.csv").read_text(encoding="utf-8")
    registry = registry.replace("wolin,г. Волин,Wolin,Wolin,", f"wolin,{IMG},{TEMPLATE},{SCRIPT},")
    registry = registry.replace("Западнопоморское воеводство,", f"{MARKDOWN},", 1)
    (folder / "partners.csv").write_text(registry, encoding="utf-8")
    server = AppServer(env={"PARTNERS_DATA_DIR": str(folder)})
    yield server
    server.stop()


def watch_dialogs(page: Page) -> list[str]:
    """Record every alert() a script manages to open, and dismiss it."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def test_hostile_names_on_the_map_and_card_are_shown_literally(page, hostile_server):
    dialogs = watch_dialogs(page)
    page.goto(f"{hostile_server.url}/map?lang=ru&country=PL&from=2009&to=2009")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(2)  # Bisztynek and "Wolin"
    page.get_by_text("Партнёр", exact=True).first.wait_for(timeout=LOAD_MS)
    picker = page.locator(".st-key-partner")
    picker.click()
    page.get_by_role("option", name=IMG).click()
    card = page.locator(".st-key-partner_card")
    expect(card.locator("h3")).to_have_text(IMG, timeout=LOAD_MS)
    expect(card).to_contain_text(TEMPLATE)
    expect(card).to_contain_text(SCRIPT)
    expect(card).to_contain_text(MARKDOWN)
    expect(card.locator("img")).to_have_count(0)
    expect(card.locator("a:not([href^='#'])")).to_have_count(0)  # only the heading's anchor
    frame.locator(".partner-marker").nth(1).click()
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_contain_text(IMG)
    expect(popup).to_contain_text(SCRIPT)
    expect(popup.locator("img, script")).to_have_count(0)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    assert dialogs == []


def test_hostile_names_as_presentation_labels(page, hostile_server):
    dialogs = watch_dialogs(page)
    page.goto(f"{hostile_server.url}/?mode=present&country=PL")
    frame = map_frame(page)
    expect(frame.locator(".partner-label", has_text=IMG)).to_have_count(1)
    expect(frame.locator(".partner-label img")).to_have_count(0)
    page.goto(f"{hostile_server.url}/?mode=present&lang=en&country=PL")
    frame = map_frame(page)
    expect(frame.locator(".partner-label", has_text=SCRIPT)).to_have_count(1)
    assert dialogs == []


def test_hostile_names_in_the_exported_map(page, browser, hostile_server, tmp_path):
    page.goto(f"{hostile_server.url}/map?lang=en&country=PL")
    map_frame(page)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Download the map")).click()
    saved = tmp_path / "map.html"
    download.value.save_as(saved)
    offline = browser.new_page()
    dialogs = watch_dialogs(offline)
    offline.goto(saved.as_uri())
    expect(offline.locator(".partner-marker")).to_have_count(5, timeout=LOAD_MS)
    cards = []
    for marker in offline.locator(".partner-marker").all():
        marker.click()
        cards.append(offline.locator(".leaflet-popup-content").last.inner_text())
    # Wolin's card, its names written out as text.
    (wolin,) = [card for card in cards if SCRIPT in card]
    assert IMG in wolin
    assert TEMPLATE in wolin
    offline.locator(".partner-marker").nth(3).hover()
    assert dialogs == []
    assert offline.locator("img[src='x']").count() == 0
    offline.close()
