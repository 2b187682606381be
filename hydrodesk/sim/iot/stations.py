"""Which weather station serves a project, as a `weather_model.Station`."""

from __future__ import annotations

import functools

from hydrodesk.sim.db import Database
from hydrodesk.sim.http import HttpError
from hydrodesk.sim.iot.weather_model import PROFILES, Station


def project_station(db: Database, project_id: str) -> Station:
    row = db.one(
        "SELECT w.station_id, w.climate, w.latitude, w.longitude, p.timezone FROM weather_stations w "
        "JOIN projects p USING (project_id) WHERE w.project_id = ?",
        (project_id,),
    )
    if row is None:
        raise HttpError(404, f"Project {project_id} has no weather station.", "station_not_found")
    return _station(row["station_id"], row["climate"], row["latitude"], row["longitude"], row["timezone"])


@functools.lru_cache(maxsize=64)
def _station(station_id: str, climate: str, latitude: float, longitude: float, timezone: str) -> Station:
    # One Station object per station, so the per-day weather cache keyed by it keeps hitting.
    return Station(station_id, PROFILES[climate], latitude, longitude, timezone)
