# The map as one self-contained HTML file.
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.helpers.data import BASEMAP
from tests.helpers.map_layer import drawn, layer_settings
from utils.filters import Filters, apply_filters
from utils.map.export import standalone_map_html


@pytest.fixture(scope="module")
def page(documents, coords, home) -> str:
    html = standalone_map_html(
        documents, coords, home, "ru", basemap=BASEMAP, title="Карта <партнёров>"
    )
    return html.decode("utf-8")


def test_nothing_is_fetched_from_anywhere(page):
    # No script, stylesheet or image is loaded from a URL, and the basemap is not fetched.
    assert not re.findall(r"<script[^>]+src=", page)
    assert not re.findall(r"<link[^>]+href=", page)
    # partners-map.js fetches the basemap only when its settings name a URL; here none.
    assert '"url": null' in page
    assert re.search(r'"url": "[^"]', page) is None
    assert "url(images/" not in page  # Leaflet's images are data URIs
    assert "url(data:image/png;base64," in page


def test_everything_the_map_needs_is_inside(page):
    assert "L.version" in page or "Leaflet" in page  # Leaflet itself
    assert "jQuery" in page
    assert drawn(page)["partners"] == 10
    assert '"FeatureCollection"' in page  # the basemap, inline
    assert "<title>Карта &lt;партнёров&gt;</title>" in page


class _Scripts(HTMLParser):
    """Collect the scripts of a page as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, _attrs):
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, _tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_no_inline_script_is_ended_early(page):
    # A "</script>" inside Leaflet's or jQuery's code would end its tag early and split it.
    parser = _Scripts()
    parser.feed(page)
    sizes = sorted(len(script) for script in parser.scripts)
    assert len(parser.scripts) == 5  # Leaflet, jQuery, partners-map.js, folium's settings, the map
    assert sizes[-2] > 80_000  # jQuery and Leaflet arrive whole
    assert drawn(parser.scripts[-1])["partners"] == 10


def test_export_follows_the_filters(documents, coords, home):
    german = apply_filters(documents, Filters(1991, 2016, countries=("DE",)))
    html = standalone_map_html(german, coords, home, "en", basemap=BASEMAP, title="Map").decode(
        "utf-8"
    )
    assert drawn(html)["partners"] == 3


def test_the_offline_file_carries_the_statuses_and_their_legend(living, coords, home):
    documents, record = living
    html = standalone_map_html(
        documents, coords, home, "en", basemap=BASEMAP, title="Map",
        record=record,
    ).decode("utf-8")  # fmt: skip
    settings = layer_settings(html)
    statuses = {partner["id"]: partner["status"] for partner in settings["partners"]}
    assert statuses["pinneberg"] == "suspended"
    assert statuses["mragowo"] == "terminated"
    assert statuses["braniewo"] == "active"
    assert statuses["lepel"] == "unrecorded"
    assert [row["label"] for row in settings["legend"]["statusRows"]] == [
        "Active", "Suspended", "Ended", "No status recorded",
    ]  # fmt: skip
    pinneberg = next(p for p in settings["partners"] if p["id"] == "pinneberg")
    assert ("Status", "suspended since April 2022", None) in pinneberg["record"]


def test_a_registry_that_names_no_home_still_gets_each_cards_record(page):
    # The committed registry leaves home_id empty: the record is the configured home's.
    settings = layer_settings(page)
    lepel = next(p for p in settings["partners"] if p["id"] == "lepel")
    assert [topic for topic, _, _ in lepel["record"]] == [
        "Статус", "Последний контакт", "Ближайший юбилей",
    ]  # fmt: skip
    assert lepel["record"][0][1] == "статус не записан; последний известный факт — 2009 г."
