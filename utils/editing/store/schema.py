# The store's schema version and its migrations (Alembic, SQLAlchemy's own tool): every
# start of the app, and `python -m utils store upgrade`, brings the database to the newest
# schema; a database made before migrations existed is recognised and kept. A new table or
# column is a new file in migrations/versions/, never an edit of an old one.
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA_VERSION_TABLE = "partners_schema_version"
_UPGRADED: set[str] = set()  # the databases this process has brought up to date


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """Return the newest schema version the code knows."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(config).get_current_head())


def schema_version(engine: sa.Engine) -> str | None:
    """Return the database's schema version, None before any migration ran on it."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": SCHEMA_VERSION_TABLE}
        )
        return context.get_current_revision()


def upgrade_schema(engine: sa.Engine) -> None:
    """Bring the database to the newest schema (once per process and database)."""
    key = engine.url.render_as_string(hide_password=False)
    if key in _UPGRADED:
        return
    if schema_version(engine) != head():
        with engine.begin() as connection:
            command.upgrade(_config(connection), "head")
    _UPGRADED.add(key)
