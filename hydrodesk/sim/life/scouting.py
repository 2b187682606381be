"""The live farm's scouting: the walks of the days it missed, so the phytosanitary panes always have this week.

Every sector is walked every third day (seed_forms.is_scouting_day), and each project's first sector every day
(the scouts start their round there, so the demo's home sector always has yesterday's walk on its timeline). A
missed day's walk is made exactly as the seed makes one, at the harvest stage the season has reached. A sector
with any phytosanitary record on that day (a walk submitted through the forms API, say) counts as walked.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from hydrodesk.sim.control.forms import PHYTOSANITARY_TYPE
from hydrodesk.sim.control.seed_forms import (
    HOT_SPOTS,
    PHENOLOGY,
    insert_form_records,
    is_scouting_day,
    scouting_walk_rows,
)
from hydrodesk.sim.db import Database
from hydrodesk.sim.life.calendar import day_rng, local_time, local_today, past_days

HARVEST_STAGE = PHENOLOGY[-1]
# A morning walk is over by 10:00 (it starts by 08:50 and takes four points 12 minutes apart): from then on the
# hot spots' walks of today are on record too, so even the 1st of a month has this month's count in each project.
TODAYS_WALK_DONE = time(10, 0)


def fill_scouting_walks(db: Database, projects: list[dict[str, Any]], now: datetime, seed: int) -> int:
    """Walk every sector on its missed scouting days; returns how many records (points) were added."""
    users = {row["auth0_id"]: row["name"] for row in db.all("SELECT auth0_id, name FROM users")}
    rows: list[tuple[Any, ...]] = []
    for project in projects:
        today = local_today(now, project["timezone"])
        days = past_days(today)
        if local_time(now, project["timezone"]) >= TODAYS_WALK_DONE:
            days.append(today)
        walked = {
            (row["local_day"], row["sector_id"])
            for row in db.all(
                "SELECT DISTINCT local_day, sector_id FROM form_records WHERE project_id = ? AND form_type = ? "
                "AND local_day BETWEEN ? AND ?",
                (project["projectId"], PHYTOSANITARY_TYPE, days[0].isoformat(), days[-1].isoformat()),
            )
        }
        for day in days:
            for index, sector in enumerate(project["sectors"]):
                if day == today and sector["sectorId"] not in HOT_SPOTS:
                    continue  # the other sectors' walks of today come with tomorrow's catching up, as they always did
                daily = index == 0
                if (
                    not (daily or is_scouting_day(day, index, sector["sectorId"]))
                    or (day.isoformat(), sector["sectorId"]) in walked
                ):
                    continue
                rng = day_rng(seed, "walk", sector["sectorId"], day)
                rows += scouting_walk_rows(rng, project, sector, index, day, HARVEST_STAGE, users)
    with db.transaction():
        insert_form_records(db, rows)
    return len(rows)
