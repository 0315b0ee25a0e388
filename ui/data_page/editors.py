# Who may change the data: editors signed in with st.login (OIDC, [auth] in secrets) whose
# e-mail is on the `editors` list, or the shared password as the simple fallback. Wrong
# passwords are counted by the server per client address (utils/editing/auth.py), in the database
# when there is one, so that every replica counts the same tries. Each version
# records its editor's identity: the e-mail, or "password".
from __future__ import annotations

import os
import time
from pathlib import Path

import sqlalchemy as sa
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from ui.store import database_configured, database_engine, database_key
from utils.audit import audit
from utils.editing.auth import Lockout, SqlLockout, password_matches
from utils.editing.store import StoreError
from utils.editing.versions import PASSWORD

# Names of keys in .streamlit/secrets.toml (never committed), not secrets themselves.
PASSWORD_SECRET = "editor_password"  # noqa: S105
AUTH_SECTION = "auth"  # st.login's OIDC settings
EDITORS_SECRET = "editors"  # noqa: S105 - e-mails that may apply once signed in
PERSISTS_SECRET = "data_persists"  # noqa: S105 - false where the disk is wiped on restart
PERSISTS_VARIABLE = "PARTNERS_DATA_PERSISTS"
# Streamlit Community Cloud checks the repository out under /mount/src and does not keep
# files written at run time; anywhere else the disk is assumed to persist unless told.
COMMUNITY_CLOUD_ROOT = Path("/mount/src")
EDITOR_KEY = "_editor"  # True once this session has given the right password
WRONG_KEY = "_editor_wrong"  # this session's last try was a wrong password
REFUSED_KEY = "_editor_refused"  # seconds this session's last try was asked to wait
SIGN_IN_PROBLEM_KEY = "_editor_problem"  # why the last try could not be counted
SSO_AUDITED_KEY = "_editor_sso_audited"  # the e-mail whose sign-in the audit log has
UNKNOWN_CLIENT = "unknown"  # no address known (a test run, some proxies): one shared count


def _secret(name: str) -> object:
    """Return a secret's value, or None when there is no such secret or no secrets at all."""
    try:
        return st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return None


def sso_configured() -> bool:
    """Tell whether sign-in with st.login is set up ([auth] in secrets)."""
    return bool(_secret(AUTH_SECTION))


def signed_in_email() -> str | None:
    """Return the e-mail of the person signed in with st.login, if anyone is."""
    if not sso_configured() or not st.user.is_logged_in:
        return None
    email = st.user.get("email")
    return str(email) if email else None


def allowed_editors() -> set[str]:
    """Return the editors' e-mails from secrets, in lower case."""
    listed = _secret(EDITORS_SECRET) or []
    return {str(email).strip().lower() for email in listed if str(email).strip()}


def sso_editor() -> bool:
    """Tell whether the person signed in with st.login is on the editors' list."""
    email = signed_in_email()
    return email is not None and email.lower() in allowed_editors()


def password_configured() -> bool:
    """Tell whether the shared editor password is set."""
    return bool(_secret(PASSWORD_SECRET))


def editing_enabled() -> bool:
    """Tell whether anyone can edit: a password, or sign-in with an editors' list."""
    return password_configured() or (sso_configured() and bool(allowed_editors()))


def is_editor() -> bool:
    """Tell whether this session may change the data."""
    password_editor = password_configured() and st.session_state.get(EDITOR_KEY) is True
    return password_editor or sso_editor()


def audit_sso_sign_in() -> None:
    """Log a sign-in with st.login once per session: an editor's, or one not on the list."""
    email = signed_in_email()
    if email is None or st.session_state.get(SSO_AUDITED_KEY) == email:
        return
    st.session_state[SSO_AUDITED_KEY] = email
    if sso_editor():
        audit("sign_in", method="oidc", editor=email, client=client())
    else:
        audit("sign_in_refused", method="oidc", editor=email, client=client(),
              reason="not_an_editor")  # fmt: skip


def editor_identity() -> str:
    """Return who applies, as each version records it: the e-mail, or "password"."""
    return (signed_in_email() or PASSWORD) if sso_editor() else PASSWORD


# Without a database, the wrong passwords are counted by the server process, outside
# Streamlit's caches: any visitor can ask the server to clear those (a "clear_cache"
# message over the WebSocket), and a count kept there let the 101st guess in.
_PROCESS_LOCKOUT = Lockout()


def process_lockout() -> Lockout:
    """Return this server process's count of wrong passwords, shared by every session."""
    return _PROCESS_LOCKOUT


@st.cache_resource(show_spinner=False)
def _shared_lockout(database: str, _engine: sa.Engine) -> SqlLockout:
    """Return the database's count of wrong passwords (the engine is not hashed)."""
    del database
    return SqlLockout(_engine)


def lockout() -> Lockout:
    """Return the count of wrong passwords: the database's (every replica's), or this process's."""
    if database_configured():
        engine = database_engine()
        return _shared_lockout(database_key(engine), engine)
    return process_lockout()


def client() -> str:
    """Return the address the request comes from, as Streamlit knows it."""
    address = st.context.ip_address
    # None where Streamlit knows no address (no request: a test run, some proxies).
    return address if isinstance(address, str) and address else UNKNOWN_CLIENT


def attempts_left() -> int:
    """Return how many more tries this client has before it is locked out."""
    return lockout().attempts_left(client(), time.time())


def wait_seconds() -> float:
    """Return how long this client must wait before its next try."""
    return lockout().wait_seconds(client(), time.time())


def sign_in(given: str) -> bool:
    """Check a typed password; count a wrong one. A client that must wait is refused."""
    expected = _secret(PASSWORD_SECRET)
    if not expected:
        return False
    try:
        if (wait := wait_seconds()) > 0:
            audit("sign_in_locked", method=PASSWORD, client=client(), wait_s=round(wait))
            st.session_state[REFUSED_KEY] = wait
            return False
        if password_matches(given, str(expected)):
            st.session_state[EDITOR_KEY] = True
            lockout().succeeded(client())
            audit("sign_in", method=PASSWORD, editor=PASSWORD, client=client())
            return True
        lockout().failed(client(), time.time())
        left = attempts_left()
    except StoreError as error:  # the shared count cannot be read: no try is taken
        audit("sign_in_refused", method=PASSWORD, client=client(), reason=error.problem.code)
        st.session_state[SIGN_IN_PROBLEM_KEY] = error.problem
        return False
    audit("sign_in_refused", method=PASSWORD, client=client(), reason="wrong_password",
          attempts_left=left)  # fmt: skip
    st.session_state[WRONG_KEY] = True
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
