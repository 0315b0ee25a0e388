# Keeps every run inside the frame of app.py, even on the first request after a restart.
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode() -> None:
    """Switch off Streamlit's legacy `pages/` mode and rerun, before any widget exists.

    Until some session has called st.navigation, Streamlit treats a `pages/` folder
    beside the main script as a legacy multipage app: the first request after a restart
    runs a linked page bare (no sidebar, no frame) and gives the frame's widgets other
    ids than later runs, so the first click is lost. The documented switch-over happens
    in st.navigation (https://docs.streamlit.io/develop/api-reference/navigation/st.navigation);
    doing it first and rerunning gives every run, the first included, the same frame.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
