# A regional registry: two home municipalities in one partners.csv (the home_id column).
from __future__ import annotations

import json

import pytest

from tests.helpers.app import documents_table, metrics, open_page
from tests.helpers.map_layer import drawn, layer_settings

BALTIYSK = 'baltiysk,"Baltiysk, Kaliningrad Oblast, Russia",54.6536,19.9126,manual,2026-11-26'
GDYNIA = 'gdynia,"Gdynia, Pomeranian Voivodeship, Poland",54.5189,18.5305,manual,2026-11-26'
# Baltiysk's own partners: Gdynia, and Braniewo, which is Zelenogradsk's partner too.
BALTIYSK_ROWS = (
    (
        "gdynia,г. Гдыня,Gdynia,Gdynia,city,Поморское воеводство,Pomeranian Voivodeship,PL,"
        "cooperation_agreement,Соглашение о сотрудничестве,2012-05-05,day,,baltiysk"
    ),
    (
        "braniewo,Гмина г. Бранёво,Gmina Miasto Braniewo,Braniewo Urban Commune,municipality,"
        "Варминьско-Мазурское воеводство,Warmian-Masurian Voivodeship,PL,cooperation_agreement,"
        "Соглашение о сотрудничестве,2013-06-01,day,,baltiysk"
    ),
)


@pytest.fixture
def two_homes(data_dir):
    """The committed data plus a second home, Baltiysk, with two partners of its own."""
    lines = (data_dir / "partners.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",home_id", *(line + "," for line in lines[1:]), *BALTIYSK_ROWS]
    (data_dir / "partners.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with (data_dir / "coords.csv").open("a", encoding="utf-8") as coords:
        coords.write(f"{BALTIYSK}\n{GDYNIA}\n")
    return data_dir


def layer(app) -> str:
    (component,) = app.main.get("component_instance")
    return json.loads(component.proto.json_args)["feature_group"]


def base(app) -> str:
    (component,) = app.main.get("component_instance")
    return json.loads(component.proto.json_args)["script"]


def test_one_home_changes_nothing(app):
    open_page(app, "overview", lang="en")
    assert not [m for m in app.sidebar.get("multiselect") if m.key == "homes"]
    assert "Home municipalities" not in metrics(app)


@pytest.mark.usefixtures("two_homes")
def test_two_homes_get_a_filter_and_a_count(app):
    open_page(app, "overview", lang="en")
    picker = app.multiselect(key="homes")
    assert picker.options == ["Baltiysk", "Zelenogradsk Municipal District"]
    assert metrics(app)["Home municipalities"] == "2"
    assert metrics(app)["Partners"] == "11"  # Braniewo counted once
    assert metrics(app)["Documents"] == "13"
    picker.set_value(["baltiysk"]).run()
    assert metrics(app)["Partners"] == "2"
    assert metrics(app)["Home municipalities"] == "1"
    assert app.query_params["home"] == "baltiysk"


@pytest.mark.usefixtures("two_homes")
def test_arcs_start_at_each_partners_home(app):
    open_page(app, "map", lang="en")
    script = layer(app)
    assert drawn(script)["homes"] == 2  # a star for each home
    # The legend names them together.
    assert layer_settings(script)["legend"]["home"] == "Home municipalities"
    assert drawn(script)["partners"] == 11  # Braniewo once
    assert drawn(script)["arcs"] == 12  # Braniewo has an arc from each home


@pytest.mark.usefixtures("two_homes")
def test_home_filter_from_the_url_and_the_table(app):
    open_page(app, "table", lang="en", home="baltiysk")
    table = documents_table(app)
    assert table["Partner"].tolist() == ["Gdynia", "Braniewo Urban Commune"]
    # Distances are from the document's own home: Braniewo is 77 km from Zelenogradsk.
    assert table["Distance, km"].tolist() == [91, 31]
