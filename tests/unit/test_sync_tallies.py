"""Tallies count every record once, whether it is on the server, on its way, or both."""

from __future__ import annotations

from hydrodesk.domain.tallies import LedgerLine, LineStatus, merge_ledger, tally_by_worker

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION


def line(worker: str, units: float, status: LineStatus, event: str | None = None, **extra: str) -> LedgerLine:
    return LedgerLine(
        worker_id=worker, worker_name=worker.title(), units=units, status=status, client_event_id=event, **extra
    )


def test_a_record_both_confirmed_and_still_in_the_outbox_counts_once() -> None:
    confirmed = [line("js", 5, C, "evt_1", record_id="rec_1")]
    pending = [line("js", 5, P, "evt_1"), line("js", 2, P, "evt_2")]
    merged = merge_ledger(confirmed, pending)
    (tally,) = tally_by_worker(merged)
    assert (tally.confirmed_units, tally.pending_units, tally.total_units) == (5, 2, 7)
    assert (tally.records, tally.pending_records) == (2, 1)


def test_voids_subtract_once_and_match_by_the_record_they_cancel() -> None:
    confirmed = [
        line("js", 5, C, "evt_1", record_id="rec_1"),
        line("js", -5, C, None, record_id="rec_v", void_of="rec_1"),
    ]
    pending_void = [line("js", -5, P, None, void_of="rec_1")]
    (tally,) = tally_by_worker(merge_ledger(confirmed, pending_void))
    assert tally.total_units == 0
    assert tally.records == 1


def test_a_pending_void_of_a_pending_record_meets_it_once_the_record_lands() -> None:
    landed = [
        line("js", 3, C, "evt_9", record_id="rec_9"),
        line("js", -3, C, None, record_id="rec_v9", void_of="rec_9"),
    ]
    void_by_event = [line("js", -3, P, None, void_of_event="evt_9")]
    (tally,) = tally_by_worker(merge_ledger(landed, void_by_event))
    assert tally.total_units == 0


def test_stopped_entries_are_shown_apart_and_not_counted() -> None:
    (tally,) = tally_by_worker([line("js", 4, C, "a"), line("js", 6, A, "b")])
    assert (tally.total_units, tally.attention_units, tally.records) == (4, 6, 1)
    assert not tally.has_pending


def test_workers_are_sorted_by_name_and_float_noise_is_tidied() -> None:
    tallies = tally_by_worker([line("zq", 0.1, C, "1"), line("zq", 0.2, C, "2"), line("ab", 1, P, "3")])
    assert [tally.worker_id for tally in tallies] == ["ab", "zq"]
    assert tallies[1].confirmed_units == 0.3
