"""After a damaged cache is replaced, the next sync sends each salvaged entry once, and the cache fills again."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.domain.outbox import EntryState
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from tests.cache_damage_support import overwrite_middle_outbox_page

DOCUMENTED_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"
ME = "user_123456789"
SEED = 4512


async def record(office: Office, units: int) -> str:
    item = await office.actions.record_units(
        DOCUMENTED_SESSION, "JS0315", "John Smith " * 10, units, recorded_at=datetime.now(UTC)
    )
    return item.idem_key


@pytest.mark.asyncio
async def test_after_repair_each_salvaged_entry_reaches_the_server_exactly_once(fresh_sim, tmp_path: Path) -> None:
    client = HydrobitClient(
        ApiConfig.single_origin(fresh_sim.base_url, timeout=5.0), Credentials(ME, bearer_token=fresh_sim.token())
    )
    database = profile_database(tmp_path, "Farm")
    try:
        office = await Office.open(database, client, start=False)
        try:
            delivered = [await record(office, units) for units in range(1, 6)]
            office.engine.refresh_enabled = False  # the cache before the damage does not matter here (saves 3 s)
            await office.engine.run_round(forced=True)  # these five reach the server before the damage
            assert (office.engine.status.pending, office.engine.status.failed) == (0, 0)
            waiting = [await record(office, units) for units in range(6, 66)]  # made offline, say
        finally:
            await office.close()

        overwrite_middle_outbox_page(database, SEED)

        office = await Office.open(database, client, start=False)
        try:
            report = office.store.damage
            assert report is not None
            assert report.unreadable > 0
            salvaged = {item.idem_key: item for item in await office.store.outbox_items()}
            assert len(salvaged) + report.unreadable == 65
            assert await office.store.projects() == []  # nothing of the old cache was trusted

            await office.engine.run_round(forced=True)
            assert (office.engine.status.pending, office.engine.status.failed) == (0, 0)
            assert await office.store.projects()  # the cache came again from the server

            records = await client.list_session_records(DOCUMENTED_SESSION)
            on_server = Counter(r.client_event_id for r in records if r.client_event_id)
            for key in delivered:
                assert on_server[key] == 1  # delivered before, never doubled, whether its row survived or not
            for key in waiting:
                if key in salvaged:
                    assert on_server[key] == 1
                    done = await office.store.outbox_items(states=[EntryState.DONE])
                    assert key in {item.idem_key for item in done}
                else:
                    assert on_server[key] == 0  # unreadable: said so to the user, not invented
        finally:
            await office.close()
    finally:
        await client.aclose()
