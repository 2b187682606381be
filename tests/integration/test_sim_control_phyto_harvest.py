"""The scoped-API-key endpoints against a running simulator: phytosanitary summary / company-summary /
company-records and harvest — exactly the documented fields, the date rules and the company checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

PHYTO = "/api/control/phytosanitary"
HARVEST = "/api/control/harvest"
SECTOR_ITEM_KEYS = {"sector_name", "incidence", "severity", "pests_diseases"}
PEST_KEYS = {"pest_disease_name", "incidence", "severity"}
PROJECT_ITEM_KEYS = {"projectId", "projectName", "sectors"}
HARVEST_KEYS = {
    "sessionId", "localId", "projectId", "sectorId", "sector_name", "crop", "variety", "day", "openedAt", "closedAt",
    "createdAt", "status", "closedBy", "closedReason", "timezone", "unit", "maxDurationHours", "harvestUnitId",
    "harvestLotCode", "workerCount", "notes", "finalNotes", "license_plate", "driver_name", "totalUnits",
    "needsRecalc", "qualityBreakdownAt", "responsible", "qualityBreakdown", "workers",
}  # fmt: skip
WORKER_KEYS = {"workerId", "worker_name", "validUnits", "netUnits", "recordCount", "voidedCount", "qualityBreakdown"}
QUALITY_KEYS = {"qualityId", "qualityName", "units", "percent"}


def days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).date().isoformat()


def get(sim, path: str, scope: str = "read:phytosanitary", bearer: bool = False, **params: str) -> httpx.Response:
    key = sim.api_key(scope)
    headers = {"Authorization": f"Bearer {key}"} if bearer else {"x-api-key": key}
    return httpx.get(sim.base_url + path, params=params, headers=headers, timeout=15)


def assert_error(reply: httpx.Response, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert body["error"]
    for word in words:
        assert word in body["message"], body["message"]


# ------------------------------------------------------------------------------------------------ phytosanitary
def test_project_summary_has_exactly_the_documented_fields(sim) -> None:
    reply = get(sim, f"{PHYTO}/summary", projectId="proj_123", startTime=days_ago(30), endTime=days_ago(1))
    assert reply.status_code == 200
    body = reply.json()
    assert set(body) == {
        "status", "scope", "range", "projectTimezone", "filters", "totalRecords", "totalSectors", "sectors",
        "totalProjects", "projects",
    }  # fmt: skip
    assert (body["status"], body["scope"], body["projectTimezone"]) == ("success", "project", "America/Mexico_City")
    assert body["range"] == {"startTime": days_ago(30), "endTime": days_ago(1)}
    assert body["filters"] == {"companyId": None, "projectId": "proj_123", "sectorId": None}
    assert body["totalRecords"] > 100
    assert body["totalSectors"] == len(body["sectors"]) == 5
    assert body["totalProjects"] == 1
    assert set(body["projects"][0]) == PROJECT_ITEM_KEYS
    for sector in body["sectors"]:
        assert set(sector) == SECTOR_ITEM_KEYS
        assert 0 <= sector["incidence"] <= 100
        assert 0 <= sector["severity"] <= 100
        assert all(set(pest) == PEST_KEYS for pest in sector["pests_diseases"])
    names = {pest["pest_disease_name"] for pest in body["sectors"][0]["pests_diseases"]}
    assert any("Aphids" in name for name in names)
    assert any("Botrytis" in name for name in names)


def test_summary_scopes_and_bearer_key_form(sim) -> None:
    sector = get(
        sim, f"{PHYTO}/summary", bearer=True, sectorId="sector_101", startTime=days_ago(20), endTime=days_ago(1)
    )
    assert sector.status_code == 200
    body = sector.json()
    assert (body["scope"], body["projectTimezone"], body["totalSectors"]) == ("sector", "America/Lima", 1)
    assert body["sectors"][0]["sector_name"] == "Parcela Norte"
    company = get(sim, f"{PHYTO}/summary", companyId="comp_12345", startTime=days_ago(20), endTime=days_ago(1)).json()
    assert (company["scope"], company["totalProjects"], company["totalSectors"]) == ("company", 2, 8)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"startTime": "2025-10-01", "endTime": "2025-10-09"}, 400, ["companyId", "projectId", "sectorId"]),
        ({"companyId": "comp_67890", "startTime": "2025-10-01", "endTime": "2025-10-09"}, 403, ["comp_67890"]),
        ({"projectId": "proj_789", "startTime": "2025-10-01", "endTime": "2025-10-09"}, 403, ["another company"]),
        ({"sectorId": "sector_999", "startTime": "2025-10-01", "endTime": "2025-10-09"}, 404, ["sector_999"]),
        (
            {"projectId": "proj_123", "sectorId": "sector_101", "startTime": "2025-10-01", "endTime": "2025-10-09"},
            400,
            [],
        ),
        ({"projectId": "proj_123", "startTime": "2025-01-01", "endTime": "2025-07-01"}, 400, ["180 days"]),
        ({"projectId": "proj_123", "startTime": "2025-10-09", "endTime": "2025-10-01"}, 400, ["after"]),
        ({"projectId": "proj_123", "startTime": "2025-10-01T00:00:00Z", "endTime": "2025-10-09"}, 400, ["YYYY-MM-DD"]),
        ({"projectId": "proj_123", "startTime": "2025-02-30", "endTime": "2025-03-09"}, 400, ["2025-02-30"]),
        ({"projectId": "proj_123", "startTime": "2025-10-01"}, 400, ["endTime"]),
    ],
)
def test_summary_validation(sim, params: dict, status: int, words: list[str]) -> None:
    assert_error(get(sim, f"{PHYTO}/summary", **params), status, *words)


def test_range_of_exactly_180_days_is_allowed(sim) -> None:
    assert get(sim, f"{PHYTO}/company-summary", startTime="2025-01-01", endTime="2025-06-30").status_code == 200
    assert_error(get(sim, f"{PHYTO}/company-summary", startTime="2025-01-01", endTime="2025-07-01"), 400, "180")


def test_phytosanitary_needs_a_key_with_its_scope(sim) -> None:
    params = {"startTime": "2025-10-01", "endTime": "2025-10-09"}
    assert_error(httpx.get(sim.base_url + f"{PHYTO}/company-summary", params=params, timeout=15), 401)
    bad_key = {"x-api-key": "key_nope.token"}
    assert_error(httpx.get(sim.base_url + f"{PHYTO}/company-summary", params=params, headers=bad_key, timeout=15), 401)
    assert_error(get(sim, f"{PHYTO}/company-summary", scope="read:production", **params), 403, "read:phytosanitary")


def test_company_summary_and_records_fields(sim) -> None:
    summary = get(sim, f"{PHYTO}/company-summary", startTime=days_ago(10), endTime=days_ago(1)).json()
    assert set(summary) == {
        "status", "scope", "range", "companyTimezone", "companyId", "totalRecords", "totalProjects", "projects",
    }  # fmt: skip
    assert (summary["scope"], summary["companyId"], summary["totalProjects"]) == ("company", "comp_12345", 2)
    assert {project["projectName"] for project in summary["projects"]} == {"Rancho San Pedro", "Finca El Mirador"}

    records = get(sim, f"{PHYTO}/company-records", startTime=days_ago(10), endTime=days_ago(1)).json()
    assert set(records) == {"status", "range", "companyTimezone", "companyId", "totalRecords", "records"}
    assert records["totalRecords"] == len(records["records"]) == summary["totalRecords"]
    item = records["records"][0]
    assert set(item) == {
        "record_id", "created_at", "record_time", "user_id", "user_name", "projectId", "project_name", "sectorId",
        "sector_name", "crop", "variety", "latitude", "longitude", "responses",
    }  # fmt: skip
    assert set(item["responses"][0]) == {
        "response_id",
        "variable_name",
        "variable_type",
        "name",
        "value_number",
        "severity",
    }
    assert {response["variable_type"] for response in item["responses"]} == {"pest", "disease"}
    # Other companies' scouting never shows up.
    assert {record["projectId"] for record in records["records"]} <= {"proj_123", "proj_456"}


# ------------------------------------------------------------------------------------------------ harvest
def test_harvest_sessions_with_worker_and_grade_breakdowns(sim) -> None:
    reply = get(
        sim, HARVEST, scope="read:production", startTime=days_ago(7), endTime=days_ago(1), sectorId="sector_001"
    )
    assert reply.status_code == 200
    sessions = reply.json()["data"]
    assert len(sessions) >= 5  # a harvest every workday
    for session in sessions:
        assert set(session) == HARVEST_KEYS
        assert (session["sectorId"], session["status"], session["unit"]) == ("sector_001", "closed", "box")
        assert session["harvestLotCode"].startswith("HL-" + session["day"][:10].replace("-", ""))
        assert set(session["responsible"]) == {"auth0Id", "name", "email", "role", "picture"}
        assert [grade["qualityName"] for grade in session["qualityBreakdown"]] == ["Primera", "Segunda", "Tercera"]
        assert sum(grade["percent"] for grade in session["qualityBreakdown"]) == pytest.approx(100, abs=0.2)
        assert session["workerCount"] == len(session["workers"])
        assert sum(worker["netUnits"] for worker in session["workers"]) == pytest.approx(session["totalUnits"])
        for worker in session["workers"]:
            assert set(worker) == WORKER_KEYS
            assert worker["netUnits"] <= worker["validUnits"]
            assert all(set(grade) == QUALITY_KEYS for grade in worker["qualityBreakdown"])
            graded = sum(grade["units"] for grade in worker["qualityBreakdown"])
            assert graded == pytest.approx(worker["netUnits"], abs=0.02)
    voided = [worker for session in sessions for worker in session["workers"] if worker["voidedCount"]]
    assert voided, "the seed voids a few deliveries"
    assert all(worker["netUnits"] < worker["validUnits"] for worker in voided)
    # Grades are assigned deterministically: the same answer on every read.
    again = get(
        sim, HARVEST, scope="read:production", startTime=days_ago(7), endTime=days_ago(1), sectorId="sector_001"
    )
    assert again.json()["data"] == sessions


def test_harvest_agrees_with_the_session_list(sim) -> None:
    day = days_ago(2)
    harvest = get(sim, HARVEST, scope="read:production", startTime=day, endTime=day, projectId="proj_456").json()[
        "data"
    ]
    token = sim.token("user_123456789")
    listed = httpx.get(
        sim.base_url + "/api/control/production/sessions",
        params={"projectId": "proj_456", "from": day, "to": day},
        headers={"Authorization": f"Bearer {token}"},
        timeout=15,
    ).json()["data"]["items"]
    assert {item["sessionId"]: item["totalUnits"] for item in listed} == {
        session["sessionId"]: session["totalUnits"] for session in harvest
    }
    assert {session["unit"] for session in harvest} <= {"kg"}


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"startTime": "2025-10-01"}, 400, ["endTime"]),
        ({"startTime": "2025-01-01", "endTime": "2025-12-31"}, 400, ["180 days"]),
        ({"startTime": "2025-10-01", "endTime": "2025-10-09", "projectId": "proj_789"}, 403, ["another company"]),
        ({"startTime": "2025-10-01", "endTime": "2025-10-09", "sectorId": "sector_nope"}, 404, ["sector_nope"]),
    ],
)
def test_harvest_validation(sim, params: dict, status: int, words: list[str]) -> None:
    assert_error(get(sim, HARVEST, scope="read:production", **params), status, *words)


def test_harvest_needs_read_production(sim) -> None:
    reply = get(sim, HARVEST, scope="read:phytosanitary", startTime="2025-10-01", endTime="2025-10-09")
    assert_error(reply, 403, "read:production")
