# What presentation and print mode take away from Streamlit's page, and the print layout.
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.state import PRESENT_MODE

PRESENT_MAP_BOX = "present_map_box"  # container key; Streamlit gives it the class st-key-<key>
PRINT_SECTION_PREFIX = "print_section_"  # containers that each start a printed page
PRESENT_CHROME_PX = 120  # the presenter's bar above the map on a wide screen
# Narrower screens wrap the bar onto more lines: (widest screen, bar's height) per step.
PRESENT_CHROME_STEPS = ((1200, 190), (700, 260))

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
@media (max-width: 700px) {{
    [data-testid="stMainBlockContainer"] h3 {{ font-size: 1.15rem; }}
    [data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] button p
        {{ font-size: 1rem; }}
    [data-testid="stMainBlockContainer"] button kbd {{ display: none; }}
    [data-testid="stMainBlockContainer"] button {{ padding: 0.25rem 0.6rem; min-height: 0; }}
}}
""" + "".join(
    f"@media (max-width: {width}px) {{ .st-key-{PRESENT_MAP_BOX} iframe "
    f"{{ height: max(320px, calc(100vh - {chrome}px)) !important; }} }}"
    for width, chrome in PRESENT_CHROME_STEPS
)
# A4 landscape is 297 mm wide: less 10 mm margins, 1,047 px at 96 px per inch. The print
# view's column is as wide on screen as on paper, so charts drawn on screen (plotly draws
# at a fixed width) and the map print at the size they were laid out at, never split.
PRINT_COLUMN_PX = 1000
_PRINT = f"""
[data-testid="stMainBlockContainer"] {{ width: {PRINT_COLUMN_PX}px !important;
    min-width: {PRINT_COLUMN_PX}px !important; max-width: none !important;
    padding: 1rem 0 0 0 !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{
    flex-wrap: nowrap !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stColumn"] {{
    min-width: 0 !important; flex: 1 1 0 !important; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2rem; padding: 0; }}
@page {{ size: A4 landscape; margin: 10mm; }}
@media print {{
    [class*="st-key-{PRINT_SECTION_PREFIX}"] {{ break-before: page; }}
    [data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"].st-key-print_controls {{
        display: none !important; }}
    [data-testid="stMainBlockContainer"] {{ padding: 0 !important; }}
    .stPlotlyChart, [data-testid="stIFrame"], iframe {{ break-inside: avoid; }}
    /* Streamlit prints columns one under the other; the charts drawn side by side stay so. */
    [data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{
        display: flex !important; }}
    [data-testid="stMainBlockContainer"] [data-testid="stColumn"] {{ width: auto !important; }}
    [data-testid="stElementToolbar"] {{ display: none !important; }}
}}
"""


APP_CSS = Path(__file__).resolve().parent.parent / "assets" / "app" / "app.css"


def app_style() -> None:
    """Apply the app's own layout rules (assets/app/app.css) on every page."""
    st.html(APP_CSS)


def hide_chrome(mode: str) -> None:
    """Hide the sidebar, header and toolbar, and set the mode's own layout."""
    layout = _PRESENT if mode == PRESENT_MODE else _PRINT
    st.html(f"<style>{_HIDDEN}{layout}</style>")
