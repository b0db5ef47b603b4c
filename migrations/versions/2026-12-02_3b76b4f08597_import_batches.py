"""import batches: staff CSV uploads with their rows and dry-run report

Revision ID: 3b76b4f08597
Revises: b9e875a0da7f
Create Date: 2026-12-02 12:20:20.029357

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b76b4f08597'
down_revision = 'b9e875a0da7f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('status', sa.Enum('dry_run', 'applied', 'discarded', name='import_status', native_enum=False, length=30), nullable=False),
    sa.Column('header', sa.JSON(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_email', sa.String(length=255), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_by_id', sa.Integer(), nullable=True),
    sa.Column('finished_by_email', sa.String(length=255), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['account.id'], name=op.f('fk_import_batch_created_by_id_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['finished_by_id'], ['account.id'], name=op.f('fk_import_batch_finished_by_id_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batch_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_status'))
        batch_op.drop_index(batch_op.f('ix_import_batch_created_by_id'))

    op.drop_table('import_batch')
