"""Production-session rules: the local `day` a session belongs to, bonus validation, settings and pay.

A session belongs to the day on which it was opened *in the project's timezone*: a session opened at 23:30 in
Mexico City on the 19th belongs to the 19th even though it is already the 20th in UTC. Hydrobit writes that day as
midnight with a `Z` suffix (`2025-10-19T00:00:00.000Z`): a label for the local day, not a UTC instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from hydrodesk.domain.session_data import SessionData

DEFAULT_MAX_DURATION_HOURS = 12
MAX_DURATION_LIMIT_HOURS = 24
MAX_PERCENT_BONUS = 100
MAX_FLAT_BONUS = 1_000_000
BONUS_TYPES = ("flat", "percent")


class RuleError(ValueError):
    """A value breaks a documented rule; the message says which and how to fix it."""


def session_day(opened_at: datetime, timezone: str) -> date:
    """The local calendar day (in `timezone`) of an aware UTC instant."""
    if opened_at.tzinfo is None:
        raise ValueError("opened_at must be timezone-aware")
    return opened_at.astimezone(ZoneInfo(timezone)).date()


def format_day(day: date) -> str:
    """The API's way of writing a local day: `2025-10-19T00:00:00.000Z`."""
    return f"{day.isoformat()}T00:00:00.000Z"


def parse_day_label(label: str) -> date:
    """The inverse of `format_day` (also accepts a bare `YYYY-MM-DD`)."""
    return date.fromisoformat(label[:10])


def session_to_show(open_sessions: list[SessionData], me: str, today: date) -> SessionData | None:
    """Which open session a supervisor expects on arriving at the tallies: today's before any left open on an
    earlier day, and their own before a colleague's (open_sessions as the store gives them, API attribute names)."""

    def preference(session: SessionData) -> tuple[bool, bool]:
        return (parse_day_label(str(session["day"])) != today, session.get("owner_auth0_id") != me)

    return min(open_sessions, key=preference, default=None)


def local_midnight_utc(day: date, timezone: str) -> datetime:
    """The UTC instant at which `day` begins in `timezone` (for turning local-day ranges into UTC bounds)."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


@dataclass(frozen=True)
class Bonus:
    type: Literal["flat", "percent"]
    value: float
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "value": self.value, "note": self.note}


def parse_bonus(raw: object) -> Bonus | None:
    """A bonus object `{type: flat|percent, value, note?}`, or None for null; RuleError says what is wrong."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise RuleError('bonus must be an object such as {"type": "percent", "value": 10}.')
    kind = raw.get("type")
    if kind not in BONUS_TYPES:
        raise RuleError("bonus.type must be either 'flat' or 'percent'.")
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise RuleError("bonus.value is required and must be a number.")
    if kind == "percent" and not 0 <= value <= MAX_PERCENT_BONUS:
        raise RuleError("bonus.value for a percent bonus must be between 0 and 100.")
    if kind == "flat" and not 0 < value <= MAX_FLAT_BONUS:
        raise RuleError(f"bonus.value for a flat bonus must be a positive amount (at most {MAX_FLAT_BONUS:,}).")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise RuleError("bonus.note must be text.")
    return Bonus(type=kind, value=value, note=note)


@dataclass(frozen=True)
class SessionSettings:
    sampling_unit: str
    price_per_unit: float
    bonus: Bonus | None
    max_duration_hours: int


def resolve_settings(project_settings: dict[str, Any], overrides: dict[str, Any]) -> SessionSettings:
    """A new session's settings: what the request gives, else the project's setting, else the documented default.

    `overrides` uses the wire names (samplingUnit, pricePerUnit, bonus, maxDurationHours); a key that is absent
    (not merely null) inherits. Values must already be validated.
    """

    def pick(name: str, default: Any) -> Any:
        if name in overrides and overrides[name] is not None:
            return overrides[name]
        value = project_settings.get(name)
        return default if value is None else value

    bonus = overrides["bonus"] if "bonus" in overrides else project_settings.get("bonus")
    return SessionSettings(
        sampling_unit=pick("samplingUnit", "box"),
        price_per_unit=float(pick("pricePerUnit", 0.0)),
        bonus=bonus if isinstance(bonus, Bonus) or bonus is None else parse_bonus(bonus),
        max_duration_hours=int(pick("maxDurationHours", DEFAULT_MAX_DURATION_HOURS)),
    )


def check_extension(current_hours: int, requested_hours: int) -> None:
    """An extension must lengthen the session and stay within 24 hours; RuleError otherwise."""
    if requested_hours > MAX_DURATION_LIMIT_HOURS:
        raise RuleError(f"maxDurationHours may not exceed {MAX_DURATION_LIMIT_HOURS}.")
    if requested_hours <= current_hours:
        raise RuleError(f"maxDurationHours must be more than the current {current_hours} hours to extend the session.")


@dataclass(frozen=True)
class Pay:
    base: float
    bonus: float
    total: float


def compute_pay(units: float, price_per_unit: float, bonus: Bonus | None) -> Pay:
    """Pay for a tally: units × price rounded half-up to cents, plus a flat amount or a percentage of that rounded
    base (rounded half-up too), and the total is the sum of the two (what a payslip shows adds up, and a clerk who
    takes 10 % of the base printed on it gets the same bonus).

    A flat bonus is paid only when there is something to pay for (no units, no bonus); negative totals (more
    voided than recorded) pay nothing.
    """
    # Decimal from the decimal text of each figure, so 3 × 1.115 pays 3.35 as a person would compute it.
    base = _cents_decimal(max(_decimal(units), Decimal(0)) * _decimal(price_per_unit))
    extra = Decimal(0)
    if bonus is not None and base > 0:
        extra = _decimal(bonus.value) if bonus.type == "flat" else base * _decimal(bonus.value) / 100
    return Pay(base=_cents(base), bonus=_cents(extra), total=_cents(base + _cents_decimal(extra)))


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def _cents_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _cents(value: Decimal) -> float:
    return float(_cents_decimal(value))
