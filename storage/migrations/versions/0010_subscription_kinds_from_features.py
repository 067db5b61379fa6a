"""subscription kinds come from the features, not from a list in the schema

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A feature that posts declares its kind (tips, roundup, survey, …); the table takes any.
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_constraint("ck_subscriptions_kind_known", type_="check")


def downgrade() -> None:
    op.execute("DELETE FROM subscriptions WHERE kind NOT IN ('tips', 'roundup')")
    with op.batch_alter_table("subscriptions") as batch:
        batch.create_check_constraint(op.f("ck_subscriptions_kind_known"), "kind IN ('tips', 'roundup')")
