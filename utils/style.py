# Colours and marker shapes shared by the map and the charts, one per document type.
from __future__ import annotations

from utils.data.registry import DOCUMENT_TYPES

# Okabe–Ito colours: told apart by colour-blind readers and on a washed-out projector.
# A document whose kind its source does not name is grey: no colour claims a kind.
DOCUMENT_TYPE_COLORS = dict(
    zip(
        DOCUMENT_TYPES,
        ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#D55E00", "#56B4E9", "#7A7A7A"),
        strict=True,
    )
)
# Plotly marker symbols, so that the type reads without colour too.
DOCUMENT_TYPE_SYMBOLS = dict(
    zip(
        DOCUMENT_TYPES,
        ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "cross"),
        strict=True,
    )
)
# How an arc on the map draws the status of its tie (utils/data/record.py): colour says the
# latest document's type, the stroke says the status. A dash array is SVG's; "color" None
# keeps the type's colour. Nothing recorded is drawn thin and faint: no claim of a live tie.
STATUS_STYLES = {
    "active": {"dash": None, "weight": 4, "opacity": 0.95, "color": None},
    "suspended": {"dash": "12 8", "weight": 3, "opacity": 0.9, "color": None},
    "terminated": {"dash": "2 7", "weight": 2, "opacity": 0.9, "color": "#6E747C"},
    "unrecorded": {"dash": None, "weight": 2, "opacity": 0.55, "color": None},
}
# The timeline's line for each status (plotly dash names); none after an ending.
STATUS_LINES = {
    "active": {"dash": "solid", "width": 4, "color": "#3B4A5A"},
    "suspended": {"dash": "dash", "width": 3, "color": "#3B4A5A"},
    "unrecorded": {"dash": "solid", "width": 3, "color": "#B8BEC6"},
}
HOME_COLOR = "#B22222"
MEASURE_COLORS = {"partners": "#0072B2", "documents": "#E69F00"}
LAND_COLOR = "#F2EFE6"
BORDER_COLOR = "#9A9486"
SEA_COLOR = "#CFE3F0"
