# The living record in the browser, on a copy of the fixture folder (tests/data/living) with
# one more decision whose source is a `javascript:` address: each tie's arc drawn in its
# status, the legend saying so, the card's links, and the hostile row refused by row and
# column rather than shown, so no address but http(s) ever becomes a link.
from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from devtools.harness import AppServer, wait_until_map_is_still
from tests.helpers.browser import EXCEPTION, LOAD_MS, MAP_FRAME, map_frame
from tests.helpers.data import LIVING

HOSTILE_URL = "javascript:alert(document.domain)"
# Every link on the page and in the map's frame: its address, target and rel.
LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.target, a.rel])"  # noqa: E501
SIZES = {"projector": (1280, 720), "tablet": (1024, 768), "phone": (390, 844)}


@pytest.fixture(scope="module")
def record_server(tmp_path_factory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("living")
    shutil.copytree(LIVING, folder, dirs_exist_ok=True)
    status = (folder / "status.csv").read_text(encoding="utf-8")
    # A resumption of Mrągowo's tie, with a source that would run code if it were a link.
    hostile = (
        f"mragowo,,active,2025-01,month,Rada Miejska w Mrągowie,L/1/25,,,{HOSTILE_URL},"
        "Rada Miejska w Mrągowie,2025-01,An invented resumption.,en\n"
    )
    (folder / "status.csv").write_text(status + hostile, encoding="utf-8")
    server = AppServer(env={"PARTNERS_DATA_DIR": str(folder), "PARTNERS_TODAY": "2026-11-26"})
    yield server
    server.stop()


def open_card(frame, partner: str) -> None:
    """Click a partner's marker and wait for its card."""
    marker = frame.locator(f"path[data-partner='{partner}']")
    expect(marker).to_be_attached(timeout=LOAD_MS)
    marker.click()
    expect(frame.locator(".leaflet-popup .partner-card")).to_be_visible(timeout=LOAD_MS)


@pytest.mark.parametrize("size", list(SIZES))
def test_each_tie_is_drawn_in_its_status_and_the_legend_says_so(browser, record_server, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{record_server.url}/map?lang=en")
    frame = map_frame(page)
    expect(frame.locator(".partner-arc")).to_have_count(10)
    # The stroke says the status: dashed suspended, grey dotted ended, thin unrecorded.
    suspended = frame.locator(".partner-arc-suspended")
    expect(suspended).to_have_count(1)
    expect(suspended).to_have_attribute("stroke-dasharray", "12 8")
    ended = frame.locator(".partner-arc-terminated")
    expect(ended).to_have_count(1)
    expect(ended).to_have_attribute("stroke", "#6E747C")
    expect(frame.locator(".partner-arc-active")).to_have_count(2)
    expect(frame.locator(".partner-arc-unrecorded")).to_have_count(6)
    unrecorded = frame.locator(".partner-arc-unrecorded").first
    assert float(unrecorded.get_attribute("stroke-width")) < float(
        frame.locator(".partner-arc-active").first.get_attribute("stroke-width")
    )
    toggle = frame.locator(".map-legend-toggle")
    if toggle.get_attribute("aria-expanded") == "false":  # shut on a narrow map
        toggle.click()
    legend = frame.locator(".map-legend-body")
    expect(legend).to_contain_text("Status of the tie")
    expect(frame.locator(".map-legend-status")).to_have_count(4)
    # The whole legend is inside the map, its rows readable, not cut.
    box = frame.locator(".map-legend").bounding_box()
    map_box = page.locator(MAP_FRAME).bounding_box()
    assert box["x"] >= map_box["x"]
    assert box["x"] + box["width"] <= map_box["x"] + map_box["width"]
    assert box["y"] + box["height"] <= map_box["y"] + map_box["height"]
    assert not page.locator(EXCEPTION).count()
    context.close()


def test_the_card_links_its_source_in_a_new_tab_and_never_a_script(browser, record_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{record_server.url}/map?lang=en")
    frame = map_frame(page)
    wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
    open_card(frame, "pinneberg")
    card = frame.locator(".leaflet-popup .partner-card")
    expect(card).to_contain_text("suspended since April 2022")
    # The decision links its source; every link of the card opens apart from the app.
    expect(card.locator("a[href='https://example.org/pinneberg/kreistag-2022']")).to_have_count(1)
    for link in card.locator("a").all():
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")
    frame.locator(".leaflet-popup-close-button").click()
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    # The resumption's source is a javascript: address: that row is refused, so the card
    # still says the tie ended, with the earlier decision's own source linked.
    open_card(frame, "mragowo")
    card = frame.locator(".leaflet-popup .partner-card")
    expect(card).to_contain_text("ended since 27 April 2022")
    expect(card).to_contain_text("Rada Miejska w Mrągowie, № XL/456/22")
    expect(card).not_to_contain_text("L/1/25")
    expect(card.locator("a[href^='https://example.org/mragowo/']")).to_have_count(1)
    inner = page.locator(MAP_FRAME).element_handle().content_frame()
    for href, _, _ in inner.evaluate(LINKS_JS) + page.evaluate(LINKS_JS):
        assert not href.lower().startswith(("javascript:", "data:")), href
    context.close()


def test_no_page_makes_a_link_of_anything_but_http(browser, record_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    for path in ("partners?lang=en", "map?lang=en&partner=mragowo", "?lang=en"):
        page.goto(f"{record_server.url}/{path}")
        expect(page.locator("h1").first).to_be_visible(timeout=LOAD_MS)
        expect(page.locator("[data-testid='stMarkdown']").first).to_be_visible(timeout=LOAD_MS)
        if path.startswith("partners"):
            expect(page.locator(".st-key-partner_mragowo")).to_contain_text(
                "ended since 27 April 2022"
            )
        if path == "?lang=en":
            # The overview reports the bad address in status.csv, by row and column.
            expect(page.get_by_text("status.csv").first).to_be_visible(timeout=LOAD_MS)
        for href, target, rel in page.evaluate(LINKS_JS):
            assert not href.lower().startswith(("javascript:", "data:")), href
            if href.startswith("https://example.org"):
                assert (target, rel) == ("_blank", "noopener noreferrer")
    context.close()
