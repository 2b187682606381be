"""The server dies mid-drain and comes back (on another port, behind the same address): sync resumes by itself,
nothing is lost and nothing is counted twice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from hydrodesk.sim.launcher import RunningSimulator, start_simulator
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.status import ConnectionState, SyncStatus
from tests.sync_support import (
    DEMO_USER,
    WORKER_ID,
    WORKER_NAME,
    fast_engine,
    make_client,
    open_server_session,
    open_store,
    server_events,
)
from tests.tcp_proxy import TcpProxy

RECORDS = 6000
BATCH = 50


def address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


@pytest.mark.asyncio
async def test_sync_resumes_by_itself_after_the_server_restarts_mid_drain(
    tmp_path: Path, sim_factory_session: Callable[..., Any]
) -> None:
    first = sim_factory_session()
    token = first.token(DEMO_USER)
    proxy = await TcpProxy(*address(first.base_url)).start()  # the address HydroDesk knows never changes
    restarted: RunningSimulator | None = None
    store = await open_store(tmp_path)
    try:
        async with make_client(first.base_url, token) as direct:
            target = await open_server_session(direct, "sector_002")
        actions = OfficeActions(store, DEMO_USER)
        made = await asyncio.gather(*(actions.record_units(target, WORKER_ID, WORKER_NAME) for _ in range(RECORDS)))

        async with make_client(proxy.url, token) as client:
            engine = fast_engine(store, client, batch_size=BATCH)
            seen: list[SyncStatus] = []
            engine.subscribe(seen.append)
            engine.start()
            try:
                async with asyncio.timeout(30):
                    await proxy.wait_for_requests(5, "/records/bulk")
                await asyncio.to_thread(first.running.kill)  # mid-drain, abruptly
                async with asyncio.timeout(30):
                    down = await engine.wait_for(
                        lambda status: status.state is ConnectionState.OFFLINE and status.problem is not None
                    )
                assert 0 < down.pending < RECORDS
                restarted = await asyncio.to_thread(start_simulator, first.data_dir, devices=False)
                assert restarted.base_url != first.base_url
                proxy.set_upstream(*address(restarted.base_url))
                async with asyncio.timeout(30):
                    await engine.wait_for(lambda status: status.state is ConnectionState.ONLINE and status.pending == 0)
            finally:
                await engine.stop()
        retries = [status for status in seen if status.state is ConnectionState.OFFLINE and status.problem]
        assert retries  # it noticed, waited, and came back without anyone pressing "Sync now"

        async with make_client(restarted.base_url, token) as direct:
            assert await server_events(direct, target) == {item.idem_key: 1 for item in made}
    finally:
        await store.close()
        await proxy.close()
        if restarted is not None:
            await asyncio.to_thread(restarted.stop)
