# The map component, shared by the map page and presentation mode.
from __future__ import annotations

import folium
from streamlit_folium import st_folium

# What the map tells the page: a click's count and the feature it was on, nothing more.
CLICK_OBJECTS = ["last_active_drawing", "last_object_clicked_count"]


def show_map(
    base: folium.Map,
    layer: folium.FeatureGroup,
    key: str,
    height: int,
    *,
    report_clicks: bool = True,
) -> dict | None:
    """Draw the base map once and swap only its partner layer on later runs.

    st_folium redraws the whole map only when the base map's script changes; a new layer
    replaces the old one in place, so the reader keeps the zoom and nothing flickers.
    """
    return st_folium(
        base,
        feature_group_to_add=layer,
        key=key,
        height=height,
        use_container_width=True,
        # Only clicks come back (or nothing): panning and zooming do not rerun the page.
        returned_objects=CLICK_OBJECTS if report_clicks else [],
    )


def clicked_partner(returned: dict | None) -> tuple[int, str | None]:
    """Return how many clicks the map has had, and the partner its last click was on.

    A partner's marker carries its id as a GeoJSON feature (assets/map/partners-map.js),
    which st_folium returns for a click; a click on anything else names no partner.
    """
    returned = returned or {}
    drawing = returned.get("last_active_drawing") or {}
    partner = (drawing.get("properties") or {}).get("partner")
    count = int(returned.get("last_object_clicked_count") or 0)
    return count, partner if isinstance(partner, str) else None
