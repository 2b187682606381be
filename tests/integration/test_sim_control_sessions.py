"""Production sessions against a running simulator: the local-day rule, one open session per sector and day,
inherited settings, owner-only access, the open/closed lifecycle and the provisional list.

Writes use dates long past (2024) on simulators of their own, so they collide with nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

DEMO_USER = "user_123456789"
OTHER_USER = "user_987654321"
OTHER_COMPANY_USER = "user_555000111"
DOC_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"
SESSIONS = "/api/control/production/sessions"
SESSION_FIELDS = {
    "sessionId", "companyId", "projectId", "auth0Id", "sectorId", "sector_name", "timezone", "day", "status",
    "openedAt", "closedAt", "maxDurationHours", "samplingUnit", "pricePerUnit", "bonus", "notes", "finalNotes",
    "totalUnits", "workerCount", "closedBy", "closedReason", "createdAt", "updatedAt",
}  # fmt: skip


@pytest.fixture
def connect() -> Iterator[Callable[..., httpx.Client]]:
    clients: list[httpx.Client] = []

    def make(simulator, user: str = DEMO_USER) -> httpx.Client:
        client = httpx.Client(
            base_url=simulator.base_url, headers={"Authorization": f"Bearer {simulator.token(user)}"}, timeout=15
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def open_body(opened_at: str, sector: str = "sector_002", project: str = "proj_123", **extra: object) -> dict:
    return {
        "auth0Id": DEMO_USER,
        "projectId": project,
        "sectorId": sector,
        "sector_name": "Lote A-2",
        "openedAt": opened_at,
        **extra,
    }


def assert_error(reply: httpx.Response, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert body["error"]
    for word in words:
        assert word in body["message"], body["message"]


# ------------------------------------------------------------------------------------------------ documented
def test_documented_session_reads_as_documented(sim, connect) -> None:
    reply = connect(sim).get(f"{SESSIONS}/{DOC_SESSION}", params={"auth0Id": DEMO_USER})
    assert reply.status_code == 200
    data = reply.json()["data"]
    assert set(data) == SESSION_FIELDS
    assert {key: data[key] for key in ("companyId", "projectId", "auth0Id", "sectorId", "sector_name")} == {
        "companyId": "comp_12345",
        "projectId": "proj_123",
        "auth0Id": DEMO_USER,
        "sectorId": "sector_001",
        "sector_name": "Lote A-1",
    }
    assert (data["timezone"], data["day"], data["status"]) == (
        "America/Mexico_City",
        "2025-10-19T00:00:00.000Z",
        "open",
    )
    assert (data["openedAt"], data["closedAt"], data["maxDurationHours"]) == ("2025-10-19T08:00:00.000Z", None, 12)
    assert data["totalUnits"] >= 5


def test_documented_open_session_blocks_its_local_day(sim, connect) -> None:
    # 05:30 UTC on the 20th is 23:30 on the 19th in Mexico City: the documented session's day, still open.
    reply = connect(sim).post(SESSIONS, json=open_body("2025-10-20T05:30:00.000Z", sector="sector_001"))
    assert_error(reply, 409, DOC_SESSION, "María López", "2025-10-19")


def test_documented_create_example_meets_the_session_it_created(sim, connect) -> None:
    # The documented create example opened 6507f1e3c9d8e2a4b1f9c3d5, which is still open: the same request now
    # runs into the one-open-session rule and names that session.
    body = {
        "auth0Id": "user_123456789",
        "projectId": "proj_123",
        "openedAt": "2025-10-19T08:00:00.000Z",
        "sectorId": "sector_001",
        "sector_name": "Lote A-1",
    }
    assert_error(connect(sim).post(SESSIONS, json=body), 409, DOC_SESSION)


def test_documented_update_and_extend_examples(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    update = {
        "auth0Id": "user_123456789",
        "samplingUnit": "kg",
        "pricePerUnit": 6,
        "bonus": {"type": "percent", "value": 15, "note": "Bono de calidad"},
        "notes": "Updated notes",
    }
    reply = client.patch(f"{SESSIONS}/{DOC_SESSION}", json=update)
    assert (reply.status_code, reply.json()) == (200, {"status": "success", "data": {"updated": True}})
    extend = client.post(f"{SESSIONS}/{DOC_SESSION}/extend", json={"auth0Id": "user_123456789", "maxDurationHours": 18})
    assert (extend.status_code, extend.json()) == (200, {"status": "success", "data": {"maxDurationHours": 18}})
    data = client.get(f"{SESSIONS}/{DOC_SESSION}").json()["data"]
    assert (data["samplingUnit"], data["pricePerUnit"], data["notes"], data["maxDurationHours"]) == (
        "kg",
        6,
        "Updated notes",
        18,
    )
    assert data["bonus"] == {"type": "percent", "value": 15, "note": "Bono de calidad"}


# ------------------------------------------------------------------------------------------------ open
def test_local_day_boundary_and_one_open_session_per_sector_and_day(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    late = client.post(SESSIONS, json=open_body("2024-03-06T05:30:00.000Z"))  # 23:30 local on the 5th
    assert late.status_code == 201, late.text
    assert late.json()["data"]["day"] == "2024-03-05T00:00:00.000Z"
    early = client.post(SESSIONS, json=open_body("2024-03-06T06:30:00.000Z"))  # 00:30 local on the 6th
    assert early.status_code == 201
    assert early.json()["data"]["day"] == "2024-03-06T00:00:00.000Z"

    first_id = late.json()["data"]["sessionId"]
    clash = connect(fresh_sim, OTHER_USER).post(
        SESSIONS, json=open_body("2024-03-05T20:00:00.000Z", auth0Id=OTHER_USER)
    )
    assert_error(clash, 409, first_id, "María López", DEMO_USER)
    # Another sector the same day, or the same sector once the first session closed, is fine.
    assert client.post(SESSIONS, json=open_body("2024-03-05T20:00:00.000Z", sector="sector_003")).status_code == 201
    assert client.post(f"{SESSIONS}/{first_id}/close", json={}).status_code == 200
    assert client.post(SESSIONS, json=open_body("2024-03-05T20:00:00.000Z")).status_code == 201


def test_new_session_inherits_project_settings(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    lima = client.post(SESSIONS, json=open_body("2024-03-07T12:00:00.000Z", sector="sector_101", project="proj_456"))
    data = lima.json()["data"]
    assert (data["timezone"], data["samplingUnit"], data["pricePerUnit"]) == ("America/Lima", "kg", 1.8)
    assert data["bonus"] == {"type": "flat", "value": 25, "note": "Bono por jornada completa"}
    assert data["maxDurationHours"] == 10
    assert data["sector_name"] == "Parcela Norte"  # the sector's own name, whatever the client sent

    chosen = client.post(
        SESSIONS,
        json=open_body(
            "2024-03-07T14:00:00.000Z",
            samplingUnit="ton",
            pricePerUnit=7,
            bonus={"type": "percent", "value": 5},
            maxDurationHours=8,
            notes="Good weather today",
        ),
    ).json()["data"]
    assert (chosen["samplingUnit"], chosen["pricePerUnit"], chosen["maxDurationHours"]) == ("ton", 7, 8)
    assert (chosen["bonus"]["type"], chosen["bonus"]["value"], chosen["notes"]) == ("percent", 5, "Good weather today")
    default = client.post(SESSIONS, json=open_body("2024-03-07T14:00:00.000Z", sector="sector_004")).json()["data"]
    assert default["maxDurationHours"] == 12


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"openedAt": None}, 400, ["openedAt"]),
        ({"openedAt": "yesterday"}, 400, ["openedAt", "ISO 8601"]),
        ({"openedAt": "2024-03-07T14:00:00"}, 400, ["timezone"]),
        ({"sectorId": "sector_101"}, 400, ["sector_101", "proj_456"]),
        ({"projectId": "proj_nope"}, 404, ["proj_nope"]),
        ({"projectId": "proj_789", "sectorId": "sector_701"}, 403, ["another company"]),
        ({"bonus": {"type": "percent", "value": 150}}, 400, ["between 0 and 100"]),
        ({"maxDurationHours": 25}, 400, ["maxDurationHours"]),
        ({"pricePerUnit": -1}, 400, ["pricePerUnit"]),
        ({"sector_name": None}, 400, ["sector_name"]),
        ({"auth0Id": OTHER_USER}, 403, ["auth0Id"]),
    ],
)
def test_open_validation(sim, connect, change: dict, status: int, words: list[str]) -> None:
    body = {
        key: value for key, value in {**open_body("2024-03-08T14:00:00.000Z"), **change}.items() if value is not None
    }
    assert_error(connect(sim).post(SESSIONS, json=body), status, *words)


# ------------------------------------------------------------------------------------------------ owner & lifecycle
def test_only_the_owner_reads_or_changes_a_session(sim, connect) -> None:
    for user in (OTHER_USER, OTHER_COMPANY_USER):
        client = connect(sim, user)
        assert_error(client.get(f"{SESSIONS}/{DOC_SESSION}"), 403)
        assert_error(client.patch(f"{SESSIONS}/{DOC_SESSION}", json={"notes": "mine now"}), 403)
        assert_error(client.post(f"{SESSIONS}/{DOC_SESSION}/close", json={}), 403)
        assert_error(client.post(f"{SESSIONS}/{DOC_SESSION}/extend", json={"maxDurationHours": 18}), 403)
    assert_error(connect(sim).get(f"{SESSIONS}/000000000000000000000000"), 404, "not found")


def test_update_extend_close_lifecycle(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    session_id = client.post(SESSIONS, json=open_body("2024-03-09T14:00:00.000Z")).json()["data"]["sessionId"]
    url = f"{SESSIONS}/{session_id}"

    update = {"samplingUnit": "kg", "pricePerUnit": 6, "bonus": {"type": "flat", "value": 30}, "notes": "Updated"}
    assert client.patch(url, json={"auth0Id": DEMO_USER, **update}).json() == {
        "status": "success",
        "data": {"updated": True},
    }
    data = client.get(url).json()["data"]
    assert (data["samplingUnit"], data["pricePerUnit"], data["notes"]) == ("kg", 6, "Updated")
    assert data["bonus"]["value"] == 30
    assert_error(client.patch(url, json={"sectorId": "sector_003", "notes": "x"}), 400, "sectorId")
    assert_error(client.patch(url, json={"bonus": {"type": "percent", "value": 101}}), 400, "between 0 and 100")
    assert_error(client.patch(url, json={"auth0Id": DEMO_USER}), 400, "at least one")

    assert client.post(f"{url}/extend", json={"maxDurationHours": 18}).json()["data"] == {"maxDurationHours": 18}
    assert_error(client.post(f"{url}/extend", json={"maxDurationHours": 18}), 400, "more than the current 18")
    assert_error(client.post(f"{url}/extend", json={"maxDurationHours": 25}), 400, "24")
    assert_error(client.post(f"{url}/extend", json={}), 400, "maxDurationHours")

    assert_error(client.post(f"{url}/close", json={"closedAt": "2024-03-09T13:00:00.000Z"}), 400, "before")
    closed = client.post(
        f"{url}/close", json={"auth0Id": DEMO_USER, "closedAt": "2024-03-09T21:00:00.000Z", "finalNotes": "Done"}
    )
    assert closed.status_code == 200
    assert closed.json()["data"] == {
        "sessionId": session_id,
        "status": "closed",
        "closedAt": "2024-03-09T21:00:00.000Z",
        "totalUnits": 0,
    }
    data = client.get(url).json()["data"]
    assert (data["status"], data["finalNotes"], data["closedBy"], data["closedReason"]) == (
        "closed",
        "Done",
        "user",
        "manual",
    )
    assert_error(client.post(f"{url}/close", json={}), 409, "closed")
    assert_error(client.patch(url, json={"notes": "late"}), 409, "closed")
    assert_error(client.post(f"{url}/extend", json={"maxDurationHours": 20}), 409, "closed")


# ------------------------------------------------------------------------------------------------ list & records
def test_list_sessions_filters_and_newest_first(sim, connect) -> None:
    client = connect(sim)
    everything = client.get(SESSIONS, params={"auth0Id": DEMO_USER}).json()["data"]
    items = everything["items"]
    assert everything["total"] >= len(items) > 100
    opened = [item["openedAt"] for item in items]
    assert opened == sorted(opened, reverse=True)
    assert {item["auth0Id"] for item in items} >= {DEMO_USER, OTHER_USER}
    assert {item["companyId"] for item in items} == {"comp_12345"}
    assert all(set(item) == SESSION_FIELDS for item in items)
    closed = [item for item in items if item["status"] == "closed"]
    # Four weeks of seeded harvest days: crews of 15-40 pickers (other tests may add sessions of their own).
    assert sum(1 for item in closed if item["totalUnits"] > 0 and 15 <= item["workerCount"] <= 40) >= 150

    mine = client.get(SESSIONS, params={"mine": "true", "status": "open"}).json()["data"]["items"]
    assert DOC_SESSION in {item["sessionId"] for item in mine}
    assert {item["auth0Id"] for item in mine} == {DEMO_USER}

    day = client.get(
        SESSIONS, params={"from": "2025-10-19", "to": "2025-10-19", "sectorId": "sector_001", "projectId": "proj_123"}
    ).json()["data"]
    assert [item["sessionId"] for item in day["items"]] == [DOC_SESSION]

    assert_error(client.get(SESSIONS, params={"from": "2025-10-20", "to": "2025-10-19"}), 400, "from")
    assert_error(client.get(SESSIONS, params={"from": "19/10/2025"}), 400, "YYYY-MM-DD")
    assert_error(client.get(SESSIONS, params={"status": "paused"}), 400, "open, closed")
    assert_error(client.get(SESSIONS, params={"mine": "perhaps"}), 400, "mine")


def test_session_records_are_readable_by_the_company_office(sim, connect) -> None:
    # user_987654321 reviews a session user_123456789 owns: allowed for the record list.
    reply = connect(sim, OTHER_USER).get(f"{SESSIONS}/{DOC_SESSION}/records")
    assert reply.status_code == 200
    items = reply.json()["data"]["items"]
    first = next(item for item in items if item["recordId"] == "rec_1234567890abcdef")
    assert {key: first[key] for key in ("workerId", "worker_name", "units", "clientEventId", "voidOf")} == {
        "workerId": "JS0315",
        "worker_name": "John Smith",
        "units": 5,
        "clientEventId": "evt_1234567890abcdef",
        "voidOf": None,
    }
    assert_error(connect(sim, OTHER_COMPANY_USER).get(f"{SESSIONS}/{DOC_SESSION}/records"), 403)
