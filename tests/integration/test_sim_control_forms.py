"""Forms against a running simulator: getForms (monitoring vs task forms), record submission with GPS or forced
location, value validation, and a phytosanitary record reaching the phytosanitary endpoints."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

DEMO_USER = "user_123456789"
OTHER_USER = "user_987654321"
GET_FORMS = "/api/control/forms/getForms"
SUBMIT = "/api/control/forms/record"
FIELD_KEYS = {"name", "label", "type", "required", "options", "min", "max", "unit", "variableType"}
# The documented submit example (hydrobit-api.md §5.1.2); its GPS point lies in sector_001.
DOC_RECORD = {
    "record": {
        "_id": "form_abc123",
        "auth0Id": "user_123456789",
        "type": "inspection",
        "latitude": 19.4326,
        "longitude": -99.1332,
        "form_id": "form_abc123",
        "inicio": "2025-10-09T10:00:00Z",
        "segundos": 120,
    }
}


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


def assert_error(reply: httpx.Response, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert body["error"]
    for word in words:
        assert word in body["message"], body["message"]


def forms(client: httpx.Client, user: str = DEMO_USER, **params: str) -> list[dict]:
    reply = client.get(GET_FORMS, params={"auth0Id": user, "companyId": "comp_12345", **params})
    assert reply.status_code == 200, reply.text
    return reply.json()["data"]


def inspection(**changes: object) -> dict:
    record = {**DOC_RECORD["record"], **changes}
    return {"record": {key: value for key, value in record.items() if value is not None}}


# ------------------------------------------------------------------------------------------------ getForms
def test_get_forms_monitoring_and_tasks(sim, connect) -> None:
    client = connect(sim)
    monitoring = {form["formId"]: form for form in forms(client)}
    assert {"form_phyto_001", "form_abc123"} <= set(monitoring)
    assert {form["subtype"] for form in monitoring.values()} == {"monitoring"}
    phyto = monitoring["form_phyto_001"]
    assert (phyto["_id"], phyto["type"], phyto["task"]) == ("form_phyto_001", "phytosanitary", None)
    assert all(set(field) == FIELD_KEYS for field in phyto["fields"])
    assert {field["name"] for field in phyto["fields"] if field["type"] == "pest_disease"} >= {"aphids", "botrytis"}

    assert {form["formId"] for form in forms(client, type="inspection")} == {"form_abc123"}
    mine = forms(client, subtype="tasks")
    assert {form["formId"] for form in mine} == {"form_task_001", "form_task_002"}
    assert {form["task"]["assignedTo"] for form in mine} == {DEMO_USER}
    theirs = forms(connect(sim, OTHER_USER), OTHER_USER, subtype="tasks")
    assert {form["formId"] for form in theirs} == {"form_task_003"}


def test_get_forms_requires_ids_of_the_caller(sim, connect) -> None:
    client = connect(sim)
    assert_error(client.get(GET_FORMS, params={"auth0Id": DEMO_USER}), 400, "companyId")
    assert_error(client.get(GET_FORMS, params={"auth0Id": DEMO_USER, "companyId": "comp_67890"}), 403)
    assert_error(client.get(GET_FORMS, params={"auth0Id": OTHER_USER, "companyId": "comp_12345"}), 403, "auth0Id")
    assert_error(httpx.get(sim.base_url + GET_FORMS, params={"auth0Id": DEMO_USER}), 401)


# ------------------------------------------------------------------------------------------------ submit
def test_documented_submit_example(sim, connect) -> None:
    reply = connect(sim).post(SUBMIT, json=DOC_RECORD)
    assert reply.status_code == 201
    body = reply.json()
    assert (body["status"], body["verification"]) == ("success", {"project": True, "sector": True})
    # Beside the documented verification, the stored record (provisional), which a replay returns again.
    assert (body["record"]["formId"], body["record"]["sectorId"], body["record"]["clientEventId"]) == (
        "form_abc123",
        "sector_001",
        None,
    )


def test_location_from_gps_or_forced(sim, connect) -> None:
    client = connect(sim)

    def verification(**changes: object) -> dict:
        reply = client.post(SUBMIT, json=inspection(**changes))
        assert reply.status_code == 201, reply.text
        return reply.json()["verification"]

    assert verification(latitude=0.0, longitude=0.0) == {"project": False, "sector": False}
    assert verification(latitude=None, longitude=None) == {"project": False, "sector": False}
    assert verification(latitude=0.0, longitude=0.0, sectorId="sector_003") == {"project": True, "sector": True}
    assert verification(latitude=None, longitude=None, projectId="proj_456") == {"project": True, "sector": False}


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"_id": "form_nope", "form_id": None}, 404, ["form_nope"]),
        ({"type": "phytosanitary"}, 400, ["inspection"]),
        ({"form_id": "form_phyto_001"}, 400, ["form_id"]),
        ({"latitude": 95}, 400, ["latitude"]),
        ({"longitude": None}, 400, ["both"]),
        ({"sectorId": "sector_701"}, 403, ["another company"]),
        ({"sectorId": "sector_101", "projectId": "proj_123"}, 400, ["sector_101"]),
        ({"inicio": "ayer"}, 400, ["inicio"]),
        ({"form_values": [{"name": "colour", "value": "blue"}]}, 400, ["colour"]),
        ({"form_values": [{"name": "sample_size", "value": "ten"}]}, 400, ["number"]),
        ({"form_values": [{"name": "firmness", "value": "Crunchy"}, {"name": "approved", "value": True}]}, 400, []),
        ({"form_values": [{"name": "brix", "value": 12}]}, 400, ["missing required", "Lote aprobado"]),
        ({"form_values": "lots"}, 400, ["form_values"]),
    ],
)
def test_submit_validation(sim, connect, changes: dict, status: int, words: list[str]) -> None:
    assert_error(connect(sim).post(SUBMIT, json=inspection(**changes)), status, *words)


def test_submit_requires_a_record_object(sim, connect) -> None:
    assert_error(connect(sim).post(SUBMIT, json={"form": {}}), 400, "record")
    assert_error(connect(sim, OTHER_USER).post(SUBMIT, json=DOC_RECORD), 403, "auth0Id")


def test_task_submission_completes_the_task(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    body = {
        "record": {
            "_id": "form_task_001",
            "auth0Id": DEMO_USER,
            "type": "task",
            "form_values": [{"name": "done", "value": True}, {"name": "comments", "value": "Goteros limpios"}],
        }
    }
    assert client.post(SUBMIT, json=body).status_code == 201
    tasks = {form["formId"]: form["task"]["status"] for form in forms(client, subtype="tasks")}
    assert tasks == {"form_task_001": "completed", "form_task_002": "pending"}


def test_phytosanitary_record_feeds_the_phytosanitary_endpoints(fresh_sim, connect) -> None:
    client = connect(fresh_sim)
    # 04:30 UTC on 1 June 2024 is 22:30 on 31 May in Mexico City: the record belongs to 31 May locally.
    body = {
        "record": {
            "_id": "form_phyto_001",
            "auth0Id": DEMO_USER,
            "type": "phytosanitary",
            "sectorId": "sector_005",
            "latitude": 19.43,
            "longitude": -99.13,
            "inicio": "2024-06-01T04:30:00.000Z",
            "form_values": [
                {"name": "aphids", "value": 12, "severity": 3},
                {"name": "botrytis", "value": 0, "severity": 0},
            ],
        }
    }
    assert client.post(SUBMIT, json=body).status_code == 201
    headers = {"x-api-key": fresh_sim.api_key("read:phytosanitary")}
    records = httpx.get(
        fresh_sim.base_url + "/api/control/phytosanitary/company-records",
        params={"startTime": "2024-05-31", "endTime": "2024-05-31"},
        headers=headers,
        timeout=15,
    ).json()
    assert records["totalRecords"] == 1
    item = records["records"][0]
    assert (item["sectorId"], item["sector_name"], item["user_id"]) == ("sector_005", "Lote C-1", DEMO_USER)
    assert item["record_time"] == "2024-06-01T04:30:00.000Z"
    assert [(r["variable_name"], r["variable_type"], r["value_number"], r["severity"]) for r in item["responses"]] == [
        ("aphids", "pest", 12, 3),
        ("botrytis", "disease", 0, 0),
    ]
    summary = httpx.get(
        fresh_sim.base_url + "/api/control/phytosanitary/summary",
        params={"sectorId": "sector_005", "startTime": "2024-05-31", "endTime": "2024-06-01"},
        headers=headers,
        timeout=15,
    ).json()
    assert summary["sectors"][0]["incidence"] == 100.0
    assert summary["sectors"][0]["severity"] == 75.0  # grade 3 of 4
    next_day = httpx.get(
        fresh_sim.base_url + "/api/control/phytosanitary/company-records",
        params={"startTime": "2024-06-01", "endTime": "2024-06-01"},
        headers=headers,
        timeout=15,
    ).json()
    assert next_day["totalRecords"] == 0
