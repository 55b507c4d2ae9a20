"""indexes for the review queue, dashboards, review page and assignment reports

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 08:40:00

Written by hand from EXPLAIN on a 100,000-conversation PostgreSQL database
(bench/query_plans.py, see bench/README.md); each index names the query it serves.
Explicit names, as NAMING_CONVENTION gives the others; SQLite gets batch mode. The two
single-column indexes replaced here are covered by the new composite ones (same first column).

- autoqa_results (conversation_id, id): the newest result of a conversation (review queue,
  sampling rules) as one index lookup; on PostgreSQL it also INCLUDEs the columns the quality
  dashboard reads, so that query reads the index only (SQLite has no INCLUDE: plain index).
- conversations lower(customer): FCR's repeat contacts of the same customer on the dashboard,
  and the review page's other conversations of the customer.
- attempts (user_id, started_at): a learner's attempts in time order (progress, catalogue);
  attempts (started_at): assignment reports, which count every assigned learner's attempts
  started since the assignment was made (with hundreds of learners PostgreSQL prefers this one).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

AUTOQA_INCLUDE = ['overall', 'first_response_met', 'first_response_target_s', 'created_at']


def upgrade():
    with op.batch_alter_table('autoqa_results', schema=None) as batch_op:
        batch_op.create_index('ix_autoqa_results_conversation_id_id', ['conversation_id', 'id'], unique=False,
                              postgresql_include=AUTOQA_INCLUDE)
        batch_op.drop_index('ix_autoqa_results_conversation_id')

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index('ix_conversations_lower_customer', [sa.text('lower(customer)')], unique=False)

    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_user_id_started_at', ['user_id', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempts_started_at'), ['started_at'], unique=False)
        batch_op.drop_index('ix_attempts_user_id')


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_user_id', ['user_id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_attempts_started_at'))
        batch_op.drop_index('ix_attempts_user_id_started_at')

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index('ix_conversations_lower_customer')

    with op.batch_alter_table('autoqa_results', schema=None) as batch_op:
        batch_op.create_index('ix_autoqa_results_conversation_id', ['conversation_id'], unique=False)
        batch_op.drop_index('ix_autoqa_results_conversation_id_id')
