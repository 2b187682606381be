"""What a day's tallies are worth: per-worker pay lines, a day's lines across sessions, and the day report's content.

Pure Python, no I/O. Pay is `hydrodesk.domain.sessions.compute_pay` of each worker's units in each session (every
session has its own price and bonus); a worker's day is the sum of their sessions. Units still in the outbox count
(they are the office's own work) but are reported as pending, so a payslip printed before sync says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.domain.sessions import Bonus, RuleError, compute_pay, parse_bonus, parse_day_label
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.domain.timestamps import parse_utc_text


@dataclass(frozen=True)
class SessionTerms:
    """The pay terms and place of one session (from a session row of the store)."""

    session_id: str
    project_id: str
    sector_id: str
    sector_name: str
    day: date
    timezone: str
    status: str
    owner_auth0_id: str
    sampling_unit: str
    price_per_unit: float
    bonus: Bonus | None
    opened_at: datetime | None
    closed_at: datetime | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SessionTerms:
        """A session row as the store gives it (API attribute names); a bonus it cannot read pays no bonus."""
        try:
            bonus = parse_bonus(row.get("bonus"))
        except RuleError:
            bonus = None
        opened, closed = row.get("opened_at"), row.get("closed_at")
        return cls(
            session_id=str(row["session_id"]),
            project_id=str(row.get("project_id") or ""),
            sector_id=str(row.get("sector_id") or ""),
            sector_name=str(row.get("sector_name") or row.get("sector_id") or ""),
            day=parse_day_label(str(row["day"])),
            timezone=str(row.get("timezone") or "UTC"),
            status=str(row.get("status") or "open"),
            owner_auth0_id=str(row.get("owner_auth0_id") or ""),
            sampling_unit=str(row.get("sampling_unit") or "box"),
            price_per_unit=float(row.get("price_per_unit") or 0.0),
            bonus=bonus,
            opened_at=parse_utc_text(opened) if isinstance(opened, str) and opened else None,
            closed_at=parse_utc_text(closed) if isinstance(closed, str) and closed else None,
        )

    def local(self, moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class PayLine:
    worker_id: str
    worker_name: str
    sampling_unit: str
    units: float  # confirmed + pending
    pending_units: float
    records: int
    base_pay: float
    bonus: float
    pay: float
    sectors: tuple[str, ...] = ()

    @property
    def has_pending(self) -> bool:
        return self.pending_units != 0


@dataclass(frozen=True)
class PayTotals:
    workers: int
    units: float | None  # None when the lines mix sampling units (boxes and kilograms do not add up)
    sampling_unit: str | None
    pending_units: float
    base_pay: float
    bonus: float
    pay: float


def session_pay_lines(tallies: Iterable[WorkerTally], terms: SessionTerms) -> list[PayLine]:
    """One line per worker of a session, in the tally's order (by name)."""
    lines = []
    for tally in tallies:
        units = tally.total_units
        pay = compute_pay(units, terms.price_per_unit, terms.bonus)
        lines.append(
            PayLine(
                worker_id=tally.worker_id,
                worker_name=tally.worker_name,
                sampling_unit=terms.sampling_unit,
                units=_tidy(units),
                pending_units=_tidy(tally.pending_units),
                records=tally.records,
                base_pay=pay.base,
                bonus=pay.bonus,
                pay=pay.total,
                sectors=(terms.sector_name,),
            )
        )
    return lines


def day_pay_lines(sessions: Sequence[tuple[SessionTerms, Sequence[WorkerTally]]]) -> list[PayLine]:
    """A project day: each worker's sessions summed, one line per worker and sampling unit, sorted by name."""
    merged: dict[tuple[str, str], PayLine] = {}
    for terms, tallies in sessions:
        for line in session_pay_lines(tallies, terms):
            key = (line.worker_id, line.sampling_unit)
            before = merged.get(key)
            if before is None:
                merged[key] = line
                continue
            merged[key] = PayLine(
                worker_id=line.worker_id,
                worker_name=before.worker_name,
                sampling_unit=line.sampling_unit,
                units=_tidy(before.units + line.units),
                pending_units=_tidy(before.pending_units + line.pending_units),
                records=before.records + line.records,
                base_pay=_money(before.base_pay + line.base_pay),
                bonus=_money(before.bonus + line.bonus),
                pay=_money(before.pay + line.pay),
                sectors=before.sectors + tuple(s for s in line.sectors if s not in before.sectors),
            )
    return sorted(merged.values(), key=lambda line: (line.worker_name.casefold(), line.worker_id, line.sampling_unit))


def pay_totals(lines: Sequence[PayLine]) -> PayTotals:
    units = {line.sampling_unit for line in lines}
    single = next(iter(units)) if len(units) == 1 else None
    return PayTotals(
        workers=len({line.worker_id for line in lines if line.units > 0}),
        units=_tidy(sum(line.units for line in lines)) if single is not None or not lines else None,
        sampling_unit=single,
        pending_units=_tidy(sum(line.pending_units for line in lines)),
        base_pay=_money(sum(line.base_pay for line in lines)),
        bonus=_money(sum(line.bonus for line in lines)),
        pay=_money(sum(line.pay for line in lines)),
    )


# ------------------------------------------------------------------------------------------------ the report
@dataclass(frozen=True)
class DayReport:
    """Everything the printed day report of one session shows."""

    company: str
    project: str
    supervisor: str
    terms: SessionTerms
    lines: tuple[PayLine, ...]
    totals: PayTotals
    pending_entries: int  # outbox records not yet on the server
    stopped_workers: int  # workers with entries stopped in the outbox (failed or in conflict: not counted)
    generated_at: datetime  # local to the project

    @property
    def day(self) -> date:
        return self.terms.day

    @property
    def sector(self) -> str:
        return self.terms.sector_name

    @property
    def has_pending(self) -> bool:
        return self.pending_entries > 0 or self.totals.pending_units != 0


def build_day_report(
    session: Mapping[str, Any],
    tallies: Sequence[WorkerTally],
    *,
    company: str,
    project: str,
    supervisor: str,
    now: datetime,
) -> DayReport:
    terms = SessionTerms.from_row(session)
    ordered = sorted(tallies, key=lambda tally: (tally.worker_name.casefold(), tally.worker_id))
    lines = tuple(session_pay_lines(ordered, terms))
    return DayReport(
        company=company,
        project=project,
        supervisor=supervisor,
        terms=terms,
        lines=lines,
        totals=pay_totals(lines),
        pending_entries=sum(tally.pending_records for tally in tallies),
        stopped_workers=sum(1 for tally in tallies if tally.attention_units),
        generated_at=now.astimezone(ZoneInfo(terms.timezone)),
    )


def _tidy(value: float) -> float:
    return round(value, 3) + 0.0


def _money(value: float) -> float:
    return round(value, 2) + 0.0
