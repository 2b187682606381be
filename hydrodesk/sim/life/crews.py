"""Who works the live farm's sessions: the field supervisors whose tablets the simulator plays, and their crews.

Today's sessions are opened by field supervisors, never by the demo user (María López, user_123456789): the
office on the demo is hers, so what lands in her sessions is what she types, and her records never appear from
nowhere. Every project keeps its first sector free (Lote A-1 on Rancho San Pedro, the sector the documented
examples use), so she can open a session of her own there and type tallies beside the crews' tablets.
"""

from __future__ import annotations

import random
from typing import Any

from hydrodesk.sim.control.seed_production import crew_pool
from hydrodesk.sim.db import Database

DEMO_USER = "user_123456789"
FIELD_SUPERVISORS = {
    # Carlos Ramírez, Rosa Hernández, Jorge Medina
    "comp_12345": ("user_987654321", "user_246813579", "user_864209753"),
    # Pedro Salinas, Lucía Garza
    "comp_67890": ("user_555000222", "user_555000111"),
}
CREW_SIZE = (15, 40)


def company_pool(db: Database, company_id: str) -> list[dict[str, Any]]:
    """The company's pickers, in a stable order (a crew drawn from them is the same on every machine)."""
    rows = db.all(
        "SELECT worker_id, first_name, last_name, status, position FROM workers WHERE company_id = ? "
        "ORDER BY worker_id",
        (company_id,),
    )
    return crew_pool(rows)


def draw_crew(rng: random.Random, pool: list[dict[str, Any]]) -> list[dict[str, str]]:
    crew = rng.sample(pool, min(len(pool), rng.randint(*CREW_SIZE)))
    return [{"worker_id": w["worker_id"], "name": f"{w['first_name']} {w['last_name']}"} for w in crew]


def sectors_at_work(rng: random.Random, project: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(index, sector) of the sectors harvested today: most of them, never the first (kept free, see above)."""
    candidates = list(enumerate(project["sectors"]))[1:]
    if not candidates:
        return []
    count = rng.randint(max(1, (2 * len(candidates) + 2) // 3), len(candidates))  # two thirds or more
    return sorted(rng.sample(candidates, count), key=lambda pair: pair[0])


def supervisor_for(company_id: str, turn: int) -> str:
    supervisors = FIELD_SUPERVISORS[company_id]
    return supervisors[turn % len(supervisors)]
