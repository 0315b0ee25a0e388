# The public record in the browser, on the committed data (data/): the published table's
# view gives the page's own numbers, another source's link on a card opens in a new tab
# (never in the dashboard's), and the timeline marks other sources' documents.
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from devtools.harness import AppServer, wait_until_map_is_still
from tests.helpers.browser import EXCEPTION, LOAD_MS, MAP_FRAME, map_frame
from tests.helpers.data import COMMITTED

METRICS_JS = """() => Object.fromEntries([...document.querySelectorAll('[data-testid=stMetric]')]
  .map(m => [m.querySelector('[data-testid=stMetricLabel]').innerText.trim(),
             m.querySelector('[data-testid=stMetricValue]').innerText.trim()]))"""


@pytest.fixture(scope="module")
def committed_server() -> Iterator[AppServer]:
    server = AppServer(env={"PARTNERS_DATA_DIR": str(COMMITTED), "PARTNERS_TODAY": "2026-12-02"})
    yield server
    server.stop()


@pytest.mark.parametrize(("query", "expected"), [
    ("lang=en&record=published", {"Partners": "10", "Countries": "4", "Documents": "11"}),
    ("lang=en", {"Partners": "10", "Countries": "4", "Documents": "17"}),
])  # fmt: skip
def test_the_published_table_view_gives_the_pages_numbers(
    browser, committed_server, query, expected
):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{committed_server.url}/?{query}")
    # The cards arrive one by one: read them once every expected one is drawn.
    page.wait_for_function(
        f"(labels) => labels.every(label => label in ({METRICS_JS})())",
        arg=list(expected),
        timeout=LOAD_MS,
    )
    shown = page.evaluate(METRICS_JS)
    assert {label: shown[label] for label in expected} == expected
    assert not page.locator(EXCEPTION).count()
    context.close()


def test_a_cards_source_opens_in_a_new_tab(browser, committed_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    # Nothing may leave the machine: the new tab's request is answered here, not sent.
    app_host = urlparse(committed_server.url).netloc
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).netloc == app_host
            else route.fulfill(status=200, body="source")
        ),
    )
    page = context.new_page()
    page.goto(f"{committed_server.url}/map?lang=en")
    frame = map_frame(page)
    wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
    marker = frame.locator("path[data-partner='pinneberg']")
    expect(marker).to_be_attached(timeout=LOAD_MS)
    marker.click()
    card = frame.locator(".leaflet-popup .partner-card")
    expect(card).to_contain_text("from another source", timeout=LOAD_MS)
    links = card.locator("a[href*='kreis-pinneberg.de']")
    expect(links.first).to_be_visible()
    for link in links.all():
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")
    href = links.first.get_attribute("href")
    with context.expect_page() as opened:
        links.first.click()
    assert opened.value.url == href
    assert page.url.startswith(committed_server.url)  # the dashboard stays where it was
    context.close()


# Plotly draws a "-dot" symbol as its outline plus a small circle: two paths in one.
DOTTED_JS = """() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .point')]
  .filter(p => (p.getAttribute('d') || '').split('M').length > 2).length"""


@pytest.mark.parametrize(("query", "dotted"), [("lang=en", 6), ("lang=en&record=published", 0)])
def test_the_timeline_dots_other_sources_documents(browser, committed_server, query, dotted):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{committed_server.url}/timeline?{query}")
    legend = page.locator(".js-plotly-plot .legend")
    expect(legend).to_contain_text("Cooperation agreement", timeout=LOAD_MS)
    if dotted:
        expect(legend).to_contain_text("document from another source")
    else:
        expect(legend).not_to_contain_text("document from another source")
    assert page.evaluate(DOTTED_JS) == dotted
    context.close()
