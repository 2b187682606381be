"""Stopping is not failing, and a bug is not the server's fault.

- A closed store says so with ShuttingDown (StoreClosed): the sync engine stops quietly, a background job ends, a
  write asked for after the close is refused at once (it never waits for ever).
- A TypeError in our own code while sending parks the entry (failed, `internal_error`, kept for the user) and is
  shown as an internal error, logged with its traceback; the next round does not send it again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import NewRecord, NewSession
from hydrodesk.domain.outbox import EntryState
from hydrodesk.domain.shutdown import ShuttingDown, is_client_bug
from hydrodesk.store.executor import StoreClosed
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads
from hydrodesk.sync.engine import SyncEngine
from hydrodesk.sync.senders import INTERNAL_ERROR_CODE
from hydrodesk.sync.status import ConnectionState, ProblemKind
from hydrodesk.ui.tasks import BackgroundTasks

ME = "user_123456789"
NOW = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)


@pytest_asyncio.fixture
async def client() -> AsyncIterator[HydrobitClient]:
    # Nothing listens on port 9: any request that is really sent fails as "unreachable", never as a bug.
    unreachable = HydrobitClient(
        ApiConfig.single_origin("http://127.0.0.1:9", timeout=1.0, connect_timeout=0.5),
        Credentials(ME, bearer_token="token"),
    )
    yield unreachable
    await unreachable.aclose()


def opening() -> payloads.NewEntry:
    new = NewSession(project_id="proj_123", sector_id="sector_002", sector_name="Lote A-2", opened_at=NOW)
    return payloads.open_session_entry(new, auth0_id=ME, now=NOW)


def test_bugs_are_told_apart_from_the_outside_world() -> None:
    assert is_client_bug(TypeError("unsupported operand"))
    assert is_client_bug(KeyError("session_id"))
    assert not is_client_bug(OSError("disk"))
    assert not is_client_bug(TimeoutError())
    assert not is_client_bug(StoreClosed("the store is closed"))


@pytest.mark.asyncio
@pytest.mark.expect_errors("a bug in HydroDesk stopped", logger="hydrodesk.sync.senders")
async def test_a_bug_while_sending_parks_the_entry_and_is_shown_as_an_internal_error(
    tmp_path: Path, client: HydrobitClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[NewSession] = []

    async def buggy_open_session(new: NewSession) -> Any:
        calls.append(new)
        return len(new)  # type: ignore[arg-type]  # the bug: a TypeError in our own code

    monkeypatch.setattr(client, "open_session", buggy_open_session)
    store = await Store.open(tmp_path / "farm.sqlite3")
    try:
        entry = await store.enqueue(opening())
        engine = SyncEngine(store, client, refresh=False)
        with caplog.at_level(logging.ERROR, logger="hydrodesk.sync.senders"):
            await engine.run_round(forced=True)

        parked = await store.outbox_entry(entry.entry_id)
        assert parked is not None
        assert parked.state is EntryState.FAILED
        assert parked.error_code == INTERNAL_ERROR_CODE
        assert "TypeError" in (parked.reason or "")
        assert engine.status.problem is not None
        assert engine.status.problem.kind is ProblemKind.INTERNAL_ERROR
        logged = [record for record in caplog.records if record.exc_info]
        assert logged
        assert logged[0].exc_info[0] is TypeError  # the traceback is in the log

        await engine.run_round(forced=True)  # parked: not sent again, round after round
        assert len(calls) == 1
        assert engine.status.state is ConnectionState.ONLINE
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_a_store_closed_under_the_engine_stops_it_quietly(
    tmp_path: Path, client: HydrobitClient, caplog: pytest.LogCaptureFixture
) -> None:
    store = await Store.open(tmp_path / "farm.sqlite3")
    new = NewRecord(session_id="S1", worker_id="JS0315", worker_name="John Smith", recorded_at_utc=NOW)
    await store.enqueue(payloads.record_entry(new, auth0_id=ME, now=NOW))
    engine = SyncEngine(store, client, refresh=False)
    await store.close()

    with caplog.at_level(logging.WARNING):
        delay = await engine.run_round(forced=True)

    assert delay is None
    assert engine.status.problem is None  # not reported as the server's problem, nor as any other
    assert engine.status.consecutive_failures == 0
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    with pytest.raises(StoreClosed):  # refused at once, never left waiting for a commit that cannot come
        await store.enqueue(opening())


@pytest.mark.asyncio
async def test_a_background_task_ending_on_shutdown_is_not_a_failure() -> None:
    failures: list[tuple[str, BaseException]] = []
    tasks = BackgroundTasks()
    tasks.failure_listener = lambda name, error: failures.append((name, error))

    async def needs_the_store() -> None:
        raise StoreClosed("the store is closed")

    async def has_a_bug() -> None:
        raise TypeError("a bug")

    for work in (needs_the_store(), has_a_bug()):
        task = tasks.spawn(work)
        with pytest.raises((ShuttingDown, TypeError)):
            await task
    assert [type(error) for _, error in failures] == [TypeError]
