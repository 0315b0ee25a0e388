# Who may change the data: an editor password in Streamlit secrets, checked once per session.
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from utils.auth import attempts_left, password_matches

# Names of keys in .streamlit/secrets.toml (never committed), not secrets themselves.
PASSWORD_SECRET = "editor_password"  # noqa: S105
PERSISTS_SECRET = "data_persists"  # noqa: S105 - false where the disk is wiped on restart
PERSISTS_VARIABLE = "PARTNERS_DATA_PERSISTS"
# Streamlit Community Cloud checks the repository out under /mount/src and does not keep
# files written at run time; anywhere else the disk is assumed to persist unless told.
COMMUNITY_CLOUD_ROOT = Path("/mount/src")
EDITOR_KEY = "_editor"  # True once this session has given the right password
FAILED_KEY = "_editor_failed"


def _secret(name: str) -> object:
    """Return a secret's value, or None when there is no such secret or no secrets at all."""
    try:
        return st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return None


def editing_enabled() -> bool:
    """Tell whether an editor password is configured; without one the data cannot change."""
    return bool(_secret(PASSWORD_SECRET))


def is_editor() -> bool:
    """Tell whether this session has signed in as an editor."""
    return editing_enabled() and st.session_state.get(EDITOR_KEY) is True


def failed_attempts() -> int:
    """Return this session's wrong passwords so far."""
    return int(st.session_state.get(FAILED_KEY, 0))


def sign_in(given: str) -> bool:
    """Check a typed password; count a wrong one. Locked sessions are refused outright."""
    expected = _secret(PASSWORD_SECRET)
    if not expected or attempts_left(failed_attempts()) == 0:
        return False
    if password_matches(given, str(expected)):
        st.session_state[EDITOR_KEY] = True
        st.session_state[FAILED_KEY] = 0
        return True
    st.session_state[FAILED_KEY] = failed_attempts() + 1
    return False


def sign_out() -> None:
    """End the editor's session (a button's callback)."""
    st.session_state[EDITOR_KEY] = False


def data_persists(app_dir: Path) -> bool:
    """Tell whether files the app writes survive a restart of the host."""
    configured = os.environ.get(PERSISTS_VARIABLE)
    if configured is None:
        configured = _secret(PERSISTS_SECRET)
    if configured is not None:
        return str(configured).strip().lower() not in {"0", "false", "no"}
    return not app_dir.resolve().is_relative_to(COMMUNITY_CLOUD_ROOT)
