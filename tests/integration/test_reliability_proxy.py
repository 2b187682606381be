"""Network faults between HydroDesk and the server, made on cue by a loopback proxy the test controls.

A reply lost after the server committed, 500s, timeouts, garbage and dropped connections: each leaves a clear
status, the engine backs off and retries by itself with the same ids, and the server ends with every record once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import pytest_asyncio

from hydrodesk.api.client import HydrobitClient
from hydrodesk.domain.outbox import EntryState
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.status import ConnectionState, ProblemKind, SyncStatus
from tests.sync_support import (
    DEMO_USER,
    PROJECT,
    SECTORS,
    WORKER_ID,
    WORKER_NAME,
    fast_engine,
    fresh_day,
    make_client,
    open_server_session,
    open_store,
    server_events,
)
from tests.tcp_proxy import Fault, TcpProxy


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    running = sim_factory_session()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def proxy(simulator: Any) -> AsyncIterator[TcpProxy]:
    upstream = urlsplit(simulator.base_url)
    started = await TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80).start()
    yield started
    await started.close()


@pytest_asyncio.fixture
async def direct(simulator: Any) -> AsyncIterator[HydrobitClient]:
    """A client straight to the simulator, for setting up and checking (never through the proxy)."""
    async with make_client(simulator.base_url, simulator.token(DEMO_USER)) as api:
        yield api


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path)
    yield opened
    await opened.close()


async def run_until(engine: Any, done: Callable[[SyncStatus], bool], seconds: float = 60) -> list[SyncStatus]:
    """Run the engine in the background until `done`; every status it went through."""
    seen: list[SyncStatus] = []
    unsubscribe = engine.subscribe(seen.append)
    engine.start()
    try:
        async with asyncio.timeout(seconds):
            await engine.wait_for(done)
    finally:
        await engine.stop()
        unsubscribe()
    return seen


def finished(status: SyncStatus) -> bool:
    return status.state is ConnectionState.ONLINE and status.pending == 0


@pytest.mark.asyncio
async def test_a_bulk_reply_lost_after_the_server_committed_is_retried_without_counting_twice(
    store: Store, proxy: TcpProxy, direct: HydrobitClient, simulator: Any
) -> None:
    target = await open_server_session(direct, "sector_002")
    actions = OfficeActions(store, DEMO_USER)
    made = [await actions.record_units(target, WORKER_ID, WORKER_NAME, 1) for _ in range(300)]
    proxy.plan(Fault.DROP_AFTER_COMMIT, path_contains="/records/bulk", count=1)

    async with make_client(proxy.url, simulator.token(DEMO_USER)) as client:
        seen = await run_until(fast_engine(store, client, batch_size=100), finished)

    assert [fault for fault, _ in proxy.faults_applied] == [Fault.DROP_AFTER_COMMIT]
    assert any(status.problem is not None and status.problem.kind is ProblemKind.UNREACHABLE for status in seen)
    events = await server_events(direct, target)
    assert events == {item.idem_key: 1 for item in made}  # the server's count equals the records created
    results = [item.result for item in await store.outbox_items()]
    assert sum(1 for result in results if result and result["created"] is False) == 100  # the replayed batch


@pytest.mark.asyncio
async def test_a_session_opened_offline_whose_reply_was_lost_is_recognised_not_opened_twice(
    store: Store, proxy: TcpProxy, direct: HydrobitClient, simulator: Any
) -> None:
    actions = OfficeActions(store, DEMO_USER)
    opened_at = fresh_day()
    local = await actions.open_session(PROJECT, "sector_004", SECTORS["sector_004"], opened_at=opened_at)
    made = [await actions.record_units(local.session_id, WORKER_ID, WORKER_NAME, 2) for _ in range(5)]
    proxy.plan(Fault.DROP_AFTER_COMMIT, path_contains="/api/control/production/sessions", count=1)

    async with make_client(proxy.url, simulator.token(DEMO_USER)) as client:
        await run_until(fast_engine(store, client), finished)

    server_id = await store.resolve_session(local.session_id)
    listing = await direct.list_sessions(project_id=PROJECT, sector_id="sector_004", status="open")
    ours = [session for session in listing.items if session.opened_at == opened_at]
    assert [session.session_id for session in ours] == [server_id]  # one session, the one the first try made
    assert await server_events(direct, server_id) == {item.idem_key: 1 for item in made}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        (Fault.SERVER_ERROR, ProblemKind.SERVER_ERROR),
        (Fault.GARBAGE, ProblemKind.BAD_REPLY),
        (Fault.HANG, ProblemKind.TIMEOUT),
        (Fault.RESET, ProblemKind.UNREACHABLE),
    ],
)
async def test_server_errors_timeouts_and_garbage_give_a_clear_status_and_back_off(
    fault: Fault, problem: ProblemKind, store: Store, proxy: TcpProxy, direct: HydrobitClient, simulator: Any
) -> None:
    target = await open_server_session(direct, "sector_003")
    actions = OfficeActions(store, DEMO_USER)
    made = [await actions.record_units(target, WORKER_ID, WORKER_NAME, 3) for _ in range(40)]
    proxy.plan(fault, path_contains="/records/bulk", count=3)

    # Only a hang needs the client's timeout to fire, and each of the three costs the test that long; every other
    # fault answers at once and gets a timeout no loaded machine reaches. (Was 0.5 s for all: a healthy bulk that a
    # busy machine answered in 0.6 s counted as a fourth failure.)
    timeout = 2.0 if fault is Fault.HANG else 30.0
    async with make_client(proxy.url, simulator.token(DEMO_USER), timeout=timeout) as client:
        engine = fast_engine(store, client)
        seen = await run_until(engine, finished)

    troubled = [status for status in seen if status.problem is not None]
    assert {status.problem.kind for status in troubled} == {problem}  # type: ignore[union-attr]
    # Offline with the reason and when it tries again; the reason stays shown while it retries, until one works.
    assert {status.state for status in troubled} <= {ConnectionState.OFFLINE, ConnectionState.SYNCING}
    waiting = [status for status in troubled if status.state is ConnectionState.OFFLINE]
    assert waiting
    assert all(status.next_retry_at is not None for status in waiting)
    assert all(status.pending == 40 for status in waiting)  # the outbox stayed intact while it waited
    assert max(status.consecutive_failures for status in seen) == 3
    backoff_pauses = [pause for pause in engine.clock.requested if pause is not None and pause < 60]  # type: ignore[attr-defined]
    assert len(backoff_pauses) >= 3
    assert len(proxy.faults_applied) == 3
    assert await server_events(direct, target) == {item.idem_key: 1 for item in made}
    assert {item.state for item in await store.outbox_items()} == {EntryState.DONE}
