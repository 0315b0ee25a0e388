# The Data page's panel for the living record: an uploaded status.csv or activities.csv,
# checked for everyone with the `check DIR` rules and applied by editors as a new version.
from __future__ import annotations

import streamlit as st

from ui.data_page.apply import checked_once, comment_input, put_in_place, refusal_text
from ui.data_page.editors import is_editor
from ui.notices import show_problems
from ui.view import View
from utils.data.problems import Problem
from utils.data.table_files import MAX_FILE_BYTES, MAX_FILE_ROWS
from utils.editing.record_uploads import RECORD_FILES
from utils.escaping import markdown_text
from utils.i18n import t

RECORD_KIND_KEY = "record_file"
RECORD_APPLIED_KEY = "_record_applied"
RECORD_WRITE_PROBLEM_KEY = "_record_write_problem"
RECORD_COMMENT_KEY = "record_comment"


def record_panel(view: View) -> None:
    """Check an uploaded status or activities file and, for editors, put it in place."""
    lang = view.lang
    st.header(t("data.record_header", lang))
    st.write(t("data.record_intro", lang))
    if applied := st.session_state.pop(RECORD_APPLIED_KEY, None):
        # The file chosen above, whose apply this rerun follows.
        file_name = st.session_state.get(RECORD_KIND_KEY, next(iter(RECORD_FILES)))
        st.success(t("data.record_applied", lang, file=file_name, number=applied))
    if problem := st.session_state.pop(RECORD_WRITE_PROBLEM_KEY, None):
        st.error(problem.message(lang))
    file_name = st.radio(
        t("data.record_file", lang), list(RECORD_FILES), key=RECORD_KIND_KEY, horizontal=True
    )
    upload = st.file_uploader(
        t("data.record_upload", lang, file=file_name),
        type=["csv", "xlsx"],
        key="record_upload",
        help=t("data.upload_help", lang, mb=MAX_FILE_BYTES // 2**20, rows=MAX_FILE_ROWS),
    )
    if upload is None:
        return
    check = checked_once(upload, file_name, view)
    if isinstance(check, Problem):
        st.error(refusal_text(check, upload.name, lang))
        return
    with st.container(horizontal=True, key="record_summary"):
        st.metric(t("data.file_rows", lang), check.file_rows, border=True)
        st.metric(t("data.valid_rows", lang), len(check.rows), border=True)
    show_problems(check.problems, markdown_text(upload.name), lang)
    if not check.can_apply:
        st.error(t("data.record_not_ready", lang, file=file_name))
        return
    st.success(t("data.record_ready", lang, file=file_name))
    if is_editor():
        comment_input(RECORD_COMMENT_KEY, lang)
        st.button(
            t("data.record_apply", lang, file=file_name),
            key="apply_record",
            type="primary",
            on_click=put_in_place,
            args=({check.file_name: check.text}, view.version),
            kwargs={
                "applied_key": RECORD_APPLIED_KEY,
                "problem_key": RECORD_WRITE_PROBLEM_KEY,
                "comment_key": RECORD_COMMENT_KEY,
            },
        )
    else:
        st.caption(t("data.editors_only", lang))
