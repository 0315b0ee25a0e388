# What presentation and print mode take away from Streamlit's page, and the print layout.
from __future__ import annotations

import streamlit as st

from ui.state import PRESENT_MODE
from utils.data.folder import APP_ROOT

PRESENT_MAP_BOX = "present_map_box"  # container key; Streamlit gives it the class st-key-<key>
PRINT_SECTION_PREFIX = "print_section_"  # containers that each start a printed page
PRESENT_CHROME_PX = 120  # the presenter's bar above the map on a wide screen
# Narrower screens wrap the bar onto more lines (below 1500 px the title and the summary take
# two each, in Russian): (widest screen, bar's height) per step.
PRESENT_CHROME_STEPS = ((1500, 190), (700, 260))

# A4 landscape, less margins: the print column's width on screen and on paper.
PRINT_COLUMN_PX = 1000

APP_CSS_DIR = APP_ROOT / "assets" / "app"
APP_CSS = APP_CSS_DIR / "app.css"
MODE_CSS = APP_CSS_DIR / "modes.css"  # what both modes hide
PRESENT_CSS = APP_CSS_DIR / "present.css"
PRINT_CSS = APP_CSS_DIR / "print.css"


def app_style() -> None:
    """Apply the app's own layout rules (assets/app/app.css) on every page."""
    st.html(APP_CSS)


def hide_chrome(mode: str) -> None:
    """Hide the sidebar, header and toolbar, and set the mode's own layout."""
    st.html(MODE_CSS)
    st.html(PRESENT_CSS if mode == PRESENT_MODE else PRINT_CSS)
