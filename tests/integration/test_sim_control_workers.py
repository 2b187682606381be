"""Workers against a running simulator: the worker-id rule, idempotent create, template options, photos, the
accent-insensitive search and paging."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator

import httpx
import pytest

DEMO_USER = "user_123456789"
WORKERS = "/api/control/workers"
# A 1×1 PNG and the start of a GIF: real magic bytes.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


@pytest.fixture
def connect() -> Iterator[Callable[..., httpx.Client]]:
    clients: list[httpx.Client] = []

    def make(simulator, user: str = DEMO_USER) -> httpx.Client:
        client = httpx.Client(
            base_url=simulator.base_url, headers={"Authorization": f"Bearer {simulator.token(user)}"}, timeout=30
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def new_worker(first: str, last: str, hire_date: str, **extra: object) -> dict[str, object]:
    return {
        "auth0Id": DEMO_USER,
        "first_name": first,
        "last_name": last,
        "position": "field_worker",
        "employment_type": "full_time",
        "hire_date": hire_date,
        **extra,
    }


def data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def assert_error(reply: httpx.Response, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert body["error"]
    for word in words:
        assert word in body["message"], body["message"]


# ------------------------------------------------------------------------------------------------ read
def test_get_worker_by_business_id_or_object_id(sim, connect) -> None:
    client = connect(sim)
    by_code = client.get(f"{WORKERS}/JS0315", params={"auth0Id": DEMO_USER})
    assert by_code.status_code == 200
    john = by_code.json()["data"]
    assert {key: john[key] for key in ("worker_id", "first_name", "last_name", "hire_date", "status")} == {
        "worker_id": "JS0315",
        "first_name": "John",
        "last_name": "Smith",
        "hire_date": "2025-03-15",
        "status": "active",
    }
    assert len(john["workerId"]) == 24
    assert client.get(f"{WORKERS}/{john['workerId']}").json()["data"] == john
    assert_error(client.get(f"{WORKERS}/ZZ9999"), 404, "ZZ9999")


def test_documented_list_example(sim, connect) -> None:
    reply = connect(sim).get(
        WORKERS, params={"auth0Id": DEMO_USER, "q": "John", "status": "active", "page": 1, "limit": 25}
    )
    assert reply.status_code == 200
    data = reply.json()["data"]
    assert set(data) == {"total", "page", "pageSize", "items"}
    john = next(item for item in data["items"] if item["worker_id"] == "JS0315")
    assert (john["first_name"], john["last_name"], john["email"]) == ("John", "Smith", "john.smith@example.com")


def test_documented_create_example_returns_the_existing_worker(sim, connect) -> None:
    body = {
        "auth0Id": "user_123456789",
        "first_name": "John",
        "last_name": "Smith",
        "phone": "+1234567890",
        "email": "john.smith@example.com",
        "position": "field_worker",
        "employment_type": "full_time",
        "hire_date": "2025-03-15",
        "termination_date": None,
        "status": "active",
        "hourly_rate": 18.5,
        "emergency_contact_name": "Jane Smith",
        "emergency_contact_phone": "+1234567891",
        "skills": ["irrigation", "pruning"],
        "notes": "Experienced in avocado harvesting",
    }
    reply = connect(sim).post(WORKERS, json=body)
    assert reply.status_code == 200  # John Smith (JS0315) is on the seeded roster: the create is idempotent
    assert reply.json()["data"]["worker_id"] == "JS0315"


def test_search_folds_accents_and_case(sim, connect) -> None:
    client = connect(sim)

    def names(query: str) -> set[str]:
        items = client.get(WORKERS, params={"q": query, "limit": 100}).json()["data"]["items"]
        return {f"{item['first_name']} {item['last_name']}" for item in items}

    assert "José Núñez" in names("nunez")
    assert "José Núñez" in names("JOSÉ NÚÑEZ")
    assert "Ángela Peña" in names("angela")
    assert names("js0315") == {"John Smith"}
    assert names("%") == set()  # a LIKE wildcard is searched for literally


def test_paging_newest_first_and_limits(sim, connect) -> None:
    client = connect(sim)
    first = client.get(WORKERS, params={"auth0Id": DEMO_USER}).json()["data"]
    assert (first["page"], first["pageSize"], len(first["items"])) == (1, 25, 25)
    assert first["total"] >= 60
    second = client.get(WORKERS, params={"page": 2}).json()["data"]["items"]
    assert not {item["workerId"] for item in first["items"]} & {item["workerId"] for item in second}
    created = [item["createdAt"] for item in first["items"] + second]
    assert created == sorted(created, reverse=True)
    everyone = client.get(WORKERS, params={"limit": 100}).json()["data"]
    assert len(everyone["items"]) == min(100, everyone["total"])
    assert {item["companyId"] for item in everyone["items"]} == {"comp_12345"}
    beyond = client.get(WORKERS, params={"page": 1000}).json()["data"]
    assert beyond["items"] == []

    assert_error(client.get(WORKERS, params={"limit": 101}), 400, "limit")
    assert_error(client.get(WORKERS, params={"limit": 0}), 400, "limit")
    assert_error(client.get(WORKERS, params={"page": 0}), 400, "page")
    assert_error(client.get(WORKERS, params={"page": "two"}), 400, "page")
    assert_error(client.get(WORKERS, params={"companyId": "comp_67890"}), 403, "comp_67890")
    assert client.get(WORKERS, params={"companyId": "comp_12345"}).status_code == 200


def test_filters(sim, connect) -> None:
    client = connect(sim)
    for name, value in (("status", "terminated"), ("position", "supervisor"), ("employment_type", "seasonal")):
        data = client.get(WORKERS, params={name: value, "limit": 100}).json()["data"]
        assert data["total"] >= 1
        assert {item[name] for item in data["items"]} == {value}


def test_template_options(sim, connect) -> None:
    data = connect(sim).get(f"{WORKERS}/options", params={"auth0Id": DEMO_USER}).json()["data"]
    assert set(data) == {"positions", "employmentTypes", "statuses", "skills"}
    assert "field_worker" in data["positions"]
    assert "full_time" in data["employmentTypes"]
    assert "active" in data["statuses"]
    assert {"irrigation", "pruning"} <= set(data["skills"])


# ------------------------------------------------------------------------------------------------ create
def test_create_derives_id_and_is_idempotent_for_the_same_person(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    created = client.post(
        WORKERS,
        json=new_worker("Íñigo", "Ébano", "2024-07-04", hourly_rate=18.5, skills=["irrigation", "juggling", "pruning"]),
    )
    assert created.status_code == 201
    worker = created.json()["data"]
    assert (worker["worker_id"], worker["status"], worker["skills"]) == ("IE0704", "active", ["irrigation", "pruning"])
    assert worker["companyId"] == "comp_12345"

    again = client.post(WORKERS, json=new_worker("inigo", "EBANO", "2025-07-04"))
    assert again.status_code == 200
    assert again.json()["data"]["workerId"] == worker["workerId"]

    taken = client.post(WORKERS, json=new_worker("Isabel", "Escobar", "2023-07-04"))
    assert_error(taken, 409, "worker_id IE0704 is already taken by Íñigo Ébano")

    newest = client.get(WORKERS, params={"limit": 1}).json()["data"]["items"]
    assert newest[0]["workerId"] == worker["workerId"]
    assert client.get(WORKERS, params={"q": "ebano"}).json()["data"]["total"] == 1


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"position": "astronaut"}, 400, ["position", "field_worker", "harvester"]),
        ({"employment_type": "forever"}, 400, ["employment_type", "full_time"]),
        ({"status": "retired"}, 400, ["status", "active"]),
        ({"hourly_rate": -1}, 400, ["hourly_rate"]),
        ({"hourly_rate": "18"}, 400, ["hourly_rate"]),
        ({"hire_date": "2025-02-30"}, 400, ["hire_date"]),
        ({"hire_date": "15/03/2025"}, 400, ["hire_date", "YYYY-MM-DD"]),
        ({"first_name": ""}, 400, ["first_name"]),
        ({"first_name": "123"}, 400, ["Latin letter"]),
        ({"termination_date": "2020-01-01"}, 400, ["termination_date"]),
        ({"skills": "irrigation"}, 400, ["skills"]),
        ({"email": "not-an-email"}, 400, ["email"]),
        ({"photo": data_url("image/gif", GIF)}, 400, ["JPEG, PNG or WebP"]),
        ({"photo": "data:image/png;base64,@@@"}, 400, ["base64"]),
        ({"photo": "https://example.com/me.png"}, 400, ["data URL"]),
    ],
)
def test_create_validation(sim, connect, change: dict, status: int, words: list[str]) -> None:
    body = {**new_worker("Zoe", "Quiroz", "2021-01-02"), **change}
    assert_error(connect(sim).post(WORKERS, json=body), status, *words)


def test_photo_is_stored_and_served(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    created = client.post(WORKERS, json=new_worker("Paula", "Ñañez", "2024-05-06", photo=data_url("image/png", PNG)))
    assert created.status_code == 201
    url = created.json()["data"]["photoUrl"]
    assert url.startswith(fresh_sim.base_url + "/media/")
    served = httpx.get(url, timeout=10)
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
    assert served.content == PNG
    assert httpx.get(f"{fresh_sim.base_url}/media/%2e%2e/jwt-secret", timeout=10).status_code == 404


@pytest.mark.parametrize("extra_mb", [0, 4])
def test_photo_over_12_mb_is_413(sim, connect, extra_mb: int) -> None:
    huge = PNG + bytes((12 + extra_mb) * 1024 * 1024)
    reply = connect(sim).post(WORKERS, json=new_worker("Gran", "Foto", "2024-05-07", photo=data_url("image/png", huge)))
    assert_error(reply, 413, "12 MB")
