"""The sessions board: what each of a day's production sessions adds up to, how close it is to its time limit,
whether a new one would clash with one already open, and which ones a filter shows.

Pure Python, no I/O. A session row here is the dict the local views give (API attribute names: `session_id`,
`project_id`, `sector_id`, `day`, `status`, `opened_at`, ...), with the office's pending changes to it (an update,
an extension, a close still in the outbox) laid over it, so the user sees what they did the moment they did it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.domain.sessions import Bonus, RuleError, compute_pay, parse_bonus, parse_day_label
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.domain.timestamps import parse_utc_text

# A session this close to its maximum duration is flagged, so the supervisor closes or extends it in time.
NEARING_WINDOW = timedelta(hours=1)


# ------------------------------------------------------------------------------------------------ totals
@dataclass(frozen=True)
class SessionTotals:
    """Units, workers and pay of a session (or a day), each movement counted once, pending ones included."""

    units: float = 0.0
    workers: int = 0
    pay: float | None = 0.0  # None: the records are not on this computer, so pay cannot be worked out
    pending_units: float = 0.0  # of `units`, not on the server yet
    pending_records: int = 0
    held_units: float = 0.0  # stopped in the outbox (refused, waiting for the user): not in `units`
    worker_ids: frozenset[str] = field(default_factory=frozenset)
    from_server: bool = False  # figures from the server's session summary, not from the local ledger

    @property
    def has_pending(self) -> bool:
        return self.pending_records > 0 or self.pending_units != 0


def bonus_of(raw: object) -> Bonus | None:
    """The bonus of a session or project as stored (a dict, or None); a malformed one counts as no bonus."""
    if isinstance(raw, Bonus):
        return raw
    try:
        return parse_bonus(raw)
    except RuleError:
        return None


def has_bonus(bonus: Bonus | None) -> bool:
    """False for no bonus and for a 0 % bonus (how a session overrides a project's bonus with none)."""
    return bonus is not None and bonus.value != 0


def session_totals(
    tallies: Iterable[WorkerTally],
    price_per_unit: float,
    bonus: Bonus | None,
    *,
    server_units: float | None = None,
    server_workers: int | None = None,
) -> SessionTotals:
    """A session's totals from its per-worker tallies; pay is each worker's pay (units × price plus the bonus,
    rounded to cents as a payslip is) added up.

    When the ledger holds nothing but the server says the session has units (its records were never downloaded),
    the server's own totals are shown instead, without pay.
    """
    tallies = list(tallies)
    if not tallies and server_units:
        return SessionTotals(units=server_units, workers=server_workers or 0, pay=None, from_server=True)
    pay = Decimal(0)
    units = pending_units = held = 0.0
    pending_records = 0
    workers: set[str] = set()
    for tally in tallies:
        units += tally.total_units
        pending_units += tally.pending_units
        pending_records += tally.pending_records
        held += tally.attention_units
        if tally.records > 0:
            workers.add(tally.worker_id)
        pay += Decimal(str(compute_pay(tally.total_units, price_per_unit, bonus).total))
    return SessionTotals(
        units=_tidy(units),
        workers=len(workers),
        pay=float(pay),
        pending_units=_tidy(pending_units),
        pending_records=pending_records,
        held_units=_tidy(held),
        worker_ids=frozenset(workers),
    )


def day_totals(sessions: Iterable[SessionTotals]) -> SessionTotals:
    """A day's totals over its sessions: a worker who picked in two sectors is one worker."""
    units = pending = held = 0.0
    pay: Decimal | None = Decimal(0)
    pending_records = 0
    workers: set[str] = set()
    counted_apart = 0  # workers known only as a count (server totals): they cannot be told apart
    from_server = False
    for totals in sessions:
        units += totals.units
        pending += totals.pending_units
        held += totals.held_units
        pending_records += totals.pending_records
        workers |= totals.worker_ids
        if totals.from_server:
            counted_apart += totals.workers
            from_server = True
        if totals.pay is None:
            pay = None
        elif pay is not None:
            pay += Decimal(str(totals.pay))
    return SessionTotals(
        units=_tidy(units),
        workers=len(workers) + counted_apart,
        pay=None if pay is None else float(pay),
        pending_units=_tidy(pending),
        pending_records=pending_records,
        held_units=_tidy(held),
        worker_ids=frozenset(workers),
        from_server=from_server,
    )


def _tidy(value: float) -> float:
    return round(value, 3) + 0.0


# ------------------------------------------------------------------------------------------------ time limit
class LimitState(StrEnum):
    RUNNING = "running"  # open, with more than NEARING_WINDOW left
    NEARING = "nearing"  # open, its maximum duration ends within NEARING_WINDOW
    OVERDUE = "overdue"  # open past its maximum duration
    CLOSED = "closed"


@dataclass(frozen=True)
class LimitFlag:
    state: LimitState
    deadline: datetime  # openedAt + maxDurationHours (UTC)
    left: timedelta  # time until the deadline (negative once past it; for a closed session, at its close)

    @property
    def flagged(self) -> bool:
        return self.state in (LimitState.NEARING, LimitState.OVERDUE)

    @property
    def overdue_by(self) -> timedelta:
        return max(-self.left, timedelta(0))


def limit_flag(
    opened_at: datetime,
    max_duration_hours: float,
    now: datetime,
    *,
    closed_at: datetime | None = None,
    closed: bool = False,
    warn_within: timedelta = NEARING_WINDOW,
) -> LimitFlag:
    """Where a session stands against its maximum duration at `now` (all aware datetimes)."""
    deadline = opened_at + timedelta(hours=max_duration_hours)
    if closed or closed_at is not None:
        return LimitFlag(LimitState.CLOSED, deadline, deadline - (closed_at or now))
    left = deadline - now
    if left <= timedelta(0):
        return LimitFlag(LimitState.OVERDUE, deadline, left)
    if left <= warn_within:
        return LimitFlag(LimitState.NEARING, deadline, left)
    return LimitFlag(LimitState.RUNNING, deadline, left)


# ------------------------------------------------------------------------------------------------ pending changes
@dataclass(frozen=True)
class Overlay:
    """A session as the user will see it once their pending changes reach the server."""

    data: dict[str, Any]
    changed_fields: frozenset[str]  # attribute names that differ from the server's copy because of pending changes
    closing: bool  # a close is on its way
    stopped: bool  # a change to it was refused and waits for the user


def with_pending_changes(
    data: Mapping[str, Any], changes: Iterable[tuple[EntryKind, Mapping[str, Any], bool]]
) -> Overlay:
    """`data` with pending updates, extensions and a close applied in order. Each change is (kind, outbox payload,
    stopped): a stopped change (refused, waiting for the user) is not applied, only noted."""
    result = dict(data)
    changed: set[str] = set()
    closing = stopped = False
    for kind, payload, is_stopped in changes:
        if is_stopped:
            stopped = True
            continue
        if kind is EntryKind.UPDATE_SESSION:
            update = dict(payload.get("update") or {})
            result.update(update)
            changed |= set(update)
        elif kind is EntryKind.EXTEND_SESSION:
            result["max_duration_hours"] = payload["max_duration_hours"]
            changed.add("max_duration_hours")
        elif kind is EntryKind.CLOSE_SESSION:
            close = dict(payload.get("close") or {})
            result["status"] = "closed"
            result["closed_at"] = close.get("closed_at") or result.get("closed_at")
            if close.get("final_notes") is not None:
                result["final_notes"] = close["final_notes"]
            closing = True
            changed |= {"status", "closed_at"}
    return Overlay(result, frozenset(changed), closing, stopped)


# ------------------------------------------------------------------------------------------------ one open session
def find_open_clash(
    sessions: Iterable[Mapping[str, Any]],
    *,
    project_id: str,
    sector_id: str,
    day: date,
    closing: Collection[str] = (),
) -> Mapping[str, Any] | None:
    """The session already open for (project, day, sector) that a new one would clash with, or None.

    Only one session may be open per company, project, day and sector. A session whose close is already on its
    way (`closing`) does not clash: the outbox sends the close before the new open.
    """
    for session in sessions:
        if (
            session.get("status") == "open"
            and session.get("project_id") == project_id
            and session.get("sector_id") == sector_id
            and parse_day_label(str(session.get("day"))) == day
            and session.get("session_id") not in closing
        ):
            return session
    return None


def sector_free_on(
    sessions: Iterable[Mapping[str, Any]],
    *,
    project_id: str,
    sector_ids: Sequence[str],
    day: date,
    prefer: str | None = None,
) -> str | None:
    """Where a new session can open on `day` (one open session per sector and day): `prefer` when nothing is open
    there, else the first such sector of `sector_ids`; None when every sector has an open session."""
    sessions = list(sessions)
    order = sorted(sector_ids, key=lambda sector: sector != prefer)  # the preferred first, the rest as given
    return next(
        (
            sector
            for sector in order
            if find_open_clash(sessions, project_id=project_id, sector_id=sector, day=day) is None
        ),
        None,
    )


# ------------------------------------------------------------------------------------------------ filters
class StatusFilter(StrEnum):
    ALL = "all"
    OPEN = "open"
    CLOSED = "closed"


def matches_filter(data: Mapping[str, Any], status: StatusFilter, *, mine_only: bool, me: str | None) -> bool:
    """Whether a (pending-changes-applied) session passes the board's filters."""
    if status is not StatusFilter.ALL and data.get("status") != status.value:
        return False
    return not mine_only or data.get("owner_auth0_id") == me


def step_day(day: date, days: int) -> date:
    return day + timedelta(days=days)


def opened_at_of(data: Mapping[str, Any]) -> datetime:
    return parse_utc_text(str(data["opened_at"]))


def closed_at_of(data: Mapping[str, Any]) -> datetime | None:
    value = data.get("closed_at")
    return None if not value else parse_utc_text(str(value))
