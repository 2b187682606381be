"""What the simulated devices really published, kept as one-minute rollups so the history endpoint can serve it.

The rollups live in the `telemetry_minutes` table (declared with the other IoT tables in hydrodesk.sim.iot.store).

The device fleet hands every telemetry payload it publishes to `TelemetryRecorder.record` (on the simulator's
loop); settled minutes are written to the simulator's database every `flush_every_s`, the rest on `stop()`.
Minutes older than `keep_days` are pruned: beyond that the history is synthesized again (telemetry_model).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, Final

import numpy as np

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import MinuteRollups, RollupRow
from hydrodesk.sim.db import Database
from hydrodesk.sim.iot.telemetry_series import Recorded
from hydrodesk.sim.topics import parse_iso_utc

log = logging.getLogger(__name__)

KEEP_DAYS: Final = 8


class TelemetryRecorder:
    def __init__(
        self,
        db: Database,
        *,
        flush_every_s: float = 10.0,
        keep_days: float = KEEP_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.flush_every_s = flush_every_s
        self.keep_s = keep_days * 86_400
        self._clock = clock
        self._rollups = MinuteRollups()
        self._task: asyncio.Task[None] | None = None
        self._pruned_at = 0.0

    def record(self, device_id: str, payload: dict[str, Any]) -> None:
        """One published telemetry payload (`{"ts", "metrics"}`)."""
        moment = parse_iso_utc(payload.get("ts"))
        metrics = payload.get("metrics")
        if moment is None or not isinstance(metrics, dict):
            return
        ts = moment.timestamp()
        for metric, value in metrics.items():
            if isinstance(value, int | float) and not isinstance(value, bool) and np.isfinite(value):
                self._rollups.add(SeriesKey(device_id, metric), ts, float(value))

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="telemetry-recorder")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.flush(final=True)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.flush_every_s)
            try:
                self.flush()
            except Exception:  # a locked or full database costs history, never the field devices
                log.warning("could not save the published telemetry", exc_info=True)

    def flush(self, *, final: bool = False) -> int:
        now = self._clock()
        rows = self._rollups.take_all() if final else self._rollups.take_settled(now)
        save(self.db, rows)
        if now - self._pruned_at > 3600:
            self._pruned_at = now
            self.db.execute("DELETE FROM telemetry_minutes WHERE minute < ?", (int(now - self.keep_s),))
        return len(rows)


def save(db: Database, rows: Iterable[RollupRow]) -> None:
    values = [
        (row.device_id, row.metric, int(row.minute), row.count, row.minimum, row.maximum, row.mean) for row in rows
    ]
    if values:
        with db.transaction() as connection:
            connection.executemany(
                "INSERT INTO telemetry_minutes VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, metric, minute) "
                "DO UPDATE SET count = excluded.count, minimum = excluded.minimum, maximum = excluded.maximum, "
                "mean = excluded.mean",
                values,
            )


def recorded(db: Database, device_ids: Iterable[str], start: float, end: float) -> dict[tuple[str, str], Recorded]:
    """The recorded minutes of these devices that overlap [start, end), by (device, metric)."""
    devices = sorted(set(device_ids))
    if not devices:
        return {}
    marks = ", ".join("?" for _ in devices)
    rows = db.all(
        f"SELECT device_id, metric, minute, minimum, maximum, mean FROM telemetry_minutes "
        f"WHERE device_id IN ({marks}) AND minute > ? AND minute < ? ORDER BY device_id, metric, minute",
        (*devices, int(start) - 60, int(end)),
    )
    grouped: dict[tuple[str, str], list[Any]] = {}
    for row in rows:
        grouped.setdefault((row["device_id"], row["metric"]), []).append(row)
    result: dict[tuple[str, str], Recorded] = {}
    for key, found in grouped.items():
        result[key] = Recorded(
            np.array([row["minute"] for row in found], dtype=np.int64),
            np.array([row["minimum"] for row in found], dtype=np.float64),
            np.array([row["maximum"] for row in found], dtype=np.float64),
            np.array([row["mean"] for row in found], dtype=np.float64),
        )
    return result
