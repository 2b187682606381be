"""What colours each sector of the sector map: scouting verdicts, one pest's incidence, soil moisture, irrigation.

Qt-free: it turns cached records, plant readings and valves into one value per sector (and the scouting points
drawn as dots); the map only picks colours for these values. Pests are keyed by the monitoring form's field name
(`aphids`), the name thresholds use; the form's label ("Aphids (Pulgón)") is what people read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from hydrodesk.domain.phyto import Observation, summarize
from hydrodesk.domain.phyto_range import Preset, preset_range
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict, worst
from hydrodesk.domain.timestamps import parse_utc_text

# The map's ranges, named as the Scouting pane names its presets (hydrodesk.domain.phyto_range). The last 7 days,
# not "this week": a week from Monday showed nothing on a Monday morning, as a month did on the 1st.
RANGE_PRESETS = (Preset.LAST_7_DAYS.value, Preset.THIS_MONTH.value, Preset.LAST_90_DAYS.value)
DEFAULT_RANGE = Preset.LAST_7_DAYS.value  # as the Scouting pane: never empty on the 1st of a month (or a Monday)
ROOT_ZONE_DEPTH = "30cm"  # where drip-irrigated berries keep most roots: the depth irrigation decisions look at


# ------------------------------------------------------------------------------------------------ scouting
@dataclass(frozen=True)
class SectorScouting:
    """A sector's scouting over the range: the verdict, and the incidence/severity behind it."""

    verdict: Verdict
    samples: int
    incidence: float | None = None
    severity: float | None = None
    pest: str | None = None  # the pest the verdict is about (the worst one, or the one chosen)
    # The severity made the verdict (its incidence alone would judge it less): a label then gives the severity.
    by_severity: bool = False


@dataclass(frozen=True)
class ScoutPoint:
    """One sampling point of a scouting record, drawn as a dot."""

    record_id: str
    sector_id: str | None
    lon: float
    lat: float
    at: datetime
    who: str
    present: list[tuple[str, float, float]]  # (label, count, severity grade) of each pest or disease found there


def range_days(preset: str, today: date) -> tuple[date, date]:
    """The first and last local day of the last 7 days, "this month" or the last 90 days (`RANGE_PRESETS`)."""
    if preset not in RANGE_PRESETS:
        raise ValueError(f"unknown range {preset!r}")
    days = preset_range(Preset(preset), today)
    return days.start, days.end


def records_between(
    records: Iterable[Mapping[str, Any]], start: date, end: date, zone: tzinfo
) -> list[Mapping[str, Any]]:
    """The records made on local days `start`…`end` at the farm (`zone`)."""
    kept = []
    for record in records:
        try:
            day = parse_utc_text(str(record["created_at"])).astimezone(zone).date()
        except (KeyError, ValueError):
            continue
        if start <= day <= end:
            kept.append(record)
    return kept


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def observations(record: Mapping[str, Any]) -> list[Observation]:
    return [
        Observation(str(item.get("variable_name")), _number(item.get("value_number")), _number(item.get("severity")))
        for item in record.get("responses") or ()
        if item.get("variable_name")
    ]


def pest_labels(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """field name -> label, for every pest or disease the records' forms carry, in the order first seen."""
    labels: dict[str, str] = {}
    for record in records:
        for item in record.get("responses") or ():
            key = item.get("variable_name")
            if key and key not in labels:
                labels[str(key)] = str(item.get("name") or key)
    return labels


def scouting_by_sector(
    records: Iterable[Mapping[str, Any]], book: ThresholdBook, pest: str | None = None
) -> dict[str, SectorScouting]:
    """sector id -> its verdict: the worst pest's (`pest` None), else `pest`'s own incidence and verdict."""
    samples: dict[str, list[list[Observation]]] = defaultdict(list)
    for record in records:
        sector_id = record.get("sector_id")
        if sector_id:
            samples[str(sector_id)].append(observations(record))
    found: dict[str, SectorScouting] = {}
    for sector_id, points in samples.items():
        summary = summarize(points)
        by_name = {item.name: item for item in summary.pests}
        if pest is not None:
            item = by_name.get(pest)
            incidence, severity = (item.incidence, item.severity) if item else (0.0, 0.0)
            verdict = book.verdict(pest, incidence, severity)
            found[sector_id] = SectorScouting(
                verdict, summary.samples, incidence, severity, pest, _by_severity(book, pest, incidence, verdict)
            )
            continue
        verdicts = {name: book.verdict(name, item.incidence, item.severity) for name, item in by_name.items()}
        overall = worst(list(verdicts.values())) if verdicts else Verdict.OKAY
        # The pest behind the verdict: of those with the worst verdict, the most widespread.
        culprits = [by_name[name] for name, verdict in verdicts.items() if verdict == overall]
        top = max(culprits, key=lambda item: (item.incidence, item.severity), default=None)
        found[sector_id] = SectorScouting(
            overall,
            summary.samples,
            top.incidence if top else None,
            top.severity if top else None,
            top.name if top and overall.rank > Verdict.OKAY.rank else None,
            top is not None and _by_severity(book, top.name, top.incidence, overall),
        )
    return found


def _by_severity(book: ThresholdBook, pest: str, incidence: float, verdict: Verdict) -> bool:
    """Did the severity make `verdict`? (The incidence alone judges lower: one point of grey mould, badly.)"""
    return book.verdict(pest, incidence, 0.0).rank < verdict.rank


def scout_points(records: Iterable[Mapping[str, Any]]) -> list[ScoutPoint]:
    """The records that carry a position, as dots (records without one are counted, not drawn)."""
    points = []
    for record in records:
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None:
            continue
        try:
            at = parse_utc_text(str(record["created_at"]))
        except (KeyError, ValueError):
            continue
        present = [
            (
                str(item.get("name") or item.get("variable_name")),
                _number(item.get("value_number")),
                _number(item.get("severity")),
            )
            for item in record.get("responses") or ()
            if _number(item.get("value_number")) > 0
        ]
        points.append(
            ScoutPoint(
                record_id=str(record.get("record_id")),
                sector_id=record.get("sector_id"),
                lon=float(lon),
                lat=float(lat),
                at=at,
                who=str(record.get("user_name") or record.get("user_id") or ""),
                present=present,
            )
        )
    return points


# ------------------------------------------------------------------------------------------------ soil moisture
MOISTURE_BANDS: Sequence[tuple[float, str]] = (
    (18.0, "dry"),
    (24.0, "low"),
    (32.0, "good"),
    (40.0, "moist"),
    (math.inf, "wet"),
)


def root_zone_moisture(point: Mapping[str, Any]) -> float | None:
    """Soil moisture (%) at the root zone, else the mean of the depths read; None without a reading."""
    by_depth = point.get("soil_moisture_pct") or {}
    if not isinstance(by_depth, Mapping):
        return None
    value = by_depth.get(ROOT_ZONE_DEPTH)
    if value is not None:
        return float(value)
    values = [float(item) for item in by_depth.values() if item is not None]
    return sum(values) / len(values) if values else None


def moisture_band(value: float | None) -> str:
    if value is None:
        return "no_data"
    return next(name for upper, name in MOISTURE_BANDS if value < upper)


def latest_moisture(points: Sequence[Mapping[str, Any]]) -> tuple[float, str] | None:
    """The newest reading that has a value: (moisture %, its timestamp text)."""
    for point in reversed(points):
        value = root_zone_moisture(point)
        if value is not None:
            return value, str(point.get("ts"))
    return None


# ------------------------------------------------------------------------------------------------ irrigation
IRRIGATION_STATES = ("fault", "open", "closed", "unknown", "no_valve")


def irrigation_by_sector(valves: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """sector id -> what its valves report, the most pressing first: a fault, else open, else closed, else unknown."""
    states: dict[str, set[str]] = defaultdict(set)
    for valve in valves:
        sector_id = valve.get("sector_id")
        if sector_id:
            states[str(sector_id)].add(str(valve.get("observed_state") or "unknown"))
    return {
        sector_id: next(state for state in IRRIGATION_STATES if state in found or state == "unknown")
        for sector_id, found in states.items()
    }
