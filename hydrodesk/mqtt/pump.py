"""The asyncio task that drains the inbox about 30 times a second and keeps the rollups saved.

It runs on whatever loop is running it: the UI's qasync loop in the app, a plain asyncio loop in tests and the
benchmark. It drains what arrives in slices of a few milliseconds (a burst is spread over many slices instead of
freezing the window) and, about 30 times a second, tells the tick listeners (a plot's render pass) what it did.
Every `flush_every_s` the minutes that have settled are handed to the rollup sink; a sink that fails keeps its
rows for the next try (bounded), so a locked database costs history only when it stays locked for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Final

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupHistory, RollupRow, RollupSink, history_before
from hydrodesk.mqtt.ingest import TelemetryIngest

log = logging.getLogger(__name__)

TICK_S: Final = 1 / 30
MAX_UNSAVED_ROWS: Final = 100_000

TickListener = Callable[[int], None]


class IngestPump:
    def __init__(
        self,
        ingest: TelemetryIngest,
        sink: RollupSink | None = None,
        *,
        tick_s: float = TICK_S,
        budget_s: float = 0.005,
        flush_every_s: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.ingest = ingest
        self.sink = sink
        self.tick_s = tick_s
        self.budget_s = budget_s
        self.flush_every_s = flush_every_s
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._tick_listeners: list[TickListener] = []
        self._unsaved: list[RollupRow] = []
        self.ticks = 0

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="mqtt-ingest-pump")

    async def stop(self) -> None:
        """Stop ticking, ingest what is still queued and save every rollup, the current minutes included."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        while self.ingest.drain(budget_s=1.0):
            pass
        await self.flush(final=True)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def on_tick(self, listener: TickListener) -> Callable[[], None]:
        """Called after every tick with the number of messages processed (0 on a quiet tick)."""
        self._tick_listeners.append(listener)
        return lambda: self._tick_listeners.remove(listener) if listener in self._tick_listeners else None

    # ------------------------------------------------------------------ the loop
    async def _run(self) -> None:
        # Ticks keep a fixed cadence, counted from when each was due, not from when the last drain ended: a backlog
        # is drained between ticks in budget-sized slices, and the listeners' render pass does not stretch the
        # period (it did: a tick every tick_s + render time, 18 repaints a second instead of 30). Each step of
        # the loop does one thing (a drain slice, or a tick) and then yields, so no single step holds the loop for
        # the two together.
        loop = asyncio.get_running_loop()
        next_tick = loop.time() + self.tick_s
        next_flush = loop.time() + self.flush_every_s
        processed = 0
        while True:
            processed += self.ingest.drain(self.budget_s)
            if loop.time() >= next_tick:
                await asyncio.sleep(0)  # between the drain slice and the render pass, let the loop breathe
                self.ticks += 1
                for listener in list(self._tick_listeners):
                    try:
                        listener(processed)
                    except Exception:
                        log.exception("a telemetry tick listener failed")
                processed = 0
                now = loop.time()
                next_tick += self.tick_s
                if next_tick < now:
                    next_tick = now  # late by a whole period (a busy loop): no burst of ticks to catch up
            if loop.time() >= next_flush:
                next_flush = loop.time() + self.flush_every_s
                await self.flush()
            if len(self.ingest.inbox):
                await asyncio.sleep(0)  # a backlog: let the loop breathe, then go on at once
                continue
            await asyncio.sleep(max(0.0, next_tick - loop.time()))

    # ------------------------------------------------------------------ rollups
    async def flush(self, *, final: bool = False) -> int:
        """Hand the settled minutes (all minutes when `final`) to the sink; returns how many rows it took."""
        rollups = self.ingest.rollups
        self._unsaved.extend(rollups.take_all() if final else rollups.take_settled(self._clock()))
        if not self._unsaved or self.sink is None:
            if self.sink is None:
                self._unsaved.clear()
            return 0
        rows, self._unsaved = self._unsaved, []
        try:
            await self.sink.save_rollups(rows)
        except Exception:
            log.warning("could not save %d telemetry rollups; will retry", len(rows), exc_info=True)
            self._unsaved = rows[-MAX_UNSAVED_ROWS:]
            return 0
        return len(rows)

    async def history(self, key: SeriesKey, since: float, until: float | None = None) -> RollupHistory:
        """What a chart opened now draws before its live points: the saved minute rollups of the series."""
        rows: list[RollupRow] = []
        if self.sink is not None:
            try:
                rows = await self.sink.load_rollups(key, since, until)
            except Exception:
                log.warning("could not load telemetry rollups for %s/%s", *key, exc_info=True)
        rows += [
            row
            for row in self._unsaved
            if row.key == key and row.minute >= since and (until is None or row.minute < until)
        ]
        series = self.ingest.store.get(key)
        return history_before(rows, series.first_ts if series is not None else None)
