# The map component, shared by the map page and presentation mode.
from __future__ import annotations

import folium
from streamlit_folium import st_folium


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
        returned_objects=["last_object_clicked"] if report_clicks else [],
    )
