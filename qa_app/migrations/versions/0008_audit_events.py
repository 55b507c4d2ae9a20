"""append-only audit log

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:30:00

Written by hand. `audit_events` keeps who (an id without a foreign key, so the trail outlives
the user, and a copy of their e-mail and name), when, what, why and from where. Triggers refuse
UPDATE and DELETE on both databases (and TRUNCATE on PostgreSQL), so no code path of the app,
buggy or not, can rewrite the trail; dropping the table (downgrade) still works. The one
deliberate exception, restoring a whole backup with --replace, lifts them inside its own
transaction (qa_app.models.audit.append_only_lifted).

`conversations.anonymised_at` marks conversations whose personal data retention or erasure
replaced (services/retention.py), so a daily run skips them. Downgrade drops both: the audit
trail and the marks are lost (anonymised data stays anonymised).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MESSAGE = 'audit_events is append-only'

POSTGRESQL_UP = [
    # OR REPLACE: dropping the tables (not a downgrade) leaves the function behind.
    f"""CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$""",
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()",
]
POSTGRESQL_DOWN = ["DROP FUNCTION IF EXISTS audit_events_refuse_change()"]  # after the table: its triggers go with it

SQLITE_UP = [
    f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]


def upgrade():
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=True),
    sa.Column('actor_name', sa.String(length=120), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=True),
    sa.Column('object_id', sa.String(length=64), nullable=True),
    sa.Column('details_json', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('via', sa.String(length=10), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_events_action_at', ['action', 'at'], unique=False)
        batch_op.create_index('ix_audit_events_actor_id_at', ['actor_id', 'at'], unique=False)

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))

    dialect = op.get_bind().dialect.name
    for statement in POSTGRESQL_UP if dialect == 'postgresql' else SQLITE_UP if dialect == 'sqlite' else []:
        op.execute(statement)


def downgrade():
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite's batch mode rebuilds the table and cannot copy an index on an expression:
        # put 0007's index on lower(customer) back, or 0007's downgrade finds it missing.
        op.execute('CREATE INDEX IF NOT EXISTS ix_conversations_lower_customer ON conversations (lower(customer))')
    op.drop_table('audit_events')  # its indexes and triggers go with it
    if op.get_bind().dialect.name == 'postgresql':
        for statement in POSTGRESQL_DOWN:
            op.execute(statement)
