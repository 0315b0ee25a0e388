# The dashboard in headless Chromium, as a new user meets it.
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from devtools.harness import wait_until_map_is_still
from tests.helpers.browser import (
    EXCEPTION,
    LOAD_MS,
    MAP_FRAME,
    PAGES,
    TABLE_ROWS,
    TITLE_EN,
    TITLE_RU,
    map_frame,
    record_requests,
)


@pytest.mark.parametrize(("path", "heading", "content"), PAGES)
def test_every_page_loads_without_an_exception(page, app_server, path, heading, content):
    page.goto(f"{app_server.url}/{path}")
    expect(page.locator("h1").first).to_have_text(heading, timeout=LOAD_MS)
    expect(page.locator(content).first).to_be_attached(timeout=LOAD_MS)
    expect(page.locator(EXCEPTION)).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_map_shows_ten_partners_the_home_arcs_and_the_basemap(page, app_server):
    page.goto(f"{app_server.url}/map")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    expect(frame.locator(".home-marker")).to_have_count(1)
    expect(frame.locator(".partner-arc")).to_have_count(10)
    # The basemap's country outlines, fetched from the app's static files.
    expect(frame.locator(".leaflet-basemap-pane path").first).to_be_attached(timeout=LOAD_MS)
    expect(frame.locator(".map-legend")).to_contain_text("Последний документ")


# For each arc: how far its start is from the home's star and its end from the nearest
# partner's marker, in pixels of the map's window.
ARC_ENDS_JS = """() => {
    const centre = (node) => { const r = node.getBoundingClientRect();
                               return [r.left + r.width / 2, r.top + r.height / 2]; };
    const apart = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const home = centre(document.querySelector('.home-icon'));
    const markers = [...document.querySelectorAll('path.partner-marker')].map(centre);
    return [...document.querySelectorAll('path.partner-arc')].map((arc) => {
        const m = arc.getScreenCTM();
        const at = (length) => {
            const p = arc.getPointAtLength(length);
            return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
        };
        const end = at(arc.getTotalLength());
        return [apart(at(0), home), Math.min(...markers.map((marker) => apart(end, marker)))];
    });
}"""


def test_arcs_run_from_the_home_to_each_partners_marker(page, app_server):
    # The arc's curve is computed in the browser (partners-map.js): it must start on the
    # home's star and end on a partner's marker, whatever the map's size and zoom.
    page.goto(f"{app_server.url}/map?lang=en")
    frame = map_frame(page)
    expect(frame.locator("path.partner-arc")).to_have_count(10)
    wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
    ends = frame.locator("body").evaluate(ARC_ENDS_JS)
    assert len(ends) == 10
    assert all(start < 3 and end < 3 for start, end in ends), ends


def test_clicking_a_partner_shows_its_card_and_link(page, app_server):
    page.goto(f"{app_server.url}/map?lang=en&country=BY")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(1)
    frame.locator(".partner-marker").click()
    card = page.locator(".st-key-partner_card")
    expect(card.locator("h3")).to_have_text("Lepel", timeout=LOAD_MS)
    expect(card).to_contain_text("Cooperation agreement, 2009")
    expect(card).to_contain_text("527 km")
    expect(frame.locator(".leaflet-popup")).to_contain_text("Vitebsk Region")
    expect(page).to_have_url(re.compile(r"[?&]partner=lepel\b"))


def test_filters_follow_the_reader_across_pages(page, fresh_server):
    # On a fresh server: the first session after a restart once lost the filter here.
    page.goto(f"{fresh_server.url}/?lang=en&country=PL")
    expect(page.get_by_text("Documents shown: 6 of 11")).to_be_visible(timeout=LOAD_MS)
    page.get_by_role("link", name="Map").first.click()
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(5)
    expect(page).to_have_url(re.compile(r"/map\?.*country=PL"))
    page.get_by_role("link", name="Documents table").first.click()
    expect(page.locator(TABLE_ROWS)).to_have_count(7, timeout=LOAD_MS)  # header + 6 documents


def test_charts_render(page, app_server):
    page.goto(f"{app_server.url}/timeline?lang=en")
    timeline = page.locator(".js-plotly-plot").first
    # A marker per document (11), the two end marks of each of the three dates known only
    # to the month or year (6), and a "no later record" mark where each partner's record
    # stops (10): no status is recorded, so none ends in a termination. Lines are not points.
    expect(timeline.locator(".scatterlayer .point")).to_have_count(27, timeout=LOAD_MS)
    expect(timeline.locator(".gtitle")).to_have_text("Documents by date")
    page.goto(f"{app_server.url}/breakdowns?lang=en")
    plots = page.locator(".js-plotly-plot")
    expect(plots).to_have_count(3, timeout=LOAD_MS)
    expect(plots.first.locator(".bars .point")).to_have_count(8)  # 4 countries x 2 measures
    expect(plots.first.locator(".bartext").first).to_be_visible()


def test_no_request_leaves_the_app_host(page, app_server):
    requested = record_requests(page)
    for path, heading, content in PAGES:
        page.goto(f"{app_server.url}/{path}")
        expect(page.locator("h1").first).to_have_text(heading, timeout=LOAD_MS)
        expect(page.locator(content).first).to_be_attached(timeout=LOAD_MS)
        if path == "map":
            map_frame(page)  # Leaflet, jQuery and the basemap are requested from inside
    hosts = {
        urlparse(url).netloc
        for url in requested
        if urlparse(url).scheme in {"http", "https", "ws", "wss"}
    }
    assert hosts == {urlparse(app_server.url).netloc}
    assert any(url.endswith("/app/static/vendor/leaflet/leaflet.js") for url in requested)


def test_map_works_with_nothing_but_the_app_reachable(browser, app_server):
    # A meeting room without internet: every other host is refused.
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    app_host = urlparse(app_server.url).netloc
    refused: list[str] = []

    def only_the_app(route):
        if urlparse(route.request.url).netloc == app_host:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_app)
    page = context.new_page()
    page.goto(f"{app_server.url}/map")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    expect(frame.locator(".leaflet-basemap-pane path").first).to_be_attached(timeout=LOAD_MS)
    assert refused == []
    context.close()


def test_language_switch(page, app_server):
    page.goto(app_server.url)
    expect(page.locator("h1")).to_have_text(TITLE_RU, timeout=LOAD_MS)
    page.get_by_text("English", exact=True).click()
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    expect(page.get_by_text("Years since the first document")).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)


def test_csv_download_opens_in_russian_excel(page, app_server):
    page.goto(f"{app_server.url}/table?country=DE")
    expect(page.locator(TABLE_ROWS)).to_have_count(4, timeout=LOAD_MS)
    with page.expect_download() as download:
        page.get_by_role("button", name="Скачать CSV").click()
    # Its name says the view and the day: a CSV file holds no note of its own.
    assert re.fullmatch(
        r"документы_партнёров_country-DE_\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename
    ), download.value.suggested_filename
    data = download.value.path().read_bytes()
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs for Cyrillic
    lines = data.decode("utf-8-sig").splitlines()
    # ";" and a decimal comma, as Russian Excel splits a file; an ISO date that sorts.
    assert lines[0].startswith("Партнёр;Страна;Документ;Дата подписания;Дата (ISO);")
    assert len(lines) == 4  # exactly the filtered view: header and three documents
    assert lines[1].startswith(
        "Крайс Пиннеберг;Германия;Соглашение о сотрудничестве;14 октября 1991;1991-10-14;"
    )
    assert ";712;" in lines[1]  # whole kilometres, not "712.0"


def test_shared_link_is_the_first_request_after_a_restart(page, fresh_server):
    # Streamlit's legacy pages/ mode is on until the first st.navigation call: the very
    # first visitor must still get the frame (sidebar, language) and a working first click.
    page.goto(f"{fresh_server.url}/table?lang=en&country=LT")
    expect(page.locator("h1")).to_have_text("Documents table", timeout=LOAD_MS)
    # The app's own menu of page titles, never Streamlit's list of pages/ file names.
    expect(page.locator(".st-key-page_menu a")).to_have_count(9)
    expect(page.locator(".st-key-page_menu")).to_contain_text("Anniversaries")
    assert not page.locator("[data-testid='stSidebarNav']").count()
    expect(page.locator(TABLE_ROWS)).to_have_count(2, timeout=LOAD_MS)
    page.get_by_text("Русский", exact=True).click()
    expect(page.locator("h1")).to_have_text("Таблица документов")
    expect(page).to_have_url(re.compile(r"[?&]lang=ru\b"))
    expect(page).to_have_url(re.compile(r"[?&]country=LT\b"))


def test_map_under_a_base_url_path(page, base_path_server):
    assert base_path_server.url.endswith("/partners")
    page.goto(f"{base_path_server.url}/map")
    frame = map_frame(page)
    expect(frame.locator(".partner-marker")).to_have_count(10)
    expect(frame.locator(".leaflet-basemap-pane path").first).to_be_attached(timeout=LOAD_MS)


def test_overview_has_a_path_of_its_own(page, app_server):
    # Readers guess /overview, as every other page has a path; it opens the overview.
    page.goto(f"{app_server.url}/overview?lang=en")
    expect(page.locator("h1")).to_have_text(TITLE_EN, timeout=LOAD_MS)
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible()
    assert not page.get_by_text("Page not found").count()
