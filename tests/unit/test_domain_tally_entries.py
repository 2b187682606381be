"""The entry list: newest first, voided deliveries marked, the same worker again within seconds flagged."""

from __future__ import annotations

from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.tally_entries import (
    EntryView,
    entry_views,
    is_suspected_duplicate,
    line_key,
    suspected_duplicates,
)

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION


def at(seconds: int) -> str:
    return f"2025-10-19T14:{seconds // 60:02d}:{seconds % 60:02d}.000Z"


def delivery(worker: str, seconds: int, event: str, status: LineStatus = C, **extra: str) -> LedgerLine:
    return LedgerLine(worker, worker.upper(), 1, status, client_event_id=event, recorded_at=at(seconds), **extra)


def test_the_same_worker_within_the_window_is_flagged_after_the_first() -> None:
    lines = [
        delivery("js", 0, "e1"),
        delivery("js", 4, "e2"),  # 4 s later: flagged
        delivery("jn", 5, "e3"),  # another worker: not
        delivery("js", 14, "e4"),  # 10 s after e2: flagged (the window is inclusive)
        delivery("js", 40, "e5"),  # 26 s later: not
    ]
    assert suspected_duplicates(lines) == {1, 3}
    assert suspected_duplicates(lines, window_s=3) == set()
    assert suspected_duplicates(lines, window_s=0) == set()
    assert suspected_duplicates(lines, window_s=30) == {1, 3, 4}


def test_voided_deliveries_voids_and_stopped_entries_neither_are_flagged_nor_flag_others() -> None:
    lines = [
        delivery("js", 0, "e1", record_id="r1"),
        LedgerLine("js", "JS", -1, C, record_id="v1", void_of="r1", recorded_at=at(2)),
        delivery("js", 5, "e2"),  # e1 was voided: e2 is the first live delivery
        delivery("js", 6, "e3", A),  # stopped in the outbox
        delivery("js", 30, "e4", P),
        LedgerLine("js", "JS", -1, P, void_of_event="e4", recorded_at=at(31)),
        delivery("js", 33, "e5", P),  # e4 is voided (pending void by its event): not a duplicate of it
    ]
    assert suspected_duplicates(lines) == set()


def test_entry_views_are_newest_first_with_their_flags() -> None:
    lines = [
        delivery("js", 0, "e1", record_id="r1"),
        delivery("js", 3, "e2"),
        LedgerLine("js", "JS", -1, P, void_of="r1", recorded_at=at(20), reason="Scanned twice"),
        LedgerLine("jn", "JN", 2, C, record_id="r9"),  # no time: listed last
    ]
    views = entry_views(lines)
    assert [view.line for view in views] == [lines[2], lines[1], lines[0], lines[3]]
    void, second, first, untimed = views
    assert first.voided
    assert not first.voidable
    assert not second.duplicate  # the delivery before it was voided
    assert not void.voidable
    assert second.voidable
    assert untimed.voidable


def test_a_new_delivery_is_judged_against_the_earlier_ones() -> None:
    earlier = [delivery("js", 0, "e1"), delivery("jn", 8, "e2")]
    assert is_suspected_duplicate(delivery("js", 9, "e3", P), earlier)
    assert not is_suspected_duplicate(delivery("js", 11, "e3", P), earlier)
    assert not is_suspected_duplicate(delivery("js", 9, "e3", P), earlier, window_s=0)
    assert not is_suspected_duplicate(delivery("ab", 9, "e3", P), earlier)


def test_line_keys_are_stable_names() -> None:
    assert line_key(delivery("js", 0, "e1")) == "event:e1"
    assert line_key(LedgerLine("js", "JS", 1, C, record_id="r1")) == "record:r1"
    assert line_key(LedgerLine("js", "JS", 1, P, entry_id="x")) == "entry:x"
    assert EntryView(delivery("js", 0, "e1")).key == "event:e1"
