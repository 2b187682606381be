"""Telemetry rollups in the profile database: the office's `RollupSink` (hydrodesk.domain.telemetry_rollups).

Rows are upserts by (device, metric, minute): a late point reopens a minute and the hub saves it again. History
from the server is merged the other way round: a minute already held is left alone (`merge`), so a minute the
office rolled up itself is never replaced, and fetching the same day twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import HISTORY_COUNT, RollupHistory, RollupRow
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


def merge(conn: Connection, batch: Sequence[tuple[SeriesKey, RollupHistory]]) -> int:
    """Insert the minutes of the server's history that are not held yet; returns how many were inserted."""
    # Built with numpy, not row objects: this runs on the database thread, and every bit of Python it does there
    # competes with the GUI thread for the interpreter.
    values: list[tuple[str, str, float, int, float, float, float]] = []
    for key, history in batch:
        columns = np.column_stack([history.minute, history.minimum, history.maximum, history.mean])
        finite = columns[np.isfinite(columns).all(axis=1)]
        values.extend(
            (key.device_id, key.metric, minute, HISTORY_COUNT, low, high, mean)
            for minute, low, high, mean in finite.tolist()
        )
    if not values:
        return 0
    before: int = conn.exec_driver_sql("SELECT total_changes()").scalar_one()
    conn.exec_driver_sql(
        "INSERT INTO telemetry_rollups (device_id, metric, minute, count, minimum, maximum, mean) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, metric, minute) DO NOTHING",
        values,
    )
    after: int = conn.exec_driver_sql("SELECT total_changes()").scalar_one()
    return after - before


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
            count=row._mapping["count"],  # `row.count` is the tuple method to a type checker
            minimum=row.minimum,
            maximum=row.maximum,
            mean=row.mean,
        )
        for row in conn.execute(query.order_by(T.c.minute))
    ]
