"""A farm weather station computed from the clock: any moment's reading is a pure function of (station, time).

Nothing is stored. The sun follows the station's latitude and longitude, temperature follows the season and the
day's sun, humidity follows temperature through a daily dew point, and rain comes in events drawn once per local
day from the month's climate. Small sensor noise comes from a hash of (station, timestamp), so the same question
always gets the same answer and any range costs only arithmetic.
"""

from __future__ import annotations

import functools
import hashlib
import math
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.domain.series import RAW_STEP, local_midnight

RAIN_BUCKET_MM = 0.2  # a tipping-bucket gauge counts rain in these steps
_PER_DIGEST = 16  # 32-bit numbers one BLAKE2b digest (at most 64 bytes) yields


@dataclass(frozen=True)
class ClimateProfile:
    """The climate of a place, month by month (tuples run January..December)."""

    name: str
    mean_temp_c: float
    seasonal_amplitude_c: float
    warmest_day_of_year: int
    diurnal_range_c: float  # between dawn and mid-afternoon on a clear day
    rh_mean_pct: tuple[float, ...]
    cloudiness: tuple[float, ...]  # 0 clear .. 1 overcast
    rain_probability: tuple[float, ...]  # chance of a rain event on a given day
    rain_mean_mm: tuple[float, ...]  # mean total of one event
    rain_start_hours: tuple[float, float]  # local hours an event may begin between
    rain_duration_hours: tuple[float, float]
    wind_base_ms: float
    wind_afternoon_ms: float  # the sea breeze or valley wind added in the afternoon


PROFILES = {
    # Valley of Mexico, 2,240 m: mild all year, dry sunny winters, summer afternoon thunderstorms (~800 mm/yr).
    "mexico_highland": ClimateProfile(
        name="mexico_highland",
        mean_temp_c=16.5,
        seasonal_amplitude_c=2.8,
        warmest_day_of_year=130,
        diurnal_range_c=15.0,
        rh_mean_pct=(48, 44, 40, 42, 50, 64, 70, 70, 70, 64, 56, 52),
        cloudiness=(0.15, 0.15, 0.15, 0.2, 0.3, 0.5, 0.55, 0.55, 0.5, 0.35, 0.2, 0.15),
        rain_probability=(0.05, 0.05, 0.08, 0.15, 0.35, 0.6, 0.75, 0.75, 0.65, 0.35, 0.1, 0.05),
        rain_mean_mm=(4, 4, 5, 6, 6, 8, 8, 8, 8, 6, 5, 4),
        rain_start_hours=(14.0, 19.0),
        rain_duration_hours=(1.0, 3.0),
        wind_base_ms=1.5,
        wind_afternoon_ms=2.0,
    ),
    # Coastal desert near Trujillo, Peru: almost no rain (a winter drizzle, garúa), grey humid winters under the
    # marine layer, a steady afternoon sea breeze.
    "peru_coastal_desert": ClimateProfile(
        name="peru_coastal_desert",
        mean_temp_c=20.5,
        seasonal_amplitude_c=3.3,
        warmest_day_of_year=50,
        diurnal_range_c=8.0,
        rh_mean_pct=(74, 73, 74, 76, 79, 81, 82, 82, 81, 79, 77, 75),
        cloudiness=(0.2, 0.15, 0.15, 0.25, 0.45, 0.6, 0.65, 0.65, 0.6, 0.5, 0.35, 0.25),
        rain_probability=(0.03, 0.05, 0.05, 0.02, 0.02, 0.08, 0.12, 0.12, 0.1, 0.06, 0.03, 0.03),
        rain_mean_mm=(1.0, 1.5, 1.5, 0.6, 0.4, 0.4, 0.5, 0.5, 0.4, 0.4, 0.4, 0.6),
        rain_start_hours=(2.0, 7.0),
        rain_duration_hours=(1.0, 4.0),
        wind_base_ms=2.5,
        wind_afternoon_ms=3.5,
    ),
    # Monterrey's plain, 540 m: hot summers, cool winters, a rainy September.
    "mexico_semi_arid": ClimateProfile(
        name="mexico_semi_arid",
        mean_temp_c=22.5,
        seasonal_amplitude_c=7.0,
        warmest_day_of_year=210,
        diurnal_range_c=11.0,
        rh_mean_pct=(65, 62, 58, 60, 64, 64, 60, 62, 70, 70, 67, 66),
        cloudiness=(0.35, 0.3, 0.3, 0.3, 0.3, 0.3, 0.25, 0.3, 0.4, 0.35, 0.35, 0.35),
        rain_probability=(0.1, 0.1, 0.1, 0.12, 0.2, 0.25, 0.2, 0.25, 0.35, 0.2, 0.1, 0.1),
        rain_mean_mm=(8, 8, 8, 10, 14, 14, 12, 14, 20, 12, 8, 8),
        rain_start_hours=(13.0, 21.0),
        rain_duration_hours=(0.5, 3.0),
        wind_base_ms=2.0,
        wind_afternoon_ms=2.0,
    ),
}


# Compared and hashed by identity: stations are made once per station (see stations.py), and hashing every
# field of the climate for each cached lookup would cost more than the weather itself.
@dataclass(frozen=True, eq=False)
class Station:
    station_id: str
    profile: ClimateProfile
    latitude: float
    longitude: float
    timezone: str

    @property
    def tz(self) -> ZoneInfo:
        return _zone(self.timezone)


@dataclass(frozen=True)
class RainEvent:
    start: datetime
    end: datetime
    total_mm: float

    def amount_between(self, since: datetime, until: datetime) -> float:
        """Rain counted by a tipping bucket in [since, until): whole bucket tips, so totals add up exactly."""
        return RAIN_BUCKET_MM * (self._tips_by(until) - self._tips_by(since))

    def _tips_by(self, moment: datetime) -> int:
        fraction = (moment - self.start) / (self.end - self.start)
        fraction = min(1.0, max(0.0, fraction))
        return math.floor(self.total_mm * fraction / RAIN_BUCKET_MM + 1e-9)


@dataclass(frozen=True)
class DayWeather:
    """What is decided once per local day: how warm, how cloudy, whether and when it rains."""

    mean_temp_c: float
    dew_point_c: float
    cloudiness: float
    rain: RainEvent | None


# ------------------------------------------------------------------------------------------------ readings
def reading(station: Station, ts: datetime) -> dict[str, Any]:
    """The 15-minute reading at `ts` (UTC): the wire fields of a weather series point, without `ts`."""
    state = conditions(station, ts)
    noise = noise_values(station.station_id, ts, 4)
    air_temp = state.air_temp_c + 0.3 * noise[0]
    rh = min(100.0, max(5.0, state.rh_pct + 2.0 * noise[1]))
    solar = max(0.0, state.solar_wm2 * (1 + 0.04 * noise[2]))
    wind = max(0.0, state.wind_ms + 0.6 * noise[3])
    return {
        "air_temp_c": round(air_temp, 1),
        "rh_pct": round(rh, 1),
        "rain_mm": round(state.rain_mm, 1),
        "wind_ms": round(wind, 1),
        "solar_wm2": round(solar, 1),
        "et0_mm": round(reference_et0_mm(air_temp, solar, RAW_STEP), 3),
    }


@dataclass(frozen=True)
class Conditions:
    """The noise-free state of the air at one moment."""

    air_temp_c: float
    rh_pct: float
    rain_mm: float  # in the 15 minutes starting at the moment
    raining: bool
    wind_ms: float
    solar_wm2: float
    sun_elevation_sin: float
    daily_mean_temp_c: float
    cloudiness: float


def conditions(station: Station, ts: datetime) -> Conditions:
    local = ts.astimezone(station.tz)
    day = _blended_day(station, local)
    solar_hour = solar_time_hours(station.longitude, ts)
    elevation_sin = sun_elevation_sin(station.latitude, local.date(), solar_hour)
    rain_mm, raining, minutes_since_rain = _rain_at(station, local.date(), ts)

    clear_sky = haurwitz_ghi(elevation_sin)
    solar = clear_sky * (1 - 0.75 * day.cloudiness) * (0.25 if raining else 1.0)

    # Clouds narrow the day's temperature swing; rain cools the air and the cool lingers for a couple of hours.
    swing = station.profile.diurnal_range_c * (1 - 0.45 * day.cloudiness)
    air_temp = day.mean_temp_c + swing / 2 * diurnal_shape(solar_hour)
    if minutes_since_rain is not None:
        air_temp -= 2.5 * math.exp(-minutes_since_rain / 90)

    rh = 100 * saturation_vapour_kpa(day.dew_point_c) / saturation_vapour_kpa(air_temp)
    if raining:
        rh = max(rh, 93.0)
    afternoon = math.exp(-(((solar_hour - 15.0) / 3.0) ** 2))
    wind = station.profile.wind_base_ms + station.profile.wind_afternoon_ms * afternoon + (1.5 if raining else 0.0)
    return Conditions(
        air_temp_c=air_temp,
        rh_pct=min(100.0, rh),
        rain_mm=rain_mm,
        raining=raining,
        wind_ms=wind,
        solar_wm2=solar,
        sun_elevation_sin=elevation_sin,
        daily_mean_temp_c=day.mean_temp_c,
        cloudiness=day.cloudiness,
    )


def _blended_day(station: Station, local: datetime) -> DayWeather:
    """The day's temperature, dew point and cloud, drifting from one day's values to the next through the night
    rather than jumping at midnight (each day's own values hold at its noon)."""
    hours = local.hour + local.minute / 60
    today = local.date()
    neighbour = today + timedelta(days=1) if hours >= 12 else today - timedelta(days=1)
    weight = abs(hours - 12) / 24
    a, b = day_weather(station, today), day_weather(station, neighbour)
    return DayWeather(
        mean_temp_c=a.mean_temp_c + weight * (b.mean_temp_c - a.mean_temp_c),
        dew_point_c=a.dew_point_c + weight * (b.dew_point_c - a.dew_point_c),
        cloudiness=a.cloudiness + weight * (b.cloudiness - a.cloudiness),
        rain=a.rain,
    )


def day_weather(station: Station, day: date) -> DayWeather:
    return _day_weather(station, day)


@functools.lru_cache(maxsize=8192)
def _day_weather(station: Station, day: date) -> DayWeather:
    profile = station.profile
    month = day.month - 1
    u = noise_uniforms(f"{station.station_id}|day|{day.isoformat()}", 8)
    seasonal = profile.mean_temp_c + profile.seasonal_amplitude_c * math.cos(
        2 * math.pi * (day.timetuple().tm_yday - profile.warmest_day_of_year) / 365.25
    )
    mean_temp = seasonal + 1.2 * _gauss(u[0], u[1], u[2])
    cloudiness = min(0.9, max(0.0, profile.cloudiness[month] + (u[3] - 0.5) * 0.4))
    rh_mean = min(97.0, max(15.0, profile.rh_mean_pct[month] + (u[4] - 0.5) * 12))
    rain = None
    if u[5] < profile.rain_probability[month]:
        start_hour = profile.rain_start_hours[0] + u[6] * (profile.rain_start_hours[1] - profile.rain_start_hours[0])
        low, high = profile.rain_duration_hours
        duration = low + u[7] * (high - low)
        # Exponentially distributed totals: mostly light events, now and then a downpour.
        total = min(60.0, -math.log(max(1e-6, (u[5] / profile.rain_probability[month]))) * profile.rain_mean_mm[month])
        start = local_midnight(day, station.tz) + timedelta(hours=start_hour)
        rain = RainEvent(start, start + timedelta(hours=duration), round(total, 1))
    return DayWeather(
        mean_temp_c=mean_temp,
        dew_point_c=dew_point_for(mean_temp, rh_mean),
        cloudiness=cloudiness,
        rain=rain,
    )


def _rain_at(station: Station, today: date, ts: datetime) -> tuple[float, bool, float | None]:
    """(rain in [ts, ts+15 min), whether it is raining, minutes since the last rain ended or None if long ago)."""
    amount, raining, since = 0.0, False, None
    for day in (today - timedelta(days=1), today):
        event = day_weather(station, day).rain
        if event is None or event.start > ts:
            continue
        if ts < event.end:
            amount += event.amount_between(ts, ts + RAW_STEP)
            raining = True
            since = 0.0
        else:
            minutes = (ts - event.end).total_seconds() / 60
            if minutes < 360 and (since is None or minutes < since):
                since = minutes
    return amount, raining, since


# ------------------------------------------------------------------------------------------------ physics
def solar_time_hours(longitude: float, ts: datetime) -> float:
    """Local mean solar time: noon is when the sun is highest at this longitude."""
    utc = ts.astimezone(UTC)
    return (utc.hour + utc.minute / 60 + utc.second / 3600 + longitude / 15) % 24


def sun_elevation_sin(latitude: float, day: date, solar_hour: float) -> float:
    declination = math.radians(23.44) * math.sin(2 * math.pi * (284 + day.timetuple().tm_yday) / 365)
    hour_angle = math.radians(15 * (solar_hour - 12))
    lat = math.radians(latitude)
    return math.sin(lat) * math.sin(declination) + math.cos(lat) * math.cos(declination) * math.cos(hour_angle)


def haurwitz_ghi(elevation_sin: float) -> float:
    """Clear-sky global horizontal irradiance (W/m²), Haurwitz's model."""
    if elevation_sin <= 0.01:
        return 0.0
    return 1098 * elevation_sin * math.exp(-0.057 / elevation_sin)


def diurnal_shape(solar_hour: float) -> float:
    """-1 at dawn (06:00 solar), +1 at mid-afternoon (14:30), a cosine rise and a slower cosine fall between."""
    hours = solar_hour if solar_hour >= 6 else solar_hour + 24
    if hours <= 14.5:
        return -math.cos(math.pi * (hours - 6) / 8.5)
    return math.cos(math.pi * (hours - 14.5) / 15.5)


def saturation_vapour_kpa(temp_c: float) -> float:
    """Magnus formula."""
    return 0.6112 * math.exp(17.62 * temp_c / (243.12 + temp_c))


def dew_point_for(temp_c: float, rh_pct: float) -> float:
    gamma = math.log(rh_pct / 100) + 17.62 * temp_c / (243.12 + temp_c)
    return 243.12 * gamma / (17.62 - gamma)


def reference_et0_mm(temp_c: float, solar_wm2: float, period: timedelta) -> float:
    """Reference evapotranspiration over `period` by the Hargreaves radiation formula (FAO-56's fallback when
    only temperature and radiation are measured)."""
    radiation_mm = solar_wm2 * period.total_seconds() / 1e6 * 0.408  # MJ/m² as millimetres of evaporated water
    return max(0.0, 0.0135 * (temp_c + 17.8) * radiation_mm)


# ------------------------------------------------------------------------------------------------ noise
def noise_uniforms(key: str, count: int) -> tuple[float, ...]:
    """`count` numbers in [0, 1) fixed by `key`: the same key always gives the same numbers."""
    values: list[float] = []
    for chunk in range(0, count, _PER_DIGEST):
        size = min(_PER_DIGEST, count - chunk)
        digest = hashlib.blake2b(f"{key}#{chunk}".encode(), digest_size=4 * size).digest()
        values.extend(value / 2**32 for value in struct.unpack(f"<{size}I", digest))
    return tuple(values)


def noise_values(source_id: str, ts: datetime, count: int) -> tuple[float, ...]:
    """`count` roughly normal numbers (mean 0, deviation 1) for a sensor at a moment."""
    u = noise_uniforms(f"{source_id}|{int(ts.timestamp())}", 3 * count)
    return tuple(_gauss(u[3 * i], u[3 * i + 1], u[3 * i + 2]) for i in range(count))


def _gauss(a: float, b: float, c: float) -> float:
    # The sum of three uniforms is close enough to a bell for sensor noise, and cheap.
    return (a + b + c - 1.5) * 2


@functools.cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
