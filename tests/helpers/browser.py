# Browser helpers: what a page shows when it has drawn, the map's frame, an upload, and the
# geometry of the map's names beside their markers.
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.helpers.data import registry_with_palanga

TITLE_RU = "Международные связи Зеленоградского муниципального округа"
TITLE_EN = "International partners of the Zelenogradsk Municipal District"
EXCEPTION = "[data-testid='stException']"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TABLE_ROWS = "[data-testid='stDataFrame'] [role='row']"  # the grid's hidden accessible table
LOAD_MS = 30_000


# Each page, its Russian heading, and what shows that its content has been drawn.
PAGES = [
    ("overview", TITLE_RU, "[data-testid='stMetric']"),
    ("map", "Карта", MAP_FRAME),
    ("partners", "Партнёры", ".st-key-partner_pinneberg"),
    ("timeline", "Хронология", ".js-plotly-plot"),
    ("breakdowns", "Статистика", ".js-plotly-plot"),
    ("table", "Таблица документов", TABLE_ROWS),
]


def record_requests(page: Page) -> list[str]:
    """Collect every URL the page and its frames request from now on."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def upload_registry_with_palanga(page: Page, folder: Path) -> None:
    """Upload, on the Data page, the committed registry with Palanga's document added."""
    file = folder / "partners.csv"
    file.write_bytes(registry_with_palanga())
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(file)
    expect(page.get_by_text("No problems: the file can be applied.")).to_be_visible(timeout=LOAD_MS)


def map_frame(page: Page, marker: str = ".partner-marker"):
    """The streamlit-folium iframe, once its partners are drawn (`marker` shows them)."""
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(marker).first).to_be_attached(timeout=LOAD_MS)
    return frame


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


def assert_labels_stand_by_their_markers(geometry: dict) -> None:
    """Every partner on the map is named beside its own marker, legibly and completely."""
    shown = [p for p in geometry["partners"] if inside_point(p["marker"], geometry["map"])]
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
        near = distance(partner["label"], partner["marker"])
        if near > NEAR_PX:
            leader = partner["leader"]
            assert leader, f"{partner['id']}: label {near:.0f} px away with no leader line"
            # The leader starts at the marker's edge and ends at the label.
            assert distance(leader, partner["marker"]) <= RADIUS_PX + 3
            assert overlap(grow(leader, 3), partner["label"]) > 0
        # No other marker is nearer to the label than its own.
        for other in shown:
            if other is not partner:
                assert distance(partner["label"], other["marker"]) >= near - 0.5, (
                    f"{partner['id']}'s label is nearer to {other['id']}"
                )
        assert inside(partner["label"], geometry["map"]), f"{partner['id']}: cut by the edge"
        labels.append(partner)
    for index, first in enumerate(labels):
        for second in labels[index + 1 :]:
            assert overlap(first["label"], second["label"]) < 1, (first["id"], second["id"])


NEAR_PX = 40  # a label this close to its marker reads as its own without a leader line
RADIUS_PX = 10  # utils/map/layer.py PARTNER_RADIUS_PX


def overlap(a: dict, b: dict) -> float:
    """Return the area two boxes share."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, width) * max(0.0, height)


def distance(box: dict, point: dict) -> float:
    """Return how far a point is from a box (0 inside it)."""
    dx = max(box["left"] - point["x"], 0, point["x"] - box["right"])
    dy = max(box["top"] - point["y"], 0, point["y"] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"] - 1
        and inner["right"] <= outer["right"] + 1
        and inner["top"] >= outer["top"] - 1
        and inner["bottom"] <= outer["bottom"] + 1
    )


def inside_point(point: dict, box: dict) -> bool:
    return box["left"] <= point["x"] <= box["right"] and box["top"] <= point["y"] <= box["bottom"]


def grow(box: dict, by: float) -> dict:
    return {
        "left": box["left"] - by,
        "top": box["top"] - by,
        "right": box["right"] + by,
        "bottom": box["bottom"] + by,
    }
