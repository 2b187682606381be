"""The session's alarm service: watches every valve and device of the farm from sign-in to sign-out, whatever pane
is open, and keeps the journal in the store.

Built by the SessionController next to the session's LiveTelemetry and handed to panes through PaneContext. It
evaluates the rules (hydrodesk.domain.alarm_watch) whenever a watched device's telemetry or status arrives, and once
a second for silence; the journal's logic is the pure AlarmBook. Each raised alarm reaches the user through the
status bar's badge (the window listens to `changed`), a desktop notification (rate-limited) and, if chosen, a
beep. Every change to an entry is written to the store, so a restart brings the open alarms back open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from hydrodesk.domain.alarm_journal import CRITICAL, AlarmEntry, NotifyLimiter
from hydrodesk.domain.alarm_judge import AlarmJudge
from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.alarm_watch import WatchedValve, valve_rule
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry_alarms import Key
from hydrodesk.domain.telemetry_devices import DeviceInfo
from hydrodesk.ui.formats import counted
from hydrodesk.ui.irrigation.alarms import AlarmCenter
from hydrodesk.ui.irrigation.models import alarm_title, alarm_value
from hydrodesk.ui.irrigation.notify import DesktopNotifier

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project
    from hydrodesk.domain.telemetry import SeriesKey
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.live.telemetry import LiveTelemetry

log = logging.getLogger(__name__)

SILENCE_CHECK_MS = 1_000


class _LiveReadings:
    """The rules' view of the session's telemetry hub."""

    def __init__(self, live: LiveTelemetry) -> None:
        self._live = live

    def device(self, device_id: str) -> DeviceInfo | None:
        return self._live.devices.get(device_id)

    def latest(self, device_id: str, metric: str) -> tuple[float, float] | None:
        return self._live.latest(device_id, metric)


class AlarmService(AlarmCenter):
    rules_changed = Signal()

    def __init__(
        self,
        live: LiveTelemetry,
        client: HydrobitClient,
        office: Office | None,
        *,
        limits: IrrigationLimits,
        user_name: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(lambda: self.limits.alarm_hold_s, parent=parent)
        self.limits = limits
        self.user_name = user_name
        self.live = live
        self._client = client
        self._office = office
        self._readings = _LiveReadings(live)
        self._devices: set[str] = set()
        self.rules: dict[str, ValveRule] = {}
        """The valves' own rules, by valve id."""
        self.sector_rules: dict[str, ValveRule] = {}
        """The sectors' rules, by sector id (for their valves' thresholds the valves leave empty)."""
        self.judge = AlarmJudge()
        self._judged_limits: IrrigationLimits | None = None
        self.settings = AlarmSettings()
        self.subject_of = self._subject_of
        self.notifier = DesktopNotifier(self)
        self.limiter = NotifyLimiter(self.settings.notify_gap_s)
        self.beeps = 0  # how many times a raised alarm beeped (diagnostics, tests)
        self.evaluations = 0
        self._writes: set[asyncio.Task[None]] = set()
        self._loading: asyncio.Task[None] | None = None
        self.ready = False
        """The journal and rules are loaded from the store (until then nothing is evaluated)."""
        self._held_timer = QTimer(self)
        self._held_timer.setSingleShot(True)
        self._held_timer.timeout.connect(self._notify_held)
        self._silence_timer = QTimer(self)
        self._silence_timer.setInterval(SILENCE_CHECK_MS)
        self._silence_timer.timeout.connect(self.evaluate_now)
        self.raised.connect(self._on_raised)

    # ------------------------------------------------------------------------------------------ life
    async def start(self) -> None:
        """Bring back the journal and the rules of earlier runs, then start watching."""
        office = self._office
        if office is not None:
            from hydrodesk.store import alarms as stored

            try:
                entries = await office.store.read(stored.load_journal)
                self.rules, self.settings = await office.store.read(stored.load_rules)
                self.sector_rules = await office.store.read(stored.load_sector_rules)
            except Exception:  # an unreadable journal must not stop the watching
                log.exception("could not read the alarm journal")
                entries = []
            self.book.restore(entries, self.clock())
            self.limiter.gap_s = self.settings.notify_gap_s
        self.ready = True
        self.live.ticked.connect(self._on_ticked)
        self.live.device_changed.connect(self._on_device)
        self.live.valves_changed.connect(self._on_device)
        self._silence_timer.start()
        if self.journal:
            self.changed.emit()

    def watch_projects(self, projects: Sequence[Project]) -> None:
        """The farm (re)loaded: watch every valve of these projects (fetched, or from the cache offline)."""
        self.project_names = {project.project_id: project.name for project in projects}
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        self._loading = asyncio.ensure_future(self._load_valves(list(projects)))

    async def _load_valves(self, projects: list[Project]) -> None:
        from hydrodesk.sync.alarm_valves import watched_valves

        try:
            valves = await watched_valves(projects, self._client, self._office)
        except Exception:
            log.exception("could not load the valves the alarms watch")
            return
        if valves or not self.valves:
            self.set_valves(valves)

    def set_valves(self, valves: Sequence[WatchedValve]) -> None:
        self.valves = list(valves)
        self._devices = {valve.device_id for valve in self.valves}
        self.judge.set_valves(self.valves)
        self._update_holds()
        self.valves_changed.emit()

    async def aclose(self) -> None:
        """Stop watching and let the last journal writes finish (before the office's database closes)."""
        self._silence_timer.stop()
        self._held_timer.stop()
        for signal, slot in (
            (self.live.ticked, self._on_ticked),
            (self.live.device_changed, self._on_device),
            (self.live.valves_changed, self._on_device),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # never connected (closed before it started)
                signal.disconnect(slot)
        if self._loading is not None:
            self._loading.cancel()
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    # ------------------------------------------------------------------------------------------ watching
    def _on_ticked(self, changed: set[SeriesKey]) -> None:
        devices = {key.device_id for key in changed} & self._devices
        if devices:
            self.judge.touch(devices)
            self.evaluate_now()

    def _on_device(self, info: DeviceInfo) -> None:
        if info.device_id in self._devices:
            self.judge.touch((info.device_id,))
            self.evaluate_now()

    def evaluate_now(self) -> None:
        """Judge what changed since the last time (hydrodesk.domain.alarm_judge), then debounce every condition."""
        if not self.ready or not self.valves or not self.live.connected:
            # Disconnected, every device would look silent: judge only what the field really told us (and, back,
            # everything afresh).
            self._judged_limits = None
            return
        if self.limits != self._judged_limits:  # the user changed the limits, or the connection came back
            self._judged_limits = self.limits
            self.judge.touch_all()
        now = self.clock()
        self.evaluations += 1
        conditions = self.judge.conditions(
            self._readings, now, self.limits, self.rules, self.settings, self.sector_rules
        )
        self.evaluate(conditions, now, judged=self._judged)

    def _update_holds(self) -> None:
        """Each valve's own delay, or its sector's, where the user set one (the debounce holds by it)."""
        holds = {}
        for valve in self.valves:
            rule = valve_rule(valve, self.rules, self.sector_rules)
            if rule is not None and rule.hold_s is not None:
                holds[valve.valve_id] = rule.hold_s
        self.book.debounce.valve_hold_s = holds

    def _judged(self, key: Key) -> bool:
        """A device not heard from since the start keeps whatever alarms it had."""
        return self.live.devices.get(key[1]) is not None

    def _subject_of(self, device_id: str, valve_id: str | None) -> str:
        """A valve by its name and sector; a device by its id and the sectors its valves water."""
        if valve_id is not None:
            valve = next((v for v in self.valves if v.valve_id == valve_id), None)
            return valve.subject if valve is not None else valve_id
        sectors = sorted({v.sector_name for v in self.valves if v.device_id == device_id and v.sector_name})
        return f"{device_id} ({', '.join(sectors)})" if sectors else device_id

    # ------------------------------------------------------------------------------------------ rules
    async def save_rules(
        self, rules: Sequence[ValveRule], settings: AlarmSettings, sector_rules: Sequence[ValveRule] | None = None
    ) -> None:
        """The user's thresholds (per valve; per sector, keyed by sector id, unchanged when None), kept in the
        profile's database (in memory only without an office)."""
        self.rules = {rule.valve_id: rule for rule in rules if not rule.is_default}
        if sector_rules is not None:
            self.sector_rules = {rule.valve_id: rule for rule in sector_rules if not rule.is_default}
        self.settings = settings
        self.limiter.gap_s = settings.notify_gap_s
        office = self._office
        if office is not None:
            from hydrodesk.store import alarms as stored

            await office.store.write_durably(
                stored.save_rules,
                list(self.rules.values()),
                settings,
                office.store.now(),
                list(self.sector_rules.values()),
            )
        self._update_holds()
        self.judge.touch_all()
        self.rules_changed.emit()

    # ------------------------------------------------------------------------------------------ store
    def keep(self, entries: list[AlarmEntry], durable: bool = True) -> None:
        office = self._office
        if office is None:
            return
        from hydrodesk.store import alarms as stored

        # Copies: the GUI thread goes on changing the entries while the database thread writes these.
        snapshot = [replace(entry, readings=dict(entry.readings)) for entry in entries]
        # A repeat's count is not worth an fsync per flap; a raise, an acknowledgement or a clear is.
        write = office.store.write_durably if durable else office.store.write
        task = asyncio.ensure_future(write(stored.save_entries, snapshot))
        self._writes.add(task)
        task.add_done_callback(self._written)

    def _written(self, task: asyncio.Task[None]) -> None:
        self._writes.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("could not store an alarm", exc_info=task.exception())

    async def flushed(self) -> None:
        """Every journal change so far is on disk."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    # ------------------------------------------------------------------------------------------ telling the user
    def _on_raised(self, entry: AlarmEntry) -> None:
        log.warning("alarm raised: %s at %s (%s)", entry.kind, entry.subject, alarm_value(entry))
        if self.settings.sound:
            QApplication.beep()  # the desktop's bell: no audio device needed, nothing to fail offscreen
            self.beeps += 1
        now = time.monotonic()
        if not self.limiter.admit(now):
            if not self._held_timer.isActive():
                self._held_timer.start(int(self.limiter.due_in(now) * 1000) + 50)
            return
        title = self.tr("HydroDesk alarm: {alarm}").format(alarm=alarm_title(self, entry.kind))
        reading = alarm_value(entry)
        message = f"{entry.subject} · {reading}" if reading else entry.subject
        self.notifier.notify(title, message, critical=entry.kind in CRITICAL)

    def _notify_held(self) -> None:
        held = self.limiter.take_held()
        if held <= 0:
            return
        self.limiter.admit(time.monotonic())
        attention = len(self.needing_attention())
        self.notifier.notify(
            counted(held, self.tr("HydroDesk: 1 more alarm"), self.tr("HydroDesk: {count} more alarms")),
            counted(
                attention,
                self.tr("1 alarm needs attention. Press Ctrl+Shift+A to see it."),
                self.tr("{count} alarms need attention. Press Ctrl+Shift+A to see them."),
            ),
        )
