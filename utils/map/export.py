# The map as one self-contained HTML file for meetings: Leaflet, jQuery, their images and
# the basemap are written into the page, so it opens from a USB stick with no network.
from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd
from branca.element import Element

from utils.data.places import Home
from utils.data.record import Record
from utils.map.assets import (
    JQUERY_JS,
    LEAFLET_CSS,
    LEAFLET_JS,
    MAP_CSS,
    MAP_FILES,
    MAP_JS,
    VENDOR_FILES,
)
from utils.map.build import build_map

HTML_MIME = "text/html"
_CSS_IMAGE = re.compile(r"url\((?:['\"])?images/([\w.-]+\.png)(?:['\"])?\)")


def _inline_script(text: str) -> str:
    """Wrap code in a script tag that nothing in the code can end early."""
    return "<script>" + text.replace("</", "<\\/") + "</script>"


def _leaflet_css() -> str:
    """Return Leaflet's stylesheet with its images as data URIs."""
    css_path = VENDOR_FILES[LEAFLET_CSS]
    images = css_path.parent / "images"

    def data_uri(match: re.Match) -> str:
        encoded = base64.b64encode((images / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return _CSS_IMAGE.sub(data_uri, css_path.read_text(encoding="utf-8"))


def standalone_map_html(
    documents: pd.DataFrame,
    coords: pd.DataFrame,
    home: Home,
    lang: str,
    *,
    basemap: Path,
    title: str,
    record: Record | None = None,
) -> bytes:
    """Render the map of the documents' partners as one HTML file that needs no network."""
    fmap = build_map(
        documents,
        coords,
        home,
        lang,
        basemap_geojson=basemap.read_text(encoding="utf-8"),
        labels=True,
        record=record,
    )
    fmap.default_js = []
    fmap.default_css = []
    header = fmap.get_root().header
    header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="title")
    header.add_child(Element(f"<style>{_leaflet_css()}</style>"), name="leaflet_css")
    map_css = MAP_FILES[MAP_CSS].read_text(encoding="utf-8").replace("</", "<\\/")
    header.add_child(Element(f"<style>{map_css}</style>"), name="partners_map_css")
    scripts = {**VENDOR_FILES, **MAP_FILES}
    for name in (LEAFLET_JS, JQUERY_JS, MAP_JS):
        script = scripts[name].read_text(encoding="utf-8")
        header.add_child(Element(_inline_script(script)), name=name)
    return fmap.get_root().render().encode("utf-8")
