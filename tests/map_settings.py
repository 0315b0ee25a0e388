# Reading back the data a map's script hands to partners-map.js (assets/map/): what the
# browser will draw, so tests assert on partners, arcs and homes rather than on code.
from __future__ import annotations

import json
import re

_LAYER_CALL = re.compile(r"PartnersMap\.layer\([\w]+, [\w]+, (\{.*\})\);", re.DOTALL)
PARTNER_FIELDS = ("id", "lat", "lon", "kind", "name", "facts", "documents")


def layer_settings(script: str) -> dict:
    """Return the settings of the one partners' layer in a rendered script, partners as dicts."""
    (settings,) = _LAYER_CALL.findall(script)
    settings = json.loads(settings)
    settings["partners"] = [
        dict(zip(PARTNER_FIELDS, row, strict=True)) for row in settings["partners"]
    ]
    return settings


def drawn(script: str) -> dict[str, int]:
    """Count what a layer draws: partners, homes, arcs and bundles of arcs."""
    settings = layer_settings(script)
    return {name: len(settings[name]) for name in ("partners", "homes", "arcs", "bundles")}
