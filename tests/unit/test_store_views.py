"""Views lay the outbox over the cache: offline work shows at once, is marked pending, and counts once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from hydrodesk.api.models import NewRecord, NewSession, NewWorker, SessionClose
from hydrodesk.store import cache
from hydrodesk.store.outbox import Delivered
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

ME = "user_123456789"
# 03:30 UTC on the 20th is still the evening of the 19th in Mexico City.
NOW = datetime(2025, 10, 20, 3, 30, tzinfo=UTC)
PROJECT = {
    "project_id": "proj_123",
    "company_id": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "settings": {"sampling_unit": "box", "price_per_unit": 5.5, "bonus": None, "max_duration_hours": 12},
    "sectors": [{"sector_id": "sector_001", "sector_name": "Lote A-1"}],
}


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    await opened.write(cache.save_projects, [PROJECT], "2025-10-20T00:00:00.000Z")
    yield opened
    await opened.close()


def server_record(record_id: str, event: str | None, units: float, session_id: str = "S1") -> dict:
    return {
        "record_id": record_id,
        "session_id": session_id,
        "worker_id": "JS0315",
        "worker_name": "John Smith",
        "units": units,
        "state": "inserted",
        "client_event_id": event,
        "recorded_at_utc": "2025-10-20T03:00:00.000Z",
    }


async def add_record(store: Store, session_id: str, units: float) -> str:
    new = NewRecord(
        session_id=session_id, worker_id="JS0315", worker_name="John Smith", units=units, recorded_at_utc=NOW
    )
    item = await store.enqueue(payloads.record_entry(new, auth0_id=ME, now=NOW))
    return item.entry_id


@pytest.mark.asyncio
async def test_a_session_opened_offline_is_listed_at_once_on_its_local_day(store: Store) -> None:
    new = NewSession(project_id="proj_123", sector_id="sector_001", sector_name="Lote A-1", opened_at=NOW)
    opener = await store.enqueue(payloads.open_session_entry(new, auth0_id=ME, now=NOW))
    rows = await store.sessions(project_id="proj_123", status="open")
    assert len(rows) == 1
    (row,) = rows
    assert row.pending
    assert row.entry is not None
    assert row.entry.entry_id == opener.entry_id
    assert row.data["session_id"] == opener.idem_key
    assert row.data["day"].startswith("2025-10-19")
    assert (row.data["sampling_unit"], row.data["price_per_unit"]) == ("box", 5.5)  # inherited, as the server would
    assert await store.sessions(status="closed") == []


@pytest.mark.asyncio
async def test_a_record_counts_once_before_during_and_after_its_journey(store: Store) -> None:
    first = await add_record(store, "S1", 5)
    await add_record(store, "S1", 2)
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units, tally.pending_records) == (0, 7, 2)

    # The server's copy arrives by a refresh while the outbox still has the record (its reply was lost).
    event = (await store.outbox_entry(first)).idem_key  # type: ignore[union-attr]
    await store.write(cache.save_records, [server_record("rec_1", event, 5)], "2025-10-20T03:31:00.000Z")
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units, tally.total_units) == (5, 2, 7)

    # The retry is answered "duplicate": the entry is done, the cache row stays, still 7.
    await store.begin_sending([first])
    await store.finish({first: Delivered({"record_id": "rec_1"})}, records=[server_record("rec_1", event, 5)])
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units, tally.records) == (5, 2, 2)


@pytest.mark.asyncio
async def test_a_worker_created_offline_is_on_the_roster_marked_pending(store: Store) -> None:
    await store.write(
        cache.save_workers,
        [{"uid": "w1", "worker_id": "JS0315", "first_name": "John", "last_name": "Smith", "status": "active"}],
        "2025-10-20T00:00:00.000Z",
    )
    new = NewWorker(
        first_name="José", last_name="Núñez", position="field_worker", employment_type="full_time",
        hire_date=date(2025, 3, 15),
    )  # fmt: skip
    await store.enqueue(payloads.worker_entry(new, auth0_id=ME, now=NOW))
    roster = await store.workers()
    assert [(row.data["worker_id"], row.pending) for row in roster] == [("JN0315", True), ("JS0315", False)]
    assert [row.data["worker_id"] for row in await store.workers(query="jose nunez")] == ["JN0315"]
    assert [row.data["worker_id"] for row in await store.workers(query="smith")] == ["JS0315"]


@pytest.mark.asyncio
async def test_a_close_made_offline_shows_as_pending_on_its_session(store: Store) -> None:
    new = NewSession(project_id="proj_123", sector_id="sector_001", sector_name="Lote A-1", opened_at=NOW)
    opener = await store.enqueue(payloads.open_session_entry(new, auth0_id=ME, now=NOW))
    close = await store.enqueue(
        payloads.close_session_entry(opener.idem_key, SessionClose(closed_at=NOW), auth0_id=ME, now=NOW)
    )
    assert [item.entry_id for item in await store.session_changes(opener.idem_key)] == [close.entry_id]
    # Once the server numbers the session, the pending close follows it to the new id.
    await store.begin_sending([opener.entry_id])
    await store.finish({opener.entry_id: Delivered({"session_id": "S7"})}, server_ids=[(opener.idem_key, "S7")])
    assert [item.entry_id for item in await store.session_changes("S7")] == [close.entry_id]


@pytest.mark.asyncio
async def test_a_confirmed_record_not_fetched_back_yet_counts_once_and_can_be_voided(store: Store) -> None:
    sent = await add_record(store, "S1", 5)
    await store.begin_sending([sent])
    await store.finish({sent: Delivered({"record_id": "rec_5", "session_id": "S1", "created": True})})
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units) == (5, 0)

    void = payloads.void_entry(
        session_id="S1", reason="wrong worker", record_id="rec_5", target_event_id=None,
        worker_id="JS0315", worker_name="John Smith", units=5, auth0_id=ME, now=NOW,
    )  # fmt: skip
    await store.enqueue(void)
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units, tally.total_units) == (5, -5, 0)

    # The refresh brings both the record and its void from the server: still one of each.
    event = (await store.outbox_entry(sent)).idem_key  # type: ignore[union-attr]
    void_row = {**server_record("rec_v5", None, -5), "void_of": "rec_5", "client_event_id": None}
    await store.write(cache.save_records, [server_record("rec_5", event, 5), void_row], "2025-10-20T04:00:00.000Z")
    (tally,) = await store.session_tally("S1")
    assert (tally.confirmed_units, tally.pending_units, tally.records) == (0, 0, 1)
