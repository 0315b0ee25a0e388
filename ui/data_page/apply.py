# What the Data page's panels share: an upload checked once per file, checked data applied
# as a new version of the store, and the comment an apply carries into History.
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ui.data_page.editors import editor_identity, is_editor
from ui.store import store
from ui.view import View
from utils.audit import audit
from utils.data.folder import REGISTRY_FILE, DataKey
from utils.data.problems import Problem
from utils.data.table_files import FileRefusedError
from utils.data.writing import DataWriteError
from utils.editing.record_uploads import RecordCheck, check_record_upload
from utils.editing.store import NothingChangedError, StaleVersionError, StoreError
from utils.editing.uploads import UploadCheck, check_upload
from utils.escaping import markdown_text
from utils.i18n import t

MAX_COMMENT_CHARS = 500
# Each upload's digest → the version its check was first made against: the base of the
# three-way merge when another editor applies in between (ui/data_page/merge.py).
CHECKED_AGAINST_KEY = "_data_checked_against"


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
    editor = editor_identity()
    try:
        version = store().apply(changes, based_on=based_on, editor=editor, comment=comment)
    except (DataWriteError, StaleVersionError, NothingChangedError, StoreError) as error:
        event = "apply_stale" if isinstance(error, StaleVersionError) else "apply_refused"
        audit(event, editor=editor, based_on=based_on, reason=error.problem.code,
              details=error.problem.params)  # fmt: skip
        st.session_state[problem_key] = error.problem
        return
    audit("apply", editor=editor, version=version.number, based_on=based_on,
          data_sets=list(version.data_sets), added=version.added, removed=version.removed,
          changed=version.changed)  # fmt: skip
    st.cache_data.clear()
    st.session_state.pop(CHECKED_AGAINST_KEY, None)  # the next check starts from this version
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


def checked_bytes(
    data: bytes, upload_name: str, file_name: str, view: View
) -> UploadCheck | RecordCheck | Problem:
    """Check bytes the app made (a merged registry) as an upload of `file_name`, once."""
    digest = hashlib.sha256(data).hexdigest()
    return _checked(
        digest, upload_name, file_name, view.key, view.today, data, view.registry, view.home.id
    )


def refusal_text(problem: Problem, file_name: str, lang: str) -> str:
    """Say why an upload was refused, with the row where the refusal names one."""
    reason = problem.describe(lang) if problem.row is not None else problem.message(lang)
    return t("data.refused", lang, file=markdown_text(file_name), reason=reason)


def comment_input(key: str, lang: str) -> None:
    """Ask what an apply changes and why; the History section shows it with the version."""
    st.text_input(t("data.comment", lang), key=key, max_chars=MAX_COMMENT_CHARS)
