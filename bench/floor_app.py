# The benchmark's floor: the least a Streamlit page with a map can do. A title, a choice
# and one st_folium map with a marker (two after the choice changes), from the same local
# Leaflet files as the dashboard. Run by bench/__main__.py; not part of the product.
import folium
import streamlit as st
from streamlit_folium import st_folium

from utils.map.assets import JQUERY_JS, LEAFLET_CSS, LEAFLET_JS, STATIC_URL_FROM_MAP

st.title("Floor")
markers = st.selectbox("Markers", [1, 2], key="markers")
fmap = folium.Map(location=(54.96, 20.48), zoom_start=5, tiles=None)
fmap.default_js = [
    ("leaflet", f"{STATIC_URL_FROM_MAP}/{LEAFLET_JS}"),
    ("jquery", f"{STATIC_URL_FROM_MAP}/{JQUERY_JS}"),
]
fmap.default_css = [("leaflet_css", f"{STATIC_URL_FROM_MAP}/{LEAFLET_CSS}")]
layer = folium.FeatureGroup(name="markers")
for index in range(markers):
    folium.CircleMarker((54.96 - index, 20.48), radius=10).add_to(layer)
st_folium(fmap, feature_group_to_add=layer, key="map", height=680, returned_objects=[])
