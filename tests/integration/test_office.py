"""The office bundle the UI builds per sign-in: an action taken offline reaches the server once it is back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.sync.status import ConnectionState

DOCUMENTED_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"


@pytest.mark.asyncio
async def test_a_recorded_unit_is_saved_locally_then_synced(fresh_sim, tmp_path: Path) -> None:
    client = HydrobitClient(
        ApiConfig.single_origin(fresh_sim.base_url, timeout=5.0),
        Credentials("user_123456789", bearer_token=fresh_sim.token()),
    )
    office = await Office.open(profile_database(tmp_path, "Demo farm"), client)
    try:
        item = await office.actions.record_units(
            session_id=DOCUMENTED_SESSION,
            worker_id="JS0315",
            worker_name="John Smith",
            units=3,
            recorded_at=datetime.now(UTC),
        )
        status = await office.engine.wait_for(lambda s: s.pending == 0 and s.state == ConnectionState.ONLINE)
        assert status.failed == 0
        records = await client.list_session_records(DOCUMENTED_SESSION)
        mine = [record for record in records if record.client_event_id == item.idem_key]
        assert len(mine) == 1
        assert mine[0].units == 3
    finally:
        await office.close()
        await client.aclose()
    assert not office.engine.running
