# The map by concern: the network, the cards, one view's layer data, the folium build and
# its locally served assets. What the browser draws is asserted on the layer's data.
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from tests.helpers.map_layer import drawn, layer_settings
from ui.maps import clicked_partner
from utils.escaping import escape_text
from utils.filters import Filters, apply_filters
from utils.map.build import base_map, build_map, partner_layer, stable_ids
from utils.map.elements import BaseScript, LayerScript
from utils.map.layer import CANVAS_FROM, LayerSettings
from utils.views.cards import partner_card, partner_cards
from utils.views.network import bundle_links, map_bounds, partner_places

CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "unpkg.com",
             "netdna.bootstrapcdn.com", "fonts.googleapis.com")  # fmt: skip


def test_map_bounds():
    assert map_bounds([(54.0, 20.0), (53.5, 9.7), (55.3, 28.7)]) == [[53.5, 9.7], [55.3, 28.7]]


def test_places_one_per_partner_with_latest_type_and_distance(documents, coords):
    places = partner_places(documents, coords).set_index("partner_id")
    assert len(places) == 10
    assert places.at["braniewo", "latest_type"] == "cooperation_treaty"
    assert round(places.at["pinneberg", "distance_km"]) == 712
    assert round(places.at["neringa", "distance_km"]) == 51


def test_map_has_one_marker_per_partner_plus_the_home(documents, coords, home):
    html = build_map(documents, coords, home, "ru").get_root().render()
    settings = layer_settings(html)
    assert drawn(html) == {"partners": 10, "homes": 1, "arcs": 10, "bundles": 0}
    assert settings["canvas"] is False  # ten markers, each an element a keyboard reaches
    assert settings["homes"][0][2] == "Зеленоградский муниципальный округ"
    # Each arc joins the home to a partner, coloured by the partner's latest document; its
    # stroke says the tie's status, which the published data never records.
    ids = [partner["id"] for partner in settings["partners"]]
    braniewo = ids.index("braniewo")
    (arc,) = [arc for arc in settings["arcs"] if arc[1] == braniewo]
    unrecorded = settings["statusNames"].index("unrecorded")
    assert arc == [0, braniewo, settings["partners"][braniewo]["kind"], unrecorded]
    assert {partner["status"] for partner in settings["partners"]} == {"unrecorded"}


def test_filtered_map(documents, coords, home):
    polish = apply_filters(documents, Filters(1991, 2016, countries=("PL",)))
    html = build_map(polish, coords, home, "en").get_root().render()
    names = [partner["name"] for partner in layer_settings(html)["partners"]]
    assert len(names) == 5
    assert "Mrągowo" in names
    assert "Pinneberg" not in html


def test_map_names_no_cdn_and_uses_the_apps_static_files(documents, coords, home):
    fmap = build_map(documents, coords, home, "ru")
    html = fmap.get_root().render()
    for host in CDN_HOSTS:
        assert host not in html
    assert fmap.default_js == [
        ("leaflet", "../../app/static/vendor/leaflet/leaflet.js"),
        ("jquery", "../../app/static/vendor/jquery/jquery.min.js"),
        ("partners_map", "../../app/static/map/partners-map.js"),
    ]
    assert fmap.default_css == [
        ("leaflet_css", "../../app/static/vendor/leaflet/leaflet.css"),
        ("partners_map_css", "../../app/static/map/partners-map.css"),
    ]
    assert '"../../app/static/basemap.geojson"' in html
    # The only remote address is the optional OpenStreetMap layer, off by default.
    remote = set(re.findall(r"https?://[^\s\"'\\)]+", html))
    assert {url.split("/")[2] for url in remote} == {"tile.openstreetmap.org"}


def test_attribution_is_plain_text_and_the_scale_metric(documents, coords, home):
    config = base_script(base_map(documents, coords, home, "ru"))
    # Leaflet's default prefix is a link with a flag icon; the map says its sources in words.
    assert config["attributionPrefix"] == "Leaflet"
    assert config["attribution"] == "Natural Earth"
    assert "<" not in config["attributionPrefix"] + config["attribution"]
    # folium's scale control shows miles too; partners-map.js adds a metric-only one.
    assert "L.control.scale" not in base_map(documents, coords, home, "ru").get_root().render()


def test_same_view_renders_the_same_script(documents, coords, home):
    # Stable element ids: a rerun that does not change the view does not redraw the map.
    first = build_map(documents, coords, home, "ru").get_root().render()
    second = build_map(documents, coords, home, "ru").get_root().render()
    assert first == second


def test_legend_lists_the_types_by_colour_and_the_statuses_by_stroke(documents, coords, home):
    legend = layer_config(partner_layer(documents, coords, home, "en"))["legend"]
    assert legend["heading"] == "Latest document"
    assert legend["open"] is None  # the browser opens it on a wide map only
    assert [(row["label"], row["color"]) for row in legend["rows"]] == [
        ("Cooperation agreement", "#0072B2"),
        ("Cooperation treaty", "#009E73"),
        ("Protocol of intent", "#E69F00"),
        ("Partnership agreement", "#CC79A7"),
        ("Declaration of intent", "#D55E00"),
    ]
    # Only the statuses on the map: the published data records none.
    assert legend["statusHeading"] == "Status of the tie"
    assert [row["label"] for row in legend["statusRows"]] == ["No status recorded"]
    only_protocols = apply_filters(
        documents, Filters(1991, 2016, document_types=("protocol_of_intent",))
    )
    legend = layer_config(partner_layer(only_protocols, coords, home, "en"))["legend"]
    assert [row["label"] for row in legend["rows"]] == ["Protocol of intent"]


def test_map_without_the_home_coordinates_draws_no_arcs(documents, coords, home):
    without_home = coords[coords["place_id"] != "zelenogradsk"]
    html = build_map(documents, without_home, home, "ru").get_root().render()
    assert drawn(html) == {"partners": 10, "homes": 0, "arcs": 0, "bundles": 0}


def test_partner_card_in_both_languages(documents):
    card = partner_card(documents, "braniewo", 77.4, "ru")
    assert card.name == "Гмина г. Бранёво"
    facts = dict(card.facts)
    assert facts["На языке партнёра"] == "Gmina Miasto Braniewo"
    assert facts["Страна"] == "Польша"
    assert facts["Расстояние от дома"] == "77 км"
    assert card.documents == (
        ("Протокол намерений", "7 августа 2004", "protocol_of_intent", None),  # the page's own
        ("Договор о сотрудничестве", "7 августа 2010", "cooperation_treaty", None),
    )
    lepel = partner_card(documents, "lepel", None, "en")
    assert lepel.name == "Lepel"
    assert lepel.documents == (("Cooperation agreement", "2009", "cooperation_agreement", None),)
    assert "Distance from home" not in dict(lepel.facts)  # unknown distance is left out
    bisztynek = partner_card(documents, "bisztynek", math.nan, "ru")
    assert bisztynek.documents[0][1] == "март 2009"


def test_popup_and_side_panel_say_the_same(documents, coords):
    # The map's popup (from the layer's data) and the page's card are one card.
    links = partner_places(documents, coords)
    cards = partner_cards(documents, links, "ru")
    assert list(cards) == list(links["partner_id"])
    distance = float(links.loc[links["partner_id"] == "braniewo", "distance_km"].iloc[0])
    assert cards["braniewo"] == partner_card(documents, "braniewo", distance, "ru")


def layer_script(layer) -> str:
    """Render a partner layer on a map and return the whole page's HTML."""
    import folium  # noqa: PLC0415

    fmap = folium.Map(tiles=None)
    layer.add_to(fmap)
    return stable_ids(fmap).get_root().render()


def test_base_map_has_no_partners_and_the_layer_has_them(documents, coords, home):
    base = base_map(documents, coords, home, "ru").get_root().render()
    assert "PartnersMap.layer(" not in base  # the homes belong to the layer too
    # The base map is framed on every partner, so a layer of fewer keeps the zoom.
    assert "fitBounds" in base
    html = layer_script(partner_layer(documents, coords, home, "ru"))
    assert drawn(html) == {"partners": 10, "homes": 1, "arcs": 10, "bundles": 0}


def layer_config(layer) -> dict:
    """Return the settings a layer hands to partners-map.js."""
    (script,) = [child for child in layer._children.values() if isinstance(child, LayerScript)]
    return script.config


def base_script(fmap) -> dict:
    """Return the settings the base map hands to partners-map.js."""
    (script,) = [child for child in fmap._children.values() if isinstance(child, BaseScript)]
    return script.config


def test_same_layer_renders_the_same_script(documents, coords, home):
    first = layer_script(partner_layer(documents, coords, home, "ru", LayerSettings(labels=True)))
    second = layer_script(partner_layer(documents, coords, home, "ru", LayerSettings(labels=True)))
    assert first == second


def test_labels_are_placed_by_the_browser_for_each_partner(documents, coords, home):
    config = layer_config(partner_layer(documents, coords, home, "en", LayerSettings(labels=True)))
    assert config["labels"] is True
    assert len(config["partners"]) == 10
    html = layer_script(partner_layer(documents, coords, home, "en", LayerSettings(labels=True)))
    wolin = next(p for p in layer_settings(html)["partners"] if p["id"] == "wolin")
    assert wolin["name"] == "Wolin"
    # The accessible name says the type too, not by colour alone: the browser joins the
    # name with the type's word.
    assert config["words"]["kinds"][wolin["kind"]] == "Cooperation agreement"
    # No folium tooltips or popups at all: the browser makes them from the data.
    assert "bindTooltip" not in html
    assert "bindPopup" not in html
    assert layer_config(partner_layer(documents, coords, home, "en"))["labels"] is False


def test_focus_flies_to_the_partner_and_opens_its_card(documents, coords, home):
    config = layer_config(
        partner_layer(documents, coords, home, "en", LayerSettings(focus="braniewo"))
    )
    assert config["partners"][config["focus"]][0] == "braniewo"
    assert config["frame"] is None
    back = layer_config(partner_layer(documents, coords, home, "en", LayerSettings(fly=True)))
    assert back["focus"] is None
    assert back["frame"]["animate"] is True
    (south, west), (north, east) = back["frame"]["bounds"]
    assert west < 9.8  # Pinneberg, the westernmost
    assert east > 28.6  # Lepel, the easternmost
    assert south < 53.7  # Pinneberg, the southernmost
    assert north > 55.3  # Neringa, the northernmost
    # An unknown partner (filtered out) is no focus: nothing flies.
    nowhere = layer_config(
        partner_layer(documents, coords, home, "en", LayerSettings(focus="palanga"))
    )
    assert nowhere["focus"] is None


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Wolin", "Wolin"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        # Folium writes the layer control's names into JavaScript template literals: a
        # backtick would end the string and ${...} would run.
        ("`${alert(3)}`", "&#96;&#36;{alert(3)}&#96;"),
        ("a\\`b", "a&#92;&#96;b"),  # a backslash cannot escape the backtick's entity either
        ("'\"&", "&#x27;&quot;&amp;"),
    ],
)
def test_escape_text_for_template_literals(text, escaped):
    assert escape_text(text) == escaped


def test_hostile_names_never_reach_the_map_script_raw(documents, coords, home):
    hostile = documents.copy()
    hostile["partner_ru"] = hostile["partner_ru"].astype(object)
    hostile.loc[hostile["partner_id"] == "wolin", "partner_ru"] = "`${alert(3)}`<script>"
    html = layer_script(partner_layer(hostile, coords, home, "ru", LayerSettings(labels=True)))
    assert "<script>`" not in html
    # partners-map.js gets a JSON string (inert in double quotes, "<" escaped), which it
    # sets as text, never as HTML: labels, tooltips and cards alike.
    assert '"`${alert(3)}`\\u003cscript\\u003e"' in html
    outside_json = re.sub(r'"(?:[^"\\]|\\.)*"', '""', html)
    assert "${alert" not in outside_json


def test_links_of_two_homes(documents, coords, home):
    # Braniewo is a partner of a second home too: two links, one marker, two arcs.
    regional = documents.copy()
    regional["home_id"] = regional["home_id"].astype(object)
    extra = regional[regional["partner_id"] == "braniewo"].tail(1).copy()
    extra["home_id"] = "baltiysk"
    regional = pd.concat([regional, extra], ignore_index=True)
    more_coords = pd.concat(
        [coords, pd.DataFrame([{"place_id": "baltiysk", "lat": 54.6536, "lon": 19.9126}])],
        ignore_index=True,
    )
    links = partner_places(regional, more_coords)
    assert len(links) == 11
    assert sorted(links.loc[links["partner_id"] == "braniewo", "home_id"]) == [
        "baltiysk",
        "zelenogradsk",
    ]
    assert sorted(
        round(d) for d in links.loc[links["partner_id"] == "braniewo", "distance_km"]
    ) == [
        31,
        77,
    ]
    html = layer_script(partner_layer(regional, more_coords, home, "en"))
    assert drawn(html) == {"partners": 10, "homes": 2, "arcs": 11, "bundles": 0}


def synthetic_links(count: int, homes: int) -> pd.DataFrame:
    """Links of `count` partners spread over countries and homes, as partner_places gives."""
    countries = ["DE", "PL", "LT", "SE"]
    return pd.DataFrame(
        {
            "home_id": [f"h{index % homes}" for index in range(count)],
            "partner_id": [f"p{index}" for index in range(count)],
            "country_code": [countries[index % 4] for index in range(count)],
            "lat": [50 + index % 10 for index in range(count)],
            "lon": [10 + index % 20 for index in range(count)],
            "home_lat": [54.9 + (index % homes) / 10 for index in range(count)],
            "home_lon": [20.4] * count,
        }
    )


@pytest.mark.parametrize(("count", "homes"), [(1, 1), (301, 1), (1000, 7), (26_000, 400)])
def test_bundled_arcs_count_every_link_once(count, homes):
    links = synthetic_links(count, homes)
    bundles = bundle_links(links)
    assert bundles["links"].sum() == count  # no link lost or counted twice
    assert not bundles.duplicated(["home_id", "country_code"]).any()  # one bundle per pair
    pairs = set(zip(links["home_id"], links["country_code"], strict=True))
    assert len(bundles) == len(pairs)


def test_bundles_leave_out_links_whose_home_is_not_placed():
    links = synthetic_links(8, 2)
    links.loc[links["home_id"] == "h1", ["home_lat", "home_lon"]] = float("nan")
    bundles = bundle_links(links)
    assert bundles["links"].sum() == 4


def test_many_partners_come_as_one_compact_layer(documents, coords, home):
    many = pd.concat([documents] * 30, ignore_index=True)  # 330 links
    many["partner_id"] = [f"p{index}" for index in range(len(many))]
    many_coords = pd.concat(
        [coords]
        + [
            pd.DataFrame([{"place_id": f"p{index}", "lat": 50 + index % 9, "lon": 10 + index % 17}])
            for index in range(len(many))
        ],
        ignore_index=True,
    )
    layer = partner_layer(many, many_coords, home, "en", LayerSettings(labels=True, focus="p7"))
    config = layer_config(layer)
    assert len(config["partners"]) == len(many) > CANVAS_FROM
    assert config["canvas"] is True  # painted on a canvas, not an element each
    # The same card, labels and fly-to as at ten partners.
    p7 = next(partner for partner in config["partners"] if partner[0] == "p7")
    assert p7[4][0] == many.loc[7, "partner_ru"]  # the card's facts, Russian name first
    assert config["labels"] is True
    assert config["partners"][config["focus"]][0] == "p7"
    # More than ARC_LIMIT links: bundles by home and country with what they say.
    assert config["arcs"] == []
    assert sum(bundle[3] for bundle in config["bundles"]) == len(many)
    assert any(bundle[4].startswith("Poland: ") for bundle in config["bundles"])


@pytest.mark.parametrize(
    ("year", "braniewo", "mragowo", "pinneberg"),
    [
        (2021, "unrecorded", "unrecorded", "active"),  # before any decision of 2022
        (2022, "terminated", "terminated", "suspended"),  # each arc changes that year
        (2023, "terminated", "terminated", "suspended"),
        (2024, "active", "terminated", "suspended"),  # Braniewo resumed in May 2024
    ],
)
def test_growth_playback_draws_each_arc_in_its_status_that_year(
    living, coords, home, year, braniewo, mragowo, pinneberg
):
    documents, record = living
    html = (
        build_map(
            documents, coords, home, "en", record=record.on(pd.Timestamp(year, 12, 31).date())
        )
        .get_root()
        .render()
    )
    settings = layer_settings(html)
    names = settings["statusNames"]
    ids = [partner["id"] for partner in settings["partners"]]
    by_arc = {ids[arc[1]]: names[arc[3]] for arc in settings["arcs"]}
    assert (by_arc["braniewo"], by_arc["mragowo"], by_arc["pinneberg"]) == (
        braniewo, mragowo, pinneberg,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        # A click on a partner's marker: st_folium returns the feature the marker carries.
        (
            {"last_active_drawing": {"type": "Feature", "properties": {"partner": "braniewo"}},
             "last_object_clicked_count": 3},
            (3, "braniewo"),
        ),
        # On the home's star, or a bundle of arcs: a feature with no partner.
        ({"last_active_drawing": {"type": "Feature", "properties": {}},
          "last_object_clicked_count": 4}, (4, None)),
        ({"last_active_drawing": {"properties": {"partner": 7}}}, (0, None)),  # not an id
        (None, (0, None)),  # the map has not answered yet
    ],
)  # fmt: skip
def test_a_click_comes_back_as_the_partners_id(returned, expected):
    assert clicked_partner(returned) == expected
