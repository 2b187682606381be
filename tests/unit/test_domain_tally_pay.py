"""Per-worker tallies with pay: each session's price and bonus, paid per session, summed per worker."""

from __future__ import annotations

import pytest

from hydrodesk.domain.sessions import Bonus
from hydrodesk.domain.tallies import LedgerLine, LineStatus, tally_by_worker
from hydrodesk.domain.tally_sums import (
    Pricing,
    SessionWorkerSums,
    combine_rows,
    merge_sums,
    roll_up,
    sums_from_lines,
    totals,
)

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION


def line(worker: str, units: float, status: LineStatus = C, **extra: str) -> LedgerLine:
    return LedgerLine(worker_id=worker, worker_name=worker.title(), units=units, status=status, **extra)


LEDGER = [
    line("js", 3, record_id="r1", client_event_id="e1"),
    line("js", 2, P, client_event_id="e2"),
    line("js", -3, C, record_id="v1", void_of="r1"),
    line("jn", 4, record_id="r2", client_event_id="e3"),
    line("jn", 5, A, client_event_id="e4"),
]


def test_sums_count_deliveries_voids_and_keep_stopped_units_apart() -> None:
    js, jn = sums_from_lines("S1", LEDGER)
    assert (js.confirmed_units, js.pending_units, js.records, js.pending_records, js.voids) == (0, 2, 2, 1, 1)
    assert (jn.confirmed_units, jn.attention_units, jn.records, jn.total_units) == (4, 5, 1, 4)


def test_rows_agree_with_the_ledgers_own_tally() -> None:
    rows = roll_up(sums_from_lines("S1", LEDGER), {"S1": Pricing(1.0)})
    assert [row.as_tally() for row in rows] == tally_by_worker(LEDGER)


def test_pay_with_a_percent_bonus() -> None:
    rows = roll_up(sums_from_lines("S1", LEDGER), {"S1": Pricing(5.5, Bonus("percent", 10))})
    by_id = {row.worker_id: row for row in rows}
    # js: 2 units (pending units are paid too) x 5.50 = 11.00, +10 % = 1.10.
    assert (by_id["js"].pay.base, by_id["js"].pay.bonus, by_id["js"].pay.total) == (11.0, 1.1, 12.1)
    # jn: 4 confirmed units; the 5 stopped in the outbox are not paid.
    assert by_id["jn"].pay.total == pytest.approx(24.2)


def test_a_flat_bonus_is_paid_once_per_session_with_units() -> None:
    sums = [
        SessionWorkerSums("S1", "js", "Js", confirmed_units=10, records=10),
        SessionWorkerSums("S2", "js", "Js", confirmed_units=5, records=5),
        SessionWorkerSums("S2", "jn", "Jn", confirmed_units=0, records=1, voids=1),  # everything voided
    ]
    flat = Bonus("flat", 50)
    rows = {row.worker_id: row for row in roll_up(sums, {"S1": Pricing(2.0, flat), "S2": Pricing(3.0, flat)})}
    assert (rows["js"].pay.base, rows["js"].pay.bonus, rows["js"].pay.total) == (35.0, 100.0, 135.0)
    assert rows["js"].sessions == 2
    assert rows["jn"].pay.total == 0  # no units, no bonus


def test_each_session_rounds_its_own_payslip_line() -> None:
    # 1.115 a unit: one unit pays 1.12 (half up) in each session, so two sessions pay 2.24, not round(2.23).
    sums = [SessionWorkerSums(s, "js", "Js", confirmed_units=1, records=1) for s in ("S1", "S2")]
    (row,) = roll_up(sums, {"S1": Pricing(1.115), "S2": Pricing(1.115)})
    assert row.pay.total == 2.24


def test_a_session_without_pricing_counts_but_pays_nothing() -> None:
    (row,) = roll_up([SessionWorkerSums("S9", "js", "Js", confirmed_units=7, records=7)], {})
    assert (row.total_units, row.pay.total) == (7, 0)


def test_pricing_from_a_session_as_the_store_gives_it() -> None:
    assert Pricing.of_session({"price_per_unit": 5.5, "bonus": {"type": "flat", "value": 20}}) == Pricing(
        5.5, Bonus("flat", 20)
    )
    # A bonus the rules refuse (a flat bonus of 0) is left out rather than guessed at.
    assert Pricing.of_session({"price_per_unit": None, "bonus": {"type": "flat", "value": 0}}) == Pricing(0.0)
    assert Pricing.of_session({"sampling_unit": "kg"}).sampling_unit == "kg"


def test_merged_sums_and_totals() -> None:
    merged = merge_sums(
        [SessionWorkerSums("S1", "js", "", confirmed_units=1.1, records=1)],
        [SessionWorkerSums("S1", "js", "Js", pending_units=2.2, records=1, pending_records=1)],
    )
    (only,) = merged
    assert (only.worker_name, only.records, round(only.total_units, 3)) == ("Js", 2, 3.3)
    rows = roll_up(merged, {"S1": Pricing(1.0, Bonus("percent", 50))})
    summary = totals(rows)
    assert (summary.workers, summary.units, summary.pending_units, summary.records) == (1, 3.3, 2.2, 2)
    assert (summary.pay.base, summary.pay.bonus, summary.pay.total) == (3.3, 1.65, 4.95)


def test_rows_of_separate_sessions_combine_into_the_rows_of_all() -> None:
    sums = [
        SessionWorkerSums("S1", "js", "Js", confirmed_units=10, records=10, voids=1),
        SessionWorkerSums("S2", "js", "Js", confirmed_units=5, pending_units=1, records=6, pending_records=1),
        SessionWorkerSums("S2", "jn", "Jn", confirmed_units=3, records=3),
    ]
    pricing = {"S1": Pricing(1.115, Bonus("percent", 7.5)), "S2": Pricing(2.0, Bonus("flat", 20))}
    apart = roll_up([item for item in sums if item.session_id == "S1"], pricing)
    alone = roll_up([item for item in sums if item.session_id == "S2"], pricing)
    assert combine_rows(apart, alone) == roll_up(sums, pricing)
    assert combine_rows() == []
