"""Seed the demo farm into an empty simulator database, deterministically (same farm on every machine)."""

from __future__ import annotations

from hydrodesk.sim import control, iot
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.farm import seed_farm


def seed_demo_farm(ctx: SimContext) -> bool:
    """Seed when the database is empty; return whether anything was seeded."""
    if not ctx.db.is_empty():
        return False
    seed_farm(ctx.db)
    control.seed(ctx)
    iot.seed(ctx)
    return True
