"""The farm (the company, its projects and their sectors) as this computer last saw it, for working offline.

await remember_farm(office.store, projects)      # after every successful load from the server
await remember_company(office.store, company)    # likewise, when companies/me answered
farm = await cached_farm(office.store)           # when the server cannot be reached
if farm is not None: show(farm.projects, farm.company_names, "as saved at", farm.saved_at)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hydrodesk.api.models import Company, Project
from hydrodesk.domain.timestamps import now_utc, parse_utc_text, utc_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store

PROJECTS_MARK = "projects"  # the refresh mark the engine's CacheRefresher keeps for the same data


@dataclass(frozen=True)
class CachedFarm:
    projects: list[Project]
    saved_at: datetime | None  # when the server last sent them (UTC); None if the cache does not say
    company_names: dict[str, str]  # company_id -> name, for the companies the office has heard of


async def remember_farm(store: Store, projects: Sequence[Project], *, now: datetime | None = None) -> None:
    """Save the projects the server just sent (a load the user asked for keeps the cache as fresh as it is)."""
    stamp = utc_text(now or now_utc())
    await store.write(cache.save_projects, [project.model_dump(mode="json") for project in projects], stamp)
    await store.write(cache.mark_refreshed, PROJECTS_MARK, stamp, {"count": len(projects)})


async def remember_company(store: Store, company: Company, *, now: datetime | None = None) -> None:
    """Save the company the server just described, so its name shows offline too."""
    await store.write(cache.save_company, company.model_dump(mode="json"), utc_text(now or now_utc()))


async def cached_farm(store: Store) -> CachedFarm | None:
    """The cached projects with their cached sectors; None when nothing was ever saved."""
    rows = await store.projects()
    if not rows:
        return None
    projects: list[Project] = []
    for row in rows:
        sectors = await store.sectors(row["project_id"])
        projects.append(Project.model_validate({**row, "sectors": sectors}))
    mark = await store.read(cache.refreshed_at, PROJECTS_MARK)
    return CachedFarm(
        projects=projects,
        saved_at=parse_utc_text(mark) if mark else None,
        company_names=await store.company_names(),
    )
