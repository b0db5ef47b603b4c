"""Catalogue edits by register staff (seeding leaves those rows alone) and hidden questions

Revision ID: b9e875a0da7f
Revises: 4c2424caf464
Create Date: 2026-12-02 12:17:22.325936

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b9e875a0da7f"
down_revision = "4c2424caf464"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "catalogue_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalogue", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_edit")),
    )
    with op.batch_alter_table("catalogue_edit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_edit_catalogue"), ["catalogue"], unique=False
        )

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("hidden")

    with op.batch_alter_table("catalogue_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_edit_catalogue"))

    op.drop_table("catalogue_edit")
