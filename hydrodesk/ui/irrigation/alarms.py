"""The alarm journal as a Qt object: the pure AlarmBook (hydrodesk.domain.alarm_journal) with signals.

The session's AlarmService (hydrodesk.ui.alarms.service) is one of these that watches the live telemetry and keeps
the journal in the store; a bare AlarmCenter (in memory) stands in while nobody is signed in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from hydrodesk.domain.alarm_journal import (
    CLOSE_UNCONFIRMED,
    COMMAND_UNCONFIRMED,
    CONFIRM_CONTRADICTED,
    AlarmBook,
    AlarmEntry,
    Changes,
)
from hydrodesk.domain.alarm_watch import WatchedValve
from hydrodesk.domain.telemetry_alarms import Condition, Key

__all__ = ["CLOSE_UNCONFIRMED", "COMMAND_UNCONFIRMED", "CONFIRM_CONTRADICTED", "AlarmCenter", "AlarmEntry"]


class AlarmCenter(QObject):
    raised = Signal(object)  # AlarmEntry: a new alarm
    changed = Signal()  # anything in the journal changed
    valves_changed = Signal()  # the watched valves were (re)loaded

    def __init__(
        self, hold_s: Callable[[], float], clock: Callable[[], float] = time.time, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._hold_s = hold_s
        self.clock = clock
        self.user_name = ""
        """Who acknowledges and clears here (the signed-in user)."""
        self.book = AlarmBook()  # its hold time is read at every evaluation (the user may change it)
        self.valves: list[WatchedValve] = []
        """Every valve of the farm the alarms watch, with its name (none while nobody is signed in)."""
        self.project_names: dict[str, str] = {}
        """Project id -> its name, set with the projects watched."""

    @property
    def journal(self) -> list[AlarmEntry]:
        return self.book.journal

    @property
    def subject_of(self) -> Callable[[str, str | None], str]:
        return self.book.subject_of

    @subject_of.setter
    def subject_of(self, function: Callable[[str, str | None], str]) -> None:
        self.book.subject_of = function

    # ------------------------------------------------------------------------------------------ rules
    def evaluate(
        self, conditions: list[Condition], now: float | None = None, judged: Callable[[Key], bool] | None = None
    ) -> None:
        self.book.debounce.hold_s = self._hold_s()
        self._publish(self.book.evaluate(conditions, self.clock() if now is None else now, judged))

    def escalate(
        self,
        device_id: str,
        valve_id: str,
        subject: str,
        kind: str = CLOSE_UNCONFIRMED,
        value: float | None = None,
    ) -> AlarmEntry:
        """A command the field did not follow (a close not confirmed, an open never seen, a server "confirmed"
        the telemetry contradicts): an alarm until someone clears it."""
        entry, changes = self.book.escalate(kind, device_id, valve_id, subject, self.clock(), value)
        self._publish(changes)
        return entry

    # ------------------------------------------------------------------------------------------ people
    def acknowledge(self, alarm_id: int, by: str) -> bool:
        entry = self.book.acknowledge(alarm_id, by, self.clock())
        if entry is not None:
            self._publish(Changes(changed=[entry]))
        return entry is not None

    def clear(self, alarm_id: int, by: str) -> bool:
        entry = self.book.clear(alarm_id, by, self.clock())
        if entry is not None:
            self._publish(Changes(changed=[entry]))
        return entry is not None

    def _publish(self, changes: Changes) -> None:
        if not changes:
            return
        self.keep(changes.changed, durable=changes.durable)
        for entry in changes.raised:
            self.raised.emit(entry)
        self.changed.emit()

    def keep(self, entries: list[AlarmEntry], durable: bool = True) -> None:
        """Store these changed entries (an in-memory center keeps nothing beyond its journal)."""

    # ------------------------------------------------------------------------------------------ reading
    def entry(self, alarm_id: int) -> AlarmEntry | None:
        return self.book.entry(alarm_id)

    def open_alarms(self) -> list[AlarmEntry]:
        return self.book.open_alarms()

    def needing_attention(self) -> list[AlarmEntry]:
        return self.book.needing_attention()

    def find(self, kind: str, valve_id: str | None = None, device_id: str | None = None) -> AlarmEntry | None:
        """The newest open alarm of `kind` (for one valve or device)."""
        return self.book.find(kind, valve_id, device_id)
