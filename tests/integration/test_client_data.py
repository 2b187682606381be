"""The client against the running simulator: phytosanitary and harvest data read with a scoped API key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig, ApiKeyScheme
from hydrodesk.api.errors import AuthExpired, Forbidden, NotFound, ValidationFailed

DEMO_USER = "user_123456789"
TODAY = datetime.now(UTC).date()
FORTNIGHT = (TODAY - timedelta(days=14), TODAY)


def connect(simulator, *scopes: str, **config: object) -> HydrobitClient:
    credentials = Credentials(DEMO_USER, api_key=simulator.api_key(*scopes))
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0, **config), credentials)  # type: ignore[arg-type]


@pytest_asyncio.fixture
async def client(sim) -> AsyncIterator[HydrobitClient]:
    async with connect(sim, "read:phytosanitary", "read:production") as api:
        yield api


# ------------------------------------------------------------------------------------------------ phytosanitary
@pytest.mark.asyncio
async def test_a_project_summary_aggregates_incidence_per_sector(client: HydrobitClient) -> None:
    summary = await client.phytosanitary_summary(*FORTNIGHT, project_id="proj_123")
    assert summary.scope == "project"
    assert (summary.range.start_time, summary.range.end_time) == FORTNIGHT
    assert summary.project_timezone == "America/Mexico_City"
    assert summary.filters.project_id == "proj_123"
    assert summary.total_records > 0
    assert summary.total_sectors == len(summary.sectors) > 0
    assert {project.project_id for project in summary.projects} == {"proj_123"}
    assert all(0 <= sector.incidence <= 100 for sector in summary.sectors)
    sector = await client.phytosanitary_summary(*FORTNIGHT, sector_id="sector_001")
    assert sector.scope == "sector"
    assert [item.sector_name for item in sector.sectors] == ["Lote A-1"]


@pytest.mark.asyncio
async def test_without_filters_the_summary_covers_the_company_of_the_signed_in_user(sim) -> None:
    credentials = Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER), api_key=sim.api_key("read:phytosanitary"))
    async with HydrobitClient(ApiConfig.single_origin(sim.base_url), credentials) as api:
        summary = await api.phytosanitary_summary(*FORTNIGHT)
    assert summary.scope == "company"
    assert summary.filters.company_id == "comp_12345"
    assert {"proj_123", "proj_456"} <= {project.project_id for project in summary.projects}


@pytest.mark.asyncio
async def test_company_summary_and_raw_records_agree(client: HydrobitClient) -> None:
    summary = await client.phytosanitary_company_summary(*FORTNIGHT)
    records = await client.phytosanitary_company_records(*FORTNIGHT)
    assert summary.company_id == records.company_id == "comp_12345"
    assert summary.company_timezone == records.company_timezone
    assert summary.total_records == records.total_records == len(records.records) > 0
    first = records.records[0]
    assert first.record_id
    assert first.responses
    assert all(response.variable_name for response in first.responses)
    assert all(
        FORTNIGHT[0] <= record.created_at.date() <= FORTNIGHT[1] + timedelta(days=1) for record in records.records
    )


@pytest.mark.asyncio
async def test_ranges_over_180_days_and_reversed_ranges_are_refused(client: HydrobitClient) -> None:
    with pytest.raises(ValidationFailed) as too_long:
        await client.phytosanitary_company_summary(TODAY - timedelta(days=181), TODAY)
    assert "180 days" in too_long.value.user_message
    with pytest.raises(ValidationFailed) as reversed_range:
        await client.phytosanitary_company_records(TODAY, TODAY - timedelta(days=1))
    assert "startTime" in reversed_range.value.user_message


@pytest.mark.asyncio
async def test_another_companys_data_is_forbidden_and_unknown_projects_not_found(client: HydrobitClient) -> None:
    with pytest.raises(Forbidden) as caught:
        await client.phytosanitary_summary(*FORTNIGHT, company_id="comp_67890")
    assert "comp_67890" in caught.value.user_message
    with pytest.raises(Forbidden):
        await client.phytosanitary_summary(*FORTNIGHT, project_id="proj_789")
    with pytest.raises(NotFound):
        await client.phytosanitary_summary(*FORTNIGHT, project_id="proj_nowhere")


@pytest.mark.asyncio
async def test_a_key_without_the_scope_is_forbidden_and_a_forged_one_refused(sim) -> None:
    async with connect(sim, "read:weather") as weather_only:
        with pytest.raises(Forbidden) as lacking:
            await weather_only.phytosanitary_company_summary(*FORTNIGHT)
        assert "read:phytosanitary" in lacking.value.user_message
        with pytest.raises(Forbidden):
            await weather_only.harvest(*FORTNIGHT)
    forged = Credentials(DEMO_USER, api_key="key_000000000000.forged")
    async with HydrobitClient(ApiConfig.single_origin(sim.base_url), forged) as api:
        with pytest.raises(AuthExpired) as refused:
            await api.phytosanitary_company_records(*FORTNIGHT)
    assert "API key" in refused.value.user_message


@pytest.mark.asyncio
async def test_set_b_style_bearer_keys_work_too(sim) -> None:
    async with connect(sim, "read:phytosanitary", api_key_scheme=ApiKeyScheme.BEARER) as api:
        assert (await api.phytosanitary_company_summary(*FORTNIGHT)).scope == "company"


# ------------------------------------------------------------------------------------------------ harvest
@pytest.mark.asyncio
async def test_harvest_sessions_with_per_worker_breakdown(client: HydrobitClient) -> None:
    sessions = await client.harvest(*FORTNIGHT, project_id="proj_123")
    assert sessions
    assert {session.project_id for session in sessions} == {"proj_123"}
    assert all(FORTNIGHT[0] <= session.day <= FORTNIGHT[1] for session in sessions)
    closed = [session for session in sessions if session.status == "closed" and session.workers]
    assert closed
    worked = closed[0]
    assert worked.total_units == pytest.approx(sum(worker.net_units for worker in worked.workers))
    assert worked.responsible is not None
    assert worked.responsible.auth0_id
    assert worked.harvest_lot_code is not None
    assert worked.harvest_lot_code.startswith("HL-")
    one_sector = await client.harvest(*FORTNIGHT, sector_id="sector_001")
    assert {session.sector_id for session in one_sector} == {"sector_001"}
    with pytest.raises(ValidationFailed):
        await client.harvest(TODAY - timedelta(days=200), TODAY)
