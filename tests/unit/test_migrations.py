# The store's schema migrations (utils/editing/store/schema.py): from an empty database,
# and from a database made before migrations existed (its tables and versions kept), on
# SQLite and a real PostgreSQL; the command line says the version.
from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from tests.helpers.data import ROOT
from utils.__main__ import main
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import SqlStore
from utils.editing.store.schema import head, schema_version

LIVING = ROOT / "tests" / "data" / "living"
TABLES = {"partners_versions", "partners_version_files", "partners_sign_in_failures",
          "partners_schema_version"}  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite'}"
    return request.getfixturevalue("postgres_url")


def made_before_migrations(engine: sa.Engine) -> None:
    """The tables as the app's code of 2 December 2026 created them, with one version."""
    metadata = sa.MetaData()
    versions = sa.Table(
        "partners_versions", metadata,
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
    )  # fmt: skip
    files = sa.Table(
        "partners_version_files", metadata,
        sa.Column("number", sa.Integer, sa.ForeignKey("partners_versions.number"),
                  primary_key=True),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("content", sa.Text, nullable=True),
    )  # fmt: skip
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(sa.insert(versions), [{
            "number": 0, "made_at": "2026-12-01T10:00:00+00:00", "editor": "as-found",
            "comment": "", "added": 1, "removed": 0, "changed": 0,
            "checksum": "x", "data_sets": REGISTRY_FILE, "restored_from": None,
        }])  # fmt: skip
        connection.execute(
            sa.insert(files), [{"number": 0, "name": REGISTRY_FILE, "content": "partner_id\n"}]
        )


def test_an_empty_database_gets_the_newest_schema(database_url, tmp_path):
    engine = sa.create_engine(database_url)
    assert schema_version(engine) is None
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    store = SqlStore(engine, seed=folder)
    assert schema_version(engine) == head() == "0001"
    assert set(sa.inspect(engine).get_table_names()) >= TABLES
    registry = store.texts()[REGISTRY_FILE]
    store.apply({REGISTRY_FILE: registry + "\n"}, based_on=0, editor="a", comment="")
    assert [v.number for v in store.versions()] == [1, 0]
    engine.dispose()


def test_a_database_made_before_migrations_keeps_its_versions(database_url, capsys):
    engine = sa.create_engine(database_url)
    made_before_migrations(engine)
    assert main(["store", "upgrade", "--url", database_url]) == 0
    assert capsys.readouterr().out == (
        "schema version: upgraded from none to 0001 (the newest this code knows)\n"
    )
    assert schema_version(engine) == "0001"
    store = SqlStore(engine)
    assert [(v.number, v.editor) for v in store.versions()] == [(0, "as-found")]
    assert store.texts(0) == {REGISTRY_FILE: "partner_id\n"}
    assert main(["store", "upgrade", "--url", database_url]) == 0
    assert "already 0001" in capsys.readouterr().out
    engine.dispose()
