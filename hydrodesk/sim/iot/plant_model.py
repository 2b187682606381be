"""A sector's plant and soil sensors computed from the clock, on top of its project's weather station.

Soil moisture at three depths rises after each drip pulse and each rain and drains away, the shallow probe fast
and the deep one slowly; soil temperature is the air's, damped and late; leaves are wet in rain and in the humid
hours before dawn; the stem shrinks by day while the plant transpires and swells back at night; the canopy runs
cooler than the air when the roots have water. Like the weather, every reading is a pure function of
(sector, time): nothing is stored.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hydrodesk.domain.series import local_midnight
from hydrodesk.sim.iot import weather_model
from hydrodesk.sim.iot.weather_model import Station, noise_uniforms, noise_values

DEPTHS = ("10cm", "30cm", "60cm")
# How a pulse of water shows at each depth: (rise per unit of water, delay h, ramp h, drain time constant h).
_RESPONSE = {
    "10cm": (1.0, 0.25, 0.75, 6.0),
    "30cm": (0.55, 1.5, 1.5, 12.0),
    "60cm": (0.2, 4.0, 3.0, 30.0),
}
_MEMORY_DAYS = 3  # older pulses have drained away even at 60 cm
DENDROMETER_EPOCH = date(2024, 1, 1)  # the day the sensors were (notionally) installed


@dataclass(frozen=True, eq=False)  # hashed by identity, like Station: sensor_site() makes one per sector
class SensorSite:
    """One sector's sensor cluster and the drip routine its soil sees."""

    sector_id: str
    station: Station
    base_moisture: tuple[float, float, float]  # per depth, between irrigations once drained
    morning_pulse_hour: float  # local hour of the day's first drip pulse
    pulse_water: float  # % moisture the first pulse adds at 10 cm
    growth_um_per_day: float


@functools.lru_cache(maxsize=256)
def sensor_site(sector_id: str, station: Station) -> SensorSite:
    u = noise_uniforms(f"{sector_id}|site", 6)
    return SensorSite(
        sector_id=sector_id,
        station=station,
        base_moisture=(20.0 + 4 * u[0], 25.0 + 4 * u[1], 28.0 + 4 * u[2]),
        morning_pulse_hour=5.0 + 2.5 * u[3],
        pulse_water=6.0 + 2.0 * u[4],
        growth_um_per_day=0.8 + 0.8 * u[5],
    )


def reading(site: SensorSite, ts: datetime) -> dict[str, Any]:
    """The 15-minute reading at `ts` (UTC): the wire fields of a plant series point, without `ts`."""
    station = site.station
    air = weather_model.conditions(station, ts)
    noise = noise_values(site.sector_id, ts, 7)

    moisture = _soil_moisture(site, ts)
    soil_moisture = {
        depth: round(min(48.0, max(8.0, value + 0.3 * noise[index])), 1)
        for index, (depth, value) in enumerate(zip(DEPTHS, moisture, strict=True))
    }
    # Water at root depth decides how freely the plant transpires: it cools the canopy and limits stem shrinkage.
    water_ok = min(1.0, max(0.0, (moisture[1] - 22.0) / 8.0))

    earlier = weather_model.conditions(station, ts - timedelta(hours=2))
    soil_temp = air.daily_mean_temp_c + 1.0 + 0.35 * (earlier.air_temp_c - air.daily_mean_temp_c)

    if air.raining:
        leaf_wetness = 100.0
    elif air.solar_wm2 < 150:
        leaf_wetness = (air.rh_pct - 84.0) * 6.25  # dew forms in the still, humid hours
    else:
        leaf_wetness = (air.rh_pct - 92.0) * 12.5

    sun = max(
        0.0, weather_model.sun_elevation_sin(station.latitude, _local_day(site, ts), _lagged_solar_hour(site, ts))
    )
    shrink_amplitude = 40.0 + 60.0 * (1 - water_ok) + 40.0 * (1 - air.cloudiness)
    days_installed = (ts - datetime.combine(DENDROMETER_EPOCH, datetime.min.time(), tzinfo=ts.tzinfo)).days
    dendrometer = site.growth_um_per_day * days_installed - shrink_amplitude * sun**0.8

    if air.solar_wm2 > 0:
        canopy = air.air_temp_c + air.solar_wm2 / 1000 * (3.0 - 2.5 * water_ok)
    else:
        canopy = air.air_temp_c - 1.2 * (1 - air.cloudiness)  # clear nights chill leaves below the air

    return {
        "soil_moisture_pct": soil_moisture,
        "soil_temp_c": round(soil_temp + 0.15 * noise[3], 1),
        "leaf_wetness_pct": round(min(100.0, max(0.0, leaf_wetness + 2.0 * noise[4])), 1),
        "dendrometer_um": round(dendrometer + 2.0 * noise[5], 1),
        "canopy_temp_c": round(canopy + 0.3 * noise[6], 1),
    }


def _soil_moisture(site: SensorSite, ts: datetime) -> tuple[float, float, float]:
    pulses = _water_inputs(site, ts)
    values = []
    for depth, base in zip(DEPTHS, site.base_moisture, strict=True):
        gain, delay, ramp, drain = _RESPONSE[depth]
        total = base
        for when, water in pulses:
            hours = (ts - when).total_seconds() / 3600 - delay
            if hours > 0:
                total += gain * water * min(1.0, hours / ramp) * math.exp(-hours / drain)
        values.append(total)
    return values[0], values[1], values[2]


def _water_inputs(site: SensorSite, ts: datetime) -> list[tuple[datetime, float]]:
    """(moment, water in % at 10 cm) of every drip pulse and rain of the last few days before `ts`."""
    today = ts.astimezone(site.station.tz).date()
    inputs: list[tuple[datetime, float]] = []
    for back in range(_MEMORY_DAYS, -1, -1):
        inputs.extend(item for item in _day_inputs(site, today - timedelta(days=back)) if item[0] <= ts)
    return inputs


@functools.lru_cache(maxsize=4096)
def _day_inputs(site: SensorSite, day: date) -> tuple[tuple[datetime, float], ...]:
    midnight = local_midnight(day, site.station.tz)
    # Two drip pulses a day: a long one at dawn and a shorter one after midday, when ET peaks.
    inputs = [
        (midnight + timedelta(hours=offset_h), site.pulse_water * share)
        for offset_h, share in ((site.morning_pulse_hour, 1.0), (site.morning_pulse_hour + 6.5, 0.6))
    ]
    rain = weather_model.day_weather(site.station, day).rain
    if rain is not None:
        # Light rain barely wets the mulch; heavy rain soaks in, up to what the topsoil holds.
        inputs.append((rain.start, min(15.0, max(0.0, rain.total_mm - 1.0) * 0.5)))
    return tuple(inputs)


def _local_day(site: SensorSite, ts: datetime) -> date:
    return ts.astimezone(site.station.tz).date()


def _lagged_solar_hour(site: SensorSite, ts: datetime) -> float:
    # The stem lags the sun by about an hour: it is thinnest in the early afternoon.
    return weather_model.solar_time_hours(site.station.longitude, ts - timedelta(hours=1))
