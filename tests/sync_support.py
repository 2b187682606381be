"""Helpers the sync and reliability tests share: clients, stores, engines with fast clocks, server-side checks."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import NewSession
from hydrodesk.domain.backoff import Backoff
from hydrodesk.store.store import Store
from hydrodesk.sync.clock import ScaledClock
from hydrodesk.sync.engine import SyncEngine

DEMO_USER = "user_123456789"
WORKER_ID, WORKER_NAME = "JS0315", "John Smith"
PROJECT, SECTORS = "proj_123", {"sector_002": "Lote A-2", "sector_003": "Lote B-1", "sector_004": "Lote B-2"}

# Sessions in these tests are opened on days long past, each on a day of its own, so no two collide with the
# rule "one open session per sector and day", nor with anything the seeded farm has open.
_days = itertools.count()


def fresh_day() -> datetime:
    """Noon UTC of a day no other test session uses (morning in Mexico City: the same local day)."""
    day = date(2021, 1, 1) + timedelta(days=next(_days))
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def make_client(base_url: str, token: str, *, timeout: float = 3.0, api_key: str | None = None) -> HydrobitClient:
    config = ApiConfig.single_origin(base_url, timeout=timeout, connect_timeout=timeout)
    return HydrobitClient(config, Credentials(DEMO_USER, bearer_token=token, api_key=api_key))


async def open_store(folder: Path, name: str = "profile.sqlite3") -> Store:
    return await Store.open(folder / name)


def fast_engine(store: Store, client: HydrobitClient, **options: object) -> SyncEngine:
    """An engine whose backoff pauses last a thousandth of their nominal time, deterministic jitter, no refresh."""
    settings: dict[str, object] = {
        "clock": ScaledClock(0.001),
        "rng": random.Random(7),
        "backoff": Backoff(base_s=1.0, cap_s=60.0),
        "refresh": False,
    }
    settings.update(options)
    return SyncEngine(store, client, **settings)  # type: ignore[arg-type]


async def open_server_session(client: HydrobitClient, sector_id: str = "sector_002") -> str:
    """A session opened directly on the server (not through the outbox), on a day of its own."""
    session = await client.open_session(
        NewSession(project_id=PROJECT, sector_id=sector_id, sector_name=SECTORS[sector_id], opened_at=fresh_day())
    )
    return session.session_id


async def server_events(client: HydrobitClient, session_id: str) -> Counter[str]:
    """How many times the server holds each clientEventId in the session (each must be 1)."""
    records = await client.list_session_records(session_id)
    return Counter(record.client_event_id for record in records if record.void_of is None and record.client_event_id)
