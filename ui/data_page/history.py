# The Data page's History section: every version of the data, newest first, with who made
# it, when and why; what a chosen version changed, field by field; and its restore, which
# makes a new version equal to it (history is never rewritten). Editors only.
from __future__ import annotations

import streamlit as st

from ui.data_page.apply import MAX_COMMENT_CHARS
from ui.data_page.editors import editing_enabled, editor_identity, is_editor
from ui.loaders import data_folder
from ui.store import database_configured, storage_key, storage_name, store
from ui.view import View
from utils.audit import audit
from utils.data.writing import DataWriteError
from utils.editing.store import (
    FileStore,
    NothingChangedError,
    SqlStore,
    StaleVersionError,
    StoreError,
    restore,
)
from utils.editing.versions import (
    Change,
    Version,
    changes_frame,
    diff,
    editor_label,
    versions_frame,
)
from utils.i18n import t

VERSION_PICK_KEY = "history_version"
RESTORE_COMMENT_KEY = "restore_comment"
RESTORED_KEY = "_history_restored"  # (the new version, the version it equals)
RESTORE_PROBLEM_KEY = "_history_problem"


def restore_version(number: int, based_on: int) -> None:
    """Make a new version equal to version `number` (a button's callback)."""
    if not is_editor():  # the button is shown to editors only; a forged callback is not
        return
    comment = str(st.session_state.get(RESTORE_COMMENT_KEY) or "").strip()
    editor = editor_identity()
    try:
        version = restore(store(), number, based_on=based_on, editor=editor, comment=comment)
    except (DataWriteError, StaleVersionError, NothingChangedError, StoreError) as error:
        event = "apply_stale" if isinstance(error, StaleVersionError) else "restore_refused"
        audit(event, editor=editor, based_on=based_on, restoring=number,
              reason=error.problem.code, details=error.problem.params)  # fmt: skip
        st.session_state[RESTORE_PROBLEM_KEY] = error.problem
        return
    audit("restore", editor=editor, version=version.number, restored_from=number,
          based_on=based_on)  # fmt: skip
    st.cache_data.clear()
    st.session_state[RESTORED_KEY] = (version.number, number)
    st.session_state[RESTORE_COMMENT_KEY] = ""
    st.session_state[VERSION_PICK_KEY] = version.number


def storage_notes(lang: str, *, editor: bool) -> None:
    """Say where the data is kept, and (to editors) what the store has noticed about it."""
    current = store()
    if database_configured():
        st.caption(t("history.storage_sql", lang, dialect=storage_name()))
        if isinstance(current, SqlStore) and current.is_empty():
            st.info(t("history.sql_empty", lang))
    else:
        st.caption(t("history.storage_files", lang, folder=data_folder().root.name))
        if editor and isinstance(current, FileStore) and current.edited_outside():
            st.warning(t("history.edited_outside", lang, number=current.latest()))


def version_label(version: Version, lang: str) -> str:
    """Name a version in the picker: number, time and who."""
    made = version.made_at.strftime("%Y-%m-%d %H:%M")
    return f"{version.number} · {made} UTC · {editor_label(version.editor, lang)}"


@st.cache_data(show_spinner=False, max_entries=32)
def changes_between(storage: str, earlier: int, number: int, checksum: str) -> list[Change]:
    """Return what version `number` changed since `earlier` (read once per version).

    `storage` names the store and `checksum` the version's data: a version number alone
    could name other data in another store.
    """
    del storage, checksum
    return diff(store().texts(earlier), store().texts(number))


def version_changes(version: Version, earlier: int | None, lang: str) -> None:
    """Show what a version changed against the one before it (`earlier`, None for the first)."""
    st.subheader(t("history.diff_header", lang, number=version.number))
    if earlier is None:
        st.caption(t("history.first", lang, number=version.number))
        return
    changes = changes_between(storage_key(), earlier, version.number, version.checksum)
    if changes:
        st.dataframe(changes_frame(changes, lang), hide_index=True, key="history_changes")
    else:
        st.caption(t("history.no_changes", lang, number=version.number))


def restore_controls(version: Version, latest: int, view: View) -> None:
    """Offer an editor the restore of an earlier version."""
    lang = view.lang
    if version.number == latest:
        st.caption(t("history.latest", lang))
    else:
        st.text_input(
            t("history.restore_comment", lang), key=RESTORE_COMMENT_KEY, max_chars=MAX_COMMENT_CHARS
        )
        st.button(
            t("history.restore", lang, number=version.number),
            key="restore_version",
            on_click=restore_version,
            args=(version.number, view.version),
        )


def history_panel(view: View) -> None:
    """List the versions of the data; show one's changes; let editors restore one."""
    lang = view.lang
    if not editing_enabled():  # nobody can change the data: no history to keep
        return
    st.header(t("history.header", lang))
    st.write(t("history.intro", lang))
    if restored := st.session_state.pop(RESTORED_KEY, None):
        st.success(t("history.restored", lang, number=restored[0], source=restored[1]))
    if problem := st.session_state.pop(RESTORE_PROBLEM_KEY, None):
        st.error(problem.message(lang))
    # Versions name their editors (e-mails): shown to editors, not to every visitor, whose
    # runs of the page read no versions and no files for them.
    editor = is_editor()
    try:
        storage_notes(lang, editor=editor)
        versions = store().versions() if editor else []
    except StoreError as error:
        st.error(error.problem.message(lang))
        return
    if not editor:
        st.caption(t("history.sign_in_to_see", lang))
        return
    if not versions:
        st.info(t("history.empty", lang))
        return
    st.dataframe(versions_frame(versions, lang), hide_index=True, key="history_table")
    by_number = {version.number: version for version in versions}
    if st.session_state.get(VERSION_PICK_KEY) not in by_number:
        st.session_state.pop(VERSION_PICK_KEY, None)
    number = st.selectbox(
        t("history.pick", lang),
        list(by_number),
        key=VERSION_PICK_KEY,
        format_func=lambda n: version_label(by_number[n], lang),
    )
    earlier = [n for n in by_number if n < number]
    version_changes(by_number[number], max(earlier) if earlier else None, lang)
    restore_controls(by_number[number], versions[0].number, view)
