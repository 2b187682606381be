"""Valve commands and programs end to end inside the simulator's own app, with a field bus that records what it is
asked to deliver: idempotency, validation, the command lifecycle through `IrrigationState`, expiry, programs.

The app is our real Starlette app on a copy of the seeded demo farm, driven in-process through
httpx.ASGITransport so each test gets a private farm cheaply; the same routes are exercised over real HTTP in
test_sim_iot_irrigation.py.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from hydrodesk.sim import iot
from hydrodesk.sim.app import create_app
from hydrodesk.sim.auth import issue_api_key
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.iot.store import IrrigationStore

DEMO_USER = "user_123456789"
COMMANDS = "/api/iot/irrigation/valves/{}/commands"


class RecordingFieldBus:
    """A field side that only writes down what it was handed (or refuses, when told to)."""

    def __init__(self) -> None:
        self.delivered: list[dict[str, Any]] = []
        self.refuse = False

    async def send_command(self, command: dict[str, Any]) -> None:
        if self.refuse:
            raise ConnectionError("the broker is not reachable")
        self.delivered.append(command)


@dataclass
class Farm:
    ctx: SimContext
    app: Starlette
    bus: RecordingFieldBus
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def state(self) -> IrrigationStore:
        store = iot.irrigation_state(self.ctx)
        assert isinstance(store, IrrigationStore)
        return store


@pytest.fixture
def farm(sim_template: Path, tmp_path: Path) -> Iterator[Farm]:
    folder = tmp_path / "farm"
    shutil.copytree(sim_template, folder)
    bus = RecordingFieldBus()
    ctx = SimContext.open(folder, bus)
    keys = {
        "write": issue_api_key(ctx.db, "comp_12345", ("read:irrigation", "write:irrigation")),
        "read": issue_api_key(ctx.db, "comp_12345", ("read:irrigation",)),
        "other": issue_api_key(ctx.db, "comp_67890", ("read:irrigation", "write:irrigation")),
    }
    yield Farm(ctx, create_app(ctx), bus, keys)
    ctx.db.close()


@pytest_asyncio.fixture
async def api(farm: Farm) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=farm.app)
    headers = {"x-api-key": farm.keys["write"]}
    async with httpx.AsyncClient(transport=transport, base_url="http://sim", headers=headers) as client:
        yield client


def open_body(minutes: int = 30, **extra: object) -> dict[str, Any]:
    return {"commandId": str(uuid.uuid4()), "action": "open", "durationMin": minutes, "auth0Id": DEMO_USER, **extra}


def close_body(**extra: object) -> dict[str, Any]:
    return {"commandId": str(uuid.uuid4()), "action": "close", "auth0Id": DEMO_USER, **extra}


def parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


async def valve(api: httpx.AsyncClient, valve_id: str, project_id: str = "proj_123") -> dict[str, Any]:
    valves = (await api.get("/api/iot/irrigation/valves", params={"projectId": project_id})).json()["data"]
    return next(item for item in valves if item["valveId"] == valve_id)


async def command(api: httpx.AsyncClient, command_id: str) -> dict[str, Any]:
    response = await api.get(f"/api/iot/irrigation/commands/{command_id}")
    assert response.status_code == 200, response.text
    return response.json()["data"]


# ------------------------------------------------------------------------------------------------ commands
@pytest.mark.asyncio
async def test_an_open_command_is_stored_commanded_and_delivered_once(api: httpx.AsyncClient, farm: Farm) -> None:
    body = open_body(30)
    before = datetime.now(UTC)
    response = await api.post(COMMANDS.format("valve_001"), json=body)
    assert response.status_code == 202
    assert response.json() == {"status": "success", "data": {"commandId": body["commandId"], "status": "pending"}}

    (delivered,) = farm.bus.delivered
    assert {key: delivered[key] for key in ("commandId", "valveId", "deviceId", "companyId", "projectId")} == {
        "commandId": body["commandId"],
        "valveId": "valve_001",
        "deviceId": "bitRTU-01",
        "companyId": "comp_12345",
        "projectId": "proj_123",
    }
    assert (delivered["action"], delivered["durationMin"], delivered["source"]) == ("open", 30, "manual")

    stored = await command(api, body["commandId"])
    assert set(stored) == {
        "commandId",
        "valveId",
        "action",
        "durationMin",
        "status",
        "requestedAt",
        "sentAt",
        "ackedAt",
        "confirmedAt",
        "expiresAt",
        "error",
    }
    assert (stored["status"], stored["sentAt"], stored["error"]) == ("pending", None, None)
    requested = parse(stored["requestedAt"])
    assert before - timedelta(seconds=1) <= requested <= datetime.now(UTC)
    # no expiresAt given: undelivered commands lapse after 15 minutes
    assert parse(stored["expiresAt"]) - requested == timedelta(minutes=15)

    shown = await valve(api, "valve_001")
    assert (shown["commandedState"], shown["observedState"]) == ("open", "closed")
    assert parse(shown["commandedUntil"]) - requested == timedelta(minutes=30)


@pytest.mark.asyncio
async def test_a_replay_returns_the_same_command_and_delivers_nothing(api: httpx.AsyncClient, farm: Farm) -> None:
    body = open_body(15)
    first = await api.post(COMMANDS.format("valve_002"), json=body)
    farm.state.update_command(body["commandId"], status="sent")
    again = await api.post(COMMANDS.format("valve_002"), json=body)
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.headers["X-Idempotent-Replay"] == "true"
    assert again.json()["data"] == {"commandId": body["commandId"], "status": "sent"}  # the command as it is now
    assert len(farm.bus.delivered) == 1
    # the deadline is checked for new commands only: a late retry still finds its command
    late = await api.post(COMMANDS.format("valve_002"), json={**body, "expiresAt": "2020-01-01T00:00:00Z"})
    assert late.status_code == 200
    assert len(farm.bus.delivered) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("valve_id", "change"),
    [
        ("valve_001", {"durationMin": 31}),
        ("valve_003", {}),
        ("valve_001", {"action": "close", "durationMin": None}),
    ],
)
async def test_a_command_id_reused_for_something_else_is_409(
    api: httpx.AsyncClient, farm: Farm, valve_id: str, change: dict[str, object]
) -> None:
    body = open_body(30)
    assert (await api.post(COMMANDS.format("valve_001"), json=body)).status_code == 202
    clash = await api.post(COMMANDS.format(valve_id), json={**body, **change})
    assert clash.status_code == 409
    assert "commandId" in clash.json()["message"]
    assert len(farm.bus.delivered) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"action": "close", "auth0Id": DEMO_USER}, "commandId is required"),
        ({"commandId": "cmd-1", "action": "close", "auth0Id": DEMO_USER}, "UUID"),
        ({**close_body(), "action": "toggle"}, "open or close"),
        ({**close_body(), "action": None}, "open or close"),
        ({**open_body(), "durationMin": None}, "required to open"),
        ({**open_body(), "durationMin": 0}, "between 1 and 720"),
        ({**open_body(), "durationMin": 721}, "between 1 and 720"),
        ({**open_body(), "durationMin": 2.5}, "whole number"),
        ({**open_body(), "durationMin": "30"}, "whole number"),
        ({**open_body(), "durationMin": 10**400}, "between 1 and 720"),
        ({**close_body(), "durationMin": 10}, "only to open"),
        ({**close_body(), "auth0Id": None}, "auth0Id is required"),
        ({**close_body(), "expiresAt": "2020-01-01T00:00:00Z"}, "already passed"),
        ({**close_body(), "expiresAt": "2030-01-01T00:00:00"}, "timezone"),
        ({**close_body(), "expiresAt": 1700000000}, "ISO 8601"),
        ({**close_body(), "expiresAt": "9999-12-31T23:59:59-01:00"}, "2100"),
        ({**close_body(), "expiresAt": (datetime.now(UTC) + timedelta(days=2)).isoformat()}, "24 hours"),
    ],
)
async def test_bad_commands_are_400_in_plain_words(
    api: httpx.AsyncClient, farm: Farm, body: dict[str, object], words: str
) -> None:
    response = await api.post(COMMANDS.format("valve_001"), json=body)
    assert response.status_code == 400
    assert words in response.json()["message"]
    assert farm.bus.delivered == []
    assert (await valve(api, "valve_001"))["commandedState"] == "closed"


@pytest.mark.asyncio
@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b'"open"', b"\xff\xfe"])
async def test_unreadable_bodies_are_400(api: httpx.AsyncClient, content: bytes) -> None:
    response = await api.post(COMMANDS.format("valve_001"), content=content)
    assert response.status_code == 400
    assert response.json()["status"] == "error"


@pytest.mark.asyncio
async def test_whose_valve_and_who_acts(api: httpx.AsyncClient, farm: Farm) -> None:
    assert (await api.post(COMMANDS.format("valve_999"), json=close_body())).status_code == 404
    assert (await api.post(COMMANDS.format("valve_701"), json=close_body())).status_code == 403
    stranger = await api.post(COMMANDS.format("valve_001"), json=close_body(auth0Id="user_555000111"))
    assert stranger.status_code == 403
    assert "auth0Id" in stranger.json()["message"]
    unknown = await api.post(COMMANDS.format("valve_001"), json=close_body(auth0Id="user_nobody"))
    assert unknown.status_code == 403
    read_only = await api.post(
        COMMANDS.format("valve_001"), json=close_body(), headers={"x-api-key": farm.keys["read"]}
    )
    assert read_only.status_code == 403
    assert farm.bus.delivered == []


@pytest.mark.asyncio
async def test_another_companys_command_is_forbidden(api: httpx.AsyncClient, farm: Farm) -> None:
    theirs = close_body(auth0Id="user_555000111")
    other_key = {"x-api-key": farm.keys["other"]}
    assert (await api.post(COMMANDS.format("valve_701"), json=theirs, headers=other_key)).status_code == 202
    assert (await api.get(f"/api/iot/irrigation/commands/{theirs['commandId']}")).status_code == 403
    # and the same commandId cannot be taken over by us
    mine = {**theirs, "auth0Id": DEMO_USER}
    assert (await api.post(COMMANDS.format("valve_001"), json=mine)).status_code == 409


@pytest.mark.asyncio
@pytest.mark.expect_errors("the field side refused command", logger="hydrodesk.sim.iot.irrigation")
async def test_a_field_side_that_refuses_fails_the_command_not_the_request(api: httpx.AsyncClient, farm: Farm) -> None:
    farm.bus.refuse = True
    body = open_body(10)
    response = await api.post(COMMANDS.format("valve_004"), json=body)
    assert response.status_code == 202
    assert response.json()["data"]["status"] == "failed"
    stored = await command(api, body["commandId"])
    assert stored["status"] == "failed"
    assert "field gateway" in stored["error"]


# ------------------------------------------------------------------------------------------------ lifecycle
@pytest.mark.asyncio
async def test_the_field_side_advances_a_command_through_irrigation_state(api: httpx.AsyncClient, farm: Farm) -> None:
    body = open_body(45)
    await api.post(COMMANDS.format("valve_005"), json=body)
    state = farm.state
    command_id = body["commandId"]
    state.update_command(command_id, status="sent")
    state.update_command(command_id, status="acked", ackedAt="2030-01-01T05:30:01.250Z")
    state.update_valve("valve_005", observedState="open", flow_lpm=512.4, pressure_bar=1.6, lastSeen=datetime.now(UTC))
    state.update_command(command_id, status="confirmed")

    stored = await command(api, command_id)
    assert stored["status"] == "confirmed"
    assert stored["ackedAt"] == "2030-01-01T05:30:01.250Z"
    assert parse(stored["requestedAt"]) <= parse(stored["sentAt"]) <= parse(stored["confirmedAt"])
    shown = await valve(api, "valve_005")
    assert (shown["observedState"], shown["flow_lpm"], shown["pressure_bar"]) == ("open", 512.4, 1.6)
    assert state.get_valve("valve_005") == {**shown, "companyId": "comp_12345", "projectId": "proj_123"}

    # a late failure report cannot undo a confirmation
    state.update_command(command_id, status="failed", error="late")
    assert (await command(api, command_id))["status"] == "confirmed"


def test_irrigation_state_refuses_programming_errors(farm: Farm) -> None:
    state = farm.state
    with pytest.raises(ValueError, match="settable"):
        state.update_valve("valve_001", name="renamed")
    with pytest.raises(ValueError):
        state.update_valve("valve_001", observedState="half-open")
    with pytest.raises(KeyError):
        state.update_valve("valve_999", flow_lpm=1.0)
    with pytest.raises(ValueError, match="settable"):
        state.update_command("00000000-0000-4000-8000-000000000000", valveId="valve_002")
    with pytest.raises(KeyError):
        state.update_command("00000000-0000-4000-8000-000000000000", status="sent")
    assert state.get_command("00000000-0000-4000-8000-000000000000") is None
    assert state.get_valve("valve_999") is None


def test_every_valve_is_listed_for_the_field_side(farm: Farm) -> None:
    valves = farm.state.list_all_valves()
    assert len(valves) == 13
    assert {valve["companyId"] for valve in valves} == {"comp_12345", "comp_67890"}
    assert all(valve["projectId"] and valve["deviceId"].startswith("bitRTU-") for valve in valves)


@pytest.mark.asyncio
async def test_an_undelivered_command_expires(api: httpx.AsyncClient, farm: Farm) -> None:
    body = close_body()
    await api.post(COMMANDS.format("valve_006"), json=body)
    # move the deadline into the past rather than waiting for it
    past = (datetime.now(UTC) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    farm.ctx.db.execute("UPDATE irrigation_commands SET expires_at = ? WHERE command_id = ?", (past, body["commandId"]))
    stored = await command(api, body["commandId"])
    assert stored["status"] == "expired"
    assert "expired" in stored["error"]
    # the device's ack arrives too late: the command stays expired
    farm.state.update_command(body["commandId"], status="acked")
    assert (await command(api, body["commandId"]))["status"] == "expired"


@pytest.mark.asyncio
async def test_an_open_valve_is_meant_closed_once_its_duration_runs_out(api: httpx.AsyncClient, farm: Farm) -> None:
    await api.post(COMMANDS.format("valve_007"), json=open_body(5))
    assert (await valve(api, "valve_007"))["commandedState"] == "open"
    farm.ctx.db.execute(
        "UPDATE valves SET commanded_until = ? WHERE valve_id = 'valve_007'",
        ((datetime.now(UTC) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),),
    )
    shown = await valve(api, "valve_007")
    assert (shown["commandedState"], shown["commandedUntil"]) == ("closed", None)


@pytest.mark.asyncio
async def test_a_logged_irrigation_shows_in_the_logs(api: httpx.AsyncClient, farm: Farm) -> None:
    started = datetime.now(UTC) - timedelta(minutes=40)
    farm.state.add_irrigation_log(
        {
            "valveId": "valve_008",
            "startedAt": started,
            "endedAt": started + timedelta(minutes=30),
            "volume_l": 15123.45,
            "source": "manual",
            "commandId": "c0ffee00-0000-4000-8000-000000000000",
            "auth0Id": DEMO_USER,
        }
    )
    logs = (
        await api.get(
            "/api/iot/irrigation/logs",
            params={
                "projectId": "proj_456",
                "startTime": (started - timedelta(minutes=1)).isoformat(),
                "endTime": datetime.now(UTC).isoformat(),
            },
        )
    ).json()["data"]
    (entry,) = [log for log in logs if log["commandId"] == "c0ffee00-0000-4000-8000-000000000000"]
    assert (entry["sectorId"], entry["volume_l"], entry["source"]) == ("sector_101", 15123.5, "manual")


# ------------------------------------------------------------------------------------------------ programs
async def program(api: httpx.AsyncClient, program_id: str, action: str, **body: object) -> httpx.Response:
    payload = {"commandId": str(uuid.uuid4()), "auth0Id": DEMO_USER, **body}
    return await api.post(f"/api/iot/irrigation/programs/{program_id}/{action}", json=payload)


async def running(api: httpx.AsyncClient, program_id: str, project_id: str = "proj_123") -> bool:
    programs = (await api.get("/api/iot/irrigation/programs", params={"projectId": project_id})).json()["data"]
    return next(item for item in programs if item["programId"] == program_id)["running"]


@pytest.mark.asyncio
async def test_starting_a_program_opens_its_valves_once(api: httpx.AsyncClient, farm: Farm) -> None:
    command_id = str(uuid.uuid4())
    started = await program(api, "prog_001", "start", commandId=command_id)
    assert started.status_code == 202
    data = started.json()["data"]
    assert (data["programId"], data["commandId"], data["status"]) == ("prog_001", command_id, "running")
    assert [(step["valveId"], step["action"], step["durationMin"]) for step in data["commands"]] == [
        ("valve_001", "open", 45),
        ("valve_002", "open", 45),
        ("valve_003", "open", 40),
    ]
    assert [item["commandId"] for item in farm.bus.delivered] == [step["commandId"] for step in data["commands"]]
    assert {(item["source"], item["programId"]) for item in farm.bus.delivered} == {("program", "prog_001")}
    assert await running(api, "prog_001")
    for step in data["commands"]:
        assert (await command(api, step["commandId"]))["status"] == "pending"

    replay = await program(api, "prog_001", "start", commandId=command_id)
    assert replay.status_code == 200
    assert replay.headers["X-Idempotent-Replay"] == "true"
    assert replay.json()["data"] == data
    assert len(farm.bus.delivered) == 3

    again = await program(api, "prog_001", "start")
    assert again.status_code == 409
    assert "already running" in again.json()["message"]
    assert len(farm.bus.delivered) == 3


@pytest.mark.asyncio
async def test_stopping_a_program_closes_its_valves(api: httpx.AsyncClient, farm: Farm) -> None:
    assert (await program(api, "prog_002", "start")).status_code == 202
    stopped = await program(api, "prog_002", "stop")
    assert stopped.status_code == 202
    data = stopped.json()["data"]
    assert data["status"] == "stopped"
    assert [(step["valveId"], step["action"], step["durationMin"]) for step in data["commands"]] == [
        ("valve_004", "close", None),
        ("valve_005", "close", None),
        ("valve_006", "close", None),
    ]
    assert not await running(api, "prog_002")
    assert (await valve(api, "valve_004"))["commandedState"] == "closed"
    # stopping again still sends the closes (the operator wants the water off), and starting works again
    assert (await program(api, "prog_002", "stop")).status_code == 202
    assert (await program(api, "prog_002", "start")).status_code == 202
    assert len(farm.bus.delivered) == 12


@pytest.mark.asyncio
async def test_program_errors(api: httpx.AsyncClient, farm: Farm) -> None:
    assert (await program(api, "prog_999", "start")).status_code == 404
    assert (await program(api, "prog_701", "start")).status_code == 403  # another company's program
    assert (await program(api, "prog_001", "start", commandId="x")).status_code == 400
    assert (await program(api, "prog_001", "start", auth0Id=None)).status_code == 400
    assert (await program(api, "prog_001", "start", auth0Id="user_555000111")).status_code == 403
    bad_body = await api.post("/api/iot/irrigation/programs/prog_001/start", content=b"{")
    assert bad_body.status_code == 400
    # a commandId belongs to one request only
    used = str(uuid.uuid4())
    assert (await program(api, "prog_003", "start", commandId=used)).status_code == 202
    assert (await program(api, "prog_003", "stop", commandId=used)).status_code == 409
    assert (await program(api, "prog_004", "start", commandId=used)).status_code == 409
    valve_command = open_body(10)
    await api.post(COMMANDS.format("valve_001"), json=valve_command)
    assert (await program(api, "prog_001", "start", commandId=valve_command["commandId"])).status_code == 409
    read_only = await api.post(
        "/api/iot/irrigation/programs/prog_001/start",
        json={"commandId": str(uuid.uuid4()), "auth0Id": DEMO_USER},
        headers={"x-api-key": farm.keys["read"]},
    )
    assert read_only.status_code == 403
    assert not await running(api, "prog_001")
