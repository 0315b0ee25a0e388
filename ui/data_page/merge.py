# A registry checked against one version and applied after another editor's apply: the
# late file is merged onto the newest version (utils/editing/merge.py), checked again, and
# the editor told what was kept from each side; rows both changed differently are offered
# as a choice. Nothing of the first editor's work is dropped by "apply again".
from __future__ import annotations

import hashlib

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ui.data_page.apply import CHECKED_AGAINST_KEY, checked_bytes
from ui.store import store
from ui.view import View
from utils.data.folder import REGISTRY_FILE
from utils.data.problems import Problem
from utils.editing.merge import MINE, THEIRS, Conflict, Merge, merge_data_set
from utils.editing.uploads import UploadCheck, registry_text
from utils.escaping import markdown_text
from utils.i18n import t

SHOWN_KEYS = 5  # rows named in the summary; the rest counted


def _checked_against(upload: UploadedFile, view: View) -> int:
    """Return the version this upload was first checked against in this session."""
    digest = hashlib.sha256(upload.getvalue()).hexdigest()
    return st.session_state.setdefault(CHECKED_AGAINST_KEY, {}).setdefault(digest, view.version)


def _choice_key(conflict: Conflict) -> str:
    return "merge_choice_" + hashlib.sha256(conflict.key.encode()).hexdigest()[:12]


def merged_upload(
    upload: UploadedFile, check: UploadCheck, view: View
) -> tuple[UploadCheck | Problem, Merge | None, int]:
    """Return the check to show: of the upload, or of it merged onto a newer version."""
    base = _checked_against(upload, view)
    if base == view.version or not check.can_apply:
        return check, None, base
    based = store().texts(base)
    if REGISTRY_FILE not in based:  # a version the store no longer has: check as it is
        return check, None, base
    theirs, mine = store().texts().get(REGISTRY_FILE), registry_text(check.documents)
    first = merge_data_set(REGISTRY_FILE, based[REGISTRY_FILE], theirs, mine)
    choices = {c.key: st.session_state.get(_choice_key(c), THEIRS) for c in first.conflicts}
    merge = merge_data_set(REGISTRY_FILE, based[REGISTRY_FILE], theirs, mine, choices)
    merged = checked_bytes(merge.text.encode("utf-8"), upload.name, REGISTRY_FILE, view)
    return merged, merge, base


def _named(keys: list[str], lang: str) -> str:
    shown = ", ".join(markdown_text(key) for key in keys[:SHOWN_KEYS])
    more = len(keys) - SHOWN_KEYS
    count = t("data.merge_rows", lang, count=len(keys))
    return f"{count}: {shown}" + (f" (+{more})" if more > 0 else "") if keys else count


def _row_text(row: dict[str, str] | None, lang: str) -> str:
    if row is None:
        return t("data.merge_removed", lang)
    return markdown_text(", ".join(value for value in row.values() if value)[:160])


def show_merge(merge: Merge, base: int, view: View) -> None:
    """Say what the merge kept from each editor; offer a choice for each conflict."""
    lang = view.lang
    st.info(
        t("data.merged", lang, base=base, latest=view.version,
          kept=_named(merge.kept_theirs, lang), mine=_named(merge.applied_mine, lang))
    )  # fmt: skip
    if not merge.conflicts:
        return
    st.warning(t("data.merge_conflicts", lang, count=len(merge.conflicts)))
    for conflict in merge.conflicts:
        st.radio(
            markdown_text(conflict.key),
            (THEIRS, MINE),
            key=_choice_key(conflict),
            format_func=lambda side, c=conflict: t(
                f"data.merge_{side}",
                lang,
                row=_row_text(c.theirs if side == THEIRS else c.mine, lang),
            ),
        )
