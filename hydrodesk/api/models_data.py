"""Models of the scoped data endpoints on the production server: phytosanitary monitoring and harvest.

These replies put their fields beside `status` rather than inside `data`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hydrodesk.api.models_base import Day, DayLabel, UtcDateTime, WireModel


# ------------------------------------------------------------------------------------------------ phytosanitary
class DayRange(WireModel):
    start_time: Day = Field(alias="startTime")
    end_time: Day = Field(alias="endTime")


class PestDiseaseStat(WireModel):
    pest_disease_name: str
    incidence: float
    severity: float


class PhytoSectorStat(WireModel):
    sector_name: str
    sector_id: str | None = Field(None, alias="sectorId")
    incidence: float
    severity: float
    pests_diseases: list[PestDiseaseStat] = Field(default_factory=list)


class PhytoProjectStat(WireModel):
    project_id: str = Field(alias="projectId")
    project_name: str = Field(alias="projectName")
    sectors: list[PhytoSectorStat] = Field(default_factory=list)


class PhytoFilters(WireModel):
    company_id: str | None = Field(None, alias="companyId")
    project_id: str | None = Field(None, alias="projectId")
    sector_id: str | None = Field(None, alias="sectorId")


class PhytoSummary(WireModel):
    scope: Literal["company", "project", "sector"]
    range: DayRange
    project_timezone: str | None = Field(None, alias="projectTimezone")
    filters: PhytoFilters = Field(default_factory=PhytoFilters)
    total_records: int = Field(alias="totalRecords")
    total_sectors: int = Field(0, alias="totalSectors")
    sectors: list[PhytoSectorStat] = Field(default_factory=list)
    total_projects: int = Field(0, alias="totalProjects")
    projects: list[PhytoProjectStat] = Field(default_factory=list)


class PhytoCompanySummary(WireModel):
    scope: Literal["company"]
    range: DayRange
    company_timezone: str = Field(alias="companyTimezone")
    company_id: str = Field(alias="companyId")
    total_records: int = Field(alias="totalRecords")
    total_projects: int = Field(alias="totalProjects")
    projects: list[PhytoProjectStat]


class PhytoResponse(WireModel):
    """One observed variable of a scouting record (a pest or disease count and its severity)."""

    response_id: str
    variable_name: str
    variable_type: str | None = None
    name: str | None = None
    value_number: float | None = None
    severity: float | None = None


class PhytoRecord(WireModel):
    record_id: str
    created_at: UtcDateTime
    record_time: UtcDateTime | None = None
    user_id: str | None = None
    user_name: str | None = None
    project_id: str | None = Field(None, alias="projectId")
    project_name: str | None = None
    sector_id: str | None = Field(None, alias="sectorId")
    sector_name: str | None = None
    crop: str | None = None
    variety: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    responses: list[PhytoResponse] = Field(default_factory=list)


class PhytoCompanyRecords(WireModel):
    range: DayRange
    company_timezone: str = Field(alias="companyTimezone")
    company_id: str = Field(alias="companyId")
    total_records: int = Field(alias="totalRecords")
    records: list[PhytoRecord]


# ------------------------------------------------------------------------------------------------ harvest
class Responsible(WireModel):
    auth0_id: str = Field(alias="auth0Id")
    name: str | None = None
    email: str | None = None
    role: str | None = None
    picture: str | None = None


class QualityShare(WireModel):
    quality_id: str = Field(alias="qualityId")
    quality_name: str | None = Field(None, alias="qualityName")
    units: float | None = None
    percent: float | None = None


class HarvestWorker(WireModel):
    worker_id: str = Field(alias="workerId")
    worker_name: str | None = None
    valid_units: float = Field(0, alias="validUnits")
    net_units: float = Field(0, alias="netUnits")
    record_count: int = Field(0, alias="recordCount")
    voided_count: int = Field(0, alias="voidedCount")
    quality_breakdown: list[QualityShare] = Field(default_factory=list, alias="qualityBreakdown")


class HarvestSession(WireModel):
    session_id: str = Field(alias="sessionId")
    project_id: str = Field(alias="projectId")
    sector_id: str = Field(alias="sectorId")
    day: DayLabel
    status: str
    local_id: str | None = Field(None, alias="localId")
    sector_name: str | None = None
    crop: str | None = None
    variety: str | None = None
    opened_at: UtcDateTime | None = Field(None, alias="openedAt")
    closed_at: UtcDateTime | None = Field(None, alias="closedAt")
    created_at: UtcDateTime | None = Field(None, alias="createdAt")
    closed_by: str | None = Field(None, alias="closedBy")
    closed_reason: str | None = Field(None, alias="closedReason")
    timezone: str | None = None
    unit: str | None = None
    max_duration_hours: int | None = Field(None, alias="maxDurationHours")
    harvest_unit_id: str | None = Field(None, alias="harvestUnitId")
    harvest_lot_code: str | None = Field(None, alias="harvestLotCode")
    worker_count: int | None = Field(None, alias="workerCount")
    notes: str | None = None
    final_notes: str | None = Field(None, alias="finalNotes")
    license_plate: str | None = None
    driver_name: str | None = None
    total_units: float = Field(0, alias="totalUnits")
    needs_recalc: bool | None = Field(None, alias="needsRecalc")
    quality_breakdown_at: UtcDateTime | None = Field(None, alias="qualityBreakdownAt")
    responsible: Responsible | None = None
    quality_breakdown: list[QualityShare] = Field(default_factory=list, alias="qualityBreakdown")
    workers: list[HarvestWorker] = Field(default_factory=list)
