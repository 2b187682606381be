"""Models of the production server's user endpoints: projects, forms, workers, sessions and records."""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import Field, model_validator

from hydrodesk.api.models_base import Day, DayLabel, RequestModel, UtcDateTime, UtcInstant, WireModel
from hydrodesk.domain.ids import new_client_event_id, record_idempotency_key
from hydrodesk.domain.session_data import SessionData


# ------------------------------------------------------------------------------------------------ company
class Company(WireModel):
    """The signed-in user's company: the name the office knows it by, and its timezone (IANA)."""

    company_id: str = Field(alias="companyId")
    name: str
    timezone: str


# ------------------------------------------------------------------------------------------------ projects
class Bonus(WireModel):
    type: Literal["flat", "percent"]
    value: float
    note: str | None = None


class BonusInput(RequestModel):
    type: Literal["flat", "percent"]
    value: float = Field(ge=0)
    note: str | None = None

    @model_validator(mode="after")
    def _percent_in_range(self) -> BonusInput:
        if self.type == "percent" and self.value > 100:
            raise ValueError("a percent bonus is between 0 and 100")
        return self


class ProjectSettings(WireModel):
    """The defaults a new session in the project inherits."""

    sampling_unit: str = Field(alias="samplingUnit")
    price_per_unit: float = Field(alias="pricePerUnit")
    bonus: Bonus | None = None
    max_duration_hours: int = Field(12, alias="maxDurationHours")


class Sector(WireModel):
    sector_id: str = Field(alias="sectorId")
    sector_name: str
    area_ha: float | None = None
    crop: str | None = None
    variety: str | None = None
    boundary: dict[str, Any] | None = None  # GeoJSON Polygon, lon/lat


class Project(WireModel):
    project_id: str = Field(alias="projectId")
    company_id: str = Field(alias="companyId")
    name: str
    timezone: str
    crop: str | None = None
    variety: str | None = None
    settings: ProjectSettings
    sectors: list[Sector] = Field(default_factory=list)


# ------------------------------------------------------------------------------------------------ forms
class FormField(WireModel):
    name: str
    label: str | None = None
    type: str  # text, number, select, ..., pest_disease (a count plus a 0-4 severity)
    required: bool = False
    options: list[str] | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    variable_type: str | None = Field(None, alias="variableType")


class Form(WireModel):
    """A form the user may fill in. The public pages do not show this schema; the simulator's is followed."""

    form_id: str = Field(alias="_id")
    name: str | None = None
    description: str | None = None
    type: str | None = None
    subtype: str | None = None
    fields: list[FormField] = Field(default_factory=list)
    task: dict[str, Any] | None = None


class FormValue(RequestModel):
    name: str
    value: Any = None
    severity: float | None = Field(None, ge=0, le=4)  # pest_disease fields only


class FormRecord(RequestModel):
    """One filled-in form. Note `record._id` on the wire is the FORM id, as documented.

    The server places the record from its GPS point, unless `project_id`/`sector_id` force a location.
    """

    form_id: str = Field(alias="_id")
    type: str
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    project_id: str | None = Field(None, alias="projectId")
    sector_id: str | None = Field(None, alias="sectorId")
    form_values: list[FormValue] | None = None
    started_at: UtcInstant | None = Field(None, alias="inicio")
    seconds_spent: float | None = Field(None, ge=0, alias="segundos")
    # Made when the user submits, stored in the outbox and sent on every retry: the server stores the record once.
    client_event_id: str | None = Field(None, alias="clientEventId", min_length=1, max_length=200)

    def to_wire(self) -> dict[str, Any]:
        body = super().to_wire()
        body["form_id"] = self.form_id  # the docs also list `form_id`; send both, they agree
        return body


class LocationCheck(WireModel):
    """Whether the record's location fell inside one of the company's projects, and inside a sector."""

    project: bool
    sector: bool


class StoredFormRecord(WireModel):
    """A form record as the server keeps it (provisional: GET /api/control/forms/records, and the submit reply)."""

    record_id: str = Field(alias="recordId")
    form_id: str = Field(alias="formId")
    type: str | None = None
    auth0_id: str | None = Field(None, alias="auth0Id")
    user_name: str | None = None
    project_id: str | None = Field(None, alias="projectId")
    sector_id: str | None = Field(None, alias="sectorId")
    latitude: float | None = None
    longitude: float | None = None
    form_values: list[dict[str, Any]] = Field(default_factory=list)
    record_time: UtcInstant | None = Field(None, alias="recordTime")
    local_day: Day | None = Field(None, alias="localDay")
    created_at: UtcInstant | None = Field(None, alias="createdAt")
    client_event_id: str | None = Field(None, alias="clientEventId")


class SubmittedForm(WireModel):
    """The submit reply: the location check, the stored record (when the server sends it) and whether it was a
    replay of an earlier submission with the same clientEventId."""

    verification: LocationCheck
    record: StoredFormRecord | None = None
    replayed: bool = False

    @property
    def project(self) -> bool:
        return self.verification.project

    @property
    def sector(self) -> bool:
        return self.verification.sector


# ------------------------------------------------------------------------------------------------ workers
class Worker(WireModel):
    # Beware: `workerId` is the server's unique id here, while `worker_id` is the business id (e.g. JS0315);
    # in production records `workerId` carries the business id.
    uid: str = Field(alias="workerId")
    worker_id: str
    company_id: str | None = Field(None, alias="companyId")
    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None
    position: str | None = None
    employment_type: str | None = None
    hire_date: Day | None = None
    termination_date: Day | None = None
    status: str | None = None
    hourly_rate: float | None = None
    emergency_contact_name: str | None = None
    emergency_contact_phone: str | None = None
    skills: list[str] = Field(default_factory=list)
    notes: str | None = None
    photo_url: str | None = Field(None, alias="photoUrl")
    created_at: UtcDateTime | None = Field(None, alias="createdAt")
    updated_at: UtcDateTime | None = Field(None, alias="updatedAt")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class NewWorker(RequestModel):
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    position: str
    employment_type: str
    hire_date: Day
    phone: str | None = None
    email: str | None = None
    termination_date: Day | None = None
    status: str | None = None
    hourly_rate: float | None = Field(None, ge=0)
    emergency_contact_name: str | None = None
    emergency_contact_phone: str | None = None
    skills: list[str] | None = None
    notes: str | None = None
    photo: str | None = None  # a base64 data URL (JPEG, PNG or WebP, at most 12 MB)


class WorkerOptions(WireModel):
    """The company's template options: the values position, employment_type, status and skills may take."""

    positions: list[str]
    employment_types: list[str] = Field(alias="employmentTypes")
    statuses: list[str]
    skills: list[str]


class CreatedWorker(WireModel):
    """A worker create: `created` is False when the worker_id existed and the server returned that worker."""

    worker: Worker
    created: bool


class WorkerPage(WireModel):
    total: int
    page: int
    page_size: int = Field(alias="pageSize")
    items: list[Worker]


# ------------------------------------------------------------------------------------------------ sessions
class Session(WireModel):
    session_id: str = Field(alias="sessionId")
    company_id: str = Field(alias="companyId")
    project_id: str = Field(alias="projectId")
    owner_auth0_id: str = Field(alias="auth0Id")  # the user who opened it; only they may change it
    sector_id: str = Field(alias="sectorId")
    sector_name: str
    timezone: str
    day: DayLabel  # the local day in the project's timezone (the wire writes it as midnight "Z")
    status: Literal["open", "closed"]
    opened_at: UtcDateTime = Field(alias="openedAt")
    closed_at: UtcDateTime | None = Field(None, alias="closedAt")
    max_duration_hours: int = Field(alias="maxDurationHours")
    sampling_unit: str = Field(alias="samplingUnit")
    price_per_unit: float = Field(alias="pricePerUnit")
    bonus: Bonus | None = None
    total_units: float = Field(0, alias="totalUnits")
    worker_count: int | None = Field(None, alias="workerCount")
    notes: str | None = None
    final_notes: str | None = Field(None, alias="finalNotes")
    closed_by: str | None = Field(None, alias="closedBy")
    closed_reason: str | None = Field(None, alias="closedReason")
    created_at: UtcDateTime | None = Field(None, alias="createdAt")
    updated_at: UtcDateTime | None = Field(None, alias="updatedAt")

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def to_data(self) -> SessionData:
        """The JSON form the office keeps and passes around (tests/unit/test_session_data.py checks its keys)."""
        return cast(SessionData, self.model_dump(mode="json"))


class NewSession(RequestModel):
    project_id: str = Field(alias="projectId")
    sector_id: str = Field(alias="sectorId")
    sector_name: str
    opened_at: UtcInstant = Field(alias="openedAt")
    # Left out, these are inherited from the project's settings by the server.
    sampling_unit: str | None = Field(None, alias="samplingUnit")
    price_per_unit: float | None = Field(None, ge=0, alias="pricePerUnit")
    bonus: BonusInput | None = None
    max_duration_hours: int | None = Field(None, ge=1, alias="maxDurationHours")
    notes: str | None = None


class SessionUpdate(RequestModel):
    """The only session fields the API lets an owner change while it is open."""

    sampling_unit: str | None = Field(None, alias="samplingUnit")
    price_per_unit: float | None = Field(None, ge=0, alias="pricePerUnit")
    bonus: BonusInput | None = None
    notes: str | None = None


class SessionClose(RequestModel):
    closed_at: UtcInstant | None = Field(None, alias="closedAt")  # default: now, on the server
    final_notes: str | None = Field(None, alias="finalNotes")
    license_plate: str | None = None  # of the truck taking the harvest away
    driver_name: str | None = None


class SessionExtend(RequestModel):
    max_duration_hours: int = Field(ge=1, alias="maxDurationHours")


class SessionClosed(WireModel):
    session_id: str = Field(alias="sessionId")
    status: Literal["closed"]
    closed_at: UtcDateTime = Field(alias="closedAt")
    total_units: float = Field(alias="totalUnits")


class SessionPage(WireModel):
    total: int
    items: list[Session]
    page: int = 1
    page_size: int | None = Field(None, alias="pageSize")


# ------------------------------------------------------------------------------------------------ records
class Record(WireModel):
    record_id: str = Field(alias="recordId")
    session_id: str = Field(alias="sessionId")
    worker_id: str = Field(alias="workerId")  # the business id, e.g. JS0315
    units: float  # negative for a void
    state: str  # pending -> inserted (the server persists asynchronously)
    worker_name: str | None = None
    recorded_at_utc: UtcDateTime | None = Field(None, alias="recordedAtUtc")
    client_event_id: str | None = Field(None, alias="clientEventId")
    idempotency_key: str | None = Field(None, alias="idempotencyKey")
    void_of: str | None = Field(None, alias="voidOf")  # on a void: the record it cancels
    voided_by: str | None = Field(None, alias="voidedBy")  # on a voided record: its void
    reason: str | None = None
    created_at: UtcDateTime | None = Field(None, alias="createdAt")

    @property
    def is_void(self) -> bool:
        return self.void_of is not None


class NewRecord(RequestModel):
    """Units a worker delivered. Build it once when the user acts and keep it until the server has it: the
    `client_event_id` made here is what makes every retry safe."""

    session_id: str = Field(alias="sessionId")
    worker_id: str = Field(alias="workerId")
    worker_name: str
    units: float = Field(1, ge=0)
    recorded_at_utc: UtcInstant = Field(alias="recordedAtUtc")
    client_event_id: str = Field(default_factory=new_client_event_id, alias="clientEventId")
    idempotency_key: str | None = Field(None, alias="idempotencyKey")

    @property
    def server_key(self) -> str:
        """The key the server files this record under (for check-idempotency)."""
        return record_idempotency_key(self.session_id, self.worker_id, self.client_event_id)


class RecordPreview(WireModel):
    record_id: str = Field(alias="recordId")
    session_id: str = Field(alias="sessionId")
    worker_id: str = Field(alias="workerId")
    units: float
    state: str | None = None


class CreatedRecord(WireModel):
    """A record create: `replayed` is True when the server had it already (200 + X-Idempotent-Replay)."""

    preview: RecordPreview
    replayed: bool

    @property
    def created(self) -> bool:
        return not self.replayed


BulkOutcome = Literal["created", "duplicate", "failed"]


class BulkItemResult(WireModel):
    index: int
    status_code: int = Field(alias="statusCode")
    preview: RecordPreview | None = Field(None, alias="payloadPreview")
    idempotent: bool | None = None
    message: str | None = None
    error: str | None = None

    @property
    def outcome(self) -> BulkOutcome:
        if self.status_code == 201:
            return "created"
        if self.status_code == 200:
            return "duplicate"
        return "failed"


class BulkSummary(WireModel):
    ok: int
    duplicated: int
    failed: int


class BulkResult(WireModel):
    results: list[BulkItemResult]
    summary: BulkSummary

    def by_outcome(self, outcome: BulkOutcome) -> list[BulkItemResult]:
        return [item for item in self.results if item.outcome == outcome]


class VoidRequest(RequestModel):
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _reason_has_words(self) -> VoidRequest:
        if not self.reason.strip():
            raise ValueError("a void needs a reason")
        return self


class BulkRequest(RequestModel):
    records: list[NewRecord] = Field(min_length=1)


class VoidResult(WireModel):
    """A void: `record_id` is the new counter-movement's id; `replayed` when the record was voided already."""

    record_id: str = Field(alias="recordId")
    void_of: str = Field(alias="voidOf")
    replayed: bool = Field(False, alias="idempotent")
    units: float | None = None  # negative: the cancelled units
    reason: str | None = None
