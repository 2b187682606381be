"""The sessions board's read: a day's sessions of a project, each with its tally and its pending changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from hydrodesk.api.models import NewRecord, NewSession, SessionClose
from hydrodesk.domain.outbox import EntryKind
from hydrodesk.store import cache
from hydrodesk.store.session_board import day_board, open_sessions
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

ME = "user_123456789"
NOW = datetime(2025, 10, 20, 3, 30, tzinfo=UTC)  # still the 19th in Mexico City
PROJECT = {
    "project_id": "proj_123",
    "company_id": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "settings": {"sampling_unit": "box", "price_per_unit": 5.5, "bonus": None, "max_duration_hours": 12},
    "sectors": [{"sector_id": "sector_001", "sector_name": "Lote A-1"}],
}


def server_session(session_id: str, sector_id: str, day: str, status: str = "open") -> dict:
    return {
        "session_id": session_id,
        "company_id": "comp_12345",
        "project_id": "proj_123",
        "owner_auth0_id": "user_987654321",
        "sector_id": sector_id,
        "sector_name": sector_id,
        "timezone": "America/Mexico_City",
        "day": f"{day}T00:00:00.000Z",
        "status": status,
        "opened_at": f"{day}T14:00:00.000Z",
        "max_duration_hours": 12,
        "sampling_unit": "box",
        "price_per_unit": 5.5,
        "total_units": 0,
    }


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "board.sqlite3", clock=lambda: NOW)
    await opened.write(cache.save_projects, [PROJECT], "2025-10-20T00:00:00.000Z")
    sessions = [
        server_session("S1", "sector_002", "2025-10-19"),
        server_session("S2", "sector_003", "2025-10-18", "closed"),
    ]
    await opened.write(cache.save_sessions, sessions, "2025-10-20T00:00:00.000Z")
    yield opened
    await opened.close()


@pytest.mark.asyncio
async def test_a_day_lists_server_and_offline_sessions_with_their_tallies_and_changes(store: Store) -> None:
    new = NewSession(project_id="proj_123", sector_id="sector_001", sector_name="Lote A-1", opened_at=NOW)
    opener = await store.enqueue(payloads.open_session_entry(new, auth0_id=ME, now=NOW))
    local_id = opener.idem_key
    record = NewRecord(session_id=local_id, worker_id="JS0315", worker_name="John Smith", units=3, recorded_at_utc=NOW)
    await store.enqueue(payloads.record_entry(record, auth0_id=ME, now=NOW))
    await store.enqueue(payloads.close_session_entry(local_id, SessionClose(closed_at=NOW), auth0_id=ME, now=NOW))

    board = await store.read(day_board, project_id="proj_123", day="2025-10-19")
    assert [entry.row.data["session_id"] for entry in board] == [local_id, "S1"]
    offline, server = board
    assert offline.row.pending
    assert [(tally.worker_id, tally.pending_units) for tally in offline.tally] == [("JS0315", 3)]
    assert [item.kind for item in offline.changes] == [EntryKind.CLOSE_SESSION]
    assert (server.row.pending, server.tally, server.changes) == (False, [], [])

    one_sector = await store.read(day_board, project_id="proj_123", sector_id="sector_002", day="2025-10-19")
    assert [entry.row.data["session_id"] for entry in one_sector] == ["S1"]
    day_before = await store.read(day_board, project_id="proj_123", day="2025-10-18")
    assert [entry.row.data["session_id"] for entry in day_before] == ["S2"]


@pytest.mark.asyncio
async def test_open_sessions_of_a_sector_and_day_come_with_their_pending_close(store: Store) -> None:
    close = payloads.close_session_entry("S1", SessionClose(closed_at=NOW), auth0_id=ME, now=NOW)
    await store.enqueue(close)
    found = await store.read(open_sessions, project_id="proj_123", sector_id="sector_002", day="2025-10-19")
    assert [entry.row.data["session_id"] for entry in found] == ["S1"]
    assert [item.kind for item in found[0].changes] == [EntryKind.CLOSE_SESSION]
    assert await store.read(open_sessions, project_id="proj_123", sector_id="sector_003", day="2025-10-18") == []
