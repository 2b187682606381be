"""The telemetry history reply: compact points become one numpy array per series, whatever the server omits.

The simulator answers with well-formed points (tests/integration/test_client_telemetry_history.py); these are the
edge cases it never sends: null readings, rows without min/max mixed with full ones, and garbage.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import numpy as np
import pytest
from pydantic import ValidationError

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.errors import MalformedResponse
from hydrodesk.api.models import TelemetryHistory, TelemetrySeries

T0 = 1_760_884_200_000


def series(points: object) -> TelemetrySeries:
    return TelemetrySeries.model_validate(
        {"deviceId": "bitRTU-01", "metric": "flow_lpm", "unit": "L/min", "points": points}
    )


def test_aggregated_points_become_seconds_and_columns() -> None:
    flow = series([[T0, 41.2, 40.1, 42.3], [T0 + 60_000, 40.9, 40.0, 41.8]])
    assert flow.ts.tolist() == [T0 / 1000, T0 / 1000 + 60]
    assert flow.value.tolist() == [41.2, 40.9]
    assert flow.minimum.tolist() == [40.1, 40.0]
    assert flow.maximum.tolist() == [42.3, 41.8]
    assert len(flow) == 2


def test_raw_readings_have_no_spread_and_null_readings_stay_missing() -> None:
    raw = series([[T0, 2.31], [T0 + 1000, None], [T0 + 2000, 2.29]])
    assert raw.points.shape == (3, 4)
    assert np.isnan(raw.value[1])
    assert raw.minimum[0] == raw.maximum[0] == 2.31  # a raw reading is its own min and max
    mixed = series([[T0, 2.3], [T0 + 60_000, 2.4, 2.35, 2.45]])  # rows of different lengths
    assert mixed.minimum.tolist() == [2.3, 2.35]
    assert series([]).points.shape == (0, 4)


@pytest.mark.parametrize(
    "points",
    [
        "not a list",
        [[T0]],  # no value
        [[T0, 1.0, 0.5, 1.5, 9.9]],  # too many columns
        [[T0, "many"]],
        [[T0, {"value": 1.0}]],
        [[T0, 1.0], [T0, "1.0"]],
        [7],
    ],
)
def test_points_that_are_not_points_are_refused(points: object) -> None:
    with pytest.raises(ValidationError):
        series(points)


@pytest.mark.asyncio
async def test_a_reply_with_broken_points_is_malformed_and_repeated_filters_are_sent_repeated() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        data = {"resolution": "1m", "series": [{"deviceId": "d", "metric": "m", "unit": "", "points": [[T0, "x"]]}]}
        return httpx.Response(200, content=json.dumps({"status": "success", "data": data}).encode())

    config = ApiConfig(base_url="https://api.example.test", iot_url="https://iot.example.test")
    client = HydrobitClient(config, Credentials("user_1", api_key="key_1.t"), transport=httpx.MockTransport(handler))
    end = datetime(2025, 10, 19, 12, tzinfo=UTC)
    async with client:
        with pytest.raises(MalformedResponse):
            await client.telemetry_history(
                "proj_123", end - timedelta(hours=1), end, device_ids=["a", "b"], metrics=["flow_lpm"]
            )
    (request,) = seen
    assert request.url.host == "iot.example.test"
    assert request.url.params.get_list("deviceId") == ["a", "b"]
    assert request.url.params.get_list("metric") == ["flow_lpm"]
    assert request.url.params["startTime"] == "2025-10-19T11:00:00.000Z"
    assert request.url.params["resolution"] == "1m"
    assert request.headers["x-api-key"] == "key_1.t"


def test_the_reply_names_its_resolution() -> None:
    history = TelemetryHistory.model_validate({"resolution": "raw", "series": []})
    assert history.resolution == "raw"
    with pytest.raises(ValidationError):
        TelemetryHistory.model_validate({"resolution": "5m", "series": []})
