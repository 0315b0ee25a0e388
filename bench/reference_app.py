# The benchmark's reference: the same data drawn the simple efficient way, so that every
# figure of the dashboard has a peer. One GeoJSON layer of points and one of lines on a
# canvas renderer in st_folium, a country filter, nothing else: no cards, no labels, no
# legend. Run by bench/__main__.py against the same data folder; not part of the product.
import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from ui.loaders import data_folder, today
from utils.data.coords import LAT, LON, load_coords
from utils.data.places import load_home
from utils.data.registry import COUNTRY_CODE, PARTNER_EN, load_registry
from utils.i18n import country_name
from utils.map.assets import JQUERY_JS, LEAFLET_CSS, LEAFLET_JS, STATIC_URL_FROM_MAP
from utils.views.network import HOME_LAT, HOME_LON, partner_places


@st.cache_data
def data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the registry (homes filled in) and the coordinates once."""
    folder = data_folder()
    home = load_home(folder.home)
    documents, _ = load_registry(folder.registry, today(), home.id)
    return documents, load_coords(folder.coords)[0]


@st.cache_data(max_entries=32)
def features(countries: tuple[str, ...]) -> tuple[dict, dict]:
    """Return the partners as GeoJSON points and the links as GeoJSON lines."""
    documents, coords = data()
    if countries:
        documents = documents[documents[COUNTRY_CODE].isin(countries)]
    links = partner_places(documents, coords)
    partners = links.drop_duplicates("partner_id")
    points = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": name},
        }
        for lat, lon, name in zip(partners[LAT], partners[LON], partners[PARTNER_EN], strict=True)
    ]
    placed = links.dropna(subset=[HOME_LAT, HOME_LON])
    lines = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[hlon, hlat], [lon, lat]]},
            "properties": {},
        }
        for hlat, hlon, lat, lon in zip(
            placed[HOME_LAT], placed[HOME_LON], placed[LAT], placed[LON], strict=True
        )
    ]
    return (
        {"type": "FeatureCollection", "features": points},
        {"type": "FeatureCollection", "features": lines},
    )


documents, _ = data()
st.title("Reference")
chosen = st.multiselect(
    "Countries",
    sorted(documents[COUNTRY_CODE].unique()),
    key="countries",
    format_func=lambda code: country_name(code, "en"),
)
points, lines = features(tuple(chosen))
fmap = folium.Map(location=(54.96, 20.48), zoom_start=4, tiles=None, prefer_canvas=True)
fmap.default_js = [
    ("leaflet", f"{STATIC_URL_FROM_MAP}/{LEAFLET_JS}"),
    ("jquery", f"{STATIC_URL_FROM_MAP}/{JQUERY_JS}"),
]
fmap.default_css = [("leaflet_css", f"{STATIC_URL_FROM_MAP}/{LEAFLET_CSS}")]
layer = folium.FeatureGroup(name="partners")
folium.GeoJson(lines, style_function=lambda _: {"weight": 1, "opacity": 0.5}).add_to(layer)
folium.GeoJson(
    points,
    marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=0.9),
    tooltip=folium.GeoJsonTooltip(["name"], labels=False),
).add_to(layer)
st_folium(fmap, feature_group_to_add=layer, key="map", height=680, returned_objects=[])
