"""review side: background jobs and chunks, AutoQA results per conversation and message,
sampling rules, review assignments, reviews with immutable revisions, drafts and disputes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 04:01:24.003472

Reviewed by hand after autogenerate: every constraint is named (NAMING_CONVENTION); tables are
created parents first and dropped children first (disputes point at revisions, drafts at reviews).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('background_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('rq_id', sa.String(length=64), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('params_json', sa.Text(), nullable=False),
    sa.Column('result_json', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_background_jobs_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_background_jobs'))
    )
    with op.batch_alter_table('background_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_background_jobs_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_background_jobs_status'), ['status'], unique=False)

    op.create_table('sampling_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('params_json', sa.Text(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sampling_rules_created_by_id_users')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_sampling_rules_reviewer_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_sampling_rules_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sampling_rules'))
    )
    with op.batch_alter_table('sampling_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sampling_rules_team_id'), ['team_id'], unique=False)

    op.create_table('job_chunks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('items_json', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['background_jobs.id'], name=op.f('fk_job_chunks_job_id_background_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_chunks')),
    sa.UniqueConstraint('job_id', 'index', name='uq_job_chunks_position')
    )
    with op.batch_alter_table('job_chunks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_chunks_job_id'), ['job_id'], unique=False)

    op.create_table('autoqa_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('rubric_version_id', sa.Integer(), nullable=False),
    sa.Column('overall', sa.Double(), nullable=True),
    sa.Column('criteria_json', sa.Text(), nullable=False),
    sa.Column('first_response_s', sa.Double(), nullable=True),
    sa.Column('first_response_target_s', sa.Double(), nullable=True),
    sa.Column('first_response_met', sa.Boolean(), nullable=True),
    sa.Column('handling_s', sa.Double(), nullable=True),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('customer_negative', sa.Boolean(), nullable=False),
    sa.Column('notices_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_autoqa_results_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['rubric_version_id'], ['content_versions.id'], name=op.f('fk_autoqa_results_rubric_version_id_content_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_autoqa_results')),
    sa.UniqueConstraint('conversation_id', 'rubric_version_id', name='uq_autoqa_results_conversation_rubric')
    )
    with op.batch_alter_table('autoqa_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_autoqa_results_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_autoqa_results_handling_s'), ['handling_s'], unique=False)
        batch_op.create_index(batch_op.f('ix_autoqa_results_overall'), ['overall'], unique=False)

    op.create_table('review_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_review_assignments_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_review_assignments_reviewer_id_users')),
    sa.ForeignKeyConstraint(['rule_id'], ['sampling_rules.id'], name=op.f('fk_review_assignments_rule_id_sampling_rules')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_assignments')),
    sa.UniqueConstraint('conversation_id', 'reviewer_id', name='uq_review_assignments_conversation_reviewer')
    )
    with op.batch_alter_table('review_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_assignments_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_assignments_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_assignments_rule_id'), ['rule_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('rubric_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('overall', sa.Double(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_reviews_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_reviews_reviewer_id_users')),
    sa.ForeignKeyConstraint(['rubric_version_id'], ['content_versions.id'], name=op.f('fk_reviews_rubric_version_id_content_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('conversation_id', 'reviewer_id', name='uq_reviews_conversation_reviewer')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_overall'), ['overall'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('autoqa_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('autoqa_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('overall', sa.Double(), nullable=True),
    sa.Column('response_time_s', sa.Double(), nullable=True),
    sa.Column('grade_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['autoqa_id'], ['autoqa_results.id'], name=op.f('fk_autoqa_messages_autoqa_id_autoqa_results')),
    sa.ForeignKeyConstraint(['message_id'], ['conversation_messages.id'], name=op.f('fk_autoqa_messages_message_id_conversation_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_autoqa_messages')),
    sa.UniqueConstraint('autoqa_id', 'message_id', name='uq_autoqa_messages_message')
    )
    with op.batch_alter_table('autoqa_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_autoqa_messages_autoqa_id'), ['autoqa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_autoqa_messages_message_id'), ['message_id'], unique=False)

    op.create_table('review_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('data_json', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_review_drafts_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_drafts_review_id_reviews')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_review_drafts_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_drafts')),
    sa.UniqueConstraint('conversation_id', 'reviewer_id', name='uq_review_drafts_conversation_reviewer')
    )
    with op.batch_alter_table('review_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_drafts_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_drafts_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('review_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('overall', sa.Double(), nullable=True),
    sa.Column('scores_json', sa.Text(), nullable=False),
    sa.Column('auto_fail', sa.Boolean(), nullable=False),
    sa.Column('auto_fail_reason', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_review_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_revisions_review_id_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_revisions')),
    sa.UniqueConstraint('review_id', 'number', name='uq_review_revisions_number')
    )
    with op.batch_alter_table('review_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_revisions_review_id'), ['review_id'], unique=False)

    op.create_table('review_disputes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.String(length=120), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution_reason', sa.Text(), nullable=True),
    sa.Column('revision_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_review_disputes_raised_by_id_users')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_review_disputes_resolved_by_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_disputes_review_id_reviews')),
    sa.ForeignKeyConstraint(['revision_id'], ['review_revisions.id'], name=op.f('fk_review_disputes_revision_id_review_revisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_disputes'))
    )
    with op.batch_alter_table('review_disputes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_disputes_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_disputes_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('review_disputes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_disputes_status'))
        batch_op.drop_index(batch_op.f('ix_review_disputes_review_id'))

    op.drop_table('review_disputes')
    with op.batch_alter_table('review_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_revisions_review_id'))

    op.drop_table('review_revisions')
    with op.batch_alter_table('review_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_drafts_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_review_drafts_conversation_id'))

    op.drop_table('review_drafts')
    with op.batch_alter_table('autoqa_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_autoqa_messages_message_id'))
        batch_op.drop_index(batch_op.f('ix_autoqa_messages_autoqa_id'))

    op.drop_table('autoqa_messages')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_reviews_overall'))
        batch_op.drop_index(batch_op.f('ix_reviews_conversation_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('review_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_assignments_rule_id'))
        batch_op.drop_index(batch_op.f('ix_review_assignments_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_review_assignments_conversation_id'))

    op.drop_table('review_assignments')
    with op.batch_alter_table('autoqa_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_autoqa_results_overall'))
        batch_op.drop_index(batch_op.f('ix_autoqa_results_handling_s'))
        batch_op.drop_index(batch_op.f('ix_autoqa_results_conversation_id'))

    op.drop_table('autoqa_results')
    with op.batch_alter_table('job_chunks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_chunks_job_id'))

    op.drop_table('job_chunks')
    with op.batch_alter_table('sampling_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sampling_rules_team_id'))

    op.drop_table('sampling_rules')
    with op.batch_alter_table('background_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_background_jobs_status'))
        batch_op.drop_index(batch_op.f('ix_background_jobs_created_by_id'))

    op.drop_table('background_jobs')
