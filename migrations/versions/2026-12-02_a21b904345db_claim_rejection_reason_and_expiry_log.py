"""claim rejection reason and expiry log

Memberships and certifications get the verifier's (internal) reason for a rejection and the
end date whose passing the change log has reported. Claims already past their end date count
as reported: the change feed announces expiries from now on, not a backlog of old ones.

Revision ID: a21b904345db
Revises: 5e7b1c0d9a41
Create Date: 2026-12-02 12:13:21.692268

"""
import sqlalchemy as sa
from alembic import op

revision = "a21b904345db"
down_revision = "5e7b1c0d9a41"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("membership", "certification")


def upgrade():
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("rejection_reason", sa.Text(), server_default="", nullable=False)
            )
            batch_op.add_column(sa.Column("expiry_logged_for", sa.Date(), nullable=True))
        op.execute(
            f"UPDATE {table} SET expiry_logged_for = valid_until "
            "WHERE valid_until IS NOT NULL AND valid_until < CURRENT_DATE"
        )


def downgrade():
    for table in reversed(CLAIM_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("expiry_logged_for")
            batch_op.drop_column("rejection_reason")
