# The store's SQL back-end: any SQLAlchemy database (SQLite locally, PostgreSQL when
# hosted), which survives a redeploy and is shared by every replica: a table of versions
# and one of the data sets each version wrote.
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from utils.data.problems import Problem, ProblemError
from utils.editing.store.backup import StoredVersion
from utils.editing.store.base import (
    StoreError,
    found_version,
    next_version,
    now_utc,
    stale_version,
)
from utils.editing.store.files import FileStore
from utils.editing.store.schema import upgrade_schema
from utils.editing.versions import AS_FOUND, DATA_SETS, Texts, Version, checksum, counts

VERSIONS_TABLE = "partners_versions"
FILES_TABLE = "partners_version_files"


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
            upgrade_schema(engine)

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
                    raise stale_version(latest, based_on)
                found = None
                if top_number is None:
                    current = self._seed_texts()
                    found = found_version(0, AS_FOUND, current, {}) if current else None
                else:
                    current = self._texts(connection, top_number)
                number = found.number + 1 if found else (top_number or 0) + 1
                version, new = next_version(
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
            raise stale_version(latest, based_on) from error

    def stored_versions(self) -> list[StoredVersion]:
        """Return every version with the data sets it wrote, oldest first (for a backup)."""
        files = self.files_table
        with database_errors(), self.engine.connect() as connection:
            written: dict[int, dict[str, str | None]] = {}
            for number, name, content in connection.execute(
                sa.select(files.c.number, files.c.name, files.c.content)
            ):
                written.setdefault(number, {})[name] = content
            query = sa.select(self.versions_table).order_by(self.versions_table.c.number)
            versions = [Version.from_record(row._mapping) for row in connection.execute(query)]
        return [StoredVersion(v, written.get(v.number, {})) for v in versions]

    def load_history(self, history: list[StoredVersion]) -> None:
        """Write a backup's versions into this empty database, in one transaction."""
        with database_errors(), self.engine.begin() as connection:
            if self._top(connection) is not None:
                raise ProblemError(Problem("restore_into_used_store"))
            for stored in history:
                self._insert(connection, stored.version, stored.written)

    def start_with(self, texts: Texts, *, editor: str, comment: str) -> Version:
        """Store a folder's data as version 0 of an empty database (the first import)."""
        version = Version(
            0, now_utc(), editor, comment, *counts({}, texts), checksum(texts),
            tuple(name for name in DATA_SETS if name in texts),
        )  # fmt: skip
        with database_errors(), self.engine.begin() as connection:
            if self._top(connection) is not None:
                raise stale_version(self._version(connection, self._top(connection)), 0)
            self._insert(connection, version, texts)
        return version

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


# What an administrator must fix, by the SQLSTATE the database answers with: a wrong
# password, a missing grant and a read-only server each need their own remedy.
SQLSTATE_PROBLEMS = {
    "28P01": "store_sign_in_refused",  # invalid_password
    "28000": "store_sign_in_refused",  # invalid_authorization_specification
    "3D000": "store_no_such_database",  # invalid_catalog_name
    "42501": "store_permission_denied",  # insufficient_privilege
    "25006": "store_read_only",  # read_only_sql_transaction
}


# A failure while connecting carries no SQLSTATE (psycopg, SQLite): the server's words do.
MESSAGE_PROBLEMS = (
    (re.compile(r"password authentication failed|no password supplied|role \S+ does not exist"),
     "store_sign_in_refused"),
    (re.compile(r"database \S+ does not exist"), "store_no_such_database"),
    (re.compile(r"permission denied"), "store_permission_denied"),
    (re.compile(r"read-only transaction|readonly database"), "store_read_only"),
)  # fmt: skip


def database_problem(error: SQLAlchemyError) -> Problem:
    """Name what failed (sign-in, database, permission, read-only, reaching it), never the URL."""
    original = getattr(error, "orig", None) or error
    detail = type(original).__name__
    code = SQLSTATE_PROBLEMS.get(str(getattr(original, "sqlstate", "") or ""))
    if code is None:
        said = str(original)
        code = next((kind for pattern, kind in MESSAGE_PROBLEMS if pattern.search(said)), None)
    return Problem(code or "store_unreachable", params={"detail": detail})


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn a database failure into a StoreError that names its kind, never the URL."""
    try:
        yield
    except IntegrityError:
        raise
    except SQLAlchemyError as error:
        raise StoreError(database_problem(error)) from error
