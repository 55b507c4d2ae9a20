"""assignments for teams or learners with a minimum score; sample answers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:34:01.604405

Reviewed by hand after autogenerate: every constraint is named (NAMING_CONVENTION); SQLite
gets batch mode. Existing assignments were all to teams, so they keep their team and get no
minimum score. Downgrade deletes assignments to single learners first, since 0005's schema
requires a team.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sample_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.String(length=120), nullable=False),
    sa.Column('turn_id', sa.String(length=120), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('expectation', sa.String(length=20), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sample_answers_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sample_answers'))
    )
    with op.batch_alter_table('sample_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sample_answers_scenario_id'), ['scenario_id'], unique=False)

    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('min_score', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
        batch_op.alter_column('team_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_assignments_scenario_id'), ['scenario_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assignments_user_id_users'), 'users', ['user_id'], ['id'])



def downgrade():
    op.execute("DELETE FROM assignments WHERE team_id IS NULL")
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assignments_user_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assignments_user_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_scenario_id'))
        batch_op.alter_column('team_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('note')
        batch_op.drop_column('min_score')
        batch_op.drop_column('user_id')

    with op.batch_alter_table('sample_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sample_answers_scenario_id'))

    op.drop_table('sample_answers')
