"""The client against the running simulator: the IoT server (MQTT access, weather, plant, irrigation)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig, ApiKeyScheme
from hydrodesk.api.errors import AuthExpired, Conflict, Forbidden, NotFound, ValidationFailed
from hydrodesk.api.models import ProgramCommand, ValveCommand
from hydrodesk.sim.launcher import run_cli

DEMO_USER = "user_123456789"
READ_SCOPES = ("read:weather", "read:plant", "read:irrigation")


def connect(simulator, *scopes: str, api_key: str | None = None, **config: object) -> HydrobitClient:
    credentials = Credentials(
        DEMO_USER,
        bearer_token=simulator.token(DEMO_USER),
        api_key=api_key if api_key is not None else simulator.api_key(*(scopes or READ_SCOPES)),
    )
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0, **config), credentials)  # type: ignore[arg-type]


@pytest_asyncio.fixture
async def client(sim) -> AsyncIterator[HydrobitClient]:
    async with connect(sim) as api:
        yield api


def last(hours: float) -> tuple[datetime, datetime]:
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return end - timedelta(hours=hours), end


# ------------------------------------------------------------------------------------------------ MQTT access
@pytest.mark.asyncio
async def test_an_iot_token_opens_the_mqtt_descriptor_of_the_companys_devices(client: HydrobitClient) -> None:
    issued = await client.issue_iot_token()
    assert issued.topic_prefix == "connect/comp_12345"
    assert issued.expires_at > datetime.now(UTC)
    assert issued.token not in repr(issued)
    descriptor = await client.mqtt_descriptor("bitRTU-01", issued.token)
    assert descriptor.device_id == "bitRTU-01"
    assert descriptor.topic == "connect/comp_12345/proj_123/bitRTU-01/#"
    assert descriptor.protocol == "MQTT v3.1.1 over WebSocket"
    with pytest.raises(NotFound):
        await client.mqtt_descriptor("bitRTU-99", issued.token)


@pytest.mark.asyncio
async def test_a_device_bound_token_serves_only_that_device(client: HydrobitClient) -> None:
    issued = await client.issue_iot_token("bitRTU-01")
    assert (await client.mqtt_descriptor("bitRTU-01", issued.token)).device_id == "bitRTU-01"
    with pytest.raises(Forbidden):
        await client.mqtt_descriptor("bitRTU-02", issued.token)
    with pytest.raises(Forbidden):
        await client.issue_iot_token("bitRTU-06")  # another company's device


@pytest.mark.asyncio
async def test_a_bad_iot_token_is_refused_with_a_reconnect_message(client: HydrobitClient) -> None:
    with pytest.raises(AuthExpired) as caught:
        await client.mqtt_descriptor("bitRTU-01", "forged.iot.token")
    assert caught.value.status_code == 401
    assert "Reconnect" in caught.value.user_message


# ------------------------------------------------------------------------------------------------ weather, plant
@pytest.mark.asyncio
async def test_weather_series_of_a_project(client: HydrobitClient) -> None:
    start, end = last(48)
    hourly = await client.weather("proj_123", start, end, resolution="1h")
    assert hourly.project_id == "proj_123"
    assert hourly.station_id
    stamps = [point.ts for point in hourly.series]
    assert 40 <= len(stamps) <= 49
    assert stamps == sorted(stamps)
    assert all(start <= stamp <= end for stamp in stamps)
    assert all(point.air_temp_c is not None for point in hourly.series)
    daily = await client.weather("proj_123", start - timedelta(days=5), end, resolution="1d")
    assert 5 <= len(daily.series) <= 8


@pytest.mark.asyncio
async def test_a_series_range_over_180_days_is_refused_with_the_servers_reason(client: HydrobitClient) -> None:
    end = datetime.now(UTC)
    with pytest.raises(ValidationFailed) as caught:
        await client.weather("proj_123", end - timedelta(days=181), end, resolution="1d")
    assert "180" in caught.value.user_message
    with pytest.raises(ValueError, match="timezone-aware"):
        await client.weather("proj_123", datetime(2025, 1, 1), datetime(2025, 1, 2))


@pytest.mark.asyncio
async def test_plant_series_of_a_sector(client: HydrobitClient) -> None:
    start, end = last(6)
    plant = await client.plant("sector_001", start, end, resolution="raw")
    assert plant.sector_id == "sector_001"
    assert 20 <= len(plant.series) <= 25  # 15-minute readings
    assert {"10cm", "30cm", "60cm"} <= set(plant.series[0].soil_moisture_pct)


# ------------------------------------------------------------------------------------------------ irrigation reads
@pytest.mark.asyncio
async def test_valves_programs_and_logs_of_a_project(client: HydrobitClient) -> None:
    valves = {valve.valve_id: valve for valve in await client.list_valves("proj_123")}
    assert {"valve_001", "valve_007"} <= set(valves)
    assert "valve_701" not in valves
    north = valves["valve_001"]
    assert (north.device_id, north.sector_id) == ("bitRTU-01", "sector_001")
    assert north.expected_flow is not None
    assert north.expected_flow.min_lpm < north.expected_flow.max_lpm

    programs = {program.program_id: program for program in await client.list_programs("proj_123")}
    assert {"prog_001", "prog_002"} <= set(programs)
    assert [step.valve_id for step in programs["prog_001"].valves] == ["valve_001", "valve_002", "valve_003"]
    assert programs["prog_001"].schedule.start_times == ["05:30"]

    start, end = last(7 * 24)
    logs = await client.irrigation_logs("proj_123", start, end)
    assert logs
    assert {log.source for log in logs} <= {"manual", "program"}
    assert all(log.valve_id in valves for log in logs)
    assert all(start <= log.started_at <= end for log in logs)


@pytest.mark.asyncio
async def test_another_companys_project_is_forbidden(client: HydrobitClient) -> None:
    with pytest.raises(Forbidden):
        await client.list_valves("proj_789")
    with pytest.raises(NotFound):
        await client.list_valves("proj_nowhere")


@pytest.mark.asyncio
async def test_the_api_key_can_travel_as_a_bearer_token(sim) -> None:
    async with connect(sim, api_key_scheme=ApiKeyScheme.BEARER) as api:
        assert await api.list_valves("proj_123")


@pytest.mark.asyncio
async def test_api_keys_are_checked_for_validity_and_scope(sim) -> None:
    async with connect(sim, "read:weather") as weather_only:
        with pytest.raises(Forbidden) as lacking:
            await weather_only.list_valves("proj_123")
        assert "read:irrigation" in lacking.value.user_message
        assert "API key" in lacking.value.user_message
        with pytest.raises(Forbidden):
            await weather_only.send_valve_command("valve_001", ValveCommand(action="close"))
    async with connect(sim, api_key="key_000000000000.not-the-token") as forged:
        with pytest.raises(AuthExpired) as refused:
            await forged.list_valves("proj_123")
        assert "API key" in refused.value.user_message
    other_company = run_cli("api-key", "--data", str(sim.data_dir), "--company", "comp_67890")
    async with connect(sim, api_key=other_company) as stranger:
        with pytest.raises(Forbidden):
            await stranger.list_valves("proj_123")


# ------------------------------------------------------------------------------------------------ irrigation writes
@pytest.mark.asyncio
async def test_valve_commands_and_programs_are_idempotent_by_command_id(fresh_sim) -> None:
    async with connect(fresh_sim, *READ_SCOPES, "write:irrigation") as api:
        command = ValveCommand(action="open", duration_min=10)
        first = await api.send_valve_command("valve_007", command)
        assert (first.command_id, first.status, first.replayed) == (command.command_id, "pending", False)
        again = await api.send_valve_command("valve_007", command)
        assert again.replayed
        assert again.command_id == command.command_id
        status = await api.get_command(command.command_id)
        assert (status.valve_id, status.action, status.duration_min) == ("valve_007", "open", 10)
        assert status.status == "pending"
        assert not status.finished

        reused = ValveCommand(action="close", command_id=command.command_id)
        with pytest.raises(Conflict) as clash:
            await api.send_valve_command("valve_007", reused)
        assert "commandId" in clash.value.user_message
        with pytest.raises(NotFound):
            await api.send_valve_command("valve_999", ValveCommand(action="close"))
        with pytest.raises(Forbidden):
            await api.send_valve_command("valve_701", ValveCommand(action="close"))
        with pytest.raises(NotFound):
            await api.get_command("00000000-0000-4000-8000-000000000000")

        start = ProgramCommand()
        run = await api.start_program("prog_001", start)
        assert (run.program_id, run.status, run.replayed) == ("prog_001", "running", False)
        assert [step.valve_id for step in run.commands] == ["valve_001", "valve_002", "valve_003"]
        assert all(step.action == "open" and step.duration_min for step in run.commands)
        assert (await api.start_program("prog_001", start)).replayed
        with pytest.raises(Conflict) as running:
            await api.start_program("prog_001", ProgramCommand())
        assert "already running" in running.value.user_message
        programs = {program.program_id: program for program in await api.list_programs("proj_123")}
        assert programs["prog_001"].running is True

        stop = await api.stop_program("prog_001", ProgramCommand())
        assert stop.status == "stopped"
        assert all(step.action == "close" for step in stop.commands)
