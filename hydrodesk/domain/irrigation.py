"""Irrigation rules shared by the console and the simulator: valve command lifecycle, durations, flow envelopes.

Pure Python, no I/O. A valve shows two things separately: what was commanded and what the field reports. The
rules here decide how a command may move through its life and whether a measured flow fits what a valve should
deliver.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ValveAction(StrEnum):
    OPEN = "open"
    CLOSE = "close"


class ObservedState(StrEnum):
    """What the field reports for a valve."""

    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"
    FAULT = "fault"


class CommandStatus(StrEnum):
    """`pending → sent → acked → confirmed` (confirmed: telemetry shows the valve really changed), or an end in
    `failed` / `expired`."""

    PENDING = "pending"
    SENT = "sent"
    ACKED = "acked"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    EXPIRED = "expired"


# The happy path in order. Messages from the field can overtake each other (a device's ack may be handled before
# the note that the command went out), so a command may skip forward along this path but never go back.
_HAPPY_PATH = (CommandStatus.PENDING, CommandStatus.SENT, CommandStatus.ACKED, CommandStatus.CONFIRMED)
TERMINAL_STATUSES = frozenset({CommandStatus.CONFIRMED, CommandStatus.FAILED, CommandStatus.EXPIRED})
# Expiry means "not delivered in time": once a device has acknowledged a command it can no longer expire.
_CAN_EXPIRE = frozenset({CommandStatus.PENDING, CommandStatus.SENT})

MIN_DURATION_MIN = 1
MAX_DURATION_MIN = 720  # 12 hours: the longest a console may ask a valve to stay open


class InvalidTransition(ValueError):
    """A command was asked to move to a status its lifecycle does not allow."""


def is_terminal(status: CommandStatus | str) -> bool:
    return CommandStatus(status) in TERMINAL_STATUSES


def can_transition(current: CommandStatus | str, target: CommandStatus | str) -> bool:
    """Whether a command in `current` may move to `target` (staying put is not a transition)."""
    current, target = CommandStatus(current), CommandStatus(target)
    if current in TERMINAL_STATUSES or current == target:
        return False
    if target == CommandStatus.FAILED:
        return True
    if target == CommandStatus.EXPIRED:
        return current in _CAN_EXPIRE
    return _HAPPY_PATH.index(target) > _HAPPY_PATH.index(current)


def check_transition(current: CommandStatus | str, target: CommandStatus | str) -> CommandStatus:
    """`target` as a CommandStatus, or InvalidTransition saying why the move is refused."""
    if not can_transition(current, target):
        raise InvalidTransition(f"a command that is {current} cannot become {target}")
    return CommandStatus(target)


def has_expired(status: CommandStatus | str, expires_at: datetime | None, now: datetime) -> bool:
    """True when a command that was never acknowledged has passed its delivery deadline."""
    return expires_at is not None and CommandStatus(status) in _CAN_EXPIRE and now >= expires_at


def validate_duration(action: ValveAction | str, duration_min: object) -> int | None:
    """The duration a command carries: required (1–720 whole minutes) to open, absent to close.

    An open command always carries a duration so that a valve never stays open on the console's say-so alone:
    the device closes it when the time is up even if every later message is lost.
    """
    action = ValveAction(action)
    if action == ValveAction.CLOSE:
        if duration_min is not None:
            raise ValueError("durationMin applies only to open commands; leave it out to close a valve.")
        return None
    if duration_min is None:
        raise ValueError(f"durationMin is required to open a valve ({MIN_DURATION_MIN}–{MAX_DURATION_MIN} minutes).")
    if isinstance(duration_min, bool) or not isinstance(duration_min, int | float):
        raise ValueError("durationMin must be a whole number of minutes.")
    if isinstance(duration_min, float):
        # 45.0 is a whole number; NaN, infinity and 2.5 are not (and never reach int(), which would raise).
        if not (math.isfinite(duration_min) and duration_min.is_integer()):
            raise ValueError("durationMin must be a whole number of minutes.")
        duration_min = int(duration_min)
    if not MIN_DURATION_MIN <= duration_min <= MAX_DURATION_MIN:
        raise ValueError(f"durationMin must be between {MIN_DURATION_MIN} and {MAX_DURATION_MIN} minutes.")
    return duration_min


# ------------------------------------------------------------------------------------------------ flow
# Below this a closed valve counts as shut: flow meters read a little noise even with no water moving.
LEAK_THRESHOLD_LPM = 1.0


class FlowCheck(StrEnum):
    OK = "ok"
    NO_DATA = "no_data"
    LOW = "low"  # open but starved: a clogged filter, a closed upstream valve, a stuck actuator
    HIGH = "high"  # open and gushing: a burst lateral or a broken fitting
    LEAK = "leak"  # closed but water is moving: a valve that does not seal


@dataclass(frozen=True)
class FlowEnvelope:
    """The flow a valve should deliver when open, litres per minute."""

    min_lpm: float
    max_lpm: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.min_lpm) and math.isfinite(self.max_lpm)):
            raise ValueError("a flow envelope needs finite bounds")
        if self.min_lpm < 0 or self.min_lpm > self.max_lpm:
            raise ValueError(f"a flow envelope needs 0 <= min <= max, got {self.min_lpm}..{self.max_lpm}")

    @classmethod
    def around(cls, nominal_lpm: float, tolerance: float = 0.15) -> FlowEnvelope:
        """The envelope ±`tolerance` around a valve's design flow."""
        return cls(round(nominal_lpm * (1 - tolerance), 1), round(nominal_lpm * (1 + tolerance), 1))


def check_flow(
    observed_state: ObservedState | str,
    flow_lpm: float | None,
    envelope: FlowEnvelope,
    leak_lpm: float = LEAK_THRESHOLD_LPM,
) -> FlowCheck:
    """Whether a measured flow fits the valve's reported state and its envelope (`leak_lpm`: the most a closed
    valve may read)."""
    state = ObservedState(observed_state)
    if flow_lpm is None or not math.isfinite(flow_lpm):
        return FlowCheck.NO_DATA
    if state == ObservedState.CLOSED:
        return FlowCheck.LEAK if flow_lpm > leak_lpm else FlowCheck.OK
    if state == ObservedState.OPEN:
        if flow_lpm < envelope.min_lpm:
            return FlowCheck.LOW
        if flow_lpm > envelope.max_lpm:
            return FlowCheck.HIGH
        return FlowCheck.OK
    # unknown or fault: the flow alone cannot be judged against a state nobody knows
    return FlowCheck.NO_DATA


def irrigation_volume_l(duration_min: float, flow_lpm: float) -> float:
    """Water delivered by a valve open for `duration_min` at an average `flow_lpm`."""
    if duration_min < 0 or flow_lpm < 0:
        raise ValueError("duration and flow must not be negative")
    return round(duration_min * flow_lpm, 1)
