# The audit log as an editor's session writes it (utils/audit.py): a refused and a good
# sign-in, an apply, an apply refused as stale, a restore — each one line with the editor
# and the version, on the Data page as a person uses it.
from __future__ import annotations

import json
import logging

import pytest

from tests.helpers.app import open_page, sign_in, upload
from tests.helpers.data import registry_with_palanga
from utils.audit import AUDIT_LOGGER, JsonLines
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import FileStore

PASSWORD = "верный-пароль"  # noqa: S105 - the test's own


class Lines(logging.Handler):
    """Keep each audit record as the JSON line the server would write."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonLines())
        self.records: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(json.loads(self.format(record)))


@pytest.fixture
def audited(monkeypatch):
    logger = logging.getLogger(AUDIT_LOGGER)
    lines = Lines()
    monkeypatch.setattr(logger, "handlers", [lines])
    monkeypatch.setattr("utils.editing.auth.FIRST_DELAY_SECONDS", 0.0)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield lines.records
    logger.setLevel(level)


def events(records: list[dict]) -> list[tuple]:
    return [(r["event"], r.get("editor"), r.get("version")) for r in records]


def test_an_editors_session_is_in_the_audit_log(app, data_dir, audited):
    app.secrets["editor_password"] = PASSWORD
    open_page(app, "data", lang="en")
    sign_in(app, "не тот")
    sign_in(app, PASSWORD)
    upload(app, registry_with_palanga())
    app.button(key="apply_upload").click().run()
    assert not app.exception
    assert events(audited) == [
        ("sign_in_refused", None, None),
        ("sign_in", "password", None),
        ("apply", "password", 1),
    ]
    refused, _, applied = audited
    assert (refused["reason"], refused["attempts_left"]) == ("wrong_password", 4)
    assert applied["based_on"] == 0
    assert (applied["data_sets"], applied["added"]) == ([REGISTRY_FILE], 1)
    assert all(record["replica"] for record in audited)
    assert PASSWORD not in json.dumps(audited, ensure_ascii=False)
    # This editor checks a file; another applies in between: the apply is refused as stale.
    upload(app, registry_with_palanga().replace(b"2025-06-01", b"2025-06-02"), "again.csv")
    other = FileStore(data_dir)
    text = other.texts()[REGISTRY_FILE]
    other.apply({REGISTRY_FILE: text.replace("Крайс Пиннеберг", "Район Пиннеберг")},
                based_on=1, editor="b@x.ru", comment="")  # fmt: skip
    app.button(key="apply_upload").click().run()
    stale = audited[-1]
    assert (stale["event"], stale["editor"], stale["based_on"]) == ("apply_stale", "password", 1)
    assert (stale["details"]["latest"], stale["details"]["editor"]) == (2, "b@x.ru")
    # A restore of the data as found.
    app.selectbox(key="history_version").set_value(0).run()
    app.button(key="restore_version").click().run()
    restored = audited[-1]
    assert (restored["event"], restored["version"], restored["restored_from"]) == (
        "restore", 3, 0,
    )  # fmt: skip
