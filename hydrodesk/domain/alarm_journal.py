"""The alarm journal: alarms raised by the rules (or escalated by a command the field did not confirm), then
acknowledged and cleared by people. Pure: the caller says what time it is and stores what changed.

One alarm per problem: while an entry is open (not cleared), the same condition coming back, however often, adds
to that entry's `repeats` instead of opening another, so a flapping sensor is one line with a count. An entry
stays in the journal for good: acknowledging says "someone is on it", clearing closes it. An acknowledged alarm
whose condition went away closes by itself; an unacknowledged one waits until someone has seen it. Clearing an
alarm whose condition still holds starts its debounce afresh, so it comes back if the problem is real.

Open entries of an earlier run are `restore`d into the debounce as active, so a condition that still holds after
a restart does not raise a second entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hydrodesk.domain.telemetry_alarms import AlarmKind, Condition, Debounce, Key

# Escalations: alarms raised by a command's follow-up, not by a telemetry rule.
CLOSE_UNCONFIRMED = "close_unconfirmed"  # a close the field did not confirm: the valve may still be open
COMMAND_UNCONFIRMED = "command_unconfirmed"  # acked, but the telemetry never showed the valve move
CONFIRM_CONTRADICTED = "confirm_contradicted"  # the server says confirmed, the office's telemetry says otherwise
ESCALATIONS = frozenset({CLOSE_UNCONFIRMED, COMMAND_UNCONFIRMED, CONFIRM_CONTRADICTED})
RULE_KINDS = frozenset(kind.value for kind in AlarmKind)
CRITICAL = frozenset({AlarmKind.LEAK.value, CLOSE_UNCONFIRMED, CONFIRM_CONTRADICTED})

EntryKey = tuple[str, str, str | None]


@dataclass
class AlarmEntry:
    alarm_id: int
    kind: str  # an AlarmKind value, or one of the escalations
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
    key: EntryKey = field(default=("", "", None))
    readings: dict[str, float] = field(default_factory=dict)
    """What the device reported when the alarm was raised."""
    repeats: int = 1
    """How many times the problem appeared while this entry stayed open."""
    last_seen_at: float | None = None
    """When the problem last (re)appeared."""

    @property
    def open(self) -> bool:
        """Still needs someone: not cleared."""
        return self.cleared_at is None

    @property
    def needs_attention(self) -> bool:
        return self.open and self.acknowledged_at is None


@dataclass
class Changes:
    raised: list[AlarmEntry] = field(default_factory=list)
    """New entries (each deserves a notification)."""
    changed: list[AlarmEntry] = field(default_factory=list)
    """Every entry new or different (each to be stored)."""
    durable: bool = True
    """Worth a flush to disk: something was raised, closed or done by a person (a repeat's count is not)."""

    def __bool__(self) -> bool:
        return bool(self.changed)

    def touch(self, entry: AlarmEntry) -> None:
        if entry not in self.changed:
            self.changed.append(entry)


class AlarmBook:
    def __init__(self, hold_s: float = 20.0) -> None:
        self.debounce = Debounce(hold_s)
        self.journal: list[AlarmEntry] = []  # oldest first
        self._open_by_key: dict[EntryKey, AlarmEntry] = {}
        self._next_id = 1
        self.subject_of: Callable[[str, str | None], str] = lambda device, valve: valve or device

    # ------------------------------------------------------------------------------------------ rules
    def evaluate(self, conditions: list[Condition], now: float, judged: Callable[[Key], bool] | None = None) -> Changes:
        changes = Changes(durable=False)
        raised, cleared = self.debounce.update(conditions, now, judged)
        for condition in raised:
            self._raise(
                condition.kind.value,
                condition.device_id,
                condition.valve_id,
                condition.value,
                now,
                changes,
                readings=condition.readings,
            )
        for condition in self.debounce.returned:
            entry = self._open_by_key.get(_key(condition.kind.value, condition.device_id, condition.valve_id))
            if entry is not None:
                entry.repeats += 1
                entry.last_seen_at = now
                entry.active = True
                changes.touch(entry)
        for condition in cleared:
            entry = self._open_by_key.get(_key(condition.kind.value, condition.device_id, condition.valve_id))
            if entry is not None and entry.active:
                entry.active = False
                changes.touch(entry)
                if entry.acknowledged_at is not None:
                    # Seen by someone and gone by itself: closed. Unseen ones stay until someone looks.
                    self._close(entry, "", now)
                    changes.durable = True
        changes.durable = changes.durable or bool(changes.raised)
        return changes

    def escalate(
        self,
        kind: str,
        device_id: str,
        valve_id: str | None,
        subject: str,
        now: float,
        value: float | None = None,
    ) -> tuple[AlarmEntry, Changes]:
        """An alarm raised by a command's follow-up; the same one still open only counts once more."""
        changes = Changes()
        existing = self._open_by_key.get(_key(kind, device_id, valve_id))
        if existing is not None:
            existing.repeats += 1
            existing.last_seen_at = now
            changes.touch(existing)
            return existing, changes
        return self._raise(kind, device_id, valve_id, value, now, changes, subject=subject), changes

    def _raise(
        self,
        kind: str,
        device_id: str,
        valve_id: str | None,
        value: float | None,
        now: float,
        changes: Changes,
        *,
        subject: str = "",
        readings: dict[str, float] | None = None,
    ) -> AlarmEntry:
        key = _key(kind, device_id, valve_id)
        existing = self._open_by_key.get(key)
        if existing is not None:
            # Still open from before (its condition went away unseen, or a restart): the same problem again.
            existing.active = True
            existing.repeats += 1
            existing.value = value
            existing.last_seen_at = now
            changes.touch(existing)
            return existing
        entry = AlarmEntry(
            self._next_id,
            kind,
            device_id,
            valve_id,
            value,
            now,
            subject or self.subject_of(device_id, valve_id),
            key=key,
            readings=dict(readings or {}),
            last_seen_at=now,
        )
        self._next_id += 1
        self.journal.append(entry)
        self._open_by_key[key] = entry
        changes.raised.append(entry)
        changes.touch(entry)
        return entry

    # ------------------------------------------------------------------------------------------ people
    def acknowledge(self, alarm_id: int, by: str, now: float) -> AlarmEntry | None:
        entry = self.entry(alarm_id)
        if entry is None or entry.acknowledged_at is not None or not entry.open:
            return None
        entry.acknowledged_at = now
        entry.acknowledged_by = by
        if not entry.active and entry.kind not in ESCALATIONS:
            self._close(entry, "", now)
        return entry

    def clear(self, alarm_id: int, by: str, now: float) -> AlarmEntry | None:
        entry = self.entry(alarm_id)
        if entry is None or not entry.open:
            return None
        self._close(entry, by, now)
        if entry.kind not in ESCALATIONS:
            # If the problem is still there, the rule raises it again after its hold time.
            self.debounce.forget((AlarmKind(entry.kind), entry.device_id, entry.valve_id))
        return entry

    def _close(self, entry: AlarmEntry, by: str, at: float) -> None:
        entry.cleared_at = at
        entry.cleared_by = by
        entry.active = False
        if self._open_by_key.get(entry.key) is entry:
            del self._open_by_key[entry.key]

    # ------------------------------------------------------------------------------------------ a restart
    def restore(self, entries: Iterable[AlarmEntry], now: float) -> None:
        """The journal of an earlier run (oldest first): open alarms come back open, and their conditions count
        as already raised."""
        for entry in entries:
            entry.key = _key(entry.kind, entry.device_id, entry.valve_id)
            self.journal.append(entry)
            self._next_id = max(self._next_id, entry.alarm_id + 1)
            if not entry.open:
                continue
            self._open_by_key[entry.key] = entry
            if entry.active and entry.kind not in ESCALATIONS and entry.kind in AlarmKind._value2member_map_:
                self.debounce.restore(
                    Condition(AlarmKind(entry.kind), entry.device_id, entry.valve_id, entry.value), now
                )
        self.journal.sort(key=lambda entry: entry.alarm_id)

    # ------------------------------------------------------------------------------------------ reading
    def entry(self, alarm_id: int) -> AlarmEntry | None:
        return next((entry for entry in reversed(self.journal) if entry.alarm_id == alarm_id), None)

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


class NotifyLimiter:
    """At most one desktop notification every `gap_s`; what is held back meanwhile is counted for the next."""

    def __init__(self, gap_s: float) -> None:
        self.gap_s = gap_s
        self._last: float | None = None
        self.held = 0

    def admit(self, now: float) -> bool:
        if self._last is not None and now - self._last < self.gap_s:
            self.held += 1
            return False
        self._last = now
        return True

    def take_held(self) -> int:
        held, self.held = self.held, 0
        return held

    def due_in(self, now: float) -> float:
        """Seconds until a held-back notification may go out."""
        return 0.0 if self._last is None else max(0.0, self.gap_s - (now - self._last))


def _key(kind: str, device_id: str, valve_id: str | None) -> EntryKey:
    return (kind, device_id, valve_id)
