"""improvement proposals and their supports; an adopted proposal's kudos has source ``proposal``

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
SOURCES_BEFORE = "source IN ('reaction', 'command', 'shortcut')"
SOURCES = "source IN ('reaction', 'command', 'shortcut', 'proposal')"


def upgrade() -> None:
    op.create_table(
        "proposals",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("proposer", sa.String(128), nullable=False),
        sa.Column("principle", sa.SmallInteger),
        sa.Column("text", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("answered_at", UTCDateTime),
        sa.Column("decided_at", UTCDateTime),
        sa.Column("listed_on", sa.Date),
        sa.Column("channel", sa.String(256)),
        sa.Column("message", sa.String(256)),
        sa.Column("event_key", sa.String(256)),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
        sa.Column("team", sa.String(256)),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("pack", sa.String(64), nullable=False),
        sa.UniqueConstraint("platform", "event_key", name="uq_proposals_platform_event_key"),
        sa.CheckConstraint("status IN ('new', 'reviewing', 'adopted', 'declined')", name="ck_proposals_status_known"),
    )
    op.create_index("ix_proposals_status_created_at", "proposals", ["status", "created_at"])
    op.create_index("ix_proposals_answered_at", "proposals", ["answered_at"])
    op.create_table(
        "proposal_supports",
        sa.Column("proposal", BigId, primary_key=True),
        sa.Column("supporter", sa.String(128), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
    )
    op.create_index("ix_proposal_supports_created_at", "proposal_supports", ["created_at"])
    _sources(SOURCES)


def downgrade() -> None:
    op.execute("DELETE FROM kudos WHERE source = 'proposal'")
    _sources(SOURCES_BEFORE)
    op.drop_table("proposal_supports")
    op.drop_table("proposals")


def _sources(check: str) -> None:
    with op.batch_alter_table("kudos") as batch:
        batch.drop_constraint("ck_kudos_source_known", type_="check")
        batch.create_check_constraint("ck_kudos_source_known", check)
