"""The roster pane's queries: the cached roster with workers made here laid over it, filters, who holds a
worker_id, the template options, and a worker's recent tallies (cached and pending records, counted once)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from hydrodesk.api.models import NewRecord, NewSession, NewWorker
from hydrodesk.domain.outbox import EntryState
from hydrodesk.domain.roster import OptionLists, RosterFilter
from hydrodesk.store import cache, roster
from hydrodesk.store.outbox import Refused
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

ME = "user_123456789"
NOW = datetime(2025, 10, 20, 15, 0, tzinfo=UTC)
STAMP = "2025-10-20T15:00:00.000Z"
PROJECT = {
    "project_id": "proj_123",
    "company_id": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "settings": {"sampling_unit": "box", "price_per_unit": 5.5, "bonus": None, "max_duration_hours": 12},
    "sectors": [{"sector_id": "sector_001", "sector_name": "Lote A-1"}],
}


def worker(worker_id: str, first: str, last: str, **fields: Any) -> dict[str, Any]:
    return {
        "uid": f"uid-{worker_id}",
        "worker_id": worker_id,
        "first_name": first,
        "last_name": last,
        "position": "harvester",
        "employment_type": "seasonal",
        "hire_date": "2025-03-15",
        "status": "active",
        "skills": [],
        **fields,
    }


ROSTER = [
    worker("JS0315", "John", "Smith", position="field_worker", employment_type="full_time"),
    worker("JN0315", "José", "Núñez"),
    worker("AP1102", "Ángela", "Peña", status="on_leave", hire_date="2024-11-02"),
]


def session(session_id: str, day: str, opened_at: str, **fields: Any) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "company_id": "comp_12345",
        "project_id": "proj_123",
        "owner_auth0_id": ME,
        "sector_id": "sector_001",
        "sector_name": "Lote A-1",
        "timezone": "America/Mexico_City",
        "day": f"{day}T00:00:00.000Z",
        "status": "closed",
        "opened_at": opened_at,
        "max_duration_hours": 12,
        "sampling_unit": "box",
        "price_per_unit": 5.0,
        "bonus": None,
        **fields,
    }


def record(record_id: str, session_id: str, worker_id: str, units: float, void_of: str | None = None) -> dict:
    return {
        "record_id": record_id,
        "session_id": session_id,
        "worker_id": worker_id,
        "worker_name": worker_id,
        "units": units,
        "state": "inserted",
        "client_event_id": None if void_of else f"evt-{record_id}",
        "void_of": void_of,
        "recorded_at_utc": "2025-10-18T15:00:00.000Z",
    }


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    await opened.write(cache.save_projects, [PROJECT], STAMP)
    await opened.write(cache.save_workers, ROSTER, STAMP)
    yield opened
    await opened.close()


async def create(store: Store, first: str, last: str, hired: date, **fields: Any) -> Any:
    new = NewWorker(first_name=first, last_name=last, position="packer", employment_type="temporary", hire_date=hired)
    new = new.model_copy(update=fields)
    return await store.enqueue(payloads.worker_entry(new, auth0_id=ME, now=NOW))


@pytest.mark.asyncio
async def test_the_roster_filters_in_the_cache_and_lists_workers_made_here_first(store: Store) -> None:
    made = await create(store, "Ximena", "Zárate", date(2025, 2, 14))
    everyone = await store.read(roster.snapshot)
    assert [row.data["worker_id"] for row in everyone.rows] == ["XZ0214", "AP1102", "JS0315", "JN0315"]
    assert everyone.rows[0].pending
    assert everyone.rows[0].entry is not None
    assert everyone.rows[0].entry.entry_id == made.entry_id
    assert (everyone.cached, everyone.pending, everyone.refreshed_at) == (3, 1, None)

    async def ids(**wanted: Any) -> list[str]:
        found = await store.read(roster.snapshot, RosterFilter(**wanted))
        return [row.data["worker_id"] for row in found.rows]

    assert await ids(query="nunez") == ["JN0315"]
    assert await ids(query="JS03") == ["JS0315"]
    assert await ids(query="zarate") == ["XZ0214"]
    assert await ids(query="100%_") == []  # LIKE wildcards are text like any other
    assert await ids(status="on_leave") == ["AP1102"]
    assert await ids(position="harvester") == ["AP1102", "JN0315"]
    assert await ids(position="harvester", employment_type="seasonal", status="active") == ["JN0315"]
    assert await ids(position="packer", employment_type="temporary") == ["XZ0214"]


@pytest.mark.asyncio
async def test_refresh_time_is_the_newer_of_the_quick_and_the_full_worker_refresh(store: Store) -> None:
    await store.write(cache.mark_refreshed, "workers:full", "2025-10-20T09:00:00.000Z", None)
    assert await store.read(roster.refreshed_at) == "2025-10-20T09:00:00.000Z"
    await store.write(cache.mark_refreshed, "workers", "2025-10-20T14:00:00.000Z", None)
    assert await store.read(roster.refreshed_at) == "2025-10-20T14:00:00.000Z"


@pytest.mark.asyncio
async def test_id_holders_name_cached_and_pending_workers(store: Store) -> None:
    made = await create(store, "Kevin", "Salas", date(2025, 6, 1))
    holders = await store.read(roster.id_holders)
    assert holders["JS0315"].name == "John Smith"
    assert holders["JS0315"].entry_id is None
    assert holders["KS0601"].name == "Kevin Salas"
    assert holders["KS0601"].entry_id == made.entry_id
    # One the server refused stays listed (marked) until the user fixes or discards it.
    await store.begin_sending([made.entry_id])
    await store.finish({made.entry_id: Refused(EntryState.CONFLICT, "worker_id KS0601 is taken", "worker_id_taken")})
    (row,) = [row for row in (await store.read(roster.snapshot)).rows if row.pending]
    assert row.entry is not None
    assert row.entry.state is EntryState.CONFLICT


@pytest.mark.asyncio
async def test_template_options_are_kept_for_offline_use(store: Store) -> None:
    assert await store.read(roster.options) is None
    data = {"positions": ["harvester"], "employment_types": ["seasonal"], "statuses": ["active"], "skills": ["x"]}
    await store.write(roster.save_options, data, STAMP)
    assert await store.read(roster.options) == (OptionLists(("harvester",), ("seasonal",), ("active",), ("x",)), STAMP)


@pytest.mark.asyncio
async def test_a_workers_recent_tallies_count_cached_and_pending_records_once(store: Store) -> None:
    sessions = [
        session("S1", "2025-10-17", "2025-10-17T14:00:00.000Z"),
        session("S2", "2025-10-18", "2025-10-18T14:00:00.000Z", price_per_unit=6.0),
        session("S3", "2025-10-19", "2025-10-19T14:00:00.000Z", status="open"),
    ]
    await store.write(cache.save_sessions, sessions, STAMP)
    await store.write(
        cache.save_records,
        [
            record("r1", "S1", "JS0315", 4),
            record("r2", "S2", "JS0315", 3),
            record("r3", "S2", "JS0315", 2),
            record("r4", "S2", "JS0315", -2, void_of="r3"),
            record("r5", "S2", "JN0315", 10),
        ],
        STAMP,
    )
    # Units recorded here, not yet sent: one in an open cached session, one in a session opened offline.
    new = NewRecord(session_id="S3", worker_id="JS0315", worker_name="John Smith", units=5, recorded_at_utc=NOW)
    await store.enqueue(payloads.record_entry(new, auth0_id=ME, now=NOW))
    opened = NewSession(project_id="proj_123", sector_id="sector_001", sector_name="Lote A-1", opened_at=NOW)
    local = await store.enqueue(payloads.open_session_entry(opened, auth0_id=ME, now=NOW))
    offline = NewRecord(
        session_id=local.idem_key, worker_id="JS0315", worker_name="John Smith", units=1, recorded_at_utc=NOW
    )
    await store.enqueue(payloads.record_entry(offline, auth0_id=ME, now=NOW))

    shares = await store.read(roster.worker_history, "JS0315")
    assert [share.session_id for share in shares] == [local.idem_key, "S3", "S2", "S1"]
    by_id = {share.session_id: share for share in shares}
    assert (by_id["S2"].units, by_id["S2"].records, by_id["S2"].voids, by_id["S2"].pay.total) == (3, 2, 1, 18.0)
    assert (by_id["S3"].units, by_id["S3"].pending_units) == (5, 5)
    assert (by_id[local.idem_key].units, by_id[local.idem_key].day) == (1, "2025-10-20")
    assert [share.session_id for share in await store.read(roster.worker_history, "JN0315")] == ["S2"]
    assert await store.read(roster.worker_history, "AP1102") == []
    assert len(await store.read(roster.worker_history, "JS0315", limit=2)) == 2


@pytest.mark.asyncio
async def test_hundreds_of_workers_come_back_whole_and_in_name_order(store: Store) -> None:
    many = [worker(f"W{index:04d}", f"Nombre{index:04d}", "Apellido") for index in range(1500)]
    await store.write(cache.save_workers, many, STAMP)
    found = await store.read(roster.snapshot)
    assert found.cached == len(found.rows) == 1503
    names = [row.data["first_name"] for row in found.rows]
    assert names.index("Nombre0000") < names.index("Nombre1499")
