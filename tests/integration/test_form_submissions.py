"""Form submissions end to end: the simulator keeps one record per clientEventId, and the office's outbox sends a
form made offline once, even when the reply is lost after the server stored it or HydroDesk restarts meanwhile; a
scouting form sent this way reaches the phytosanitary records the scouting pane reads."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.models import FormRecord, FormValue
from hydrodesk.domain.outbox import EntryState
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.status import ConnectionState, SyncStatus
from tests.sync_support import DEMO_USER, fast_engine, make_client, open_store
from tests.tcp_proxy import Fault, TcpProxy

SUBMIT = "/api/control/forms/record"
RECORDS = "/api/control/forms/records"


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    running = sim_factory_session()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def direct(simulator: Any) -> AsyncIterator[HydrobitClient]:
    async with make_client(
        simulator.base_url, simulator.token(DEMO_USER), api_key=simulator.api_key("read:phytosanitary")
    ) as api:
        yield api


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path)
    yield opened
    await opened.close()


def scouting(note: str, **changes: Any) -> FormRecord:
    """A scouting form for sector_002 with a note of its own, so each test finds its own record on the server."""
    fields: dict[str, Any] = {
        "form_id": "form_phyto_001",
        "type": "phytosanitary",
        "sector_id": "sector_002",
        "form_values": [
            FormValue(name="aphids", value=7, severity=2),
            FormValue(name="thrips", value=0, severity=0),
            FormValue(name="notes", value=note),
        ],
        "started_at": now_utc(),
    }
    return FormRecord(**{**fields, **changes})


async def records_noted(client: HydrobitClient, note: str) -> list[Any]:
    found = await client.list_form_records(form_id="form_phyto_001")
    return [record for record in found if {"name": "notes", "value": note} in record.form_values]


def finished(status: SyncStatus) -> bool:
    return status.state is ConnectionState.ONLINE and status.pending == 0


# ------------------------------------------------------------------------------------------------ the simulator
def test_a_client_event_id_sent_twice_stores_one_record(simulator: Any) -> None:
    headers = {"Authorization": f"Bearer {simulator.token(DEMO_USER)}"}
    body = {
        "record": {
            "_id": "form_abc123",
            "auth0Id": DEMO_USER,
            "type": "inspection",
            "sectorId": "sector_003",
            "clientEventId": "evt_twice",
            "form_values": [
                {"name": "lot_code", "value": "L-77"},
                {"name": "sample_size", "value": 100},
                {"name": "approved", "value": True},
            ],
        }
    }
    with httpx.Client(base_url=simulator.base_url, headers=headers, timeout=15) as http:
        first = http.post(SUBMIT, json=body)
        again = http.post(SUBMIT, json=body)
        other_form = http.post(SUBMIT, json={"record": {**body["record"], "_id": "form_irrigation_check",
                                                        "type": "irrigation", "form_values": []}})  # fmt: skip
        listed = http.get(RECORDS, params={"auth0Id": DEMO_USER, "formId": "form_abc123"}).json()["data"]
        bad_range = http.get(RECORDS, params={"auth0Id": DEMO_USER, "from": "2025-02-01", "to": "2025-01-01"})
    assert first.status_code == 201, first.text
    assert "X-Idempotent-Replay" not in first.headers
    assert again.status_code == 200
    assert again.headers["X-Idempotent-Replay"] == "true"
    assert again.json()["record"] == first.json()["record"]
    stored = first.json()["record"]
    assert (stored["clientEventId"], stored["sectorId"], stored["projectId"]) == ("evt_twice", "sector_003", "proj_123")
    assert first.json()["verification"] == stored["verification"] == {"project": True, "sector": True}
    assert other_form.status_code == 409
    assert "evt_twice" in other_form.json()["message"]
    assert [item["recordId"] for item in listed["items"] if item["clientEventId"] == "evt_twice"] == [
        stored["recordId"]
    ]
    assert bad_range.status_code == 400


@pytest.mark.asyncio
async def test_the_record_list_filters_by_local_day(direct: HydrobitClient) -> None:
    await direct.submit_form_record(scouting("filtered", client_event_id="evt_filtered"))
    today = (await records_noted(direct, "filtered"))[0].local_day
    assert today is not None
    inside = await direct.list_form_records(form_id="form_phyto_001", first_day=today, last_day=today)
    before = await direct.list_form_records(form_id="form_phyto_001", last_day=date(2020, 1, 1))
    assert "evt_filtered" in {record.client_event_id for record in inside}
    assert before == []


# ------------------------------------------------------------------------------------------------ the outbox
@pytest.mark.asyncio
async def test_a_form_submitted_offline_is_sent_once_when_the_network_returns(
    store: Store, direct: HydrobitClient, simulator: Any
) -> None:
    actions = OfficeActions(store, DEMO_USER)
    item = await actions.submit_form(scouting("offline once"), form_name="Monitoreo fitosanitario")
    assert item.idem_key == item.payload["client_event_id"] == item.payload["record"]["client_event_id"]
    async with make_client("http://127.0.0.1:9", simulator.token(DEMO_USER), timeout=0.5) as nowhere:
        offline = await fast_engine(store, nowhere).sync_now()
    assert (offline.state, offline.pending) == (ConnectionState.OFFLINE, 1)
    assert await records_noted(direct, "offline once") == []

    status = await fast_engine(store, direct).sync_now()
    assert status.pending == 0
    sent = await store.outbox_entry(item.entry_id)
    assert sent is not None
    assert sent.state is EntryState.DONE
    assert sent.result is not None
    found = await records_noted(direct, "offline once")
    assert [record.record_id for record in found] == [sent.result["record_id"]]
    assert found[0].client_event_id == item.idem_key
    assert (sent.result["in_project"], sent.result["in_sector"], sent.result["sector_id"]) == (
        True,
        True,
        "sector_002",
    )
    assert sent.result["replayed"] is False


@pytest.mark.asyncio
async def test_a_reply_lost_after_commit_then_a_restart_still_leaves_one_record(
    tmp_path: Path, direct: HydrobitClient, simulator: Any
) -> None:
    upstream = urlsplit(simulator.base_url)
    proxy = await TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80).start()
    store = await open_store(tmp_path, "restart.sqlite3")
    try:
        item = await OfficeActions(store, DEMO_USER).submit_form(scouting("lost reply"))
        proxy.plan(Fault.DROP_AFTER_COMMIT, path_contains=SUBMIT, count=1)
        async with make_client(proxy.url, simulator.token(DEMO_USER)) as client:
            lost = await fast_engine(store, client).sync_now()
        assert [fault for fault, _ in proxy.faults_applied] == [Fault.DROP_AFTER_COMMIT]
        assert lost.pending == 1  # HydroDesk cannot know the server has it
        assert len(await records_noted(direct, "lost reply")) == 1  # it has
    finally:
        await store.close()  # HydroDesk is closed with the submission still pending
        await proxy.close()

    reopened = await open_store(tmp_path, "restart.sqlite3")
    try:
        engine = fast_engine(reopened, direct)
        engine.start()
        try:
            async with asyncio.timeout(20):
                await engine.wait_for(finished)
        finally:
            await engine.stop()
        sent = await reopened.outbox_entry(item.entry_id)
    finally:
        await reopened.close()
    assert sent is not None
    assert sent.state is EntryState.DONE
    assert sent.result is not None
    assert sent.result["replayed"] is True  # the second try was recognised as the first
    assert [record.record_id for record in await records_noted(direct, "lost reply")] == [sent.result["record_id"]]


@pytest.mark.asyncio
async def test_a_scouting_form_sent_through_the_outbox_reaches_the_phytosanitary_records(
    store: Store, direct: HydrobitClient
) -> None:
    item = await OfficeActions(store, DEMO_USER).submit_form(scouting("for the scouting pane"))
    engine = fast_engine(store, direct)
    assert (await engine.sync_now()).pending == 0
    sent = await store.outbox_entry(item.entry_id)
    assert sent is not None
    assert sent.result is not None
    stored = (await records_noted(direct, "for the scouting pane"))[0]
    assert stored.local_day is not None

    rows = await engine.refresher.phyto_records(stored.local_day, stored.local_day)
    ours = [row for row in rows if row["record_id"] == sent.result["record_id"]]
    assert len(ours) == 1
    assert ours[0]["sector_id"] == "sector_002"
    aphids = [response for response in ours[0]["responses"] if response["variable_name"] == "aphids"]
    assert [(response["value_number"], response["severity"]) for response in aphids] == [(7, 2)]
