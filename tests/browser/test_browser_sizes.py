# The map at the sizes people use: a projector, a laptop, a tablet and a phone as well as
# a full-HD screen. What a reader sees is checked where it stands: each name beside its own
# marker, no two names on each other, none cut by the map's edge, a legend clear of the
# buttons, a first click that opens the card, and a print of exactly three A4 pages.
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from devtools.harness import wait_until_map_is_still
from tests.browser.test_browser_dashboard import EXCEPTION, LOAD_MS, MAP_FRAME, PAGES, map_frame

SIZES = {
    "full-hd": (1920, 1080),
    "desktop": (1440, 900),
    "laptop": (1366, 768),
    "projector": (1280, 720),
    "tablet": (1024, 768),
    "phone": (390, 844),
}
NEAR_PX = 40  # a label this close to its marker reads as its own without a leader line
RADIUS_PX = 10  # utils.mapping.PARTNER_RADIUS_PX

# Geometry of the labels, read in the map's frame: each partner's marker, its label (a name
# or a number in the key), its leader line if any, the controls and the map's own box.
GEOMETRY_JS = """() => {
    const box = (e) => { const r = e.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    const map = box(document.querySelector(".leaflet-container"));
    const partners = [...document.querySelectorAll("path.partner-marker")].map((path) => {
        const id = path.getAttribute("data-partner");
        const label = document.querySelector(`.partner-label[data-partner="${id}"]`);
        const leader = document.querySelector(`.partner-leader[data-partner="${id}"]`);
        const m = box(path);
        return {
            id, description: path.getAttribute("aria-label"),
            marker: {x: (m.left + m.right) / 2, y: (m.top + m.bottom) / 2},
            label: label && label.style.display !== "none" ? box(label) : null,
            text: label ? label.textContent : null,
            numbered: label ? label.classList.contains("partner-label-number") : false,
            leader: leader ? box(leader) : null,
        };
    });
    const key = [...document.querySelectorAll(".partner-label-key div")].map((e) => e.textContent);
    const controls = [...document.querySelectorAll(
        ".leaflet-control-zoom, .leaflet-control-layers")].filter((e) => e.offsetWidth).map(box);
    const legend = document.querySelector(".map-legend");
    return {map, partners, key, controls, legend: legend ? box(legend) : null};
}"""


def _overlap(a: dict, b: dict) -> float:
    """Return the area two boxes share."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, width) * max(0.0, height)


def _distance(box: dict, point: dict) -> float:
    """Return how far a point is from a box (0 inside it)."""
    dx = max(box["left"] - point["x"], 0, point["x"] - box["right"])
    dy = max(box["top"] - point["y"], 0, point["y"] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"] - 1
        and inner["right"] <= outer["right"] + 1
        and inner["top"] >= outer["top"] - 1
        and inner["bottom"] <= outer["bottom"] + 1
    )


def assert_labels_stand_by_their_markers(geometry: dict) -> None:
    """Every partner on the map is named beside its own marker, legibly and completely."""
    shown = [p for p in geometry["partners"] if _inside_point(p["marker"], geometry["map"])]
    assert shown, "no partner on the map"
    labels = []
    for partner in shown:
        assert partner["label"], f"{partner['id']}: no label"
        name = partner["description"].rsplit(", ", 2)[0]  # "name, document type, status"
        if partner["numbered"]:
            # No room for the name: a number, and the same number beside the name in the key.
            assert f"{partner['text']} {name}" in geometry["key"], partner
        else:
            assert partner["text"] == name, f"{partner['text']!r} is not {name!r}"
        near = _distance(partner["label"], partner["marker"])
        if near > NEAR_PX:
            leader = partner["leader"]
            assert leader, f"{partner['id']}: label {near:.0f} px away with no leader line"
            # The leader starts at the marker's edge and ends at the label.
            assert _distance(leader, partner["marker"]) <= RADIUS_PX + 3
            assert _overlap(_grow(leader, 3), partner["label"]) > 0
        # No other marker is nearer to the label than its own.
        for other in shown:
            if other is not partner:
                assert _distance(partner["label"], other["marker"]) >= near - 0.5, (
                    f"{partner['id']}'s label is nearer to {other['id']}"
                )
        assert _inside(partner["label"], geometry["map"]), f"{partner['id']}: cut by the edge"
        labels.append(partner)
    for index, first in enumerate(labels):
        for second in labels[index + 1 :]:
            assert _overlap(first["label"], second["label"]) < 1, (first["id"], second["id"])


def _inside_point(point: dict, box: dict) -> bool:
    return box["left"] <= point["x"] <= box["right"] and box["top"] <= point["y"] <= box["bottom"]


def _grow(box: dict, by: float) -> dict:
    return {
        "left": box["left"] - by,
        "top": box["top"] - by,
        "right": box["right"] + by,
        "bottom": box["bottom"] + by,
    }


def assert_legend_clear_of_controls(geometry: dict) -> None:
    """The legend never lies over the zoom buttons or the layer switcher."""
    assert geometry["legend"], "no legend"
    for control in geometry["controls"]:
        assert _overlap(geometry["legend"], control) == 0


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
    assert _inside(boxes["card"], boxes["map"]), boxes
    assert _overlap(boxes["card"], boxes["legend"]) == 0, boxes
    assert _overlap(boxes["card"], boxes["zoom"]) == 0, boxes
    context.close()


@pytest.mark.parametrize("size", ["desktop", "laptop", "projector", "tablet"])
def test_first_click_on_a_partner_opens_its_card(browser, app_server, size):
    # The map runs below the fold: Leaflet's focus used to scroll the page on the first
    # mousedown, and the click landed elsewhere.
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_server.url}/map")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    iframe = page.locator(MAP_FRAME).bounding_box()
    assert iframe["y"] + iframe["height"] > height, "the map should not fit on screen here"
    scrolled = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop")
    # A partner on screen that nothing (a button, the legend) covers.
    visible_in_frame = height - iframe["y"]
    target = (
        page.locator(MAP_FRAME)
        .element_handle()
        .content_frame()
        .evaluate(
            """(visible) => {
            for (const path of document.querySelectorAll("path.partner-marker")) {
                const r = path.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (y < visible - 5 && document.elementFromPoint(x, y) === path) {
                    return {x, y};
                }
            }
            return null;
        }""",
            visible_in_frame,
        )
    )
    assert target, "no partner on screen to click"
    page.mouse.click(iframe["x"] + target["x"], iframe["y"] + target["y"])
    expect(frame.locator(".leaflet-popup")).to_have_count(1, timeout=LOAD_MS)
    expect(page.locator(".st-key-partner_card h3")).to_be_visible(timeout=LOAD_MS)
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") == (
        scrolled
    )
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
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=LOAD_MS)
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
