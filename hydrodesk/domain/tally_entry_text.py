"""What a supervisor types in the tally entry row, read safely: a worker, units, or both on one line.

Pure Python, no I/O. The row has to be fast for a hurried typist and safe against the classic slips of a keyboard
at the edge of a field: a number typed where the worker goes, an Enter pressed one field too early. So:

- a bare number is never a worker: `5` is units (or nothing), whatever worker_id holds a 5;
- one line may carry both, for fast typists: `AM01 5`, `AM01*5`, `5*AM01` or `5 AM01` (units on either side; `*`,
  `×` or a space between); the worker part follows the finder's rules (hydrodesk.domain.worker_search);
- units take a decimal comma or a decimal point alike (`2,5` and `2.5` are two and a half): a Spanish keyboard's
  keypad and its comma key must both work, and a tally never needs a thousands separator;
- whether Enter after a worker records at once or asks for the units depends on what the session counts: pieces
  (boxes, crates: a badge scan is one piece) record one at once; weighed units (kg) ask for the weight.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass

MAX_UNITS = 100_000.0

# How people write the usual sampling units (the session dialog lists box, kg and ton), in English and Spanish, each
# to the API's name: a hurried "kilos" or "cajas" is sent as "kg" or "box", not as a unit of its own.
UNIT_SPELLINGS = {
    "box": frozenset({"box", "boxes", "caja", "cajas"}),
    "kg": frozenset({"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramo", "kilogramos"}),
    "ton": frozenset({"t", "ton", "tons", "tonne", "tonnes", "tonelada", "toneladas"}),
}

# Units a scale measures (or a flow meter): Enter after the worker asks for the amount. Everything else is counted.
MEASURED_UNITS = UNIT_SPELLINGS["kg"] | UNIT_SPELLINGS["ton"] | frozenset(
    {
        "g", "gr", "lb", "lbs", "gramo", "gramos", "libra", "libras",
        "l", "lt", "litre", "litres", "liter", "liters", "litro", "litros",
    }
)  # fmt: skip

# No leading zeros ("0109" is the tail of a worker_id, not units), no thousands separators.
_NUMBER = r"(?:0|[1-9]\d*)(?:[.,]\d+)?|[.,]\d+"
_NUMBER_ONLY = re.compile(rf"^(?:{_NUMBER})$")
_UNITS_FIRST = re.compile(rf"^(?P<units>{_NUMBER})\s*[*×]\s*(?P<worker>.+)$|^(?P<units2>{_NUMBER})\s+(?P<worker2>.+)$")
_UNITS_LAST = re.compile(rf"^(?P<worker>.+?)\s*[*×]\s*(?P<units>{_NUMBER})$|^(?P<worker2>.+?)\s+(?P<units2>{_NUMBER})$")


class EnterAction(enum.Enum):
    """What Enter does once the worker field names one worker (a per-session choice)."""

    RECORD = "record"  # record the units shown (1 unless typed): pieces, a badge scan = one unit
    ASK_UNITS = "ask_units"  # move to the units field: weighed units


def usual_unit(typed: str) -> str | None:
    """The API's name of a usual sampling unit however it was typed ("Kilos", "cajas", "Kg."); None for another."""
    spelled = typed.strip().casefold().rstrip(".")
    return next((code for code, spellings in UNIT_SPELLINGS.items() if spelled in spellings), None)


def is_measured(unit: str) -> bool:
    """Whether the session's sampling unit is weighed or measured (kg, t, l) rather than counted (box, crate)."""
    return unit.strip().casefold().rstrip(".") in MEASURED_UNITS


def default_enter_action(unit: str) -> EnterAction:
    return EnterAction.ASK_UNITS if is_measured(unit) else EnterAction.RECORD


def is_number(text: str) -> bool:
    """Whether `text` (surrounding spaces aside) is a bare number: such text never names a worker."""
    return bool(_NUMBER_ONLY.match(text.strip()))


def parse_units(text: str) -> float | None:
    """The number in `text` (a decimal comma or point), or None when it is not one plain non-negative number."""
    stripped = text.strip()
    if not _NUMBER_ONLY.match(stripped):
        return None
    value = float(stripped.replace(",", "."))
    return value if math.isfinite(value) else None


class UnitsProblem(enum.Enum):
    NOT_A_NUMBER = "not_a_number"
    NOT_POSITIVE = "not_positive"
    TOO_LARGE = "too_large"
    NOT_WHOLE = "not_whole"  # a counted unit with decimals: half a crate is a typing slip


def units_problem(value: float | None, *, measured: bool) -> UnitsProblem | None:
    """Why `value` cannot be recorded as units (None: it can)."""
    if value is None:
        return UnitsProblem.NOT_A_NUMBER
    if value <= 0:
        return UnitsProblem.NOT_POSITIVE
    if value > MAX_UNITS:
        return UnitsProblem.TOO_LARGE
    if not measured and not float(value).is_integer():
        return UnitsProblem.NOT_WHOLE
    return None


@dataclass(frozen=True)
class EntryText:
    """The worker field's text, taken apart: the worker part ("" when none) and the units typed with it."""

    worker: str
    units: float | None = None

    @property
    def units_only(self) -> bool:
        return not self.worker and self.units is not None


def parse_entry_text(text: str) -> EntryText:
    """Split what was typed in the worker field into a worker part and units.

    `5` -> units only; `AM01 5`, `AM01*5`, `5*AM01`, `5 AM01` -> both; `AM01`, `juan her` -> worker only. A worker
    part that is itself a number (`5 7`) is not a worker: the whole is read as not understood (worker "", no units)
    rather than guess which number is which.
    """
    stripped = " ".join(text.split())
    if not stripped:
        return EntryText(worker="")
    if is_number(stripped):
        return EntryText(worker="", units=parse_units(stripped))
    for pattern in (_UNITS_FIRST, _UNITS_LAST):
        match = pattern.match(stripped)
        if match is None:
            continue
        worker = match.group("worker") or match.group("worker2")
        units = match.group("units") or match.group("units2")
        if is_number(worker):
            return EntryText(worker="")
        return EntryText(worker=worker.strip(), units=parse_units(units))
    return EntryText(worker=stripped)
