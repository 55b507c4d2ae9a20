"""content in the database: content versions become drafts and published versions (status,
parent, note, author, publisher, publish time, the YAML text as written)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:28:39.304068

Reviewed by hand after autogenerate: every constraint is named (NAMING_CONVENTION); SQLite
gets batch mode. Data step: every snapshot stored before this revision was content the app
graded with, so it becomes a published version, published when it was first used (no
publisher: the file did it). Downgrade deletes drafts first, since 0004's schema has no place
for content that was never published; published versions keep their rows and ids.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('content_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_yaml', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='published', nullable=False))
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('published_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_content_versions_status'), ['status'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_content_versions_parent_id_content_versions'), 'content_versions', ['parent_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_content_versions_created_by_id_users'), 'users', ['created_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_content_versions_published_by_id_users'), 'users', ['published_by_id'], ['id'])

    # Today's snapshots are the published versions (status came in as 'published' by default).
    op.execute(
        "UPDATE content_versions SET status = 'published', published_at = first_used_at "
        "WHERE published_at IS NULL"
    )


def downgrade():
    op.execute("UPDATE content_versions SET parent_id = NULL")
    op.execute("DELETE FROM content_versions WHERE status <> 'published'")
    with op.batch_alter_table('content_versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_content_versions_published_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_content_versions_created_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_content_versions_parent_id_content_versions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_content_versions_status'))
        batch_op.drop_column('published_at')
        batch_op.drop_column('published_by_id')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('note')
        batch_op.drop_column('parent_id')
        batch_op.drop_column('status')
        batch_op.drop_column('source_yaml')
