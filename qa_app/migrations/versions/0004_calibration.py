"""calibration: blind scoring sessions with participants, their conversations (discussion note,
agreed final scores, the review they became) and each participant's scorecard per conversation

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 04:29:57.643727

Reviewed by hand after autogenerate: every constraint is named (NAMING_CONVENTION, unique
constraints by hand); tables are created parents first (sessions, participants, items, scores)
and dropped children first.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calibration_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('rubric_version_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=True),
    sa.Column('benchmark_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('anonymise', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['benchmark_id'], ['users.id'], name=op.f('fk_calibration_sessions_benchmark_id_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_calibration_sessions_owner_id_users')),
    sa.ForeignKeyConstraint(['rubric_version_id'], ['content_versions.id'], name=op.f('fk_calibration_sessions_rubric_version_id_content_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_sessions'))
    )
    with op.batch_alter_table('calibration_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calibration_sessions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calibration_sessions_status'), ['status'], unique=False)

    op.create_table('calibration_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['calibration_sessions.id'], name=op.f('fk_calibration_participants_session_id_calibration_sessions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calibration_participants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_participants')),
    sa.UniqueConstraint('session_id', 'user_id', name='uq_calibration_participants_session_user')
    )
    with op.batch_alter_table('calibration_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calibration_participants_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calibration_participants_user_id'), ['user_id'], unique=False)

    op.create_table('calibration_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('final_scores_json', sa.Text(), nullable=True),
    sa.Column('final_overall', sa.Double(), nullable=True),
    sa.Column('agreed_by_id', sa.Integer(), nullable=True),
    sa.Column('agreed_at', sa.DateTime(), nullable=True),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreed_by_id'], ['users.id'], name=op.f('fk_calibration_items_agreed_by_id_users')),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_calibration_items_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_calibration_items_review_id_reviews')),
    sa.ForeignKeyConstraint(['session_id'], ['calibration_sessions.id'], name=op.f('fk_calibration_items_session_id_calibration_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_items')),
    sa.UniqueConstraint('session_id', 'conversation_id', name='uq_calibration_items_session_conversation')
    )
    with op.batch_alter_table('calibration_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calibration_items_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calibration_items_session_id'), ['session_id'], unique=False)

    op.create_table('calibration_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('rater_id', sa.Integer(), nullable=False),
    sa.Column('scores_json', sa.Text(), nullable=True),
    sa.Column('overall', sa.Double(), nullable=True),
    sa.Column('auto_fail', sa.Boolean(), nullable=False),
    sa.Column('auto_fail_reason', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('draft_json', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['calibration_items.id'], name=op.f('fk_calibration_scores_item_id_calibration_items')),
    sa.ForeignKeyConstraint(['rater_id'], ['users.id'], name=op.f('fk_calibration_scores_rater_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_scores')),
    sa.UniqueConstraint('item_id', 'rater_id', name='uq_calibration_scores_item_rater')
    )
    with op.batch_alter_table('calibration_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calibration_scores_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calibration_scores_rater_id'), ['rater_id'], unique=False)



def downgrade():
    with op.batch_alter_table('calibration_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calibration_scores_rater_id'))
        batch_op.drop_index(batch_op.f('ix_calibration_scores_item_id'))

    op.drop_table('calibration_scores')
    with op.batch_alter_table('calibration_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calibration_items_session_id'))
        batch_op.drop_index(batch_op.f('ix_calibration_items_conversation_id'))

    op.drop_table('calibration_items')
    with op.batch_alter_table('calibration_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calibration_participants_user_id'))
        batch_op.drop_index(batch_op.f('ix_calibration_participants_session_id'))

    op.drop_table('calibration_participants')
    with op.batch_alter_table('calibration_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calibration_sessions_status'))
        batch_op.drop_index(batch_op.f('ix_calibration_sessions_owner_id'))

    op.drop_table('calibration_sessions')
