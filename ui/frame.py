# Makes sure every page runs inside the frame of app.py.
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"


def ensure_frame() -> None:
    """Run app.py around this page when Streamlit started the page without it.

    Streamlit still treats a `pages/` folder beside the main script as a legacy
    multipage app until the first st.navigation call of the server's life: a link
    to /registry opened first after a restart runs pages/registry.py bare, without
    the sidebar and the frame. Running the frame here hands control to st.navigation,
    which switches that legacy mode off and runs this page again inside the frame.
    """
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(APP_SCRIPT), run_name="__main__")
        st.stop()
