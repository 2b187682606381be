"""Signing in when the account's local cache will not open: another HydroDesk window has it, or a newer HydroDesk
wrote it. The window says what happened and offers the way forward, never a traceback or an endless "Signing in…"."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hydrodesk.demo import DemoFarm
from hydrodesk.sim.db import DATABASE_FILE
from hydrodesk.store.lock import ProfileLock, StoreInUse
from hydrodesk.store.paths import user_database
from hydrodesk.store.store import Store
from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.session import SessionController

from .conftest import DEMO_USER, WindowKit, run_async
from .live_support import SimulatorSource, session_controller


def controller_for(kit: WindowKit, tmp_path: Path, demo: DemoFarm | None = None) -> SessionController:
    return session_controller(kit, tmp_path, demo=demo)


def test_a_demo_farm_open_in_another_window_starts_no_second_simulator_and_try_again_opens_it_once_closed(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim_template: Path, tmp_path: Path
) -> None:
    farm = tmp_path / "demo-farm"
    shutil.copytree(sim_template, farm)
    other_window = ProfileLock(farm / DATABASE_FILE)  # what a first HydroDesk holds while its demo farm runs
    other_window.acquire()
    demo = DemoFarm(farm)
    kit = make_window()
    kit.window.show()
    controller = controller_for(kit, tmp_path, demo)
    try:
        assert not run_async(qtbot, controller.connect(demo), timeout_ms=20_000)
        page = kit.window.state_page
        assert page.title_label.text() == "HydroDesk is already open for this account"
        assert "Switch to that window, or close it and press Try again." in page.message_label.text()
        assert demo.running is None  # no second simulator on the same farm: its crews would post everything twice
        assert kit.monitor.state == ConnectionState.SIGNED_OUT
        assert kit.window.statusBar().currentMessage() == ""  # not "Starting the demo farm…" under the refusal

        other_window.release()
        with qtbot.waitSignal(kit.window.load_finished, timeout=60_000) as loaded:
            qtbot.mouseClick(page.action_button, Qt.MouseButton.LeftButton)
        assert loaded.args == [True]
        assert demo.running is not None
        assert kit.window.showing_data
        assert kit.window.statusBar().currentMessage() != "Signing in to the demo farm…"
        # While this window runs the farm, a further HydroDesk is kept out of it.
        with pytest.raises(StoreInUse):
            ProfileLock(farm / DATABASE_FILE).acquire()
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=30_000)
        other_window.release()
    assert demo.running is None


def test_a_cache_open_in_another_window_is_explained_and_try_again_signs_in_once_it_is_closed(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, tmp_path: Path
) -> None:
    kit = make_window()
    kit.window.show()
    controller = controller_for(kit, tmp_path)
    # Where the session below opens its office; another "window" (a store in this process) holds it.
    other_window = run_async(qtbot, Store.open(user_database(tmp_path / "data", "test", DEMO_USER)))
    try:
        assert not run_async(qtbot, controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
        page = kit.window.state_page
        assert not kit.window.showing_data
        assert page.title_label.text() == "HydroDesk is already open for this account"
        assert "Switch to that window, or close it and press Try again." in page.message_label.text()
        assert page.action_button.isVisible()
        assert page.action_button.text() == "Try again"
        assert controller.client is None  # nothing half-open is left behind
        assert kit.monitor.state == ConnectionState.SIGNED_OUT

        run_async(qtbot, other_window.close())
        with qtbot.waitSignal(kit.window.load_finished, timeout=20_000) as loaded:
            qtbot.mouseClick(page.action_button, Qt.MouseButton.LeftButton)
        assert loaded.args == [True]
        assert kit.window.showing_data
        assert controller.office is not None
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=20_000)
        run_async(qtbot, other_window.close())


def test_a_cache_from_a_newer_hydrodesk_is_left_untouched_and_the_window_offers_to_check_for_updates(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, tmp_path: Path
) -> None:
    database = user_database(tmp_path / "data", "test", DEMO_USER)
    run_async(qtbot, run_async(qtbot, Store.open(database)).close())
    with contextlib.closing(sqlite3.connect(database)) as newer:  # sqlite3's own `with` commits, never closes
        newer.execute("UPDATE alembic_version SET version_num = '7777_from_the_future'")
        newer.commit()
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    kit = make_window()
    kit.window.show()
    controller = controller_for(kit, tmp_path)
    try:
        assert not run_async(qtbot, controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
        page = kit.window.state_page
        assert page.title_label.text() == "This computer's copy of the farm is from a newer HydroDesk"
        assert "Install the newer version" in page.message_label.text()
        assert str(database) in page.detail_label.text()  # for a support call
        assert page.action_button.text() == "Check for updates…"
        assert controller.client is None
        assert hashlib.sha256(database.read_bytes()).hexdigest() == before  # not migrated, not replaced
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=20_000)
