# Reading back the data a map's script hands to partners-map.js (assets/map/): what the
# browser will draw, so tests assert on partners, arcs and homes rather than on code.
from __future__ import annotations

import json
import re

from utils.map.assets import STATIC_DIR
from utils.map.layer_files import LAYERS_DIR

_LAYER_CALL = re.compile(r"PartnersMap\.layer\([\w]+, [\w]+, (\{.*\})\);", re.DOTALL)


def _partner(row: list, settings: dict) -> dict:
    """A partner row as partners-map.js reads it, by the names the layer sends with its rows."""
    fields = settings["fields"]
    partner = dict(zip(fields["partner"], row, strict=True))
    partner["facts"] = [
        settings["factValues"][str(index)][value] if isinstance(value, int) else value
        for index, value in enumerate(partner["facts"])
    ]
    partner["status"] = settings["statusNames"][partner["status"]]
    lines = [dict(zip(fields["record"], line, strict=True)) for line in partner["record"]]
    partner["record"] = [
        (settings["words"]["record"][line["topic"]], line["text"], line["url"]) for line in lines
    ]
    partner["documents"] = [
        dict(zip(fields["document"], doc, strict=True)) for doc in partner["documents"]
    ]
    partner["name"] = next(
        (partner["facts"][index] for index in settings["nameFacts"] if partner["facts"][index]),
        "",
    )
    return partner


def layer_settings(script: str) -> dict:
    """Return the settings of the one partners' layer in a rendered script, partners as dicts."""
    (settings,) = _LAYER_CALL.findall(script)
    settings = json.loads(settings)
    if "dataUrl" in settings:  # the view's data, published as a file of the static folder
        name = settings["dataUrl"].rsplit("/", 1)[-1]
        settings = json.loads((STATIC_DIR / LAYERS_DIR / name).read_text(encoding="utf-8"))
    settings["partners"] = [_partner(row, settings) for row in settings["partners"]]
    return settings


def drawn(script: str) -> dict[str, int]:
    """Count what a layer draws: partners, homes, arcs and bundles of arcs."""
    settings = layer_settings(script)
    return {name: len(settings[name]) for name in ("partners", "homes", "arcs", "bundles")}
