# The Data page's History (ui/data_page/history.py) and the store behind every apply (ui/store.py):
# versions with their editor and diff, restore as a new version, a stale apply refused,
# and the SQL back-end chosen by secrets, whose versions outlive the app's process.
from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from tests.helpers.app import (
    APP,
    TIMEOUT,
    dataframe_with_column,
    metrics,
    open_page,
    sign_in,
    upload,
)
from tests.helpers.data import DATA, NEW_ROW, registry_with_palanga
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import FileStore, SqlStore

PASSWORD = "верный-пароль"  # noqa: S105 - the test's own, as in test_app_data.py


@pytest.fixture
def editor(app, data_dir):  # noqa: ARG001 - the copy of the data folder it edits
    app.secrets["editor_password"] = PASSWORD
    return app


def versions(app) -> list[int]:
    """The version numbers the History table lists, newest first."""
    return dataframe_with_column(app, "Who")["Version"].tolist()


def apply_palanga(app, comment: str = "Palanga, 2016") -> None:
    """Upload the registry with Palanga's document and apply it with a comment."""
    upload(app, registry_with_palanga())
    app.text_input(key="apply_comment").input(comment).run()
    app.button(key="apply_upload").click().run()
    assert not app.exception, app.exception


def test_history_shows_each_version_with_its_changes_and_restores_one(editor, data_dir):
    open_page(editor, "data", lang="en")
    sign_in(editor, PASSWORD)
    assert "No versions yet." in editor.info[-1].value
    apply_palanga(editor)
    assert versions(editor) == [1, 0]
    # The newest version is shown first: Palanga's document and Palanga the partner added.
    changes = dataframe_with_column(editor, "Record")
    assert changes[["File", "What", "Record", "Change"]].values.tolist() == [
        ["partners.csv", "document", "palanga · cooperation_agreement · 2025-06-01", "added"],
        ["partners.csv", "partner", "palanga", "added"],
    ]
    assert "This is the latest version: there is nothing to restore." in [
        c.value for c in editor.main.caption
    ]
    # Back to the data as found: a new version equal to version 0.
    editor.selectbox(key="history_version").set_value(0).run()
    editor.text_input(key="restore_comment").input("Palanga not signed yet").run()
    editor.button(key="restore_version").click().run()
    assert not editor.exception
    assert "Version 2 made, equal to version 0." in [s.value for s in editor.success]
    assert versions(editor) == [2, 1, 0]
    table = dataframe_with_column(editor, "Who")
    assert table["Comment"].tolist()[0] == "Palanga not signed yet · restores version 0"
    assert table["Who"].tolist() == ["shared password", "shared password", "data as found"]
    assert (data_dir / REGISTRY_FILE).read_bytes() == (DATA / REGISTRY_FILE).read_bytes()
    assert editor.sidebar.caption[0].value == "Documents shown: 11 of 11"


def test_a_stale_apply_is_refused_and_the_check_is_redone_on_the_new_data(editor, data_dir):
    open_page(editor, "data", lang="en")
    sign_in(editor, PASSWORD)
    upload(editor, registry_with_palanga())
    assert metrics(editor)["New documents"] == "1"
    # Meanwhile another editor (another session, another replica) applies Palanga first.
    other = FileStore(data_dir)
    other.apply(
        {REGISTRY_FILE: registry_with_palanga().decode()}, based_on=0, editor="b@x", comment=""
    )
    editor.button(key="apply_upload").click().run()
    assert not editor.exception
    (refused,) = [e.value for e in editor.error]
    assert refused.startswith("While you were checking, the data changed: version 1 was applied")
    assert "by b@x" in refused
    # The same file, checked again against the new data, now adds nothing.
    assert metrics(editor)["New documents"] == "0"
    assert versions(editor) == [1, 0]  # nothing was written by the refused apply
    assert (data_dir / REGISTRY_FILE).read_text(encoding="utf-8").endswith(NEW_ROW + "\n")


def test_visitors_see_no_editors_and_no_restore(app, data_dir):
    app.secrets["editor_password"] = PASSWORD
    FileStore(data_dir).apply(
        {REGISTRY_FILE: registry_with_palanga().decode()}, based_on=0, editor="a@x", comment=""
    )
    open_page(app, "data", lang="ru")
    assert not [df for df in app.dataframe if "Кто" in df.value.columns]
    assert not [b for b in app.button if b.key == "restore_version"]
    assert "История изменений (кто, когда и что изменил) видна редакторам после входа." in [
        c.value for c in app.main.caption
    ]


def test_with_a_database_in_secrets_an_apply_outlives_the_process(data_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"

    def started() -> AppTest:
        """The app as a new process would start it, on the database in secrets."""
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        app.secrets["editor_password"] = PASSWORD
        app.secrets["connections"] = {"registry": {"url": url}}
        return app

    first = open_page(started(), "data", lang="en")
    assert "The database is still empty" in first.info[0].value
    sign_in(first, PASSWORD)
    apply_palanga(first, "into the database")
    assert versions(first) == [1, 0]
    # The data folder's files are untouched: the database holds the data now.
    assert (data_dir / REGISTRY_FILE).read_bytes() == (DATA / REGISTRY_FILE).read_bytes()
    database = SqlStore(sa.create_engine(url))
    newest = database.versions()[0]
    assert (newest.number, newest.editor, newest.comment) == (1, "password", "into the database")
    # Another session (a replica, or the app after a restart) reads the database's version.
    second = open_page(started(), "overview", lang="en")
    assert second.sidebar.caption[0].value == "Documents shown: 12 of 12"
    database.engine.dispose()


@pytest.mark.usefixtures("data_dir")
def test_while_the_database_is_down_the_last_version_read_is_shown_and_said(tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.secrets["editor_password"] = PASSWORD
    app.secrets["connections"] = {"registry": {"url": url}}
    open_page(app, "data", lang="en")
    sign_in(app, PASSWORD)
    apply_palanga(app)
    # The database goes away (here: its versions table can no longer be found).
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE partners_versions RENAME TO gone"))
    engine.dispose()
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    (warning,) = [w.value for w in app.warning]
    assert warning.startswith("The database cannot be reached (OperationalError).")
    assert warning.endswith("Version 1, read earlier, is shown; changes cannot be applied now.")
    assert app.sidebar.caption[0].value == "Documents shown: 12 of 12"
