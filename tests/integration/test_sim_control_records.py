"""Production records against a running simulator: the seed page's curl examples and the idempotency rules.

Read-only checks use the shared `sim`; anything that writes runs on a simulator of its own so other tests keep
seeing the demo farm as seeded.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

DEMO_USER = "user_123456789"
OTHER_USER = "user_987654321"
DOC_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"
DOC_RECORD = "rec_1234567890abcdef"
DOC_KEY = "client:6507f1e3c9d8e2a4b1f9c3d5:JS0315:evt_1234567890abcdef"
RECORDS = "/api/control/production/records"
SESSIONS = "/api/control/production/sessions"

# The seed page's create example, exactly as written (no `units`).
DOC_CREATE = {
    "auth0Id": "user_123456789",
    "sessionId": "6507f1e3c9d8e2a4b1f9c3d5",
    "workerId": "JS0315",
    "worker_name": "John Smith",
    "recordedAtUtc": "2025-10-19T14:30:00.000Z",
    "clientEventId": "evt_1234567890abcdef",
}
DOC_BULK = {
    "auth0Id": "user_123456789",
    "records": [
        {
            "sessionId": "6507f1e3c9d8e2a4b1f9c3d5",
            "workerId": "JS0315",
            "worker_name": "John Smith",
            "units": 5,
            "recordedAtUtc": "2025-10-19T14:30:00.000Z",
            "clientEventId": "evt_1234567890abcdef",
        },
        {
            "sessionId": "6507f1e3c9d8e2a4b1f9c3d5",
            "workerId": "JS0315",
            "worker_name": "John Smith",
            "units": 3,
            "recordedAtUtc": "2025-10-19T15:00:00.000Z",
            "clientEventId": "evt_9876543210fedcba",
        },
    ],
}


@pytest.fixture
def connect() -> Iterator[Callable[..., httpx.Client]]:
    """Open httpx clients signed in as a user of a given simulator; all closed after the test."""
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


def event() -> str:
    return "evt_" + uuid.uuid4().hex


def record(session_id: str, worker_id: str = "JS0315", **extra: object) -> dict[str, object]:
    return {
        "sessionId": session_id,
        "workerId": worker_id,
        "worker_name": "John Smith",
        "recordedAtUtc": "2024-02-01T15:00:00.000Z",
        "clientEventId": event(),
        **extra,
    }


def open_session(client: httpx.Client, opened_at: str, sector: str = "sector_002") -> str:
    reply = client.post(
        SESSIONS,
        json={"projectId": "proj_123", "sectorId": sector, "sector_name": "Lote", "openedAt": opened_at},
    )
    assert reply.status_code == 201, reply.text
    return reply.json()["data"]["sessionId"]


def assert_error(reply: httpx.Response, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert isinstance(body["error"], str)
    assert body["error"]
    for word in words:
        assert word in body["message"]


# ------------------------------------------------------------------------------------------------ documented
def test_documented_create_example_is_an_idempotent_replay(sim, connect) -> None:
    reply = connect(sim).post(RECORDS, json=DOC_CREATE)
    assert reply.status_code == 200
    assert reply.headers["X-Idempotent-Replay"] == "true"
    data = reply.json()["data"]
    assert data["idempotent"] is True
    # The original record's preview: 5 units, although the replayed request left units out (default 1).
    assert {key: data["payloadPreview"][key] for key in ("recordId", "sessionId", "workerId", "units")} == {
        "recordId": DOC_RECORD,
        "sessionId": DOC_SESSION,
        "workerId": "JS0315",
        "units": 5,
    }


def test_documented_get_record_example(sim, connect) -> None:
    reply = connect(sim).get(f"{RECORDS}/{DOC_RECORD}")
    assert reply.status_code == 200
    data = reply.json()["data"]
    assert {key: data[key] for key in ("recordId", "sessionId", "workerId", "units", "state")} == {
        "recordId": DOC_RECORD,
        "sessionId": DOC_SESSION,
        "workerId": "JS0315",
        "units": 5,
        "state": "inserted",
    }
    assert data["clientEventId"] == "evt_1234567890abcdef"


def test_documented_check_idempotency_example(sim, connect) -> None:
    client = connect(sim)
    used = client.head(f"{RECORDS}/check-idempotency", params={"key": DOC_KEY})
    assert used.status_code == 200
    assert used.content == b""
    unused = client.head(f"{RECORDS}/check-idempotency", params={"key": DOC_KEY.replace("evt_1", "evt_2")})
    assert unused.status_code == 404
    assert unused.content == b""


def test_documented_bulk_example(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    reply = client.post(f"{RECORDS}/bulk", json=DOC_BULK)
    assert reply.status_code == 207
    body = reply.json()
    assert body["status"] == "success"
    first, second = body["results"]
    # The first item is the seeded rec_1234567890abcdef; the second is new.
    assert (first["index"], first["statusCode"], first["idempotent"]) == (0, 200, True)
    assert first["payloadPreview"]["recordId"] == DOC_RECORD
    assert (second["index"], second["statusCode"]) == (1, 201)
    assert "idempotent" not in second
    assert second["payloadPreview"]["units"] == 3
    assert body["summary"] == {"ok": 1, "duplicated": 1, "failed": 0}

    again = client.post(f"{RECORDS}/bulk", json=DOC_BULK).json()
    assert again["summary"] == {"ok": 0, "duplicated": 2, "failed": 0}
    assert again["results"][1]["payloadPreview"]["recordId"] == second["payloadPreview"]["recordId"]


def test_documented_void_example_and_void_idempotency(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    body = {"auth0Id": "user_123456789", "reason": "Duplicate entry"}
    reply = client.post(f"{RECORDS}/{DOC_RECORD}/void", json=body)
    assert reply.status_code == 200
    preview = reply.json()["data"]["payloadPreview"]
    assert preview["voidOf"] == DOC_RECORD
    assert preview["units"] == -5
    assert preview["recordId"].startswith("rec_void_")
    assert "idempotent" not in reply.json()["data"]

    again = client.post(f"{RECORDS}/{DOC_RECORD}/void", json=body)
    assert again.status_code == 200
    assert again.json()["data"]["idempotent"] is True
    assert again.json()["data"]["payloadPreview"]["recordId"] == preview["recordId"]

    void_of_void = client.post(f"{RECORDS}/{preview['recordId']}/void", json=body)
    assert_error(void_of_void, 409, "itself the void")

    original = client.get(f"{RECORDS}/{DOC_RECORD}").json()["data"]
    assert original["units"] == 5  # the ledger keeps the original; the void is a separate movement
    assert original["voidedBy"] == preview["recordId"]
    void = client.get(f"{RECORDS}/{preview['recordId']}").json()["data"]
    assert (void["units"], void["voidOf"], void["reason"]) == (-5, DOC_RECORD, "Duplicate entry")
    session = client.get(f"{SESSIONS}/{DOC_SESSION}").json()["data"]
    assert session["totalUnits"] == 0


def test_records_of_another_company_are_forbidden(sim, connect) -> None:
    client = connect(sim, "user_555000111")
    reply = client.get(f"{RECORDS}/{DOC_RECORD}")
    assert reply.status_code == 403
    assert "another company" in reply.json()["message"]
    assert client.head(f"{RECORDS}/check-idempotency", params={"key": DOC_KEY}).status_code == 404


# ------------------------------------------------------------------------------------------------ create rules
def test_create_then_replay_by_client_event_or_idempotency_key(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    session_id = open_session(client, "2024-02-01T14:00:00.000Z")
    body = record(session_id, units=4, idempotencyKey="mobile-app-key-1")
    created = client.post(RECORDS, json=body)
    assert created.status_code == 201
    assert "X-Idempotent-Replay" not in created.headers
    data = created.json()["data"]
    assert data["idempotent"] is False
    assert data["payloadPreview"]["state"] == "pending"
    record_id = data["payloadPreview"]["recordId"]
    # The insert is "asynchronous": a later read shows it inserted.
    assert client.get(f"{RECORDS}/{record_id}").json()["data"]["state"] == "inserted"

    replay = client.post(RECORDS, json=body)
    assert replay.status_code == 200
    assert replay.headers["X-Idempotent-Replay"] == "true"
    assert replay.json()["data"]["payloadPreview"]["recordId"] == record_id

    # A different clientEventId carrying the same idempotencyKey is the same write too.
    same_key = client.post(RECORDS, json={**body, "clientEventId": event(), "units": 9})
    assert same_key.status_code == 200
    assert same_key.json()["data"]["payloadPreview"] == {**data["payloadPreview"], "state": "inserted"}

    server_key = f"client:{session_id}:JS0315:{body['clientEventId']}"
    assert client.head(f"{RECORDS}/check-idempotency", params={"key": server_key}).status_code == 200
    assert client.head(f"{RECORDS}/check-idempotency", params={"key": "mobile-app-key-1"}).status_code == 200
    assert client.get(f"{SESSIONS}/{session_id}").json()["data"]["totalUnits"] == 4


def test_create_rules_owner_open_worker_units(fresh_sim, connect) -> None:
    owner = connect(fresh_sim)
    session_id = open_session(owner, "2024-02-02T14:00:00.000Z")
    default_units = owner.post(RECORDS, json=record(session_id))
    assert default_units.json()["data"]["payloadPreview"]["units"] == 1

    assert_error(connect(fresh_sim, OTHER_USER).post(RECORDS, json=record(session_id)), 403, "opened session")
    assert_error(owner.post(RECORDS, json=record(session_id, "ZZ9999")), 400, "ZZ9999", "not registered")
    assert_error(owner.post(RECORDS, json=record(session_id, units=-1)), 400, "units")
    assert_error(owner.post(RECORDS, json=record("000000000000000000000000")), 404, "not found")
    missing = record(session_id)
    del missing["clientEventId"]
    assert_error(owner.post(RECORDS, json=missing), 400, "clientEventId")

    kept = record(session_id, units=2)
    assert owner.post(RECORDS, json=kept).status_code == 201
    closed = owner.post(f"{SESSIONS}/{session_id}/close", json={"closedAt": "2024-02-02T20:00:00.000Z"})
    assert closed.json()["data"]["totalUnits"] == 3
    assert_error(owner.post(RECORDS, json=record(session_id)), 409, "closed")
    # A retry of a write made before the close still gets its original back.
    assert owner.post(RECORDS, json=kept).status_code == 200
    recorded = owner.get(f"{SESSIONS}/{session_id}/records").json()["data"]["items"]
    assert len(recorded) == 2


def test_void_rules_reason_owner_and_open(fresh_sim, connect) -> None:
    owner = connect(fresh_sim)
    session_id = open_session(owner, "2024-02-03T14:00:00.000Z")
    record_id = owner.post(RECORDS, json=record(session_id, units=3)).json()["data"]["payloadPreview"]["recordId"]
    assert_error(owner.post(f"{RECORDS}/{record_id}/void", json={}), 400, "reason")
    assert_error(connect(fresh_sim, OTHER_USER).post(f"{RECORDS}/{record_id}/void", json={"reason": "x"}), 403)
    assert_error(owner.post(f"{RECORDS}/rec_nothing/void", json={"reason": "x"}), 404)
    owner.post(f"{SESSIONS}/{session_id}/close", json={})
    assert_error(owner.post(f"{RECORDS}/{record_id}/void", json={"reason": "late"}), 409, "closed")


# ------------------------------------------------------------------------------------------------ bulk
def test_bulk_items_are_independent_and_in_batch_duplicates_count(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    session_id = open_session(client, "2024-02-04T14:00:00.000Z")
    twice = record(session_id, units=2)
    items = [
        twice,
        record(session_id, units=-1),
        twice,
        record("000000000000000000000000"),
        "not an object",
        record(session_id, "ZZ9999"),
        record(session_id, "JN0315", units=1.5),
    ]
    reply = client.post(f"{RECORDS}/bulk", json={"records": items})
    assert reply.status_code == 207
    results = reply.json()["results"]
    assert [item["index"] for item in results] == list(range(len(items)))
    assert [item["statusCode"] for item in results] == [201, 400, 200, 404, 400, 400, 201]
    assert results[2]["idempotent"] is True
    assert results[2]["payloadPreview"]["recordId"] == results[0]["payloadPreview"]["recordId"]
    for failure in (results[1], results[3], results[4], results[5]):
        assert failure["message"]
        assert failure["error"]
    assert "records[1].units" in results[1]["message"]
    assert reply.json()["summary"] == {"ok": 2, "duplicated": 1, "failed": 4}
    stored = client.get(f"{SESSIONS}/{session_id}/records").json()["data"]["items"]
    assert sorted(item["units"] for item in stored) == [1.5, 2]


def test_bulk_limits(sim, connect) -> None:
    client = connect(sim)
    assert_error(client.post(f"{RECORDS}/bulk", json={"records": [{}] * 1001}), 400, "1000")
    assert_error(client.post(f"{RECORDS}/bulk", json={"records": {"a": 1}}), 400, "records")
    empty = client.post(f"{RECORDS}/bulk", json={"records": []})
    assert empty.status_code == 207
    assert empty.json()["summary"] == {"ok": 0, "duplicated": 0, "failed": 0}


def test_a_bulk_of_1000_records_is_taken_whole(fresh_sim, connect) -> None:
    """The largest bulk the contract allows, all accepted in one reply (how fast: bench/sim_bulk.py)."""
    client = connect(fresh_sim)
    session_id = open_session(client, "2024-02-05T14:00:00.000Z")
    workers = ["JS0315", "JN0315"]
    items = [record(session_id, workers[index % 2]) for index in range(1000)]
    reply = client.post(f"{RECORDS}/bulk", json={"records": items})
    assert reply.json()["summary"] == {"ok": 1000, "duplicated": 0, "failed": 0}
    assert [item["statusCode"] for item in reply.json()["results"]] == [201] * 1000
    stored = client.get(f"{SESSIONS}/{session_id}/records").json()["data"]["items"]
    assert len(stored) == 1000
