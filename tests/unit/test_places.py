# Home settings, the coordinates cache and distances from the home.
from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.helpers.data import DATA
from utils.data.coords import load_coords
from utils.data.places import (
    HomeConfigError,
    load_home,
    pair_distances_km,
    partner_query,
    partners_without_coords,
)
from utils.data.registry import load_registry

COORDS_HEADER = "place_id,query,lat,lon,source,updated"


def test_committed_home_settings():
    home = load_home(DATA / "home.toml")
    assert home.id == "zelenogradsk"
    assert home.country_code == "RU"
    assert home.name("en") == "Zelenogradsk Municipal District"
    assert home.title("ru").startswith("Международные связи")
    assert home.name("de") == "Stadtkreis Selenogradsk"  # optional name_de
    assert home.title("pl") == "Partnerzy zagraniczni okręgu miejskiego Zielenogradsk"


def test_a_home_without_its_names_in_other_languages_uses_the_english_ones(write_file):
    # name_<lang> and title_<lang> are optional: a municipality that has only Russian and
    # English gets the English ones for Polish, German and Lithuanian readers.
    text = "\n".join(
        line
        for line in (DATA / "home.toml").read_text(encoding="utf-8").splitlines()
        if not line.startswith(
            ("name_pl", "title_pl", "name_de", "title_de", "name_lt", "title_lt")
        )
    )
    home = load_home(write_file("home.toml", text))
    assert home.name("lt") == home.name("en") == "Zelenogradsk Municipal District"
    assert home.title("de") == home.title("en")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('id = "x"\n', "missing or empty keys: name_ru"),
        ("id = \n", "not valid TOML"),
    ],
)
def test_broken_home_settings_say_what_is_wrong(write_file, content, message):
    with pytest.raises(HomeConfigError, match=message):
        load_home(write_file("home.toml", content))


def test_home_settings_with_unknown_country(write_file):
    text = (DATA / "home.toml").read_text(encoding="utf-8").replace('"RU"', '"XX"')
    with pytest.raises(HomeConfigError, match="unknown country_code 'XX'"):
        load_home(write_file("home.toml", text))


def test_missing_home_settings(tmp_path):
    with pytest.raises(HomeConfigError, match="file not found"):
        load_home(tmp_path / "home.toml")


def test_committed_coords_cover_every_partner_and_the_home():
    coords, problems = load_coords(DATA / "coords.csv")
    partners, _ = load_registry(DATA / "partners.csv")
    assert problems == []
    assert len(coords) == 11
    assert partners_without_coords(partners, coords) == []
    assert "zelenogradsk" in set(coords["place_id"])


def test_committed_coords_lie_in_the_baltic_region():
    coords, _ = load_coords(DATA / "coords.csv")
    assert coords["lat"].between(53.0, 56.0).all()
    assert coords["lon"].between(9.0, 29.0).all()


def test_committed_queries_are_the_ones_the_geocoder_would_send():
    coords, _ = load_coords(DATA / "coords.csv")
    partners, _ = load_registry(DATA / "partners.csv")
    queries = coords.set_index("place_id")["query"]
    for _, partner in partners.drop_duplicates("partner_id").iterrows():
        assert queries[partner["partner_id"]] == partner_query(partner)


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("a,q,95.0,20.0,manual,2026-01-01", "out_of_range", "lat"),
        ("a,q,54.0,-181,manual,2026-01-01", "out_of_range", "lon"),
        ("a,q,north,20.0,manual,2026-01-01", "not_a_number", "lat"),
        ("a,q,54.0,20.0,google,2026-01-01", "unknown_value", "source"),
        ("a,q,,20.0,manual,2026-01-01", "missing_value", "lat"),
    ],
)
def test_coords_problems(write_file, row, code, column):
    text = "\n".join([COORDS_HEADER, "b,q,54.5,20.5,nominatim,2026-01-01", row])
    coords, problems = load_coords(write_file("coords.csv", text))
    assert [(p.code, p.row, p.column) for p in problems] == [(code, 3, column)]
    assert coords["place_id"].tolist() == ["b"]


def test_duplicate_place_keeps_the_first(write_file):
    text = "\n".join([COORDS_HEADER, "a,q,54.5,20.5,manual,", "a,q,10,10,manual,"])
    coords, problems = load_coords(write_file("coords.csv", text))
    assert [(p.code, p.row) for p in problems] == [("duplicate_place", 3)]
    assert coords["lat"].tolist() == [54.5]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius 6371 km: an independent check."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def distances_from_home(coords: pd.DataFrame) -> pd.Series:
    """Every place's distance from Zelenogradsk, by place, as the app computes them."""
    homes = pd.Series(["zelenogradsk"] * len(coords), index=coords.index)
    distances = pair_distances_km(coords["place_id"], homes, coords)
    return distances.set_axis(coords["place_id"])


def test_geodesic_distances_agree_with_the_sphere_within_half_a_percent():
    coords, _ = load_coords(DATA / "coords.csv")
    distance = distances_from_home(coords)
    home = coords.set_index("place_id").loc["zelenogradsk"]
    assert distance["zelenogradsk"] == 0
    for _, place in coords[coords["place_id"] != "zelenogradsk"].iterrows():
        expected = haversine_km(home["lat"], home["lon"], place["lat"], place["lon"])
        assert distance[place["place_id"]] == pytest.approx(expected, rel=0.005)


@pytest.mark.parametrize(
    ("place_id", "km"),
    [
        ("neringa", 51),  # Nida, across the Curonian Lagoon
        ("braniewo", 77),
        ("lepel", 527),
        ("pinneberg", 712),
    ],
)
def test_distances_from_home(place_id, km):
    coords, _ = load_coords(DATA / "coords.csv")
    assert distances_from_home(coords)[place_id] == pytest.approx(km, abs=1)


def test_distances_without_the_home_are_unknown_not_zero():
    coords, _ = load_coords(DATA / "coords.csv")
    without_home = coords[coords["place_id"] != "zelenogradsk"]
    assert distances_from_home(without_home).isna().all()
