# The audit log's lines (utils/audit.py): one JSON object per event with its time, level,
# replica and fields; text for a person; an unknown event is a programming error.
from __future__ import annotations

import io
import json
import logging

import pytest

from utils import audit as audit_module
from utils.audit import AUDIT_LOGGER, JsonLines, TextLines, audit


@pytest.fixture
def lines(monkeypatch):
    """The audit logger's output for one test, through the formatter under test."""
    stream = io.StringIO()
    logger = logging.getLogger(AUDIT_LOGGER)
    handler = logging.StreamHandler(stream)
    monkeypatch.setattr(logger, "handlers", [handler])
    monkeypatch.setenv("PARTNERS_REPLICA", "replica-a")
    level = logger.level
    logger.setLevel(logging.INFO)  # setLevel, not an attribute: it clears the logger's cache
    yield handler, stream
    logger.setLevel(level)


@pytest.mark.parametrize(
    ("event", "fields", "level"),
    [
        ("apply", {"editor": "a@x.ru", "version": 3, "based_on": 2}, "info"),
        ("apply_stale", {"editor": "b@x.ru", "based_on": 2, "latest": 3}, "warning"),
        ("sign_in_refused", {"method": "password", "client": "10.0.0.7"}, "warning"),
        ("store_down", {"reason": "store_unreachable"}, "warning"),
        ("restore", {"editor": "a@x.ru", "version": 4, "restored_from": 0}, "info"),
    ],
)
def test_each_event_is_one_json_line_with_its_fields(lines, event, fields, level):
    handler, stream = lines
    handler.setFormatter(JsonLines())
    audit(event, **fields)
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record.pop("time").endswith("+00:00")  # UTC, to the millisecond
    assert record == {"level": level, "event": event, "replica": "replica-a", **fields}


def test_text_lines_for_a_person(lines):
    handler, stream = lines
    handler.setFormatter(TextLines())
    audit("apply", editor="a@x.ru", version=3)
    (line,) = stream.getvalue().splitlines()
    assert line.endswith(" info apply replica=replica-a editor=a@x.ru version=3")


@pytest.mark.usefixtures("lines")
def test_an_unknown_event_is_refused():
    with pytest.raises(ValueError, match="unknown audit event"):
        audit("applied")


def test_the_level_quietens_it(lines):
    handler, stream = lines
    handler.setFormatter(JsonLines())
    logging.getLogger(AUDIT_LOGGER).setLevel(logging.WARNING)
    audit("apply", editor="a", version=1)
    audit("apply_stale", editor="b", based_on=0)
    assert [json.loads(line)["event"] for line in stream.getvalue().splitlines()] == ["apply_stale"]


def test_the_logger_is_set_up_once_from_the_environment(lines, monkeypatch):
    del lines  # its handler goes: the logger is set up afresh, its level restored after
    logger = logging.getLogger(AUDIT_LOGGER)
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setenv("PARTNERS_LOG_FORMAT", "text")
    monkeypatch.setenv("PARTNERS_LOG_LEVEL", "warning")
    made = audit_module.audit_logger()
    assert isinstance(made.handlers[0].formatter, TextLines)
    assert made.level == logging.WARNING
    assert not made.propagate
    assert audit_module.audit_logger().handlers == made.handlers  # not a second handler
