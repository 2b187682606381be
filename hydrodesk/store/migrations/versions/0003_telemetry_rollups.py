"""One-minute telemetry rollups kept in the profile database, so a chart's history survives a restart.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 21:27:26.807471

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('telemetry_rollups',
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('metric', sa.String(), nullable=False),
    sa.Column('minute', sa.Float(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('minimum', sa.Float(), nullable=False),
    sa.Column('maximum', sa.Float(), nullable=False),
    sa.Column('mean', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'metric', 'minute', name=op.f('pk_telemetry_rollups')),
    sqlite_with_rowid=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('telemetry_rollups')
