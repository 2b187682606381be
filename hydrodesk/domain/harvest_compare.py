"""The server's per-worker harvest breakdown of a closed session beside the office's own ledger, worker by worker.

Pure Python, no I/O. The two should agree once everything is synced; where they do not, the row says how: units
differ, record counts differ, or the worker appears on one side only. Local units still in the outbox are shown
apart, since they explain a difference that will close by itself once they are sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hydrodesk.domain.tallies import LedgerLine, LineStatus

TOLERANCE = 0.0005  # units are kept to the gram; anything finer is float noise


class Agreement(StrEnum):
    MATCH = "match"
    UNITS_DIFFER = "units_differ"
    RECORDS_DIFFER = "records_differ"  # same units, but not the same number of records or voids
    ONLY_LOCAL = "only_local"  # the server has nothing for this worker
    ONLY_SERVER = "only_server"  # the office's ledger has nothing for this worker


@dataclass(frozen=True)
class ServerWorker:
    """One worker of the harvest endpoint's `workers[]` (wire-independent)."""

    worker_id: str
    worker_name: str
    net_units: float
    valid_units: float
    record_count: int
    voided_count: int
    quality: tuple[tuple[str, float, float], ...] = ()  # (grade name, units, percent)


@dataclass(frozen=True)
class LocalWorker:
    worker_id: str
    worker_name: str
    net_units: float  # confirmed + pending
    pending_units: float
    record_count: int  # records made (voided or not)
    voided_count: int


@dataclass(frozen=True)
class ComparisonRow:
    worker_id: str
    worker_name: str
    local: LocalWorker | None
    server: ServerWorker | None
    agreement: Agreement

    @property
    def local_units(self) -> float | None:
        return None if self.local is None else self.local.net_units

    @property
    def server_units(self) -> float | None:
        return None if self.server is None else self.server.net_units

    @property
    def difference(self) -> float:
        """Local minus server units (a side that is missing counts as 0)."""
        return round((self.local_units or 0.0) - (self.server_units or 0.0), 3) + 0.0

    @property
    def mismatch(self) -> bool:
        return self.agreement is not Agreement.MATCH


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparisonRow, ...]

    @property
    def mismatches(self) -> int:
        return sum(1 for row in self.rows if row.mismatch)

    @property
    def local_total(self) -> float:
        return round(sum(row.local_units or 0.0 for row in self.rows), 3) + 0.0

    @property
    def server_total(self) -> float:
        return round(sum(row.server_units or 0.0 for row in self.rows), 3) + 0.0


def local_workers(ledger: Iterable[LedgerLine]) -> list[LocalWorker]:
    """Per-worker sums of the ledger (stopped outbox lines left out: they are not counted anywhere)."""
    sums: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for line in ledger:
        if line.status is LineStatus.ATTENTION:
            continue
        bucket = sums.setdefault(line.worker_id, {"net": 0.0, "pending": 0.0, "records": 0, "voids": 0})
        names.setdefault(line.worker_id, line.worker_name)
        bucket["net"] += line.units
        if line.status is LineStatus.PENDING:
            bucket["pending"] += line.units
        bucket["voids" if line.is_void else "records"] += 1
    return [
        LocalWorker(
            worker_id=worker_id,
            worker_name=names[worker_id],
            net_units=round(bucket["net"], 3) + 0.0,
            pending_units=round(bucket["pending"], 3) + 0.0,
            record_count=int(bucket["records"]),
            voided_count=int(bucket["voids"]),
        )
        for worker_id, bucket in sums.items()
    ]


def compare(local: Sequence[LocalWorker], server: Sequence[ServerWorker]) -> Comparison:
    """One row per worker on either side, mismatches first, then by name."""
    mine = {worker.worker_id: worker for worker in local}
    theirs = {worker.worker_id: worker for worker in server}
    rows = []
    for worker_id in mine.keys() | theirs.keys():
        here, there = mine.get(worker_id), theirs.get(worker_id)
        name = (there.worker_name if there and there.worker_name else None) or (here.worker_name if here else worker_id)
        rows.append(ComparisonRow(worker_id, name, here, there, _agreement(here, there)))
    rows.sort(key=lambda row: (not row.mismatch, row.worker_name.casefold(), row.worker_id))
    return Comparison(tuple(rows))


def _agreement(here: LocalWorker | None, there: ServerWorker | None) -> Agreement:
    if here is None:
        return Agreement.ONLY_SERVER
    if there is None:
        return Agreement.ONLY_LOCAL
    if abs(here.net_units - there.net_units) > TOLERANCE:
        return Agreement.UNITS_DIFFER
    if here.record_count != there.record_count or here.voided_count != there.voided_count:
        return Agreement.RECORDS_DIFFER
    return Agreement.MATCH
