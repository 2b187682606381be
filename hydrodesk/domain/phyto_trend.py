"""A pest's course over time: incidence and severity per sector and scouting day, from the raw records.

A scouting day is a local day (the project's timezone) on which a sector was walked; its points are summarised
exactly as the API summarises a range (hydrodesk.domain.phyto), so a one-day range's summary equals that day's
trend point. Records are the cache's dicts (hydrodesk.api.models.PhytoRecord dumped to JSON).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from hydrodesk.domain.phyto import Observation, summarize
from hydrodesk.domain.phyto_range import local_day
from hydrodesk.domain.timestamps import parse_utc_text


@dataclass(frozen=True)
class TrendPoint:
    day: date
    samples: int
    incidence: float
    severity: float


def observed_at(record: Mapping[str, Any]) -> str:
    """When the scout stood at the point (the record's time), else when it was saved."""
    return str(record.get("record_time") or record["created_at"])


def observations(record: Mapping[str, Any]) -> list[Observation]:
    """The record's pest and disease counts, as hydrodesk.domain.phyto takes them (unanswered ones left out)."""
    return [
        Observation(str(item["variable_name"]), float(item["value_number"]), float(item.get("severity") or 0))
        for item in record.get("responses") or []
        if item.get("value_number") is not None
    ]


def trend(records: Iterable[Mapping[str, Any]], pest: str, timezone: str) -> dict[str, list[TrendPoint]]:
    """sector id -> the pest's points, one per scouting day, oldest first."""
    samples: dict[tuple[str, date], list[list[Observation]]] = defaultdict(list)
    for record in records:
        sector_id = record.get("sector_id")
        if not sector_id:
            continue
        day = local_day(parse_utc_text(observed_at(record)), timezone)
        samples[(str(sector_id), day)].append(observations(record))
    result: dict[str, list[TrendPoint]] = defaultdict(list)
    for sector_id, day in sorted(samples):
        points = samples[(sector_id, day)]
        summary = summarize(points)
        found = next((item for item in summary.pests if item.name == pest), None)
        incidence, severity = (found.incidence, found.severity) if found else (0.0, 0.0)
        result[sector_id].append(TrendPoint(day, len(points), incidence, severity))
    return dict(result)
