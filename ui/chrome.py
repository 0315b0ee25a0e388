# What presentation and print mode take away from Streamlit's page, and the print layout.
from __future__ import annotations

import streamlit as st

from ui.state import PRESENT_MODE

PRESENT_MAP_BOX = "present_map_box"  # container key; Streamlit gives it the class st-key-<key>
PRINT_SECTION_PREFIX = "print_section_"  # containers that each start a printed page
PRESENT_CHROME_PX = 120  # the presenter's bar above the map

_HIDDEN = (
    '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
    '[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], '
    '[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }'
)
_PRESENT = f"""
[data-testid="stMainBlockContainer"] {{ padding: 0.6rem 1.2rem 0 1.2rem !important;
    max-width: 100% !important; }}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] button p
    {{ font-size: 1.25rem; }}
.st-key-{PRESENT_MAP_BOX} iframe {{ height: calc(100vh - {PRESENT_CHROME_PX}px) !important; }}
"""
# A4 landscape is 297 mm wide; at 96 px per inch a 1060 px column prints near full size.
_PRINT = f"""
[data-testid="stMainBlockContainer"] {{ max-width: 1060px !important;
    padding-top: 1rem !important; }}
@page {{ size: A4 landscape; margin: 10mm; }}
@media print {{
    [class*="st-key-{PRINT_SECTION_PREFIX}"] {{ break-before: page; }}
    .st-key-print_controls {{ display: none !important; }}
    [data-testid="stMainBlockContainer"] {{ padding: 0 !important; }}
}}
"""


def hide_chrome(mode: str) -> None:
    """Hide the sidebar, header and toolbar, and set the mode's own layout."""
    layout = _PRESENT if mode == PRESENT_MODE else _PRINT
    st.html(f"<style>{_HIDDEN}{layout}</style>")
