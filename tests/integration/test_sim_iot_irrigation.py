"""Irrigation reads on the simulator over real HTTP: valves, programs, logs, and their errors; one write round
trip on a private simulator. (Command lifecycles and the field seam are in test_sim_iot_commands.py.)"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

VALVE_FIELDS = {
    "valveId",
    "deviceId",
    "sectorId",
    "name",
    "observedState",
    "commandedState",
    "commandedUntil",
    "flow_lpm",
    "pressure_bar",
    "expectedFlow",
    "lastSeen",
}
LOG_FIELDS = {
    "logId",
    "valveId",
    "sectorId",
    "startedAt",
    "endedAt",
    "volume_l",
    "source",
    "programId",
    "commandId",
    "auth0Id",
}


@pytest.fixture(scope="module")
def http(sim: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=10, headers={"x-api-key": sim.api_key()}) as client:
        yield client


def parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def iso_ms(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def test_valves_of_a_project(http: httpx.Client) -> None:
    response = http.get("/api/iot/irrigation/valves", params={"projectId": "proj_123"})
    assert response.status_code == 200
    valves = response.json()["data"]
    assert [valve["valveId"] for valve in valves] == [f"valve_00{n}" for n in range(1, 8)]
    assert all(set(valve) == VALVE_FIELDS for valve in valves)
    north = valves[0]
    assert (north["name"], north["deviceId"], north["sectorId"]) == ("Válvula A-1 Norte", "bitRTU-01", "sector_001")
    for valve in valves:
        assert valve["observedState"] in {"open", "closed", "unknown", "fault"}
        envelope = valve["expectedFlow"]
        assert 100 < envelope["min_lpm"] < envelope["max_lpm"] < 2000
        assert parse(valve["lastSeen"]) <= datetime.now(UTC)
    sectors = {valve["sectorId"] for valve in valves}
    assert sectors == {"sector_001", "sector_002", "sector_003", "sector_004", "sector_005"}
    lima = http.get("/api/iot/irrigation/valves", params={"projectId": "proj_456"}).json()["data"]
    assert {valve["sectorId"] for valve in lima} == {"sector_101", "sector_102", "sector_103"}


def test_programs_of_a_project(http: httpx.Client) -> None:
    programs = http.get("/api/iot/irrigation/programs", params={"projectId": "proj_123"}).json()["data"]
    by_id = {program["programId"]: program for program in programs}
    assert set(by_id) == {"prog_001", "prog_002"}
    morning = by_id["prog_001"]
    assert morning["name"] == "Riego matutino Lote A"
    assert morning["enabled"] is True
    assert morning["valves"] == [
        {"valveId": "valve_001", "durationMin": 45},
        {"valveId": "valve_002", "durationMin": 45},
        {"valveId": "valve_003", "durationMin": 40},
    ]
    assert morning["schedule"] == {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "startTimes": ["05:30"]}
    assert by_id["prog_002"]["schedule"]["startTimes"] == ["06:00", "14:00"]
    assert all(program["running"] is False for program in programs)


def test_four_weeks_of_logs_with_volumes_from_duration_and_flow(http: httpx.Client) -> None:
    now = datetime.now(UTC)
    start = now - timedelta(days=30)
    response = http.get(
        "/api/iot/irrigation/logs", params={"projectId": "proj_123", "startTime": iso(start), "endTime": iso(now)}
    )
    assert response.status_code == 200
    logs = response.json()["data"]
    valves = {
        valve["valveId"]: valve
        for valve in http.get("/api/iot/irrigation/valves", params={"projectId": "proj_123"}).json()["data"]
    }
    assert len(logs) > 100
    assert all(set(log) == LOG_FIELDS for log in logs)
    started = [parse(log["startedAt"]) for log in logs]
    assert started == sorted(started, reverse=True)  # newest first
    assert min(started) < now - timedelta(days=25)
    assert {log["source"] for log in logs} == {"manual", "program"}
    for log in logs:
        assert start <= parse(log["startedAt"]) < parse(log["endedAt"]) <= now
        minutes = (parse(log["endedAt"]) - parse(log["startedAt"])).total_seconds() / 60
        envelope = valves[log["valveId"]]["expectedFlow"]
        assert envelope["min_lpm"] <= log["volume_l"] / minutes <= envelope["max_lpm"]
        assert log["sectorId"] == valves[log["valveId"]]["sectorId"]
        if log["source"] == "program":
            assert log["programId"] in {"prog_001", "prog_002"}
        else:
            assert log["auth0Id"] in {"user_123456789", "user_987654321"}
            assert log["commandId"]


def test_a_manual_log_points_at_its_command(http: httpx.Client) -> None:
    now = datetime.now(UTC)
    logs = http.get(
        "/api/iot/irrigation/logs",
        params={"projectId": "proj_123", "startTime": iso(now - timedelta(days=30)), "endTime": iso(now)},
    ).json()["data"]
    manual = next(log for log in logs if log["source"] == "manual")
    command = http.get(f"/api/iot/irrigation/commands/{manual['commandId']}").json()["data"]
    assert (command["valveId"], command["action"], command["status"]) == (manual["valveId"], "open", "confirmed")
    assert parse(command["requestedAt"]) <= parse(command["ackedAt"]) <= parse(command["confirmedAt"])


def test_logs_range_is_half_open(http: httpx.Client) -> None:
    now = datetime.now(UTC)
    logs = http.get(
        "/api/iot/irrigation/logs",
        params={"projectId": "proj_456", "startTime": iso(now - timedelta(days=10)), "endTime": iso(now)},
    ).json()["data"]
    first = logs[-1]
    exact = http.get(
        "/api/iot/irrigation/logs",
        params={
            "projectId": "proj_456",
            "startTime": first["startedAt"],
            "endTime": iso_ms(parse(first["startedAt"]) + timedelta(milliseconds=1)),
        },
    ).json()["data"]
    assert first["logId"] in [log["logId"] for log in exact]
    before = http.get(
        "/api/iot/irrigation/logs",
        params={"projectId": "proj_456", "startTime": iso(now - timedelta(days=20)), "endTime": first["startedAt"]},
    ).json()["data"]
    assert first["logId"] not in [log["logId"] for log in before]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/iot/irrigation/valves", {}, 400),
        ("/api/iot/irrigation/valves", {"projectId": "proj_789"}, 403),
        ("/api/iot/irrigation/valves", {"projectId": "proj_000"}, 404),
        ("/api/iot/irrigation/programs", {}, 400),
        ("/api/iot/irrigation/programs", {"projectId": "proj_789"}, 403),
        ("/api/iot/irrigation/programs", {"projectId": "proj_000"}, 404),
        ("/api/iot/irrigation/logs", {"projectId": "proj_123"}, 400),
        ("/api/iot/irrigation/logs", {"projectId": "proj_123", "startTime": "2025-01-01", "endTime": "x"}, 400),
        (
            "/api/iot/irrigation/logs",
            {"projectId": "proj_123", "startTime": "2025-01-01T00:00:00Z", "endTime": "2025-12-31T00:00:00Z"},
            400,
        ),
        (
            "/api/iot/irrigation/logs",
            {"projectId": "proj_789", "startTime": "2025-01-01T00:00:00Z", "endTime": "2025-01-31T00:00:00Z"},
            403,
        ),
        ("/api/iot/irrigation/commands/not-a-command", {}, 404),
        ("/api/iot/irrigation/commands/00000000-0000-4000-8000-000000000000", {}, 404),
    ],
)
def test_read_errors(http: httpx.Client, path: str, params: dict[str, str], status: int) -> None:
    response = http.get(path, params=params)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == "error"
    assert body["message"].endswith(".")


def test_irrigation_needs_its_scopes(sim: Any) -> None:
    with httpx.Client(base_url=sim.base_url, timeout=10) as client:
        params = {"projectId": "proj_123"}
        assert client.get("/api/iot/irrigation/valves", params=params).status_code == 401
        weather_only = {"x-api-key": sim.api_key("read:weather")}
        refused = client.get("/api/iot/irrigation/valves", params=params, headers=weather_only)
        assert refused.status_code == 403
        assert "read:irrigation" in refused.json()["message"]
        # the default key reads but cannot command
        body = {"commandId": str(uuid.uuid4()), "action": "close", "auth0Id": "user_123456789"}
        readonly = {"x-api-key": sim.api_key()}
        denied = client.post("/api/iot/irrigation/valves/valve_001/commands", json=body, headers=readonly)
        assert denied.status_code == 403
        assert "write:irrigation" in denied.json()["message"]


def test_a_command_round_trip_over_http(fresh_sim: Any) -> None:
    key = fresh_sim.api_key("read:irrigation", "write:irrigation")
    with httpx.Client(base_url=fresh_sim.base_url, timeout=10, headers={"x-api-key": key}) as client:
        command_id = str(uuid.uuid4())
        body = {"commandId": command_id, "action": "open", "durationMin": 20, "auth0Id": "user_123456789"}
        first = client.post("/api/iot/irrigation/valves/valve_003/commands", json=body)
        assert first.status_code == 202
        assert first.json() == {"status": "success", "data": {"commandId": command_id, "status": "pending"}}
        replay = client.post("/api/iot/irrigation/valves/valve_003/commands", json=body)
        assert replay.status_code == 200
        assert replay.headers["X-Idempotent-Replay"] == "true"
        assert replay.json() == first.json()
        conflict = client.post("/api/iot/irrigation/valves/valve_003/commands", json={**body, "durationMin": 25})
        assert conflict.status_code == 409
        stored = client.get(f"/api/iot/irrigation/commands/{command_id}").json()["data"]
        assert (stored["valveId"], stored["action"], stored["durationMin"], stored["status"]) == (
            "valve_003",
            "open",
            20,
            "pending",
        )
        valve = next(
            valve
            for valve in client.get("/api/iot/irrigation/valves", params={"projectId": "proj_123"}).json()["data"]
            if valve["valveId"] == "valve_003"
        )
        assert valve["commandedState"] == "open"
        assert valve["observedState"] == "closed"  # no devices run here: the field has not moved
