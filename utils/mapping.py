# The Baltic map: partners, the home, arcs between them, a legend and the offline basemap.
# Every text that reaches the map's HTML is escaped here: folium inserts it as it is. What
# the map does in the browser (labels, legend, framing, keyboard) is assets/map/
# partners-map.js, which gets JSON settings from here (utils/map_elements.py); its texts
# are set as text there, never as HTML.
from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from utils.assets import (
    BASEMAP_BOUNDS,
    BASEMAP_NAME,
    JQUERY_JS,
    LEAFLET_CSS,
    LEAFLET_IMAGES,
    LEAFLET_JS,
    MAP_CSS,
    MAP_JS,
    STATIC_URL_FROM_MAP,
)
from utils.i18n import country_name, format_signed, t
from utils.map_elements import BaseScript, LayerScript
from utils.places import (
    DISTANCE_KM,
    LAT,
    LON,
    PLACE_ID,
    Home,
    home_names,
    pair_distances_km,
)
from utils.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    HOME_ID,
    LEVEL,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
    with_default_home,
)
from utils.style import (
    BORDER_COLOR,
    DOCUMENT_TYPE_COLORS,
    DOCUMENT_TYPE_DASHES,
    HOME_COLOR,
    LAND_COLOR,
    SEA_COLOR,
)
from utils.tables import partner_name, region_name

# CSS classes on the map's shapes, for styling and for the browser tests.
PARTNER_MARKER_CLASS = "partner-marker"
HOME_MARKER_CLASS = "home-marker"
ARC_CLASS = "partner-arc"
LABEL_CLASS = "partner-label"  # a partner's name written beside its marker (presentation mode)
# Columns of the places table (one row per partner on the map).
LATEST_TYPE = "latest_type"
COUNTRY_NAME = "country_name"
HOME_LAT = "home_lat"
HOME_LON = "home_lon"

MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
BASEMAP_ATTRIBUTION = "Natural Earth"
ATTRIBUTION_PREFIX = "Leaflet"
FIT_PADDING_PX = (40, 40)
MIN_ZOOM = 4  # beyond that the basemap's edge would show
FIT_MAX_ZOOM = 9  # a single place is not zoomed in to street level
PARTNER_RADIUS_PX = 10
CLOUD_RADIUS_PX = 4  # thousands of partners: small dots
ARC_BEND = 0.2  # the arc's bulge as a share of the distance between its ends
ARC_STEPS = 24
# Above this many partners the layer is drawn in the browser from compact data on a canvas
# (_PartnerCloud) instead of one folium object each, which takes seconds per thousand.
MARKER_LIMIT = 200
# Above this many links, arcs are drawn per home and country, with their counts.
ARC_LIMIT = 300
POPUP_CLEARANCE_PX = (70, 10)
FOCUS_ZOOM = 7  # close enough to tell neighbours apart, far enough to see the region
FLY_SECONDS = 1.2
LABEL_FONT_PX = 20


@dataclass(frozen=True)
class PartnerCard:
    """What the map says about one partner: names, place, documents and distance."""

    name: str
    facts: tuple[tuple[str, str], ...]  # (label, value), in reading order
    documents: tuple[tuple[str, str, str], ...]  # (document type, date at its precision, type)


def arc_points(
    start: tuple[float, float],
    end: tuple[float, float],
    bend: float = ARC_BEND,
    steps: int = ARC_STEPS,
) -> list[tuple[float, float]]:
    """Return points (lat, lon) of a curved arc from start to end, bulging to its left.

    A quadratic Bézier curve in the map's plane, with the control point off the middle
    of the chord by `bend` times the chord's length; it starts and ends exactly on the places.
    """
    (lat1, lon1), (lat2, lon2) = start, end
    mid_lat, mid_lon = (lat1 + lat2) / 2, (lon1 + lon2) / 2
    # Perpendicular to the chord, in degrees; a degree of longitude is shorter up north.
    scale = math.cos(math.radians(mid_lat))
    d_lat, d_lon = lat2 - lat1, (lon2 - lon1) * scale
    control_lat = mid_lat + d_lon * bend
    control_lon = mid_lon - d_lat * bend / scale
    points = []
    for step in range(steps + 1):
        f = step / steps
        a, b, c = (1 - f) ** 2, 2 * (1 - f) * f, f**2
        points.append(
            (a * lat1 + b * control_lat + c * lat2, a * lon1 + b * control_lon + c * lon2)
        )
    return points


def partner_places(documents: pd.DataFrame, coords: pd.DataFrame, home_id: str) -> pd.DataFrame:
    """One row per link (a home and a partner that has coordinates), oldest first.

    Each row is the link's latest document, with the partner's place, its home's place
    (NaN when coords.csv lacks the home) and the distance between them. `home_id` is the
    home of documents that name none.
    """
    documents = with_default_home(documents, home_id)
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    latest = ordered.drop_duplicates([HOME_ID, PARTNER_ID], keep="last")
    located = coords.set_index(PLACE_ID)[[LAT, LON]]
    places = latest.join(located, on=PARTNER_ID, how="inner")
    places = places.join(located.rename(columns={LAT: HOME_LAT, LON: HOME_LON}), on=HOME_ID)
    places[LATEST_TYPE] = places[DOCUMENT_TYPE].astype(str)
    places[DISTANCE_KM] = pair_distances_km(places[PARTNER_ID], places[HOME_ID], coords)
    return places.reset_index(drop=True)


def home_points(places: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Return the place of each home that has links on the map and coordinates."""
    placed = places.dropna(subset=[HOME_LAT, HOME_LON]).drop_duplicates(HOME_ID)
    return {
        str(home): (float(lat), float(lon))
        for home, lat, lon in zip(placed[HOME_ID], placed[HOME_LAT], placed[HOME_LON], strict=True)
    }


def partner_distance(places: pd.DataFrame, partner_id: str) -> float | None:
    """Return a partner's distance from its (first) home, or None when it is not known."""
    rows = places[places[PARTNER_ID] == partner_id]
    if rows.empty or pd.isna(rows.iloc[0][DISTANCE_KM]):
        return None
    return float(rows.iloc[0][DISTANCE_KM])


def partner_card(
    documents: pd.DataFrame, partner_id: str, distance_km: float | None, lang: str
) -> PartnerCard:
    """Gather what the popup and the side panel show about one partner."""
    rows = documents[documents[PARTNER_ID] == partner_id]
    first = rows.iloc[0]
    facts = [
        (t("card.name_ru", lang), first[PARTNER_RU]),
        (t("card.name_local", lang), first[PARTNER_LOCAL]),
        (t("card.name_en", lang), first[PARTNER_EN]),
        (t("column.level", lang), t(f"level.{first[LEVEL]}", lang)),
        (t("column.region", lang), region_name(first, lang)),
        (t("column.country", lang), country_name(first["country_code"], lang)),
    ]
    if distance_km is not None and not math.isnan(distance_km):
        facts.append((t("card.distance", lang), t("card.km", lang, km=f"{distance_km:,.0f}")))
    documents_signed = tuple(
        (
            t(f"document_type.{row[DOCUMENT_TYPE]}", lang),
            format_signed(row[SIGNED], row[SIGNED_PRECISION], lang),
            str(row[DOCUMENT_TYPE]),
        )
        for _, row in rows.iterrows()
    )
    return PartnerCard(
        name=partner_name(first, lang),
        facts=tuple((label, value) for label, value in facts if value and not pd.isna(value)),
        documents=documents_signed,
    )


def popup_html(card: PartnerCard, lang: str) -> str:
    """Render a partner card as the popup's HTML, every text escaped."""
    facts = "".join(
        f"<tr><th style='text-align:left;padding-right:8px;font-weight:600'>{escape_text(label)}"
        f"</th><td>{escape_text(value)}</td></tr>"
        for label, value in card.facts
    )
    documents = "".join(
        f"<li><span style='color:{DOCUMENT_TYPE_COLORS[kind]}'>&#9632;</span> "
        f"{escape_text(title)}, {escape_text(date)}</li>"
        for title, date, kind in card.documents
    )
    return (
        f"<div style='font-size:15px;line-height:1.35'>"
        f"<div style='font-size:18px;font-weight:700;margin-bottom:6px'>"
        f"{escape_text(card.name)}</div><table>{facts}</table>"
        f"<div style='font-weight:600;margin-top:6px'>"
        f"{escape_text(t('card.documents', lang))}</div>"
        f"<ul style='margin:2px 0 0 0;padding-left:18px'>{documents}</ul></div>"
    )


def escape_text(text: object) -> str:
    """Escape text for the map's HTML, which folium puts inside JavaScript template literals.

    Popups and tooltips become `...` strings in the map's script: a backtick would end the
    string and ${...} would run as code, so those (and the backslash) become entities too.
    """
    return html.escape(str(text)).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def tooltip_text(text: str) -> str:
    """Escape text for a folium tooltip."""
    return escape_text(text)


class _PartnerCloud(MacroElement):
    """Many partners drawn on a canvas from compact data; a partner's card is made on a click.

    All text in the data was escaped in Python (escape_text) and arrives through tojson.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer) {
            var partners = {{ this.partners|tojson }};
            var arcs = {{ this.arcs|tojson }};
            var colors = {{ this.colors|tojson }};
            var kindNames = {{ this.kind_names|tojson }};
            var words = {{ this.words|tojson }};
            var renderer = L.canvas({padding: 0.5});
            function curve(a, b) {
                var midLat = (a[0] + b[0]) / 2, midLon = (a[1] + b[1]) / 2;
                var scale = Math.cos(midLat * Math.PI / 180) || 1;
                var dLat = b[0] - a[0], dLon = (b[1] - a[1]) * scale;
                var cLat = midLat + dLon * {{ this.bend }};
                var cLon = midLon - dLat * {{ this.bend }} / scale;
                var points = [];
                for (var step = 0; step <= 16; step++) {
                    var f = step / 16, p = (1 - f) * (1 - f), q = 2 * (1 - f) * f, r = f * f;
                    points.push([p * a[0] + q * cLat + r * b[0], p * a[1] + q * cLon + r * b[1]]);
                }
                return points;
            }
            arcs.forEach(function (arc) {
                var bundled = arc.length === 6;
                var line = L.polyline(curve([arc[0], arc[1]], [arc[2], arc[3]]), {
                    renderer: renderer,
                    color: bundled ? "#4a5b6c" : colors[arc[6]],
                    weight: bundled ? 1 + 1.5 * Math.log2(arc[4]) : 2,
                    opacity: bundled ? 0.55 : 0.7,
                    interactive: bundled
                });
                if (bundled) {
                    line.bindTooltip(arc[5] + ": " + arc[4] + " " + words.links);
                }
                line.addTo(layer);
            });
            function card(partner) {
                var rows = "<div style='font-size:15px;line-height:1.35'>" +
                    "<div style='font-size:18px;font-weight:700;margin-bottom:6px'>" +
                    partner[3] + "</div><div><b>" + words.country + ":</b> " + partner[4] +
                    "</div>";
                if (partner[5] !== null) {
                    rows += "<div><b>" + words.distance + ":</b> " +
                        words.km.replace("{km}", partner[5].toLocaleString()) + "</div>";
                }
                rows += "<div style='font-weight:600;margin-top:6px'>" + words.documents +
                    "</div><ul style='margin:2px 0 0 0;padding-left:18px'>";
                partner[6].forEach(function (doc) {
                    rows += "<li><span style='color:" + colors[doc[0]] + "'>&#9632;</span> " +
                        kindNames[doc[0]] + ", " + doc[1] + "</li>";
                });
                return rows + "</ul></div>";
            }
            partners.forEach(function (partner) {
                L.circleMarker([partner[0], partner[1]], {
                    renderer: renderer,
                    radius: {{ this.radius }},
                    color: "#ffffff",
                    weight: 1,
                    fillColor: colors[partner[2]],
                    fillOpacity: 0.9
                }).bindTooltip(partner[3]).bindPopup(function () {
                    return card(partner);
                }, {maxWidth: 400}).addTo(layer);
            });
            window.partnersDrawn = partners.length;
            document.documentElement.dataset.partnersDrawn = String(partners.length);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        partners: list[list[object]],
        arcs: list[list[object]],
        colors: list[str],
        kind_names: list[str],
        words: dict[str, str],
    ) -> None:
        super().__init__()
        self._name = "PartnerCloud"
        self.partners = partners
        self.arcs = arcs
        self.colors = colors
        self.kind_names = kind_names
        self.words = words
        self.bend = ARC_BEND
        self.radius = CLOUD_RADIUS_PX


def map_bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    """Return [[south, west], [north, east]] around the points."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


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
    places = partner_places(documents, coords, home.id)
    homes = home_points(places) or _configured_home(coords, home)
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
    # Leaflet and jQuery from the app's own static files instead of folium's CDN defaults.
    fmap.default_js = [
        ("leaflet", f"{static_url}/{LEAFLET_JS}"),
        ("jquery", f"{static_url}/{JQUERY_JS}"),
    ]
    fmap.default_css = [
        ("leaflet_css", f"{static_url}/{LEAFLET_CSS}"),
        ("partners_map_css", f"{static_url}/{MAP_CSS}"),
    ]
    fmap.default_js.append(("partners_map", f"{static_url}/{MAP_JS}"))
    BaseScript(
        {
            # Inline (the offline file) or fetched from the app's static files.
            "url": None if basemap_geojson else f"{static_url}/{BASEMAP_NAME}",
            "geojson": json.loads(basemap_geojson) if basemap_geojson else None,
            "images": f"{static_url}/{LEAFLET_IMAGES}",
            "sea": SEA_COLOR,
            "style": {
                "color": BORDER_COLOR,
                "weight": 1,
                "fillColor": LAND_COLOR,
                "fillOpacity": 1,
            },
            # Plain text: no link and no flag on an administration's map.
            "attributionPrefix": ATTRIBUTION_PREFIX,
            "attribution": BASEMAP_ATTRIBUTION,
            "fillFrame": fill_frame,
            "mapName": t("map.accessible_name", lang),
        }
    ).add_to(fmap)
    folium.TileLayer(
        MAP_TILES_URL,
        name=t("map.tiles", lang),
        attr=MAP_TILES_ATTRIBUTION,
        overlay=True,
        show=False,
        max_zoom=19,
    ).add_to(fmap)
    # Top left, under the zoom buttons: the top right is the legend's, which comes with the layer.
    folium.LayerControl(collapsed=True, position="topleft").add_to(fmap)

    points = network_points(places, homes)
    if points:
        fmap.fit_bounds(map_bounds(points), padding=FIT_PADDING_PX, max_zoom=FIT_MAX_ZOOM)
    return stable_ids(fmap)


def _configured_home(coords: pd.DataFrame, home: Home) -> dict[str, tuple[float, float]]:
    """Return the configured home's place when coords.csv has it (a map with no links yet)."""
    located = coords.set_index(PLACE_ID)
    if home.id not in located.index:
        return {}
    return {home.id: (float(located.at[home.id, LAT]), float(located.at[home.id, LON]))}


def network_points(
    places: pd.DataFrame, homes: dict[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """Return the points the map is framed on: the partners' places and the homes."""
    points = [(float(lat), float(lon)) for lat, lon in zip(places[LAT], places[LON], strict=True)]
    return points + list(homes.values())


def aggregate_arcs(links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Bundle links by home and partner country: one arc to the partners' centre, with a count.

    Every link with a placed home is counted once, in exactly one bundle.
    """
    placed = links.dropna(subset=[HOME_LAT, HOME_LON])
    bundles = (
        placed.groupby([HOME_ID, COUNTRY_CODE], observed=True, sort=True)
        .agg(
            home_lat=(HOME_LAT, "first"),
            home_lon=(HOME_LON, "first"),
            lat=(LAT, "mean"),
            lon=(LON, "mean"),
            links=(PARTNER_ID, "size"),
        )
        .reset_index()
    )
    bundles[COUNTRY_NAME] = [country_name(code, lang) for code in bundles[COUNTRY_CODE]]
    return bundles


def partner_layer(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    *,
    labels: bool = False,
    label_font_px: int = LABEL_FONT_PX,
    legend_open: bool | None = None,
    focus: str | None = None,
    frame_on: pd.DataFrame | None = None,
    fly: bool = False,
) -> folium.FeatureGroup:
    """Build the layer of a view: partners, an arc from each home, the homes and the legend.

    With `labels`, each partner's name is written beside its marker (presentation mode and
    print), placed in the browser for the map's real size and zoom. The legend opens as
    `legend_open` says, or (None) when the map is wide. `focus` flies the map to that
    partner and opens its card. Otherwise, with `frame_on` (the documents of the view), the
    map is framed on their network whenever that view changes: flying there if `fly`, at
    once if not.
    Large registries get the compact layer drawn in the browser (partner_cloud).
    """
    links = partner_places(documents, coords, home.id)
    if links[PARTNER_ID].nunique() > MARKER_LIMIT:
        layer = partner_cloud(documents, links, lang)
        partners, markers = [], []
    else:
        layer, partners, markers = _partner_objects(documents, links, lang)
    homes = home_points(links) or _configured_home(coords, home)
    names = home_names(list(homes), coords, home, lang)
    for home_id, point in homes.items():
        folium.Marker(
            point,
            icon=folium.DivIcon(
                html=f"<div class='{HOME_MARKER_CLASS}' style='color:{HOME_COLOR};font-size:34px;"
                "line-height:34px;text-shadow:0 0 3px #fff,0 0 3px #fff'>&#9733;</div>",
                icon_size=(34, 34),
                icon_anchor=(17, 17),
                class_name="home-icon",
            ),
            tooltip=folium.Tooltip(tooltip_text(names[home_id]), style="font-size:16px"),
        ).add_to(layer)
    kinds = [kind for kind in DOCUMENT_TYPE_COLORS if kind in set(links[LATEST_TYPE])]
    homes_label = home.name(lang) if list(names) in ([], [home.id]) else t("map.homes", lang)
    frame = None
    if focus is None and frame_on is not None:
        # Most often the view framed is the one drawn: its links are already there.
        framed = links if frame_on is documents else partner_places(frame_on, coords, home.id)
        points = network_points(framed, home_points(framed) or _configured_home(coords, home))
        if points:
            frame = {
                "bounds": map_bounds(points),
                "animate": fly,
                "padding": list(FIT_PADDING_PX),
                "maxZoom": FIT_MAX_ZOOM,
            }
    focus_index = next((i for i, p in enumerate(partners) if p["id"] == focus), None)
    LayerScript(
        {
            "partners": partners,
            "homes": [list(point) for point in homes.values()],
            "drawn": int(links[PARTNER_ID].nunique()),
            "labels": labels and bool(partners),
            "labelClass": LABEL_CLASS,
            "fontPx": label_font_px,
            "radiusPx": PARTNER_RADIUS_PX,
            "legend": legend_config(kinds, homes_label, lang, open_=legend_open),
            "frame": frame,
            "focus": focus_index,
            "focusZoom": FOCUS_ZOOM,
            "flySeconds": FLY_SECONDS,
        },
        markers,
    ).add_to(layer)
    return stable_ids(layer, prefix="layer")


def legend_config(
    kinds: list[str], home_name: str, lang: str, *, open_: bool | None = None
) -> dict[str, object]:
    """Return what the legend says: the home, then each document type's colour and dash."""
    return {
        "title": t("map.legend_title", lang),
        "home": home_name,
        "heading": t("map.legend", lang),
        "open": open_,
        "rows": [
            {
                "color": DOCUMENT_TYPE_COLORS[kind],
                "dash": DOCUMENT_TYPE_DASHES[kind],
                "label": t(f"document_type.{kind}", lang),
            }
            for kind in kinds
        ],
    }


def partner_cloud(documents: pd.DataFrame, links: pd.DataFrame, lang: str) -> folium.FeatureGroup:
    """Build the compact layer of many partners: data for a canvas, cards made on a click."""
    places = links.sort_values(SIGNED_START, kind="stable").drop_duplicates(PARTNER_ID, keep="last")
    kinds = list(DOCUMENT_TYPE_COLORS)
    documents_by_partner: dict[str, list[list[object]]] = {}
    for partner, kind, signed, precision in zip(
        documents[PARTNER_ID].astype(str),
        documents[DOCUMENT_TYPE].astype(str),
        documents[SIGNED].astype(str),
        documents[SIGNED_PRECISION].astype(str),
        strict=True,
    ):
        documents_by_partner.setdefault(partner, []).append(
            [kinds.index(kind), format_signed(signed, precision, lang)]
        )
    distances = links.drop_duplicates(PARTNER_ID).set_index(PARTNER_ID)[DISTANCE_KM]
    partners = [
        [
            round(float(lat), 4),
            round(float(lon), 4),
            kinds.index(kind),
            escape_text(partner_name(place, lang)),
            escape_text(country_name(code, lang)),
            None if pd.isna(distances.get(pid)) else round(float(distances[pid])),
            documents_by_partner.get(str(pid), []),
        ]
        for (_, place), pid, lat, lon, kind, code in zip(
            places.iterrows(),
            places[PARTNER_ID],
            places[LAT],
            places[LON],
            places[LATEST_TYPE],
            places[COUNTRY_CODE],
            strict=True,
        )
    ]
    if len(links) > ARC_LIMIT:
        bundles = aggregate_arcs(links, lang)
        arcs = [
            [round(a, 4), round(b, 4), round(c, 4), round(d, 4), int(n), escape_text(name)]
            for a, b, c, d, n, name in zip(
                bundles[HOME_LAT], bundles[HOME_LON], bundles[LAT], bundles[LON],
                bundles["links"], bundles[COUNTRY_NAME], strict=True,
            )
        ]  # fmt: skip
    else:
        placed = links.dropna(subset=[HOME_LAT, HOME_LON])
        arcs = [
            [round(a, 4), round(b, 4), round(c, 4), round(d, 4), 1, "", kinds.index(kind)]
            for a, b, c, d, kind in zip(
                placed[HOME_LAT], placed[HOME_LON], placed[LAT], placed[LON],
                placed[LATEST_TYPE], strict=True,
            )
        ]  # fmt: skip
    layer = folium.FeatureGroup(name=t("map.partners", lang), control=False)
    _PartnerCloud(
        partners=partners,
        arcs=arcs,
        colors=[DOCUMENT_TYPE_COLORS[kind] for kind in kinds],
        kind_names=[escape_text(t(f"document_type.{kind}", lang)) for kind in kinds],
        words={
            "country": escape_text(t("column.country", lang)),
            "distance": escape_text(t("card.distance", lang)),
            "km": escape_text(t("card.km", lang, km="{km}")),
            "documents": escape_text(t("card.documents", lang)),
            "links": escape_text(t("map.links", lang)),
        },
    ).add_to(layer)
    return layer


def _partner_objects(
    documents: pd.DataFrame, links: pd.DataFrame, lang: str
) -> tuple[folium.FeatureGroup, list[dict[str, str]], list[folium.CircleMarker]]:
    """Build the layer as one folium object per partner and arc (a few hundred at most).

    Returns the layer, each partner's id, name and accessible description for the
    browser script, and the markers in the same order.
    """
    # One marker per partner, coloured by its latest document with any home.
    places = links.sort_values(SIGNED_START, kind="stable").drop_duplicates(PARTNER_ID, keep="last")
    places = places.sort_index()
    layer = folium.FeatureGroup(name=t("map.partners", lang), control=False)
    for _, link in links.dropna(subset=[HOME_LAT, HOME_LON]).iterrows():
        folium.PolyLine(
            arc_points(
                (float(link[HOME_LAT]), float(link[HOME_LON])),
                (float(link[LAT]), float(link[LON])),
            ),
            color=DOCUMENT_TYPE_COLORS[link[LATEST_TYPE]],
            dash_array=DOCUMENT_TYPE_DASHES[link[LATEST_TYPE]],
            weight=4,
            opacity=0.9,
            class_name=ARC_CLASS,
        ).add_to(layer)
    partners, markers = [], []
    for _, place in places.iterrows():
        card = partner_card(
            documents, place[PARTNER_ID], partner_distance(links, place[PARTNER_ID]), lang
        )
        kind = t(f"document_type.{place[LATEST_TYPE]}", lang)
        markers.append(
            folium.CircleMarker(
                (float(place[LAT]), float(place[LON])),
                # At 10 px or less Leaflet reports a click at the marker's centre, which is
                # how the page knows the partner (partner_at).
                radius=PARTNER_RADIUS_PX,
                color="#ffffff",
                weight=2,
                fill=True,
                fill_color=DOCUMENT_TYPE_COLORS[place[LATEST_TYPE]],
                fill_opacity=1,
                class_name=PARTNER_MARKER_CLASS,
                tooltip=folium.Tooltip(tooltip_text(card.name), style="font-size:16px"),
                popup=folium.Popup(
                    popup_html(card, lang),
                    max_width=400,
                    # The map pans an open card clear of the zoom and layer buttons.
                    auto_pan_padding_top_left=POPUP_CLEARANCE_PX,
                ),
            ).add_to(layer)
        )
        partners.append(
            {"id": str(place[PARTNER_ID]), "name": card.name, "description": f"{card.name}, {kind}"}
        )
    return layer, partners, markers


def build_map(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    static_url: str = STATIC_URL_FROM_MAP,
    *,
    basemap_geojson: str | None = None,
    labels: bool = False,
) -> folium.Map:
    """Build the whole map of the documents' partners in one piece (for export and checks).

    With `labels`, every partner's name is written beside its marker (the offline file,
    opened at a meeting) and the map is framed on the documents' network in the browser.
    """
    fmap = base_map(documents, coords, home, lang, static_url, basemap_geojson=basemap_geojson)
    partner_layer(
        documents, coords, home, lang, labels=labels, frame_on=documents if labels else None
    ).add_to(fmap)
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
        # A popup keeps its content in an element of its own, outside _children.
        inner = getattr(element, "html", None)
        if isinstance(inner, Element) and inner is not element:
            elements.append(inner)
    # Templates also name children by the keys they were added under: renumber those too.
    for element in elements:
        element._children = type(element._children)(
            (child.get_name(), child) for child in element._children.values()
        )
    return root


def partner_at(places: pd.DataFrame, lat: float, lon: float, tolerance: float = 1e-6) -> str | None:
    """Return the id of the partner drawn at (lat, lon), as the map reports a click."""
    near = places[((places[LAT] - lat).abs() < tolerance) & ((places[LON] - lon).abs() < tolerance)]
    return None if near.empty else str(near.iloc[0][PARTNER_ID])
