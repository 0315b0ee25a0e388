# The store's files back-end: the data folder as it always was (the embedded default,
# nothing to set up), with its history beside it: history/versions.jsonl and each version's
# files under history/versions/<number>/, and every replaced file kept, timestamped.
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from utils.data.folder import HISTORY_DIR
from utils.data.problems import Problem, ProblemError
from utils.data.reading import TableReadError, read_text_file
from utils.data.writing import write_text_atomic, writing
from utils.editing.store.backup import StoredVersion, final_texts
from utils.editing.store.base import StoreError, found_version, next_version, stale_version
from utils.editing.versions import AS_FOUND, DATA_SETS, OUTSIDE, Texts, Version, checksum

VERSIONS_LOG = "versions.jsonl"  # in history/: one JSON line per version
VERSIONS_DIR = "versions"  # in history/: versions/<number>/<data set> as each version wrote it
LOCK_FILE = ".lock"
LOG_TAIL_BYTES = 64 * 1024  # the end of the log read on each run for the latest number


def _complete_lines(data: bytes) -> list[str]:
    """Return the log's whole lines: a line another process is still appending is left out."""
    return data[: data.rfind(b"\n") + 1].decode("utf-8", errors="replace").splitlines()


class FileStore:
    """The data folder, with every version's files and a log under history/."""

    def __init__(self, root: Path) -> None:
        """Keep the data folder this store reads and writes."""
        self.root = Path(root)
        self.history = self.root / HISTORY_DIR

    @property
    def log(self) -> Path:
        """The versions' log: one JSON line per version, oldest first."""
        return self.history / VERSIONS_LOG

    def _read_log(self) -> list[Version]:
        """Return the logged versions, oldest first (none before the first apply)."""
        if not self.log.exists():
            return []
        versions = []
        for number, line in enumerate(_complete_lines(self.log.read_bytes()), start=1):
            if not line.strip():
                continue
            try:
                versions.append(Version.from_record(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                params = {"file": f"{HISTORY_DIR}/{VERSIONS_LOG}", "line": number}
                raise StoreError(Problem("version_log_unreadable", params=params)) from error
        return versions

    def latest(self) -> int:
        """Return the latest version's number (0 before the first apply): the log's last line."""
        if not self.log.exists():
            return 0
        with self.log.open("rb") as log:
            size = log.seek(0, os.SEEK_END)
            log.seek(max(0, size - LOG_TAIL_BYTES))
            lines = _complete_lines(log.read())
        last = next((line for line in reversed(lines) if line.strip()), "")
        try:
            return int(json.loads(last)["number"]) if last else 0
        except (ValueError, KeyError):  # a line longer than the tail, or damaged: read it all
            versions = self._read_log()
            return versions[-1].number if versions else 0

    def versions(self) -> list[Version]:
        """Return every version, newest first."""
        return self._read_log()[::-1]

    def live_texts(self) -> dict[str, str]:
        """Return the data sets as the folder has them now, read as the loaders read them.

        UTF-8 or Windows-1251 (Russian Excel's export) alike; a folder or a pipe in a data
        file's place raises TableReadError instead of blocking or failing half-way.
        """
        try:
            return {
                name: read_text_file(self.root / name)
                for name in DATA_SETS
                if (self.root / name).exists()
            }
        except TableReadError as error:
            raise StoreError(error.problem) from error

    def texts(self, number: int | None = None) -> dict[str, str]:
        """Return the data sets as version `number` wrote them (None: the folder as it is)."""
        if number is None:
            return self.live_texts()
        texts: dict[str, str] = {}
        settled: set[str] = set()
        for version in reversed(self._read_log()):
            if version.number > number:
                continue
            folder = self.history / VERSIONS_DIR / str(version.number)
            for name in version.data_sets:
                if name not in settled:
                    settled.add(name)
                    if (folder / name).exists():
                        texts[name] = read_text_file(folder / name)
        return texts

    def edited_outside(self) -> bool:
        """Tell whether the files differ from the latest version (edited by hand since)."""
        versions = self._read_log()
        return bool(versions) and checksum(self.live_texts()) != versions[-1].checksum

    def stored_versions(self) -> list[StoredVersion]:
        """Return every version with the data sets it wrote, oldest first (for a backup)."""
        history = []
        for version in self._read_log():
            folder = self.history / VERSIONS_DIR / str(version.number)
            written = {
                name: read_text_file(folder / name) if (folder / name).exists() else None
                for name in version.data_sets
            }
            history.append(StoredVersion(version, written))
        return history

    def load_history(self, history: list[StoredVersion]) -> None:
        """Write a backup's versions into this folder's empty history, then its files."""
        with self._locked():
            if self._read_log():
                raise ProblemError(Problem("restore_into_used_store"))
            for stored in history:
                self._record(stored.version, {k: v for k, v in stored.written.items() if v})
            made = dt.datetime.now()
            final = final_texts(history)
            for name in DATA_SETS:
                if name in final:
                    replace_keeping_backup(self.root, name, final[name], made)
                else:
                    _remove_keeping_backup(self.root / name, self.history, made)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's lock: one apply at a time, across processes."""
        # A failure names the history folder: what an administrator can look at.
        with writing(self.history):
            self.history.mkdir(parents=True, exist_ok=True)
            with (self.history / LOCK_FILE).open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)

    def _record(self, version: Version, texts: Texts) -> None:
        """Keep the files a version wrote, then log it: a version is logged whole or not at all."""
        folder = self.history / VERSIONS_DIR / str(version.number)
        with writing(folder):
            for name in version.data_sets:
                if name in texts:
                    write_text_atomic(folder / name, texts[name])
            line = json.dumps(version.as_record(), ensure_ascii=False) + "\n"
            with self.log.open("a", encoding="utf-8") as log:
                log.write(line)
                log.flush()
                os.fsync(log.fileno())

    def apply(
        self,
        changes: Mapping[str, str | None],
        *,
        based_on: int,
        editor: str,
        comment: str,
        restored_from: int | None = None,
    ) -> Version:
        """Write a new version of the files, each old file kept in history/ first."""
        with self._locked():
            logged = self._read_log()
            latest = logged[-1] if logged else None
            if (latest.number if latest else 0) != based_on:
                raise stale_version(latest, based_on)
            current = self.live_texts()
            found = None
            if latest is None and current:
                found = found_version(0, AS_FOUND, current, {})
            elif latest is not None and checksum(current) != latest.checksum:
                recorded = self.texts(latest.number)
                found = found_version(latest.number + 1, OUTSIDE, current, recorded)
            number = (found or latest).number + 1 if (found or latest) else 1
            version, new = next_version(
                current,
                changes,
                number,
                editor=editor,
                comment=comment,
                restored_from=restored_from,
            )
            if found is not None:
                self._record(found, current)
            made = dt.datetime.now()
            for name in version.data_sets:
                if name in new:
                    replace_keeping_backup(self.root, name, new[name], made)
                else:
                    _remove_keeping_backup(self.root / name, self.history, made)
            self._record(version, new)
            return version


def _remove_keeping_backup(path: Path, history: Path, now: dt.datetime) -> None:
    """Move a data file into history/ (a version without it), timestamped like the backups."""
    with writing(path):
        if path.exists():
            history.mkdir(parents=True, exist_ok=True)
            shutil.move(path, history / f"{path.stem}-{now:%Y%m%d-%H%M%S-%f}.csv")


def replace_keeping_backup(
    data_dir: Path, file_name: str, text: str, now: dt.datetime
) -> Path | None:
    """Replace a data file with `text`, first keeping the old one in history/, timestamped.

    Returns the backup's path (None if there was no file to keep). Nothing is replaced
    unless the backup was written; the new file goes in whole or not at all.
    """
    target = data_dir / file_name
    backup = None
    with writing(target):
        if target.exists():
            history = data_dir / HISTORY_DIR
            history.mkdir(parents=True, exist_ok=True)
            backup = history / f"{target.stem}-{now:%Y%m%d-%H%M%S-%f}.csv"
            shutil.copy2(target, backup)
        write_text_atomic(target, text)
    return backup
