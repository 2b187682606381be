"""Scouting in the cache: the heatmap's counts, a range's records, what was fetched when, and the thresholds.

Everything here runs on the store's thread: `await store.read(heatmap_counts, since, until, project_id=...)`.

- The records themselves are saved by CacheRefresher.phyto_records (table `phyto_records`, one JSON per point).
- Action thresholds are a company's own choice, kept in the `documents` table under `phyto-thresholds:<company>`
  (no schema change; nothing prunes that table). The sector map and the timeline read them with
  `await store.read(load_thresholds, company_id)`.
- Each fetched range is noted (`phyto-fetched:<company>`), so an offline pane can say how old its data is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, select, text

from hydrodesk.domain.phyto_heatmap import PestCount, SectorCount
from hydrodesk.domain.phyto_range import DayRange
from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.domain.timestamps import now_utc, utc_text
from hydrodesk.store import cache

THRESHOLDS_KIND = "phyto-thresholds"
FETCHED_KIND = "phyto-fetched"
FETCHES_KEPT = 60  # the newest fetched ranges remembered per company (a year of daily opens is plenty)

# When a point was observed: the record's time, else when it was saved. `created_at` is indexed and never earlier
# than the observation, so it narrows the scan before the JSON is read.
_OBSERVED = "COALESCE(json_extract(data, '$.record_time'), created_at)"

# One pass over the points of the range: per (sector, pest) how many points had it and their grades, and per sector
# the points, the affected ones and their worst grades, as hydrodesk.domain.phyto defines incidence and severity.
_COUNTS_SQL = f"""
WITH points AS MATERIALIZED (
    SELECT point, sector_id, project_id FROM (
        SELECT rowid AS point, sector_id, project_id, {_OBSERVED} AS observed
        FROM phyto_records
        WHERE sector_id IS NOT NULL AND created_at >= :since {{scope}}
    )
    WHERE observed >= :since AND observed < :until
),
seen AS MATERIALIZED (
    SELECT p.point, p.sector_id, r.value AS item,
           json_extract(r.value, '$.variable_name') AS pest,
           json_extract(r.value, '$.value_number') AS count,
           COALESCE(json_extract(r.value, '$.severity'), 0) AS grade
    FROM points AS p JOIN phyto_records AS record ON record.rowid = p.point, json_each(record.data, '$.responses') AS r
),
per_point AS (
    SELECT sector_id, MAX(CASE WHEN count > 0 THEN grade END) AS worst FROM seen GROUP BY point
),
affected AS (
    SELECT sector_id, COUNT(worst) AS points, TOTAL(worst) AS grades FROM per_point GROUP BY sector_id
),
sampled AS (
    SELECT sector_id, MAX(project_id) AS project, COUNT(*) AS points, MAX(point) AS last FROM points GROUP BY sector_id
)
SELECT 'pest', sector_id, pest, json_extract(MIN(item), '$.name'), SUM(count > 0),
       TOTAL(CASE WHEN count > 0 THEN grade END), NULL
FROM seen WHERE count IS NOT NULL GROUP BY sector_id, pest
UNION ALL
SELECT 'sector', s.sector_id, (SELECT json_extract(data, '$.sector_name') FROM phyto_records WHERE rowid = s.last),
       s.project, s.points, COALESCE(a.points, 0), COALESCE(a.grades, 0)
FROM sampled AS s LEFT JOIN affected AS a ON a.sector_id = s.sector_id
"""


def counts_sql(*, project_id: str | None = None, sector_id: str | None = None) -> str:
    """The counting query for a scope (bench/agronomy_phyto.py runs the same text in raw sqlite3)."""
    scope = ""
    if project_id is not None:
        scope += " AND project_id = :project_id"
    if sector_id is not None:
        scope += " AND sector_id = :sector_id"
    return _COUNTS_SQL.replace("{scope}", scope)


def heatmap_counts(
    conn: Connection, since: str, until: str, *, project_id: str | None = None, sector_id: str | None = None
) -> tuple[list[SectorCount], list[PestCount]]:
    """Counts over points observed in [since, until) (UTC texts), optionally one project's or one sector's."""
    params = {"since": since, "until": until, "project_id": project_id, "sector_id": sector_id}
    rows = conn.execute(text(counts_sql(project_id=project_id, sector_id=sector_id)), params).all()
    return counts_from_rows(rows)


def counts_from_rows(rows: Sequence[Sequence[Any]]) -> tuple[list[SectorCount], list[PestCount]]:
    sectors: list[SectorCount] = []
    pests: list[PestCount] = []
    for kind, sector, first, second, number, amount, extra in rows:
        if kind == "sector":
            sectors.append(SectorCount(sector, first or sector, second, int(number), int(amount), float(extra)))
        else:
            pests.append(PestCount(sector, first, second or first, int(number or 0), float(amount or 0)))
    return sectors, pests


def scouting_records(
    conn: Connection, since: str, until: str, *, project_id: str | None = None, sector_id: str | None = None
) -> list[dict[str, Any]]:
    """The records observed in [since, until), oldest first."""
    scope = ""
    if project_id is not None:
        scope += " AND project_id = :project_id"
    if sector_id is not None:
        scope += " AND sector_id = :sector_id"
    statement = text(
        f"SELECT data FROM phyto_records WHERE created_at >= :since AND {_OBSERVED} >= :since "
        f"AND {_OBSERVED} < :until {scope} ORDER BY {_OBSERVED}, record_id"
    )
    params = {"since": since, "until": until, "project_id": project_id, "sector_id": sector_id}
    return [_json(row[0]) for row in conn.execute(statement, params)]


def _json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else json.loads(value)


# ------------------------------------------------------------------------------------------------ fetched ranges
def note_fetched(conn: Connection, company_id: str, days: DayRange, at: str) -> None:
    """Remember that the company's records for `days` (local days) were fetched at `at` (UTC text)."""
    fetches = [
        entry
        for entry in fetched_ranges(conn, company_id)
        if not (days.start <= entry[0].start and entry[0].end <= days.end)  # a newer fetch covers it wholly
    ]
    fetches.append((days, at))
    data = [{"start": d.start.isoformat(), "end": d.end.isoformat(), "at": when} for d, when in fetches]
    cache.save_document(conn, FETCHED_KIND, company_id, data[-FETCHES_KEPT:], at)


def fetched_ranges(conn: Connection, company_id: str) -> list[tuple[DayRange, str]]:
    found = cache.document(conn, FETCHED_KIND, company_id)
    result = []
    for entry in found[0] if found else []:
        try:
            result.append((DayRange(date.fromisoformat(entry["start"]), date.fromisoformat(entry["end"])), entry["at"]))
        except (KeyError, TypeError, ValueError):
            continue  # an entry this version cannot read is not worth failing the pane for
    return result


# ------------------------------------------------------------------------------------------------ thresholds
def load_thresholds(conn: Connection, company_id: str) -> ThresholdBook:
    """The company's action thresholds over the defaults (the defaults alone if it never chose any)."""
    found = cache.document(conn, THRESHOLDS_KIND, company_id)
    return ThresholdBook.from_json(found[0] if found else None)


def save_thresholds(conn: Connection, company_id: str, book: ThresholdBook, at: str | None = None) -> None:
    cache.save_document(conn, THRESHOLDS_KIND, company_id, book.to_json(), at or utc_text(now_utc()))


# ------------------------------------------------------------------------------------------------ company clock
def company_timezone(conn: Connection, company_id: str) -> str | None:
    """The company's timezone as companies/me said it, else its first project's (company views count days in it)."""
    row = conn.execute(select(cache.COMPANIES.c.data).where(cache.COMPANIES.c.company_id == company_id)).first()
    zone = _json(row[0]).get("timezone") if row is not None and row[0] else None
    if zone:
        return str(zone)
    for data in conn.execute(select(cache.PROJECTS.c.data).order_by(cache.PROJECTS.c.project_id)).scalars():
        project = _json(data)
        if project.get("company_id") == company_id and project.get("timezone"):
            return str(project["timezone"])
    return None
