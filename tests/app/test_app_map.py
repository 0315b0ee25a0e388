# The map page: the map's component arguments, the partner picker and the card.
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import write_registry
from tests.helpers.app import open_page
from tests.helpers.data import BASEMAP
from tests.helpers.map_layer import drawn
from ui import loaders
from utils.map.assets import STATIC_DIR
from utils.map.layer_files import LAYERS_DIR
from utils.views.picker import PICKER_LIST_MAX

APP = Path(__file__).resolve().parents[2] / "app.py"


def map_args(app) -> dict:
    """The arguments the page passed to streamlit-folium (AppTest cannot draw the map)."""
    (component,) = app.main.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def test_map_of_every_partner_from_local_assets(app):
    open_page(app, "map")
    args = map_args(app)
    # The partners come as a layer of their own, swapped without redrawing the map.
    assert drawn(args["feature_group"])["partners"] == 10
    assert "PartnersMap.layer(" not in args["script"]  # the base map carries no partners
    assert drawn(args["feature_group"])["homes"] == 1  # the home
    assert args["js_links"] == [
        "../../app/static/vendor/leaflet/leaflet.js",
        "../../app/static/vendor/jquery/jquery.min.js",
        "../../app/static/map/partners-map.js",
    ]
    assert args["css_links"] == [
        "../../app/static/vendor/leaflet/leaflet.css",
        "../../app/static/map/partners-map.css",
    ]
    # Only clicks come back, so panning and zooming do not rerun the page.
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked_count"]
    picker = app.selectbox(key="partner")
    assert picker.value is None
    assert picker.options[:3] == ["Крайс Пиннеберг", "Самоуправление Неринги", "Гмина г. Бранёво"]
    assert len(picker.options) == 10


def test_country_filter_redraws_the_map(app):
    open_page(app, "map", country="DE")
    args = map_args(app)
    assert drawn(args["feature_group"])["partners"] == 3
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
    # Escaped: a name is shown as it is written, never read as Markdown.
    assert app.subheader[0].value == "г\\. Лепель"
    lines = [markdown.value for markdown in app.main.markdown]
    assert "- Соглашение о сотрудничестве, 2009 г\\." in lines  # a year-only date
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
    assert drawn(map_args(app)["feature_group"])["partners"] == 9
    assert len(app.selectbox(key="partner").options) == 10  # its card is still there


def test_growth_slider_shows_the_network_at_the_end_of_a_year(app):
    open_page(app, "map")
    slider = app.slider(key="growth_year")
    # To the last document's year, not on to today (nothing says "ten ties in 2026").
    assert (slider.min, slider.max, slider.value) == (1991, 2016, 2016)
    base = map_args(app)["script"]
    slider.set_value(2000).run()
    args = map_args(app)
    assert drawn(args["feature_group"])["partners"] == 2
    assert app.selectbox(key="partner").options == ["Крайс Пиннеберг", "Самоуправление Неринги"]
    assert app.caption[0].value == (
        "К концу 2000 года: 2 партнёра с подписанными документами, 2 документа."
    )
    # Only the layer changes: the base map's script is the same, so it is not redrawn.
    assert args["script"] == base


def test_growth_year_shows_arcs_in_order_and_documents_as_of_then(app):
    open_page(app, "map", lang="en")
    app.slider(key="growth_year").set_value(2009).run()
    # Braniewo's 2010 treaty is not signed yet: its arc has the colour of the 2004 protocol.
    app.selectbox(key="partner").select("braniewo").run()
    lines = [markdown.value for markdown in app.main.markdown]
    assert "- Protocol of intent, 7 August 2004" in lines
    assert "- Cooperation treaty, 7 August 2010" not in lines
    assert drawn(map_args(app)["feature_group"])["partners"] == 6


def test_play_button_starts_the_growth_from_the_first_year(app):
    open_page(app, "map")
    app.button(key="growth_play").click().run()
    assert app.slider(key="growth_year").value == 1991
    assert app.button(key="growth_play").label == "❚❚ Пауза"
    assert drawn(map_args(app)["feature_group"])["partners"] == 1
    app.button(key="growth_play").click().run()
    assert app.button(key="growth_play").label == "▶ Показать рост"
    assert app.slider(key="growth_year").value == 1991  # paused where it was


def test_map_download_is_offered_as_one_html_file(app):
    open_page(app, "map", lang="en")
    button = app.get("download_button")[0]
    assert button.proto.label == "Download the map (HTML, works offline)"


def test_growth_slider_stays_at_the_latest_year_when_a_filter_changes_its_range(app):
    # Filtering to Poland moves the slider's first year from 1991 to 2004: Streamlit
    # then reset the slider to 2004, showing one partner instead of five.
    open_page(app, "map")
    app.multiselect(key="countries").set_value(["PL"]).run()
    slider = app.slider(key="growth_year")
    assert (slider.min, slider.value) == (2004, 2016)
    assert drawn(map_args(app)["feature_group"])["partners"] == 5


def test_a_chosen_growth_year_is_kept_inside_the_new_range(app):
    open_page(app, "map")
    app.slider(key="growth_year").set_value(2000).run()
    app.multiselect(key="countries").set_value(["PL"]).run()
    assert app.slider(key="growth_year").value == 2004  # 2000 is before Poland's first
    app.multiselect(key="countries").set_value([]).run()
    assert app.slider(key="growth_year").value == 2000  # the choice itself is kept


def test_reruns_that_keep_the_view_do_not_build_the_map_again(app, monkeypatch):
    import streamlit as st  # noqa: PLC0415

    import ui.view_cache  # noqa: PLC0415

    st.cache_data.clear()
    st.cache_resource.clear()
    built = []
    original = ui.view_cache.partner_layer_config
    monkeypatch.setattr(
        ui.view_cache, "partner_layer_config", lambda *a, **k: built.append(1) or original(*a, **k)
    )
    open_page(app, "map")
    assert len(built) == 1
    app.selectbox(key="partner").select("lepel").run()  # the card changes, the map does not
    assert len(built) == 1
    app.multiselect(key="countries").set_value(["PL"]).run()
    assert len(built) == 2
    app.multiselect(key="countries").set_value([]).run()  # back to a view seen before
    assert len(built) == 2


def test_a_map_rerun_reads_the_registry_once(app, monkeypatch):
    # The frame reads the data once into the run's View; pages and cached views take it
    # from there instead of calling the loaders again (a rerun once made 13 such calls).
    open_page(app, "map")
    reads = []
    read_registry = loaders.registry

    def counted(*args: object) -> object:
        reads.append(args)
        return read_registry(*args)

    monkeypatch.setattr(loaders, "registry", counted)
    app.multiselect(key="countries").set_value(["PL"]).run()  # a view never seen before
    assert not app.exception
    assert drawn(map_args(app)["feature_group"])["partners"] == 5
    assert len(reads) == 1


def test_the_layers_data_is_a_file_every_session_shares(app):
    # The map message carries the name of the view's data, not the data: five readers of
    # 26,000 links held five copies of 5 MB before.
    open_page(app, "map")
    script = map_args(app)["feature_group"]
    (url,) = re.findall(r'"dataUrl": "([^"]+)"', script)
    assert url.startswith("../../app/static/layers/")
    assert len(script) < 1_000
    path = STATIC_DIR / LAYERS_DIR / url.rsplit("/", 1)[-1]
    assert json.loads(path.read_text(encoding="utf-8"))["legend"]["home"] == (
        "Зеленоградский муниципальный округ"
    )
    second = AppTest.from_file(str(APP), default_timeout=30)
    open_page(second, "map")
    assert map_args(second)["feature_group"] == script  # the same file for the same view


@pytest.fixture
def _regional(tmp_path, monkeypatch):
    """A regional registry of 1,000 links among 50 homes: more partners than a list holds."""
    folder = write_registry(tmp_path / "regional", 1_000, 50, BASEMAP)
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(folder))
    return folder


@pytest.mark.usefixtures("_regional")
def test_beyond_a_lists_worth_the_picker_is_a_search(app):
    # A list of every name went to the browser on every run; beyond PICKER_LIST_MAX the
    # picker offers the matches of a search box, and says when there are more.
    open_page(app, "map", lang="en")
    picker = app.selectbox(key="partner")
    assert len(picker.options) == PICKER_LIST_MAX
    captions = [caption.value for caption in app.caption]
    assert any(text.startswith(f"The list offers {PICKER_LIST_MAX} of ") for text in captions)
    app.text_input(key="partner_search").input("partner 0012").run()
    offered = app.selectbox(key="partner").options
    # Case does not matter; "Partner 00120" to "Partner 00129".
    assert sorted(offered) == [f"Partner {number:05d}" for number in range(120, 130)]
    app.selectbox(key="partner").select("p00123").run()  # the synthetic id of Partner 00123
    chosen = "Partner 00123"
    assert app.subheader[0].value == chosen
    assert app.query_params["partner"] == "p00123"
    # Another search keeps the partner whose card is open in the list.
    app.text_input(key="partner_search").input("no such name").run()
    assert app.selectbox(key="partner").options == [chosen]
    assert app.subheader[0].value == chosen
    assert "No partner has such a name." in [caption.value for caption in app.caption]


def test_the_published_registry_keeps_its_plain_list(app):
    open_page(app, "map", lang="en")
    assert len(app.selectbox(key="partner").options) == 10
    assert "partner_search" not in [box.key for box in app.text_input]  # not for ten
