# A backup of the whole store, its history with it: every version (editor, time, comment,
# counts, restores) and the data sets each one wrote, in one JSON file. Restored into an
# empty store of either back-end, it gives the same History; pg_dump (docs/hosting.md) is the
# database's own alternative. A backup is checked whole before anything is written.
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from utils.data.problems import Problem, ProblemError
from utils.data.writing import write_text_atomic, writing
from utils.editing.versions import DATA_SETS, Version, checksum

BACKUP_FORMAT = "partners-store-backup"
BACKUP_FORMAT_VERSION = 1


@dataclass(frozen=True)
class StoredVersion:
    """One version as the store keeps it: its record, and what it wrote (None: removed)."""

    version: Version
    written: dict[str, str | None]


def backup_text(history: list[StoredVersion], made_at: dt.datetime) -> str:
    """Write a store's history, oldest version first, as the backup file's text."""
    document = {
        "format": BACKUP_FORMAT,
        "format_version": BACKUP_FORMAT_VERSION,
        "made_at": made_at.isoformat(timespec="seconds"),
        "versions": [
            {"version": stored.version.as_record(), "written": stored.written} for stored in history
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def write_backup(history: list[StoredVersion], path: Path, made_at: dt.datetime) -> None:
    """Write the backup file whole or not at all; refuse a store with nothing to back up."""
    if not history:
        raise ProblemError(Problem("store_empty"))
    with writing(path):
        write_text_atomic(path, backup_text(history, made_at))


def _refused(reason: str, **params: object) -> ProblemError:
    return ProblemError(Problem("backup_unreadable", params={"reason": reason, **params}))


def _read_document(path: Path) -> list[dict]:
    """Read a backup file's version entries, refusing a file that is not one of ours."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise _refused(type(error).__name__) from error
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise _refused("not a backup of this app")
    if document.get("format_version") != BACKUP_FORMAT_VERSION:
        raise _refused(f"format version {document.get('format_version')!r}")
    entries = document.get("versions") or []
    if not entries:
        raise _refused("no version in it")
    return entries


def _stored_version(entry: dict, previous: StoredVersion | None) -> StoredVersion:
    """Read one version entry: its record, and data sets that are the ones it wrote, as text."""
    try:
        version = Version.from_record(entry["version"])
        written = {str(name): text for name, text in entry["written"].items()}
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise _refused(type(error).__name__) from error
    if previous is not None and version.number <= previous.version.number:
        raise _refused(f"version {version.number} out of order")
    if set(written) != set(version.data_sets) or set(written) - set(DATA_SETS):
        raise _refused(f"version {version.number} names other data sets than it wrote")
    if not all(text is None or isinstance(text, str) for text in written.values()):
        raise _refused(f"version {version.number} holds a data set that is not text")
    return StoredVersion(version, written)


def read_backup(path: Path) -> list[StoredVersion]:
    """Read and check a backup: its format, versions in order, each version's checksum."""
    history: list[StoredVersion] = []
    texts: dict[str, str] = {}
    for entry in _read_document(path):
        stored = _stored_version(entry, history[-1] if history else None)
        _apply_written(texts, stored.written)
        if checksum(texts) != stored.version.checksum:
            raise _refused(f"version {stored.version.number} does not match its checksum")
        history.append(stored)
    return history


def _apply_written(texts: dict[str, str], written: dict[str, str | None]) -> None:
    """Bring `texts` forward by what one version wrote (None removes a data set)."""
    for name, text in written.items():
        if text is None:
            texts.pop(name, None)
        else:
            texts[name] = text


def final_texts(history: list[StoredVersion]) -> dict[str, str]:
    """Return the data sets as the history's last version leaves them."""
    texts: dict[str, str] = {}
    for stored in history:
        _apply_written(texts, stored.written)
    return texts
