"""GET /api/iot/telemetry through the client, against the running simulator: a day of history for every device of
a project, resolutions and ranges, repeated deviceId/metric, flow that follows the irrigation logs, and the
validation the contract implies (31 days, times, projects, devices, scope, reply size) in the common error shape."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import numpy as np
import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.errors import Forbidden, NotFound, ValidationFailed

DEMO_USER = "user_123456789"
SCOPES = ("read:telemetry", "read:irrigation")
RTU_01 = {
    "flow_lpm",
    "flow_lpm_valve_001",
    "flow_lpm_valve_002",
    "flow_lpm_valve_003",
    "pressure_bar",
    "soil_moisture_pct_10cm",
    "soil_moisture_pct_30cm",
    "soil_moisture_pct_60cm",
    "battery_pct",
}


def connect(simulator: Any, *scopes: str) -> HydrobitClient:
    credentials = Credentials(DEMO_USER, bearer_token=simulator.token(DEMO_USER), api_key=simulator.api_key(*scopes))
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0), credentials)


@pytest_asyncio.fixture
async def client(sim: Any) -> AsyncIterator[HydrobitClient]:
    async with connect(sim, *SCOPES) as api:
        yield api


def whole_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


@pytest.mark.asyncio
async def test_a_day_at_one_minute_holds_every_metric_of_every_device_of_the_project(client: HydrobitClient) -> None:
    end = whole_minute(datetime.now(UTC))
    history = await client.telemetry_history("proj_123", end - timedelta(days=1), end, resolution="1m")
    assert history.resolution == "1m"
    by_device: dict[str, set[str]] = {}
    for series in history.series:
        by_device.setdefault(series.device_id, set()).add(series.metric)
    assert set(by_device) == {"bitRTU-01", "bitRTU-02", "bitRTU-03"}  # proj_456's devices stay out
    assert by_device["bitRTU-01"] == RTU_01
    # bitRTU-03 drives one valve: its line flow is that valve's, no per-valve metric.
    assert by_device["bitRTU-03"] == RTU_01 - {"flow_lpm_valve_001", "flow_lpm_valve_002", "flow_lpm_valve_003"}
    units = {series.metric: series.unit for series in history.series}
    assert (units["flow_lpm"], units["pressure_bar"], units["soil_moisture_pct_30cm"]) == ("L/min", "bar", "%")
    for series in history.series:
        assert len(series) == 1440, series.metric  # every minute of the day, the last one ending now
        assert series.ts[0] == (end - timedelta(days=1)).timestamp()
        assert np.all(np.diff(series.ts) == 60)
        assert np.all(np.isfinite(series.points))
        assert np.all((series.minimum <= series.value + 1e-9) & (series.value <= series.maximum + 1e-9))
    pressure = next(s for s in history.series if (s.device_id, s.metric) == ("bitRTU-02", "pressure_bar"))
    soil = next(s for s in history.series if (s.device_id, s.metric) == ("bitRTU-02", "soil_moisture_pct_10cm"))
    battery = next(s for s in history.series if (s.device_id, s.metric) == ("bitRTU-02", "battery_pct"))
    assert pressure.value.min() > 2.3
    assert pressure.value.max() < 3.4
    assert soil.value.min() >= 8
    assert soil.value.max() <= 48
    assert battery.value.min() >= 5
    assert battery.value.max() <= 100


@pytest.mark.asyncio
async def test_flow_follows_the_irrigation_logs(client: HydrobitClient) -> None:
    now = datetime.now(UTC)
    logs = await client.irrigation_logs("proj_123", now - timedelta(days=3), now)
    run = next(
        log
        for log in logs
        if log.valve_id == "valve_001"
        and log.ended_at is not None
        and log.volume_l
        and log.ended_at - log.started_at >= timedelta(minutes=20)
    )
    assert run.ended_at is not None
    assert run.volume_l is not None
    expected = run.volume_l / ((run.ended_at - run.started_at).total_seconds() / 60)
    start, end = whole_minute(run.started_at) - timedelta(hours=1), whole_minute(run.ended_at) + timedelta(minutes=2)
    history = await client.telemetry_history(
        "proj_123", start, end, device_ids=["bitRTU-01"], metrics=["flow_lpm_valve_001"], resolution="1m"
    )
    (valve,) = history.series
    inside = (valve.ts >= run.started_at.timestamp() + 60) & (valve.ts + 60 <= run.ended_at.timestamp())
    assert inside.sum() >= 15
    assert np.allclose(valve.value[inside], expected, rtol=0.03)  # 2 % reading noise, averaged over a minute
    assert np.all(valve.minimum[inside] > 0.9 * expected)
    # The hour before (this valve runs at most once a morning): closed, nothing flows.
    before = valve.ts + 60 <= run.started_at.timestamp() - 15 * 60
    assert before.sum() >= 30
    assert np.all(valve.value[before] == 0)


@pytest.mark.asyncio
async def test_resolutions_and_ranges(client: HydrobitClient) -> None:
    end = whole_minute(datetime.now(UTC)) - timedelta(minutes=30)
    raw = await client.telemetry_history(
        "proj_123",
        end - timedelta(minutes=10),
        end,
        device_ids=["bitRTU-03"],
        metrics=["pressure_bar"],
        resolution="raw",
    )
    (readings,) = raw.series
    assert raw.resolution == "raw"
    assert len(readings) == 600  # one reading a second
    assert np.all(np.isnan(readings.points[:, 2:]))  # raw readings carry no min/max
    assert np.array_equal(readings.minimum, readings.value)

    hourly = await client.telemetry_history(
        "proj_123", end - timedelta(days=7), end, device_ids=["bitRTU-03"], metrics=["flow_lpm"], resolution="1h"
    )
    (flow,) = hourly.series
    assert 167 <= len(flow) <= 168  # UTC hours starting in the range
    assert np.all(np.mod(flow.ts, 3600) == 0)

    # Series are functions of time, not of the question: a sub-range reads the same minutes.
    wide = await client.telemetry_history(
        "proj_123", end - timedelta(hours=3), end, device_ids=["bitRTU-01"], metrics=["soil_moisture_pct_10cm"]
    )
    narrow_start = end - timedelta(hours=2)
    narrow = await client.telemetry_history(
        "proj_123",
        narrow_start,
        end - timedelta(hours=1),
        device_ids=["bitRTU-01"],
        metrics=["soil_moisture_pct_10cm"],
        resolution="1m",
    )
    assert wide.resolution == "1m"
    offset = 60
    assert np.array_equal(narrow.series[0].points, wide.series[0].points[offset : offset + 60])

    # A range reaching into the future stops at now.
    ahead = await client.telemetry_history(
        "proj_123",
        datetime.now(UTC) - timedelta(minutes=5),
        datetime.now(UTC) + timedelta(hours=2),
        metrics=["flow_lpm"],
    )
    assert all(len(series) == 5 or len(series) == 6 for series in ahead.series)
    assert all(series.ts[-1] <= datetime.now(UTC).timestamp() for series in ahead.series)


@pytest.mark.asyncio
async def test_device_and_metric_repeat_and_narrow_the_reply(client: HydrobitClient) -> None:
    end = whole_minute(datetime.now(UTC))
    history = await client.telemetry_history(
        "proj_123",
        end - timedelta(hours=1),
        end,
        device_ids=["bitRTU-03", "bitRTU-01"],
        metrics=["pressure_bar", "flow_lpm", "no_such_metric"],
    )
    assert [(series.device_id, series.metric) for series in history.series] == [
        ("bitRTU-03", "flow_lpm"),
        ("bitRTU-03", "pressure_bar"),
        ("bitRTU-01", "flow_lpm"),
        ("bitRTU-01", "pressure_bar"),
    ]
    with pytest.raises(NotFound) as unknown:
        await client.telemetry_history("proj_123", end - timedelta(hours=1), end, device_ids=["bitRTU-04"])
    assert "bitRTU-04" in unknown.value.user_message  # a device, but another project's


@pytest.mark.asyncio
async def test_ranges_projects_and_reply_size_are_validated(client: HydrobitClient) -> None:
    end = datetime.now(UTC)
    with pytest.raises(ValidationFailed) as too_long:
        await client.telemetry_history("proj_123", end - timedelta(days=32), end, resolution="1h")
    assert "31 days" in too_long.value.user_message
    # 31 days is still one question (hourly, all of a project's series).
    month = await client.telemetry_history("proj_123", end - timedelta(days=31), end, resolution="1h")
    assert len(month.series[0]) >= 31 * 24 - 1
    with pytest.raises(ValidationFailed) as backwards:
        await client.telemetry_history("proj_123", end, end - timedelta(hours=1))
    assert "before endTime" in backwards.value.user_message
    with pytest.raises(ValidationFailed) as too_big:
        await client.telemetry_history("proj_123", end - timedelta(days=1), end, resolution="raw")
    assert "250,000" in too_big.value.user_message
    with pytest.raises(NotFound):
        await client.telemetry_history("proj_nowhere", end - timedelta(hours=1), end)
    with pytest.raises(Forbidden):
        await client.telemetry_history("proj_789", end - timedelta(hours=1), end)  # another company's


@pytest.mark.asyncio
async def test_the_key_needs_the_read_telemetry_scope(sim: Any) -> None:
    end = datetime.now(UTC)
    async with connect(sim, "read:irrigation") as irrigation_only:
        with pytest.raises(Forbidden) as lacking:
            await irrigation_only.telemetry_history("proj_123", end - timedelta(hours=1), end)
    assert lacking.value.message_key == "api_key_forbidden"
    assert "read:telemetry" in lacking.value.user_message


def test_bad_parameters_answer_with_the_common_error_shape(sim: Any) -> None:
    headers = {"x-api-key": sim.api_key("read:telemetry")}
    good = {"projectId": "proj_123", "startTime": "2025-10-19T00:00:00.000Z", "endTime": "2025-10-20T00:00:00.000Z"}
    cases = [
        {**good, "startTime": "yesterday"},
        {**good, "endTime": "2025-10-20T00:00:00"},  # no zone
        {**good, "resolution": "5m"},
        {**good, "deviceId": ""},
        {key: value for key, value in good.items() if key != "endTime"},
        {key: value for key, value in good.items() if key != "projectId"},
    ]
    with httpx.Client(base_url=sim.base_url, headers=headers, timeout=15) as http:
        for params in cases:
            reply = http.get("/api/iot/telemetry", params=params)
            assert reply.status_code == 400, params
            body = reply.json()
            assert (body["status"], body["error"]) == ("error", "validation_error"), params
            assert body["message"], params
        ok = http.get(
            "/api/iot/telemetry", params={**good, "deviceId": ["bitRTU-01", "bitRTU-01"], "metric": "flow_lpm"}
        )
    assert ok.status_code == 200
    assert [series["deviceId"] for series in ok.json()["data"]["series"]] == ["bitRTU-01"]  # asked twice, once
    assert ok.json()["data"]["series"][0]["points"][0] == [1760832000000, 0.0, 0.0, 0.0]
