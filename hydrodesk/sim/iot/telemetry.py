"""GET /api/iot/telemetry: the history of a project's field-device telemetry (scope read:telemetry).

`projectId`, `startTime` and `endTime` (ISO 8601 UTC, at most 31 days apart) are required; `deviceId` and
`metric` may repeat to narrow the reply (none: every device of the project, every metric it publishes); a
`deviceId` that is not one of the project's devices is a 404. `resolution` is `raw`, `1m` or `1h` (the default).
A reply holds at most `MAX_POINTS` points, so one request can neither flood the client nor stall the server: a
bigger question is refused with a 400 saying how to narrow it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.clock import SimClock
from hydrodesk.sim.db import Database
from hydrodesk.sim.devices import DeviceSpec, device_specs
from hydrodesk.sim.farm import project_of_company
from hydrodesk.sim.http import HttpError, format_utc, invalid, ok
from hydrodesk.sim.iot import telemetry_record
from hydrodesk.sim.iot.store import IrrigationStore
from hydrodesk.sim.iot.telemetry_model import LOOKBACK_S, FieldDevice, ValveRun, reading_now
from hydrodesk.sim.iot.telemetry_series import HistoryResolution, Selection, point_count, series
from hydrodesk.sim.iot.time_range import parse_time_range, require_query

SCOPE: Final = "read:telemetry"
MAX_RANGE_DAYS: Final = 31
MAX_POINTS: Final = 250_000
DEFAULT_RESOLUTION: Final = HistoryResolution.HOUR


async def telemetry_route(request: Request) -> Response:
    principal = authenticate_api_key(request, SCOPE)
    project_id = require_query(request, "projectId")
    time_range = parse_time_range(request, max_days=MAX_RANGE_DAYS)
    resolution = _resolution(request)
    wanted_devices = _repeated(request, "deviceId")
    wanted_metrics = _repeated(request, "metric")
    db: Database = request.app.state.ctx.db
    project_of_company(db, principal.company_id, project_id)
    start, end = time_range.start.timestamp(), time_range.end.timestamp()
    devices = project_devices(db, project_id, since=start - LOOKBACK_S, until=end)
    unknown = [device_id for device_id in wanted_devices if device_id not in devices]
    if unknown:
        raise HttpError(404, f"Project {project_id} has no device {', '.join(unknown)}.", "device_not_found")
    chosen = [devices[device_id] for device_id in wanted_devices] if wanted_devices else list(devices.values())
    selections = [
        Selection(
            device, tuple(metric for metric in device.metrics() if not wanted_metrics or metric in wanted_metrics)
        )
        for device in chosen
    ]
    selections = [selection for selection in selections if selection.metrics]
    now = request.app.state.ctx.clock.now().timestamp()
    count = point_count(selections, start, end, resolution, now)
    if count > MAX_POINTS:
        raise invalid(
            f"This asks for {count:,} points; at most {MAX_POINTS:,} come in one reply. Ask for fewer devices or "
            "metrics, a shorter period, or a coarser resolution (1m or 1h)."
        )
    recorded = telemetry_record.recorded(db, [selection.device.device_id for selection in selections], start, end)

    def reply() -> Response:
        # Computed and encoded off the event loop: the loop also carries the field devices.
        return ok({"resolution": resolution.value, "series": series(selections, start, end, resolution, now, recorded)})

    return await asyncio.to_thread(reply)


def _resolution(request: Request) -> HistoryResolution:
    raw = request.query_params.get("resolution") or DEFAULT_RESOLUTION.value
    try:
        return HistoryResolution(raw)
    except ValueError:
        raise invalid("resolution must be one of raw, 1m or 1h.") from None


def _repeated(request: Request, name: str) -> list[str]:
    values = [value.strip() for value in request.query_params.getlist(name)]
    if any(not value for value in values):
        raise invalid(f"{name} must not be empty; leave it out to ask for all.")
    return list(dict.fromkeys(values))


# ---------------------------------------------------------------------------------------------- the devices
def project_devices(db: Database, project_id: str, *, since: float, until: float) -> dict[str, FieldDevice]:
    """The project's field devices (those with valves: the RTUs), each with its logged runs in [since, until)."""
    valves = [valve for valve in IrrigationStore(db).list_all_valves() if valve["projectId"] == project_id]
    specs = device_specs(valves)
    runs = _runs(db, project_id, since, until)
    return {
        spec.device_id: FieldDevice(spec, tuple(run for run in runs if run.valve_id in _valve_ids(spec)))
        for spec in specs
    }


def _valve_ids(spec: DeviceSpec) -> set[str]:
    return {valve.valve_id for valve in spec.valves}


def _runs(db: Database, project_id: str, since: float, until: float) -> list[ValveRun]:
    rows = db.all(
        "SELECT valve_id, started_at, ended_at, volume_l FROM irrigation_logs "
        "WHERE project_id = ? AND ended_at > ? AND started_at < ? ORDER BY started_at",
        (project_id, _iso(since), _iso(until)),
    )
    runs = []
    for row in rows:
        start, end = _epoch(row["started_at"]), _epoch(row["ended_at"])
        if end > start:
            runs.append(ValveRun(row["valve_id"], start, end, float(row["volume_l"]) / ((end - start) / 60.0)))
    return runs


def _iso(epoch: float) -> str:
    return format_utc(datetime.fromtimestamp(epoch, tz=UTC))


def _epoch(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def live_start(db: Database, clock: SimClock) -> Callable[[DeviceSpec], dict[str, float]]:
    """Where each live device starts (soil moisture, battery): the history's value now, so its curve goes on."""

    def readings_of(spec: DeviceSpec) -> dict[str, float]:
        now = clock.now().timestamp()
        devices = project_devices(db, spec.address.project_id, since=now - LOOKBACK_S, until=now)
        device = devices.get(spec.device_id, FieldDevice(spec))
        return reading_now(device, now)

    return readings_of
