# The folium side of the map: the base map (basemap, controls, frame) built once per data
# version, and a view's layer, which only carries data for assets/map/partners-map.js.
from __future__ import annotations

import datetime as dt
import json

import folium
import pandas as pd
from branca.element import Element

from utils.data.folder import BASEMAP_BOUNDS
from utils.data.places import Home, home_names
from utils.data.record import Record
from utils.escaping import escape_text
from utils.i18n import t
from utils.map.assets import (
    BASEMAP_NAME,
    JQUERY_JS,
    LEAFLET_CSS,
    LEAFLET_IMAGES,
    LEAFLET_JS,
    MAP_CSS,
    MAP_JS,
    STATIC_URL_FROM_MAP,
)
from utils.map.elements import BaseScript, LayerScript
from utils.map.layer import (
    FIT_MAX_ZOOM,
    FIT_PADDING_PX,
    LayerSettings,
    frame_config,
    layer_config,
)
from utils.style import BORDER_COLOR, LAND_COLOR, SEA_COLOR
from utils.views.network import homes_on_map, map_bounds, network_points, partner_places

MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
BASEMAP_ATTRIBUTION = "Natural Earth"
ATTRIBUTION_PREFIX = "Leaflet"
MIN_ZOOM = 4  # beyond that the basemap's edge would show
NO_SETTINGS = LayerSettings(frame=False)  # a layer drawn as it is: no names, no framing


def _local_assets(fmap: folium.Map, static_url: str) -> None:
    """Load Leaflet, jQuery and our own script from the app's static files, not folium's CDNs."""
    fmap.default_js = [
        ("leaflet", f"{static_url}/{LEAFLET_JS}"),
        ("jquery", f"{static_url}/{JQUERY_JS}"),
        ("partners_map", f"{static_url}/{MAP_JS}"),
    ]
    fmap.default_css = [
        ("leaflet_css", f"{static_url}/{LEAFLET_CSS}"),
        ("partners_map_css", f"{static_url}/{MAP_CSS}"),
    ]


def _basemap_settings(
    lang: str, static_url: str, *, fill_frame: bool, basemap_geojson: str | None
) -> dict[str, object]:
    """What partners-map.js's base() reads: the basemap (inline or fetched), its look, words."""
    return {
        "url": None if basemap_geojson else f"{static_url}/{BASEMAP_NAME}",
        "geojson": json.loads(basemap_geojson) if basemap_geojson else None,
        "images": f"{static_url}/{LEAFLET_IMAGES}",
        "sea": SEA_COLOR,
        "style": {"color": BORDER_COLOR, "weight": 1, "fillColor": LAND_COLOR, "fillOpacity": 1},
        # Plain text: no link and no flag on an administration's map.
        "attributionPrefix": ATTRIBUTION_PREFIX,
        "attribution": BASEMAP_ATTRIBUTION,
        "fillFrame": fill_frame,
        "mapName": t("map.accessible_name", lang),
    }


def base_map(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    static_url: str = STATIC_URL_FROM_MAP,
    *,
    fill_frame: bool = False,
    basemap_geojson: str | None = None,
) -> folium.Map:
    """Build the map without its data: the basemap and its controls, framed on the documents.

    Everything that depends on the view (partners, arcs, homes, the legend) comes as a
    separate layer (partner_layer). Given the whole registry, the base map stays the same
    whatever the filters, so a filter change, the growth slider and the presenter's steps
    only swap the layer: the map is not drawn again and nothing flickers.
    `basemap_geojson` puts the basemap into the page instead of fetching it (offline export).
    """
    west, south, east, north = BASEMAP_BOUNDS
    fmap = folium.Map(
        tiles=None,
        control_scale=False,  # partners-map.js adds a metric-only scale
        zoom_snap=0.25,
        zoom_delta=0.5,
        min_zoom=MIN_ZOOM,
        max_bounds=True,
        min_lat=south,
        max_lat=north,
        min_lon=west,
        max_lon=east,
    )
    _local_assets(fmap, static_url)
    settings = _basemap_settings(
        lang, static_url, fill_frame=fill_frame, basemap_geojson=basemap_geojson
    )
    BaseScript(settings).add_to(fmap)
    folium.TileLayer(
        MAP_TILES_URL,
        name=escape_text(t("map.tiles", lang)),  # the layer control writes names as HTML
        attr=MAP_TILES_ATTRIBUTION,
        overlay=True,
        show=False,
        max_zoom=19,
    ).add_to(fmap)
    # Top left, under the zoom buttons: the top right is the legend's, which comes with the layer.
    folium.LayerControl(collapsed=True, position="topleft").add_to(fmap)
    links = partner_places(documents, coords)
    points = network_points(links, homes_on_map(links, coords, home))
    if points:
        fmap.fit_bounds(map_bounds(points), padding=FIT_PADDING_PX, max_zoom=FIT_MAX_ZOOM)
    return stable_ids(fmap)


def partner_layer(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    settings: LayerSettings = NO_SETTINGS,
    **data: object,
) -> folium.FeatureGroup:
    """Build the layer of a view with its data inside (see partner_layer_config)."""
    config = partner_layer_config(documents, coords, home, lang, settings, **data)
    return layer_element(config, lang)


def layer_element(config: dict, lang: str) -> folium.FeatureGroup:
    """Wrap a layer's settings, or {"dataUrl": ...} naming a file of them, as a folium layer."""
    layer = folium.FeatureGroup(name=escape_text(t("map.partners", lang)), control=False)
    LayerScript(config).add_to(layer)
    return stable_ids(layer, prefix="layer")


def partner_layer_config(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    settings: LayerSettings = NO_SETTINGS,
    *,
    frame_on: pd.DataFrame | None = None,
    record: Record | None = None,
) -> dict[str, object]:
    """Return the layer of a view as data: partners, an arc from each home, homes, legend.

    `settings` says how it is drawn (LayerSettings); with `settings.frame` the map is framed
    on the network of `frame_on` (the view's documents; the drawn ones if None). `record`
    gives the ties' statuses and the cards' record lines; without it no status is
    recorded, as of today. The documents come with their homes filled in (the loader's).
    """
    record = record or Record(day=dt.date.today(), today=dt.date.today())
    links = partner_places(documents, coords)
    home_places = homes_on_map(links, coords, home)
    names = home_names(list(home_places), coords, home, lang)
    frame = None
    if settings.frame:
        # Most often the view framed is the one drawn: its links are already there.
        framed = links if frame_on is None or frame_on is documents else (
            partner_places(frame_on, coords))  # fmt: skip
        frame = frame_config(framed, homes_on_map(framed, coords, home), fly=settings.fly)
    return layer_config(
        documents,
        links,
        names,
        home_places,
        lang,
        settings=settings,
        legend_home=home.name(lang) if list(names) in ([], [home.id]) else t("map.homes", lang),
        frame=frame,
        record=record,
    )


def build_map(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    static_url: str = STATIC_URL_FROM_MAP,
    *,
    basemap_geojson: str | None = None,
    labels: bool = False,
    record: Record | None = None,
) -> folium.Map:
    """Build the whole map of the documents' partners in one piece (for export and checks).

    With `labels`, every partner's name is written beside its marker (the offline file,
    opened at a meeting) and the map is framed on the documents' network in the browser.
    """
    fmap = base_map(documents, coords, home, lang, static_url, basemap_geojson=basemap_geojson)
    settings = LayerSettings(labels=labels, frame=labels)
    partner_layer(documents, coords, home, lang, settings, record=record).add_to(fmap)
    return stable_ids(fmap)


def stable_ids(root: Element, prefix: str = "") -> Element:
    """Number the elements of a map (or a layer) in order instead of folium's random ids.

    The same view then renders to the same script, so a rerun of the page (another
    partner picked beside the map, say) does not redraw the map or lose its zoom.
    """
    elements: list[Element] = [root]
    for position, element in enumerate(elements):
        element._id = f"{prefix}{position:05d}"  # folium names elements by _id
        elements.extend(element._children.values())
    # Templates also name children by the keys they were added under: renumber those too.
    for element in elements:
        element._children = type(element._children)(
            (child.get_name(), child) for child in element._children.values()
        )
    return root
