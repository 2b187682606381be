"""What the Tallies pane tests share: a signed-in office over a simulator, the pane built on it, and waits.

The office is the real one (local database, outbox, sync engine) talking real HTTP to a simulator of the test's
own; the pane gets a PaneContext as the main window would give it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import Project
from hydrodesk.domain.sessions import Bonus
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import load_theme

from .conftest import DEMO_USER, run_async

DOCUMENTED_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"
PROJECT, SECTOR = "proj_123", "sector_001"


@dataclass
class TallyKit:
    pane: TalliesPane
    office: Office
    client: HydrobitClient
    tasks: BackgroundTasks
    projects: dict[str, Project] = field(default_factory=dict)

    def select(self, qtbot: QtBot, project_id: str = PROJECT, sector_id: str | None = SECTOR) -> None:
        project = self.projects[project_id]
        sector = next((s for s in project.sectors if s.sector_id == sector_id), None)
        self.pane.set_selection(Selection(project, sector))

    def units_of(self, worker_id: str) -> float | None:
        row = self.pane.workers_model.row_for(worker_id)
        return None if row is None else row.total_units


def open_office(
    qtbot: QtBot, base_url: str, token: str, folder: Path, api_key: str | None = None
) -> tuple[Office, HydrobitClient]:
    client = HydrobitClient(
        ApiConfig.single_origin(base_url, timeout=3.0, connect_timeout=1.0),
        Credentials(DEMO_USER, bearer_token=token, api_key=api_key),
    )
    office = run_async(qtbot, Office.open(profile_database(folder, "Tallies test"), client))
    # One round online: the roster, the projects and the open sessions reach the local cache.
    status = run_async(qtbot, office.engine.sync_now(), timeout_ms=30_000)
    assert status.state is ConnectionState.ONLINE, status
    return office, client


def build_kit(qtbot: QtBot, office: Office, client: HydrobitClient, theme: str = "light") -> TallyKit:
    tasks = BackgroundTasks()
    context = PaneContext(
        monitor=ConnectionMonitor(),
        tasks=tasks,
        client=lambda: client,
        theme=lambda: load_theme(theme),
        office=lambda: office,
    )
    pane = TalliesPane(context)
    qtbot.addWidget(pane)
    pane.resize(1280, 820)
    pane.show()
    projects = {data["project_id"]: Project.model_validate(data) for data in run_async(qtbot, office.store.projects())}
    return TallyKit(pane=pane, office=office, client=client, tasks=tasks, projects=projects)


@pytest.fixture
def tally_kit_factory(qtbot: QtBot, qloop: Any, tmp_path: Path) -> Iterator[Callable[..., TallyKit]]:
    kits: list[TallyKit] = []

    def make(simulator: Any, *, theme: str = "light", api_key: str | None = None) -> TallyKit:
        """`api_key`: for the operations that need one (the harvest, whose reply names the people)."""
        office, client = open_office(qtbot, simulator.base_url, simulator.token(DEMO_USER), tmp_path, api_key)
        kit = build_kit(qtbot, office, client, theme)
        kits.append(kit)
        return kit

    yield make
    for kit in kits:
        run_async(qtbot, kit.tasks.cancel_all())
        run_async(qtbot, kit.office.close())
        run_async(qtbot, kit.client.aclose())


def wait_for_session(qtbot: QtBot, kit: TallyKit, session_id: str = DOCUMENTED_SESSION) -> None:
    qtbot.waitUntil(
        lambda: (kit.pane.selected_session() or {}).get("session_id") == session_id and bool(kit.pane.ledger()),
        timeout=10_000,
    )


def scan(qtbot: QtBot, kit: TallyKit, text: str) -> None:
    """What a badge scanner does: the characters at full speed, then Enter."""
    edit = kit.pane.entry_row.worker_edit
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def settle(qtbot: QtBot, kit: TallyKit, timeout_s: float = 20.0) -> SyncStatus:
    """Sync now and wait until nothing is left to send (a round already running may end before our entries go)."""

    async def drained() -> SyncStatus:
        engine = kit.office.engine
        await engine.sync_now()
        async with asyncio.timeout(timeout_s):
            return await engine.wait_for(lambda status: status.state is ConnectionState.ONLINE and status.pending == 0)

    return run_async(qtbot, drained(), timeout_ms=int(timeout_s * 1000) + 5_000)


def pay_by_hand(units: float, price_per_unit: float, bonus: Bonus | None) -> tuple[float, float, float]:
    """(base, bonus, total) as a payroll clerk works a payslip out, written here rather than taken from the code
    under test: units × price in cents; a flat bonus, or that percentage of the base, only when there is a base;
    each part rounded half-up to cents and the total their sum. Voids beyond deliveries pay nothing."""
    cents = Decimal("0.01")
    base = (max(Decimal(str(units)), Decimal(0)) * Decimal(str(price_per_unit))).quantize(cents, ROUND_HALF_UP)
    extra = Decimal(0)
    if bonus is not None and base > 0:
        value = Decimal(str(bonus.value))
        extra = value if bonus.type == "flat" else base * value / 100
    extra = extra.quantize(cents, ROUND_HALF_UP)
    return float(base), float(extra), float(base + extra)
