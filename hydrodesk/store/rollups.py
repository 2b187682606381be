"""Telemetry rollups in the profile database: the office's `RollupSink` (hydrodesk.domain.telemetry_rollups).

Rows are upserts by (device, metric, minute): a late point reopens a minute and the hub saves it again.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupRow
from hydrodesk.store.schema import TelemetryRollup

T = TelemetryRollup.__table__


def save(conn: Connection, rows: Sequence[RollupRow]) -> None:
    if not rows:
        return
    statement = insert(T)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=[T.c.device_id, T.c.metric, T.c.minute],
            set_={
                "count": statement.excluded.count,
                "minimum": statement.excluded.minimum,
                "maximum": statement.excluded.maximum,
                "mean": statement.excluded.mean,
            },
        ),
        [
            {
                "device_id": row.device_id,
                "metric": row.metric,
                "minute": row.minute,
                "count": row.count,
                "minimum": row.minimum,
                "maximum": row.maximum,
                "mean": row.mean,
            }
            for row in rows
        ],
    )


def load(conn: Connection, series: SeriesKey, since: float, until: float | None = None) -> list[RollupRow]:
    """Rows of one series with since <= minute (< until), oldest first."""
    query = select(T).where(T.c.device_id == series.device_id, T.c.metric == series.metric, T.c.minute >= since)
    if until is not None:
        query = query.where(T.c.minute < until)
    return [
        RollupRow(
            device_id=row.device_id,
            metric=row.metric,
            minute=row.minute,
            count=row.count,
            minimum=row.minimum,
            maximum=row.maximum,
            mean=row.mean,
        )
        for row in conn.execute(query.order_by(T.c.minute))
    ]
