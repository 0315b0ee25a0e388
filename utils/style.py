# Colours and marker shapes shared by the map and the charts, one per document type.
from __future__ import annotations

from utils.registry import DOCUMENT_TYPES

# Okabe–Ito colours: told apart by colour-blind readers and on a washed-out projector.
DOCUMENT_TYPE_COLORS = dict(
    zip(DOCUMENT_TYPES, ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#D55E00"), strict=True)
)
# Plotly marker symbols, so that the type reads without colour too.
DOCUMENT_TYPE_SYMBOLS = dict(
    zip(DOCUMENT_TYPES, ("circle", "square", "diamond", "triangle-up", "star"), strict=True)
)
# Line dashes of the arcs on the map (SVG dash arrays), the second cue beside colour.
DOCUMENT_TYPE_DASHES = dict(
    zip(DOCUMENT_TYPES, (None, "12 6", "3 7", "14 5 3 5", "7 7"), strict=True)
)
HOME_COLOR = "#B22222"
MEASURE_COLORS = {"partners": "#0072B2", "documents": "#E69F00"}
LAND_COLOR = "#F2EFE6"
BORDER_COLOR = "#9A9486"
SEA_COLOR = "#CFE3F0"
