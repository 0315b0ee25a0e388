# Alembic's environment for the store's schema: run by utils/editing/store/schema.py on the
# connection it is given (never from an alembic.ini), one upgrade at a time per database.
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

connection = context.config.attributes["connection"]
if connection.dialect.name == "postgresql":
    # Two replicas starting together must not both create the tables: the first waits
    # for the other's upgrade to commit, then finds nothing left to do.
    connection.execute(sa.text("SELECT pg_advisory_xact_lock(7212026)"))
context.configure(connection=connection, version_table="partners_schema_version")
with context.begin_transaction():
    context.run_migrations()
