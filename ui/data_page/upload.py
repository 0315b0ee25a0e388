# The Data page's registry panel: a new registry file checked for everyone and applied by
# editors as a new version of the store (ui/store.py).
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.data_page.apply import checked_once, comment_input, put_in_place, refusal_text
from ui.data_page.editors import is_editor
from ui.data_page.merge import merged_upload, show_merge
from ui.notices import show_problems
from ui.view import View
from utils.data.folder import REGISTRY_FILE
from utils.data.problems import Problem
from utils.data.table_files import MAX_FILE_BYTES, MAX_FILE_ROWS
from utils.editing.uploads import UploadCheck, registry_text
from utils.escaping import markdown_text
from utils.exports import CSV_MIME, inert_csv
from utils.i18n import t

APPLIED_KEY = "_data_applied"  # the version the last apply made, to say so after the rerun
WRITE_PROBLEM_KEY = "_data_write_problem"  # why the last apply could not write
COMMENT_KEY = "apply_comment"


def upload_summary(check: UploadCheck, lang: str) -> None:
    """Count what an upload holds and would change."""
    with st.container(horizontal=True, key="upload_summary"):
        st.metric(t("data.file_rows", lang), check.file_rows, border=True)
        st.metric(t("data.valid_rows", lang), len(check.documents), border=True)
        st.metric(t("data.added", lang), check.added, border=True)
        st.metric(t("data.removed", lang), check.removed, border=True)
        st.metric(t("data.new_partners", lang), len(check.new_partners), border=True)


def renamed_fields(check: UploadCheck, lang: str) -> None:
    """List each field of a known partner that the upload changes, before anything applies."""
    if not check.renamed:
        return
    st.warning(t("data.renamed", lang, count=len(check.renamed)))
    columns = [t(f"column.{name}", lang) for name in ("partner_id", "field", "before", "after")]
    st.dataframe(pd.DataFrame(check.renamed, columns=columns), hide_index=True, key="renamed_table")


def apply_controls(check: UploadCheck, view: View) -> None:
    """Offer the checked file for download and, to an editor, its apply with a comment."""
    lang, text = view.lang, registry_text(check.documents)
    st.success(t("data.ready", lang))
    if is_editor():
        comment_input(COMMENT_KEY, lang)
    with st.container(horizontal=True):
        st.download_button(
            t("data.download_checked", lang),
            inert_csv(text),
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
                args=({REGISTRY_FILE: text}, view.version),
                kwargs={
                    "applied_key": APPLIED_KEY,
                    "problem_key": WRITE_PROBLEM_KEY,
                    "comment_key": COMMENT_KEY,
                },
            )
    if not is_editor():
        st.caption(t("data.editors_only", lang))


def upload_panel(view: View) -> None:
    """Check an uploaded registry file and, for editors, put it in place."""
    lang = view.lang
    st.header(t("data.upload_header", lang))
    if applied := st.session_state.pop(APPLIED_KEY, None):
        st.success(t("data.applied", lang, number=applied))
    if write_problem := st.session_state.pop(WRITE_PROBLEM_KEY, None):
        st.error(write_problem.message(lang))
    upload = st.file_uploader(
        t("data.upload", lang),
        type=["csv", "xlsx"],
        key="upload",
        help=t("data.upload_help", lang, mb=MAX_FILE_BYTES // 2**20, rows=MAX_FILE_ROWS),
    )
    if upload is None:
        return
    check = checked_once(upload, REGISTRY_FILE, view)
    if isinstance(check, Problem):
        st.error(refusal_text(check, upload.name, lang))
        return
    check, merge, base = merged_upload(upload, check, view)
    if merge is not None:
        show_merge(merge, base, view)
    if isinstance(check, Problem):
        st.error(refusal_text(check, upload.name, lang))
        return
    upload_summary(check, lang)
    show_problems(check.problems, markdown_text(upload.name), lang)
    renamed_fields(check, lang)
    if check.can_apply:
        apply_controls(check, view)
    else:
        st.error(t("data.not_ready", lang))
