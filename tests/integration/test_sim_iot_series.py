"""GET /api/iot/weather and /api/iot/plant on the simulator, over real HTTP: shapes, determinism, aggregation,
plausibility and range limits."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

WEATHER_FIELDS = {"ts", "air_temp_c", "rh_pct", "rain_mm", "wind_ms", "solar_wm2", "et0_mm"}
PLANT_FIELDS = {"ts", "soil_moisture_pct", "soil_temp_c", "leaf_wetness_pct", "dendrometer_um", "canopy_temp_c"}
# One local day on Rancho San Pedro (America/Mexico_City is UTC-6): midnight to midnight.
DAY_START, DAY_END = "2025-07-10T06:00:00.000Z", "2025-07-11T06:00:00.000Z"


@pytest.fixture(scope="module")
def http(sim: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=30, headers={"x-api-key": sim.api_key()}) as client:
        yield client


def weather(http: httpx.Client, **params: str) -> list[dict[str, Any]]:
    response = http.get("/api/iot/weather", params={"projectId": "proj_123", **params})
    assert response.status_code == 200, response.text
    return response.json()["data"]["series"]


def plant(http: httpx.Client, **params: str) -> list[dict[str, Any]]:
    response = http.get("/api/iot/plant", params={"sectorId": "sector_001", **params})
    assert response.status_code == 200, response.text
    return response.json()["data"]["series"]


def parse(ts: str) -> datetime:
    assert ts.endswith("Z")
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def test_weather_reply_shape(http: httpx.Client) -> None:
    response = http.get(
        "/api/iot/weather",
        params={"projectId": "proj_123", "startTime": DAY_START, "endTime": DAY_END, "resolution": "1h"},
    )
    data = response.json()["data"]
    assert (data["projectId"], data["stationId"], data["resolution"]) == ("proj_123", "bitWS-01", "1h")
    assert len(data["series"]) == 24
    assert all(set(point) == WEATHER_FIELDS for point in data["series"])
    times = [parse(point["ts"]) for point in data["series"]]
    assert times[0] == parse(DAY_START)
    assert all(later - earlier == timedelta(hours=1) for earlier, later in itertools.pairwise(times))
    # without a resolution the series is hourly
    default = http.get("/api/iot/plant", params={"sectorId": "sector_001", "startTime": DAY_START, "endTime": DAY_END})
    assert (default.json()["data"]["resolution"], len(default.json()["data"]["series"])) == ("1h", 24)


def test_same_question_same_answer(http: httpx.Client) -> None:
    params = {"startTime": "2025-03-01T00:00:00Z", "endTime": "2025-03-04T00:00:00Z", "resolution": "raw"}
    first = weather(http, **params)
    assert len(first) == 3 * 96
    assert weather(http, **params) == first
    plant_first = plant(http, **params)
    assert plant(http, **params) == plant_first
    # a sub-range gives exactly the same readings: series are functions of time, not of the query
    assert (
        weather(http, startTime="2025-03-02T00:00:00Z", endTime="2025-03-02T01:00:00Z", resolution="raw")
        == (first[96:100])
    )


def test_a_different_station_has_different_weather(http: httpx.Client) -> None:
    params = {"startTime": DAY_START, "endTime": DAY_END}
    other = http.get("/api/iot/weather", params={"projectId": "proj_456", **params}).json()["data"]
    assert other["stationId"] == "bitWS-02"
    assert [point["air_temp_c"] for point in other["series"]] != [
        point["air_temp_c"] for point in weather(http, **params)
    ]


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_weather_aggregates_are_means_and_sums_of_the_raw_readings(http: httpx.Client) -> None:
    raw = weather(http, startTime=DAY_START, endTime=DAY_END, resolution="raw")
    hourly = weather(http, startTime=DAY_START, endTime=DAY_END, resolution="1h")
    daily = weather(http, startTime=DAY_START, endTime=DAY_END, resolution="1d")
    assert len(raw) == 96
    assert len(hourly) == 24
    assert [point["ts"] for point in daily] == [DAY_START]
    for hour, point in enumerate(hourly):
        quarter = raw[4 * hour : 4 * hour + 4]
        assert point["ts"] == quarter[0]["ts"]
        for field in ("air_temp_c", "rh_pct", "wind_ms", "solar_wm2"):
            assert point[field] == pytest.approx(mean([q[field] for q in quarter]), abs=1e-3)
        for field in ("rain_mm", "et0_mm"):
            assert point[field] == pytest.approx(sum(q[field] for q in quarter), abs=1e-3)
    day = daily[0]
    assert day["air_temp_c"] == pytest.approx(mean([q["air_temp_c"] for q in raw]), abs=1e-3)
    assert day["rain_mm"] == pytest.approx(sum(q["rain_mm"] for q in raw), abs=1e-3)
    assert day["et0_mm"] == pytest.approx(sum(q["et0_mm"] for q in hourly), abs=5e-3)


def test_plant_aggregates_nested_soil_moisture(http: httpx.Client) -> None:
    raw = plant(http, startTime=DAY_START, endTime=DAY_END, resolution="raw")
    daily = plant(http, startTime=DAY_START, endTime=DAY_END, resolution="1d")
    assert len(raw) == 96
    assert all(set(point) == PLANT_FIELDS for point in raw)
    (day,) = daily
    for depth in ("10cm", "30cm", "60cm"):
        assert day["soil_moisture_pct"][depth] == pytest.approx(
            mean([point["soil_moisture_pct"][depth] for point in raw]), abs=1e-3
        )
    assert day["dendrometer_um"] == pytest.approx(mean([point["dendrometer_um"] for point in raw]), abs=1e-3)


def test_weather_is_physically_plausible(http: httpx.Client) -> None:
    # July: the rainy season in the Valley of Mexico, the dry grey winter on Peru's desert coast.
    params = {"startTime": "2025-07-01T06:00:00Z", "endTime": "2025-07-31T06:00:00Z", "resolution": "1h"}
    mexico = weather(http, **params)
    peru = http.get("/api/iot/weather", params={"projectId": "proj_456", **params}).json()["data"]["series"]
    for series in (mexico, peru):
        assert all(-5 < point["air_temp_c"] < 38 for point in series)
        assert all(0 <= point["rh_pct"] <= 100 for point in series)
        assert all(point["rain_mm"] >= 0 and point["wind_ms"] >= 0 for point in series)
        assert all(0 <= point["solar_wm2"] < 1200 for point in series)
        daily_et0 = sum(point["et0_mm"] for point in series) / 30
        assert 1.5 < daily_et0 < 7
    assert sum(point["rain_mm"] for point in mexico) > 30
    assert sum(point["rain_mm"] for point in peru) < 15
    # nights are dark and evaporate nothing: 00:00-01:00 local is 06:00 UTC in Mexico City
    midnights = [point for point in mexico if parse(point["ts"]).hour == 6]
    assert all(point["solar_wm2"] == 0 and point["et0_mm"] == 0 for point in midnights)
    # afternoons are warmer than dawns
    dawn = mean([point["air_temp_c"] for point in mexico if parse(point["ts"]).hour == 12])  # 06:00 local
    afternoon = mean([point["air_temp_c"] for point in mexico if parse(point["ts"]).hour == 21])  # 15:00 local
    assert afternoon > dawn + 4


def test_plant_readings_are_plausible(http: httpx.Client) -> None:
    series = plant(http, startTime="2025-07-01T06:00:00Z", endTime="2025-07-08T06:00:00Z", resolution="1h")
    for point in series:
        assert set(point["soil_moisture_pct"]) == {"10cm", "30cm", "60cm"}
        assert all(5 <= value <= 50 for value in point["soil_moisture_pct"].values())
        assert 0 <= point["leaf_wetness_pct"] <= 100
        assert 5 < point["soil_temp_c"] < 35
        assert 0 < point["canopy_temp_c"] < 40
    shallow = [point["soil_moisture_pct"]["10cm"] for point in series]
    assert max(shallow) - min(shallow) > 3  # drip pulses wet the top layer and it dries again


def test_series_stop_at_now(http: httpx.Client) -> None:
    now = datetime.now(UTC)
    start = (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    series = weather(http, startTime=start, endTime=end, resolution="raw")
    assert 11 <= len(series) <= 13
    assert parse(series[-1]["ts"]) <= now


def test_longest_range_at_daily_resolution(http: httpx.Client) -> None:
    series = weather(http, startTime="2025-01-01T06:00:00Z", endTime="2025-06-30T06:00:00Z", resolution="1d")
    assert len(series) == 180


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"startTime": DAY_START}, "endTime is required"),
        ({"endTime": DAY_END}, "startTime is required"),
        ({"startTime": "yesterday", "endTime": DAY_END}, "ISO 8601"),
        ({"startTime": "2025-07-10T06:00:00", "endTime": DAY_END}, "timezone"),
        ({"startTime": DAY_END, "endTime": DAY_START}, "before endTime"),
        ({"startTime": DAY_START, "endTime": DAY_START}, "before endTime"),
        ({"startTime": "2025-01-01T00:00:00Z", "endTime": "2025-07-01T00:00:00Z"}, "180 days"),
        ({"startTime": "2025-01-01T00:00:00Z", "endTime": "2025-02-15T00:00:00Z", "resolution": "raw"}, "1h or 1d"),
        ({"startTime": DAY_START, "endTime": DAY_END, "resolution": "5m"}, "raw, 1h or 1d"),
        ({"startTime": "0001-01-01T00:00:00Z", "endTime": "0001-01-02T00:00:00Z"}, "2000 and 2100"),
        ({"startTime": "9999-12-30T00:00:00Z", "endTime": "9999-12-31T23:59:59Z", "resolution": "raw"}, "2000"),
        ({"startTime": "0001-01-01T00:00:00+01:00", "endTime": DAY_END}, "2000"),
    ],
)
@pytest.mark.parametrize(
    ("path", "subject"),
    [("/api/iot/weather", {"projectId": "proj_123"}), ("/api/iot/plant", {"sectorId": "sector_001"})],
)
def test_bad_ranges_are_400_in_plain_words(
    http: httpx.Client, path: str, subject: dict[str, str], params: dict[str, str], words: str
) -> None:
    response = http.get(path, params={**subject, **params})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "error"
    assert words in body["message"]


@pytest.mark.parametrize(
    ("path", "subject", "status"),
    [
        ("/api/iot/weather", {"projectId": "proj_789"}, 403),  # Campo Norte belongs to another company
        ("/api/iot/weather", {"projectId": "proj_nope"}, 404),
        ("/api/iot/weather", {}, 400),
        ("/api/iot/plant", {"sectorId": "sector_701"}, 403),
        ("/api/iot/plant", {"sectorId": "sector_999"}, 404),
        ("/api/iot/plant", {"sectorId": ""}, 400),
    ],
)
def test_whose_data(http: httpx.Client, path: str, subject: dict[str, str], status: int) -> None:
    response = http.get(path, params={**subject, "startTime": DAY_START, "endTime": DAY_END})
    assert response.status_code == status
    assert response.json()["message"]


def test_credentials_and_scopes(sim: Any) -> None:
    params = {"projectId": "proj_123", "startTime": DAY_START, "endTime": DAY_END}
    with httpx.Client(base_url=sim.base_url, timeout=10) as anonymous:
        assert anonymous.get("/api/iot/weather", params=params).status_code == 401
        plant_only = {"x-api-key": sim.api_key("read:plant")}
        assert anonymous.get("/api/iot/weather", params=params, headers=plant_only).status_code == 403
        bearer = {"Authorization": f"Bearer {sim.api_key('read:weather')}"}
        assert anonymous.get("/api/iot/weather", params=params, headers=bearer).status_code == 200
        sector = {"sectorId": "sector_001", "startTime": DAY_START, "endTime": DAY_END}
        assert anonymous.get("/api/iot/plant", params=sector, headers=plant_only).status_code == 200
