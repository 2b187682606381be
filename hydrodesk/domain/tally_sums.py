"""Per-worker tallies with pay, for one session or many (a day, a season).

Pure Python, no I/O. The unit of account is a worker's sums within ONE session (`SessionWorkerSums`): pay is
computed there, with that session's price and bonus (`compute_pay` in hydrodesk.domain.sessions: a flat bonus is
paid once per session in which the worker earned something, a percent bonus on that session's base, each rounded
to cents), and a worker's pay over many sessions is the sum of those payslip lines. The sums come either from a
session's ledger (`sums_from_lines`) or from the local database's per-session totals plus what is still in the
outbox (hydrodesk.store.tally_scope); both roll up the same way (`roll_up`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any, NamedTuple

from hydrodesk.domain.sessions import Bonus, Pay, RuleError, compute_pay, parse_bonus
from hydrodesk.domain.tallies import LedgerLine, LineStatus, WorkerTally


class SessionWorkerSums(NamedTuple):
    """What one worker did in one session: units confirmed, on their way, stopped; movements counted.

    A named tuple rather than a dataclass: a season has tens of thousands of them, made straight from SQL rows.
    """

    session_id: str
    worker_id: str
    worker_name: str
    confirmed_units: float = 0.0
    pending_units: float = 0.0
    attention_units: float = 0.0  # stopped in the outbox: shown apart, neither counted nor paid
    records: int = 0  # deliveries (non-void movements), confirmed and pending
    pending_records: int = 0
    voids: int = 0  # counter-movements, confirmed and pending

    @property
    def total_units(self) -> float:
        return self.confirmed_units + self.pending_units

    def plus(self, other: SessionWorkerSums) -> SessionWorkerSums:
        return SessionWorkerSums(
            session_id=self.session_id,
            worker_id=self.worker_id,
            worker_name=self.worker_name or other.worker_name,
            confirmed_units=self.confirmed_units + other.confirmed_units,
            pending_units=self.pending_units + other.pending_units,
            attention_units=self.attention_units + other.attention_units,
            records=self.records + other.records,
            pending_records=self.pending_records + other.pending_records,
            voids=self.voids + other.voids,
        )


def sums_from_lines(session_id: str, lines: Iterable[LedgerLine]) -> list[SessionWorkerSums]:
    """A session's merged ledger (each movement once) summed per worker, in the order workers first appear."""
    buckets: dict[str, list[Any]] = {}
    for line in lines:
        _fold(buckets, line)
    return _bucket_sums(session_id, buckets)


class RunningSums:
    """`sums_from_lines` for a ledger that grows at its end as entries are typed: each line is summed once, not
    the whole session's again per entry. A ledger replaced by another list (a reload) is summed from its start.
    The list must only ever be appended to; the lines' order of addition, and so every float, is the same."""

    def __init__(self) -> None:
        self._lines: list[LedgerLine] | None = None
        self._summed = 0
        self._buckets: dict[str, list[Any]] = {}

    def of(self, session_id: str, lines: list[LedgerLine]) -> list[SessionWorkerSums]:
        if lines is not self._lines or len(lines) < self._summed:
            self._lines, self._summed, self._buckets = lines, 0, {}
        for line in islice(lines, self._summed, None):
            _fold(self._buckets, line)
        self._summed = len(lines)
        return _bucket_sums(session_id, self._buckets)


def _fold(buckets: dict[str, list[Any]], line: LedgerLine) -> None:
    bucket = buckets.setdefault(line.worker_id, [line.worker_name, 0.0, 0.0, 0.0, 0, 0, 0])
    if line.status is LineStatus.ATTENTION:
        bucket[3] += line.units
        return
    bucket[1 if line.status is LineStatus.CONFIRMED else 2] += line.units
    if line.is_void:
        bucket[6] += 1
    else:
        bucket[4] += 1
        if line.status is LineStatus.PENDING:
            bucket[5] += 1


def _bucket_sums(session_id: str, buckets: dict[str, list[Any]]) -> list[SessionWorkerSums]:
    return [
        SessionWorkerSums(session_id, worker_id, name, confirmed, pending, attention, records, pending_records, voids)
        for worker_id, (name, confirmed, pending, attention, records, pending_records, voids) in buckets.items()
    ]


def merge_sums(*groups: Iterable[SessionWorkerSums]) -> list[SessionWorkerSums]:
    """Sums for the same (session, worker) added together (the cache's totals and the outbox's, say)."""
    merged: dict[tuple[str, str], SessionWorkerSums] = {}
    for group in groups:
        for sums in group:
            key = (sums.session_id, sums.worker_id)
            merged[key] = merged[key].plus(sums) if key in merged else sums
    return list(merged.values())


# ------------------------------------------------------------------------------------------------ pricing
@dataclass(frozen=True)
class Pricing:
    """How a session pays: price per unit and an optional flat or percent bonus."""

    price_per_unit: float
    bonus: Bonus | None = None
    sampling_unit: str = "box"

    @classmethod
    def of_session(cls, session: Mapping[str, Any]) -> Pricing:
        """From a session as the store gives it; a bonus the rules refuse is left out rather than guessed at."""
        try:
            bonus = parse_bonus(session.get("bonus"))
        except RuleError:
            bonus = None
        return cls(
            price_per_unit=float(session.get("price_per_unit") or 0.0),
            bonus=bonus,
            sampling_unit=session.get("sampling_unit") or "box",
        )


@dataclass(frozen=True)
class WorkerPayRow:
    """One line of the per-worker table: the worker's movements and pay over the sessions in view."""

    worker_id: str
    worker_name: str
    confirmed_units: float
    pending_units: float
    attention_units: float
    records: int
    pending_records: int
    voids: int
    sessions: int  # sessions in which the worker has movements
    pay: Pay

    @property
    def total_units(self) -> float:
        return self.confirmed_units + self.pending_units

    @property
    def has_pending(self) -> bool:
        return self.pending_records > 0 or self.pending_units != 0

    def as_tally(self) -> WorkerTally:
        return WorkerTally(
            worker_id=self.worker_id,
            worker_name=self.worker_name,
            confirmed_units=self.confirmed_units,
            pending_units=self.pending_units,
            attention_units=self.attention_units,
            records=self.records,
            pending_records=self.pending_records,
        )


def payslip_cents(units: float, pricing: Pricing) -> tuple[int, int]:
    """One session's pay for `units`, in whole cents (base, bonus): exact integers to add up a season with."""
    pay = compute_pay(units, pricing.price_per_unit, pricing.bonus)
    return round(pay.base * 100), round(pay.bonus * 100)


def roll_up(
    sums: Iterable[SessionWorkerSums], pricing: Mapping[str, Pricing], names: Mapping[str, str] | None = None
) -> list[WorkerPayRow]:
    """Per-worker rows, sorted by name then worker_id; pay per session with that session's pricing.

    A session missing from `pricing` pays nothing (its movements still count). `names` names the workers whose
    sums carry no name.
    """
    # Sessions that pay alike share a slot, and each (units, slot) payslip line is worked out once: a season
    # repeats the same few. Integer cents add up exactly, and fast.
    slot_of: dict[Pricing, int] = {}
    slots: list[Pricing] = []
    session_slot: dict[str, int] = {}
    for session_id, price in pricing.items():
        if price not in slot_of:
            slot_of[price] = len(slots)
            slots.append(price)
        session_slot[session_id] = slot_of[price]
    paid: dict[tuple[float, int], tuple[int, int]] = {}  # rounded to grams only when first paid
    rows: dict[str, list[Any]] = {}
    # Unpacked rather than read by name: a season has tens of thousands of (session, worker) sums.
    for session_id, worker_id, name, confirmed, pending, attention, records, pending_records, voids in sums:
        row = rows.get(worker_id)
        if row is None:
            row = rows[worker_id] = [name, 0.0, 0.0, 0.0, 0, 0, 0, 0, 0, 0]
        elif not row[0]:
            row[0] = name
        row[1] += confirmed
        row[2] += pending
        row[3] += attention
        row[4] += records
        row[5] += pending_records
        row[6] += voids
        row[7] += 1
        slot = session_slot.get(session_id)
        if slot is None:
            continue
        key = (confirmed + pending, slot)
        cents = paid.get(key)
        if cents is None:
            cents = paid[key] = payslip_cents(tidy_units(key[0]), slots[slot])
        row[8] += cents[0]
        row[9] += cents[1]
    names = names or {}
    result = [
        WorkerPayRow(
            worker_id=worker_id,
            worker_name=name or names.get(worker_id) or worker_id,
            confirmed_units=tidy_units(confirmed),
            pending_units=tidy_units(pending),
            attention_units=tidy_units(attention),
            records=records,
            pending_records=pending_records,
            voids=voids,
            sessions=sessions,
            pay=Pay(base=base / 100, bonus=bonus / 100, total=(base + bonus) / 100),
        )
        for worker_id, (
            name,
            confirmed,
            pending,
            attention,
            records,
            pending_records,
            voids,
            sessions,
            base,
            bonus,
        ) in rows.items()
    ]
    return sorted(result, key=lambda row: (row.worker_name.casefold(), row.worker_id))


def combine_rows(*groups: Iterable[WorkerPayRow]) -> list[WorkerPayRow]:
    """Per-worker rows of disjoint sets of sessions added together (pay is per session, so it adds up)."""
    combined: dict[str, WorkerPayRow] = {}
    for group in groups:
        for row in group:
            known = combined.get(row.worker_id)
            if known is None:
                combined[row.worker_id] = row
                continue
            base = round(known.pay.base * 100) + round(row.pay.base * 100)
            bonus = round(known.pay.bonus * 100) + round(row.pay.bonus * 100)
            combined[row.worker_id] = WorkerPayRow(
                worker_id=row.worker_id,
                worker_name=known.worker_name,
                confirmed_units=tidy_units(known.confirmed_units + row.confirmed_units),
                pending_units=tidy_units(known.pending_units + row.pending_units),
                attention_units=tidy_units(known.attention_units + row.attention_units),
                records=known.records + row.records,
                pending_records=known.pending_records + row.pending_records,
                voids=known.voids + row.voids,
                sessions=known.sessions + row.sessions,
                pay=Pay(base=base / 100, bonus=bonus / 100, total=(base + bonus) / 100),
            )
    return sorted(combined.values(), key=lambda row: (row.worker_name.casefold(), row.worker_id))


@dataclass(frozen=True)
class TallyTotals:
    workers: int
    units: float
    pending_units: float
    records: int
    voids: int
    pay: Pay


def totals(rows: Iterable[WorkerPayRow]) -> TallyTotals:
    rows = list(rows)
    base = sum((Decimal(str(row.pay.base)) for row in rows), Decimal(0))
    bonus = sum((Decimal(str(row.pay.bonus)) for row in rows), Decimal(0))
    return TallyTotals(
        workers=sum(1 for row in rows if row.records or row.voids),
        units=tidy_units(sum(row.total_units for row in rows)),
        pending_units=tidy_units(sum(row.pending_units for row in rows)),
        records=sum(row.records for row in rows),
        voids=sum(row.voids for row in rows),
        pay=Pay(base=float(base), bonus=float(bonus), total=float(base + bonus)),
    )


def tidy_units(value: float) -> float:
    # Sums of fractional kilograms pick up float noise (0.1 + 0.2); grams are the finest unit that matters.
    return round(value, 3) + 0.0
