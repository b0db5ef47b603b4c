"""Access requests: an initiative asks for access to its entry or registers a new one;
staff approve or refuse (register.access.models).

Revision ID: 4c2424caf464
Revises: a21b904345db
Create Date: 2026-12-02 12:19:21.880874

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4c2424caf464'
down_revision = 'a21b904345db'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('access_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_type', sa.Enum('existing', 'new', name='request_type', native_enum=False, length=30), nullable=False),
    sa.Column('status', sa.Enum('open', 'approved', 'refused', name='request_status', native_enum=False, length=30), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applicant_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('kvk_number', sa.String(length=8), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('matched', sa.Boolean(), nullable=False),
    sa.Column('initiative_name', sa.String(length=200), nullable=False),
    sa.Column('initiative_kind_id', sa.Integer(), nullable=True),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('house_number', sa.String(length=20), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('municipality', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=60), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('vacancy', sa.Enum('places_free', 'waiting_list', 'full', name='vacancy_status', native_enum=False, length=30), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('refusal_reason', sa.Text(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_access_request_account_id_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['account.id'], name=op.f('fk_access_request_decided_by_id_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_kind_id'], ['kind.id'], name=op.f('fk_access_request_initiative_kind_id_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_request'))
    )
    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_request_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_request_status'), ['status'], unique=False)

    op.create_table('access_request_initiative',
    sa.Column('access_request_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['access_request_id'], ['access_request.id'], name=op.f('fk_access_request_initiative_access_request_id_access_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_access_request_initiative_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('access_request_id', 'initiative_id', name=op.f('pk_access_request_initiative'))
    )


def downgrade():
    op.drop_table('access_request_initiative')
    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_request_status'))
        batch_op.drop_index(batch_op.f('ix_access_request_email'))

    op.drop_table('access_request')
