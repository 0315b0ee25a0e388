# View state that lives in the URL (st.query_params), so that a link reproduces a view.
from __future__ import annotations

import streamlit as st

from utils.i18n import DEFAULT_LANGUAGE, LANGUAGES

LANGUAGE_KEY = "lang"  # the widget key and the query parameter


def init_language() -> str:
    """Take the language from the URL on a session's first run and return the current one."""
    if LANGUAGE_KEY not in st.session_state:
        requested = st.query_params.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
        st.session_state[LANGUAGE_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    return language()


def language() -> str:
    """Return the language the reader has chosen."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def sync_language_to_url() -> None:
    """Write the current language into the URL."""
    st.query_params[LANGUAGE_KEY] = language()
