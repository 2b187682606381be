"""HydrobitClient: one async method per Hydrobit operation, returning typed models or raising typed errors.

Use one client for the life of the app (it holds the connection pool) and close it on shutdown:

    async with HydrobitClient(config, credentials) as client:
        projects = await client.list_projects()

User endpoints authenticate with the bearer JWT and also get the caller's `auth0Id` (in the query of every GET,
in the body of every write) because the documentation still asks for it. Data endpoints use the API key.
Production-server operations are here; the IoT server's are in client_iot.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from hydrodesk.api import endpoints as ep
from hydrodesk.api.bulk_reply import BulkItem, bulk_items
from hydrodesk.api.client_base import field_of
from hydrodesk.api.client_iot import IotOperations
from hydrodesk.api.models_data import HarvestSession, PhytoCompanyRecords, PhytoCompanySummary, PhytoSummary
from hydrodesk.api.models_production import (
    BulkRequest,
    BulkResult,
    Company,
    CreatedRecord,
    CreatedWorker,
    Form,
    FormRecord,
    LocationCheck,
    NewRecord,
    NewSession,
    NewWorker,
    Project,
    Record,
    RecordPreview,
    Session,
    SessionClose,
    SessionClosed,
    SessionExtend,
    SessionPage,
    SessionUpdate,
    StoredFormRecord,
    SubmittedForm,
    VoidRequest,
    VoidResult,
    Worker,
    WorkerOptions,
    WorkerPage,
)
from hydrodesk.api.transport import data_of, parse, top_level_of
from hydrodesk.domain.ids import record_idempotency_key

MAX_PAGE_SIZE = 100  # the workers list refuses more


class HydrobitClient(IotOperations):
    async def __aenter__(self) -> HydrobitClient:
        return self

    # ------------------------------------------------------------------------------------------ company
    async def get_my_company(self) -> Company:
        """The signed-in user's company (its name for the navigator and printed reports)."""
        reply = await self._get(ep.MY_COMPANY)
        return parse(Company, data_of(reply, what="company"), what="company")

    # ------------------------------------------------------------------------------------------ projects
    async def list_projects(self) -> list[Project]:
        reply = await self._get(ep.LIST_PROJECTS)
        return parse(list[Project], data_of(reply, what="projects"), what="projects")

    async def get_project(self, project_id: str) -> Project:
        reply = await self._get(ep.GET_PROJECT, path={"project_id": project_id})
        return parse(Project, data_of(reply, what="project"), what="project")

    # ------------------------------------------------------------------------------------------ forms
    async def get_forms(
        self, *, company_id: str | None = None, form_type: str | None = None, subtype: str | None = None
    ) -> list[Form]:
        """The forms the user may fill in (company from the JWT unless given); `subtype="tasks"` for tasks."""
        company = company_id or self.credentials.company_id
        reply = await self._get(ep.GET_FORMS, companyId=company, type=form_type, subtype=subtype)
        return parse(list[Form], data_of(reply, what="forms"), what="forms")

    async def submit_form_record(self, record: FormRecord) -> SubmittedForm:
        """Submit a filled-in form; the reply says whether its location fell inside a project and a sector.

        With a `client_event_id`, sending the same record again is safe: the server answers with the first record
        (`replayed`) instead of storing a second one."""
        body = {"record": {**record.to_wire(), "auth0Id": self._me()}}
        reply = await self._wire.send(ep.SUBMIT_FORM_RECORD, body=body)
        envelope = top_level_of(reply, what="form record")
        check = parse(LocationCheck, envelope.get("verification"), what="form record verification")
        stored = envelope.get("record")
        return SubmittedForm(
            verification=check,
            record=None if stored is None else parse(StoredFormRecord, stored, what="form record"),
            replayed=reply.status_code == 200 or reply.header_true(ep.IDEMPOTENT_REPLAY_HEADER),
        )

    async def list_form_records(
        self, *, form_id: str | None = None, first_day: date | None = None, last_day: date | None = None
    ) -> list[StoredFormRecord]:
        """The form records the signed-in user submitted, newest first (local days, inclusive)."""
        days: dict[str, Any] = {
            "from": first_day.isoformat() if first_day else None,
            "to": last_day.isoformat() if last_day else None,
        }
        reply = await self._get(ep.LIST_FORM_RECORDS, formId=form_id, **days)
        items = field_of(data_of(reply, what="form records"), "items", what="form records")
        return parse(list[StoredFormRecord], items, what="form records")

    # ------------------------------------------------------------------------------------------ workers
    async def create_worker(self, worker: NewWorker) -> CreatedWorker:
        """Create a worker; if their worker_id exists already, that worker comes back with `created=False`."""
        reply = await self._write(ep.CREATE_WORKER, worker)
        found = parse(Worker, data_of(reply, what="worker"), what="worker")
        return CreatedWorker(worker=found, created=reply.status_code == 201)

    async def list_workers(
        self,
        *,
        query: str | None = None,
        status: str | None = None,
        position: str | None = None,
        employment_type: str | None = None,
        page: int = 1,
        limit: int = 25,
        company_id: str | None = None,
    ) -> WorkerPage:
        """One page of the company's workers, newest first; `query` searches names and worker_id."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
        if page < 1:
            raise ValueError("page starts at 1")
        reply = await self._get(
            ep.LIST_WORKERS,
            companyId=company_id,
            q=query,
            status=status,
            position=position,
            employment_type=employment_type,
            page=page,
            limit=limit,
        )
        return parse(WorkerPage, data_of(reply, what="workers"), what="workers")

    async def get_worker(self, worker: str) -> Worker:
        """A worker by server id or by business id (e.g. JS0315)."""
        reply = await self._get(ep.GET_WORKER, path={"worker": worker})
        return parse(Worker, data_of(reply, what="worker"), what="worker")

    async def worker_options(self) -> WorkerOptions:
        """The values the company accepts for position, employment_type, status and skills."""
        reply = await self._get(ep.WORKER_OPTIONS)
        return parse(WorkerOptions, data_of(reply, what="worker options"), what="worker options")

    # ------------------------------------------------------------------------------------------ sessions
    async def open_session(self, session: NewSession) -> Session:
        reply = await self._write(ep.OPEN_SESSION, session)
        return parse(Session, data_of(reply, what="session"), what="session")

    async def list_sessions(
        self,
        *,
        project_id: str | None = None,
        sector_id: str | None = None,
        status: str | None = None,
        from_day: date | None = None,
        to_day: date | None = None,
        page: int | None = None,
        limit: int | None = None,
    ) -> SessionPage:
        """The company's sessions, newest first; `from_day`/`to_day` are local days in the project's timezone."""
        filters: dict[str, Any] = {
            "projectId": project_id,
            "sectorId": sector_id,
            "status": status,
            "from": from_day,  # a Python keyword, hence the dict
            "to": to_day,
            "page": page,
            "limit": limit,
        }
        reply = await self._get(ep.LIST_SESSIONS, **filters)
        return parse(SessionPage, data_of(reply, what="sessions"), what="sessions")

    async def get_session(self, session_id: str) -> Session:
        reply = await self._get(ep.GET_SESSION, path={"session_id": session_id})
        return parse(Session, data_of(reply, what="session"), what="session")

    async def update_session(self, session_id: str, update: SessionUpdate) -> bool:
        """Change pricing, bonus or notes of an open session; True when the server reports it updated."""
        reply = await self._write(ep.UPDATE_SESSION, update, path={"session_id": session_id})
        return parse(
            bool,
            field_of(data_of(reply, what="session update"), "updated", what="session update"),
            what="session update",
        )

    async def close_session(self, session_id: str, close: SessionClose | None = None) -> SessionClosed:
        """Close an open session (owner only); a second close is a Conflict."""
        reply = await self._write(ep.CLOSE_SESSION, close or SessionClose(), path={"session_id": session_id})
        return parse(SessionClosed, data_of(reply, what="session close"), what="session close")

    async def extend_session(self, session_id: str, max_duration_hours: int) -> int:
        """Raise the session's maximum duration; returns the new maximum in hours."""
        body = SessionExtend(max_duration_hours=max_duration_hours)
        reply = await self._write(ep.EXTEND_SESSION, body, path={"session_id": session_id})
        data = data_of(reply, what="session extend")
        return parse(int, field_of(data, "maxDurationHours", what="session extend"), what="session extend")

    async def list_session_records(self, session_id: str) -> list[Record]:
        """Every record of a session, voids included (negative units)."""
        reply = await self._get(ep.LIST_SESSION_RECORDS, path={"session_id": session_id})
        data = data_of(reply, what="session records")
        return parse(list[Record], field_of(data, "items", what="session records"), what="session records")

    # ------------------------------------------------------------------------------------------ records
    async def create_record(self, record: NewRecord) -> CreatedRecord:
        """Add units to an open session. Sending the same record again is safe: the result says `replayed`."""
        reply = await self._write(ep.CREATE_RECORD, record)
        data = data_of(reply, what="record")
        preview = parse(RecordPreview, field_of(data, "payloadPreview", what="record"), what="record")
        replayed = reply.status_code == 200 or reply.header_true(ep.IDEMPOTENT_REPLAY_HEADER)
        return CreatedRecord(preview=preview, replayed=replayed)

    async def bulk_create_records(self, records: Iterable[NewRecord]) -> BulkResult:
        """Send many records at once (offline sync): 207 with one result per record, in request order."""
        reply = await self._write(ep.BULK_CREATE_RECORDS, BulkRequest(records=list(records)))
        return parse(BulkResult, top_level_of(reply, what="bulk records"), what="bulk records")

    async def bulk_create_encoded(self, records_json: str) -> list[BulkItem]:
        """`bulk_create_records` for the sync engine's hot path: no model per record, either way.

        `records_json` is the JSON array of the records' bodies in wire form (the outbox writes it so; see
        hydrodesk.store.outbox_send.RecordBatch); the results are read without models (see bulk_reply.py).
        """
        body = f'{{"auth0Id": {json.dumps(self._me())}, "records": {records_json}}}'
        reply = await self._wire.send(ep.BULK_CREATE_RECORDS, encoded_body=body.encode())
        return bulk_items(top_level_of(reply, what="bulk records"))

    async def check_idempotency(self, key: str) -> bool:
        """Whether the server has filed something under this idempotency key (200) or not (404)."""
        reply = await self._wire.send(ep.CHECK_IDEMPOTENCY, params={"key": key}, accept=frozenset({404}))
        return reply.status_code == 200

    async def record_exists(self, session_id: str, worker_id: str, client_event_id: str) -> bool:
        """Whether a record sent with these ids reached the server: the question to ask after a lost reply."""
        return await self.check_idempotency(record_idempotency_key(session_id, worker_id, client_event_id))

    async def get_record(self, record_id: str) -> Record:
        reply = await self._get(ep.GET_RECORD, path={"record_id": record_id})
        return parse(Record, data_of(reply, what="record"), what="record")

    async def void_record(self, record_id: str, reason: str) -> VoidResult:
        """Cancel a record with a negative counter-movement. Voiding twice is safe (`replayed`)."""
        reply = await self._write(ep.VOID_RECORD, VoidRequest(reason=reason), path={"record_id": record_id})
        data = data_of(reply, what="void")
        return parse(VoidResult, field_of(data, "payloadPreview", what="void"), what="void")

    # ------------------------------------------------------------------------------------------ phytosanitary
    async def phytosanitary_summary(
        self,
        start: date,
        end: date,
        *,
        company_id: str | None = None,
        project_id: str | None = None,
        sector_id: str | None = None,
    ) -> PhytoSummary:
        """Incidence and severity per sector over local days `start`..`end` (at most 180 days)."""
        if company_id is None and project_id is None and sector_id is None:
            # Documentation set A wants at least one filter; the whole company is the natural default.
            company_id = self.credentials.company_id
        params = {"companyId": company_id, "projectId": project_id, "sectorId": sector_id}
        reply = await self._wire.send(ep.PHYTOSANITARY_SUMMARY, params={**params, "startTime": start, "endTime": end})
        return parse(PhytoSummary, top_level_of(reply, what="phytosanitary summary"), what="phytosanitary summary")

    async def phytosanitary_company_summary(self, start: date, end: date) -> PhytoCompanySummary:
        reply = await self._wire.send(ep.PHYTOSANITARY_COMPANY_SUMMARY, params={"startTime": start, "endTime": end})
        envelope = top_level_of(reply, what="phytosanitary company summary")
        return parse(PhytoCompanySummary, envelope, what="phytosanitary company summary")

    async def phytosanitary_company_records(self, start: date, end: date) -> PhytoCompanyRecords:
        reply = await self._wire.send(ep.PHYTOSANITARY_COMPANY_RECORDS, params={"startTime": start, "endTime": end})
        envelope = top_level_of(reply, what="phytosanitary records")
        return parse(PhytoCompanyRecords, envelope, what="phytosanitary records")

    # ------------------------------------------------------------------------------------------ harvest
    async def harvest(
        self, start: date, end: date, *, project_id: str | None = None, sector_id: str | None = None
    ) -> list[HarvestSession]:
        """Production sessions over local days `start`..`end`, with per-worker and per-quality breakdowns."""
        params = {"startTime": start, "endTime": end, "projectId": project_id, "sectorId": sector_id}
        reply = await self._wire.send(ep.HARVEST, params=params)
        return parse(list[HarvestSession], data_of(reply, what="harvest"), what="harvest")
