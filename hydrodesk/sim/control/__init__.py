"""The documented user and B2B endpoints: workers, production sessions and records, forms, phytosanitary,
harvest (everything under /api/control except projects, which live in hydrodesk.sim.farm), plus the media files
uploads are served from.

Each module owns one area's tables (registered on import), rules and routes; the seed_* modules build the demo
farm's part of this area.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from hydrodesk.sim.context import SimContext
from hydrodesk.sim.control import forms, harvest, media, phytosanitary, records, sessions, workers
from hydrodesk.sim.control.seed_forms import seed_forms
from hydrodesk.sim.control.seed_production import seed_production
from hydrodesk.sim.control.seed_workers import seed_workers
from hydrodesk.sim.farm import list_projects


def routes() -> list[BaseRoute]:
    return [
        *workers.routes(),
        *sessions.routes(),
        *records.routes(),
        *forms.routes(),
        *phytosanitary.routes(),
        *harvest.routes(),
        *media.routes(),
    ]


def seed(ctx: SimContext) -> None:
    """Add this area's part of the demo farm (called once, on an empty database, after the farm structure)."""
    db = ctx.db
    today = ctx.clock.now().date()
    company_ids = [row["company_id"] for row in db.all("SELECT company_id FROM companies ORDER BY company_id")]
    projects = [project for company_id in company_ids for project in list_projects(db, company_id)]
    users = {row["auth0_id"]: row["name"] for row in db.all("SELECT auth0_id, name FROM users")}
    rosters = seed_workers(db, today)
    seed_production(db, projects, rosters, ctx.clock.now())
    seed_forms(db, projects, users, today)
