# Front-end files published into static/ from pip packages and data/, and the basemap.
from __future__ import annotations

import json

import pytest
from shapely import union_all
from shapely.geometry import Point, box, shape

from scripts.build_basemap import baltic_features, decode_arcs, ring
from tests.helpers.data import BASEMAP
from utils.data.folder import BASEMAP_BOUNDS
from utils.map.assets import BASEMAP_NAME, asset_files, publish_assets


def test_publish_copies_each_file_once(tmp_path):
    basemap = tmp_path / "basemap.geojson"
    basemap.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    static = tmp_path / "static"
    copied = publish_assets(static, basemap)
    assert set(copied) == set(asset_files(basemap))
    assert "vendor/leaflet/leaflet.js" in copied
    assert "vendor/leaflet/images/layers.png" in copied  # the layer control's icon
    assert (static / "vendor/leaflet/leaflet.js").read_bytes().startswith(b"/* @preserve")
    # Nothing changed: nothing is copied again.
    assert publish_assets(static, basemap) == []
    # A new basemap is published, and only it.
    basemap.write_text('{"type": "FeatureCollection", "features": [1]}', encoding="utf-8")
    assert publish_assets(static, basemap) == [BASEMAP_NAME]
    assert not list(static.rglob("*.partial"))


def test_committed_basemap_covers_the_baltic():
    collection = json.loads(BASEMAP.read_text(encoding="utf-8"))
    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert {"Russia", "Lithuania", "Poland", "Germany", "Sweden", "Belarus"} <= names
    west, south, east, north = BASEMAP_BOUNDS
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for lon, lat in polygon[0]:
                assert west <= lon <= east
                assert south <= lat <= north


def test_basemap_shows_the_curonian_spit():
    # The spit is a strip of land a few hundred metres to 4 km wide between the lagoon and
    # the sea; at 1:10m it is its own polygon shared by Russia and Lithuania. Juodkrantė
    # (55.55 N, 21.12 E) lies on it.
    collection = json.loads(BASEMAP.read_text(encoding="utf-8"))
    lithuania = next(f for f in collection["features"] if f["properties"]["name"] == "Lithuania")
    assert shape(lithuania["geometry"]).buffer(0.01).contains(Point(21.12, 55.55))
    # and the lagoon east of it is water
    assert not shape(lithuania["geometry"]).contains(Point(21.2, 55.45))


# A tiny topology: one square inside the bounds and one far outside them, quantised and
# delta-encoded as world-atlas stores them.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10.0, 50.0]},
    "arcs": [
        [[2, 0], [0, 2], [-2, 0], [0, -2]],  # left square, closed
        [[200, 0], [0, 2], [-2, 0], [0, -2]],  # a square at 110 E, outside the Baltic
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Left"}},
                {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Far"}},
            ],
        }
    },
}


def test_decode_arcs_undoes_quantisation_and_deltas():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(11.0, 50.0), (11.0, 51.0), (10.0, 51.0), (10.0, 50.0)]


def test_ring_joins_arcs_and_reverses_negative_ones():
    arcs = [[(0, 0), (1, 0)], [(1, 0), (1, 1)], [(0, 0), (1, 1)]]
    assert ring([0, 1, ~2], arcs) == [(0, 0), (1, 0), (1, 1), (0, 0)]


def test_baltic_features_keep_what_lies_inside_the_bounds():
    features = baltic_features(TOPOLOGY)
    assert [feature["properties"]["name"] for feature in features] == ["Left"]
    assert features[0]["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize(
    ("area", "bounds", "low", "high"),
    [
        # A strip along the middle of the Curonian spit: a thin line of land ...
        ("Curonian spit", (20.95, 55.1, 21.05, 55.4), 0.15, 0.35),
        # ... and the lagoon east of it, water (a simplification that filled it would fail).
        ("Curonian lagoon", (21.1, 55.05, 21.2, 55.3), 0.0, 0.1),
        ("Vistula spit", (19.5, 54.38, 19.6, 54.45), 0.5, 0.8),
    ],
)
def test_the_simplified_basemap_keeps_the_spits(area, bounds, low, high):
    features = json.loads(BASEMAP.read_text(encoding="utf-8"))["features"]
    outlines = [shape(feature["geometry"]) for feature in features]
    assert all(outline.is_valid for outline in outlines)
    window = box(*bounds)
    land = union_all(outlines).intersection(window).area / window.area
    assert low <= land <= high, area
