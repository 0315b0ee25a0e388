# Versions of the data: what one apply changed (rows added, removed, changed, field by
# field) and the record each back-end keeps of it (utils/editing/store/). Texts are the data
# files' CSV, compared as tables: a version's diff names documents and partners, not lines.
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from utils.data.folder import (
    ACTIVITIES_FILE,
    COORDS_FILE,
    REGISTRY_FILE,
    STATUS_FILE,
    STRATEGY_FILE,
)
from utils.data.registry import DOCUMENT_TYPE, HOME_ID, PARTNER_COLUMNS, PARTNER_ID, SIGNED
from utils.i18n import t

# The data sets a store keeps, in the order they are shown. home.toml and the basemap are
# the deployment's settings, not data an editor changes: they stay in the data folder.
DATA_SETS = (REGISTRY_FILE, COORDS_FILE, STRATEGY_FILE, STATUS_FILE, ACTIVITIES_FILE)
# What identifies a row of each data set: a row whose key stays but whose other fields
# differ is "changed", field by field.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    REGISTRY_FILE: (PARTNER_ID, HOME_ID, DOCUMENT_TYPE, SIGNED),
    COORDS_FILE: ("place_id",),
    STRATEGY_FILE: ("direction_id",),
    STATUS_FILE: (PARTNER_ID, HOME_ID, "since"),
    ACTIVITIES_FILE: (PARTNER_ID, HOME_ID, "date", "kind", "title_ru"),
}
# Kinds of change, as the History section names them.
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
# What a change is about: a document of the registry, a partner (its fields are repeated
# on each of its documents and reported once), or a row of another data set.
DOCUMENT, PARTNER, ROW = "document", "partner", "row"
# The editor recorded for versions no person applied.
AS_FOUND = "as-found"  # version 0: the data as the first apply found it
OUTSIDE = "outside-the-app"  # files changed by hand between two applies (files back-end)
PASSWORD = "password"  # noqa: S105 - an editor who signed in with the shared password
# The History section's tables, in column order.
VERSION_COLUMNS = (
    "number",
    "made_at",
    "editor",
    "comment",
    "added",
    "removed",
    "changed",
    "data_sets",
    "checksum",
)
CHANGE_COLUMNS = ("file", "subject", "key", "change", "field", "before", "after")

Texts = Mapping[str, str]  # data set name -> its CSV text; a missing name: no such file


@dataclass(frozen=True)
class Version:
    """One state of the data, made by one apply: who, when, why, and how much changed."""

    number: int
    made_at: dt.datetime  # UTC
    editor: str  # an e-mail, "password", or AS_FOUND / OUTSIDE
    comment: str
    added: int
    removed: int
    changed: int
    checksum: str  # sha256 of the data sets as this version has them
    data_sets: tuple[str, ...]  # the data sets this version wrote (or removed)
    restored_from: int | None = None  # the earlier version this one brought back

    def as_record(self) -> dict[str, object]:
        """Return the version as plain values (a JSON line, a database row)."""
        return {
            "number": self.number,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "editor": self.editor,
            "comment": self.comment,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "checksum": self.checksum,
            "data_sets": ",".join(self.data_sets),
            "restored_from": self.restored_from,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Version:
        """Read a version back from the plain values of as_record."""
        restored = record.get("restored_from")
        data_sets = str(record.get("data_sets") or "")
        return cls(
            number=int(record["number"]),
            made_at=dt.datetime.fromisoformat(str(record["made_at"])),
            editor=str(record["editor"]),
            comment=str(record.get("comment") or ""),
            added=int(record["added"]),
            removed=int(record["removed"]),
            changed=int(record["changed"]),
            checksum=str(record["checksum"]),
            data_sets=tuple(name for name in data_sets.split(",") if name),
            restored_from=None if restored is None else int(restored),
        )


@dataclass(frozen=True)
class Change:
    """One thing a version changed: a document, a partner or a row, and a field of it."""

    data_set: str
    subject: str  # DOCUMENT, PARTNER or ROW
    key: str  # the row's key, readable: "neringa · cooperation_treaty · 1996-02-08"
    kind: str  # ADDED, REMOVED or CHANGED
    field: str = ""  # for CHANGED: the column
    before: str = ""
    after: str = ""


def checksum(texts: Texts) -> str:
    """Return the sha256 of the data sets, independent of the order they are given in."""
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return digest.hexdigest()


def table_rows(text: str | None) -> tuple[list[str], list[dict[str, str]]]:
    """Read a data set's CSV text: its columns and its rows (none for a missing file)."""
    if not text:
        return [], []
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), [
        {column: (value or "") for column, value in row.items() if column is not None}
        for row in reader
    ]


def keyed_rows(name: str, rows: list[dict[str, str]]) -> dict[tuple[str, ...], dict[str, str]]:
    """Index rows by their key (a repeated key keeps its first row, as the loaders report)."""
    keyed: dict[tuple[str, ...], dict[str, str]] = {}
    for row in rows:
        keyed.setdefault(tuple(row.get(column, "") for column in ROW_KEYS[name]), row)
    return keyed


def same_row(first: dict[str, str], second: dict[str, str]) -> bool:
    """Tell whether two rows say the same: a column one lacks reads as empty."""
    return all(first.get(c, "") == second.get(c, "") for c in first.keys() | second.keys())


def row_key_text(key: tuple[str, ...]) -> str:
    """Write a row's key for a reader: its non-empty parts."""
    return " · ".join(part for part in key if part)


def _partner_changes(before: list[dict[str, str]], after: list[dict[str, str]]) -> list[Change]:
    """Partners added, removed, and each changed field of a partner, once per partner."""
    old = {row.get(PARTNER_ID, ""): row for row in reversed(before)}
    new = {row.get(PARTNER_ID, ""): row for row in reversed(after)}
    changes = [Change(REGISTRY_FILE, PARTNER, pid, ADDED) for pid in sorted(new.keys() - old)]
    changes += [Change(REGISTRY_FILE, PARTNER, pid, REMOVED) for pid in sorted(old.keys() - new)]
    changes += [
        Change(REGISTRY_FILE, PARTNER, pid, CHANGED, column, old[pid].get(column, ""), value)
        for pid in sorted(old.keys() & new.keys())
        for column in PARTNER_COLUMNS
        if (value := new[pid].get(column, "")) != old[pid].get(column, "")
    ]
    return changes


def diff_data_set(name: str, before: str | None, after: str | None) -> list[Change]:
    """List what changed in one data set, by row key and field."""
    old_columns, old_rows = table_rows(before)
    new_columns, new_rows = table_rows(after)
    old, new = keyed_rows(name, old_rows), keyed_rows(name, new_rows)
    is_registry = name == REGISTRY_FILE
    subject = DOCUMENT if is_registry else ROW
    # A partner's own fields are reported once per partner, not on each of its documents.
    skipped = set(PARTNER_COLUMNS) if is_registry else set()
    columns = [c for c in dict.fromkeys([*old_columns, *new_columns]) if c not in skipped]
    changes = [Change(name, subject, row_key_text(key), ADDED) for key in new if key not in old]
    changes += [Change(name, subject, row_key_text(key), REMOVED) for key in old if key not in new]
    for key in old.keys() & new.keys():
        changes += [
            Change(
                name, subject, row_key_text(key), CHANGED, column, old[key].get(column, ""), value
            )
            for column in columns
            if (value := new[key].get(column, "")) != old[key].get(column, "")
        ]
    if is_registry:
        changes += _partner_changes(old_rows, new_rows)
    return changes


def diff(before: Texts, after: Texts) -> list[Change]:
    """List what changed between two states of the data, data set by data set."""
    return [
        change
        for name in DATA_SETS
        if before.get(name) != after.get(name)
        for change in diff_data_set(name, before.get(name), after.get(name))
    ]


def counts(before: Texts, after: Texts) -> tuple[int, int, int]:
    """Count the rows added, removed and changed between two states, over every data set."""
    added = removed = changed = 0
    for name in DATA_SETS:
        if before.get(name) == after.get(name):
            continue
        old = keyed_rows(name, table_rows(before.get(name))[1])
        new = keyed_rows(name, table_rows(after.get(name))[1])
        added += len(new.keys() - old.keys())
        removed += len(old.keys() - new.keys())
        changed += sum(not same_row(old[key], new[key]) for key in old.keys() & new.keys())
    return added, removed, changed


def editor_label(editor: str, lang: str) -> str:
    """Say who made a version: an e-mail as it is, the app's own identities in words."""
    known = {AS_FOUND: "history.as_found", OUTSIDE: "history.outside", PASSWORD: "history.password"}
    return t(known[editor], lang) if editor in known else editor


def versions_frame(versions: list[Version], lang: str) -> pd.DataFrame:
    """Tabulate versions for the History section, in the order given (newest first)."""
    rows = [
        {
            "number": version.number,
            "made_at": version.made_at.strftime("%Y-%m-%d %H:%M"),
            "editor": editor_label(version.editor, lang),
            "comment": " · ".join(
                part
                for part in (
                    version.comment,
                    t("history.restores", lang, number=version.restored_from)
                    if version.restored_from is not None
                    else "",
                )
                if part
            ),
            "added": version.added,
            "removed": version.removed,
            "changed": version.changed,
            "data_sets": ", ".join(version.data_sets),
            "checksum": version.checksum[:12],
        }
        for version in versions
    ]
    frame = pd.DataFrame(rows, columns=list(VERSION_COLUMNS))
    return frame.rename(columns={c: t(f"history.column.{c}", lang) for c in VERSION_COLUMNS})


def changes_frame(changes: list[Change], lang: str) -> pd.DataFrame:
    """Tabulate a version's changes: file, what, which record, how, and the field's values."""
    rows = [
        {
            "file": change.data_set,
            "subject": t(f"history.subject.{change.subject}", lang),
            "key": change.key,
            "change": t(f"history.change.{change.kind}", lang),
            "field": change.field,
            "before": change.before,
            "after": change.after,
        }
        for change in changes
    ]
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    return frame.rename(columns={c: t(f"history.column.{c}", lang) for c in CHANGE_COLUMNS})
