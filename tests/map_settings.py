# Reading back the settings a map's script hands to partners-map.js (assets/map/).
from __future__ import annotations

import json
import re

_LAYER_CALL = re.compile(r"PartnersMap\.layer\([\w]+, [\w]+, (\{.*\}), \[[\w, ]*\]\);", re.DOTALL)


def layer_settings(script: str) -> dict:
    """Return the JSON settings of the one partners' layer in a rendered map script."""
    (settings,) = _LAYER_CALL.findall(script)
    return json.loads(settings)
