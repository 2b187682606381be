"""The alarm journal: raised by the domain's rules over live telemetry (or by an escalated close), then
acknowledged and cleared by a person.

Once a second the pane hands `evaluate()` every condition that holds now (hydrodesk.domain.telemetry_alarms);
`Debounce` turns them into raised and cleared alarms. A raised alarm opens a journal entry and a desktop
notification; the entry stays in the journal for good: acknowledging says "someone is on it", clearing closes
it. Clearing an alarm whose condition still holds starts its debounce afresh, so it comes back if the problem is
real.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from hydrodesk.domain.telemetry_alarms import AlarmKind, Condition, Debounce

CLOSE_UNCONFIRMED = "close_unconfirmed"  # an escalated close: not a telemetry rule, but an alarm all the same
# A command the device acknowledged that this office's telemetry never showed carried out in time.
COMMAND_UNCONFIRMED = "command_unconfirmed"
# A command the server called confirmed while this office's telemetry says the valve did not do it.
CONFIRM_CONTRADICTED = "confirm_contradicted"
ESCALATIONS = frozenset({CLOSE_UNCONFIRMED, COMMAND_UNCONFIRMED, CONFIRM_CONTRADICTED})


@dataclass
class AlarmEntry:
    alarm_id: int
    kind: str  # an AlarmKind value, or one of the ESCALATIONS
    device_id: str
    valve_id: str | None
    value: float | None
    raised_at: float
    subject: str = ""
    """Who it is about, for a person: "Válvula A-1 Norte (Lote A-1)" or the device id."""
    active: bool = True
    """The condition still holds (or nobody cleared an escalation yet)."""
    acknowledged_at: float | None = None
    acknowledged_by: str | None = None
    cleared_at: float | None = None
    cleared_by: str | None = None
    """A person's name, or "" when the condition went away by itself."""
    key: tuple[str, str, str | None] = field(default=("", "", None))

    @property
    def open(self) -> bool:
        """Still needs someone: not cleared."""
        return self.cleared_at is None

    @property
    def needs_attention(self) -> bool:
        return self.open and self.acknowledged_at is None


class AlarmCenter(QObject):
    raised = Signal(object)  # AlarmEntry: a new alarm
    changed = Signal()  # anything in the journal changed

    def __init__(
        self, hold_s: Callable[[], float], clock: Callable[[], float] = time.time, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._hold_s = hold_s
        self._clock = clock
        self._debounce = Debounce(hold_s())
        self._ids = itertools.count(1)
        self.journal: list[AlarmEntry] = []  # oldest first
        self._open_by_key: dict[tuple[str, str, str | None], AlarmEntry] = {}
        self.subject_of: Callable[[str, str | None], str] = lambda device, valve: valve or device

    # ------------------------------------------------------------------------------------------ rules
    def evaluate(self, conditions: list[Condition], now: float | None = None) -> None:
        now = self._clock() if now is None else now
        self._debounce.hold_s = self._hold_s()
        raised, cleared = self._debounce.update(conditions, now)
        for condition in raised:
            self._raise(condition.kind.value, condition.device_id, condition.valve_id, condition.value, now)
        for condition in cleared:
            entry = self._open_by_key.get(_key(condition.kind.value, condition.device_id, condition.valve_id))
            if entry is not None and entry.active:
                entry.active = False
                if entry.acknowledged_at is not None:
                    # Seen by someone and gone by itself: closed. Unseen ones stay until someone looks.
                    self._close(entry, "", now)
        if raised or cleared:
            self.changed.emit()

    def escalate(
        self,
        device_id: str,
        valve_id: str,
        subject: str,
        kind: str = CLOSE_UNCONFIRMED,
        value: float | None = None,
    ) -> AlarmEntry:
        """A command the field did not carry out as promised (`kind`: a close not confirmed, a command acked but
        never confirmed, a confirmation the telemetry contradicts; `value`: the flow that tells, if any)."""
        existing = self._open_by_key.get(_key(kind, device_id, valve_id))
        if existing is not None:
            return existing
        entry = self._raise(kind, device_id, valve_id, value, self._clock(), subject)
        self.changed.emit()
        return entry

    def _raise(
        self, kind: str, device_id: str, valve_id: str | None, value: float | None, now: float, subject: str = ""
    ) -> AlarmEntry:
        key = _key(kind, device_id, valve_id)
        entry = AlarmEntry(
            next(self._ids),
            kind,
            device_id,
            valve_id,
            value,
            now,
            subject or self.subject_of(device_id, valve_id),
            key=key,
        )
        self.journal.append(entry)
        self._open_by_key[key] = entry
        self.raised.emit(entry)
        return entry

    # ------------------------------------------------------------------------------------------ people
    def acknowledge(self, alarm_id: int, by: str) -> bool:
        entry = self.entry(alarm_id)
        if entry is None or entry.acknowledged_at is not None or not entry.open:
            return False
        entry.acknowledged_at = self._clock()
        entry.acknowledged_by = by
        if not entry.active and entry.kind not in ESCALATIONS:
            self._close(entry, "", entry.acknowledged_at)
        self.changed.emit()
        return True

    def clear(self, alarm_id: int, by: str) -> bool:
        entry = self.entry(alarm_id)
        if entry is None or not entry.open:
            return False
        self._close(entry, by, self._clock())
        # If the problem is still there, the rule raises it again after its hold time.
        if entry.kind not in ESCALATIONS:
            self._debounce.active.pop((AlarmKind(entry.kind), entry.device_id, entry.valve_id), None)
            self._debounce._first_seen.pop((AlarmKind(entry.kind), entry.device_id, entry.valve_id), None)
        self.changed.emit()
        return True

    def _close(self, entry: AlarmEntry, by: str, at: float) -> None:
        entry.cleared_at = at
        entry.cleared_by = by
        entry.active = False
        if self._open_by_key.get(entry.key) is entry:
            del self._open_by_key[entry.key]

    # ------------------------------------------------------------------------------------------ reading
    def entry(self, alarm_id: int) -> AlarmEntry | None:
        return next((entry for entry in self.journal if entry.alarm_id == alarm_id), None)

    def open_alarms(self) -> list[AlarmEntry]:
        return [entry for entry in self.journal if entry.open]

    def needing_attention(self) -> list[AlarmEntry]:
        return [entry for entry in self.journal if entry.needs_attention]

    def find(self, kind: str, valve_id: str | None = None, device_id: str | None = None) -> AlarmEntry | None:
        """The newest open alarm of `kind` (for one valve or device)."""
        for entry in reversed(self.journal):
            if (
                entry.open
                and entry.kind == kind
                and (valve_id is None or entry.valve_id == valve_id)
                and (device_id is None or entry.device_id == device_id)
            ):
                return entry
        return None


def _key(kind: str, device_id: str, valve_id: str | None) -> tuple[str, str, str | None]:
    return (kind, device_id, valve_id)
