"""`sync_now()` answers with a round that began after it was asked, never with one already under way.

A round that is past its requests when the server goes away still ends "online"; a caller who asked during it (the
supervisor pressing Sync after the cable was pulled, a test stopping its simulator) must hear what the next round
finds. The round itself is stood in for here: which round answers is the engine loop's business, not the network's.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.store.store import Store
from hydrodesk.sync.status import ConnectionState
from tests.sync_support import fast_engine


@pytest.mark.asyncio
async def test_a_sync_asked_for_during_a_round_is_answered_by_the_next_round(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "farm.sqlite3")
    client = HydrobitClient(ApiConfig.single_origin("http://127.0.0.1:9"), Credentials("user_1", bearer_token="t"))
    engine = fast_engine(store, client)
    rounds: list[ConnectionState] = []
    first_under_way, finish_first = asyncio.Event(), asyncio.Event()

    async def stand_in_round(*, forced: bool = False) -> float | None:
        # The first round found the server; by the second it is gone.
        state = ConnectionState.ONLINE if not rounds else ConnectionState.OFFLINE
        rounds.append(state)
        if len(rounds) == 1:
            first_under_way.set()
            await finish_first.wait()
        engine.hub.update(state=state)
        return None

    engine.run_round = stand_in_round  # type: ignore[method-assign]
    try:
        engine.start()
        await first_under_way.wait()
        asked = asyncio.ensure_future(engine.sync_now())
        await asyncio.sleep(0)  # the question is registered while the first round is still running
        finish_first.set()
        status = await asyncio.wait_for(asked, 10)
        assert rounds == [ConnectionState.ONLINE, ConnectionState.OFFLINE]
        assert status.state is ConnectionState.OFFLINE
    finally:
        await engine.stop()
        await client.aclose()
        await store.close()
