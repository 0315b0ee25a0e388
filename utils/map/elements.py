# Thin Leaflet elements: each is one call into assets/map/partners-map.js with JSON settings.
# The behaviour lives in that file; nothing here is JavaScript beyond the call.
from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class BaseScript(MacroElement):
    """The base map's setup: basemap, attribution, metric scale and frame height."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "PartnersMap.base({{ this._parent.get_name() }}, {{ this.config|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, config: dict) -> None:
        """Keep the settings the script receives."""
        super().__init__()
        self._name = "BaseScript"
        self.config = config


class LayerScript(MacroElement):
    """A view's layer: its partners, arcs, homes, legend, labels, framing and fly-to, as data."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "PartnersMap.layer({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }}, "
        "{{ this.config|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, config: dict) -> None:
        """Keep the settings the script receives."""
        super().__init__()
        self._name = "LayerScript"
        self.config = config
