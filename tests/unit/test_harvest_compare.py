"""The server's harvest breakdown beside the local ledger: every kind of disagreement named, agreement quiet."""

from __future__ import annotations

from hydrodesk.domain.harvest_compare import Agreement, ServerWorker, compare, local_workers
from hydrodesk.domain.tallies import LedgerLine, LineStatus

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION


def line(worker: str, units: float, status: LineStatus = C, *, void: bool = False) -> LedgerLine:
    return LedgerLine(worker, worker.title(), units, status, void_of="rec_x" if void else None)


def server(worker: str, net: float, records: int, voided: int = 0) -> ServerWorker:
    return ServerWorker(worker, worker.title(), net, net, records, voided)


def test_local_sums_count_records_and_voids_but_leave_stopped_entries_out() -> None:
    (smith,) = local_workers([line("js", 3), line("js", 2, P), line("js", -3, void=True), line("js", 9, A)])
    assert (smith.net_units, smith.pending_units, smith.record_count, smith.voided_count) == (2, 2, 2, 1)


def test_every_kind_of_disagreement_is_named_and_listed_first() -> None:
    local = local_workers(
        [
            *(line("ana", 4), line("bob", 5), line("cruz", 2), line("dan", 1), line("dan", 1)),
            *(line("eve", 3), line("eve", -3, void=True)),
        ]
    )
    result = compare(
        local,
        [server("ana", 4, 1), server("bob", 6, 1), server("dan", 2, 1), server("eve", 0, 1, 1), server("fay", 7, 2)],
    )
    agreement = {row.worker_id: row.agreement for row in result.rows}
    assert agreement == {
        "ana": Agreement.MATCH,
        "bob": Agreement.UNITS_DIFFER,
        "cruz": Agreement.ONLY_LOCAL,
        "dan": Agreement.RECORDS_DIFFER,
        "eve": Agreement.MATCH,
        "fay": Agreement.ONLY_SERVER,
    }
    assert [row.worker_id for row in result.rows] == ["bob", "cruz", "dan", "fay", "ana", "eve"]
    assert result.mismatches == 4
    by_id = {row.worker_id: row for row in result.rows}
    assert by_id["bob"].difference == -1
    assert by_id["fay"].difference == -7
    assert by_id["fay"].local_units is None
    assert by_id["cruz"].server_units is None
    assert (result.local_total, result.server_total) == (13, 19)


def test_float_noise_is_not_a_mismatch() -> None:
    local = local_workers([line("ana", 0.1), line("ana", 0.2)])
    assert compare(local, [server("ana", 0.3, 2)]).rows[0].agreement is Agreement.MATCH
