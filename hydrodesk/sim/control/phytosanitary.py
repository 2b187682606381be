"""Phytosanitary (scoped API key, `read:phytosanitary`): summary, company-summary and company-records.

They read the records of the company's phytosanitary monitoring forms (hydrodesk.sim.control.forms). Dates are
local `YYYY-MM-DD` days in each record's project timezone, at most 180 days apart; incidence and severity follow
hydrodesk.domain.phyto. The fields sit at the top level beside `status`, as documented.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.phyto import Observation, summarize
from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.control.common import ctx_of, query_text
from hydrodesk.sim.control.forms import PHYTOSANITARY_TYPE
from hydrodesk.sim.db import Database, loads
from hydrodesk.sim.farm import company_timezone, project_of_company, sector_of_company
from hydrodesk.sim.http import HttpError, invalid, ok_top_level, parse_day_range

SCOPE = "read:phytosanitary"


def _records(
    db: Database,
    company_id: str,
    start: date,
    end: date,
    project_id: str | None = None,
    sector_id: str | None = None,
) -> list[sqlite3.Row]:
    where = ["r.company_id = ?", "r.form_type = ?", "r.local_day BETWEEN ? AND ?"]
    params: list[Any] = [company_id, PHYTOSANITARY_TYPE, start.isoformat(), end.isoformat()]
    if project_id:
        where.append("r.project_id = ?")
        params.append(project_id)
    if sector_id:
        where.append("r.sector_id = ?")
        params.append(sector_id)
    return db.all(
        "SELECT r.*, p.name AS project_name, p.crop AS project_crop, s.sector_name, s.crop AS sector_crop, "
        "s.variety AS sector_variety, p.variety AS project_variety FROM form_records r "
        "LEFT JOIN projects p ON p.project_id = r.project_id LEFT JOIN sectors s ON s.sector_id = r.sector_id "
        f"WHERE {' AND '.join(where)} ORDER BY r.record_time, r.record_id",
        params,
    )


def _field_specs(db: Database, records: list[sqlite3.Row]) -> dict[str, dict[str, dict[str, Any]]]:
    """form id -> field name -> field definition, for the forms these records were filled in."""
    specs: dict[str, dict[str, dict[str, Any]]] = {}
    for form_id in {row["form_id"] for row in records}:
        fields = loads(db.scalar("SELECT fields FROM forms WHERE form_id = ?", (form_id,)) or "[]")
        specs[form_id] = {spec["name"]: spec for spec in fields}
    return specs


def _responses(row: sqlite3.Row, specs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The record's pest/disease observations in the documented `responses[]` shape."""
    responses = []
    for index, value in enumerate(loads(row["form_values"])):
        spec = specs.get(value["name"])
        if spec is None or spec["type"] != "pest_disease" or value.get("value") is None:
            continue
        responses.append(
            {
                "response_id": f"resp_{row['record_id'].removeprefix('frec_')}_{index + 1:02d}",
                "variable_name": spec["name"],
                "variable_type": spec.get("variableType") or "pest",
                "name": spec["label"],
                "value_number": value["value"],
                "severity": value.get("severity", 0),
            }
        )
    return responses


def _observations(responses: list[dict[str, Any]]) -> list[Observation]:
    return [Observation(item["name"], item["value_number"], item["severity"]) for item in responses]


def _sector_item(name: str, samples: list[list[Observation]]) -> dict[str, Any]:
    summary = summarize(samples)
    return {
        "sector_name": name,
        "incidence": summary.incidence,
        "severity": summary.severity,
        "pests_diseases": [
            {"pest_disease_name": pest.name, "incidence": pest.incidence, "severity": pest.severity}
            for pest in summary.pests
        ],
    }


def _aggregate(db: Database, records: list[sqlite3.Row]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(sectors[], projects[]) over the records that fell in a sector, in project and sector id order."""
    specs = _field_specs(db, records)
    samples: dict[tuple[str, str], list[list[Observation]]] = defaultdict(list)
    names: dict[str, str] = {}
    project_names: dict[str, str] = {}
    for row in records:
        if row["project_id"] is None or row["sector_id"] is None:
            continue
        samples[(row["project_id"], row["sector_id"])].append(_observations(_responses(row, specs[row["form_id"]])))
        names[row["sector_id"]] = row["sector_name"]
        project_names[row["project_id"]] = row["project_name"]
    sectors: list[dict[str, Any]] = []
    projects: dict[str, dict[str, Any]] = {}
    for project_id, sector_id in sorted(samples):
        item = _sector_item(names[sector_id], samples[(project_id, sector_id)])
        sectors.append(item)
        project = projects.setdefault(
            project_id, {"projectId": project_id, "projectName": project_names[project_id], "sectors": []}
        )
        project["sectors"].append(item)
    return sectors, list(projects.values())


def _range(start: date, end: date) -> dict[str, str]:
    return {"startTime": start.isoformat(), "endTime": end.isoformat()}


async def summary(request: Request) -> Response:
    principal = authenticate_api_key(request, SCOPE)
    db = ctx_of(request).db
    start, end = parse_day_range(request)
    company_id = query_text(request, "companyId")
    project_id = query_text(request, "projectId")
    sector_id = query_text(request, "sectorId")
    if not (company_id or project_id or sector_id):
        raise invalid("Send at least one of companyId, projectId or sectorId to say what to summarise.")
    if company_id and company_id != principal.company_id:
        raise HttpError(403, f"This API key cannot read company {company_id}.", "forbidden_company")
    timezone = company_timezone(db, principal.company_id)
    if project_id:
        timezone = project_of_company(db, principal.company_id, project_id)["timezone"]
    if sector_id:
        sector = sector_of_company(db, principal.company_id, sector_id)
        if project_id and sector["projectId"] != project_id:
            raise invalid(f"Sector {sector_id} is not in project {project_id}.")
        timezone = sector["timezone"]
    records = _records(db, principal.company_id, start, end, project_id, sector_id)
    sectors, projects = _aggregate(db, records)
    return ok_top_level(
        {
            "scope": "sector" if sector_id else "project" if project_id else "company",
            "range": _range(start, end),
            "projectTimezone": timezone,
            "filters": {"companyId": company_id, "projectId": project_id, "sectorId": sector_id},
            "totalRecords": len(records),
            "totalSectors": len(sectors),
            "sectors": sectors,
            "totalProjects": len(projects),
            "projects": projects,
        }
    )


async def company_summary(request: Request) -> Response:
    principal = authenticate_api_key(request, SCOPE)
    db = ctx_of(request).db
    start, end = parse_day_range(request)
    records = _records(db, principal.company_id, start, end)
    _, projects = _aggregate(db, records)
    return ok_top_level(
        {
            "scope": "company",
            "range": _range(start, end),
            "companyTimezone": company_timezone(db, principal.company_id),
            "companyId": principal.company_id,
            "totalRecords": len(records),
            "totalProjects": len(projects),
            "projects": projects,
        }
    )


async def company_records(request: Request) -> Response:
    principal = authenticate_api_key(request, SCOPE)
    db = ctx_of(request).db
    start, end = parse_day_range(request)
    records = _records(db, principal.company_id, start, end)
    specs = _field_specs(db, records)
    items = [
        {
            "record_id": row["record_id"],
            "created_at": row["created_at"],
            "record_time": row["record_time"],
            "user_id": row["auth0_id"],
            "user_name": row["user_name"],
            "projectId": row["project_id"],
            "project_name": row["project_name"],
            "sectorId": row["sector_id"],
            "sector_name": row["sector_name"],
            "crop": row["sector_crop"] or row["project_crop"],
            "variety": row["sector_variety"] or row["project_variety"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "responses": _responses(row, specs[row["form_id"]]),
        }
        for row in records
    ]
    return ok_top_level(
        {
            "range": _range(start, end),
            "companyTimezone": company_timezone(db, principal.company_id),
            "companyId": principal.company_id,
            "totalRecords": len(items),
            "records": items,
        }
    )


def routes() -> list[Route]:
    base = "/api/control/phytosanitary"
    return [
        Route(base + "/summary", summary, methods=["GET"]),
        Route(base + "/company-summary", company_summary, methods=["GET"]),
        Route(base + "/company-records", company_records, methods=["GET"]),
    ]
