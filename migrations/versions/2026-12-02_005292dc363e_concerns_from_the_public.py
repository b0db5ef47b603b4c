"""Concerns from the public about an initiative (/melden), for inspectors only
(register.concerns.models).

Revision ID: 005292dc363e
Revises: b6bf8d56e5b3
Create Date: 2026-12-02 16:29:09.978761

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '005292dc363e'
down_revision = 'b6bf8d56e5b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('when_happened', sa.String(length=200), nullable=False),
    sa.Column('reporter_name', sa.String(length=200), nullable=False),
    sa.Column('reporter_email', sa.String(length=255), nullable=False),
    sa.Column('reporter_phone', sa.String(length=40), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_concern_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concern')),
    sa.UniqueConstraint('reference', name=op.f('uq_concern_reference'))
    )
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concern_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_concern_initiative_id'), ['initiative_id'], unique=False)



def downgrade():
    with op.batch_alter_table('concern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concern_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_concern_created_at'))

    op.drop_table('concern')
