"""Interlocks and alarm limits for valve commands from the console (pure: the caller supplies every reading).

Before an open goes out the console checks, for the valve's project:
- how many valves are open, or about to be (observed open, or an open command still on its way), against
  `max_open_valves` (the pump and the mainline are sized for so many at once);
- the line pressure at the valve's device against `min_line_pressure_bar` (opening on a line that has lost
  pressure starves every valve on it, or hides a burst);
- whether the valve belongs to a program that is running (allowed, but the user is warned: the program's own
  close will later override the manual command).
A blocking interlock stops the command; a warning asks for the user's attention and lets them go on.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class IrrigationLimits:
    max_open_valves: int = 4
    """Valves of one project open at the same time."""
    min_line_pressure_bar: float = 1.5
    """No open below this line pressure; it is also the low-pressure alarm threshold."""
    max_line_pressure_bar: float = 5.0
    """The high-pressure alarm threshold."""
    alarm_hold_s: float = 20.0
    """How long a condition must hold before it is an alarm (and be gone before the alarm clears)."""
    expected_report_s: float = 5.0
    """How often a device reports at the slowest; silence for five of these is "offline"."""
    close_confirm_s: float = 60.0
    """A close not confirmed by the field within this time is sent again (same commandId), then escalated."""
    close_retries: int = 1
    confirm_within_s: float = 30.0
    """An open the office's own flow readings do not show carried out within this time after the device's ack
    (or the server's "confirmed") is an alarm."""

    def __post_init__(self) -> None:
        if self.max_open_valves < 1:
            raise ValueError("at least one valve must be allowed open")
        if not (math.isfinite(self.min_line_pressure_bar) and math.isfinite(self.max_line_pressure_bar)):
            raise ValueError("pressure limits must be numbers")
        if self.min_line_pressure_bar >= self.max_line_pressure_bar:
            raise ValueError("the low pressure limit must be below the high one")
        times = (self.expected_report_s, self.close_confirm_s, self.confirm_within_s)
        if self.alarm_hold_s < 0 or min(times) <= 0:
            raise ValueError("times must be positive")


class InterlockKind(StrEnum):
    TOO_MANY_OPEN = "too_many_open"
    LOW_PRESSURE = "low_pressure"
    PRESSURE_UNKNOWN = "pressure_unknown"
    PROGRAM_RUNNING = "program_running"
    DEVICE_OFFLINE = "device_offline"


@dataclass(frozen=True)
class Interlock:
    kind: InterlockKind
    blocking: bool
    value: float | None = None
    limit: float | None = None
    names: tuple[str, ...] = ()
    """The programs affected, the valves open: whatever the sentence for a person names."""


def check_open(
    valve_id: str,
    open_valves: Collection[str],
    line_pressure_bar: float | None,
    limits: IrrigationLimits,
    *,
    running_programs: Collection[str] = (),
    device_online: bool | None = True,
) -> list[Interlock]:
    """What stands in the way of opening `valve_id` (blocking first). `open_valves`: the project's valves open
    or being opened; `running_programs`: names of the running programs that water this valve."""
    found: list[Interlock] = []
    others = set(open_valves) - {valve_id}
    if valve_id not in open_valves and len(others) >= limits.max_open_valves:
        found.append(_too_many_open(others, limits))
    if line_pressure_bar is None or not math.isfinite(line_pressure_bar):
        found.append(Interlock(InterlockKind.PRESSURE_UNKNOWN, False, None, limits.min_line_pressure_bar))
    elif line_pressure_bar < limits.min_line_pressure_bar:
        found.append(Interlock(InterlockKind.LOW_PRESSURE, True, line_pressure_bar, limits.min_line_pressure_bar))
    if device_online is False:
        found.append(Interlock(InterlockKind.DEVICE_OFFLINE, False))
    if running_programs:
        found.append(Interlock(InterlockKind.PROGRAM_RUNNING, False, names=tuple(sorted(running_programs))))
    return sorted(found, key=lambda interlock: not interlock.blocking)


def _too_many_open(others: Collection[str], limits: IrrigationLimits) -> Interlock:
    """Blocking: `others` (the project's valves open besides the ones asked for) leave no room under the limit."""
    return Interlock(
        InterlockKind.TOO_MANY_OPEN, True, float(len(others)), float(limits.max_open_valves), tuple(sorted(others))
    )


def check_close(running_programs: Collection[str] = (), device_online: bool | None = True) -> list[Interlock]:
    """A close is never blocked (the water must always be stoppable), but the user hears what it affects."""
    found: list[Interlock] = []
    if device_online is False:
        found.append(Interlock(InterlockKind.DEVICE_OFFLINE, False))
    if running_programs:
        found.append(Interlock(InterlockKind.PROGRAM_RUNNING, False, names=tuple(sorted(running_programs))))
    return found


def check_program_start(
    program_valves: Collection[str],
    open_valves: Collection[str],
    line_pressures_bar: Collection[float | None],
    limits: IrrigationLimits,
    *,
    devices_online: Collection[bool | None] = (),
) -> list[Interlock]:
    """What stands in the way of starting a program that opens `program_valves` (blocking first), with the same
    limits as a manual open: the project's open valves plus the program's within `max_open_valves`, and enough
    pressure on every line the program uses (`line_pressures_bar`: one reading per device it uses)."""
    found: list[Interlock] = []
    others = set(open_valves) - set(program_valves)
    if len(others) + len(set(program_valves)) > limits.max_open_valves:
        found.append(_too_many_open(others, limits))
    known = [value for value in line_pressures_bar if value is not None and math.isfinite(value)]
    if known and min(known) < limits.min_line_pressure_bar:
        found.append(Interlock(InterlockKind.LOW_PRESSURE, True, min(known), limits.min_line_pressure_bar))
    if len(known) < len(line_pressures_bar) or not line_pressures_bar:
        found.append(Interlock(InterlockKind.PRESSURE_UNKNOWN, False, None, limits.min_line_pressure_bar))
    if any(online is False for online in devices_online):
        found.append(Interlock(InterlockKind.DEVICE_OFFLINE, False))
    return sorted(found, key=lambda interlock: not interlock.blocking)
