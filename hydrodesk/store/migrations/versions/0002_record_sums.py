"""Per-session, per-worker sums of the cached records, kept by triggers; an index of voids by what they cancel.

A season's per-worker tally (a million records) must show in a blink. Grouping the records table each time costs a
full scan (about 0.2 s for a million rows even with a covering index); `record_sums` holds one row per session
and worker instead (tens of thousands for a season), and triggers on `records` keep it right however records are
written (refresh upserts, sync write-backs, anything later), inside the same transaction.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 21:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Add a row's movement to its (session, worker) sums ...
_ADD = """
    INSERT INTO record_sums (session_id, worker_id, units, records, voids)
    VALUES (NEW.session_id, NEW.worker_id, NEW.units, NEW.void_of IS NULL, NEW.void_of IS NOT NULL)
    ON CONFLICT (session_id, worker_id) DO UPDATE SET
        units = units + excluded.units, records = records + excluded.records, voids = voids + excluded.voids;
"""
# ... take it away again (and forget a pair left with nothing).
_SUBTRACT = """
    UPDATE record_sums SET units = units - OLD.units, records = records - (OLD.void_of IS NULL),
        voids = voids - (OLD.void_of IS NOT NULL)
    WHERE session_id = OLD.session_id AND worker_id = OLD.worker_id;
    DELETE FROM record_sums
    WHERE session_id = OLD.session_id AND worker_id = OLD.worker_id AND records = 0 AND voids = 0;
"""
# A refresh upserts every record of a changed session; most come back unchanged and need no work.
_CHANGED = (
    "OLD.session_id IS NOT NEW.session_id OR OLD.worker_id IS NOT NEW.worker_id OR OLD.units IS NOT NEW.units "
    "OR (OLD.void_of IS NULL) <> (NEW.void_of IS NULL)"
)


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('record_sums',
    sa.Column('session_id', sa.String(), nullable=False),
    sa.Column('worker_id', sa.String(), nullable=False),
    sa.Column('units', sa.Float(), nullable=False),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('voids', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('session_id', 'worker_id', name=op.f('pk_record_sums')),
    sqlite_with_rowid=False
    )
    # Not in batch mode: a batch that copied `records` would drop the triggers below with the old table.
    op.create_index('ix_records_void_of', 'records', ['void_of'], unique=False, sqlite_where=sa.text('void_of IS NOT NULL'))

    op.execute(
        "INSERT INTO record_sums (session_id, worker_id, units, records, voids) "
        "SELECT session_id, worker_id, total(units), count(*) - count(void_of), count(void_of) "
        "FROM records GROUP BY session_id, worker_id"
    )
    op.execute(f"CREATE TRIGGER record_sums_insert AFTER INSERT ON records BEGIN {_ADD} END")
    op.execute(f"CREATE TRIGGER record_sums_delete AFTER DELETE ON records BEGIN {_SUBTRACT} END")
    op.execute(
        f"CREATE TRIGGER record_sums_update AFTER UPDATE ON records WHEN {_CHANGED} BEGIN {_SUBTRACT} {_ADD} END"
    )


def downgrade() -> None:
    """Downgrade schema."""
    for trigger in ('record_sums_update', 'record_sums_delete', 'record_sums_insert'):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_index('ix_records_void_of', table_name='records')

    op.drop_table('record_sums')
