"""pending revisions of initiative editors

Revision ID: 5e7b1c0d9a41
Revises: 00352facbd0b
Create Date: 2026-12-02 12:30:00

change_log.revision_id gets no foreign key, like change_log.initiative_id: the log is
append-only and outlives what it points at (an initiative deleted with its revisions).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e7b1c0d9a41"
down_revision = "00352facbd0b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("author_account_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("edit", "withdrawal", name="revision_kind", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "rejected",
                "superseded",
                name="revision_status",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("base", sa.JSON(), nullable=False),
        sa.Column("proposed", sa.JSON(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_account_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["account.id"],
            name=op.f("fk_revision_author_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_account_id"],
            ["account.id"],
            name=op.f("fk_revision_decided_by_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_revision_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revision_initiative_id"), ["initiative_id"])
        batch_op.create_index(batch_op.f("ix_revision_status"), ["status"])


def downgrade():
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_status"))
        batch_op.drop_index(batch_op.f("ix_revision_initiative_id"))
    op.drop_table("revision")
