# The map page: the map's component arguments, the partner picker and the card.
from __future__ import annotations

import json

from tests.app.conftest import open_page


def map_args(app) -> dict:
    """The arguments the page passed to streamlit-folium (AppTest cannot draw the map)."""
    (component,) = app.main.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def test_map_of_every_partner_from_local_assets(app):
    open_page(app, "map")
    args = map_args(app)
    assert args["script"].count("L.circleMarker(") == 10
    assert args["script"].count("L.marker(") == 1  # the home
    assert args["js_links"] == [
        "../../app/static/vendor/leaflet/leaflet.js",
        "../../app/static/vendor/jquery/jquery.min.js",
    ]
    assert args["css_links"] == ["../../app/static/vendor/leaflet/leaflet.css"]
    # Only clicks come back, so panning and zooming do not rerun the page.
    assert args["returned_objects"] == ["last_object_clicked"]
    picker = app.selectbox(key="partner")
    assert picker.value is None
    assert picker.options[:3] == ["Крайс Пиннеберг", "Самоуправление Неринги", "Гмина г. Бранёво"]
    assert len(picker.options) == 10


def test_country_filter_redraws_the_map(app):
    open_page(app, "map", country="DE")
    args = map_args(app)
    assert args["script"].count("L.circleMarker(") == 3
    assert app.selectbox(key="partner").options == [
        "Крайс Пиннеберг",
        "г. Кюлунгсборн",
        "Округ Ландкрайз Росток",
    ]


def test_partner_card_from_the_url(app):
    open_page(app, "map", lang="en", partner="braniewo")
    assert app.selectbox(key="partner").value == "braniewo"
    assert app.subheader[0].value == "Braniewo Urban Commune"
    lines = [markdown.value for markdown in app.main.markdown]
    assert "**Local name:** Gmina Miasto Braniewo" in lines
    assert "**Distance from home:** 77 km" in lines
    assert "- Protocol of intent, 7 August 2004" in lines
    assert "- Cooperation treaty, 7 August 2010" in lines
    assert app.query_params["partner"] == "braniewo"


def test_choosing_a_partner_shows_its_card_and_puts_it_in_the_url(app):
    open_page(app, "map")
    app.selectbox(key="partner").select("lepel").run()
    assert app.subheader[0].value == "г. Лепель"
    lines = [markdown.value for markdown in app.main.markdown]
    assert "- Соглашение о сотрудничестве, 2009 г." in lines  # a year-only date
    assert "**Страна:** Беларусь" in lines
    assert app.query_params["partner"] == "lepel"


def test_unknown_or_filtered_out_partner_in_the_url_shows_no_card(app):
    open_page(app, "map", partner="pinneberg", country="PL")
    assert app.selectbox(key="partner").value is None
    assert not app.subheader
    assert "partner" not in app.query_params


def test_partner_without_coordinates_is_listed_not_drawn(app, data_dir):
    coords = (data_dir / "coords.csv").read_text(encoding="utf-8").splitlines()
    (data_dir / "coords.csv").write_text(
        "\n".join(line for line in coords if not line.startswith("lepel,")), encoding="utf-8"
    )
    open_page(app, "map", lang="en")
    assert app.warning[0].value == "No coordinates, not shown on the map: Lepel"
    assert map_args(app)["script"].count("L.circleMarker(") == 9
    assert len(app.selectbox(key="partner").options) == 10  # its card is still there
