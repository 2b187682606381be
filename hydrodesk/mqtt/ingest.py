"""Ingest: the messages of the inbox parsed, validated and written into the series, the device directory and the
rollups, on the event loop's thread.

Nothing a device sends can crash it: a bad message or metric is counted per reason (`rejected`) and logged at
most once per `log_interval_s` (a summary of what was dropped since the last line), and only finite numbers
ever reach a series. Listeners (the panes, the command tracker) hear about device status, valve states and
command acks; telemetry is not announced per message: a plot asks `take_changed()` on its render tick.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from hydrodesk.domain.telemetry import Appended, SeriesBuffer, SeriesKey, TelemetryStore
from hydrodesk.domain.telemetry_devices import DeviceDirectory, DeviceInfo, ValveSeen
from hydrodesk.domain.telemetry_rollups import MinuteRollups
from hydrodesk.mqtt import payloads
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.payloads import AckReport, Malformed, Reason
from hydrodesk.mqtt.topics import Kind, Route, TopicPlan

log = logging.getLogger(__name__)

BATCH: Final = 64

StatusListener = Callable[[DeviceInfo], None]
AckListener = Callable[[str, AckReport], None]  # (device_id, ack)


@dataclass
class IngestCounters:
    messages: Counter[Kind] = field(default_factory=Counter)
    """Messages accepted, by kind."""
    points: int = 0
    """Points stored in a series."""
    outcomes: Counter[Appended] = field(default_factory=Counter)
    """What became of every valid point (appended, inserted late, duplicate, too old)."""
    rejected: Counter[Reason] = field(default_factory=Counter)
    """Messages, or single metrics, refused, by reason."""


@dataclass(slots=True)
class _Run:
    """One series as ingest holds it: its key and buffer, and the points a drain brought it, not stored yet."""

    key: SeriesKey
    series: SeriesBuffer
    ts: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)


class ThrottledLog:
    """Logs the first problem at once, then at most one summary per `interval_s` of what happened meanwhile."""

    def __init__(self, logger: logging.Logger, interval_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._log = logger
        self.interval_s = interval_s
        self._clock = clock
        self._last: float | None = None
        self._pending: Counter[str] = Counter()
        self._example = ""

    def note(self, reason: str, example: str) -> None:
        self._pending[reason] += 1
        self._example = self._example or example
        self.flush()

    def flush(self) -> None:
        now = self._clock()
        if not self._pending or (self._last is not None and now - self._last < self.interval_s):
            return
        summary = ", ".join(f"{reason}: {count}" for reason, count in sorted(self._pending.items()))
        self._log.warning("dropped malformed MQTT messages (%s), e.g. from %s", summary, self._example)
        self._pending.clear()
        self._example = ""
        self._last = now


class TelemetryIngest:
    def __init__(
        self,
        inbox: Inbox,
        store: TelemetryStore,
        *,
        rollups: MinuteRollups | None = None,
        devices: DeviceDirectory | None = None,
        topic_plan: TopicPlan | None = None,
        clock: Callable[[], float] = time.time,
        log_interval_s: float = 60.0,
        log_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inbox = inbox
        self.store = store
        self.rollups = rollups if rollups is not None else MinuteRollups()
        self.devices = devices if devices is not None else DeviceDirectory()
        self.topic_plan = topic_plan
        self.counters = IngestCounters()
        self._clock = clock
        self._problems = ThrottledLog(log, log_interval_s, log_clock)
        self._changed: set[SeriesKey] = set()
        # (device, metric) -> its run: no key built and no store lookup per point (valid while the store's
        # generation stays the same: no series dropped).
        self._held: dict[tuple[str, str], _Run] = {}
        self._held_generation = store.generation
        # Points are gathered per series while the inbox is drained and stored together (`_store_runs`): one
        # slice store and one rollup lookup per series and drain instead of per point. Anything that could
        # look at the series or the devices (a status, a state, an ack, the end of the drain) stores them first,
        # so every listener sees what a message-by-message ingest would have shown it.
        self._runs: list[_Run] = []
        self._seen: dict[str, str] = {}  # devices heard from since the runs were last stored -> their project
        self._status_listeners: list[StatusListener] = []
        self._ack_listeners: list[AckListener] = []
        self._valve_listeners: list[StatusListener] = []
        self._seen_inbox_drops = 0

    # ------------------------------------------------------------------ wiring
    def use_topic_prefix(self, topic_prefix: str) -> None:
        """The prefix the IoT token named (set by the connection before any message of it can arrive)."""
        if self.topic_plan is None or self.topic_plan.prefix != topic_prefix.strip("/"):
            self.topic_plan = TopicPlan(topic_prefix)

    def on_status(self, listener: StatusListener) -> Callable[[], None]:
        """Hear about every device status (online / offline, battery, signal); returns a function to stop."""
        return _subscribe(self._status_listeners, listener)

    def on_valves(self, listener: StatusListener) -> Callable[[], None]:
        """Hear about every valve state a device reports."""
        return _subscribe(self._valve_listeners, listener)

    def on_ack(self, listener: AckListener) -> Callable[[], None]:
        """Hear about every command ack."""
        return _subscribe(self._ack_listeners, listener)

    def add_recent(self, key: SeriesKey, ts: npt.ArrayLike, values: npt.ArrayLike) -> int:
        """Readings from the server's history just before the live ones (the minute under way when the history
        was fetched): into the series, so the plot runs on from the history without a hole, but not into the
        rollups (that minute is rolled up from what arrives live). Announced on the next tick; returns how many
        points were stored. They go before the points already held, never among them: two sources interleaved
        would draw a zigzag wherever they disagree."""
        series = self.store.get_or_create(key)
        if series is None:
            return 0
        ts_arr, value_arr = np.asarray(ts, dtype=np.float64), np.asarray(values, dtype=np.float64)
        first = series.first_ts
        if first is not None:
            earlier = ts_arr < first
            ts_arr, value_arr = ts_arr[earlier], value_arr[earlier]
        stored = series.extend(ts_arr, value_arr)
        if stored:
            self._changed.add(key)
        return stored

    def take_changed(self) -> set[SeriesKey]:
        """The series that received points since the last call (what a render tick repaints)."""
        changed, self._changed = self._changed, set()
        return changed

    # ------------------------------------------------------------------ draining
    def drain(self, budget_s: float = 0.010, batch: int = BATCH) -> int:
        """Process what the inbox holds, for about `budget_s` at most (the loop must stay responsive; what is
        left waits for the next tick). Returns how many messages were processed."""
        deadline = time.perf_counter() + budget_s
        now = self._clock()
        processed = 0
        handle = self._handle
        while True:
            messages = self.inbox.take(batch)
            for topic, payload in messages:
                handle(topic, payload, now)
            processed += len(messages)
            if len(messages) < batch or time.perf_counter() >= deadline:
                break
        self._store_runs(now)
        if self.inbox.dropped != self._seen_inbox_drops:
            dropped = self.inbox.dropped - self._seen_inbox_drops
            self._seen_inbox_drops = self.inbox.dropped
            self.counters.rejected[Reason.INBOX_FULL] += dropped
            self._problems.note(Reason.INBOX_FULL, f"the inbox ({dropped} messages)")
        self._problems.flush()
        return processed

    def handle(self, topic: str, payload: bytes, now: float | None = None) -> None:
        """One message, stored before this returns (any exception a parser could raise is a bug; it is logged,
        never raised)."""
        now = self._clock() if now is None else now
        self._handle(topic, payload, now)
        self._store_runs(now)

    def _handle(self, topic: str, payload: bytes, now: float) -> None:
        plan = self.topic_plan
        route = plan.parse(topic) if plan is not None else None
        if route is None:
            self._reject(Reason.BAD_TOPIC, topic)
            return
        try:
            if route.kind is Kind.TELEMETRY:
                self._telemetry(route, payload, now)
                self.counters.messages[Kind.TELEMETRY] += 1
                self._seen[route.device_id] = route.project_id
                return
            self._store_runs(now)  # what came before this message is in place before anyone hears of it
            if route.kind is Kind.STATUS:
                self._status(route, payload, now)
            elif route.kind is Kind.STATE:
                self._state(route, payload, now)
            elif route.kind is Kind.ACK:
                self._ack(route, payload, now)
            else:
                return  # our own commands echo back only if someone subscribes to `cmd`; not ingested
        except Malformed as exc:
            self._reject(exc.reason, route.device_id)
            return
        except Exception:
            log.exception("ingest failed on a %s message from %s", route.kind, route.device_id)
            self._reject(Reason.BAD_FIELD, route.device_id)
            return
        self.counters.messages[route.kind] += 1
        self.devices.seen(route.device_id, route.project_id, now)

    def _reject(self, reason: Reason, where: str) -> None:
        self.counters.rejected[reason] += 1
        self._problems.note(reason, where[:120])

    def _telemetry(self, route: Route, payload: bytes, now: float) -> None:
        telemetry = payloads.parse_telemetry(payload, now)
        for reason in telemetry.refused:
            self._reject(reason, route.device_id)
        ts = telemetry.ts
        held = self._held
        if self.store.generation != self._held_generation:  # a series was dropped: what is held may be stale
            self._store_runs(now)
            held.clear()
            self._held_generation = self.store.generation
        device_id = route.device_id
        for metric, value in telemetry.metrics:
            run = held.get((device_id, metric))
            if run is None:
                key = SeriesKey(device_id, metric)
                series = self.store.get_or_create(key)
                if series is None:
                    self._reject(Reason.TOO_MANY_SERIES, device_id)
                    continue
                run = held[(device_id, metric)] = _Run(key, series)
            if not run.ts:
                self._runs.append(run)
            run.ts.append(ts)
            run.values.append(value)

    def _store_runs(self, now: float) -> None:
        """Store the points gathered since the last call, series by series, and note the devices heard from."""
        if self._runs:
            runs, self._runs = self._runs, []
            store_outcomes = self.counters.outcomes
            rollups, changed = self.rollups, self._changed
            stored_points = 0
            for run in runs:
                ts, values = run.ts, run.values
                run.ts, run.values = [], []
                outcomes = run.series.append_run(ts, values)
                if outcomes is None:
                    stored = len(ts)
                    store_outcomes[Appended.APPENDED] += stored
                    rollups.add_run(run.key, ts, values)
                else:
                    store_outcomes.update(outcomes)
                    kept = [index for index, outcome in enumerate(outcomes) if outcome.stored]
                    stored = len(kept)
                    rollups.add_run(run.key, [ts[index] for index in kept], [values[index] for index in kept])
                if stored:
                    stored_points += stored
                    changed.add(run.key)
            self.counters.points += stored_points
        if self._seen:
            seen, self._seen = self._seen, {}
            for device_id, project_id in seen.items():
                self.devices.seen(device_id, project_id, now)

    def _status(self, route: Route, payload: bytes, now: float) -> None:
        report = payloads.parse_status(payload, now)
        info = self.devices.status(
            route.device_id,
            route.project_id,
            online=report.online,
            ts=report.ts,
            battery_pct=report.battery_pct,
            rssi_dbm=report.rssi_dbm,
        )
        _notify(self._status_listeners, info)

    def _state(self, route: Route, payload: bytes, now: float) -> None:
        report = payloads.parse_state(payload, now)
        valves = {valve.valve_id: ValveSeen(valve.state, valve.since, report.ts) for valve in report.valves}
        info = self.devices.valves(route.device_id, route.project_id, valves)
        _notify(self._valve_listeners, info)

    def _ack(self, route: Route, payload: bytes, now: float) -> None:
        ack = payloads.parse_ack(payload, now)
        _notify(self._ack_listeners, route.device_id, ack)


def _subscribe(listeners: list[Callable[..., None]], listener: Callable[..., None]) -> Callable[[], None]:
    listeners.append(listener)
    return lambda: listeners.remove(listener) if listener in listeners else None


def _notify(listeners: list[Callable[..., None]], *args: object) -> None:
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            # A pane's bug must not stop the telemetry of every other pane.
            log.exception("an MQTT listener failed")
