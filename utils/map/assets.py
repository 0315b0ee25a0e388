# Front-end files the map needs, served by the app itself (Streamlit static serving):
# Leaflet and jQuery from their pip-installed XStatic packages, and the basemap from data/.
# Meeting-room networks may block CDNs or have no internet at all.
from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet

from utils.data.folder import APP_ROOT, BASEMAP_FILE

STATIC_DIR = APP_ROOT / "static"
# The map's own script and style, published beside Leaflet and inlined into the offline file.
MAP_ASSETS_DIR = APP_ROOT / "assets" / "map"
BASEMAP_NAME = BASEMAP_FILE
# Streamlit serves <app>/static/ at <baseUrlPath>/app/static/. The map runs in
# streamlit-folium's iframe at <baseUrlPath>/component/streamlit_folium.st_folium/index.html,
# so a URL relative to that page reaches the files under any baseUrlPath.
STATIC_URL_FROM_MAP = "../../app/static"

_LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)
_JQUERY = Path(xstatic.pkg.jquery.BASE_DIR)
VENDOR_FILES = {
    "vendor/leaflet/leaflet.js": _LEAFLET / "leaflet.js",
    "vendor/leaflet/leaflet.css": _LEAFLET / "leaflet.css",
    **{
        f"vendor/leaflet/images/{image.name}": image
        for image in sorted((_LEAFLET / "images").glob("*.png"))
    },
    "vendor/jquery/jquery.min.js": _JQUERY / "jquery.min.js",
}
LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
JQUERY_JS = "vendor/jquery/jquery.min.js"
LEAFLET_IMAGES = "vendor/leaflet/images/"
MAP_JS = "map/partners-map.js"
MAP_CSS = "map/partners-map.css"
MAP_FILES = {
    MAP_JS: MAP_ASSETS_DIR / "partners-map.js",
    MAP_CSS: MAP_ASSETS_DIR / "partners-map.css",
}


def asset_files(basemap: Path) -> dict[str, Path]:
    """Map each file's path under static/ to the file it is copied from."""
    return {**VENDOR_FILES, **MAP_FILES, BASEMAP_NAME: basemap}


def publish_assets(static_dir: Path, basemap: Path) -> list[str]:
    """Copy the front-end files into static/ where they are missing or differ; list those copied."""
    copied = []
    for relative, source in asset_files(basemap).items():
        target = static_dir / relative
        content = source.read_bytes()
        if target.exists() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(content)
        shutil.move(partial, target)  # a browser never fetches a half-written file
        copied.append(relative)
    return copied
