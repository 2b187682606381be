"""The sessions board's rules: totals from the tallies (pending counted once), time-limit flags, the one-open rule,
pending changes laid over a session, and the filters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.domain.session_board import (
    LimitState,
    StatusFilter,
    bonus_of,
    day_totals,
    find_open_clash,
    has_bonus,
    limit_flag,
    matches_filter,
    sector_free_on,
    session_totals,
    with_pending_changes,
)
from hydrodesk.domain.sessions import Bonus
from hydrodesk.domain.tallies import LedgerLine, LineStatus, merge_ledger, tally_by_worker

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION
OPENED = datetime(2025, 10, 19, 14, 0, tzinfo=UTC)  # 08:00 in Mexico City


def line(worker: str, units: float, status: LineStatus, event: str | None = None, **extra: str) -> LedgerLine:
    return LedgerLine(
        worker_id=worker, worker_name=worker.title(), units=units, status=status, client_event_id=event, **extra
    )


def session(**fields: object) -> dict:
    base = {
        "session_id": "S1",
        "project_id": "proj_123",
        "sector_id": "sector_001",
        "day": "2025-10-19T00:00:00.000Z",
        "status": "open",
        "owner_auth0_id": "me",
        "opened_at": "2025-10-19T14:00:00.000Z",
    }
    return {**base, **fields}


# ------------------------------------------------------------------------------------------------ totals
def test_totals_count_a_record_once_while_it_is_both_confirmed_and_pending() -> None:
    ledger = merge_ledger(
        [line("ana", 5, C, "e1", record_id="r1")],
        [line("ana", 5, P, "e1"), line("ana", 2, P, "e2"), line("beto", 3, P, "e3")],
    )
    totals = session_totals(tally_by_worker(ledger), 5.5, None)
    assert (totals.units, totals.workers, totals.pending_units, totals.pending_records) == (10, 2, 5, 2)
    assert totals.pay == 55.0
    assert totals.has_pending


def test_pay_adds_each_workers_bonus_rounded_as_a_payslip() -> None:
    tallies = tally_by_worker([line("ana", 3, C, "a"), line("beto", 1, C, "b")])
    percent = session_totals(tallies, 1.115, Bonus("percent", 10))
    # ana: 3 × 1.115 = 3.345 → 3.35 base, 10 % of it 0.335 → 0.34 bonus; beto: 1.115 → 1.12 base, 0.112 → 0.11
    assert percent.pay == pytest.approx(3.35 + 0.34 + 1.12 + 0.11)
    flat = session_totals(tallies, 2.0, Bonus("flat", 25))
    assert flat.pay == 6 + 25 + 2 + 25


def test_a_worker_whose_units_were_all_voided_is_not_counted_nor_paid() -> None:
    ledger = [line("ana", 2, C, "a", record_id="r1"), line("ana", -2, C, None, record_id="v1", void_of="r1")]
    ledger += [line("beto", 1, C, "b")]
    totals = session_totals(tally_by_worker(ledger), 5.0, Bonus("flat", 10))
    assert (totals.units, totals.workers) == (1, 2)  # ana still delivered a record
    assert totals.pay == 15.0  # ana's flat bonus needs something to pay for


def test_stopped_records_are_held_apart() -> None:
    totals = session_totals(tally_by_worker([line("ana", 4, C, "a"), line("ana", 6, A, "b")]), 1.0, None)
    assert (totals.units, totals.held_units, totals.pay) == (4, 6, 4)


def test_without_local_records_the_servers_totals_are_shown_without_pay() -> None:
    totals = session_totals([], 5.5, None, server_units=120, server_workers=18)
    assert (totals.units, totals.workers, totals.pay, totals.from_server) == (120, 18, None, True)
    assert session_totals([], 5.5, None, server_units=0).from_server is False


def test_a_day_counts_a_worker_in_two_sectors_once() -> None:
    one = session_totals(tally_by_worker([line("ana", 2, C, "a"), line("beto", 1, P, "b")]), 1.0, None)
    two = session_totals(tally_by_worker([line("ana", 3, C, "c")]), 2.0, None)
    day = day_totals([one, two])
    assert (day.units, day.workers, day.pay, day.pending_records) == (6, 2, 9.0, 1)
    assert day_totals([one, session_totals([], 1, None, server_units=5, server_workers=4)]).pay is None


def test_no_bonus_and_a_zero_percent_bonus_are_the_same() -> None:
    assert not has_bonus(None)
    assert not has_bonus(Bonus("percent", 0))
    assert has_bonus(bonus_of({"type": "flat", "value": 25, "note": "jornada"}))
    assert bonus_of({"type": "flat", "value": -1}) is None


# ------------------------------------------------------------------------------------------------ time limit
@pytest.mark.parametrize(
    ("elapsed", "state"),
    [
        (timedelta(hours=2), LimitState.RUNNING),
        (timedelta(hours=11, minutes=1), LimitState.NEARING),
        (timedelta(hours=12), LimitState.OVERDUE),
        (timedelta(hours=14), LimitState.OVERDUE),
    ],
)
def test_a_session_is_flagged_within_an_hour_of_its_limit_and_past_it(elapsed: timedelta, state: LimitState) -> None:
    flag = limit_flag(OPENED, 12, OPENED + elapsed)
    assert flag.state is state
    assert flag.deadline == OPENED + timedelta(hours=12)
    assert flag.left == timedelta(hours=12) - elapsed
    assert flag.flagged is (state is not LimitState.RUNNING)


def test_a_closed_session_is_never_flagged() -> None:
    flag = limit_flag(OPENED, 12, OPENED + timedelta(hours=30), closed_at=OPENED + timedelta(hours=7))
    assert flag.state is LimitState.CLOSED
    assert not flag.flagged
    assert flag.left == timedelta(hours=5)
    assert limit_flag(OPENED, 1, OPENED + timedelta(hours=3), closed=True).state is LimitState.CLOSED


def test_overdue_by_counts_from_the_deadline() -> None:
    assert limit_flag(OPENED, 2, OPENED + timedelta(hours=3, minutes=5)).overdue_by == timedelta(hours=1, minutes=5)


# ------------------------------------------------------------------------------------------------ one open session
def test_an_open_session_of_the_same_project_sector_and_day_clashes() -> None:
    sessions = [session(), session(session_id="S2", sector_id="sector_002")]
    clash = find_open_clash(sessions, project_id="proj_123", sector_id="sector_001", day=date(2025, 10, 19))
    assert clash is not None
    assert clash["session_id"] == "S1"


@pytest.mark.parametrize(
    "other",
    [
        {"status": "closed"},
        {"sector_id": "sector_009"},
        {"project_id": "proj_456"},
        {"day": "2025-10-18T00:00:00.000Z"},
    ],
)
def test_other_sectors_days_projects_and_closed_sessions_do_not_clash(other: dict) -> None:
    found = find_open_clash([session(**other)], project_id="proj_123", sector_id="sector_001", day=date(2025, 10, 19))
    assert found is None


def test_a_free_sector_is_the_preferred_one_when_nothing_is_open_there_else_the_first_free_one() -> None:
    sectors = ["sector_001", "sector_002", "sector_003"]
    day = date(2025, 10, 19)
    taken = [session(), session(session_id="S2", sector_id="sector_002")]  # 001 and 002 have an open session
    assert (
        sector_free_on(taken, project_id="proj_123", sector_ids=sectors, day=day, prefer="sector_002") == "sector_003"
    )
    assert sector_free_on(taken, project_id="proj_123", sector_ids=sectors, day=day) == "sector_003"
    assert sector_free_on(taken, project_id="proj_123", sector_ids=sectors, day=day + timedelta(days=1),
                          prefer="sector_002") == "sector_002"  # fmt: skip
    everywhere = [*taken, session(session_id="S3", sector_id="sector_003")]
    assert sector_free_on(everywhere, project_id="proj_123", sector_ids=sectors, day=day) is None


def test_a_session_whose_close_is_on_its_way_does_not_clash() -> None:
    found = find_open_clash(
        [session()], project_id="proj_123", sector_id="sector_001", day=date(2025, 10, 19), closing={"S1"}
    )
    assert found is None


# ------------------------------------------------------------------------------------------------ pending changes
def test_pending_changes_apply_in_order_and_are_named() -> None:
    data = session(price_per_unit=5.5, max_duration_hours=12, sampling_unit="box")
    overlay = with_pending_changes(
        data,
        [
            (EntryKind.UPDATE_SESSION, {"update": {"price_per_unit": 6.0}}, False),
            (EntryKind.EXTEND_SESSION, {"max_duration_hours": 16}, False),
            (EntryKind.UPDATE_SESSION, {"update": {"price_per_unit": 6.5, "notes": "lluvia"}}, False),
        ],
    )
    assert (overlay.data["price_per_unit"], overlay.data["max_duration_hours"], overlay.data["notes"]) == (
        6.5,
        16,
        "lluvia",
    )
    assert overlay.changed_fields == {"price_per_unit", "max_duration_hours", "notes"}
    assert not overlay.closing
    assert not overlay.stopped
    assert data["price_per_unit"] == 5.5  # the server's copy is left alone


def test_a_pending_close_shows_the_session_closed_and_a_refused_change_is_not_applied() -> None:
    overlay = with_pending_changes(
        session(),
        [
            (EntryKind.UPDATE_SESSION, {"update": {"price_per_unit": 9.0}}, True),
            (EntryKind.CLOSE_SESSION, {"close": {"closed_at": "2025-10-19T20:00:00.000Z", "final_notes": "ok"}}, False),
        ],
    )
    assert overlay.data["status"] == "closed"
    assert overlay.data["closed_at"] == "2025-10-19T20:00:00.000Z"
    assert overlay.data["final_notes"] == "ok"
    assert "price_per_unit" not in overlay.data
    assert overlay.closing
    assert overlay.stopped


# ------------------------------------------------------------------------------------------------ filters
@pytest.mark.parametrize(
    ("status", "mine_only", "expected"),
    [
        (StatusFilter.ALL, False, {"S1", "S2", "S3"}),
        (StatusFilter.OPEN, False, {"S1", "S2"}),
        (StatusFilter.CLOSED, False, {"S3"}),
        (StatusFilter.ALL, True, {"S1", "S3"}),
        (StatusFilter.OPEN, True, {"S1"}),
    ],
)
def test_filters_by_status_and_owner(status: StatusFilter, mine_only: bool, expected: set[str]) -> None:
    sessions = [
        session(),
        session(session_id="S2", owner_auth0_id="someone"),
        session(session_id="S3", status="closed"),
    ]
    shown = {s["session_id"] for s in sessions if matches_filter(s, status, mine_only=mine_only, me="me")}
    assert shown == expected
