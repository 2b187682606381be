"""GET /api/iot/plant: a sector's soil and plant sensor series (scope read:plant)."""

from __future__ import annotations

import asyncio
import functools

from starlette.requests import Request
from starlette.responses import Response

from hydrodesk.domain.series import resample, round_values
from hydrodesk.sim.auth import authenticate_api_key
from hydrodesk.sim.farm import sector_of_company
from hydrodesk.sim.http import ok
from hydrodesk.sim.iot import plant_model
from hydrodesk.sim.iot.stations import project_station
from hydrodesk.sim.iot.time_range import parse_resolution, parse_time_range, require_query
from hydrodesk.sim.iot.weather import AGGREGATE_DIGITS, series_json


async def plant_route(request: Request) -> Response:
    principal = authenticate_api_key(request, "read:plant")
    sector_id = require_query(request, "sectorId")
    time_range = parse_time_range(request)
    resolution = parse_resolution(request, time_range)
    db = request.app.state.ctx.db
    sector = sector_of_company(db, principal.company_id, sector_id)
    site = plant_model.sensor_site(sector_id, project_station(db, sector["projectId"]))
    # Computed off the event loop: a long range takes a second, and the loop also carries the field devices.
    points = await asyncio.to_thread(
        resample,
        functools.partial(plant_model.reading, site),
        time_range.start,
        time_range.end,
        resolution,
        site.station.tz,
        until=request.app.state.ctx.clock.now(),
        rounding=functools.partial(round_values, digits=AGGREGATE_DIGITS),
    )
    return ok({"sectorId": sector_id, "resolution": resolution.value, "series": series_json(points)})
