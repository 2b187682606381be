"""The demo farm's IoT side: field devices, weather stations, valves, irrigation programs and four weeks of logs.

Deterministic: a fixed random seed, and dates relative to today, so every machine gets the same farm.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.domain.irrigation import FlowEnvelope, irrigation_volume_l
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.db import Database, dumps
from hydrodesk.sim.farm import PROJECTS
from hydrodesk.sim.http import format_utc
from hydrodesk.sim.iot import weather_model
from hydrodesk.sim.iot.stations import project_station

SEED = 20251019
LOG_DAYS = 28
# Drip on blueberries applies about 2.4 mm/h: 24 m³ per hectare and hour, i.e. 400 L/min per hectare.
DRIP_LPM_PER_HA = 400.0
RAIN_DELAY_MM = 12.0  # controllers skip a scheduled run the day after this much rain
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

CLIMATE_OF_PROJECT = {
    "proj_123": "mexico_highland",
    "proj_456": "peru_coastal_desert",
    "proj_789": "mexico_semi_arid",
}
# (deviceId, projectId, kind, name)
DEVICES = [
    ("bitRTU-01", "proj_123", "rtu", "RTU Lote A"),
    ("bitRTU-02", "proj_123", "rtu", "RTU Lote B"),
    ("bitRTU-03", "proj_123", "rtu", "RTU Lote C"),
    ("bitRTU-04", "proj_456", "rtu", "RTU Parcela Norte"),
    ("bitRTU-05", "proj_456", "rtu", "RTU Parcelas Sur y Este"),
    ("bitRTU-06", "proj_789", "rtu", "RTU Tablas"),
    ("bitWS-01", "proj_123", "weather_station", "Estación meteorológica Rancho San Pedro"),
    ("bitWS-02", "proj_456", "weather_station", "Estación meteorológica El Mirador"),
    ("bitWS-03", "proj_789", "weather_station", "Estación meteorológica Campo Norte"),
]
# (valveId, deviceId, sectorId, name, hectares it waters: a hydraulic unit, sized for one valve and one pipe)
VALVES = [
    ("valve_001", "bitRTU-01", "sector_001", "Válvula A-1 Norte", 1.2),
    ("valve_002", "bitRTU-01", "sector_001", "Válvula A-1 Sur", 1.1),
    ("valve_003", "bitRTU-01", "sector_002", "Válvula A-2", 1.4),
    ("valve_004", "bitRTU-02", "sector_003", "Válvula B-1 Norte", 1.3),
    ("valve_005", "bitRTU-02", "sector_003", "Válvula B-1 Sur", 1.2),
    ("valve_006", "bitRTU-02", "sector_004", "Válvula B-2", 1.5),
    ("valve_007", "bitRTU-03", "sector_005", "Válvula C-1", 1.0),
    ("valve_008", "bitRTU-04", "sector_101", "Válvula Norte 1", 1.6),
    ("valve_009", "bitRTU-04", "sector_101", "Válvula Norte 2", 1.5),
    ("valve_010", "bitRTU-05", "sector_102", "Válvula Sur", 1.4),
    ("valve_011", "bitRTU-05", "sector_103", "Válvula Este", 1.2),
    ("valve_701", "bitRTU-06", "sector_701", "Válvula Tabla 1", 0.8),
    ("valve_702", "bitRTU-06", "sector_702", "Válvula Tabla 2", 0.9),
]


@dataclass(frozen=True)
class ProgramSeed:
    program_id: str
    project_id: str
    name: str
    enabled: bool
    valves: list[tuple[str, int]]  # (valveId, durationMin)
    days: list[str]
    start_times: list[str]


PROGRAMS = [
    ProgramSeed(
        "prog_001",
        "proj_123",
        "Riego matutino Lote A",
        True,
        [("valve_001", 45), ("valve_002", 45), ("valve_003", 40)],
        ALL_DAYS,
        ["05:30"],
    ),
    ProgramSeed(
        "prog_002",
        "proj_123",
        "Riego Lote B en días alternos",
        True,
        [("valve_004", 60), ("valve_005", 60), ("valve_006", 55)],
        ["mon", "wed", "fri"],
        ["06:00", "14:00"],
    ),
    ProgramSeed(
        "prog_003",
        "proj_456",
        "Turno de mañana El Mirador",
        True,
        [("valve_008", 90), ("valve_009", 90), ("valve_010", 75), ("valve_011", 75)],
        ALL_DAYS,
        ["06:30"],
    ),
    ProgramSeed(
        "prog_004",
        "proj_456",
        "Refresco de tarde (verano)",
        False,
        [("valve_010", 20), ("valve_011", 20)],
        ["tue", "thu", "sat"],
        ["13:30"],
    ),
    ProgramSeed(
        "prog_701", "proj_789", "Riego Tablas", True, [("valve_701", 30), ("valve_702", 30)], ALL_DAYS, ["07:00"]
    ),
]
# Valves watered by hand from the console now and then: (valveId, every N days, by whom).
MANUAL_RUNS = [
    ("valve_007", 2, "user_123456789"),
    ("valve_006", 9, "user_987654321"),
    ("valve_011", 6, "user_987654321"),
]


def seed_iot(ctx: SimContext) -> None:
    rng = random.Random(SEED)
    now = ctx.clock.now()
    projects = {project["project_id"]: project for project in PROJECTS}
    db = ctx.db
    valves: dict[str, dict[str, Any]] = {}
    with db.transaction() as connection:
        for device_id, project_id, kind, name in DEVICES:
            connection.execute(
                "INSERT INTO iot_devices VALUES (?, ?, ?, ?, ?)",
                (device_id, projects[project_id]["company_id"], project_id, kind, name),
            )
            if kind == "weather_station":
                lon, lat = projects[project_id]["origin"]
                connection.execute(
                    "INSERT INTO weather_stations VALUES (?, ?, ?, ?, ?)",
                    (device_id, project_id, CLIMATE_OF_PROJECT[project_id], lat, lon),
                )
        project_of_device = {device_id: project_id for device_id, project_id, _, _ in DEVICES}
        for valve_id, device_id, sector_id, name, hectares in VALVES:
            project_id = project_of_device[device_id]
            nominal = hectares * DRIP_LPM_PER_HA * rng.uniform(0.92, 1.08)
            envelope = FlowEnvelope.around(nominal)
            connection.execute(
                "INSERT INTO valves (valve_id, device_id, company_id, project_id, sector_id, name, observed_state, "
                "commanded_state, flow_lpm, pressure_bar, min_lpm, max_lpm, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, 'closed', 'closed', 0.0, 0.0, ?, ?, ?)",
                (
                    valve_id,
                    device_id,
                    projects[project_id]["company_id"],
                    project_id,
                    sector_id,
                    name,
                    envelope.min_lpm,
                    envelope.max_lpm,
                    format_utc(now - timedelta(seconds=rng.randint(30, 300))),
                ),
            )
            valves[valve_id] = {
                "project_id": project_id,
                "company_id": projects[project_id]["company_id"],
                "sector_id": sector_id,
                "device_id": device_id,
                "nominal": nominal,
            }
        for program in PROGRAMS:
            connection.execute(
                "INSERT INTO irrigation_programs (program_id, company_id, project_id, name, enabled, valves, schedule) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    program.program_id,
                    projects[program.project_id]["company_id"],
                    program.project_id,
                    program.name,
                    int(program.enabled),
                    dumps([{"valveId": valve_id, "durationMin": minutes} for valve_id, minutes in program.valves]),
                    dumps({"days": program.days, "startTimes": program.start_times}),
                ),
            )
        writer = _LogWriter(connection, rng, valves, now)
        for program in PROGRAMS:
            if program.enabled:
                _seed_program_runs(writer, program, projects[program.project_id]["timezone"], db)
        for valve_id, every_days, auth0_id in MANUAL_RUNS:
            timezone = projects[valves[valve_id]["project_id"]]["timezone"]
            _seed_manual_runs(writer, valve_id, every_days, auth0_id, timezone)


class _LogWriter:
    def __init__(
        self, connection: sqlite3.Connection, rng: random.Random, valves: dict[str, dict[str, Any]], now: datetime
    ) -> None:
        self.connection = connection
        self.rng = rng
        self.valves = valves
        self.now = now
        self.count = 0

    def write(
        self,
        valve_id: str,
        started: datetime,
        minutes: float,
        source: str,
        program_id: str | None = None,
        command_id: str | None = None,
        auth0_id: str | None = None,
    ) -> None:
        ended = started + timedelta(minutes=minutes)
        if ended > self.now:
            return  # still running or in the future: not a finished irrigation yet
        valve = self.valves[valve_id]
        flow = valve["nominal"] * self.rng.uniform(0.95, 1.04)
        self.count += 1
        self.connection.execute(
            "INSERT INTO irrigation_logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f"log_{self.count:05d}",
                valve["company_id"],
                valve["project_id"],
                valve_id,
                valve["sector_id"],
                format_utc(started),
                format_utc(ended),
                irrigation_volume_l(minutes, flow),
                source,
                program_id,
                command_id,
                auth0_id,
            ),
        )


def _local_days(timezone: str, now: datetime) -> list[date]:
    today = now.astimezone(ZoneInfo(timezone)).date()
    return [today - timedelta(days=back) for back in range(LOG_DAYS, -1, -1)]


def rain_delayed(station: weather_model.Station, day: date) -> bool:
    """Controllers skip a day's scheduled runs after a rainy day."""
    yesterday_rain = weather_model.day_weather(station, day - timedelta(days=1)).rain
    return yesterday_rain is not None and yesterday_rain.total_mm >= RAIN_DELAY_MM


def _seed_program_runs(writer: _LogWriter, program: ProgramSeed, timezone: str, db: Database) -> None:
    station = project_station(db, program.project_id)
    tz = ZoneInfo(timezone)
    for day in _local_days(timezone, writer.now):
        if ALL_DAYS[day.weekday()] not in program.days:
            continue
        if rain_delayed(station, day):
            continue
        for start_text in program.start_times:
            start = datetime.combine(day, time.fromisoformat(start_text), tzinfo=tz)
            for valve_id, minutes in program.valves:
                # Controllers start on the minute; opening and closing add a few seconds either way.
                started = start + timedelta(seconds=writer.rng.randint(0, 20))
                writer.write(valve_id, started, minutes + writer.rng.uniform(-0.3, 0.6), "program", program.program_id)


def _seed_manual_runs(writer: _LogWriter, valve_id: str, every_days: int, auth0_id: str, timezone: str) -> None:
    tz = ZoneInfo(timezone)
    valve = writer.valves[valve_id]
    for day in _local_days(timezone, writer.now)[::every_days]:
        started = datetime.combine(day, time(7), tzinfo=tz) + timedelta(minutes=writer.rng.randint(0, 150))
        minutes = writer.rng.choice([20, 30, 45, 60, 90])
        if started + timedelta(minutes=minutes) > writer.now:
            continue
        command_id = str(uuid.UUID(int=writer.rng.getrandbits(128), version=4))
        requested = started - timedelta(seconds=writer.rng.randint(3, 9))
        writer.connection.execute(
            "INSERT INTO irrigation_commands (command_id, valve_id, device_id, company_id, project_id, action, "
            "duration_min, auth0_id, source, program_id, status, requested_at, sent_at, acked_at, confirmed_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, 'manual', NULL, 'confirmed', ?, ?, ?, ?, ?)",
            (
                command_id,
                valve_id,
                valve["device_id"],
                valve["company_id"],
                valve["project_id"],
                minutes,
                auth0_id,
                format_utc(requested),
                format_utc(requested + timedelta(milliseconds=180)),
                format_utc(requested + timedelta(seconds=1, milliseconds=400)),
                format_utc(started + timedelta(seconds=25)),
                format_utc(requested + timedelta(minutes=15)),
            ),
        )
        writer.write(valve_id, started, minutes, "manual", command_id=command_id, auth0_id=auth0_id)
