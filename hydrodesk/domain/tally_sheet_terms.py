"""The terms of a tally-sheet import: the sheet's limits and the header names it understands, what can be wrong with
a whole sheet or with one row (and how to say it in plain English), and what goes into and comes out of the check.

Pure Python, no I/O. hydrodesk.domain.tally_import does the checking, and callers import these names from there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

Cell = str | int | float | datetime | date | time | None

MAX_SHEET_ROWS = 5000
DEFAULT_MAX_UNITS = 1000.0
# What one row may carry before it is surely a typo, by sampling unit (a crew member does not pick 5,000 boxes).
MAX_UNITS_BY_SAMPLING_UNIT: Mapping[str, float] = {"kg": 10_000.0, "lb": 20_000.0, "ton": 20.0, "t": 20.0}
MAX_SUGGESTIONS = 3
ID_SCHEME = "hydrodesk-sheet-v1"

# Header names the importer understands (English and Spanish), compared after folding accents, case, `_` and `-`.
WORKER_ID_HEADERS = frozenset(
    {"worker id", "workerid", "id", "worker code", "codigo", "id trabajador", "codigo trabajador", "clave"}
)
WORKER_NAME_HEADERS = frozenset(
    {"worker", "worker name", "name", "full name", "nombre", "trabajador", "nombre trabajador", "nombre completo"}
)
UNITS_HEADERS = frozenset({"units", "unit count", "quantity", "qty", "unidades", "cantidad"})
TIME_HEADERS = frozenset({"time", "recorded at", "recorded time", "hora", "hora registro"})

TEMPLATE_HEADERS = ("worker_id", "worker_name", "units", "time")


# ------------------------------------------------------------------------------------------------ problems
class SheetProblem(StrEnum):
    """Why a whole sheet cannot be read (nothing of it is imported)."""

    EMPTY = "empty"
    NO_WORKER_COLUMN = "no_worker_column"
    NO_UNITS_COLUMN = "no_units_column"
    TOO_MANY_ROWS = "too_many_rows"


class SheetError(ValueError):
    def __init__(self, problem: SheetProblem, **params: Any) -> None:
        self.problem = problem
        self.params = params
        super().__init__(describe_sheet_problem(problem, params))


class IssueCode(StrEnum):
    """Why one row cannot be imported; `RowIssue.params` carries what the message needs."""

    WORKER_MISSING = "worker_missing"
    WORKER_UNKNOWN = "worker_unknown"  # text, suggestions
    WORKER_AMBIGUOUS = "worker_ambiguous"  # text, candidates
    WORKER_MISMATCH = "worker_mismatch"  # worker_id, expected, given
    UNITS_MISSING = "units_missing"
    UNITS_NOT_NUMBER = "units_not_number"  # text
    UNITS_AMBIGUOUS = "units_ambiguous"  # text
    UNITS_NEGATIVE = "units_negative"  # units
    UNITS_ZERO = "units_zero"
    UNITS_TOO_LARGE = "units_too_large"  # units, limit, unit
    TIME_UNREADABLE = "time_unreadable"  # text
    TIME_OUTSIDE_DAY = "time_outside_day"  # time, day
    DUPLICATE_ROW = "duplicate_row"  # other_row


@dataclass(frozen=True)
class RowIssue:
    code: IssueCode
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return describe_issue(self)


# ------------------------------------------------------------------------------------------------ inputs
@dataclass(frozen=True)
class KnownWorker:
    worker_id: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.worker_id})"


@dataclass(frozen=True)
class SheetRow:
    """One data row as the file holds it; `number` is the row number the spreadsheet shows (the header is 1)."""

    number: int
    worker_id: Cell = None
    worker_name: Cell = None
    units: Cell = None
    time: Cell = None


@dataclass(frozen=True)
class Columns:
    worker_id: int | None
    worker_name: int | None
    units: int
    time: int | None


@dataclass(frozen=True)
class ImportContext:
    """Where the sheet's rows go and what they are checked against."""

    session_id: str
    project_id: str
    sector_id: str
    day: date  # the session's local day
    timezone: str  # the project's
    workers: Sequence[KnownWorker]
    untimed_at: datetime  # when a row gives no time, its record is stamped with this instant
    sampling_unit: str = "box"
    max_units: float | None = None  # None: by sampling unit
    sheet_salt: str = ""  # "" for the usual ids; a file fingerprint when the user says "this is another sheet"

    @property
    def units_limit(self) -> float:
        if self.max_units is not None:
            return self.max_units
        return MAX_UNITS_BY_SAMPLING_UNIT.get(self.sampling_unit.strip().lower(), DEFAULT_MAX_UNITS)


# ------------------------------------------------------------------------------------------------ outputs
@dataclass(frozen=True)
class ValidRow:
    number: int
    worker_id: str
    worker_name: str
    units: float
    recorded_at: datetime  # aware, UTC
    time_given: bool
    client_event_id: str
    idempotency_key: str


@dataclass(frozen=True)
class RejectedRow:
    number: int
    worker_text: str
    units_text: str
    time_text: str
    issues: tuple[RowIssue, ...]

    @property
    def message(self) -> str:
        return f"Row {self.number}: " + " ".join(issue.message for issue in self.issues)


@dataclass(frozen=True)
class ImportPlan:
    valid: tuple[ValidRow, ...] = ()  # to be recorded
    rejected: tuple[RejectedRow, ...] = ()
    already_imported: tuple[ValidRow, ...] = ()  # valid, but the session holds them already

    @property
    def total_units(self) -> float:
        return round(sum(row.units for row in self.valid), 3) + 0.0

    @property
    def workers(self) -> int:
        return len({row.worker_id for row in self.valid})

    def without_known(self, known_event_ids: Iterable[str]) -> ImportPlan:
        """The plan with rows whose clientEventId the session already holds moved to `already_imported`."""
        known = set(known_event_ids)
        fresh = tuple(row for row in self.valid if row.client_event_id not in known)
        again = tuple(row for row in self.valid if row.client_event_id in known)
        return replace(self, valid=fresh, already_imported=self.already_imported + again)


# ------------------------------------------------------------------------------------------------ English text
def describe_issue(issue: RowIssue) -> str:
    """The issue in plain English (the UI has its own translated wording for each code)."""
    p = issue.params
    match issue.code:
        case IssueCode.WORKER_MISSING:
            return "No worker: give a worker_id or the worker's name."
        case IssueCode.WORKER_UNKNOWN:
            hint = f" Did you mean {' or '.join(p['suggestions'])}?" if p.get("suggestions") else ""
            return f"No worker called “{p['text']}” is on the roster.{hint}"
        case IssueCode.WORKER_AMBIGUOUS:
            return f"“{p['text']}” could be {' or '.join(p['candidates'])}: give the worker_id instead."
        case IssueCode.WORKER_MISMATCH:
            return f"{p['worker_id']} is {p['expected']}, not {p['given']}: check which one is meant."
        case IssueCode.UNITS_MISSING:
            return "No units given."
        case IssueCode.UNITS_NOT_NUMBER:
            return f"Units “{p['text']}” is not a number."
        case IssueCode.UNITS_AMBIGUOUS:
            return f"Units “{p['text']}” could be read two ways: write it without a thousands separator."
        case IssueCode.UNITS_NEGATIVE:
            return f"Units cannot be negative ({p['units']:g}); void the entry instead."
        case IssueCode.UNITS_ZERO:
            return "0 units: nothing to record; leave the row out."
        case IssueCode.UNITS_TOO_LARGE:
            return f"{p['units']:g} {p['unit']} in one row is more than the {p['limit']:g} that is plausible."
        case IssueCode.TIME_UNREADABLE:
            return f"Time “{p['text']}” cannot be read: write it as 14:30 or 2:30 pm."
        case IssueCode.TIME_OUTSIDE_DAY:
            return f"Time {p['time']} is not on the session's day ({p['day']})."
        case IssueCode.DUPLICATE_ROW:
            return (
                f"Repeats row {p['other_row']} (same worker, units and time); "
                "give it its own time if it is a second delivery."
            )
    return str(issue.code)


def describe_sheet_problem(problem: SheetProblem, params: Mapping[str, Any]) -> str:
    match problem:
        case SheetProblem.EMPTY:
            return "The sheet has no rows to import."
        case SheetProblem.NO_WORKER_COLUMN:
            return f"No worker_id or worker name column was found (the first row reads: {params.get('header')})."
        case SheetProblem.NO_UNITS_COLUMN:
            return f"No units column was found (the first row reads: {params.get('header')})."
        case SheetProblem.TOO_MANY_ROWS:
            return f"The sheet has {params['rows']} rows; split it into sheets of at most {params['limit']}."
    return str(problem)
