# The map at the sizes people use: a projector, a laptop, a tablet and a phone as well as
# a full-HD screen. What a reader sees is checked where it stands: each name beside its own
# marker, no two names on each other, none cut by the map's edge, a legend clear of the
# buttons, a first click that opens the card, and a print of exactly three A4 pages.
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from devtools.harness import wait_until_map_is_still
from tests.helpers.browser import (
    EXCEPTION,
    GEOMETRY_JS,
    LOAD_MS,
    MAP_FRAME,
    PAGES,
    assert_labels_stand_by_their_markers,
    inside,
    map_frame,
    overlap,
)

SIZES = {
    "full-hd": (1920, 1080),
    "desktop": (1440, 900),
    "laptop": (1366, 768),
    "projector": (1280, 720),
    "tablet": (1024, 768),
    "phone": (390, 844),
}


def assert_legend_clear_of_controls(geometry: dict) -> None:
    """The legend never lies over the zoom buttons or the layer switcher."""
    assert geometry["legend"], "no legend"
    for control in geometry["controls"]:
        assert overlap(geometry["legend"], control) == 0


def assert_framed_on_the_partners(geometry: dict) -> None:
    """The view is framed on the partners: their markers span half the map's width or height."""
    points = [p["marker"] for p in geometry["partners"]]
    box = geometry["map"]
    across = (max(p["x"] for p in points) - min(p["x"] for p in points)) / (
        box["right"] - box["left"]
    )
    down = (max(p["y"] for p in points) - min(p["y"] for p in points)) / (
        box["bottom"] - box["top"]
    )
    assert max(across, down) >= 0.5, (
        f"partners span {across:.0%} of the width, {down:.0%} of the height"
    )


def settled_geometry(page: Page) -> dict:
    """Wait until the labels are placed and stop moving, then read the geometry."""
    frame = map_frame(page)
    expect(frame.locator(".partner-label").first).to_be_attached(timeout=LOAD_MS)
    handle = page.locator(MAP_FRAME).element_handle()
    content = handle.content_frame()
    wait_until_map_is_still(content, LOAD_MS / 1000)
    return content.evaluate(GEOMETRY_JS)


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized_page(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.mark.parametrize("lang", ["ru", "en", "de"])  # German: the longest words
@pytest.mark.parametrize("mode", ["present", "print"])
def test_each_label_stands_by_its_own_marker(sized_page, app_server, mode, lang):
    sized_page.goto(f"{app_server.url}/map?mode={mode}&lang={lang}")
    geometry = settled_geometry(sized_page)
    assert len(geometry["partners"]) == 10
    assert_framed_on_the_partners(geometry)
    assert_labels_stand_by_their_markers(geometry)
    assert_legend_clear_of_controls(geometry)
    assert not sized_page.locator("[data-testid='stException']").count()


def test_a_filtered_print_labels_every_partner(sized_page, app_server):
    # The case that failed: Polish partners from 2005, only one of five labelled.
    sized_page.goto(f"{app_server.url}/map?mode=print&lang=en&country=PL&from=2005")
    geometry = settled_geometry(sized_page)
    assert len(geometry["partners"]) == 5
    assert_labels_stand_by_their_markers(geometry)


def test_labels_follow_a_resized_window(browser, app_server):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{app_server.url}/map?mode=present")
    settled_geometry(page)
    page.set_viewport_size({"width": 1024, "height": 768})
    assert_labels_stand_by_their_markers(settled_geometry(page))
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_presenters_card_fits_inside_the_map_clear_of_its_buttons(browser, app_server, size):
    # At 390 px a 400 px card ran off the screen's edge and under the legend's button.
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_server.url}/map?mode=present&partner=neringa")
    frame = map_frame(page)
    expect(frame.locator(".leaflet-popup .partner-card")).to_be_visible(timeout=LOAD_MS)
    map_window = page.locator(MAP_FRAME).element_handle().content_frame()
    wait_until_map_is_still(map_window)
    boxes = map_window.evaluate(
        """() => Object.fromEntries(Object.entries({
            map: ".leaflet-container", card: ".leaflet-popup-content-wrapper",
            legend: ".map-legend-toggle", zoom: ".leaflet-control-zoom"
        }).map(([name, selector]) => {
            const r = document.querySelector(selector).getBoundingClientRect();
            return [name, {left: r.left, top: r.top, right: r.right, bottom: r.bottom}];
        }))"""
    )
    assert inside(boxes["card"], boxes["map"]), boxes
    assert overlap(boxes["card"], boxes["legend"]) == 0, boxes
    assert overlap(boxes["card"], boxes["zoom"]) == 0, boxes
    context.close()


# Each partner's marker centre, and whether that point is the marker's own (nothing lies
# over it: not the home's star, a label, a button or the legend), in the map's frame.
CENTRES_JS = """() => [...document.querySelectorAll("path.partner-marker")].map(path => {
    const r = path.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return {id: path.dataset.partner, x, y, own: document.elementFromPoint(x, y) === path};
})"""


@pytest.mark.parametrize("size", ["full-hd", "desktop", "laptop", "projector", "tablet"])
def test_the_map_page_shows_the_whole_map_above_the_fold(browser, app_server, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_server.url}/map")
    expect(map_frame(page).locator(".partner-marker")).to_have_count(10)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["y"] + box["height"] <= height, (box, height)  # its bottom edge in view
    assert box["height"] >= 360
    content = page.locator(MAP_FRAME).element_handle().content_frame()
    wait_until_map_is_still(content, LOAD_MS / 1000)
    assert_framed_on_the_partners(content.evaluate(GEOMETRY_JS))
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["ru", "de"])  # the Russian title wraps, the German buttons
def test_the_presentation_shows_the_whole_map_on_the_screen(browser, app_server, size, lang):
    # Below 1500 px the presenter's bar takes two lines: the map's bottom edge stays in view.
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_server.url}/map?mode=present&lang={lang}")
    expect(map_frame(page).locator(".partner-marker")).to_have_count(10)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["y"] + box["height"] <= height, (box, height)
    assert box["height"] >= 320
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_a_first_click_on_every_partner_opens_its_card(browser, app_server, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_server.url}/map")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    content = page.locator(MAP_FRAME).element_handle().content_frame()
    wait_until_map_is_still(content, LOAD_MS / 1000)
    centres = content.evaluate(CENTRES_JS)
    covered = [centre["id"] for centre in centres if not centre["own"]]
    assert not covered, f"something lies over these partners' markers: {covered}"
    for partner in [centre["id"] for centre in centres]:
        page.goto(f"{app_server.url}/map")  # each click a first one, on the map as framed
        expect(frame.locator(".partner-marker")).to_have_count(10)
        content = page.locator(MAP_FRAME).element_handle().content_frame()
        wait_until_map_is_still(content, LOAD_MS / 1000)
        iframe = page.locator(MAP_FRAME).bounding_box()
        centre = next(c for c in content.evaluate(CENTRES_JS) if c["id"] == partner)
        page.mouse.click(iframe["x"] + centre["x"], iframe["y"] + centre["y"])
        expect(frame.locator(".leaflet-popup")).to_have_count(1, timeout=LOAD_MS)
        expect(page).to_have_url(re.compile(rf"partner={re.escape(partner)}"), timeout=LOAD_MS)
    context.close()


def test_a_partner_is_reached_and_opened_by_keyboard(page, app_server):
    page.goto(f"{app_server.url}/map?lang=en&country=BY")
    frame = map_frame(page)
    marker = frame.locator("path.partner-marker")
    expect(marker).to_have_attribute("role", "button")
    expect(marker).to_have_attribute(
        "aria-label", "Lepel, Cooperation agreement, no status recorded"
    )
    # The scale bar is metric only; the attribution is plain text, no link or flag.
    expect(frame.locator(".leaflet-control-scale-line")).to_have_count(1)
    expect(frame.locator(".leaflet-control-scale-line")).to_have_text(re.compile(r"^\d+ k?m$"))
    expect(frame.locator(".leaflet-control-attribution")).to_have_text("Leaflet | Natural Earth")
    assert not frame.locator(
        ".leaflet-control-attribution a, .leaflet-control-attribution svg"
    ).count()
    marker.focus()
    page.keyboard.press("Enter")
    expect(frame.locator(".leaflet-popup")).to_contain_text("Vitebsk Region", timeout=LOAD_MS)
    expect(page.locator(".st-key-partner_card h3")).to_have_text("Lepel", timeout=LOAD_MS)
    # The card says what the data says of the tie, and Escape on the marker closes it.
    expect(frame.locator(".leaflet-popup")).to_contain_text("no status recorded; last known fact")
    marker.focus()
    page.keyboard.press("Escape")
    expect(frame.locator(".leaflet-popup")).to_have_count(0)


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_legend_starts_closed_on_small_screens_and_opens(browser, app_server, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_server.url}/map?lang=en")
    frame = map_frame(page)
    toggle = frame.locator(".map-legend-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(frame.locator(".map-legend-body")).to_be_hidden()
    toggle.click()
    expect(frame.locator(".map-legend-body")).to_contain_text("Cooperation agreement")
    geometry = page.locator(MAP_FRAME).element_handle().content_frame().evaluate(GEOMETRY_JS)
    assert_legend_clear_of_controls(geometry)
    context.close()


def test_print_is_three_a4_landscape_pages_without_buttons(page, app_server):
    page.goto(f"{app_server.url}/map?mode=print")
    geometry = settled_geometry(page)
    assert_labels_stand_by_their_markers(geometry)
    # The timeline, then the country, document type and decade charts side by side.
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=LOAD_MS)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(842, 595)}
    # In print, the page's buttons and the map's zoom and layer buttons are not drawn.
    page.emulate_media(media="print")
    expect(page.locator(".st-key-print_controls")).to_be_hidden()
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-control-zoom")).to_be_hidden()
    expect(frame.locator(".leaflet-control-layers")).to_be_hidden()


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_the_print_page_on_a_narrow_screen_scrolls_sideways_from_its_left_edge(
    browser, app_server, size
):
    # The page is 1000 px wide, as on paper: it used to be centred, its left side beyond
    # reach. Now it starts at the left and the rest is a sideways scroll away.
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_server.url}/map?mode=print")
    expect(map_frame(page).locator(".partner-marker")).to_have_count(10)
    column = page.locator("[data-testid='stMainBlockContainer']")
    assert column.bounding_box()["x"] >= 0
    main = page.locator("[data-testid='stMain']")
    main.evaluate("(element) => { element.scrollLeft = element.scrollWidth; }")
    back = page.get_by_role("button", name="Вернуться к панели")
    expect(back).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("size", ["laptop", "projector"])
@pytest.mark.parametrize(("path", "heading", "content"), PAGES, ids=[p for p, _, _ in PAGES])
def test_every_page_loads_at_the_size_of_a_laptop_and_a_projector(
    browser, app_server, size, path, heading, content
):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_server.url}/{path}")
    expect(page.locator("h1").first).to_have_text(heading, timeout=LOAD_MS)
    expect(page.locator(content).first).to_be_attached(timeout=LOAD_MS)
    assert not page.locator(EXCEPTION).count()
    # Nothing runs off the right edge: the page scrolls down, never sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


# Every chart text that plotly draws on one line (titles, legend entries, axis ticks and
# titles) and that ends past its chart's edge, with how far; and each legend that scrolls.
CHART_TEXT_CUT_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const box = plot.getBoundingClientRect();
  const texts = plot.querySelectorAll(
    '.gtitle, .legendtext, .xtick text, .ytick text, .g-xtitle text');
  const cut = [...texts].map(text => {
    const r = text.getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1 ? null
      : `${text.textContent} (${Math.round(r.right - box.right)} px)`;
  });
  const legend = plot.querySelector('.legend');
  if (legend) {
    const shown = legend.querySelector('.bg').getBoundingClientRect().height;
    const content = legend.querySelector('.scrollbox').getBBox().height;
    if (content > shown + 1) cut.push(`legend scrolls: ${content} px in ${shown} px`);
  }
  return cut.filter(Boolean);
})"""


@pytest.mark.parametrize("size", ["projector", "tablet", "phone"])
@pytest.mark.parametrize("lang", ["ru", "de"])
@pytest.mark.parametrize("path", ["timeline", "breakdowns", "map?mode=print"])
def test_every_chart_text_is_whole_and_every_legend_unscrolled(
    browser, app_server, path, lang, size
):
    # Plotly neither wraps a title nor a legend entry: on a phone the German title and the
    # longest Russian document type ran past the chart's edge, and the timeline's legend
    # scrolled at 1024 and 1280 px, hiding half the document types.
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    separator = "&" if "?" in path else "?"
    page.goto(f"{app_server.url}/{path}{separator}lang={lang}")
    titles = page.locator(".js-plotly-plot .gtitle")
    expect(titles.first).to_be_attached(timeout=LOAD_MS)
    expected = {"timeline": 2, "breakdowns": 3, "map?mode=print": 4}[path]
    expect(titles).to_have_count(expected, timeout=LOAD_MS)
    assert page.evaluate(CHART_TEXT_CUT_JS) == []
    assert not page.locator(EXCEPTION).count()
    context.close()
