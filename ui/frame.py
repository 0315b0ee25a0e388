# Keeps every run inside the frame of app.py, even on the first requests after a restart,
# and hands the frame's View to the page it runs.
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.view import View

_frame = threading.local()  # each session's script runs in a thread of its own
BARE_RERUNS_KEY = "_bare_page_reruns"
MAX_BARE_RERUNS = 3  # a page run directly (streamlit run pages/x.py) must not loop
# Streamlit's switch between the legacy `pages/` folder mode and st.navigation. Private:
# tests/app/test_app_frame.py fails loudly if a release removes or renames it.
LEGACY_PAGES_FLAG = "uses_pages_directory"


@contextmanager
def running_pages(view: View) -> Iterator[None]:
    """Mark the frame's st.navigation(...).run(): pages run inside it get its view."""
    _frame.view = view
    try:
        yield
    finally:
        _frame.view = None


def leave_legacy_pages_mode() -> None:
    """Switch off Streamlit's legacy `pages/` mode and rerun, before any widget exists.

    Until some session has called st.navigation, Streamlit treats a `pages/` folder
    beside the main script as a legacy multipage app: the first request after a restart
    runs a linked page bare (no sidebar, no frame) and gives the frame's widgets other
    ids than later runs, so the first click is lost. The documented switch-over happens
    in st.navigation (https://docs.streamlit.io/develop/api-reference/navigation/st.navigation);
    doing it first and rerunning gives every run, the first included, the same frame.
    """
    if getattr(PagesManager, LEGACY_PAGES_FLAG, False):
        setattr(PagesManager, LEGACY_PAGES_FLAG, False)
        st.rerun()


def page_view() -> View:
    """Return the frame's view of this run; every page starts with this.

    A session that opened while another one was switching the legacy mode off can still
    run a page bare, outside the frame, and stay there: it reruns into the frame. (Found
    by the load test: 30 viewers opening the map at once after a restart.)
    """
    leave_legacy_pages_mode()
    view = getattr(_frame, "view", None)
    if view is not None:
        return view
    reruns = st.session_state.get(BARE_RERUNS_KEY, 0)
    if reruns < MAX_BARE_RERUNS:
        st.session_state[BARE_RERUNS_KEY] = reruns + 1
        st.rerun()
    st.error("This page runs inside app.py: streamlit run app.py")
    st.stop()
    raise AssertionError  # st.stop() does not return
