"""The weekly pulse survey: answers as counts, respondents as keyed hashes, kept apart

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

``survey_answers`` counts people per week, question, choice and place: no person, no time finer
than the week. ``survey_respondents`` holds who has answered a week as an HMAC keyed with
KODO_SECRET_KEY, and which counter holds their answer sealed under the key (``storage.survey``), so
that an answer can be changed during the week and counts once. Nothing joins the two.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("choice", sa.Integer, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("organisation", sa.String(64), nullable=False, server_default=""),
        sa.Column("workspace", sa.String(64), nullable=False, server_default=""),
        sa.Column("channel", sa.String(128), nullable=False, server_default=""),
        sa.Column("answers", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("week", "question", "platform", "organisation", "workspace", "channel", "choice",
                                name="pk_survey_answers"),
    )
    op.create_table(
        "survey_respondents",
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("sealed", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("week", "respondent", name="pk_survey_respondents"),
    )


def downgrade() -> None:
    op.drop_table("survey_respondents")
    op.drop_table("survey_answers")
