# Thin Leaflet elements: each is one call into assets/map/partners-map.js with JSON settings.
# The behaviour lives in that file; nothing here is JavaScript beyond the call.
from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps


def script_json(config: dict) -> str:
    """Write settings as JSON that is safe inside a script tag (what Jinja's tojson writes).

    Written once when the element is made: a layer is rendered on every rerun of the page,
    and dumping 26,000 links' data each time took a third of a second.
    """
    return str(htmlsafe_json_dumps(config))


class _ScriptCall(MacroElement):
    """One call into partners-map.js, with its settings written as JSON once."""

    def __init__(self, config: dict) -> None:
        """Keep the settings the script receives, and their JSON."""
        super().__init__()
        self._name = type(self).__name__
        self.config = config
        self.config_json = script_json(config)


class BaseScript(_ScriptCall):
    """The base map's setup: basemap, attribution, metric scale and frame height."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "PartnersMap.base({{ this._parent.get_name() }}, {{ this.config_json }});"
        "{% endmacro %}"
    )


class LayerScript(_ScriptCall):
    """A view's layer: its partners, arcs, homes, legend, labels, framing and fly-to, as data."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "PartnersMap.layer({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }}, "
        "{{ this.config_json }});"
        "{% endmacro %}"
    )
