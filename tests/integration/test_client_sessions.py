"""The client against the running simulator: production sessions and records, idempotency included.

Sessions are opened on days in 2018, each test on its own days, so these writes collide with no other test that
shares the simulator (one open session per project, day and sector).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.errors import Conflict, Forbidden, NotFound, ValidationFailed
from hydrodesk.api.models import BonusInput, NewRecord, NewSession, SessionClose, SessionUpdate
from tests.seeds import seeded

DEMO_USER = "user_123456789"
OTHER_USER = "user_987654321"
# Days of a year no seeded data or other test uses, handed out once each, from a first day the run's seed picks
# (printed in pytest's header: HYDRODESK_TEST_SEED replays it).
_DAYS = itertools.count(seeded("client sessions: first day").randrange(0, 200))


def fresh_noon() -> datetime:
    """14:00 UTC (08:00 in Mexico City) on a day no other test opens a session on."""
    return datetime(2018, 1, 1, 14, tzinfo=UTC) + timedelta(days=next(_DAYS))


def connect(simulator, user: str = DEMO_USER) -> HydrobitClient:
    credentials = Credentials(user, bearer_token=simulator.token(user))
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0), credentials)


@pytest_asyncio.fixture
async def client(sim) -> AsyncIterator[HydrobitClient]:
    async with connect(sim) as api:
        yield api


def new_session(opened_at: datetime, sector_id: str = "sector_003", sector_name: str = "Lote B-1") -> NewSession:
    return NewSession(project_id="proj_123", sector_id=sector_id, sector_name=sector_name, opened_at=opened_at)


def john(session_id: str, units: float = 3, at: datetime | None = None) -> NewRecord:
    return NewRecord(
        session_id=session_id,
        worker_id="JS0315",
        worker_name="John Smith",
        units=units,
        recorded_at_utc=at or datetime.now(UTC),
    )


# ------------------------------------------------------------------------------------------------ sessions
@pytest.mark.asyncio
async def test_a_session_opens_with_project_defaults_and_can_be_updated_and_extended(client: HydrobitClient) -> None:
    opened_at = fresh_noon()
    session = await client.open_session(new_session(opened_at))
    project = await client.get_project("proj_123")
    assert session.is_open
    assert session.owner_auth0_id == DEMO_USER
    assert (session.project_id, session.sector_id, session.sector_name) == ("proj_123", "sector_003", "Lote B-1")
    assert session.company_id == "comp_12345"
    assert session.timezone == "America/Mexico_City"
    assert session.day == opened_at.date()
    assert session.opened_at == opened_at
    assert session.closed_at is None
    assert session.sampling_unit == project.settings.sampling_unit
    assert session.price_per_unit == project.settings.price_per_unit
    assert session.max_duration_hours == project.settings.max_duration_hours
    assert session.bonus == project.settings.bonus

    update = SessionUpdate(price_per_unit=6.25, bonus=BonusInput(type="flat", value=20, note="Domingo"), notes="ok")
    assert await client.update_session(session.session_id, update) is True
    assert await client.extend_session(session.session_id, session.max_duration_hours + 2) == 14
    fetched = await client.get_session(session.session_id)
    assert fetched.price_per_unit == 6.25
    assert fetched.bonus is not None
    assert (fetched.bonus.type, fetched.bonus.value, fetched.bonus.note) == ("flat", 20, "Domingo")
    assert fetched.notes == "ok"
    assert fetched.max_duration_hours == 14

    listed = await client.list_sessions(
        project_id="proj_123", sector_id="sector_003", from_day=session.day, to_day=session.day
    )
    assert [item.session_id for item in listed.items] == [session.session_id]
    assert listed.total == 1


@pytest.mark.asyncio
async def test_the_day_is_the_local_day_in_the_projects_timezone(client: HydrobitClient) -> None:
    # 03:00 UTC is still the previous evening in Mexico City (UTC-6).
    opened_at = fresh_noon().replace(hour=3)
    session = await client.open_session(new_session(opened_at, "sector_004", "Lote B-2"))
    assert session.day == opened_at.date() - timedelta(days=1)


@pytest.mark.asyncio
async def test_a_second_open_session_for_the_same_sector_and_day_conflicts(client: HydrobitClient) -> None:
    opened_at = fresh_noon()
    first = await client.open_session(new_session(opened_at))
    with pytest.raises(Conflict) as caught:
        await client.open_session(new_session(opened_at + timedelta(hours=2)))
    assert caught.value.status_code == 409
    assert caught.value.server_message is not None
    assert caught.value.server_message in caught.value.user_message
    assert first.session_id in caught.value.user_message
    # Another sector the same day is fine.
    other = await client.open_session(new_session(opened_at, "sector_005", "Lote C-1"))
    assert other.session_id != first.session_id


@pytest.mark.asyncio
async def test_a_sector_of_another_project_is_a_validation_error_with_the_servers_reason(
    client: HydrobitClient,
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await client.open_session(new_session(fresh_noon(), "sector_101", "Parcela Norte"))
    assert caught.value.status_code == 400
    assert "sector_101" in caught.value.user_message
    assert caught.value.user_message.startswith("The server did not accept this: ")


@pytest.mark.asyncio
async def test_another_users_session_is_forbidden(sim, client: HydrobitClient) -> None:
    session = await client.open_session(new_session(fresh_noon()))
    async with connect(sim, OTHER_USER) as other:
        with pytest.raises(Forbidden) as reading:
            await other.get_session(session.session_id)
        assert reading.value.status_code == 403
        with pytest.raises(Forbidden):
            await other.create_record(john(session.session_id))
        with pytest.raises(Forbidden):
            await other.close_session(session.session_id)
    assert (await client.get_session(session.session_id)).is_open


@pytest.mark.asyncio
async def test_unknown_sessions_and_records_are_not_found(client: HydrobitClient) -> None:
    with pytest.raises(NotFound):
        await client.get_session("000000000000000000000000")
    with pytest.raises(NotFound):
        await client.get_record("rec_does_not_exist")
    with pytest.raises(NotFound):
        await client.void_record("rec_does_not_exist", "typo")


@pytest.mark.asyncio
async def test_listing_sessions_filters_by_status_and_days(client: HydrobitClient) -> None:
    opened_at = fresh_noon()
    session = await client.open_session(new_session(opened_at, "sector_002", "Lote A-2"))
    day = session.day
    open_ones = await client.list_sessions(project_id="proj_123", status="open", from_day=day, to_day=day)
    assert session.session_id in {item.session_id for item in open_ones.items}
    closed_ones = await client.list_sessions(project_id="proj_123", status="closed", from_day=day, to_day=day)
    assert session.session_id not in {item.session_id for item in closed_ones.items}
    seeded = await client.list_sessions(project_id="proj_123", status="closed", limit=5)
    assert seeded.total > 5
    assert len(seeded.items) == 5
    assert all(item.status == "closed" for item in seeded.items)


# ------------------------------------------------------------------------------------------------ records
@pytest.mark.asyncio
async def test_records_are_idempotent_voidable_and_closed_sessions_refuse_writes(client: HydrobitClient) -> None:
    opened_at = fresh_noon()
    session = await client.open_session(new_session(opened_at, "sector_001", "Lote A-1"))
    record = john(session.session_id, units=5, at=opened_at + timedelta(hours=1))

    assert await client.record_exists(session.session_id, "JS0315", record.client_event_id) is False
    first = await client.create_record(record)
    assert first.created
    assert (first.preview.session_id, first.preview.worker_id, first.preview.units) == (session.session_id, "JS0315", 5)
    replay = await client.create_record(record)
    assert replay.replayed
    assert replay.preview.record_id == first.preview.record_id
    assert await client.check_idempotency(record.server_key) is True
    assert await client.check_idempotency(f"client:{session.session_id}:JS0315:evt_never_sent") is False

    records = await client.list_session_records(session.session_id)
    assert [r.record_id for r in records] == [first.preview.record_id]  # the replay counted nothing
    stored = await client.get_record(first.preview.record_id)
    assert stored.units == 5
    assert stored.state in ("pending", "inserted")
    assert (await client.get_session(session.session_id)).total_units == 5

    voided = await client.void_record(first.preview.record_id, "Counted twice at the scale")
    assert voided.void_of == first.preview.record_id
    assert not voided.replayed
    again = await client.void_record(first.preview.record_id, "Counted twice at the scale")
    assert again.replayed
    assert again.record_id == voided.record_id
    records = await client.list_session_records(session.session_id)
    assert sorted(r.units for r in records) == [-5, 5]
    counter = next(r for r in records if r.is_void)
    assert (counter.void_of, counter.reason) == (first.preview.record_id, "Counted twice at the scale")

    second = await client.create_record(john(session.session_id, units=2))
    closed = await client.close_session(session.session_id, SessionClose(final_notes="Done", license_plate="ABC-123"))
    assert closed.status == "closed"
    assert closed.total_units == 2
    assert closed.session_id == session.session_id

    with pytest.raises(Conflict) as twice:
        await client.close_session(session.session_id)
    assert twice.value.server_message is not None
    assert twice.value.server_message in twice.value.user_message
    with pytest.raises(Conflict):
        await client.create_record(john(session.session_id))
    with pytest.raises(Conflict):
        await client.void_record(second.preview.record_id, "late")
    with pytest.raises(Conflict):
        await client.update_session(session.session_id, SessionUpdate(notes="too late"))
    with pytest.raises(Conflict):
        await client.extend_session(session.session_id, 16)
    fetched = await client.get_session(session.session_id)
    assert fetched.status == "closed"
    assert fetched.final_notes == "Done"
    assert fetched.total_units == 2


@pytest.mark.asyncio
async def test_a_bulk_upload_reports_each_record_and_a_duplicate_inside_the_batch(client: HydrobitClient) -> None:
    opened_at = fresh_noon()
    session = await client.open_session(new_session(opened_at, "sector_002", "Lote A-2"))
    closed = await client.open_session(new_session(opened_at, "sector_005", "Lote C-1"))
    await client.close_session(closed.session_id)
    a = john(session.session_id, units=4)
    b = NewRecord(
        session_id=session.session_id,
        worker_id="JS0315",
        worker_name="John Smith",
        units=1,
        recorded_at_utc=opened_at,
    )
    late = john(closed.session_id, units=7)

    result = await client.bulk_create_records([a, b, a, late])
    assert [item.index for item in result.results] == [0, 1, 2, 3]
    assert [item.outcome for item in result.results] == ["created", "created", "duplicate", "failed"]
    assert (result.summary.ok, result.summary.duplicated, result.summary.failed) == (2, 1, 1)
    duplicate = result.results[2]
    assert duplicate.preview is not None
    assert result.results[0].preview is not None
    assert duplicate.preview.record_id == result.results[0].preview.record_id
    failed = result.results[3]
    assert failed.status_code == 409
    assert failed.message

    retry = await client.bulk_create_records([a, b])
    assert [item.outcome for item in retry.results] == ["duplicate", "duplicate"]
    assert (retry.summary.ok, retry.summary.duplicated) == (0, 2)
    assert sorted(r.units for r in await client.list_session_records(session.session_id)) == [1, 4]
    assert await client.record_exists(session.session_id, "JS0315", b.client_event_id)
