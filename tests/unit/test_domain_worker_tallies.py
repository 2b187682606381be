"""A worker's share of a session: net units, records, voids and pay, pending counted, stopped lines left out."""

from __future__ import annotations

import pytest

from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.worker_tallies import newest_first, session_bonus, share_of, total_pay

SESSION = {
    "session_id": "S1",
    "project_id": "proj_123",
    "sector_name": "Lote A-1",
    "day": "2025-10-19T00:00:00.000Z",
    "status": "open",
    "sampling_unit": "box",
    "price_per_unit": 5.5,
    "bonus": {"type": "percent", "value": 10, "note": None},
    "opened_at": "2025-10-19T14:00:00.000Z",
}


def line(worker: str, units: float, status: LineStatus = LineStatus.CONFIRMED, **extra: str) -> LedgerLine:
    return LedgerLine(worker_id=worker, worker_name=worker, units=units, status=status, **extra)


def test_units_records_voids_and_pay_of_one_worker() -> None:
    lines = [
        line("JS0315", 4, record_id="r1"),
        line("JS0315", 3, record_id="r2"),
        line("JS0315", -3, void_of="r2"),
        line("JS0315", 2, LineStatus.PENDING),
        line("JS0315", 9, LineStatus.ATTENTION),  # stopped in the outbox: not counted
        line("JN0315", 50, record_id="r3"),
    ]
    share = share_of("JS0315", SESSION, lines)
    assert share is not None
    assert (share.units, share.pending_units, share.records, share.voids) == (6, 2, 3, 1)
    assert (share.day, share.sector_name, share.sampling_unit, share.status) == (
        "2025-10-19",
        "Lote A-1",
        "box",
        "open",
    )
    # 6 boxes × 5.50 = 33.00, plus 10 % = 3.30
    assert (share.pay.base, share.pay.bonus, share.pay.total) == (33.0, 3.3, 36.3)
    assert share.has_pending


def test_a_worker_without_movements_has_no_share_and_an_unknown_bonus_pays_nothing_extra() -> None:
    assert share_of("XX0101", SESSION, [line("JS0315", 1)]) is None
    odd = {**SESSION, "bonus": {"type": "per_crate", "value": 1}}
    assert session_bonus(odd) is None
    share = share_of("JS0315", odd, [line("JS0315", 2)])
    assert share is not None
    assert share.pay.total == 11.0


def test_shares_sort_newest_first_and_pay_adds_up_in_cents() -> None:
    older = share_of("JS0315", {**SESSION, "session_id": "S0", "day": "2025-10-18"}, [line("JS0315", 0.1)])
    newer = share_of("JS0315", SESSION, [line("JS0315", 0.2)])
    assert older is not None
    assert newer is not None
    assert [share.session_id for share in newest_first([older, newer])] == ["S1", "S0"]
    assert total_pay([older, newer]) == pytest.approx(older.pay.total + newer.pay.total)
    assert total_pay([]) == 0
