"""The alarm journal (raised, acknowledged and cleared alarms, surviving restarts) and the user's alarm rules.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:45:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('alarm_journal',
    sa.Column('alarm_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('valve_id', sa.String(), nullable=True),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('readings', sa.JSON(), nullable=False),
    sa.Column('raised_at', sa.String(), nullable=False),
    sa.Column('last_seen_at', sa.String(), nullable=True),
    sa.Column('repeats', sa.Integer(), nullable=False),
    sa.Column('active', sa.Integer(), nullable=False),
    sa.Column('acknowledged_at', sa.String(), nullable=True),
    sa.Column('acknowledged_by', sa.String(), nullable=True),
    sa.Column('cleared_at', sa.String(), nullable=True),
    sa.Column('cleared_by', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('alarm_id', name=op.f('pk_alarm_journal'))
    )
    op.create_index('ix_alarm_journal_open', 'alarm_journal', ['cleared_at', 'alarm_id'], unique=False)
    op.create_table('alarm_rules',
    sa.Column('scope', sa.String(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_alarm_rules'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('alarm_rules')
    op.drop_index('ix_alarm_journal_open', table_name='alarm_journal')
    op.drop_table('alarm_journal')
