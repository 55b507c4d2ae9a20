"""conversations: imported conversations, their messages and agents; users.agent_id

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 02:17:12.105776

Reviewed by hand after autogenerate: every constraint is named (see NAMING_CONVENTION) so that
SQLite's batch mode can recreate `users` and the downgrade can drop them on both databases; the
users column is added first and dropped last, after the tables that point at users are gone.
The conversation indexes serve the review queue (agent, channel, flag, first message time).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agent_id', sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_agent_id'), ['agent_id'])

    op.create_table('agents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_key', sa.String(length=254), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agents_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agents')),
    sa.UniqueConstraint('external_key', name=op.f('uq_agents_external_key'))
    )
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agents_user_id'), ['user_id'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('customer', sa.String(length=254), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=True),
    sa.Column('flag', sa.String(length=10), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('first_message_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("flag IS NULL OR flag IN ('spam', 'system')", name=op.f('ck_conversations_flag')),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_conversations_agent_id_agents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations')),
    sa.UniqueConstraint('source', 'external_id', name='uq_conversations_source_external_id')
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_channel'), ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_first_message_at'), ['first_message_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_flag'), ['flag'], unique=False)

    op.create_table('conversation_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_messages_conversation_id_conversations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_messages')),
    sa.UniqueConstraint('conversation_id', 'position', name='uq_conversation_messages_position')
    )
    with op.batch_alter_table('conversation_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_messages_conversation_id'), ['conversation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('conversation_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_messages_conversation_id'))

    op.drop_table('conversation_messages')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_flag'))
        batch_op.drop_index(batch_op.f('ix_conversations_first_message_at'))
        batch_op.drop_index(batch_op.f('ix_conversations_channel'))
        batch_op.drop_index(batch_op.f('ix_conversations_agent_id'))

    op.drop_table('conversations')
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agents_user_id'))

    op.drop_table('agents')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_agent_id'), type_='unique')
        batch_op.drop_column('agent_id')
