# Two editors, one after the other by a few seconds (ui/data_page/merge.py): the late one's
# "apply again" keeps the first one's document. On the files and on a database alike.
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.helpers.app import metrics, open_page, sign_in, upload
from tests.helpers.data import DATA, NEW_ROW
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import FileStore, SqlStore

PASSWORD = "верный-пароль"  # noqa: S105 - the test's own
PAGE_REGISTRY = (DATA / REGISTRY_FILE).read_text(encoding="utf-8")
# The first editor's new document, and the late editor's, different partners.
FIRST = NEW_ROW
LATE = NEW_ROW.replace("palanga,Паланга,Palanga,Palanga", "neringa-2,Неринга-2,Neringa,Neringa")
# The same Wolin document, changed differently by each: a conflict.
WOLIN = "Соглашение о сотрудничестве с 31.07.2009 года"  # its published cell


@pytest.fixture(params=["files", "sqlite"])
def two_editors(request, app, data_dir, tmp_path):
    """The late editor's session, and the first editor's store on the same data."""
    app.secrets["editor_password"] = PASSWORD
    if request.param == "files":
        return app, FileStore(data_dir)
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    app.secrets["connections"] = {"registry": {"url": url}}
    return app, SqlStore(sa.create_engine(url), seed=data_dir)


def registry_documents(store) -> list[str]:
    return [line.split(",")[0] for line in store.texts()[REGISTRY_FILE].splitlines()[1:]]


def test_the_late_editors_apply_keeps_the_first_editors_document(two_editors):
    late, first = two_editors
    open_page(late, "data", lang="en")
    sign_in(late, PASSWORD)
    upload(late, (PAGE_REGISTRY + LATE + "\n").encode())  # checked against version 0
    assert metrics(late)["New documents"] == "1"
    # Meanwhile the first editor applies Palanga.
    first.apply({REGISTRY_FILE: PAGE_REGISTRY + FIRST + "\n"}, based_on=first.latest(),
                editor="first@x.ru", comment="Palanga")  # fmt: skip
    latest = first.latest()
    late.button(key="apply_upload").click().run()
    assert late.error[0].value.startswith("While you were checking, the data changed")
    # The redone check is of the late file merged onto the first editor's version.
    said = late.info[0].value
    assert said.startswith(f"While you were checking the file (against version {latest - 1}")
    assert "the other editor's changes are kept (rows: 1: palanga" in said
    assert "yours applied (rows: 1: neringa\\-2" in said  # escaped for Markdown
    assert (metrics(late)["New documents"], metrics(late)["Documents dropped"]) == ("1", "0")
    late.button(key="apply_upload").click().run()
    assert not late.exception
    documents = registry_documents(first)
    assert {"palanga", "neringa-2"} <= set(documents)
    assert len(documents) == 13  # the page's 11 and both new ones


def test_a_row_both_changed_is_offered_as_a_choice(two_editors):
    late, first = two_editors
    open_page(late, "data", lang="en")
    sign_in(late, PASSWORD)
    upload(late, PAGE_REGISTRY.replace(WOLIN, WOLIN + " (late)").encode())
    first.apply({REGISTRY_FILE: PAGE_REGISTRY.replace(WOLIN, WOLIN + " (first)")},
                based_on=first.latest(), editor="first@x.ru", comment="")  # fmt: skip
    late.button(key="apply_upload").click().run()
    assert late.warning[0].value.startswith("Both editors changed the same rows differently (1)")
    (choice,) = [radio for radio in late.radio if radio.key.startswith("merge_choice_")]
    assert choice.value == "theirs"
    choice.set_value("mine").run()
    late.button(key="apply_upload").click().run()
    assert not late.exception
    text = first.texts()[REGISTRY_FILE]
    assert WOLIN + " (late)" in text
    assert WOLIN + " (first)" not in text
