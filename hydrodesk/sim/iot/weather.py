"""GET /api/iot/weather: a project's weather station series (scope read:weather)."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from hydrodesk.domain.series import resample, round_values
from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.farm import project_of_company
from hydrodesk.sim.http import format_utc, ok
from hydrodesk.sim.iot import weather_model
from hydrodesk.sim.iot.stations import project_station
from hydrodesk.sim.iot.time_range import parse_resolution, parse_time_range, require_query

SUM_FIELDS = frozenset({"rain_mm", "et0_mm"})
AGGREGATE_DIGITS = 3


def series_json(points: list[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [{"ts": format_utc(moment), **values} for moment, values in points]


async def weather_route(request: Request) -> Response:
    principal = authenticate_api_key(request, "read:weather")
    project_id = require_query(request, "projectId")
    time_range = parse_time_range(request)
    resolution = parse_resolution(request, time_range)
    db = request.app.state.ctx.db
    project_of_company(db, principal.company_id, project_id)
    station = project_station(db, project_id)
    # Computed off the event loop: a long range takes a second, and the loop also carries the field devices.
    points = await asyncio.to_thread(
        resample,
        functools.partial(weather_model.reading, station),
        time_range.start,
        time_range.end,
        resolution,
        station.tz,
        sum_fields=SUM_FIELDS,
        until=request.app.state.ctx.clock.now(),
        rounding=functools.partial(round_values, digits=AGGREGATE_DIGITS),
    )
    return ok(
        {
            "projectId": project_id,
            "stationId": station.station_id,
            "resolution": resolution.value,
            "series": series_json(points),
        }
    )
