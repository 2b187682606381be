"""The window with an offline office: what the status bar says while the server is gone and after it returns,
"Sync now", an offline start from the cache, and a refused sign-in that keeps the outbox."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QNetworkInformation
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.demo import DemoFarm
from hydrodesk.settings import Profile, Secrets, SecretStore, SettingsStore, UserSettings
from hydrodesk.sim.launcher import run_cli
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.choices import OutboxChoices
from hydrodesk.sync.engine import SyncEngine
from hydrodesk.sync.office import Office
from hydrodesk.sync.status import ConnectionState as SyncState
from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.panes import PANES
from hydrodesk.ui.session import SessionController
from hydrodesk.ui.sync_status import _available
from tests.keyring_support import MemoryKeyring

from .conftest import DEMO_USER, WindowKit, run_async
from .live_support import session_controller
from .office_kit import (
    DOCUMENTED_SESSION,
    WORKER_ID,
    WORKER_NAME,
    OfficeKit,
    attach,
    load,
)


@pytest.fixture
def office_kit(qtbot: QtBot) -> Iterator[OfficeKit]:
    with OfficeKit(qtbot) as kit:
        yield kit


def server_events(qtbot: QtBot, client: HydrobitClient, session_id: str) -> Counter[str]:
    records = run_async(qtbot, client.list_session_records(session_id))
    return Counter(r.client_event_id for r in records if r.void_of is None and r.client_event_id)


def test_the_status_bar_shows_pending_changes_offline_then_synced_and_sync_now(
    qtbot: QtBot, make_window: Callable[[], WindowKit], office_kit: OfficeKit, fresh_sim: Any, tmp_path: Path
) -> None:
    kit = make_window()
    kit.window.show()
    client, office = office_kit.sign_in(kit, fresh_sim, tmp_path / "office.sqlite3")
    assert load(qtbot, kit) is True
    bar = kit.window.status
    qtbot.waitUntil(lambda: bar.connection_label.text() == "● Online", timeout=20_000)
    assert kit.monitor.deferring  # the engine speaks for the connection now

    fresh_sim.stop()
    kit.window.sync.heartbeat.setInterval(100)  # idle, the engine sends nothing: the heartbeat notices
    qtbot.waitUntil(lambda: bar.connection_label.text() == "● Offline", timeout=10_000)
    made = [
        run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, WORKER_ID, WORKER_NAME, units))
        for units in (3, 2, 1)
    ]
    qtbot.waitUntil(lambda: bar.sync.pending_button.text() == "3 changes waiting", timeout=10_000)
    assert bar.connection_label.property("state") == "offline"
    assert bar.sync.pending_button.isVisible()
    assert bar.sync.pending_button.text() == "3 changes waiting"
    assert bar.sync.retry_label.isVisible()
    assert bar.sync.retry_label.text().startswith(("Next try in ", "Trying again"))
    assert "cannot be reached" in bar.connection_label.toolTip()
    assert not bar.sync.attention_button.isVisible()
    assert kit.monitor.state is ConnectionState.OFFLINE  # the monitor mirrors the engine: no contradiction

    office_kit.restart_on_same_port(fresh_sim)  # nobody presses anything: the engine notices by itself
    qtbot.waitUntil(
        lambda: office.engine.status.state is SyncState.ONLINE and office.engine.status.pending == 0, timeout=20_000
    )
    qtbot.waitUntil(lambda: bar.connection_label.text() == "● Online")
    assert not bar.sync.pending_button.isVisible()
    assert not bar.sync.retry_label.isVisible()
    assert bar.sync.last_sync_label.text().startswith("Last synced ")
    assert kit.monitor.state is ConnectionState.ONLINE
    events = server_events(qtbot, client, DOCUMENTED_SESSION)
    assert {item.idem_key: events[item.idem_key] for item in made} == {item.idem_key: 1 for item in made}

    # "Sync now" from the keyboard, with progress while it runs.
    kit.window.activateWindow()
    qtbot.waitUntil(kit.window.isActiveWindow)
    with qtbot.waitSignal(kit.window.sync.sync_finished, timeout=20_000) as finished:
        qtbot.keyClick(
            kit.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert bar.sync.sync_button.text() == "Syncing…"
        assert not bar.sync.sync_button.isEnabled()
        assert not kit.window.sync.sync_action.isEnabled()
    assert finished.args[0].state is SyncState.ONLINE
    assert bar.currentMessage() == "Synced: everything made here is on the server."
    assert bar.sync.sync_button.text() == "Sync now"
    assert bar.sync.sync_button.isEnabled()

    kit.themes.apply("dark")  # the sync corner follows the theme too
    assert bar.sync.grab().width() > 0


def test_an_offline_start_shows_the_cached_farm_and_refreshes_when_the_server_returns(
    qtbot: QtBot, make_window: Callable[[], WindowKit], office_kit: OfficeKit, fresh_sim: Any, tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    token = fresh_sim.token(DEMO_USER)
    first = make_window()
    client = office_kit.client(fresh_sim.base_url, token)
    office = office_kit.office(database, client)
    attach(first, client, office)
    assert load(qtbot, first) is True  # this run saves the farm in the office's cache
    first.window.detach()
    office_kit.close_office(office)
    fresh_sim.stop()

    kit = make_window()
    kit.window.show()
    client = office_kit.client(fresh_sim.base_url, token)
    office = office_kit.office(database, client)
    attach(kit, client, office)
    assert load(qtbot, kit) is True
    window = kit.window
    assert window.showing_data
    assert window.showing_cached_since is not None
    assert window.navigator.model.find("proj_123", "sector_001").isValid()
    assert window.navigator.model.index(0, 0).data() == "Agrícola San Pedro"  # the company's name, from the cache
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Showing the farm as saved on this computer at ")
    assert "Cannot reach the Hydrobit server." in window.banner.text()
    assert "sent when the connection returns" in window.banner.text()
    bar = window.status
    qtbot.waitUntil(lambda: bar.connection_label.text() == "● Offline", timeout=10_000)
    assert bar.sync.last_sync_label.text().startswith("Last synced ")  # when the cache was filled

    # Every pane opens and shows something while offline.
    for spec in PANES:
        assert window.open_pane(spec.name)
        pane = window.current_pane
        assert pane is not None, spec.name
        assert pane.isVisible(), spec.name
    window.navigator.select("proj_123", "sector_001")

    # Work goes on: a record made now is listed in the outbox, waiting.
    item = run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, WORKER_ID, WORKER_NAME, 4))
    window.open_pane("outbox")
    outbox = window.pane("outbox")
    assert outbox is not None
    qtbot.waitUntil(lambda: outbox.model.row_of(item.entry_id) >= 0, timeout=10_000)

    office_kit.restart_on_same_port(fresh_sim)
    # The engine reconnects by itself and the window reloads the farm from the server.
    qtbot.waitUntil(lambda: window.showing_cached_since is None and not window.banner.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: office.engine.status.pending == 0, timeout=20_000)
    qtbot.waitUntil(lambda: outbox.model.rowCount() == 0, timeout=10_000)
    assert outbox.state_page.title_label.text() == "Everything is on the server"
    assert server_events(qtbot, client, DOCUMENTED_SESSION)[item.idem_key] == 1


def test_a_refused_sign_in_pauses_sync_asks_to_sign_in_again_and_keeps_the_outbox(
    qtbot: QtBot, make_window: Callable[[], WindowKit], fresh_sim: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    # The office starts with a good token; once it has loaded, the token it holds is swapped for one that ran out a
    # minute ago: what happens to a long-running office when its token expires, without racing a real expiry
    # against the load on a busy machine.
    expired = run_cli("token", "--data", str(fresh_sim.data_dir), "--user", DEMO_USER, "--expires-in=-60")
    profile = Profile(name="Rancho", base_url=fresh_sim.base_url, iot_url=fresh_sim.base_url, auth0_id=DEMO_USER)
    settings = SettingsStore(tmp_path / "settings.json")
    settings.save(UserSettings().with_profile(profile))
    SecretStore().save("Rancho", Secrets(bearer_token=fresh_sim.token(DEMO_USER)))
    kit = make_window()
    kit.window.show()
    controller = SessionController(
        kit.window, kit.monitor, kit.tasks, settings=settings, secrets=SecretStore(), data_dir=tmp_path / "data"
    )
    try:
        with qtbot.waitSignal(kit.window.load_finished, timeout=20_000) as loaded:
            controller.start()
        assert loaded.args == [True]
        office = controller.office
        assert office is not None

        client = controller.client
        assert client is not None
        client.replace_credentials(Credentials(DEMO_USER, bearer_token=expired))  # the token runs out
        made = [
            run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, WORKER_ID, WORKER_NAME, units))
            for units in (2, 5)
        ]
        qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible(), timeout=20_000)
        dialog = controller._dialog
        assert dialog is not None
        assert "no longer accepts your sign-in" in dialog.note_label.text()
        assert dialog.name_edit.text() == "Rancho"
        bar = kit.window.status
        assert bar.connection_label.text() == "● Sign-in needed"
        qtbot.waitUntil(lambda: bar.sync.pending_button.text() == "2 changes waiting", timeout=5_000)
        assert bar.sync.sync_button.text() == "Sign in again…"
        assert kit.monitor.state is ConnectionState.SIGNED_OUT
        assert office.engine.status.state is SyncState.AUTH_REQUIRED

        dialog.token_edit.clear()
        qtbot.keyClicks(dialog.token_edit, fresh_sim.token(DEMO_USER))
        dialog.sign_in_button.click()
        qtbot.waitUntil(
            lambda: office.engine.status.state is SyncState.ONLINE and office.engine.status.pending == 0,
            timeout=20_000,
        )
        assert controller.office is office  # the same office carried on: its outbox was never dropped
        assert bar.connection_label.text() == "● Online"
        assert controller.client is client
        events = server_events(qtbot, client, DOCUMENTED_SESSION)
        assert [events[item.idem_key] for item in made] == [1, 1]
    finally:
        run_async(qtbot, controller.aclose())


def test_the_demo_window_stays_usable_after_its_simulator_is_killed(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim_template: Path, tmp_path: Path
) -> None:
    farm = tmp_path / "demo-farm"
    shutil.copytree(sim_template, farm)
    demo = DemoFarm(farm)
    kit = make_window()
    kit.window.show()
    controller = session_controller(kit, tmp_path, demo=demo)
    try:
        with qtbot.waitSignal(kit.window.load_finished, timeout=60_000) as loaded:
            controller.start()
        assert loaded.args == [True]
        office = controller.office
        assert office is not None
        assert demo.running is not None
        window, bar = kit.window, kit.window.status
        window.sync.heartbeat.setInterval(100)
        demo.running.kill()  # mid-run, abruptly
        qtbot.waitUntil(lambda: bar.connection_label.text() == "● Offline", timeout=20_000)

        for spec in PANES:  # every pane still opens
            assert window.open_pane(spec.name)
            assert window.current_pane is not None
            assert window.current_pane.isVisible(), spec.name
        with qtbot.waitSignal(window.load_finished, timeout=20_000) as reloaded:
            window.request_reload()  # F5: the farm stays on screen, marked as possibly out of date
        assert reloaded.args == [False]
        assert window.showing_data
        assert window.navigator.model.find("proj_123", "sector_001").isValid()
        assert "Cannot reach the Hydrobit server" in window.banner.text()

        item = run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, WORKER_ID, WORKER_NAME, 2))
        qtbot.waitUntil(lambda: bar.sync.pending_button.text() == "1 change waiting", timeout=10_000)
        bar.sync.pending_button.click()  # the count opens the outbox, where the record waits
        outbox = window.pane("outbox")
        assert outbox is not None
        assert window.current_pane is outbox
        qtbot.waitUntil(lambda: outbox.model.row_of(item.entry_id) >= 0, timeout=10_000)
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=30_000)
    assert demo.running is None  # the demo stopped what was left of its simulator


def test_the_operating_systems_network_state_reaches_the_engine(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    Reachability = QNetworkInformation.Reachability
    assert [_available(r) for r in (Reachability.Disconnected, Reachability.Unknown, Reachability.Online)] == [
        False,
        None,
        True,
    ]
    kit = make_window()
    client = HydrobitClient(
        ApiConfig.single_origin("https://farm.example"), Credentials(DEMO_USER, bearer_token="a.b.c")
    )
    store = run_async(qtbot, Store.open(tmp_path / "office.sqlite3"))
    engine = SyncEngine(store, client)  # not started: nothing is sent to the (made-up) server
    office = Office(store, engine, OfficeActions(store, DEMO_USER), OutboxChoices(store))
    try:
        kit.window.attach(client, account="Farm", user_name="María López", user_id=DEMO_USER, office=office)
        sync = kit.window.sync
        sync.network.changed.emit(False)  # what QNetworkInformation says when the cable is pulled
        assert engine.status.network_available is False
        bar = kit.window.status
        assert bar.connection_label.text() == "● Offline"
        assert bar.connection_label.toolTip().startswith("This computer has no network connection.")
        sync.network.changed.emit(True)
        assert engine.status.network_available is True
        kit.window.detach()
        sync.network.changed.emit(False)  # no office: nobody to tell
        assert engine.status.network_available is True
    finally:
        run_async(qtbot, store.close())
        run_async(qtbot, client.aclose())
