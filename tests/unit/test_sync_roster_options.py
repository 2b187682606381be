"""The company's template options: from the server when it answers (and kept), else the kept copy, else the
values the cached roster uses. The server's own answer is covered against the simulator in the UI tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.errors import Offline
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.sync.roster import OptionsSource, load_worker_options

OPTIONS = {"positions": ["harvester", "packer"], "employmentTypes": ["seasonal"], "statuses": ["active"], "skills": []}


def client(handler: object) -> HydrobitClient:
    config = ApiConfig(base_url="https://api.example.test", iot_url="https://iot.example.test")
    return HydrobitClient(config, Credentials("user_1", bearer_token="t"), transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


def answering(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"status": "success", "data": OPTIONS})


def unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "farm.sqlite3")
    yield opened
    await opened.close()


@pytest.mark.asyncio
async def test_options_come_from_the_server_then_from_the_kept_copy(store: Store) -> None:
    async with client(answering) as online:
        fetched = await load_worker_options(store, online)
    assert fetched.source is OptionsSource.SERVER
    assert fetched.error is None
    assert fetched.options.positions == ("harvester", "packer")
    assert fetched.options.employment_types == ("seasonal",)
    async with client(unreachable) as offline:
        kept = await load_worker_options(store, offline)
    assert kept.source is OptionsSource.CACHE
    assert isinstance(kept.error, Offline)
    assert (kept.options, kept.fetched_at) == (fetched.options, fetched.fetched_at)
    quiet = await load_worker_options(store, None)
    assert quiet.source is OptionsSource.CACHE
    assert quiet.error is None


@pytest.mark.asyncio
async def test_never_fetched_options_are_guessed_from_the_roster(store: Store) -> None:
    roster = [
        {"worker_id": "JS0315", "first_name": "John", "last_name": "Smith", "position": "field_worker",
         "employment_type": "full_time", "status": "active", "skills": ["pruning"]},
    ]  # fmt: skip
    await store.write(cache.save_workers, roster, "2025-10-20T15:00:00.000Z")
    async with client(unreachable) as offline:
        guessed = await load_worker_options(store, offline)
    assert guessed.source is OptionsSource.ROSTER
    assert guessed.fetched_at is None
    assert (guessed.options.positions, guessed.options.skills) == (("field_worker",), ("pruning",))
    assert guessed.options.statuses == ("active",)
