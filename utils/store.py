# Where the data lives, behind one interface with two back-ends:
# - FileStore: the data folder as it always was (the embedded default, nothing to set up),
#   with its history kept beside it: history/versions.jsonl and each version's files;
# - SqlStore: any SQLAlchemy database (SQLite locally, PostgreSQL when hosted), which
#   survives a redeploy and is shared by every replica.
# Each apply is one transaction that makes a new version; an apply checked against an
# older version than the latest is refused (StaleVersionError), so no edit is lost.
#
#   python -m utils.store export --url URL --to DIR    the database's latest data as CSV
#   python -m utils.store import --url URL --from DIR  the CSV files as a new version
from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from utils.data_files import Problem, ProblemError, TableReadError, read_text_file
from utils.data_folder import BASEMAP_FILE, DEFAULT_DATA_DIR, HISTORY_DIR, HOME_FILE, DataFolder
from utils.files import DataWriteError, write_text_atomic, writing
from utils.updates import replace_keeping_backup
from utils.versions import (
    AS_FOUND,
    DATA_SETS,
    OUTSIDE,
    Texts,
    Version,
    checksum,
    counts,
)

VERSIONS_LOG = "versions.jsonl"  # in history/: one JSON line per version
VERSIONS_DIR = "versions"  # in history/: versions/<number>/<data set> as each version wrote it
LOCK_FILE = ".lock"
LOG_TAIL_BYTES = 64 * 1024  # the end of the log read on each run for the latest number
VERSIONS_TABLE = "partners_versions"
FILES_TABLE = "partners_version_files"
KEPT_FOLDERS = 8  # versions written out as folders that stay on disk (SQL back-end)
# Settings a materialised folder copies from the data folder: they are not versioned data.
SETTINGS_FILES = (HOME_FILE, BASEMAP_FILE)


class StaleVersionError(ProblemError):
    """Raised when an apply was checked against a version another apply has replaced."""


class NothingChangedError(ProblemError):
    """Raised when an apply would make a version equal to the latest one."""


class StoreError(ProblemError):
    """Raised when the database cannot be reached or read: what the reader should check."""


class Store(Protocol):
    """What the app and the command line need from a back-end."""

    def latest(self) -> int:
        """Return the latest version's number (0 before the first apply): a cheap query."""

    def versions(self) -> list[Version]:
        """Return every version, newest first."""

    def texts(self, number: int | None = None) -> dict[str, str]:
        """Return the data sets as version `number` has them (None: as the app shows them)."""

    def apply(
        self,
        changes: Mapping[str, str | None],
        *,
        based_on: int,
        editor: str,
        comment: str,
        restored_from: int | None = None,
    ) -> Version:
        """Make a new version with `changes` (None removes a data set), checked at `based_on`."""


def now_utc() -> dt.datetime:
    """Return the time a version is made, in UTC to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _stale(latest: Version | None, based_on: int) -> StaleVersionError:
    """Say that another apply came in between, naming it."""
    params = {
        "checked": based_on,
        "latest": latest.number if latest else 0,
        "editor": latest.editor if latest else "",
        "made_at": latest.made_at.strftime("%Y-%m-%d %H:%M UTC") if latest else "",
    }
    return StaleVersionError(Problem("stale_version", params=params))


def _next_version(
    current: Texts,
    changes: Mapping[str, str | None],
    number: int,
    *,
    editor: str,
    comment: str,
    restored_from: int | None = None,
) -> tuple[Version, dict[str, str]]:
    """Work out the version an apply makes, and the data sets as it leaves them."""
    new = {name: text for name, text in {**current, **changes}.items() if text is not None}
    written = tuple(name for name in DATA_SETS if new.get(name) != current.get(name))
    if not written:
        raise NothingChangedError(Problem("nothing_changed"))
    version = Version(
        number,
        now_utc(),
        editor,
        comment,
        *counts(current, new),
        checksum(new),
        written,
        restored_from,
    )
    return version, new


def _found_version(number: int, editor: str, texts: Texts, recorded: Texts) -> Version:
    """Record data the app found unrecorded: as found at the first apply, or edited by hand.

    `recorded` is the data as the latest version had it (nothing before the first apply).
    """
    names = tuple(name for name in DATA_SETS if texts.get(name) != recorded.get(name))
    return Version(number, now_utc(), editor, "", *counts(recorded, texts), checksum(texts), names)


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
                raise _stale(latest, based_on)
            current = self.live_texts()
            found = None
            if latest is None and current:
                found = _found_version(0, AS_FOUND, current, {})
            elif latest is not None and checksum(current) != latest.checksum:
                recorded = self.texts(latest.number)
                found = _found_version(latest.number + 1, OUTSIDE, current, recorded)
            number = (found or latest).number + 1 if (found or latest) else 1
            version, new = _next_version(
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


def _tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    """Declare the two tables: the versions, and the data sets each version wrote."""
    versions = sa.Table(
        VERSIONS_TABLE,
        metadata,
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("made_at", sa.String(32), nullable=False),
        sa.Column("editor", sa.String(320), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("data_sets", sa.Text, nullable=False),
        sa.Column("restored_from", sa.Integer, nullable=True),
    )
    files = sa.Table(
        FILES_TABLE,
        metadata,
        sa.Column(
            "number", sa.Integer, sa.ForeignKey(f"{VERSIONS_TABLE}.number"), primary_key=True
        ),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("content", sa.Text, nullable=True),  # NULL: the version removed the data set
    )
    return versions, files


class SqlStore:
    """The data in a database: a table of versions and one of the data sets each wrote."""

    def __init__(self, engine: sa.Engine, seed: Path | None = None) -> None:
        """Keep the engine; `seed` is the folder shown (and kept as version 0) while empty."""
        self.engine = engine
        self.seed = seed
        self.metadata = sa.MetaData()
        self.versions_table, self.files_table = _tables(self.metadata)
        with database_errors():
            self.metadata.create_all(engine, checkfirst=True)

    def latest(self) -> int:
        """Return the latest version's number (0 for an empty database): one small query."""
        with database_errors(), self.engine.connect() as connection:
            return self._top(connection) or 0

    def _top(self, connection: sa.Connection) -> int | None:
        """Return the latest version's number, None for an empty database."""
        number = connection.execute(sa.select(sa.func.max(self.versions_table.c.number)))
        return number.scalar()

    def is_empty(self) -> bool:
        """Tell whether no version has been stored yet."""
        with database_errors(), self.engine.connect() as connection:
            count = connection.execute(sa.select(sa.func.count()).select_from(self.versions_table))
            return not count.scalar()

    def versions(self) -> list[Version]:
        """Return every version, newest first."""
        query = sa.select(self.versions_table).order_by(self.versions_table.c.number.desc())
        with database_errors(), self.engine.connect() as connection:
            return [Version.from_record(row._mapping) for row in connection.execute(query)]

    def _texts(self, connection: sa.Connection, number: int) -> dict[str, str]:
        """Read each data set as the latest version up to `number` wrote it."""
        files = self.files_table
        newest = (
            sa.select(files.c.name, sa.func.max(files.c.number).label("number"))
            .where(files.c.number <= number)
            .group_by(files.c.name)
            .subquery()
        )
        query = sa.select(files.c.name, files.c.content).join(
            newest, sa.and_(files.c.name == newest.c.name, files.c.number == newest.c.number)
        )
        # Only the data sets the app knows: a row of another name (written by hand or by
        # someone else's tool) never becomes a file, whatever its name says.
        return {
            name: content
            for name, content in connection.execute(query)
            if content is not None and name in DATA_SETS
        }

    def _seed_texts(self) -> dict[str, str]:
        """Return the seed folder's data sets (shown while the database is empty)."""
        return FileStore(self.seed).live_texts() if self.seed else {}

    def texts(self, number: int | None = None) -> dict[str, str]:
        """Return the data sets as version `number` has them (None: the latest)."""
        with database_errors(), self.engine.connect() as connection:
            top = self._top(connection)
            if top is None:
                return self._seed_texts()
            return self._texts(connection, top if number is None else number)

    def apply(
        self,
        changes: Mapping[str, str | None],
        *,
        based_on: int,
        editor: str,
        comment: str,
        restored_from: int | None = None,
    ) -> Version:
        """Store a new version in one transaction; a concurrent apply makes this one stale."""
        try:
            with database_errors(), self.engine.begin() as connection:
                top_number = self._top(connection)
                latest = None if top_number is None else self._version(connection, top_number)
                if (top_number or 0) != based_on:
                    raise _stale(latest, based_on)
                found = None
                if top_number is None:
                    current = self._seed_texts()
                    found = _found_version(0, AS_FOUND, current, {}) if current else None
                else:
                    current = self._texts(connection, top_number)
                number = found.number + 1 if found else (top_number or 0) + 1
                version, new = _next_version(
                    current,
                    changes,
                    number,
                    editor=editor,
                    comment=comment,
                    restored_from=restored_from,
                )
                if found is not None:
                    self._insert(connection, found, current)
                self._insert(connection, version, new)
                return version
        except IntegrityError as error:
            # Another replica stored the same version number first: name its version.
            with database_errors(), self.engine.connect() as connection:
                latest = self._version(connection, self._top(connection) or 0)
            raise _stale(latest, based_on) from error

    def _version(self, connection: sa.Connection, number: int) -> Version:
        """Read one version's row."""
        query = sa.select(self.versions_table).where(self.versions_table.c.number == number)
        return Version.from_record(connection.execute(query).one()._mapping)

    def _insert(self, connection: sa.Connection, version: Version, texts: Texts) -> None:
        """Insert a version and the data sets it wrote (NULL for one it removed)."""
        connection.execute(sa.insert(self.versions_table), [version.as_record()])
        connection.execute(
            sa.insert(self.files_table),
            [
                {"number": version.number, "name": name, "content": texts.get(name)}
                for name in version.data_sets
            ],
        )


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn a database failure into a StoreError that names its kind, never the URL."""
    try:
        yield
    except IntegrityError:
        raise
    except SQLAlchemyError as error:
        detail = type(getattr(error, "orig", None) or error).__name__
        raise StoreError(Problem("store_unreachable", params={"detail": detail})) from error


def restore(store: Store, number: int, *, based_on: int, editor: str, comment: str) -> Version:
    """Make a new version equal to version `number`: history is never rewritten."""
    if number not in {version.number for version in store.versions()}:
        raise NothingChangedError(Problem("no_such_version", params={"number": number}))
    old = store.texts(number)
    current = store.texts()
    changes: dict[str, str | None] = {name: old.get(name) for name in DATA_SETS}
    if all(changes[name] == current.get(name) for name in DATA_SETS):
        raise NothingChangedError(Problem("nothing_changed"))
    return store.apply(
        changes, based_on=based_on, editor=editor, comment=comment, restored_from=number
    )


def materialise(texts: Texts, number: int, settings: Path, cache_root: Path) -> Path:
    """Write a version's data sets into a folder of their own, with the data folder's settings.

    The folder is named by the version and its checksum, so the app's caches (keyed on the
    folder and its files) read a newer version as new data. Written once, then reused.
    """
    folder = cache_root / f"v{number}-{checksum(texts)[:12]}"
    if folder.exists():
        return folder
    cache_root.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=cache_root, prefix=".partial-"))
    for name, text in known_data_sets(texts).items():
        (partial / name).write_text(text, encoding="utf-8", newline="")
    for name in SETTINGS_FILES:
        if (settings / name).exists():
            shutil.copy2(settings / name, partial / name)
    try:
        partial.rename(folder)
    except OSError:
        # Another session of this process wrote the same version first: keep theirs.
        shutil.rmtree(partial, ignore_errors=True)
    # Older versions' folders go, but the last few stay for sessions still reading them.
    written = sorted(cache_root.glob("v*-*"), key=lambda path: path.stat().st_mtime)
    for old in written[:-KEPT_FOLDERS]:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def known_data_sets(texts: Texts) -> dict[str, str]:
    """Keep the data sets the app knows by name (DATA_SETS): only those are ever written."""
    return {name: texts[name] for name in DATA_SETS if name in texts}


def export_texts(texts: Texts, folder: Path) -> list[str]:
    """Write the known data sets into `folder` as CSV files; return the names written."""
    known = known_data_sets(texts)
    with writing(folder):
        for name, text in known.items():
            write_text_atomic(folder / name, text)
    return sorted(known)


def import_texts(folder: Path, settings: Path, today: dt.date) -> dict[str, str]:
    """Read the data sets of a folder, refused unless `check DIR` finds it clean.

    A folder written by `export` has no home.toml: the one in `settings` is used to check it.
    """
    from utils.folder_check import check_folder  # noqa: PLC0415 - the command line only

    texts = FileStore(folder).live_texts()
    with tempfile.TemporaryDirectory() as checked:
        export_texts(texts, Path(checked))
        home = folder / HOME_FILE if (folder / HOME_FILE).exists() else settings / HOME_FILE
        if home.exists():
            shutil.copy2(home, Path(checked) / HOME_FILE)
        report = check_folder(DataFolder(Path(checked)), today)
    problems = [(name, problem) for name, found in report.problems.items() for problem in found]
    if problems:
        name, first = problems[0]
        params = {"file": name, "count": len(problems), "first": first.describe("en")}
        raise ProblemError(Problem("import_not_clean", params=params))
    return texts


def version_texts(store: Store, number: int | None) -> dict[str, str]:
    """Return the data sets of a stored version (None: the latest); refuse one not stored."""
    numbers = [version.number for version in store.versions()]
    if not numbers:
        raise ProblemError(Problem("store_empty"))
    if number is None:
        number = max(numbers)
    elif number not in numbers:
        params = {"number": number, "first": min(numbers), "latest": max(numbers)}
        raise ProblemError(Problem("version_not_stored", params=params))
    return store.texts(number)


def main(argv: list[str] | None = None) -> int:
    """Move the data between CSV files and a database."""
    parser = argparse.ArgumentParser(prog="python -m utils.store", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the database's latest data as CSV files")
    export.add_argument("--url", required=True, help="SQLAlchemy URL of the database")
    export.add_argument("--to", type=Path, required=True, help="folder to write into")
    export.add_argument("--version", type=int, default=None, help="a version (default: latest)")
    load = commands.add_parser("import", help="store a folder's CSV files as a new version")
    load.add_argument("--url", required=True, help="SQLAlchemy URL of the database")
    load.add_argument("--from", dest="source", type=Path, required=True, help="the folder")
    load.add_argument("--editor", default="import", help="who is recorded as the editor")
    load.add_argument("--comment", default="", help="why, as the History section shows it")
    load.add_argument(
        "--settings",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the data folder whose home.toml checks a folder that has none (default: data)",
    )
    args = parser.parse_args(argv)
    try:
        store = SqlStore(sa.create_engine(args.url))
        if args.command == "export":
            names = export_texts(version_texts(store, args.version), args.to)
            sys.stdout.write(f"{len(names)} file(s) written to {args.to}: {', '.join(names)}\n")
            return 0
        version = store.apply(
            import_texts(args.source, args.settings, dt.datetime.now(dt.UTC).date()),
            based_on=store.latest(),
            editor=args.editor,
            comment=args.comment,
        )
    except (ProblemError, DataWriteError) as error:
        sys.stderr.write(f"{error.problem.describe('en')}\n")
        return 1
    sys.stdout.write(
        f"version {version.number}: {version.added} added, {version.removed} removed, "
        f"{version.changed} changed ({', '.join(version.data_sets)})\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
