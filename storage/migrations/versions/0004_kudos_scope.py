"""kudos remember where they happened and under which content pack

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Rows written before this revision get the values Kodo can stand behind:
- console rows happened in the console's one public channel (#general): workspace ``console``,
  visibility ``public``;
- Slack and Teams rows: workspace unknown (NULL), visibility ``private``, because the contract
  counts a conversation Kodo cannot tell as private, so old reasons are never featured elsewhere;
- ``pack``: the pack configured for the ``kodo migrate`` (``KODO_CONTENT``) that runs this, else
  ``tokyo``, the only pack phase 1 shipped by default.
"""
import os

import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _pack() -> str:
    return context.config.attributes.get("pack") or (os.environ.get("KODO_CONTENT") or "").strip() or "tokyo"


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: SQLite takes it without rebuilding the table (a batch
    # rebuild would have to carry the partial indexes over).
    op.add_column("kudos", sa.Column("workspace", sa.String(64)))
    op.add_column("kudos", sa.Column("organisation", sa.String(64)))
    op.add_column("kudos", sa.Column("team", sa.String(256)))
    op.add_column("kudos", sa.Column("visibility", sa.String(16), nullable=False, server_default="private"))
    op.add_column("kudos", sa.Column("pack", sa.String(64), nullable=False, server_default=_pack()))
    kudos = sa.table("kudos", sa.column("platform", sa.String), sa.column("workspace", sa.String),
                     sa.column("visibility", sa.String))
    op.execute(kudos.update().where(kudos.c.platform == "console").values(workspace="console", visibility="public"))
    if op.get_bind().dialect.name != "sqlite":  # new rows always say it; SQLite cannot drop a default in place
        op.alter_column("kudos", "visibility", server_default=None)
        op.alter_column("kudos", "pack", server_default=None)


def downgrade() -> None:
    for name in ("pack", "visibility", "team", "organisation", "workspace"):
        op.drop_column("kudos", name)
