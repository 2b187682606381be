"""Helpers for UI tests of the offline office: a real office over a real simulator, attached to a main window.

The office is built as `Office.open` builds it, with one difference: its sync engine backs off in tenths of a
second instead of seconds, so a test that stops and restarts the simulator does not wait for a real backoff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.domain.backoff import Backoff
from hydrodesk.sim.launcher import RunningSimulator, start_simulator
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.choices import OutboxChoices
from hydrodesk.sync.engine import SyncEngine
from hydrodesk.sync.office import Office
from hydrodesk.ui.panes.outbox import OutboxPane

from .conftest import DEMO_USER, WindowKit, run_async

FAST_BACKOFF = Backoff(base_s=0.2, cap_s=0.6, floor_s=0.05)
DOCUMENTED_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"  # the demo user's open session in Lote A-1
WORKER_ID, WORKER_NAME = "JS0315", "John Smith"


def make_client(base_url: str, token: str, api_key: str | None = None) -> HydrobitClient:
    config = ApiConfig.single_origin(base_url, timeout=3.0, connect_timeout=1.0)
    return HydrobitClient(config, Credentials(DEMO_USER, bearer_token=token, api_key=api_key))


async def open_fast_office(database: Path, client: HydrobitClient) -> Office:
    store = await Store.open(database)
    engine = SyncEngine(store, client, backoff=FAST_BACKOFF)
    actions = OfficeActions(store, lambda: engine.client.credentials.auth0_id, on_change=engine.notify_changed)
    choices = OutboxChoices(store, on_change=engine.notify_changed)
    engine.start()
    return Office(store, engine, actions, choices)


@dataclass
class OfficeKit:
    """Offices, clients and restarted simulators a test opened; closed (offices first) when its `with` ends."""

    qtbot: QtBot
    offices: list[Office] = field(default_factory=list)
    clients: list[HydrobitClient] = field(default_factory=list)
    simulators: list[RunningSimulator] = field(default_factory=list)

    def client(self, base_url: str, token: str) -> HydrobitClient:
        client = make_client(base_url, token)
        self.clients.append(client)
        return client

    def office(self, database: Path, client: HydrobitClient) -> Office:
        office = run_async(self.qtbot, open_fast_office(database, client))
        self.offices.append(office)
        return office

    def sign_in(self, kit: WindowKit, sim: Any, database: Path) -> tuple[HydrobitClient, Office]:
        """The window signed in to `sim` as the demo user, with an office on `database`: as after a sign-in."""
        client = self.client(sim.base_url, sim.token(DEMO_USER))
        office = self.office(database, client)
        attach(kit, client, office)
        return client, office

    def close_office(self, office: Office) -> None:
        run_async(self.qtbot, office.close())
        self.offices.remove(office)

    def __enter__(self) -> OfficeKit:
        # pytest-qt closes and deletes a test's windows before fixtures end, in the order they were registered.
        # This stand-in, registered before any window, closes the offices first: a window never outlives the
        # office it shows, as in the app (a last sync status reaching a deleted status bar was the leak).
        self.qtbot.addWidget(QWidget(), before_close_func=lambda _widget: self._close_offices())
        return self

    def _close_offices(self) -> None:
        while self.offices:
            run_async(self.qtbot, self.offices.pop().close())

    def __exit__(self, *_exc: object) -> None:
        self._close_offices()
        for client in self.clients:
            run_async(self.qtbot, client.aclose())
        for running in self.simulators:
            running.stop()

    def restart_on_same_port(self, sim: Any) -> RunningSimulator:
        """The simulator comes back at the address the office knows, on the data it had."""
        port = urlsplit(sim.base_url).port
        running = start_simulator(sim.data_dir, port=port, devices=False)
        self.simulators.append(running)
        return running


def attach(kit: WindowKit, client: HydrobitClient, office: Office) -> None:
    kit.window.attach(client, account="Test farm", user_name="María López", user_id=DEMO_USER, office=office)


def load(qtbot: QtBot, kit: WindowKit) -> bool:
    with qtbot.waitSignal(kit.window.load_finished, timeout=20_000) as finished:
        kit.window.request_reload()
    return bool(finished.args[0])


def click_row(qtbot: QtBot, pane: OutboxPane, entry_id: str, *, add: bool = False) -> None:
    """Click a row of the outbox table as a user would (Ctrl+click adds it to the selection)."""
    row = pane.model.row_of(entry_id)
    assert row >= 0, f"no row for {entry_id}"
    index: QModelIndex = pane.table.proxy.mapFromSource(pane.model.index(row, 2))
    view = pane.table.view
    view.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def cell(pane: OutboxPane, entry_id: str, column: int) -> str:
    return str(pane.model.data(pane.model.index(pane.model.row_of(entry_id), column)))


def fill_the_disk(qtbot: QtBot, store: Store) -> int:
    """No room left in the store's file, as on a full disk: its size capped (PRAGMA max_page_count) and its free
    pages filled with junk, one committed row at a time until SQLite refuses one. Returns the cap, in pages."""
    run_async(qtbot, store.write(lambda conn: conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (junk BLOB)")))
    pages = run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql("PRAGMA page_count").scalar()))
    run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages}").scalar()))
    for _ in range(10_000):
        try:
            run_async(
                qtbot, store.write(lambda conn: conn.exec_driver_sql("INSERT INTO filler VALUES (zeroblob(256))"))
            )
        except OperationalError as error:
            if "full" not in str(error):
                raise
            return int(pages)
    raise AssertionError("the capped file never filled up")
