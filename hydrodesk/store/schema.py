"""The tables of the local database: the cache of server data, and the outbox of changes made here.

Two rules shape them:
- Cache tables hold only what the server said. Each row keeps the server's object whole in `data` (JSON, the API
  model's attribute names) plus the few columns we look it up or sort by. A new server field needs no migration,
  and a refresh can overwrite a row without touching anything the office did.
- What the office did lives in `outbox` until the server has it. Views (pending records in a tally, a session
  opened offline) are the cache overlaid with the outbox, so a refresh can never wipe out local work.

Timestamps are ISO 8601 UTC text with milliseconds and `Z` (they sort as text); days are `YYYY-MM-DD`.
Changing anything here needs a new migration in hydrodesk/store/migrations/versions (a test compares the two).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so later migrations (batch mode on SQLite) can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every model here maps one declared Table (no joins, no mapped selects); SQLAlchemy types `__table__` as the
    # wider FromClause, which has no insert()/update()/delete().
    __table__: ClassVar[Table]


class Company(Base):
    """The companies the office knows by name (the signed-in user's, from companies/me), so the navigator and the
    printed reports name the company offline too."""

    __tablename__ = "companies"
    company_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Project(Base):
    __tablename__ = "projects"
    project_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Sector(Base):
    __tablename__ = "sectors"
    sector_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.project_id", ondelete="CASCADE"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Worker(Base):
    __tablename__ = "workers"
    worker_id: Mapped[str] = mapped_column(String, primary_key=True)  # the business id, e.g. JS0315
    uid: Mapped[str | None] = mapped_column(String, unique=True)  # the server's own id
    search_text: Mapped[str] = mapped_column(String)  # names and worker_id, accents and case folded
    status: Mapped[str | None] = mapped_column(String)
    server_created_at: Mapped[str | None] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Session(Base):
    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_project_day", "project_id", "day"),)
    session_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str] = mapped_column(String)
    sector_id: Mapped[str] = mapped_column(String)
    owner_auth0_id: Mapped[str] = mapped_column(String)
    day: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    opened_at: Mapped[str] = mapped_column(String)
    total_units: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)
    # What the session looked like when its records were last fetched: unchanged means no need to fetch again.
    records_fingerprint: Mapped[str | None] = mapped_column(String)


class Record(Base):
    __tablename__ = "records"
    # Voids by the record they cancel (few rows: a partial index), for laying pending voids over the cache.
    __table_args__ = (Index("ix_records_void_of", "void_of", sqlite_where=text("void_of IS NOT NULL")),)
    record_id: Mapped[str] = mapped_column(String, primary_key=True)
    session_id: Mapped[str] = mapped_column(String, index=True)
    worker_id: Mapped[str] = mapped_column(String)
    client_event_id: Mapped[str | None] = mapped_column(String, index=True)
    units: Mapped[float] = mapped_column(Float)
    void_of: Mapped[str | None] = mapped_column(String)
    recorded_at: Mapped[str | None] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class RecordSum(Base):
    """Per session and worker, the cached records' net units, deliveries and voids: what a day's or a season's
    per-worker table reads instead of a million records. Kept current by triggers on `records` (migration 0002),
    so every way of writing records keeps it right; never written directly."""

    __tablename__ = "record_sums"
    __table_args__ = ({"sqlite_with_rowid": False},)
    session_id: Mapped[str] = mapped_column(String, primary_key=True)
    worker_id: Mapped[str] = mapped_column(String, primary_key=True)
    units: Mapped[float] = mapped_column(Float)
    records: Mapped[int] = mapped_column(Integer)
    voids: Mapped[int] = mapped_column(Integer)


class TelemetryRollup(Base):
    """One-minute min/max/mean of a live telemetry series (hydrodesk.domain.telemetry_rollups): what the office
    keeps of telemetry across restarts. Upserted by (device, metric, minute); written only by store/rollups.py."""

    __tablename__ = "telemetry_rollups"
    __table_args__ = ({"sqlite_with_rowid": False},)
    device_id: Mapped[str] = mapped_column(String, primary_key=True)
    metric: Mapped[str] = mapped_column(String, primary_key=True)
    minute: Mapped[float] = mapped_column(Float, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    minimum: Mapped[float] = mapped_column(Float)
    maximum: Mapped[float] = mapped_column(Float)
    mean: Mapped[float] = mapped_column(Float)


class Form(Base):
    __tablename__ = "forms"
    form_id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str | None] = mapped_column(String)
    subtype: Mapped[str | None] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class PhytoRecord(Base):
    __tablename__ = "phyto_records"
    record_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str | None] = mapped_column(String)
    sector_id: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Document(Base):
    """A whole reply kept as it came (phytosanitary summaries, harvest, worker options), keyed by its query."""

    __tablename__ = "documents"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    data: Mapped[dict[str, Any] | list[Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class WeatherPoint(Base):
    __tablename__ = "weather_points"
    project_id: Mapped[str] = mapped_column(String, primary_key=True)
    resolution: Mapped[str] = mapped_column(String, primary_key=True)
    ts: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlantPoint(Base):
    __tablename__ = "plant_points"
    sector_id: Mapped[str] = mapped_column(String, primary_key=True)
    resolution: Mapped[str] = mapped_column(String, primary_key=True)
    ts: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Valve(Base):
    __tablename__ = "valves"
    valve_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str] = mapped_column(String, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class Program(Base):
    __tablename__ = "programs"
    program_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str] = mapped_column(String, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class IrrigationLog(Base):
    __tablename__ = "irrigation_logs"
    __table_args__ = (Index("ix_irrigation_logs_project_started", "project_id", "started_at"),)
    log_id: Mapped[str] = mapped_column(String, primary_key=True)
    project_id: Mapped[str] = mapped_column(String)
    started_at: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class AlarmJournalEntry(Base):
    """An alarm raised here (by the rules over live telemetry, or a command's follow-up), and what people did with
    it. The office's own record: kept whatever the cache does (hydrodesk.store.alarms)."""

    __tablename__ = "alarm_journal"
    __table_args__ = (Index("ix_alarm_journal_open", "cleared_at", "alarm_id"),)
    alarm_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String)
    device_id: Mapped[str] = mapped_column(String)
    valve_id: Mapped[str | None] = mapped_column(String)
    subject: Mapped[str] = mapped_column(String)
    value: Mapped[float | None] = mapped_column(Float)
    readings: Mapped[dict[str, Any]] = mapped_column(JSON)
    raised_at: Mapped[str] = mapped_column(String)
    last_seen_at: Mapped[str | None] = mapped_column(String)
    repeats: Mapped[int] = mapped_column(Integer)
    active: Mapped[int] = mapped_column(Integer)
    acknowledged_at: Mapped[str | None] = mapped_column(String)
    acknowledged_by: Mapped[str | None] = mapped_column(String)
    cleared_at: Mapped[str | None] = mapped_column(String)
    cleared_by: Mapped[str | None] = mapped_column(String)


class AlarmRule(Base):
    """Alarm thresholds the user set: `scope` is "valve:<id>" for one valve's, "office" for the office's."""

    __tablename__ = "alarm_rules"
    scope: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[str] = mapped_column(String)


class RefreshMark(Base):
    """When a data set was last fetched in full or in part: what incremental refresh starts from."""

    __tablename__ = "refresh_marks"
    name: Mapped[str] = mapped_column(String, primary_key=True)
    refreshed_at: Mapped[str] = mapped_column(String)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class LocalId(Base):
    """Something made offline under a local id (a session), and the server id it got once sent."""

    __tablename__ = "local_ids"
    local_id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    server_id: Mapped[str | None] = mapped_column(String)
    assigned_at: Mapped[str | None] = mapped_column(String)


class OutboxEntry(Base):
    """One change the office made, waiting for (or acknowledged by) the server. Never deleted."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("kind", "idem_key"),
        Index("ix_outbox_state_seq", "state", "seq"),
        Index("ix_outbox_group_seq", "entity_key", "seq"),
        {"sqlite_autoincrement": True},
    )
    # AUTOINCREMENT: sequence numbers are never reused, so "made before" stays true forever.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)
    entity_key: Mapped[str] = mapped_column(String)  # the ordering group (hydrodesk.domain.outbox)
    idem_key: Mapped[str] = mapped_column(String)  # clientEventId / commandId / local id: fixed when made
    auth0_id: Mapped[str] = mapped_column(String)  # who made it: only they may send it
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    depends_on: Mapped[list[Any]] = mapped_column(JSON)  # entry ids that must be done first
    state: Mapped[str] = mapped_column(String)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String)  # when the user acted
    updated_at: Mapped[str] = mapped_column(String)
    expires_at: Mapped[str | None] = mapped_column(String)  # not sent after this (irrigation commands)
    reason: Mapped[str | None] = mapped_column(Text)  # why it failed / conflicts / expired, for the user
    error_code: Mapped[str | None] = mapped_column(String)  # the server's error code, e.g. session_closed
    last_error: Mapped[str | None] = mapped_column(Text)  # the last transient failure, for the outbox view
    blocked_by: Mapped[str | None] = mapped_column(String)  # the entry whose failure stopped this one
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what the server answered (ids it assigned)
    history: Mapped[list[Any]] = mapped_column(JSON)  # the user's decisions: [{at, action, note}]


metadata = Base.metadata

__all__ = [
    "Base",
    "Document",
    "Form",
    "IrrigationLog",
    "LocalId",
    "OutboxEntry",
    "PhytoRecord",
    "PlantPoint",
    "Program",
    "Project",
    "Record",
    "RecordSum",
    "RefreshMark",
    "Sector",
    "Session",
    "Valve",
    "WeatherPoint",
    "Worker",
    "metadata",
]
