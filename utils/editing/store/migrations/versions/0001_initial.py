# The store's tables as the app created them on first use before it had migrations: the
# versions, the data sets each version wrote, and the wrong passwords counted. A database
# made by that code already has them: they are kept, and only the schema version is added.
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    """Create the three tables where they do not exist yet."""
    if _missing("partners_versions"):
        op.create_table(
            "partners_versions",
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
    if _missing("partners_version_files"):
        op.create_table(
            "partners_version_files",
            sa.Column(
                "number", sa.Integer, sa.ForeignKey("partners_versions.number"), primary_key=True
            ),
            sa.Column("name", sa.String(64), primary_key=True),
            sa.Column("content", sa.Text, nullable=True),
        )
    if _missing("partners_sign_in_failures"):
        op.create_table(
            "partners_sign_in_failures",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("client", sa.String(64), nullable=False),
            sa.Column("at", sa.Float, nullable=False),
        )
        op.create_index(
            "ix_partners_sign_in_failures_client", "partners_sign_in_failures", ["client"]
        )


def downgrade() -> None:
    """Drop the tables (every version with them): only for a database made to be thrown away."""
    op.drop_table("partners_sign_in_failures")
    op.drop_table("partners_version_files")
    op.drop_table("partners_versions")
