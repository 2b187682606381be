"""The IoT server's tables (devices, weather stations, valves, commands, programs, irrigation logs, published
telemetry) and the `IrrigationState` the field side reads and updates.

Rows are turned into dicts with the wire field names here, once, so routes and the field side see the same shapes.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Any

from hydrodesk.domain.irrigation import (
    CommandStatus,
    InvalidTransition,
    ObservedState,
    check_transition,
    has_expired,
)
from hydrodesk.sim.clock import SimClock
from hydrodesk.sim.db import Database, dumps, loads, register_schema
from hydrodesk.sim.http import format_utc

log = logging.getLogger(__name__)

register_schema(
    """
    CREATE TABLE IF NOT EXISTS iot_devices (
        device_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL REFERENCES companies(company_id),
        project_id TEXT NOT NULL REFERENCES projects(project_id),
        kind TEXT NOT NULL,
        name TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS weather_stations (
        station_id TEXT PRIMARY KEY REFERENCES iot_devices(device_id),
        project_id TEXT NOT NULL UNIQUE REFERENCES projects(project_id),
        climate TEXT NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS valves (
        valve_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES iot_devices(device_id),
        company_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        sector_id TEXT NOT NULL REFERENCES sectors(sector_id),
        name TEXT NOT NULL,
        observed_state TEXT NOT NULL,
        commanded_state TEXT,
        commanded_until TEXT,
        flow_lpm REAL,
        pressure_bar REAL,
        min_lpm REAL NOT NULL,
        max_lpm REAL NOT NULL,
        last_seen TEXT
    );
    CREATE INDEX IF NOT EXISTS valves_by_project ON valves(project_id);
    CREATE TABLE IF NOT EXISTS irrigation_commands (
        command_id TEXT PRIMARY KEY,
        valve_id TEXT NOT NULL REFERENCES valves(valve_id),
        device_id TEXT NOT NULL,
        company_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        action TEXT NOT NULL,
        duration_min INTEGER,
        auth0_id TEXT,
        source TEXT NOT NULL,
        program_id TEXT,
        status TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        sent_at TEXT,
        acked_at TEXT,
        confirmed_at TEXT,
        expires_at TEXT,
        error TEXT
    );
    CREATE TABLE IF NOT EXISTS irrigation_programs (
        program_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        project_id TEXT NOT NULL REFERENCES projects(project_id),
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        valves TEXT NOT NULL,
        schedule TEXT NOT NULL,
        started_at TEXT,
        ends_at TEXT,
        stopped_at TEXT
    );
    CREATE TABLE IF NOT EXISTS program_actions (
        command_id TEXT PRIMARY KEY,
        program_id TEXT NOT NULL REFERENCES irrigation_programs(program_id),
        company_id TEXT NOT NULL,
        action TEXT NOT NULL,
        auth0_id TEXT,
        result TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS irrigation_logs (
        log_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        valve_id TEXT NOT NULL,
        sector_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        volume_l REAL NOT NULL,
        source TEXT NOT NULL,
        program_id TEXT,
        command_id TEXT,
        auth0_id TEXT
    );
    CREATE INDEX IF NOT EXISTS irrigation_logs_by_project ON irrigation_logs(project_id, started_at);
    -- What the simulated devices published, as one-minute rollups (hydrodesk.sim.iot.telemetry_record).
    CREATE TABLE IF NOT EXISTS telemetry_minutes (
        device_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        minute INTEGER NOT NULL,
        count INTEGER NOT NULL,
        minimum REAL NOT NULL,
        maximum REAL NOT NULL,
        mean REAL NOT NULL,
        PRIMARY KEY (device_id, metric, minute)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS telemetry_minutes_by_minute ON telemetry_minutes(minute);
    """
)

# Wire name -> column, for what the field side may set.
_VALVE_FIELDS = {
    "observedState": "observed_state",
    "flow_lpm": "flow_lpm",
    "pressure_bar": "pressure_bar",
    "lastSeen": "last_seen",
}
_COMMAND_TIMESTAMPS = {"sentAt": "sent_at", "ackedAt": "acked_at", "confirmedAt": "confirmed_at"}
# The moment a status is reached is recorded in this field when the caller does not give one.
_STAMP_FOR_STATUS = {
    CommandStatus.SENT: "sentAt",
    CommandStatus.ACKED: "ackedAt",
    CommandStatus.CONFIRMED: "confirmedAt",
}


def _stamp(value: object) -> str | None:
    """A timestamp given as a datetime or an ISO string, in the API's format."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, str):
        return format_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    raise TypeError(f"a timestamp must be a datetime or an ISO 8601 string, not {type(value).__name__}")


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _parse_optional(value: str | None) -> datetime | None:
    return None if value is None else _parse(value)


# ------------------------------------------------------------------------------------------------ row shapes
def valve_json(row: sqlite3.Row, now: datetime) -> dict[str, Any]:
    commanded, until = row["commanded_state"], row["commanded_until"]
    # An open command carries its duration: once that has run out, the valve is meant to be closed again.
    if commanded == "open" and until is not None and now >= _parse(until):
        commanded, until = "closed", None
    return {
        "valveId": row["valve_id"],
        "deviceId": row["device_id"],
        "sectorId": row["sector_id"],
        "name": row["name"],
        "observedState": row["observed_state"],
        "commandedState": commanded,
        "commandedUntil": until,
        "flow_lpm": row["flow_lpm"],
        "pressure_bar": row["pressure_bar"],
        "expectedFlow": {"min_lpm": row["min_lpm"], "max_lpm": row["max_lpm"]},
        "lastSeen": row["last_seen"],
    }


def command_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "commandId": row["command_id"],
        "valveId": row["valve_id"],
        "action": row["action"],
        "durationMin": row["duration_min"],
        "status": row["status"],
        "requestedAt": row["requested_at"],
        "sentAt": row["sent_at"],
        "ackedAt": row["acked_at"],
        "confirmedAt": row["confirmed_at"],
        "expiresAt": row["expires_at"],
        "error": row["error"],
    }


def command_delivery(row: sqlite3.Row) -> dict[str, Any]:
    """What the field needs to carry a command to its device (the FieldBus.send_command argument)."""
    return {
        "commandId": row["command_id"],
        "valveId": row["valve_id"],
        "deviceId": row["device_id"],
        "companyId": row["company_id"],
        "projectId": row["project_id"],
        "action": row["action"],
        "durationMin": row["duration_min"],
        "expiresAt": row["expires_at"],
        # for the irrigation log the field side writes when the valve closes again
        "source": row["source"],
        "programId": row["program_id"],
        "auth0Id": row["auth0_id"],
    }


def program_json(row: sqlite3.Row, now: datetime) -> dict[str, Any]:
    return {
        "programId": row["program_id"],
        "projectId": row["project_id"],
        "name": row["name"],
        "enabled": bool(row["enabled"]),
        "valves": loads(row["valves"]),
        "schedule": loads(row["schedule"]),
        "running": program_is_running(row, now),
        "lastStartedAt": row["started_at"],
        "lastStoppedAt": row["stopped_at"],
    }


def program_is_running(row: sqlite3.Row, now: datetime) -> bool:
    """Started, not stopped since, and its longest valve run not yet over."""
    started, ends = _parse_optional(row["started_at"]), _parse_optional(row["ends_at"])
    if started is None or ends is None or now >= ends:
        return False
    stopped = _parse_optional(row["stopped_at"])
    return stopped is None or stopped < started


def log_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "logId": row["log_id"],
        "valveId": row["valve_id"],
        "sectorId": row["sector_id"],
        "startedAt": row["started_at"],
        "endedAt": row["ended_at"],
        "volume_l": row["volume_l"],
        "source": row["source"],
        "programId": row["program_id"],
        "commandId": row["command_id"],
        "auth0Id": row["auth0_id"],
    }


# ------------------------------------------------------------------------------------------------ the store
class IrrigationStore:
    """Valves, commands, programs and logs in the simulator's database; implements `IrrigationState`."""

    def __init__(self, db: Database, clock: SimClock | None = None) -> None:
        self.db = db
        self.clock = clock or SimClock()

    def now(self) -> datetime:
        return self.clock.now()

    # ---- valves
    def list_all_valves(self) -> list[dict[str, Any]]:
        rows = self.db.all("SELECT * FROM valves ORDER BY valve_id")
        now = self.now()
        return [
            {**valve_json(row, now), "companyId": row["company_id"], "projectId": row["project_id"]} for row in rows
        ]

    def valve_row(self, valve_id: str) -> sqlite3.Row | None:
        return self.db.one("SELECT * FROM valves WHERE valve_id = ?", (valve_id,))

    def get_valve(self, valve_id: str) -> dict[str, Any] | None:
        row = self.valve_row(valve_id)
        if row is None:
            return None
        return {**valve_json(row, self.now()), "companyId": row["company_id"], "projectId": row["project_id"]}

    def project_valves(self, project_id: str) -> list[dict[str, Any]]:
        rows = self.db.all("SELECT * FROM valves WHERE project_id = ? ORDER BY valve_id", (project_id,))
        now = self.now()
        return [valve_json(row, now) for row in rows]

    def update_valve(self, valve_id: str, **fields: Any) -> None:
        unknown = sorted(set(fields) - set(_VALVE_FIELDS))
        if unknown:
            raise ValueError(f"valves have no settable field(s) {', '.join(unknown)}; use {', '.join(_VALVE_FIELDS)}")
        if self.valve_row(valve_id) is None:
            raise KeyError(f"no valve {valve_id!r}")
        values = dict(fields)
        if "observedState" in values:
            values["observedState"] = ObservedState(values["observedState"]).value
        if "lastSeen" in values:
            values["lastSeen"] = _stamp(values["lastSeen"])
        if not values:
            return
        assignments = ", ".join(f"{_VALVE_FIELDS[name]} = ?" for name in values)
        self.db.execute(f"UPDATE valves SET {assignments} WHERE valve_id = ?", (*values.values(), valve_id))

    # ---- commands
    def command_row(self, command_id: str) -> sqlite3.Row | None:
        """The command, marked expired first if its delivery deadline passed while nobody acknowledged it."""
        row = self.db.one("SELECT * FROM irrigation_commands WHERE command_id = ?", (command_id,))
        if row is not None and has_expired(row["status"], _parse_optional(row["expires_at"]), self.now()):
            self.db.execute(
                "UPDATE irrigation_commands SET status = ?, error = ? WHERE command_id = ?",
                (CommandStatus.EXPIRED.value, "The command was not delivered before it expired.", command_id),
            )
            row = self.db.one("SELECT * FROM irrigation_commands WHERE command_id = ?", (command_id,))
        return row

    def get_command(self, command_id: str) -> dict[str, Any] | None:
        row = self.command_row(command_id)
        return None if row is None else {**command_json(row), **command_delivery(row)}

    def insert_command(
        self,
        connection: sqlite3.Connection,
        *,
        command_id: str,
        valve: sqlite3.Row,
        action: str,
        duration_min: int | None,
        auth0_id: str | None,
        source: str,
        program_id: str | None,
        requested_at: datetime,
        expires_at: datetime | None,
        status: CommandStatus = CommandStatus.PENDING,
    ) -> None:
        """Store a new command and record what the valve was told (inside the caller's transaction)."""
        connection.execute(
            "INSERT INTO irrigation_commands (command_id, valve_id, device_id, company_id, project_id, action, "
            "duration_min, auth0_id, source, program_id, status, requested_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                command_id,
                valve["valve_id"],
                valve["device_id"],
                valve["company_id"],
                valve["project_id"],
                action,
                duration_min,
                auth0_id,
                source,
                program_id,
                status.value,
                format_utc(requested_at),
                None if expires_at is None else format_utc(expires_at),
            ),
        )
        if action == "open":
            commanded, until = "open", format_utc(requested_at + timedelta(minutes=duration_min or 0))
        else:
            commanded, until = "closed", None
        connection.execute(
            "UPDATE valves SET commanded_state = ?, commanded_until = ? WHERE valve_id = ?",
            (commanded, until, valve["valve_id"]),
        )

    def update_command(self, command_id: str, **fields: Any) -> None:
        allowed = {"status", "error", *_COMMAND_TIMESTAMPS}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise ValueError(
                f"commands have no settable field(s) {', '.join(unknown)}; use {', '.join(sorted(allowed))}"
            )
        row = self.command_row(command_id)
        if row is None:
            raise KeyError(f"no command {command_id!r}")
        values: dict[str, Any] = {}
        if "status" in fields:
            try:
                target = check_transition(row["status"], fields["status"])
            except InvalidTransition as refused:
                # Late or duplicated field messages are normal (an ack after expiry, a re-sent ack): the first
                # word stands, the late one is noted and dropped.
                log.info("command %s: %s; ignored", command_id, refused)
                return
            values["status"] = target.value
            stamp = _STAMP_FOR_STATUS.get(target)
            if stamp is not None and fields.get(stamp) is None:
                values[_COMMAND_TIMESTAMPS[stamp]] = format_utc(self.now())
        for wire, column in _COMMAND_TIMESTAMPS.items():
            if fields.get(wire) is not None:
                values[column] = _stamp(fields[wire])
        if "error" in fields:
            values["error"] = None if fields["error"] is None else str(fields["error"])
        if not values:
            return
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE irrigation_commands SET {assignments} WHERE command_id = ?", (*values.values(), command_id)
        )

    # ---- logs
    def add_irrigation_log(self, log_entry: dict[str, Any]) -> None:
        valve = self.valve_row(str(log_entry.get("valveId")))
        if valve is None:
            raise KeyError(f"no valve {log_entry.get('valveId')!r}")
        started, ended = _stamp(log_entry["startedAt"]), _stamp(log_entry["endedAt"])
        volume = float(log_entry["volume_l"])
        if volume < 0:
            raise ValueError("volume_l must not be negative")
        source = log_entry.get("source") or "manual"
        if source not in ("manual", "program"):
            raise ValueError("source must be manual or program")
        self.db.execute(
            "INSERT INTO irrigation_logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                log_entry.get("logId") or "log_" + uuid.uuid4().hex[:16],
                valve["company_id"],
                valve["project_id"],
                valve["valve_id"],
                log_entry.get("sectorId") or valve["sector_id"],
                started,
                ended,
                round(volume, 1),
                source,
                log_entry.get("programId"),
                log_entry.get("commandId"),
                log_entry.get("auth0Id"),
            ),
        )

    def project_logs(self, project_id: str, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Irrigations that began in [start, end), newest first."""
        rows = self.db.all(
            "SELECT * FROM irrigation_logs WHERE project_id = ? AND started_at >= ? AND started_at < ? "
            "ORDER BY started_at DESC, log_id",
            (project_id, format_utc(start), format_utc(end)),
        )
        return [log_json(row) for row in rows]

    # ---- programs
    def program_row(self, program_id: str) -> sqlite3.Row | None:
        return self.db.one("SELECT * FROM irrigation_programs WHERE program_id = ?", (program_id,))

    def project_programs(self, project_id: str) -> list[dict[str, Any]]:
        rows = self.db.all("SELECT * FROM irrigation_programs WHERE project_id = ? ORDER BY program_id", (project_id,))
        now = self.now()
        return [program_json(row, now) for row in rows]

    @staticmethod
    def program_steps(program: sqlite3.Row) -> list[dict[str, Any]]:
        """The program's valves in order, each `{valveId, durationMin}`."""
        return list(loads(program["valves"]))

    @staticmethod
    def record_program_run(
        connection: sqlite3.Connection, program: sqlite3.Row, action: str, now: datetime, longest_min: int
    ) -> None:
        if action == "start":
            connection.execute(
                "UPDATE irrigation_programs SET started_at = ?, ends_at = ? WHERE program_id = ?",
                (format_utc(now), format_utc(now + timedelta(minutes=longest_min)), program["program_id"]),
            )
        else:
            connection.execute(
                "UPDATE irrigation_programs SET stopped_at = ? WHERE program_id = ?",
                (format_utc(now), program["program_id"]),
            )

    def program_action(self, command_id: str) -> sqlite3.Row | None:
        return self.db.one("SELECT * FROM program_actions WHERE command_id = ?", (command_id,))

    @staticmethod
    def action_result(row: sqlite3.Row) -> dict[str, Any]:
        return loads(row["result"])

    @staticmethod
    def save_program_action(
        connection: sqlite3.Connection,
        *,
        command_id: str,
        program: sqlite3.Row,
        action: str,
        auth0_id: str,
        result: dict[str, Any],
    ) -> None:
        connection.execute(
            "INSERT INTO program_actions VALUES (?, ?, ?, ?, ?, ?)",
            (command_id, program["program_id"], program["company_id"], action, auth0_id, dumps(result)),
        )
