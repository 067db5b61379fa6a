"""quiz_answers: each person's first answer to each quiz question

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

Written out here (not imported from storage.quiz) so that a later change to the table's declaration
cannot change what this revision creates.
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import BigId, UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quiz_answers",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("pack", sa.String(64), nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("principle", sa.SmallInteger, nullable=False),
        sa.Column("choice", sa.SmallInteger, nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("answered_at", UTCDateTime, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
        sa.Column("channel", sa.String(256)),
        sa.UniqueConstraint("platform", "user_id", "pack", "question",
                            name="uq_quiz_answers_platform_user_id_pack_question"),
    )
    op.create_index("ix_quiz_answers_answered_at_pack", "quiz_answers", ["answered_at", "pack"])


def downgrade() -> None:
    op.drop_table("quiz_answers")
