# Hostile text in the data files: shown literally everywhere, never run as script.
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from devtools.harness import AppServer, wait_until_map_is_still
from tests.helpers.browser import EXCEPTION, LOAD_MS, TABLE_ROWS, map_frame
from tests.helpers.data import DATA, copy_data

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
TEMPLATE = "`${alert(3)}`"  # folium puts tooltips into JavaScript template literals
MARKDOWN = "**[click](javascript:alert(4))**"
# Plotly reads a subset of HTML in labels and hover text: a link, bold, 60 px red text.
PLOTLY = (
    '<a href="http://evil.example/">click</a><b>bold</b>'
    '<span style="font-size:60px;color:red">big</span>'
)
# Spreadsheet formulas in partners' names (OWASP's CSV injection).
FORMULA_NAME = '=HYPERLINK("http://evil.example/","click")'
FORMULA_COMMAND = "+cmd|' /C calc'!A0"
# Markdown makes links of bare addresses, escaped punctuation or not.
ADDRESSES = "г. Биштынек https://evil.example/x www.evil.example mail@evil.example"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[AppServer]:
    """The app on a copy of the data where Wolin's names are attacks."""
    folder = copy_data(tmp_path_factory.mktemp("hostile"))
    registry = (DATA / "partners.csv").read_text(encoding="utf-8")
    registry = registry.replace("wolin,г. Волин,Wolin,Wolin,", f"wolin,{IMG},{TEMPLATE},{SCRIPT},")
    registry = registry.replace("Западнопоморское воеводство,", f"{MARKDOWN},", 1)
    registry = registry.replace(
        "kuhlungsborn,г. Кюлунгсборн,Kühlungsborn,Kühlungsborn,",
        f'kuhlungsborn,г. Кюлунгсборн,Kühlungsborn,"{PLOTLY.replace(chr(34), chr(34) * 2)}",',
    )
    registry = registry.replace("bisztynek,г. Биштынек,", f"bisztynek,{ADDRESSES},")
    registry = registry.replace(
        "braniewo,Гмина г. Бранёво,",
        f'braniewo,"{FORMULA_NAME.replace(chr(34), chr(34) * 2)}",',
    )
    registry = registry.replace("lepel,г. Лепель,", f"lepel,{FORMULA_COMMAND},")
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
        # A card's opening pans the map (autoPan): each click waits until it is still, so
        # that it lands on the marker where it is now.
        wait_until_map_is_still(offline.main_frame)
        marker.click()
        expect(offline.locator(".leaflet-popup-content")).to_be_visible()
        cards.append(offline.locator(".leaflet-popup-content").last.inner_text())
        # The card, taller with the tie's record, may cover the next marker: close it.
        offline.keyboard.press("Escape")
        expect(offline.locator(".leaflet-popup")).to_have_count(0)
    # Wolin's card, its names written out as text.
    (wolin,) = [card for card in cards if SCRIPT in card]
    assert IMG in wolin
    assert TEMPLATE in wolin
    offline.locator(".partner-marker").nth(3).hover()
    assert dialogs == []
    assert offline.locator("img[src='x']").count() == 0
    offline.close()


def test_chart_labels_and_hover_show_markup_from_names_as_text(page, hostile_server):
    page.goto(f"{hostile_server.url}/timeline?lang=en&country=DE")
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".ytick").first).to_be_attached(timeout=LOAD_MS)
    expect(chart.locator(".ytick", has_text='<a href="http://evil.example/">')).to_have_count(1)
    assert not chart.locator("a").count()  # no link was made from the name
    sizes = chart.locator(".ytick text").evaluate_all(
        "(ticks) => ticks.map((tick) => getComputedStyle(tick).fontSize)"
    )
    assert "60px" not in sizes
    assert not page.locator(EXCEPTION).count()


def test_addresses_in_names_are_not_made_into_links(page, hostile_server):
    page.goto(f"{hostile_server.url}/map?lang=ru&partner=bisztynek")
    card = page.locator(".st-key-partner_card")
    expect(card).to_contain_text("evil.example/x", timeout=LOAD_MS)
    # The invisible word joiners keep the address readable and plain.
    assert card.inner_text().replace("\u2060", "").count("https://evil.example/x") >= 1
    assert outside_links(page) == []
    page.goto(f"{hostile_server.url}/strategy?lang=ru")
    expect(page.get_by_text("evil.example").first).to_be_visible(timeout=LOAD_MS)
    assert outside_links(page) == []


def outside_links(page: Page) -> list[str]:
    """Links on the page that lead away from the app (a heading's own anchor does not)."""
    return page.locator("a[href]").evaluate_all(
        """(links) => links.map((a) => a.href).filter((href) =>
            !href.startsWith(location.origin) || href.includes("mailto:"))"""
    )


def test_the_table_page_is_drawn_with_the_hostile_names(page, hostile_server):
    page.goto(f"{hostile_server.url}/table?lang=en")
    expect(page.locator(TABLE_ROWS)).to_have_count(12, timeout=LOAD_MS)  # header and 11
    assert not page.locator(EXCEPTION).count()
    assert outside_links(page) == []


def test_downloads_carry_formula_like_names_as_text(page, hostile_server):
    page.goto(f"{hostile_server.url}/table?lang=ru")
    expect(page.locator(TABLE_ROWS)).to_have_count(12, timeout=LOAD_MS)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Скачать CSV").click()
    rows = list(
        csv.reader(
            io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig")),
            delimiter=";",  # a Russian reader's Excel
        )
    )
    cells = [cell for row in rows for cell in row]
    assert f"'{FORMULA_NAME}" in cells
    assert f"'{FORMULA_COMMAND}" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Скачать Excel (XLSX)").click()
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    values = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in values if cell.data_type == "f"]
    assert FORMULA_NAME in [cell.value for cell in values]  # as text, as the reader wrote it


# A link with a value wrong in each parameter beside a valid one (Poland).
MALFORMED_LINK = (
    "?country=PL&from=%C2%B2&to=%E2%91%A0&type=%3Cscript%3E&status=dead&q=%00%E2%80%AE"
    "&partner=x%20y&partners_sort=drop&contry=PL&from=" + "9" * 5000
)


@pytest.mark.parametrize("path", ["", "map", "partners", "timeline", "table", "data"])
def test_a_malformed_link_opens_the_page_with_a_note_and_the_rest_applied(page, app_server, path):
    page.goto(f"{app_server.url}/{path}{MALFORMED_LINK}&lang=en")
    expect(page.get_by_text("Documents shown: 6 of 11")).to_be_visible(timeout=LOAD_MS)
    expect(
        page.get_by_text("Not understood in the link and left out:", exact=False)
    ).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)
    # The URL keeps what applies and drops what did not.
    expect(page).to_have_url(re.compile(r"^(?!.*[?&]from=).*[?&]country=PL"))
