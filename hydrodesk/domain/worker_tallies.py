"""One worker's share of each production session: units, records, voids and pay, across sessions.

Pure Python. The lines come from a session's merged ledger (the server's records plus the outbox's), so a unit
recorded offline shows here at once, counted once; stopped lines (failed or in conflict) are left out, as in the
session's own tally. Pay follows the session's price and bonus, as on the payroll export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hydrodesk.domain.sessions import Bonus, Pay, RuleError, compute_pay, parse_bonus
from hydrodesk.domain.tallies import LedgerLine, LineStatus


@dataclass(frozen=True)
class SessionShare:
    session_id: str
    day: str  # the session's local day, YYYY-MM-DD
    project_id: str | None
    sector_name: str
    sampling_unit: str
    status: str  # open / closed
    units: float  # net of voids, confirmed and pending
    pending_units: float  # of which not on the server yet
    records: int  # movements that added units
    voids: int  # movements that took units back
    pay: Pay
    opened_at: str | None = None

    @property
    def has_pending(self) -> bool:
        return self.pending_units != 0


def session_bonus(session: Mapping[str, Any]) -> Bonus | None:
    try:
        return parse_bonus(session.get("bonus"))
    except RuleError:
        return None  # a bonus this version does not understand pays nothing rather than something wrong


def share_of(worker_id: str, session: Mapping[str, Any], lines: Iterable[LedgerLine]) -> SessionShare | None:
    """The worker's part of one session, or None when they have nothing counted in it."""
    units = pending = 0.0
    records = voids = 0
    for line in lines:
        if line.worker_id != worker_id or line.status is LineStatus.ATTENTION:
            continue
        units += line.units
        if line.status is LineStatus.PENDING:
            pending += line.units
        if line.is_void:
            voids += 1
        else:
            records += 1
    if records == 0 and voids == 0:
        return None
    units, pending = _tidy(units), _tidy(pending)
    return SessionShare(
        session_id=str(session.get("session_id")),
        day=str(session.get("day") or "")[:10],
        project_id=session.get("project_id"),
        sector_name=str(session.get("sector_name") or session.get("sector_id") or ""),
        sampling_unit=str(session.get("sampling_unit") or ""),
        status=str(session.get("status") or ""),
        units=units,
        pending_units=pending,
        records=records,
        voids=voids,
        pay=compute_pay(units, float(session.get("price_per_unit") or 0), session_bonus(session)),
        opened_at=session.get("opened_at"),
    )


def newest_first(shares: Iterable[SessionShare]) -> list[SessionShare]:
    return sorted(shares, key=lambda share: (share.day, share.opened_at or "", share.session_id), reverse=True)


def total_pay(shares: Sequence[SessionShare]) -> float:
    # Each session's pay is already rounded to cents; summing cents keeps float noise out of the total.
    return sum(round(share.pay.total * 100) for share in shares) / 100


def _tidy(value: float) -> float:
    return round(value, 3) + 0.0
