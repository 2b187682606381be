"""POST /api/iot/token and GET /mqtt on the simulator, over real HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from hydrodesk.sim.auth import IOT_AUDIENCE, ISSUER, SECRET_FILE

DEMO_USER = "user_123456789"
OTHER_COMPANY_USER = "user_555000111"


@pytest.fixture(scope="module")
def http(sim: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=10) as client:
        yield client


def issue(http: httpx.Client, sim: Any, user: str = DEMO_USER, **body: object) -> httpx.Response:
    return http.post(
        "/api/iot/token",
        json={"auth0Id": user, **body},
        headers={"Authorization": f"Bearer {sim.token(user)}"},
    )


def iot_token(http: httpx.Client, sim: Any, **body: object) -> str:
    response = issue(http, sim, **body)
    assert response.status_code == 200, response.text
    return response.json()["data"]["token"]


def test_token_carries_expiry_broker_url_and_topic_prefix(http: httpx.Client, sim: Any) -> None:
    before = datetime.now(UTC)
    response = issue(http, sim)
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == {"token", "expiresAt", "url", "topicPrefix"}
    assert data["topicPrefix"] == "connect/comp_12345"
    assert data["url"] == sim.mqtt_url  # no broker runs for this simulator: null
    expires = datetime.fromisoformat(data["expiresAt"].replace("Z", "+00:00"))
    assert data["expiresAt"].endswith("Z")
    assert before + timedelta(minutes=5) < expires < before + timedelta(hours=1)


@pytest.mark.parametrize(
    ("headers", "body", "status", "error"),
    [
        ({}, {"auth0Id": DEMO_USER}, 401, "missing_token"),
        ({"Authorization": "Bearer not-a-jwt"}, {"auth0Id": DEMO_USER}, 401, "invalid_token"),
    ],
)
def test_token_needs_a_signed_in_user(
    http: httpx.Client, headers: dict[str, str], body: dict[str, str], status: int, error: str
) -> None:
    response = http.post("/api/iot/token", json=body, headers=headers)
    assert response.status_code == status
    assert response.json() == {"status": "error", "message": response.json()["message"], "error": error}


def test_token_refuses_someone_elses_auth0id(http: httpx.Client, sim: Any) -> None:
    response = http.post(
        "/api/iot/token",
        json={"auth0Id": "user_987654321"},
        headers={"Authorization": f"Bearer {sim.token(DEMO_USER)}"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"deviceId": 7}, 400),
        ({"deviceId": "bitRTU-99"}, 404),
        ({"deviceId": "bitRTU-06"}, 403),  # Campo Norte's RTU, another company
    ],
)
def test_token_body_errors(http: httpx.Client, sim: Any, body: dict[str, object], status: int) -> None:
    auth0 = {} if body == {} else {"auth0Id": DEMO_USER}
    response = http.post(
        "/api/iot/token", json={**auth0, **body}, headers={"Authorization": f"Bearer {sim.token(DEMO_USER)}"}
    )
    assert response.status_code == status
    assert response.json()["status"] == "error"
    assert response.json()["message"]


def test_token_body_must_be_json(http: httpx.Client, sim: Any) -> None:
    response = http.post(
        "/api/iot/token", content=b"{nope", headers={"Authorization": f"Bearer {sim.token(DEMO_USER)}"}
    )
    assert response.status_code == 400


def test_mqtt_descriptor_is_the_documented_shape(http: httpx.Client, sim: Any) -> None:
    token = iot_token(http, sim)
    response = http.get("/mqtt", params={"deviceId": "bitRTU-04"}, headers={"x-iot-token": token})
    assert response.status_code == 200
    assert response.json() == {
        "url": sim.mqtt_url,
        "deviceId": "bitRTU-04",
        "topic": "connect/comp_12345/proj_456/bitRTU-04/#",
        "protocol": "MQTT v3.1.1 over WebSocket",
    }


def forged(secret: bytes, **claims: object) -> str:
    now = int(time.time())
    base = {"sub": DEMO_USER, "companyId": "comp_12345", "iss": ISSUER, "aud": IOT_AUDIENCE, "iat": now}
    return jwt.encode({**base, "exp": now + 600, **claims}, secret, algorithm="HS256")


def test_mqtt_descriptor_refuses_bad_tokens(http: httpx.Client, sim: Any) -> None:
    secret = (sim.data_dir / SECRET_FILE).read_text().strip().encode()
    params = {"deviceId": "bitRTU-01"}
    assert http.get("/mqtt", params=params).status_code == 401
    assert http.get("/mqtt", params=params, headers={"x-iot-token": "garbage"}).status_code == 401
    expired = forged(secret, exp=int(time.time()) - 60)
    response = http.get("/mqtt", params=params, headers={"x-iot-token": expired})
    assert response.status_code == 401
    assert "expired" in response.json()["message"]
    wrong_key = forged(b"another-secret-entirely-32-bytes")
    assert http.get("/mqtt", params=params, headers={"x-iot-token": wrong_key}).status_code == 401
    # a user JWT is not an IoT token
    assert http.get("/mqtt", params=params, headers={"x-iot-token": sim.token(DEMO_USER)}).status_code == 401
    assert http.get("/mqtt", params=params, headers={"x-iot-token": forged(secret)}).status_code == 200


def test_mqtt_descriptor_errors(http: httpx.Client, sim: Any) -> None:
    token = iot_token(http, sim)
    headers = {"x-iot-token": token}
    assert http.get("/mqtt", headers=headers).status_code == 400
    assert http.get("/mqtt", params={"deviceId": ""}, headers=headers).status_code == 400
    assert http.get("/mqtt", params={"deviceId": "bitRTU-99"}, headers=headers).status_code == 404
    # another company's device looks missing: a token must not reveal what others own
    other = http.get("/mqtt", params={"deviceId": "bitRTU-06"}, headers=headers)
    assert other.status_code == 404
    assert other.json()["error"] == "device_not_found"


def test_device_scoped_token_opens_only_its_device(http: httpx.Client, sim: Any) -> None:
    token = iot_token(http, sim, deviceId="bitRTU-01")
    headers = {"x-iot-token": token}
    assert http.get("/mqtt", params={"deviceId": "bitRTU-01"}, headers=headers).status_code == 200
    assert http.get("/mqtt", params={"deviceId": "bitRTU-02"}, headers=headers).status_code == 403


def test_other_company_token_sees_its_own_devices(http: httpx.Client, sim: Any) -> None:
    response = issue(http, sim, user=OTHER_COMPANY_USER)
    assert response.status_code == 200
    token = response.json()["data"]["token"]
    assert response.json()["data"]["topicPrefix"] == "connect/comp_67890"
    mine = http.get("/mqtt", params={"deviceId": "bitRTU-06"}, headers={"x-iot-token": token})
    assert mine.json()["topic"] == "connect/comp_67890/proj_789/bitRTU-06/#"
    assert http.get("/mqtt", params={"deviceId": "bitRTU-01"}, headers={"x-iot-token": token}).status_code == 404
