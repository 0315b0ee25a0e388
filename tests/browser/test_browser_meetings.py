# Presentation mode, the print view, the growth slider and the offline map file, in Chromium.
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from bench.synthetic import write_registry
from devtools.harness import AppServer, wait_until_map_is_still
from tests.helpers.browser import (
    GEOMETRY_JS,
    LOAD_MS,
    MAP_FRAME,
    assert_labels_stand_by_their_markers,
    map_frame,
)
from tests.helpers.data import BASEMAP
from utils.map.layer import FOCUS_ZOOM

SIDEBAR = "[data-testid='stSidebar']"
# The names whose labels overlap the open card's box.
LABELS_UNDER_THE_CARD_JS = """() => {
    const card = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
    return [...document.querySelectorAll('.partner-label')].filter((label) => {
        const box = label.getBoundingClientRect();
        return box.width > 0 && box.left < card.right && box.right > card.left &&
            box.top < card.bottom && box.bottom > card.top;
    }).map((label) => label.textContent);
}"""


def test_presentation_hides_the_sidebar_and_labels_every_partner(page, app_server):
    page.goto(f"{app_server.url}/map?mode=present&lang=en")
    frame = map_frame(page)
    expect(frame.locator(".partner-label")).to_have_count(10)
    expect(frame.locator(".partner-label", has_text="Lepel")).to_be_visible()
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator("[data-testid='stHeader']")).to_be_hidden()
    # The map fills the screen below the presenter's bar.
    height = page.locator(MAP_FRAME).bounding_box()["height"]
    assert height > 0.8 * page.viewport_size["height"]


def test_presenter_steps_with_the_keyboard_and_the_card_opens(page, app_server):
    page.goto(f"{app_server.url}/map?mode=present&lang=en")
    frame = map_frame(page)
    page.locator("h3").first.click()  # the keys go to the page, not into the map
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]partner=pinneberg\b"), timeout=LOAD_MS)
    expect(frame.locator(".leaflet-popup")).to_contain_text("Pinneberg District", timeout=LOAD_MS)
    # No name is written under the open card (Rostock's once showed as "...ct" beside it).
    wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
    assert frame.locator("body").evaluate(LABELS_UNDER_THE_CARD_JS) == []
    page.keyboard.press("ArrowRight")
    expect(frame.locator(".leaflet-popup")).to_contain_text("Neringa", timeout=LOAD_MS)
    page.keyboard.press("Escape")
    expect(page.locator(SIDEBAR)).to_be_visible(timeout=LOAD_MS)
    expect(page).not_to_have_url(re.compile(r"mode=present"))


def test_growth_slider_swaps_the_partners_without_reloading_the_map(page, app_server):
    page.goto(f"{app_server.url}/map?lang=en")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    # A mark on the map's window: a reloaded map would lose it.
    page.frame_locator(MAP_FRAME).locator("body").evaluate("() => { window.kept = 1; }")
    slider = page.locator(".st-key-growth_year input[type='range']")
    slider.focus()
    page.keyboard.press("Home")  # the first year: 1991
    expect(
        page.get_by_text("By the end of 1991: 1 partner with a signed document, 1 document.")
    ).to_be_visible(timeout=LOAD_MS)
    expect(frame.locator(".partner-marker")).to_have_count(1, timeout=LOAD_MS)
    assert frame.locator("body").evaluate("() => window.kept") == 1


def test_downloaded_map_opens_from_disk_with_no_network(browser, page, app_server, tmp_path):
    page.goto(f"{app_server.url}/map?lang=en&country=PL")
    map_frame(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the map (HTML, works offline)").click()
    saved = tmp_path / "map.html"
    download.value.save_as(saved)

    context = browser.new_context(viewport={"width": 1600, "height": 900})
    refused: list[str] = []

    def no_network(route):
        refused.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(https?|wss?)://"), no_network)
    offline = context.new_page()
    errors: list[str] = []
    offline.on("pageerror", lambda error: errors.append(str(error)))
    offline.goto(saved.as_uri())
    expect(offline.locator(".partner-marker")).to_have_count(5, timeout=LOAD_MS)
    expect(offline.locator(".partner-arc")).to_have_count(5)
    expect(offline.locator(".leaflet-basemap-pane path").first).to_be_attached()
    # Names are written beside their own markers there too, placed for this window.
    wait_until_map_is_still(offline.main_frame)
    geometry = offline.evaluate(GEOMETRY_JS)
    assert len(geometry["partners"]) == 5
    assert_labels_stand_by_their_markers(geometry)
    offline.locator(".partner-marker").first.click()
    expect(offline.locator(".leaflet-popup")).to_be_visible()
    assert errors == []
    assert refused == []  # it did not even try
    context.close()


def test_print_view_prints_on_a4_landscape_pages(page, app_server):
    page.goto(f"{app_server.url}/?mode=print&lang=en")
    frame = map_frame(page)
    expect(frame.locator(".partner-label")).to_have_count(10)
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=LOAD_MS)
    expect(page.locator(SIDEBAR)).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) >= 3  # summary and map; timeline; breakdowns
    # A4 landscape: 842 x 595 points.
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(842, 595)}


def test_map_and_charts_under_a_base_url_path(page, base_path_server):
    page.goto(f"{base_path_server.url}/timeline?lang=en")
    # 11 documents and the end marks of 3 dates known to the month or year.
    # 11 documents, 6 period ends, 10 "no later record" marks (test_charts_render).
    expect(page.locator(".js-plotly-plot").first.locator(".scatterlayer .point")).to_have_count(
        27, timeout=LOAD_MS
    )
    page.goto(f"{base_path_server.url}/map?mode=present")
    frame = map_frame(page)
    expect(frame.locator(".partner-label")).to_have_count(10)


@pytest.fixture(scope="module")
def regional_server(tmp_path_factory) -> Iterator[AppServer]:
    """The app on a synthetic registry of 1,000 links among 50 homes (850 partners)."""
    folder = write_registry(tmp_path_factory.mktemp("regional"), 1_000, 50, BASEMAP)
    server = AppServer(env={"PARTNERS_DATA_DIR": str(folder)})
    yield server
    server.stop()


def test_presentation_of_a_large_registry_has_names_and_flies_to_a_partner(page, regional_server):
    # The same renderer at every size: at 850 partners the markers are painted on a canvas,
    # yet names are written beside their markers and the presenter's step flies to a card.
    page.goto(f"{regional_server.url}/map?mode=present&lang=en")
    frame = map_frame(page, marker=".leaflet-overlay-pane canvas")
    labels = frame.locator(".partner-label")
    expect(labels.first).to_be_visible(timeout=LOAD_MS)
    assert 0 < labels.count() <= 400
    # Not every name fits at the opening zoom: the map says so instead of guessing.
    expect(frame.locator(".partner-label-key")).to_have_text(
        "Not every name fits: zoom in", timeout=LOAD_MS
    )
    page.locator("h3").first.click()  # the keys go to the page, not into the map
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]partner=p\d{5}\b"), timeout=LOAD_MS)
    popup = frame.locator(".leaflet-popup .partner-card")
    expect(popup).to_contain_text("Partner ", timeout=LOAD_MS)  # the card's Russian name line
    expect(popup.locator("li").first).to_be_visible()
    # Flown in: the map is zoomed in on the partner (utils/map/layer.py, FOCUS_ZOOM).
    map_window = page.locator(MAP_FRAME).element_handle().content_frame()
    wait_until_map_is_still(map_window)
    assert map_window.evaluate("() => window.map.getZoom()") == FOCUS_ZOOM
