"""Production tallies that count every record exactly once, whether the server has it yet or not.

Pure Python, no I/O. A tally is an append-only ledger: records add units, a void subtracts them again. The office
sees two sources at once: records the server confirmed (from the cache) and records still in the outbox. A record
can be in both for a while (sent, and the server's copy fetched, before the outbox noted it done): the two are the
same record when their clientEventId matches, and then only the server's copy counts. Voids match the same way,
by the record they cancel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class LineStatus(StrEnum):
    CONFIRMED = "confirmed"  # the server has it
    PENDING = "pending"  # in the outbox, on its way
    ATTENTION = "attention"  # in the outbox, stopped: failed or in conflict, waiting for the user; not counted


@dataclass(frozen=True)
class LedgerLine:
    worker_id: str
    worker_name: str
    units: float  # negative for a void
    status: LineStatus
    client_event_id: str | None = None
    record_id: str | None = None
    void_of: str | None = None  # a void: the server id of the record it cancels
    void_of_event: str | None = None  # a void of a record not yet on the server: that record's clientEventId
    entry_id: str | None = None  # the outbox entry behind a pending line
    recorded_at: str | None = None  # when the units were delivered (UTC text), for the entry list and duplicate checks
    reason: str | None = None  # a void's reason

    @property
    def is_void(self) -> bool:
        return self.void_of is not None or self.void_of_event is not None

    @property
    def identity(self) -> str | None:
        """What makes two lines the same movement (None: a line nothing else can repeat)."""
        if self.void_of is not None:
            return f"void:{self.void_of}"
        if self.void_of_event is not None:
            return f"void-event:{self.void_of_event}"
        if self.client_event_id is not None:
            return f"event:{self.client_event_id}"
        return None


def merge_ledger(confirmed: Iterable[LedgerLine], local: Iterable[LedgerLine]) -> list[LedgerLine]:
    """The server's lines, then the outbox's lines the server does not hold yet (each movement once)."""
    merged = list(confirmed)
    known = {line.identity for line in merged if line.identity is not None}
    # A void of a record that was pending is known by the record's clientEventId until the record lands.
    event_of_record = {line.record_id: line.client_event_id for line in merged if line.record_id}
    known |= {f"void-event:{event_of_record[line.void_of]}" for line in merged if line.void_of in event_of_record}
    for line in local:
        identity = line.identity
        if identity is not None and identity in known:
            continue
        if identity is not None:
            known.add(identity)
        merged.append(line)
    return merged


@dataclass(frozen=True)
class WorkerTally:
    worker_id: str
    worker_name: str
    confirmed_units: float
    pending_units: float
    attention_units: float  # stopped in the outbox: shown apart, not part of the total
    records: int  # non-void movements counted (confirmed + pending)
    pending_records: int

    @property
    def total_units(self) -> float:
        return self.confirmed_units + self.pending_units

    @property
    def has_pending(self) -> bool:
        return self.pending_records > 0 or self.pending_units != 0


def tally_by_worker(lines: Iterable[LedgerLine]) -> list[WorkerTally]:
    """Units per worker, confirmed and pending apart; sorted by worker name, then id."""
    sums: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for line in lines:
        bucket = sums.setdefault(
            line.worker_id,
            {"confirmed": 0.0, "pending": 0.0, "attention": 0.0, "records": 0, "pending_records": 0},
        )
        names.setdefault(line.worker_id, line.worker_name)
        if line.status is LineStatus.ATTENTION:
            bucket["attention"] += line.units
            continue
        bucket["confirmed" if line.status is LineStatus.CONFIRMED else "pending"] += line.units
        if not line.is_void:
            bucket["records"] += 1
            if line.status is LineStatus.PENDING:
                bucket["pending_records"] += 1
    tallies = [
        WorkerTally(
            worker_id=worker_id,
            worker_name=names[worker_id],
            confirmed_units=_tidy(bucket["confirmed"]),
            pending_units=_tidy(bucket["pending"]),
            attention_units=_tidy(bucket["attention"]),
            records=int(bucket["records"]),
            pending_records=int(bucket["pending_records"]),
        )
        for worker_id, bucket in sums.items()
    ]
    return sorted(tallies, key=lambda tally: (tally.worker_name.casefold(), tally.worker_id))


def _tidy(value: float) -> float:
    # Sums of fractional kilograms pick up float noise (0.1 + 0.2); grams are the finest unit that matters.
    return round(value, 3) + 0.0
