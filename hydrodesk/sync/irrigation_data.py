"""A project's irrigation as this computer saved it: valves, programs, the last week's logs, and when they came.

The Irrigation pane reads only this (so it shows the same with the server gone); fetching goes through
`CacheRefresher.irrigation`, which the sync engine runs on every core refresh for the project the pane follows, and
the pane on demand (F5, and its valves every few seconds while it is on screen).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from hydrodesk.api.models_iot import IrrigationLog, Program, Valve
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.sync.refresh import IRRIGATION_LOG_DAYS, irrigation_mark, valves_mark

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IrrigationSnapshot:
    valves: list[Valve] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    logs: list[IrrigationLog] = field(default_factory=list)
    fetched_at: str | None = None
    """When the logs were last fetched, with the valves and programs (UTC text); None: never on this computer."""
    valves_at: str | None = None
    """When the valves and programs were last fetched (more often than the logs)."""
    people: dict[str, str] = field(default_factory=dict)
    """Who is who (hydrodesk.domain.people): the logs name who opened a valve by account id."""

    @property
    def empty(self) -> bool:
        return not (self.valves or self.programs or self.logs)


async def cached_irrigation(store: Store, project_id: str, now: datetime) -> IrrigationSnapshot:
    start, end = utc_text(now - timedelta(days=IRRIGATION_LOG_DAYS)), utc_text(now + timedelta(hours=1))
    valves = await store.read(cache.valves, project_id)
    programs = await store.read(cache.programs, project_id)
    logs = await store.read(cache.irrigation_logs, project_id, start, end)
    fetched_at = await store.read(cache.refreshed_at, irrigation_mark(project_id))
    valves_at = await store.read(cache.refreshed_at, valves_mark(project_id))
    people = await store.people_names()
    return IrrigationSnapshot(
        _parse(Valve, valves), _parse(Program, programs), _parse(IrrigationLog, logs), fetched_at, valves_at, people
    )


def _parse(model: Any, rows: list[dict[str, Any]]) -> list[Any]:
    """Rows saved by this or an earlier version; one that no longer reads is skipped, not fatal."""
    found = []
    for row in rows:
        try:
            found.append(model.model_validate(row))
        except ValidationError as error:
            log.warning("skipped a cached %s: %s", model.__name__, error)
    return found
