"""The cache tables: saving what the server sent, and reading it back.

Every function takes a Connection inside a transaction and runs on the database thread. Objects go in and come
out as dicts with the API models' attribute names (what `model.model_dump(mode="json")` gives, and what
`Model.model_validate` takes back), so this layer needs no knowledge of the client's classes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects.sqlite import insert

from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.workers import search_key
from hydrodesk.store.driver import sqlite_of
from hydrodesk.store.schema import (
    Company,
    Document,
    Form,
    IrrigationLog,
    PhytoRecord,
    PlantPoint,
    Program,
    Project,
    Record,
    RefreshMark,
    Sector,
    Session,
    Valve,
    WeatherPoint,
    Worker,
)

COMPANIES: Table = Company.__table__
PROJECTS: Table = Project.__table__
SECTORS: Table = Sector.__table__
WORKERS: Table = Worker.__table__
SESSIONS: Table = Session.__table__
RECORDS: Table = Record.__table__
FORMS: Table = Form.__table__
PHYTO: Table = PhytoRecord.__table__
DOCUMENTS: Table = Document.__table__
WEATHER: Table = WeatherPoint.__table__
PLANT: Table = PlantPoint.__table__
VALVES: Table = Valve.__table__
PROGRAMS: Table = Program.__table__
LOGS: Table = IrrigationLog.__table__
MARKS: Table = RefreshMark.__table__


def upsert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows, or update the ones whose primary key exists (never delete-and-insert: no cascades fire)."""
    if not rows:
        return
    statement = insert(table)
    keys = {column.name for column in table.primary_key.columns}
    changing = [name for name in rows[0] if name not in keys]
    statement = statement.on_conflict_do_update(
        index_elements=sorted(keys), set_={name: statement.excluded[name] for name in changing}
    )
    for start in range(0, len(rows), 500):
        conn.execute(statement, list(rows[start : start + 500]))


def _data(rows: Iterable[Any]) -> list[dict[str, Any]]:
    return [row.data for row in rows]


# ------------------------------------------------------------------------------------------------ companies
def save_company(conn: Connection, company: Mapping[str, Any], fetched_at: str) -> None:
    """One company as companies/me describes it."""
    row = {"company_id": company["company_id"], "name": company["name"], "data": dict(company)}
    upsert(conn, COMPANIES, [{**row, "fetched_at": fetched_at}])


def company_names(conn: Connection) -> dict[str, str]:
    """company_id -> name of every company the office has heard of."""
    return {row.company_id: row.name for row in conn.execute(select(COMPANIES.c.company_id, COMPANIES.c.name))}


# ------------------------------------------------------------------------------------------------ projects
def save_projects(conn: Connection, projects: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    """The whole list of the user's projects: ones no longer listed go (their sectors with them)."""
    upsert(
        conn,
        PROJECTS,
        [
            {"project_id": p["project_id"], "name": p["name"], "data": dict(p), "fetched_at": fetched_at}
            for p in projects
        ],
    )
    sectors = [
        {"sector_id": s["sector_id"], "project_id": p["project_id"], "data": dict(s), "fetched_at": fetched_at}
        for p in projects
        for s in p.get("sectors") or ()
    ]
    upsert(conn, SECTORS, sectors)
    listed = [p["project_id"] for p in projects]
    conn.execute(delete(SECTORS).where(SECTORS.c.sector_id.not_in([s["sector_id"] for s in sectors])))
    conn.execute(delete(PROJECTS).where(PROJECTS.c.project_id.not_in(listed)))


def projects(conn: Connection) -> list[dict[str, Any]]:
    return _data(conn.execute(select(PROJECTS.c.data).order_by(PROJECTS.c.name)))


def project(conn: Connection, project_id: str) -> dict[str, Any] | None:
    return conn.execute(select(PROJECTS.c.data).where(PROJECTS.c.project_id == project_id)).scalar()


def sectors(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(select(SECTORS.c.data).where(SECTORS.c.project_id == project_id))
    return sorted(_data(rows), key=lambda sector: sector.get("sector_name") or "")


# ------------------------------------------------------------------------------------------------ workers
def save_workers(conn: Connection, workers: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    upsert(
        conn,
        WORKERS,
        [
            {
                "worker_id": w["worker_id"],
                "uid": w.get("uid"),
                "search_text": search_key(f"{w.get('first_name', '')} {w.get('last_name', '')} {w['worker_id']}"),
                "status": w.get("status"),
                "server_created_at": w.get("created_at"),
                "data": dict(w),
                "fetched_at": fetched_at,
            }
            for w in workers
        ],
    )


def known_workers(conn: Connection, uids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(uids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        rows = conn.execute(select(WORKERS.c.uid, WORKERS.c.data).where(WORKERS.c.uid.in_(wanted[start : start + 500])))
        found.update({row.uid: row.data for row in rows})
    return found


def workers(conn: Connection, *, query: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    statement = select(WORKERS.c.data)
    if query and search_key(query):
        statement = statement.where(WORKERS.c.search_text.contains(search_key(query), autoescape=True))
    if status is not None:
        statement = statement.where(WORKERS.c.status == status)
    return _data(conn.execute(statement.order_by(WORKERS.c.search_text)))


def worker(conn: Connection, worker_id: str) -> dict[str, Any] | None:
    return conn.execute(select(WORKERS.c.data).where(WORKERS.c.worker_id == worker_id)).scalar()


# ------------------------------------------------------------------------------------------------ sessions
def session_fingerprint(session: Mapping[str, Any]) -> str:
    """What changes whenever a session's records change (their net total, its worker count, its update time)."""
    return f"{session.get('total_units')}|{session.get('worker_count')}|{session.get('updated_at')}|{session['status']}"


def save_sessions(conn: Connection, sessions: Sequence[SessionData], fetched_at: str) -> None:
    upsert(
        conn,
        SESSIONS,
        [
            {
                "session_id": s["session_id"],
                "project_id": s["project_id"],
                "sector_id": s["sector_id"],
                "owner_auth0_id": s["owner_auth0_id"],
                "day": str(s["day"])[:10],
                "status": s["status"],
                "opened_at": s["opened_at"],
                "total_units": s.get("total_units") or 0,
                "data": dict(s),
                "fetched_at": fetched_at,
            }
            for s in sessions
        ],
    )


def stale_sessions(conn: Connection, sessions: Sequence[Mapping[str, Any]]) -> list[str]:
    """Of these sessions (as just listed by the server), the ones whose records changed since last fetched."""
    ids = [s["session_id"] for s in sessions]
    known: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(SESSIONS.c.session_id, SESSIONS.c.records_fingerprint).where(
                SESSIONS.c.session_id.in_(ids[start : start + 500])
            )
        )
        known.update({row.session_id: row.records_fingerprint for row in rows})
    return [s["session_id"] for s in sessions if known.get(s["session_id"]) != session_fingerprint(s)]


def sessions(
    conn: Connection,
    *,
    project_id: str | None = None,
    sector_id: str | None = None,
    status: str | None = None,
    first_day: str | None = None,
    last_day: str | None = None,
) -> list[SessionData]:
    statement = select(SESSIONS.c.data)
    for column, value in ((SESSIONS.c.project_id, project_id), (SESSIONS.c.sector_id, sector_id)):
        if value is not None:
            statement = statement.where(column == value)
    if status is not None:
        statement = statement.where(SESSIONS.c.status == status)
    if first_day is not None:
        statement = statement.where(SESSIONS.c.day >= first_day)
    if last_day is not None:
        statement = statement.where(SESSIONS.c.day <= last_day)
    rows = conn.execute(statement.order_by(SESSIONS.c.opened_at.desc(), SESSIONS.c.session_id.desc()))
    return cast(list[SessionData], _data(rows))  # as save_sessions() stored them


def patch_session(conn: Connection, session_id: str, changes: Mapping[str, Any]) -> None:
    """Apply a change the server confirmed (a close, an update) to the cached copy until the next refresh."""
    found = session(conn, session_id)
    if found is None:
        return
    data = {**found, **changes}
    values: dict[str, Any] = {"data": data, "status": data["status"], "total_units": data.get("total_units") or 0}
    conn.execute(SESSIONS.update().where(SESSIONS.c.session_id == session_id).values(**values))


def patch_record(conn: Connection, record_id: str, changes: Mapping[str, Any]) -> None:
    data = record(conn, record_id)
    if data is not None:
        conn.execute(RECORDS.update().where(RECORDS.c.record_id == record_id).values(data={**data, **changes}))


def session(conn: Connection, session_id: str) -> SessionData | None:
    found = conn.execute(select(SESSIONS.c.data).where(SESSIONS.c.session_id == session_id)).scalar()
    return cast("SessionData | None", found)  # as save_sessions() stored it


# ------------------------------------------------------------------------------------------------ records
def save_session_records(
    conn: Connection, session: Mapping[str, Any], records: Sequence[Mapping[str, Any]], fetched_at: str
) -> None:
    """A session's complete record list as the server has it now (its fingerprint notes that it is current)."""
    save_records(conn, records, fetched_at)
    conn.execute(
        SESSIONS.update()
        .where(SESSIONS.c.session_id == session["session_id"])
        .values(records_fingerprint=session_fingerprint(session))
    )


_UPSERT_RECORD = (
    "INSERT INTO records (record_id, session_id, worker_id, client_event_id, units, void_of, recorded_at, data, "
    "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
    "session_id = excluded.session_id, worker_id = excluded.worker_id, client_event_id = excluded.client_event_id, "
    "units = excluded.units, void_of = excluded.void_of, recorded_at = excluded.recorded_at, data = excluded.data, "
    "fetched_at = excluded.fetched_at"
)


def save_records(conn: Connection, records: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    # Straight to the driver: confirmed records are saved with every bulk batch the sync engine sends.
    rows = [
        (
            r["record_id"],
            r["session_id"],
            r["worker_id"],
            r.get("client_event_id"),
            r["units"],
            r.get("void_of"),
            r.get("recorded_at_utc"),
            json.dumps(dict(r)),
            fetched_at,
        )
        for r in records
    ]
    if rows:
        sqlite_of(conn).executemany(_UPSERT_RECORD, rows)


def session_records(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(RECORDS.c.data)
        .where(RECORDS.c.session_id == session_id)
        .order_by(RECORDS.c.recorded_at, RECORDS.c.record_id)
    )
    return _data(rows)


def record(conn: Connection, record_id: str) -> dict[str, Any] | None:
    return conn.execute(select(RECORDS.c.data).where(RECORDS.c.record_id == record_id)).scalar()


# ------------------------------------------------------------------------------------------------ forms
def save_forms(conn: Connection, forms: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    rows = [
        {
            "form_id": f["form_id"],
            "type": f.get("type"),
            "subtype": f.get("subtype"),
            "data": dict(f),
            "fetched_at": fetched_at,
        }
        for f in forms
    ]
    upsert(conn, FORMS, rows)


def forms(conn: Connection, *, form_type: str | None = None, subtype: str | None = None) -> list[dict[str, Any]]:
    statement = select(FORMS.c.data)
    if form_type is not None:
        statement = statement.where(FORMS.c.type == form_type)
    if subtype is not None:
        statement = statement.where(FORMS.c.subtype == subtype)
    return _data(conn.execute(statement.order_by(FORMS.c.form_id)))


# ------------------------------------------------------------------------------------------------ phytosanitary
def save_phyto_records(conn: Connection, records: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    rows = [
        {
            "record_id": r["record_id"],
            "project_id": r.get("project_id"),
            "sector_id": r.get("sector_id"),
            "created_at": r["created_at"],
            "data": dict(r),
            "fetched_at": fetched_at,
        }
        for r in records
    ]
    upsert(conn, PHYTO, rows)


def phyto_records(
    conn: Connection, *, since: str | None = None, until: str | None = None, project_id: str | None = None
) -> list[dict[str, Any]]:
    statement = select(PHYTO.c.data)
    if since is not None:
        statement = statement.where(PHYTO.c.created_at >= since)
    if until is not None:
        statement = statement.where(PHYTO.c.created_at < until)
    if project_id is not None:
        statement = statement.where(PHYTO.c.project_id == project_id)
    return _data(conn.execute(statement.order_by(PHYTO.c.created_at)))


# ------------------------------------------------------------------------------------------------ whole replies
def save_document(conn: Connection, kind: str, key: str, data: Any, fetched_at: str) -> None:
    upsert(conn, DOCUMENTS, [{"key": f"{kind}:{key}", "kind": kind, "data": data, "fetched_at": fetched_at}])


def document(conn: Connection, kind: str, key: str) -> tuple[Any, str] | None:
    """The stored reply and when it was fetched."""
    row = conn.execute(
        select(DOCUMENTS.c.data, DOCUMENTS.c.fetched_at).where(DOCUMENTS.c.key == f"{kind}:{key}")
    ).first()
    return None if row is None else (row.data, row.fetched_at)


# ------------------------------------------------------------------------------------------------ people
PEOPLE = "people"
"""The document of people's names (hydrodesk.domain.people): one per company file, merged at every save."""


def save_people(conn: Connection, names: Mapping[str, str], fetched_at: str) -> None:
    """Names learnt from a reply, merged into those known (a newer name for the same account wins)."""
    if not names:
        return
    known = document(conn, PEOPLE, "all")
    merged = {**(known[0] if known is not None and isinstance(known[0], dict) else {}), **names}
    save_document(conn, PEOPLE, "all", merged, fetched_at)


def people(conn: Connection) -> dict[str, str]:
    known = document(conn, PEOPLE, "all")
    if known is None or not isinstance(known[0], dict):
        return {}
    return {str(account): str(name) for account, name in known[0].items() if account and name}


# ------------------------------------------------------------------------------------------------ series
def save_weather(conn: Connection, project_id: str, resolution: str, points: Sequence[Mapping[str, Any]]) -> None:
    rows = [{"project_id": project_id, "resolution": resolution, "ts": p["ts"], "data": dict(p)} for p in points]
    upsert(conn, WEATHER, rows)


def weather(conn: Connection, project_id: str, resolution: str, start: str, end: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(WEATHER.c.data)
        .where(
            WEATHER.c.project_id == project_id,
            WEATHER.c.resolution == resolution,
            WEATHER.c.ts >= start,
            WEATHER.c.ts <= end,
        )
        .order_by(WEATHER.c.ts)
    )
    return _data(rows)


def save_plant(conn: Connection, sector_id: str, resolution: str, points: Sequence[Mapping[str, Any]]) -> None:
    rows = [{"sector_id": sector_id, "resolution": resolution, "ts": p["ts"], "data": dict(p)} for p in points]
    upsert(conn, PLANT, rows)


def plant(conn: Connection, sector_id: str, resolution: str, start: str, end: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(PLANT.c.data)
        .where(PLANT.c.sector_id == sector_id, PLANT.c.resolution == resolution, PLANT.c.ts >= start, PLANT.c.ts <= end)
        .order_by(PLANT.c.ts)
    )
    return _data(rows)


# ------------------------------------------------------------------------------------------------ irrigation
def save_valves(conn: Connection, project_id: str, valves: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    """The project's whole list of valves: one the server no longer lists is gone (deleted there). The outbox
    keeps its own copy of what a queued command names, so nothing queued is lost with it."""
    upsert(
        conn,
        VALVES,
        [
            {"valve_id": v["valve_id"], "project_id": project_id, "data": dict(v), "fetched_at": fetched_at}
            for v in valves
        ],
    )
    _forget_others(conn, VALVES, VALVES.c.valve_id, project_id, [v["valve_id"] for v in valves])


def valves(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    return _data(
        conn.execute(select(VALVES.c.data).where(VALVES.c.project_id == project_id).order_by(VALVES.c.valve_id))
    )


def save_programs(conn: Connection, project_id: str, programs: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    rows = [
        {"program_id": p["program_id"], "project_id": project_id, "data": dict(p), "fetched_at": fetched_at}
        for p in programs
    ]
    upsert(conn, PROGRAMS, rows)
    _forget_others(conn, PROGRAMS, PROGRAMS.c.program_id, project_id, [p["program_id"] for p in programs])


def _forget_others(conn: Connection, table: Table, key: Any, project_id: str, kept: Sequence[str]) -> None:
    """Delete the project's rows the server's complete list no longer has."""
    conn.execute(table.delete().where(table.c.project_id == project_id, key.not_in(list(kept))))


def programs(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(PROGRAMS.c.data).where(PROGRAMS.c.project_id == project_id).order_by(PROGRAMS.c.program_id)
    )
    return _data(rows)


def save_irrigation_logs(conn: Connection, project_id: str, logs: Sequence[Mapping[str, Any]], fetched_at: str) -> None:
    rows = [
        {
            "log_id": entry["log_id"],
            "project_id": project_id,
            "started_at": entry["started_at"],
            "data": dict(entry),
            "fetched_at": fetched_at,
        }
        for entry in logs
    ]
    upsert(conn, LOGS, rows)


def irrigation_logs(conn: Connection, project_id: str, start: str, end: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(LOGS.c.data)
        .where(LOGS.c.project_id == project_id, LOGS.c.started_at >= start, LOGS.c.started_at <= end)
        .order_by(LOGS.c.started_at)
    )
    return _data(rows)


# ------------------------------------------------------------------------------------------------ refresh marks
def mark_refreshed(conn: Connection, name: str, at: str, detail: Mapping[str, Any] | None = None) -> None:
    upsert(conn, MARKS, [{"name": name, "refreshed_at": at, "detail": None if detail is None else dict(detail)}])


def refreshed_at(conn: Connection, name: str) -> str | None:
    return conn.execute(select(MARKS.c.refreshed_at).where(MARKS.c.name == name)).scalar()
