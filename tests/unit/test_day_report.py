"""The day report's content: the session's place and terms from a store row, per-worker pay, pending noted."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hydrodesk.domain.day_report import SessionTerms, build_day_report
from hydrodesk.domain.tallies import WorkerTally

SESSION = {
    "session_id": "6507f1e3c9d8e2a4b1f9c3d5",
    "project_id": "proj_123",
    "sector_id": "sector_001",
    "sector_name": "Lote A-1",
    "owner_auth0_id": "user_123456789",
    "timezone": "America/Mexico_City",
    "day": "2025-10-19T00:00:00.000Z",
    "status": "closed",
    "opened_at": "2025-10-19T14:00:00.000Z",
    "closed_at": "2025-10-20T02:30:00.000Z",
    "sampling_unit": "box",
    "price_per_unit": 5.5,
    "bonus": {"type": "flat", "value": 10, "note": "Sunday"},
}


def test_terms_come_from_a_store_row_with_times_in_the_projects_zone() -> None:
    terms = SessionTerms.from_row(SESSION)
    assert terms.day == date(2025, 10, 19)
    assert terms.bonus is not None
    assert terms.bonus.value == 10
    closed = terms.local(terms.closed_at)
    assert closed is not None
    assert (closed.day, closed.hour, closed.minute) == (19, 20, 30)  # 02:30 UTC on the 20th is 20:30 on the 19th


def test_an_unreadable_bonus_pays_no_bonus_rather_than_failing_the_report() -> None:
    assert SessionTerms.from_row({**SESSION, "bonus": {"type": "weekly", "value": 3}}).bonus is None


def test_report_totals_pay_and_pending_entries() -> None:
    tallies = [
        WorkerTally("JS0315", "John Smith", 10, 2, 0, 4, 1),
        WorkerTally("AP0620", "Ana Pérez", 3, 0, 1, 1, 0),  # one entry stopped in the outbox: not counted
    ]
    report = build_day_report(
        SESSION,
        tallies,
        company="comp_12345",
        project="Rancho San Pedro",
        supervisor="María López",
        now=datetime(2025, 10, 20, 3, 0, tzinfo=UTC),
    )
    assert (report.sector, report.day, report.supervisor) == ("Lote A-1", date(2025, 10, 19), "María López")
    assert [line.pay for line in report.lines] == [3 * 5.5 + 10, 12 * 5.5 + 10]
    assert report.totals.units == 15
    assert report.totals.workers == 2
    assert report.totals.pay == 3 * 5.5 + 10 + 12 * 5.5 + 10
    assert report.pending_entries == 1
    assert report.stopped_workers == 1
    assert report.has_pending
    assert report.generated_at.hour == 21  # local time of printing
    assert report.lines[1].has_pending
    assert not report.lines[0].has_pending


def test_a_fully_synced_report_has_nothing_pending() -> None:
    report = build_day_report(
        SESSION,
        [WorkerTally("JS0315", "John Smith", 10, 0, 0, 4, 0)],
        company="c",
        project="p",
        supervisor="s",
        now=datetime(2025, 10, 20, 3, 0, tzinfo=UTC),
    )
    assert not report.has_pending
