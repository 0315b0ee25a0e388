# The audit log: one line per event an administrator must be able to trace — a sign-in, a
# refused one, an apply, a restore, an apply refused as stale, the store going down and
# coming back — with the time, the replica, the editor and the version. Written through
# Python's logging to the server's standard error (where systemd's journal or a container's
# log collects it), as JSON by default; PARTNERS_LOG_FORMAT=text for a person reading it,
# PARTNERS_LOG_LEVEL to quieten it. Never a password or a database URL.
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import sys

AUDIT_LOGGER = "partners.audit"
LOG_FORMAT_VARIABLE = "PARTNERS_LOG_FORMAT"  # json (default) or text
LOG_LEVEL_VARIABLE = "PARTNERS_LOG_LEVEL"  # INFO (default), WARNING, ...
REPLICA_VARIABLE = "PARTNERS_REPLICA"  # a replica's name; default host:pid
EVENTS = (
    "sign_in", "sign_in_refused", "sign_in_locked", "apply", "apply_refused", "apply_stale",
    "restore", "restore_refused", "store_down", "store_back",
)  # fmt: skip
WARNINGS = {"sign_in_refused", "sign_in_locked", "apply_stale", "apply_refused",
            "restore_refused", "store_down"}  # fmt: skip


def replica_name() -> str:
    """Name this server process among the replicas."""
    return os.environ.get(REPLICA_VARIABLE) or f"{socket.gethostname()}:{os.getpid()}"


class JsonLines(logging.Formatter):
    """Format an audit record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record's fields, time first, as JSON."""
        fields = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            **getattr(record, "audit", {}),
        }
        return json.dumps(fields, ensure_ascii=False, sort_keys=False, default=str)


class TextLines(logging.Formatter):
    """Format an audit record as «time level event key=value ...» for a person reading it."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one line of text."""
        fields = dict(getattr(record, "audit", {}))
        event = fields.pop("event", "")
        when = dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="seconds")
        rest = " ".join(f"{key}={value}" for key, value in fields.items())
        return f"{when} {record.levelname.lower()} {event} {rest}".rstrip()


def audit_logger() -> logging.Logger:
    """Return the audit logger, given its handler once per process."""
    logger = logging.getLogger(AUDIT_LOGGER)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        text = os.environ.get(LOG_FORMAT_VARIABLE, "json").strip().lower() == "text"
        handler.setFormatter(TextLines() if text else JsonLines())
        logger.addHandler(handler)
        logger.setLevel(os.environ.get(LOG_LEVEL_VARIABLE, "INFO").strip().upper() or "INFO")
        logger.propagate = False  # Streamlit's own handlers would print it a second time
    # A library's logging.config call (disable_existing_loggers) must not silence the audit.
    logger.disabled = False
    return logger


def audit(event: str, **fields: object) -> None:
    """Log one event with its fields (editor, version, reason, ...) and this replica."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    level = logging.WARNING if event in WARNINGS else logging.INFO
    record = {"event": event, "replica": replica_name(), **fields}
    audit_logger().log(level, event, extra={"audit": record})
