"""One signed-in office: its local database, the sync engine, the actions that change things, the outbox choices.

    office = await Office.open(profile_database(paths.data_dir, profile), client)
    await office.actions.record_units(...)          # saved durably, then synced by the engine
    office.engine.subscribe(status_bar.show)
    await office.close()                            # engine first, then the database; the caller closes the client

The UI builds one per sign-in and hands it to every pane; panes read through `office.store` (cache with pending work
laid over it) and change things only through `office.actions`, so everything goes through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hydrodesk.api.client import HydrobitClient
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.choices import OutboxChoices
from hydrodesk.sync.engine import DEFAULT_REFRESH_EVERY_S, SyncEngine


@dataclass
class Office:
    store: Store
    engine: SyncEngine
    actions: OfficeActions
    choices: OutboxChoices

    @classmethod
    async def open(
        cls, database: Path, client: HydrobitClient, *, start: bool = True, refresh_every_s: float | None = None
    ) -> Office:
        """Open (and migrate) the profile's database and start syncing it with `client`; `refresh_every_s`: how
        often to fetch what others changed (None: the engine's default)."""
        store = await Store.open(database)
        engine = SyncEngine(store, client, refresh_every_s=refresh_every_s or DEFAULT_REFRESH_EVERY_S)
        # Every new outbox entry wakes the engine at once: a record typed online is on the server in moments.
        actions = OfficeActions(store, lambda: engine.client.credentials.auth0_id, on_change=engine.notify_changed)
        choices = OutboxChoices(store, on_change=engine.notify_changed)
        office = cls(store, engine, actions, choices)
        if start:
            engine.start()
        return office

    async def close(self) -> None:
        await self.engine.stop()
        await self.store.close()
