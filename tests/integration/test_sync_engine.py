"""The sync engine against the real simulator: offline work reaches the server once, in order; conflicts wait for
the user; sign-in expiry pauses and resumes; the OS network state is heeded; the cache refreshes incrementally."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.errors import NotFound
from hydrodesk.api.models import FormRecord, FormValue, NewRecord, NewSession, NewWorker, SessionUpdate
from hydrodesk.domain.outbox import ATTENTION_STATES, EntryState
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.choices import OutboxChoices
from hydrodesk.sync.status import ConnectionState, ProblemKind
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


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    """A simulator of this module's own: these tests write sessions, records and workers."""
    running = sim_factory_session()
    yield running
    running.stop()


@pytest_asyncio.fixture
async def client(simulator: Any) -> AsyncIterator[HydrobitClient]:
    async with make_client(simulator.base_url, simulator.token(DEMO_USER)) as api:
        yield api


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path)
    yield opened
    await opened.close()


def all_done(items: list[Any]) -> bool:
    return all(item.state is EntryState.DONE for item in items)


@pytest.mark.asyncio
async def test_a_days_work_done_offline_reaches_the_server_once_and_in_order(
    store: Store, client: HydrobitClient
) -> None:
    engine = fast_engine(store, client, batch_size=50)
    actions = OfficeActions(store, DEMO_USER, on_change=engine.notify_changed)
    session = await actions.open_session(PROJECT, "sector_002", SECTORS["sector_002"], opened_at=fresh_day())
    worker = await actions.create_worker(
        NewWorker(
            first_name="Xiomara",
            last_name="Ugarte",
            position="field_worker",
            employment_type="full_time",
            hire_date=date(2024, 6, 30),
        )
    )
    records = [await actions.record_units(session.session_id, WORKER_ID, WORKER_NAME, 2) for _ in range(120)]
    records.append(await actions.record_units(session.session_id, "XU0630", "Xiomara Ugarte", 7))
    await actions.void_record(session.session_id, "double scan", client_event_id=records[0].idem_key)
    await actions.update_session(session.session_id, SessionUpdate(notes="rain after noon"))
    await actions.close_session(session.session_id)

    before = {tally.worker_id: tally for tally in await store.session_tally(session.session_id)}
    assert (before[WORKER_ID].pending_units, before["XU0630"].pending_units) == (238, 7)

    status = await engine.sync_now()
    assert status.state is ConnectionState.ONLINE
    assert status.pending == 0
    assert status.needs_attention == 0
    assert all_done(await store.outbox_items())

    server_id = await store.resolve_session(session.session_id)
    assert server_id != session.session_id
    assert worker.payload["worker_id"] == "XU0630"
    assert (await client.get_worker("XU0630")).last_name == "Ugarte"
    events = await server_events(client, server_id)
    assert set(events) == {record.idem_key for record in records}
    assert set(events.values()) == {1}
    on_server = await client.list_session_records(server_id)
    assert sum(record.units for record in on_server) == 238 + 7
    closed = await client.get_session(server_id)
    assert (closed.status, closed.notes) == ("closed", "rain after noon")
    after = {tally.worker_id: tally for tally in await store.session_tally(session.session_id)}
    assert (after[WORKER_ID].confirmed_units, after[WORKER_ID].pending_units) == (238, 0)


@pytest.mark.asyncio
async def test_records_for_a_session_closed_meanwhile_wait_for_the_user_then_move(
    store: Store, client: HydrobitClient
) -> None:
    engine = fast_engine(store, client)
    actions = OfficeActions(store, DEMO_USER)
    choices = OutboxChoices(store)
    closed_elsewhere = await open_server_session(client, "sector_003")
    made = [await actions.record_units(closed_elsewhere, WORKER_ID, WORKER_NAME, 4) for _ in range(3)]
    await client.close_session(closed_elsewhere)  # the field supervisor closed it while the office was offline

    status = await engine.sync_now()
    assert status.conflicts == 3
    assert status.state is ConnectionState.ONLINE
    stopped = await store.outbox_items(states=ATTENTION_STATES)
    assert {item.entry_id for item in stopped} == {item.entry_id for item in made}
    assert all(item.error_code == "session_closed" and "was closed" in (item.reason or "") for item in stopped)
    assert await server_events(client, closed_elsewhere) == {}

    still_open = await open_server_session(client, "sector_004")
    await engine.refresher.recent_sessions()  # learns of open sessions, whatever their day
    targets = [row.data["session_id"] for row in await choices.move_targets(made[0].entry_id)]
    assert still_open in targets
    assert closed_elsewhere not in targets
    await choices.move_records([item.entry_id for item in made], still_open)
    status = await engine.sync_now()
    assert (status.conflicts, status.pending) == (0, 0)
    assert await server_events(client, still_open) == {item.idem_key: 1 for item in made}


@pytest.mark.asyncio
async def test_a_taken_worker_id_waits_until_the_hire_date_is_corrected(store: Store, client: HydrobitClient) -> None:
    engine = fast_engine(store, client)
    actions = OfficeActions(store, DEMO_USER)
    choices = OutboxChoices(store)
    target = await open_server_session(client, "sector_002")
    newcomer = NewWorker(
        first_name="Juana", last_name="Sepúlveda", position="field_worker", employment_type="full_time",
        hire_date=date(2020, 3, 15),
    )  # fmt: skip
    worker = await actions.create_worker(newcomer)  # JS0315 belongs to John Smith already
    tally = await actions.record_units(target, "JS0315", "Juana Sepúlveda", 3)
    assert tally.depends_on == (worker.entry_id,)

    status = await engine.sync_now()
    assert status.conflicts == 2
    refused = await store.outbox_entry(worker.entry_id)
    assert refused is not None
    assert refused.error_code == "worker_id_taken"
    assert "John Smith" in (refused.reason or "")
    assert await server_events(client, target) == {}  # her units were not given to John Smith

    with pytest.raises(NotFound):
        await client.get_worker("JS1231")
    await choices.edit_worker(worker.entry_id, newcomer.model_copy(update={"hire_date": date(2020, 12, 31)}))
    status = await engine.sync_now()
    assert (status.conflicts, status.pending) == (0, 0)
    (record,) = await client.list_session_records(target)
    assert (record.worker_id, record.client_event_id, record.units) == ("JS1231", tally.idem_key, 3)


@pytest.mark.asyncio
async def test_an_expired_sign_in_pauses_sync_and_keeps_the_outbox_until_the_user_signs_in_again(
    store: Store, client: HydrobitClient, simulator: Any
) -> None:
    target = await open_server_session(client, "sector_003")
    async with make_client(simulator.base_url, "expired.or.forged") as signed_out:
        engine = fast_engine(store, signed_out)
        actions = OfficeActions(store, DEMO_USER, on_change=engine.notify_changed)
        made = [await actions.record_units(target, WORKER_ID, WORKER_NAME) for _ in range(5)]
        engine.start()
        try:
            async with asyncio.timeout(10):
                paused = await engine.wait_for(lambda status: status.state is ConnectionState.AUTH_REQUIRED)
            assert paused.problem is not None
            assert paused.problem.kind is ProblemKind.SIGN_IN
            assert paused.pending == 5
            engine.credentials_renewed(Credentials(DEMO_USER, bearer_token=simulator.token()))
            async with asyncio.timeout(10):
                await engine.wait_for(lambda status: status.state is ConnectionState.ONLINE and status.pending == 0)
        finally:
            await engine.stop()
    assert await server_events(client, target) == {item.idem_key: 1 for item in made}


@pytest.mark.asyncio
async def test_the_os_network_state_is_heeded(store: Store, client: HydrobitClient) -> None:
    engine = fast_engine(store, client)
    actions = OfficeActions(store, DEMO_USER, on_change=engine.notify_changed)
    target = await open_server_session(client, "sector_004")
    engine.start()
    try:
        async with asyncio.timeout(10):
            await engine.wait_for(lambda status: status.state is ConnectionState.ONLINE)
        engine.set_network_available(False)
        assert engine.status.state is ConnectionState.OFFLINE
        assert engine.status.problem is not None
        assert engine.status.problem.kind is ProblemKind.NO_NETWORK
        made = await actions.record_units(target, WORKER_ID, WORKER_NAME, 9)
        async with asyncio.timeout(10):
            await engine.wait_for(lambda status: status.pending == 1)
        assert await server_events(client, target) == {}
        engine.set_network_available(True)
        async with asyncio.timeout(10):
            await engine.wait_for(lambda status: status.state is ConnectionState.ONLINE and status.pending == 0)
    finally:
        await engine.stop()
    assert await server_events(client, target) == {made.idem_key: 1}


@pytest.mark.asyncio
async def test_irrigation_commands_go_with_their_command_id(store: Store, simulator: Any) -> None:
    key = simulator.api_key("read:irrigation", "write:irrigation")
    async with make_client(simulator.base_url, simulator.token(), api_key=key) as client:
        engine = fast_engine(store, client)
        actions = OfficeActions(store, DEMO_USER)
        command = await actions.valve_command(
            "valve_003", "open", duration_min=5, expires_at=now_utc() + timedelta(hours=1)
        )
        program = await actions.program_command("prog_001", "stop", expires_at=now_utc() + timedelta(hours=1))
        status = await engine.sync_now()
        assert status.pending == 0
        assert status.needs_attention == 0
        sent = await store.outbox_entry(command.entry_id)
        assert sent is not None
        assert sent.result is not None
        assert sent.result["command_id"] == command.idem_key
        assert (await client.get_command(command.idem_key)).action == "open"
        stopped = await store.outbox_entry(program.entry_id)
        assert stopped is not None
        assert stopped.state is EntryState.DONE


@pytest.mark.asyncio
async def test_the_cache_refreshes_incrementally(store: Store, client: HydrobitClient) -> None:
    engine = fast_engine(store, client)
    refresher = engine.refresher
    today = await client.open_session(
        NewSession(project_id=PROJECT, sector_id="sector_005", sector_name="Lote C-1", opened_at=now_utc())
    )
    first = await refresher.recent_sessions()
    assert first > 1  # every session of the last days, once
    assert await refresher.recent_sessions() == 0  # nothing changed: no record list fetched again
    assert await refresher.workers() > 0
    assert await refresher.workers() == 0

    await client.create_record(
        NewRecord(
            session_id=today.session_id,
            worker_id=WORKER_ID,
            worker_name=WORKER_NAME,
            units=6,
            recorded_at_utc=now_utc(),
        )
    )
    assert await refresher.recent_sessions() == 1  # only the session that changed
    cached = await store.session_records(today.session_id)
    assert [record["units"] for record in cached] == [6]
    assert await store.company_names() == {}
    await refresher.refresh_core()  # the farm's structure was never fetched: the company and projects are due
    assert await store.company_names() == {"comp_12345": "Agrícola San Pedro"}
    assert {project["project_id"] for project in await store.projects()} >= {PROJECT, "proj_456"}
    assert {sector["sector_id"] for sector in await store.sectors(PROJECT)} >= {"sector_001", "sector_005"}
    assert await store.outbox_items() == []  # refreshing never touches the office's pending work


@pytest.mark.asyncio
async def test_a_session_closed_elsewhere_long_ago_is_closed_in_the_cache_too(
    store: Store, client: HydrobitClient
) -> None:
    """Left open on a tablet weeks ago, then closed there: in neither listing the refresh asks for (the recent
    days, the open sessions), it stayed open in the office for good, offered as the user's open session."""
    refresher = fast_engine(store, client).refresher
    weeks_ago = now_utc() - timedelta(days=40)
    forgotten = await client.open_session(
        NewSession(project_id=PROJECT, sector_id="sector_002", sector_name="Lote A-2", opened_at=weeks_ago)
    )
    await refresher.recent_sessions()
    assert forgotten.session_id in {row.data["session_id"] for row in await store.sessions(status="open")}

    await client.close_session(forgotten.session_id)
    await refresher.recent_sessions()

    cached = await store.read(cache.session, forgotten.session_id)
    assert cached is not None
    assert cached["status"] == "closed"
    assert forgotten.session_id not in {row.data["session_id"] for row in await store.sessions(status="open")}


@pytest.mark.asyncio
async def test_a_form_filled_in_offline_is_submitted_once_online(store: Store, client: HydrobitClient) -> None:
    engine = fast_engine(store, client)
    actions = OfficeActions(store, DEMO_USER)
    form = FormRecord(
        form_id="form_phyto_001",
        type="phytosanitary",
        latitude=19.4326,
        longitude=-99.1332,
        form_values=[FormValue(name="aphids", value=3, severity=2)],
        started_at=now_utc(),
    )
    item = await actions.submit_form(form)
    assert (await engine.sync_now()).pending == 0
    sent = await store.outbox_entry(item.entry_id)
    assert sent is not None
    assert sent.state is EntryState.DONE
    assert set(sent.result or {}) == {"in_project", "in_sector", "replayed", "record_id", "project_id", "sector_id"}


@pytest.mark.asyncio
async def test_a_new_server_address_is_taken_without_losing_anything(store: Store, simulator: Any) -> None:
    # Nothing listens there: the connection is refused at once, so the timeout is only a bound, never reached.
    nowhere = make_client("http://127.0.0.1:9", simulator.token(DEMO_USER), timeout=10.0)
    engine = fast_engine(store, nowhere)
    actions = OfficeActions(store, DEMO_USER)
    async with make_client(simulator.base_url, simulator.token(DEMO_USER)) as reachable:
        target = await open_server_session(reachable, "sector_002")
        made = await actions.record_units(target, WORKER_ID, WORKER_NAME, 4)
        lost = await engine.sync_now()
        assert lost.state is ConnectionState.OFFLINE
        assert lost.pending == 1
        assert lost.problem is not None
        assert lost.problem.kind is ProblemKind.UNREACHABLE
        engine.replace_client(reachable)
        found = await engine.sync_now()
        assert (found.state, found.pending) == (ConnectionState.ONLINE, 0)
        assert await server_events(reachable, target) == {made.idem_key: 1}
    await nowhere.aclose()


@pytest.mark.asyncio
async def test_a_session_opened_offline_where_one_is_open_already_lets_the_user_move_its_records(
    store: Store, client: HydrobitClient
) -> None:
    engine = fast_engine(store, client)
    actions = OfficeActions(store, DEMO_USER)
    choices = OutboxChoices(store)
    day = fresh_day()
    existing = await client.open_session(
        NewSession(project_id=PROJECT, sector_id="sector_003", sector_name=SECTORS["sector_003"], opened_at=day)
    )
    local = await actions.open_session(PROJECT, "sector_003", SECTORS["sector_003"], opened_at=day + timedelta(hours=1))
    made = [await actions.record_units(local.session_id, WORKER_ID, WORKER_NAME, 2) for _ in range(4)]

    status = await engine.sync_now()
    assert status.conflicts == 5  # the open, and the records waiting for it
    refused = await store.outbox_entry(local.entry.entry_id)
    assert refused is not None
    assert refused.error_code == "session_already_open"
    assert refused.result == {"open_session_id": existing.session_id, "owner": DEMO_USER}

    await choices.move_records([item.entry_id for item in made], existing.session_id)
    await choices.discard([local.entry.entry_id], "already open on the tablet")
    status = await engine.sync_now()
    assert (status.pending, status.conflicts) == (0, 0)
    assert await server_events(client, existing.session_id) == {item.idem_key: 1 for item in made}
