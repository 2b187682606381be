"""The live farm's irrigation: the program runs it missed, logged; and, while it is live, runs started on time.

Every enabled program runs on its schedule (days, start times, skipped after a rainy day, as the seed has it),
all its valves at once, each for its own duration. Bringing the farm up to date logs every run that has finished
by now (source `program`) and is not logged yet, marks the program's last run, and stamps each watered valve's
`lastSeen` with the moment it closed: so this morning's runs are in the irrigation log and the valves are closed,
as their RTUs report them.

A run that is under way when the farm is live and has its field devices (the demo) is started for real: the
program's valves get open commands for the minutes they have left, through the field bus, as a controller would
send them. The devices then open the valves, report the flow, close them on time, and the field side logs each
run. A run already logged or already started is never started or logged again.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from hydrodesk.domain.irrigation import MIN_DURATION_MIN, irrigation_volume_l
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.db import Database, loads
from hydrodesk.sim.http import format_utc
from hydrodesk.sim.iot.irrigation import DEFAULT_DELIVERY_WINDOW, deliver
from hydrodesk.sim.iot.seed import ALL_DAYS, rain_delayed
from hydrodesk.sim.iot.stations import project_station
from hydrodesk.sim.iot.store import IrrigationStore
from hydrodesk.sim.life.calendar import at_local, day_rng, local_today, past_days

# Scheduled runs' commands get ids derived from the program and the start, so a run is never commanded twice.
_SCHEDULED_COMMAND_NAMESPACE = uuid.UUID("0b7f3c52-9a1e-4d7b-8c3f-5e2a1d4b6c70")
# A logged irrigation of the valve by the program that began this close to a run's start is that run.
_SAME_RUN_SLACK = timedelta(minutes=1)


@dataclass(frozen=True)
class ProgramRun:
    program_id: str
    start: datetime  # UTC
    steps: tuple[tuple[str, int], ...]  # (valveId, durationMin)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=max(minutes for _, minutes in self.steps))


def _programs(db: Database) -> list[Any]:
    return db.all(
        "SELECT g.*, p.timezone FROM irrigation_programs g JOIN projects p USING (project_id) "
        "WHERE g.enabled = 1 ORDER BY g.program_id"
    )


def scheduled_runs(db: Database, program: Any, day: date) -> list[ProgramRun]:
    """The program's runs on local `day` (none on a day off, nor after a rainy day)."""
    schedule = loads(program["schedule"])
    steps = tuple((step["valveId"], int(step["durationMin"])) for step in loads(program["valves"]))
    if not steps or ALL_DAYS[day.weekday()] not in schedule.get("days", []):
        return []
    if rain_delayed(project_station(db, program["project_id"]), day):
        return []
    return [
        ProgramRun(program["program_id"], at_local(day, time.fromisoformat(start), program["timezone"]), steps)
        for start in schedule.get("startTimes", [])
    ]


def _logged_starts(db: Database, program_id: str, since: datetime) -> dict[str, list[datetime]]:
    rows = db.all(
        "SELECT valve_id, started_at FROM irrigation_logs WHERE program_id = ? AND started_at >= ?",
        (program_id, format_utc(since)),
    )
    starts: dict[str, list[datetime]] = {}
    for row in rows:
        starts.setdefault(row["valve_id"], []).append(_parse(row["started_at"]))
    return starts


def _already_logged(starts: list[datetime], run_start: datetime, minutes: int) -> bool:
    return any(run_start - _SAME_RUN_SLACK <= start <= run_start + timedelta(minutes=minutes) for start in starts)


# ------------------------------------------------------------------------------------------------ catching up
def fill_program_runs(db: Database, now: datetime, seed: int) -> int:
    """Log the finished program runs not logged yet (HORIZON_DAYS back, today included); returns how many logs."""
    valves = {row["valve_id"]: row for row in db.all("SELECT * FROM valves")}
    logs: list[tuple[Any, ...]] = []
    last_runs: list[tuple[str, str, str]] = []
    closed_at: dict[str, datetime] = {}
    for program in _programs(db):
        today = local_today(now, program["timezone"])
        days = [*past_days(today), today]
        logged = _logged_starts(db, program["program_id"], at_local(days[0], time(0), program["timezone"]))
        last_finished: ProgramRun | None = None
        for day in days:
            for run in scheduled_runs(db, program, day):
                if run.end <= now:
                    last_finished = run
                for valve_id, minutes in run.steps:
                    valve = valves.get(valve_id)
                    if valve is None or _already_logged(logged.get(valve_id, []), run.start, minutes):
                        continue
                    rng = day_rng(seed, "run", run.program_id, valve_id, format_utc(run.start))
                    # Controllers start on the minute; opening and closing add a few seconds either way.
                    started = run.start + timedelta(seconds=rng.randint(0, 20))
                    ran_min = minutes + rng.uniform(-0.3, 0.6)
                    ended = started + timedelta(minutes=ran_min)
                    if ended > now:
                        continue  # still running (or not begun): not a finished irrigation yet
                    nominal = (valve["min_lpm"] + valve["max_lpm"]) / 2
                    logs.append(
                        (f"log_{run.program_id}_{valve_id}_{run.start:%Y%m%dT%H%M}", valve["company_id"],
                         valve["project_id"], valve_id, valve["sector_id"], format_utc(started), format_utc(ended),
                         irrigation_volume_l(ran_min, nominal * rng.uniform(0.95, 1.04)), "program",
                         run.program_id, None, None)
                    )  # fmt: skip
                    closed_at[valve_id] = max(ended, closed_at.get(valve_id, ended))
        if last_finished is not None and (program["started_at"] or "") < format_utc(last_finished.start):
            last_runs.append((format_utc(last_finished.start), format_utc(last_finished.end), program["program_id"]))
    with db.transaction() as connection:
        connection.executemany(
            "INSERT OR IGNORE INTO irrigation_logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", logs
        )
        connection.executemany(
            "UPDATE irrigation_programs SET started_at = ?, ends_at = ? WHERE program_id = ?", last_runs
        )
        for valve_id, ended in closed_at.items():
            # The RTU reported the valve closing: it was last seen then, unless it reported since.
            connection.execute(
                "UPDATE valves SET last_seen = ? WHERE valve_id = ? AND (last_seen IS NULL OR last_seen < ?)",
                (format_utc(ended), valve_id, format_utc(ended)),
            )
    return len(logs)


# ------------------------------------------------------------------------------------------------ running live
def runs_under_way(db: Database, now: datetime) -> list[tuple[Any, ProgramRun]]:
    """(program row, run) of the runs going on now that were not started yet."""
    found = []
    for program in _programs(db):
        for run in scheduled_runs(db, program, local_today(now, program["timezone"])):
            if run.start <= now < run.end and (program["started_at"] or "") < format_utc(run.start):
                found.append((program, run))
    return found


async def start_run(ctx: SimContext, program: Any, run: ProgramRun) -> list[str]:
    """Open the run's valves for the minutes each has left and hand the commands to the field; returns their ids."""
    store = IrrigationStore(ctx.db, ctx.clock)
    now = store.now()
    elapsed_min = (now - run.start).total_seconds() / 60
    commands = []
    with ctx.db.transaction() as connection:
        for valve_id, minutes in run.steps:
            left = math.ceil(minutes - elapsed_min)
            valve = store.valve_row(valve_id)
            if left < MIN_DURATION_MIN or valve is None:
                continue
            command_id = str(uuid.uuid5(_SCHEDULED_COMMAND_NAMESPACE, f"{run.program_id}/{valve_id}/{run.start}"))
            store.insert_command(
                connection,
                command_id=command_id,
                valve=valve,
                action="open",
                duration_min=left,
                auth0_id=None,
                source="program",
                program_id=run.program_id,
                requested_at=now,
                expires_at=now + DEFAULT_DELIVERY_WINDOW,
            )
            commands.append(command_id)
        connection.execute(
            "UPDATE irrigation_programs SET started_at = ?, ends_at = ? WHERE program_id = ?",
            (format_utc(run.start), format_utc(run.end), program["program_id"]),
        )
    for command_id in commands:
        await deliver(ctx, store, command_id)
    return commands


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
