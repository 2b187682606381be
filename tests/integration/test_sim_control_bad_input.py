"""Bad input never makes the control endpoints fail with a 5xx: each answer is a 4xx in the documented error shape
with a message a person can act on. (The OpenAPI-driven fuzz covers more; these are the known traps: lone
surrogates, overflowing numbers, wrong types, deep nesting, odd dates and paths.)"""

from __future__ import annotations

import json

import httpx
import pytest

DEMO_USER = "user_123456789"
DOC_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"
SESSIONS = "/api/control/production/sessions"
RECORDS = "/api/control/production/records"
GOOD_RECORD = {
    "sessionId": DOC_SESSION,
    "workerId": "JS0315",
    "worker_name": "John Smith",
    "recordedAtUtc": "2025-10-19T14:30:00.000Z",
    "clientEventId": "evt_bad_input",
}
OPEN = {"projectId": "proj_123", "sectorId": "sector_003", "sector_name": "Lote B-1"}

JSON_CASES = [
    ("POST", SESSIONS, {**OPEN, "openedAt": "0001-01-01T00:00:00+14:00"}),
    ("POST", SESSIONS, {**OPEN, "openedAt": "0001-01-01T00:00:00Z"}),
    ("POST", SESSIONS, {**OPEN, "openedAt": 1729324800}),
    ("POST", SESSIONS, {**OPEN, "openedAt": "2024-01-01T08:00:00Z", "maxDurationHours": 10**40}),
    ("POST", SESSIONS, {**OPEN, "openedAt": "2024-01-01T08:00:00Z", "pricePerUnit": 1e308}),
    ("POST", SESSIONS, {**OPEN, "openedAt": "2024-01-01T08:00:00Z", "bonus": {"type": "flat", "value": 1e300}}),
    ("POST", SESSIONS, {**OPEN, "openedAt": "2024-01-01T08:00:00Z", "notes": "x" * 5000}),
    ("POST", SESSIONS, {**OPEN, "sectorId": ["sector_003"], "openedAt": "2024-01-01T08:00:00Z"}),
    ("PATCH", f"{SESSIONS}/{DOC_SESSION}", {"pricePerUnit": "cheap"}),
    ("PATCH", f"{SESSIONS}/{DOC_SESSION}", {"samplingUnit": ""}),
    ("PATCH", f"{SESSIONS}/{DOC_SESSION}", {"samplingUnit": None}),
    ("POST", f"{SESSIONS}/{DOC_SESSION}/extend", {"maxDurationHours": 10**40}),
    ("POST", f"{SESSIONS}/{DOC_SESSION}/extend", {"maxDurationHours": 13.5}),
    ("POST", f"{SESSIONS}/{DOC_SESSION}/close", {"closedAt": "99999-01-01T00:00:00Z"}),
    ("POST", RECORDS, {**GOOD_RECORD, "units": 10**40}),
    ("POST", RECORDS, {**GOOD_RECORD, "units": "5"}),
    ("POST", RECORDS, {**GOOD_RECORD, "units": True}),
    ("POST", RECORDS, {**GOOD_RECORD, "recordedAtUtc": "2025-13-45T99:00:00Z"}),
    ("POST", RECORDS, {**GOOD_RECORD, "sessionId": 6507}),
    ("POST", RECORDS, {**GOOD_RECORD, "clientEventId": "e" * 500}),
    ("POST", f"{RECORDS}/bulk", {"records": None}),
    ("POST", f"{RECORDS}/rec_1234567890abcdef/void", {"reason": 42}),
    ("POST", f"{RECORDS}/rec_1234567890abcdef/void", {"reason": "   "}),
    ("POST", "/api/control/workers", {"first_name": "Ana", "last_name": "Ruiz", "hire_date": "2024-01-01"}),
    ("POST", "/api/control/workers", {"first_name": {"a": 1}, "last_name": "Ruiz"}),
    ("POST", "/api/control/workers", {"first_name": "中文", "last_name": "名字", "hire_date": "2024-01-01"}),
    ("POST", "/api/control/forms/record", {"record": []}),
    ("POST", "/api/control/forms/record", {"record": {"_id": "form_abc123", "type": "inspection", "segundos": -1}}),
    (
        "POST",
        "/api/control/forms/record",
        {"record": {"_id": "form_phyto_001", "type": "phytosanitary", "form_values": [{"name": "aphids", "value": 3}]}},
    ),
    (
        "POST",
        "/api/control/forms/record",
        {"record": {"_id": "form_abc123", "type": "inspection", "form_values": [{"name": "photo", "value": 7}]}},
    ),
]


@pytest.fixture(scope="module")
def client(sim):
    with httpx.Client(
        base_url=sim.base_url, headers={"Authorization": f"Bearer {sim.token(DEMO_USER)}"}, timeout=30
    ) as signed_in:
        yield signed_in


def assert_client_error(reply: httpx.Response) -> None:
    assert 400 <= reply.status_code < 500, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert len(body["message"]) > 10
    assert body["error"]


@pytest.mark.parametrize(("method", "path", "body"), JSON_CASES)
def test_bad_json_fields_are_4xx(client: httpx.Client, method: str, path: str, body: dict) -> None:
    assert_client_error(client.request(method, path, json=body))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[1, 2, 3]",
        b"null",
        b'{"sessionId": "\\ud800", "workerId": "JS0315"}',
        b"\xff\xfe\x00garbage",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"units": NaN}',
        b'{"units": 1e400, "hourly_rate": -1e400, "pricePerUnit": 1e400, "maxDurationHours": 1e400}',
    ],
)
@pytest.mark.parametrize("path", [RECORDS, SESSIONS, f"{RECORDS}/bulk", "/api/control/workers"])
def test_unparseable_bodies_are_400(client: httpx.Client, path: str, raw: bytes) -> None:
    reply = client.post(path, content=raw, headers={"Content-Type": "application/json"})
    assert_client_error(reply)
    assert reply.status_code == 400


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/control/workers", {"limit": "1e3"}),
        ("/api/control/workers", {"page": "99999999999999999999999"}),
        ("/api/control/workers", {"page": "9" * 5000}),
        ("/api/control/workers", {"q": "ñ" * 500}),
        ("/api/control/workers/%F0%9F%98%80", {}),
        ("/api/control/workers/%00", {}),
        (SESSIONS, {"from": "2025-02-29"}),
        (SESSIONS, {"limit": "-5"}),
        (f"{SESSIONS}/%E2%80%AE", {}),
        (f"{RECORDS}/%00", {}),
        ("/api/control/forms/getForms", {"auth0Id": DEMO_USER}),
        ("/media/%00", {}),
        ("/media/..%2F..%2Fetc%2Fpasswd", {}),
    ],
)
def test_bad_queries_and_paths_are_4xx(client: httpx.Client, path: str, params: dict) -> None:
    assert_client_error(client.get(path, params=params))


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (RECORDS, GOOD_RECORD, "units"),
        (SESSIONS, {**OPEN, "openedAt": "2024-01-01T08:00:00Z"}, "pricePerUnit"),
        (
            "/api/control/workers",
            {"first_name": "Ana", "last_name": "Ruiz", "hire_date": "2024-01-01", "position": "field_worker",
             "employment_type": "full_time"},
            "hourly_rate",
        ),
    ],
)  # fmt: skip
def test_infinite_numbers_are_refused(client: httpx.Client, path: str, body: dict, field: str) -> None:
    # Python's json reads 1e400 as infinity, which no reply could carry back as JSON.
    raw = json.dumps({**body, field: "INFINITY"}).replace('"INFINITY"', "1e400").encode()
    reply = client.post(path, content=raw, headers={"Content-Type": "application/json"})
    assert_client_error(reply)
    assert field in reply.json()["message"]


def test_bulk_of_malformed_items_reports_each_one(client: httpx.Client) -> None:
    reply = client.post(f"{RECORDS}/bulk", json={"records": [None, 5, [], {"units": {}}]})
    assert reply.status_code == 207
    assert reply.json()["summary"] == {"ok": 0, "duplicated": 0, "failed": 4}
    assert all(item["statusCode"] == 400 and item["message"] for item in reply.json()["results"])


def test_head_without_key_is_400_without_body(client: httpx.Client) -> None:
    reply = client.head(f"{RECORDS}/check-idempotency")
    assert reply.status_code == 400
    assert reply.content == b""
