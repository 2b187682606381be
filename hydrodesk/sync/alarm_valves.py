"""The valves the alarm service watches: every valve of every project of the farm, as the server describes them
now, or as the cache last saw them when the server cannot be reached (alarms must not stop with the network).
Loading them saves each project's valves and programs in the cache too, for the Irrigation pane offline."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hydrodesk.api.errors import ApiError
from hydrodesk.api.models_iot import Valve
from hydrodesk.domain.alarm_watch import WatchedValve
from hydrodesk.domain.irrigation import FlowEnvelope
from hydrodesk.store import cache

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)


async def watched_valves(
    projects: Sequence[Project], client: HydrobitClient, office: Office | None
) -> list[WatchedValve]:
    found: list[WatchedValve] = []
    for project in projects:
        try:
            valves = await _project_valves(project.project_id, client, office)
        except ApiError as error:
            log.info("the valves of %s could not be loaded for the alarms: %s", project.project_id, error)
            continue
        sectors = {sector.sector_id: sector.sector_name for sector in project.sectors}
        found += [watched(valve, project.project_id, sectors.get(valve.sector_id, "")) for valve in valves]
    return found


async def _project_valves(project_id: str, client: HydrobitClient, office: Office | None) -> list[Valve]:
    if office is None:
        return await client.list_valves(project_id)
    rows: list[dict[str, Any]]
    try:
        # The valves and programs, fetched and saved for the next offline start: the Irrigation pane shows them
        # with the network gone even if nobody opened it while it was there.
        await office.engine.refresher.irrigation(project_id, logs=False)
    except ApiError:
        rows = await office.store.read(cache.valves, project_id)
        if not rows:
            raise
    else:
        rows = await office.store.read(cache.valves, project_id)
    return [Valve.model_validate(row) for row in rows]


def watched(valve: Valve, project_id: str, sector_name: str) -> WatchedValve:
    expected = valve.expected_flow
    envelope = None
    if expected is not None:
        try:
            envelope = FlowEnvelope(expected.min_lpm, expected.max_lpm)
        except ValueError:
            envelope = None  # a server envelope that makes no sense: judged by the user's rule alone, if any
    return WatchedValve(
        valve.valve_id,
        valve.device_id,
        project_id,
        valve.name,
        sector_name,
        envelope,
        str(valve.observed_state),
        valve.sector_id or "",
    )
