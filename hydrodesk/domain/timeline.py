"""A sector's timeline: what happened in one sector over a day or a week, as events on one time axis.

Qt-free: the lanes (irrigation runs and valve commands, soil moisture, rain and ET0, scouting, harvest) are built
here from the cache's dicts, so the pane only draws them and the tests can compare them with the simulator.

Times are UTC seconds since the epoch (what the chart's axis takes); days are the project's local days, so the
window of "yesterday" on a farm in Lima runs from 05:00 to 05:00 UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.domain.phyto import Observation, summarize
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict, worst
from hydrodesk.domain.timestamps import parse_utc_text

# A run logged as started this long before the window may still be running inside it (the longest open is 12 h).
LONGEST_RUN = timedelta(hours=12)
HOUR_S = 3600.0


# ------------------------------------------------------------------------------------------------ the window
@dataclass(frozen=True)
class Window:
    """Local days `first`..`last` of a farm, and the UTC instants they begin and end at."""

    first: date
    days: int
    timezone: str

    @property
    def last(self) -> date:
        return self.first + timedelta(days=self.days - 1)

    @property
    def start(self) -> datetime:
        return local_midnight(self.first, self.timezone)

    @property
    def end(self) -> datetime:
        return local_midnight(self.first + timedelta(days=self.days), self.timezone)

    def local_days(self) -> list[date]:
        return [self.first + timedelta(days=offset) for offset in range(self.days)]

    def shifted(self, steps: int) -> Window:
        """The window `steps` spans later (earlier when negative): previous/next day or week."""
        return Window(self.first + timedelta(days=self.days * steps), self.days, self.timezone)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def local_midnight(day: date, timezone: str) -> datetime:
    """The UTC instant the farm's clocks show 00:00 on `day` (a DST day is 23 or 25 hours long)."""
    return datetime.combine(day, time(0), ZoneInfo(timezone)).astimezone(UTC)


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks, as farm offices plan them)."""
    return day - timedelta(days=day.weekday())


def preset_window(preset: str, now: datetime, timezone: str) -> Window:
    """`today`, `yesterday`, `this_week`, `last_week` at the farm."""
    today = local_today(now, timezone)
    if preset == "today":
        return Window(today, 1, timezone)
    if preset == "yesterday":
        return Window(today - timedelta(days=1), 1, timezone)
    if preset == "this_week":
        return Window(week_start(today), 7, timezone)
    if preset == "last_week":
        return Window(week_start(today) - timedelta(days=7), 7, timezone)
    raise ValueError(f"unknown preset {preset!r}")


def seconds(moment: datetime | str) -> float:
    return (parse_utc_text(moment) if isinstance(moment, str) else moment).timestamp()


# ------------------------------------------------------------------------------------------------ lanes
@dataclass(frozen=True)
class IrrigationRun:
    start: float
    end: float  # the window's end (or now) for a run still going
    valve_id: str
    valve_name: str
    source: str  # manual | program
    volume_l: float | None
    running: bool


@dataclass(frozen=True)
class CommandMark:
    at: float
    valve_id: str
    valve_name: str
    action: str  # open | close
    duration_min: int | None
    status: str  # pending | sent | acked | confirmed | failed | expired | queued


@dataclass(frozen=True)
class SeriesLine:
    name: str  # "10cm", "rain", "et0"
    ts: tuple[float, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Finding:
    name: str  # the form's label, e.g. "Aphids (Pulgón)"
    variable: str  # the form's field name the thresholds use, e.g. "aphids"
    count: float
    severity: float


@dataclass(frozen=True)
class ScoutMark:
    at: float
    record_id: str
    scout: str
    verdict: Verdict
    findings: tuple[Finding, ...]  # only what was present (count > 0)


@dataclass(frozen=True)
class HarvestSpan:
    session_id: str
    start: float
    end: float  # closed_at, or the window's end (or now) for an open session
    is_open: bool
    units: float
    sampling_unit: str


@dataclass(frozen=True)
class HourBar:
    start: float  # the farm's local hour's first second (UTC epoch)
    units: float


# ------------------------------------------------------------------------------------------------ builders
def _clip_end(end: datetime | None, window: Window, now: datetime) -> tuple[datetime, bool]:
    if end is not None:
        return end, False
    return min(window.end, now), True


def irrigation_runs(
    logs: Iterable[Mapping[str, Any]],
    sector_id: str,
    window: Window,
    now: datetime,
    valve_names: Mapping[str, str] | None = None,
    sector_valves: Iterable[str] = (),
) -> list[IrrigationRun]:
    """The sector's irrigation log entries that overlap the window, oldest first."""
    names = valve_names or {}
    own_valves = set(sector_valves)
    runs = []
    for entry in logs:
        if entry.get("sector_id") != sector_id and entry.get("valve_id") not in own_valves:
            continue
        started = parse_utc_text(entry["started_at"])
        ended, running = _clip_end(parse_utc_text(entry["ended_at"]) if entry.get("ended_at") else None, window, now)
        if ended <= window.start or started >= window.end:
            continue
        runs.append(
            IrrigationRun(
                start=started.timestamp(),
                end=max(ended, started).timestamp(),
                valve_id=entry["valve_id"],
                valve_name=names.get(entry["valve_id"], entry["valve_id"]),
                source=entry.get("source") or "manual",
                volume_l=entry.get("volume_l"),
                running=running,
            )
        )
    return sorted(runs, key=lambda run: (run.start, run.valve_id))


def command_marks(
    commands: Iterable[Mapping[str, Any]], sector_valves: Mapping[str, str], window: Window
) -> list[CommandMark]:
    """The office's valve commands (dicts: valve_id, action, duration_min, status, at) on the sector's valves."""
    marks = []
    for command in commands:
        valve_id: str | None = command.get("valve_id")
        if valve_id is None or valve_id not in sector_valves or not command.get("at"):
            continue
        at = parse_utc_text(command["at"])
        if not window.contains(at):
            continue
        marks.append(
            CommandMark(
                at=at.timestamp(),
                valve_id=valve_id,
                valve_name=sector_valves[valve_id],
                action=command.get("action") or "",
                duration_min=command.get("duration_min"),
                status=command.get("status") or "pending",
            )
        )
    return sorted(marks, key=lambda mark: mark.at)


def moisture_lines(points: Iterable[Mapping[str, Any]]) -> list[SeriesLine]:
    """Soil moisture per depth (10cm, 30cm, ...), shallow first; a gap in one depth leaves the others whole."""
    by_depth: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for point in points:
        at = seconds(point["ts"])
        for depth, value in (point.get("soil_moisture_pct") or {}).items():
            if value is not None:
                by_depth[depth][0].append(at)
                by_depth[depth][1].append(float(value))
    return [
        SeriesLine(depth, tuple(ts), tuple(values))
        for depth, (ts, values) in sorted(by_depth.items(), key=lambda item: _depth_cm(item[0]))
    ]


def _depth_cm(depth: str) -> float:
    try:
        return float(depth.removesuffix("cm"))
    except ValueError:
        return float("inf")


def weather_lines(points: Iterable[Mapping[str, Any]]) -> tuple[SeriesLine, SeriesLine]:
    """Rain (mm per reading) and ET0 (mm per reading) over time."""
    rain: tuple[list[float], list[float]] = ([], [])
    et0: tuple[list[float], list[float]] = ([], [])
    for point in points:
        at = seconds(point["ts"])
        for line, key in ((rain, "rain_mm"), (et0, "et0_mm")):
            if point.get(key) is not None:
                line[0].append(at)
                line[1].append(float(point[key]))
    return SeriesLine("rain", tuple(rain[0]), tuple(rain[1])), SeriesLine("et0", tuple(et0[0]), tuple(et0[1]))


def findings_of(record: Mapping[str, Any]) -> list[Finding]:
    """Every pest or disease the scout counted at this point (present or not)."""
    return [
        Finding(
            name=response.get("name") or response.get("variable_name") or "",
            variable=response.get("variable_name") or response.get("name") or "",
            count=float(response.get("value_number") or 0),
            severity=float(response.get("severity") or 0),
        )
        for response in record.get("responses") or []
    ]


def scout_marks(
    records: Iterable[Mapping[str, Any]], sector_id: str, window: Window, book: ThresholdBook | None = None
) -> list[ScoutMark]:
    """One mark per scouting point of the sector in the window, coloured by the verdict it contributes to.

    A single point cannot have an incidence of its own (it is one sample), so the verdict is the sector's for that
    local day (incidence and severity over all the points walked that day, per pest), taken over the pests found
    at this point: a point with aphids on a day the sector is in Alert for aphids is an Alert mark; a point where
    nothing was found is Okay."""
    book = book or ThresholdBook()
    zone = ZoneInfo(window.timezone)
    mine = [
        record
        for record in records
        if record.get("sector_id") == sector_id and window.contains(parse_utc_text(_record_time(record)))
    ]
    by_day: dict[date, list[Mapping[str, Any]]] = defaultdict(list)
    for record in mine:
        by_day[parse_utc_text(_record_time(record)).astimezone(zone).date()].append(record)
    marks = []
    for day_records in by_day.values():
        day_findings = [findings_of(record) for record in day_records]
        summary = summarize([Observation(f.variable, f.count, f.severity) for f in found] for found in day_findings)
        day_verdicts = {pest.name: book.verdict(pest.name, pest.incidence, pest.severity) for pest in summary.pests}
        for record, found in zip(day_records, day_findings, strict=True):
            present = tuple(finding for finding in found if finding.count > 0)
            verdict = worst([day_verdicts[finding.variable] for finding in present]) if present else Verdict.OKAY
            if not found:
                verdict = Verdict.NO_DATA
            marks.append(
                ScoutMark(
                    at=seconds(_record_time(record)),
                    record_id=record["record_id"],
                    scout=record.get("user_name") or record.get("user_id") or "",
                    verdict=verdict,
                    findings=present,
                )
            )
    return sorted(marks, key=lambda mark: (mark.at, mark.record_id))


def _record_time(record: Mapping[str, Any]) -> str:
    return str(record.get("record_time") or record["created_at"])


def harvest_spans(
    sessions: Iterable[Mapping[str, Any]], sector_id: str, window: Window, now: datetime
) -> list[HarvestSpan]:
    """The sector's production sessions open at some moment of the window, from open to close."""
    spans = []
    for session in sessions:
        if session.get("sector_id") != sector_id or not session.get("opened_at"):
            continue
        opened = parse_utc_text(session["opened_at"])
        closed, is_open = _clip_end(
            parse_utc_text(session["closed_at"]) if session.get("closed_at") else None, window, now
        )
        if closed <= window.start or opened >= window.end:
            continue
        spans.append(
            HarvestSpan(
                session_id=session["session_id"],
                start=opened.timestamp(),
                end=max(closed, opened).timestamp(),
                is_open=is_open,
                units=float(session.get("total_units") or 0),
                sampling_unit=session.get("sampling_unit") or "",
            )
        )
    return sorted(spans, key=lambda span: span.start)


def units_per_hour(records: Iterable[Mapping[str, Any]], window: Window) -> list[HourBar]:
    """Net units recorded in each hour of the window (a void counts against the hour it was made in)."""
    zone = ZoneInfo(window.timezone)
    hours: dict[float, float] = defaultdict(float)
    for record in records:
        if not record.get("recorded_at_utc"):
            continue
        at = parse_utc_text(record["recorded_at_utc"])
        if not window.contains(at):
            continue
        # The farm's hour, not UTC's: a farm half an hour off UTC still reads "07:00-08:00".
        hour = at.astimezone(zone).replace(minute=0, second=0, microsecond=0).timestamp()
        hours[hour] += float(record.get("units") or 0)
    return [HourBar(hour, round(units, 6)) for hour, units in sorted(hours.items())]


# ------------------------------------------------------------------------------------------------ everything
@dataclass(frozen=True)
class Timeline:
    window: Window
    runs: tuple[IrrigationRun, ...] = ()
    commands: tuple[CommandMark, ...] = ()
    moisture: tuple[SeriesLine, ...] = ()
    rain: SeriesLine = SeriesLine("rain", (), ())
    et0: SeriesLine = SeriesLine("et0", (), ())
    scouting: tuple[ScoutMark, ...] = ()
    harvests: tuple[HarvestSpan, ...] = ()
    hourly_units: tuple[HourBar, ...] = ()

    @property
    def has_irrigation(self) -> bool:
        return bool(self.runs or self.commands)

    @property
    def has_moisture(self) -> bool:
        return any(line.ts for line in self.moisture)

    @property
    def has_weather(self) -> bool:
        return bool(self.rain.ts or self.et0.ts)

    @property
    def has_harvest(self) -> bool:
        return bool(self.harvests or self.hourly_units)

    @property
    def is_empty(self) -> bool:
        return not (self.has_irrigation or self.has_moisture or self.has_weather or self.scouting or self.has_harvest)


@dataclass(frozen=True)
class Event:
    """One row of the events export: something that happened at a moment (or from one moment to another)."""

    start: float
    end: float | None
    lane: str  # irrigation | command | scouting | harvest
    what: str
    detail: str


def events(timeline: Timeline) -> list[Event]:
    """The discrete events of the timeline, oldest first (series such as moisture are not events)."""
    found: list[Event] = []
    for run in timeline.runs:
        volume = "" if run.volume_l is None else f"{run.volume_l:g} L"
        found.append(Event(run.start, run.end, "irrigation", f"{run.valve_name} ({run.source})", volume))
    for mark in timeline.commands:
        minutes = "" if mark.duration_min is None else f" {mark.duration_min} min"
        found.append(Event(mark.at, None, "command", f"{mark.valve_name} {mark.action}{minutes}", mark.status))
    for scout in timeline.scouting:
        text = ", ".join(f"{f.name}: {f.count:g} (grade {f.severity:g})" for f in scout.findings)
        found.append(Event(scout.at, None, "scouting", scout.verdict.value, text or "nothing found"))
    for span in timeline.harvests:
        found.append(Event(span.start, span.end, "harvest", span.session_id, f"{span.units:g} {span.sampling_unit}"))
    return sorted(found, key=lambda event: (event.start, event.lane))
