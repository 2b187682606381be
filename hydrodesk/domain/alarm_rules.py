"""The office's alarm rules: thresholds and delays per sector and per valve, and the few settings that apply to
every alarm.

A valve's flow envelope defaults to its `expectedFlow` from the server, its leak threshold to
LEAK_THRESHOLD_LPM and its delay to the office's `alarm_hold_s`; the user may set any of them for a whole sector
(a sector on a long lateral takes longer to reach its flow) and for one valve (an old one weeps a little when
closed). What a valve leaves empty comes from its sector's rule, what the sector leaves empty from the defaults.
Only what the user set is kept: a valve whose server envelope changes follows it unless someone fixed its own.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Any

from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM, FlowEnvelope

DEFAULT_BATTERY_LOW_PCT = 20.0
DEFAULT_NOTIFY_GAP_S = 10.0
NO_UPPER_LPM = 1e6  # "no upper bound" for a valve the server gives no envelope and the user only a lower one


RULE_FIELDS = ("min_lpm", "max_lpm", "leak_lpm", "hold_s")


@dataclass(frozen=True)
class ValveRule:
    """What the user set for one valve (or, keyed by its sector id, for every valve of a sector); None: the
    default."""

    valve_id: str
    min_lpm: float | None = None
    max_lpm: float | None = None
    leak_lpm: float | None = None
    hold_s: float | None = None

    def __post_init__(self) -> None:
        for name in ("min_lpm", "max_lpm", "leak_lpm", "hold_s"):
            value = getattr(self, name)
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ValueError(f"{name} must be a number of zero or more")
        if self.min_lpm is not None and self.max_lpm is not None and self.min_lpm >= self.max_lpm:
            raise ValueError("the lowest flow must be below the highest")

    @property
    def is_default(self) -> bool:
        return self.min_lpm is None and self.max_lpm is None and self.leak_lpm is None and self.hold_s is None

    def as_json(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None and name != "valve_id"}

    @classmethod
    def from_json(cls, valve_id: str, data: dict[str, Any]) -> ValveRule:
        def number(name: str) -> float | None:
            value = data.get(name)
            return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

        return cls(valve_id, number("min_lpm"), number("max_lpm"), number("leak_lpm"), number("hold_s"))


def inherited(own: ValveRule | None, sector: ValveRule | None) -> ValveRule | None:
    """A valve's own rule with every threshold it leaves empty taken from its sector's rule.

    The flow envelope is one pair: a valve that sets either bound of its own and ends up with a lowest flow above
    the sector's highest keeps only its own bounds (the user meant this valve to differ from its sector)."""
    if sector is None or sector.is_default:
        return own
    if own is None or own.is_default:
        return replace(sector, valve_id=own.valve_id) if own is not None else sector
    values = {name: _first(getattr(own, name), getattr(sector, name)) for name in RULE_FIELDS}
    try:
        return ValveRule(own.valve_id, **values)
    except ValueError:
        values["min_lpm"], values["max_lpm"] = own.min_lpm, own.max_lpm
        return ValveRule(own.valve_id, **values)


def _first(value: float | None, fallback: float | None) -> float | None:
    return value if value is not None else fallback


@dataclass(frozen=True)
class EffectiveRule:
    """The thresholds a valve is judged by: its own where set, the defaults elsewhere."""

    envelope: FlowEnvelope | None
    leak_lpm: float
    hold_s: float


def effective_rule(rule: ValveRule | None, expected: FlowEnvelope | None, default_hold_s: float) -> EffectiveRule:
    rule = rule or ValveRule("")
    envelope = expected
    if rule.min_lpm is not None or rule.max_lpm is not None:
        low = rule.min_lpm if rule.min_lpm is not None else (expected.min_lpm if expected else 0.0)
        high = rule.max_lpm if rule.max_lpm is not None else (expected.max_lpm if expected else NO_UPPER_LPM)
        envelope = FlowEnvelope(low, high) if low < high else expected
    leak = rule.leak_lpm if rule.leak_lpm is not None else LEAK_THRESHOLD_LPM
    hold = rule.hold_s if rule.hold_s is not None else default_hold_s
    return EffectiveRule(envelope, leak, hold)


@dataclass(frozen=True)
class AlarmSettings:
    """Settings for every alarm of the office."""

    battery_low_pct: float = DEFAULT_BATTERY_LOW_PCT
    sound: bool = False
    """Beep when an alarm is raised (besides the badge and the desktop notification)."""
    notify_gap_s: float = DEFAULT_NOTIFY_GAP_S
    """At most one desktop notification this often; alarms raised meanwhile are summed up in the next one."""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlarmSettings:
        defaults = cls()
        battery = data.get("battery_low_pct", defaults.battery_low_pct)
        gap = data.get("notify_gap_s", defaults.notify_gap_s)
        return cls(
            battery_low_pct=float(battery) if isinstance(battery, int | float) else defaults.battery_low_pct,
            sound=bool(data.get("sound", defaults.sound)),
            notify_gap_s=float(gap) if isinstance(gap, int | float) and gap >= 0 else defaults.notify_gap_s,
        )
