# The Data page's first half: who may edit, and a new registry file checked for everyone
# and applied by editors as a new version of the store (ui/store.py).
from __future__ import annotations

import datetime as dt
import hashlib
import math

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ui.data import View
from ui.editor import (
    REFUSED_KEY,
    SIGN_IN_PROBLEM_KEY,
    WRONG_KEY,
    attempts_left,
    data_persists,
    editing_enabled,
    editor_identity,
    is_editor,
    password_configured,
    sign_in,
    sign_out,
    signed_in_email,
    sso_configured,
)
from ui.notices import show_problems
from ui.store import database_configured, store
from utils.data.folder import APP_ROOT, REGISTRY_FILE, DataKey
from utils.data.reading import Problem
from utils.data.table_files import MAX_FILE_BYTES, MAX_FILE_ROWS, FileRefusedError
from utils.data.writing import DataWriteError
from utils.editing.auth import LOCKOUT_SECONDS
from utils.editing.record_uploads import RecordCheck, check_record_upload
from utils.editing.store import NothingChangedError, StaleVersionError, StoreError
from utils.editing.uploads import (
    UploadCheck,
    check_upload,
    registry_text,
)
from utils.exports import CSV_MIME, inert_csv
from utils.i18n import t
from utils.views.tables import markdown_text

APPLIED_KEY = "_data_applied"  # the version the last apply made, to say so after the rerun
WRITE_PROBLEM_KEY = "_data_write_problem"  # why the last apply could not write
SIGN_IN_INPUT_KEY = "password"
COMMENT_KEY = "apply_comment"
MAX_COMMENT_CHARS = 500


# The buttons act through callbacks: a callback's effect survives the rerun that
# ui.frame's guard makes on a session's first run, a button's return value would not.
def submit_password() -> None:
    """Check the password typed into the sign-in form, then forget it."""
    sign_in(st.session_state.get(SIGN_IN_INPUT_KEY, ""))
    st.session_state[SIGN_IN_INPUT_KEY] = ""


def put_in_place(
    changes: dict[str, str | None],
    based_on: int,
    *,
    applied_key: str,
    problem_key: str,
    comment_key: str | None = None,
    comment: str = "",
) -> None:
    """Apply checked data as a new version of the store (a button's callback).

    What to say after the rerun is kept: the new version's number, or why nothing was
    applied (another editor came first, nothing changes, the store cannot be written).
    A refused apply loses nothing: the upload stays, and the next run checks it again.
    """
    if not is_editor():  # the button is shown to editors only; a forged callback is not
        return
    if comment_key is not None:
        comment = str(st.session_state.get(comment_key) or "").strip()
    try:
        version = store().apply(
            changes, based_on=based_on, editor=editor_identity(), comment=comment
        )
    except (DataWriteError, StaleVersionError, NothingChangedError, StoreError) as error:
        st.session_state[problem_key] = error.problem
        return
    st.cache_data.clear()
    st.session_state[applied_key] = version.number
    if comment_key is not None:
        st.session_state[comment_key] = ""


@st.cache_data(show_spinner=False, max_entries=8, ttl=3600)
def _checked(
    digest: str,
    upload_name: str,
    file_name: str,
    key: DataKey,
    today: dt.date,
    _data: bytes,
    _registry: pd.DataFrame,
    _home_id: str,
) -> UploadCheck | RecordCheck | Problem:
    """Check an upload as `file_name`, or return the Problem it was refused for.

    Keyed on the upload's sha256 and on the data it is checked against (the data's key
    and today): a workbook is read once, not on every rerun of the page.
    """
    del digest, key
    try:
        if file_name == REGISTRY_FILE:
            return check_upload(_data, upload_name, _registry, today)
        return check_record_upload(
            _data, upload_name, file_name=file_name, documents=_registry, home_id=_home_id,
            today=today,
        )  # fmt: skip
    except FileRefusedError as refused:
        return refused.problem


def checked_once(
    upload: UploadedFile, file_name: str, view: View
) -> UploadCheck | RecordCheck | Problem:
    """Check an upload as the data file `file_name`, once per file and data version."""
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    return _checked(
        digest, upload.name, file_name, view.key, view.today, data, view.registry, view.home.id
    )


def refusal_text(problem: Problem, file_name: str, lang: str) -> str:
    """Say why an upload was refused, with the row where the refusal names one."""
    reason = problem.describe(lang) if problem.row is not None else problem.message(lang)
    return t("data.refused", lang, file=markdown_text(file_name), reason=reason)


def comment_input(key: str, lang: str) -> None:
    """Ask what an apply changes and why; the History section shows it with the version."""
    st.text_input(t("data.comment", lang), key=key, max_chars=MAX_COMMENT_CHARS)


def sign_in_panel(lang: str) -> None:
    """Say who may change the data, with the ways to sign in or the sign-out button."""
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
    if applied := st.session_state.pop(APPLIED_KEY, None):
        st.success(t("data.applied", lang, number=applied))
    if write_problem := st.session_state.pop(WRITE_PROBLEM_KEY, None):
        st.error(write_problem.message(lang))


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


def upload_panel(view: View) -> None:
    """Check an uploaded registry file and, for editors, put it in place."""
    lang = view.lang
    st.header(t("data.upload_header", lang))
    upload = st.file_uploader(
        t("data.upload", lang),
        type=["csv", "xlsx"],
        key="upload",
        help=t("data.upload_help", lang, mb=MAX_FILE_BYTES // 2**20, rows=MAX_FILE_ROWS),
    )
    if upload is not None:
        check = checked_once(upload, REGISTRY_FILE, view)
        if isinstance(check, Problem):
            st.error(refusal_text(check, upload.name, lang))
        else:
            with st.container(horizontal=True, key="upload_summary"):
                st.metric(t("data.file_rows", lang), check.file_rows, border=True)
                st.metric(t("data.valid_rows", lang), len(check.documents), border=True)
                st.metric(t("data.added", lang), check.added, border=True)
                st.metric(t("data.removed", lang), check.removed, border=True)
                st.metric(t("data.new_partners", lang), len(check.new_partners), border=True)
            show_problems(check.problems, markdown_text(upload.name), lang)
            if check.renamed:
                st.warning(t("data.renamed", lang, count=len(check.renamed)))
                st.dataframe(
                    pd.DataFrame(
                        check.renamed,
                        columns=[
                            t(f"column.{name}", lang)
                            for name in ("partner_id", "field", "before", "after")
                        ],
                    ),
                    hide_index=True,
                    key="renamed_table",
                )
            if check.can_apply:
                st.success(t("data.ready", lang))
                if is_editor():
                    comment_input(COMMENT_KEY, lang)
                with st.container(horizontal=True):
                    st.download_button(
                        t("data.download_checked", lang),
                        inert_csv(registry_text(check.documents)),
                        file_name=REGISTRY_FILE,
                        mime=CSV_MIME,
                        key="download_checked",
                        on_click="ignore",
                    )
                    if is_editor():
                        st.button(
                            t("data.apply", lang),
                            key="apply_upload",
                            type="primary",
                            on_click=put_in_place,
                            args=({REGISTRY_FILE: registry_text(check.documents)}, view.version),
                            kwargs={
                                "applied_key": APPLIED_KEY,
                                "problem_key": WRITE_PROBLEM_KEY,
                                "comment_key": COMMENT_KEY,
                            },
                        )
                if not is_editor():
                    st.caption(t("data.editors_only", lang))
            else:
                st.error(t("data.not_ready", lang))
