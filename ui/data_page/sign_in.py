# The Data page's first panel: who may change the data, and the ways to sign in: single
# sign-on (st.login) where it is set up, the shared password as the fallback.
from __future__ import annotations

import math

import streamlit as st

from ui.data_page.editors import (
    REFUSED_KEY,
    SIGN_IN_PROBLEM_KEY,
    WRONG_KEY,
    attempts_left,
    audit_sso_sign_in,
    data_persists,
    editing_enabled,
    is_editor,
    password_configured,
    sign_in,
    sign_out,
    signed_in_email,
    sso_configured,
)
from ui.store import database_configured
from utils.data.folder import APP_ROOT
from utils.editing.auth import LOCKOUT_SECONDS
from utils.editing.store import StoreError
from utils.i18n import t

SIGN_IN_INPUT_KEY = "password"


# The buttons act through callbacks: a callback's effect survives the rerun that
# ui.frame's guard makes on a session's first run, a button's return value would not.
def submit_password() -> None:
    """Check the password typed into the sign-in form, then forget it."""
    sign_in(st.session_state.get(SIGN_IN_INPUT_KEY, ""))
    st.session_state[SIGN_IN_INPUT_KEY] = ""


def sign_in_panel(lang: str) -> None:
    """Say who may change the data, with the ways to sign in or the sign-out button."""
    audit_sso_sign_in()
    if not editing_enabled():
        st.info(t("data.editing_off", lang))
    elif is_editor():
        with st.container(horizontal=True, vertical_alignment="center"):
            if email := signed_in_email():
                st.success(t("data.signed_in_as", lang, email=email))
                st.button(t("data.sign_out", lang), key="sign_out", on_click=st.logout)
            else:
                st.success(t("data.signed_in", lang))
                st.button(t("data.sign_out", lang), key="sign_out", on_click=sign_out)
    else:
        sign_in_choices(lang)
    if not database_configured() and not data_persists(APP_ROOT):
        st.warning(t("data.not_persistent", lang))


def sign_in_choices(lang: str) -> None:
    """Offer single sign-on where it is set up, and the shared password where there is one."""
    if sso_configured():
        if email := signed_in_email():
            with st.container(horizontal=True, vertical_alignment="center"):
                st.warning(t("data.not_allowed", lang, email=email))
                st.button(t("data.sign_out", lang), key="sign_out", on_click=st.logout)
        else:
            st.button(t("data.sign_in_sso", lang), key="sign_in_sso", on_click=st.login)
        if not password_configured():
            return
        st.caption(t("data.or_password", lang))
    if problem := st.session_state.pop(SIGN_IN_PROBLEM_KEY, None):
        st.error(problem.message(lang))
    try:
        left = attempts_left()
    except StoreError as error:  # the shared count of wrong tries cannot be read
        st.error(error.problem.message(lang))
        return
    if left == 0:
        st.error(t("data.locked", lang, minutes=LOCKOUT_SECONDS // 60))
        return
    with st.form("sign_in_form"):
        st.text_input(t("data.password", lang), type="password", key=SIGN_IN_INPUT_KEY)
        st.form_submit_button(t("data.sign_in", lang), on_click=submit_password)
    if st.session_state.pop(WRONG_KEY, False):
        st.error(t("data.wrong_password", lang, left=left))
    if refused := st.session_state.pop(REFUSED_KEY, None):
        st.warning(t("data.wait", lang, seconds=math.ceil(refused)))
