"""A second HydroDesk for an account already open brings the first window forward and closes, instead of showing a
second window that can only explain it cannot open the account. Real local sockets (named pipes on Windows), real
profile locks, a real simulator."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from hydrodesk.demo import DemoFarm
from hydrodesk.sim.db import DATABASE_FILE
from hydrodesk.store.lock import ProfileLock
from hydrodesk.ui import single_instance
from hydrodesk.ui.single_instance import (
    WindowBeacon,
    ask_to_come_forward,
    channel_name,
)

from .conftest import WindowKit, run_async
from .live_support import SimulatorSource, session_controller

ALREADY_OPEN = "HydroDesk was already open for this account: here it is."
REFUSED = "HydroDesk is already open for this account"


def controller_for(kit: WindowKit, data_dir: Path, *, demo: DemoFarm | None = None, pane: str | None = None) -> Any:
    return session_controller(kit, data_dir.parent, demo=demo, requested_pane=pane)


def test_a_second_hydrodesk_for_an_open_account_brings_the_first_forward_on_the_pane_asked_for(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first, second = make_window(), make_window()
    first.window.show()
    first_controller = controller_for(first, data)
    second_controller = controller_for(second, data, pane="workers")
    try:
        assert run_async(qtbot, first_controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
        assert first.ui_state.last_pane != "workers"
        second.window.show()  # started later: its window is the one in front
        with qtbot.waitSignal(second_controller.handed_over, timeout=20_000):
            connected = run_async(qtbot, second_controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
        assert connected is False
        assert second.window.state_page.title_label.text() != REFUSED  # it closes instead of explaining
        assert second_controller.office is None
        assert second_controller.client is None
        assert first.ui_state.last_pane == "workers"
        assert first.window.statusBar().currentMessage() == ALREADY_OPEN
        assert first.window.showing_data  # still the open farm, untouched
    finally:
        run_async(qtbot, second_controller.aclose(), timeout_ms=20_000)
        run_async(qtbot, first_controller.aclose(), timeout_ms=20_000)


def test_once_the_first_window_signs_out_a_later_hydrodesk_opens_the_account_itself(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first, second = make_window(), make_window()
    first_controller, second_controller = controller_for(first, data), controller_for(second, data)
    try:
        assert run_async(qtbot, first_controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
        held = first_controller.office.store.path
        run_async(qtbot, first_controller.aclose(), timeout_ms=20_000)
        assert not run_async(qtbot, ask_to_come_forward(held, None))  # nobody answers for a lock no longer held
        assert run_async(qtbot, second_controller.connect(SimulatorSource(sim)), timeout_ms=20_000)
    finally:
        run_async(qtbot, second_controller.aclose(), timeout_ms=20_000)


def test_a_second_demo_farm_brings_the_window_running_it_forward_and_starts_nothing(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    farm = tmp_path / "demo-farm"
    farm.mkdir()
    running = make_window()  # the HydroDesk running the demo farm: it holds the farm and answers for it
    farm_lock = ProfileLock(farm / DATABASE_FILE)
    farm_lock.acquire()
    beacon = WindowBeacon(running.window)
    beacon.listen(farm_lock.database)
    later = make_window()
    demo = DemoFarm(farm)
    controller = controller_for(later, tmp_path / "data", demo=demo, pane="tallies")
    try:
        with qtbot.waitSignal(controller.handed_over, timeout=10_000):
            assert not run_async(qtbot, controller.connect(demo), timeout_ms=10_000)
        assert demo.running is None  # no second simulator on the same farm
        assert running.ui_state.last_pane == "tallies"
        assert running.window.statusBar().currentMessage() == ALREADY_OPEN
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=10_000)
        beacon.stop_all()
        farm_lock.release()


def test_a_holder_that_does_not_answer_leaves_the_explanation_and_try_again(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    """A first HydroDesk that is closing or hung accepts the connection and says nothing: after a short wait the
    second window explains, as before this feature."""
    farm = tmp_path / "demo-farm"
    farm.mkdir()
    farm_lock = ProfileLock(farm / DATABASE_FILE)
    farm_lock.acquire()
    silent = QLocalServer()
    QLocalServer.removeServer(channel_name(farm_lock.database))
    assert silent.listen(channel_name(farm_lock.database))
    accepted: list[QLocalSocket] = []
    silent.newConnection.connect(lambda: accepted.append(silent.nextPendingConnection()))
    try:
        assert not run_async(qtbot, ask_to_come_forward(farm_lock.database, None, timeout_s=0.3))
        qtbot.waitUntil(lambda: bool(accepted), timeout=5000)  # it did reach the holder, which never answered
    finally:
        silent.close()
    # Nobody listening at all (a HydroDesk from before this feature): the explanation comes at once.
    kit = make_window()
    demo = DemoFarm(farm)
    controller = controller_for(kit, tmp_path / "data", demo=demo)
    try:
        with qtbot.assertNotEmitted(controller.handed_over):
            assert not run_async(qtbot, controller.connect(demo), timeout_ms=10_000)
        assert kit.window.state_page.title_label.text() == REFUSED
        assert kit.window.state_page.action_button.text() == "Try again"
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=10_000)
        farm_lock.release()


def connected_to(held: Path) -> QLocalSocket:
    """A raw connection to the beacon of whoever holds `held`, as any local program could open."""
    socket = QLocalSocket()
    socket.connectToServer(channel_name(held))
    assert socket.waitForConnected(2000)
    return socket


def test_the_beacon_ignores_what_is_not_a_request_and_answers_only_for_the_files_it_holds(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    kit = make_window()
    held, other_account = tmp_path / "a.db", tmp_path / "b.db"
    beacon = WindowBeacon(kit.window)
    beacon.listen(held)
    try:
        stranger = connected_to(held)
        with qtbot.waitSignal(stranger.disconnected, timeout=5000):
            stranger.write(b'{"request": "delete-everything"}\n')
        assert kit.window.statusBar().currentMessage() != ALREADY_OPEN
        # Still answering after that; and never for another account's file (two accounts side by side).
        assert not run_async(qtbot, ask_to_come_forward(other_account, None))
        kit.window.show()
        kit.window.setWindowState(Qt.WindowState.WindowMaximized | Qt.WindowState.WindowMinimized)
        assert kit.window.isMinimized()
        assert run_async(qtbot, ask_to_come_forward(held, "no-such-pane"))
        assert kit.window.statusBar().currentMessage() == ALREADY_OPEN
        assert not kit.window.isMinimized()
        assert kit.window.isMaximized()  # as the user left it before minimizing
    finally:
        beacon.stop_all()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind; Unix sockets do")
def test_a_socket_file_left_by_a_killed_hydrodesk_does_not_stop_the_next_one_answering(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    held = tmp_path / "cache.db"
    leftover = Path(QDir.tempPath()) / channel_name(held)
    leftover.write_bytes(b"")  # what a HydroDesk killed with kill -9 leaves where its socket was
    kit = make_window()
    beacon = WindowBeacon(kit.window)
    try:
        beacon.listen(held)
        assert run_async(qtbot, ask_to_come_forward(held, None))
    finally:
        beacon.stop_all()
        leftover.unlink(missing_ok=True)


def test_the_window_that_hands_over_closes_without_saving_the_layout(make_window: Callable[[], WindowKit]) -> None:
    """The earlier HydroDesk saves the layout when it closes; the one that handed over must not overwrite it."""
    handing_over, closing = make_window(), make_window()
    for kit in (handing_over, closing):
        kit.window.show()
    handing_over.window.close_without_saving()
    closing.window.close()
    assert not handing_over.window.isVisible()
    assert handing_over.ui_state.geometry is None
    assert closing.ui_state.geometry is not None  # an ordinary close saves it


# A later HydroDesk before its window: a process of its own (the question blocks, and its answer needs this
# process's event loop free). Exit code 0: the holder came forward; 1: it did not.
ASK_BEFORE_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from hydrodesk.ui.single_instance import come_forward_before_window
app = QCoreApplication([])
sys.exit(0 if come_forward_before_window(Path(sys.argv[1]), sys.argv[2] or None, float(sys.argv[3])) else 1)
"""


def asked_from_another_process(locked_file: Path, pane: str | None, timeout_s: float) -> Callable[[], bool | None]:
    """Starts the question; returns a probe: None while it is being asked, then whether the holder came forward."""
    asker = subprocess.Popen([sys.executable, "-c", ASK_BEFORE_WINDOW, str(locked_file), pane or "", str(timeout_s)])
    return lambda: None if asker.poll() is None else asker.returncode == 0


def test_before_any_window_a_later_hydrodesk_asks_the_one_holding_its_account_and_it_comes_forward(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    kit = make_window()
    held = tmp_path / "cache.db"
    beacon = WindowBeacon(kit.window)
    beacon.listen(held)
    try:
        kit.window.show()
        answer = asked_from_another_process(held, "workers", timeout_s=10)
        qtbot.waitUntil(lambda: answer() is not None, timeout=15_000)
        assert answer() is True
        assert kit.window.statusBar().currentMessage() == ALREADY_OPEN
        assert kit.ui_state.last_pane == "workers"
        # Another account's file: nobody holds it, so nobody answers.
        unheld = asked_from_another_process(tmp_path / "other.db", None, timeout_s=10)
        qtbot.waitUntil(lambda: unheld() is not None, timeout=15_000)
        assert unheld() is False
    finally:
        beacon.stop_all()


def test_before_any_window_a_holder_that_does_not_answer_is_given_up_on(qtbot: QtBot, tmp_path: Path) -> None:
    held = tmp_path / "cache.db"
    silent = QLocalServer()
    QLocalServer.removeServer(channel_name(held))
    assert silent.listen(channel_name(held))
    accepted: list[QLocalSocket] = []
    silent.newConnection.connect(lambda: accepted.append(silent.nextPendingConnection()))
    try:
        answer = asked_from_another_process(held, None, timeout_s=0.5)
        qtbot.waitUntil(lambda: answer() is not None, timeout=15_000)
        assert answer() is False
        qtbot.waitUntil(lambda: bool(accepted), timeout=5000)  # it did reach the holder, which never answered
    finally:
        silent.close()


def test_the_beacon_closes_a_connection_that_never_says_anything(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "REQUEST_WAIT_MS", 200)
    kit = make_window()
    held = tmp_path / "cache.db"
    beacon = WindowBeacon(kit.window)
    beacon.listen(held)
    try:
        idle = connected_to(held)
        with qtbot.waitSignal(idle.disconnected, timeout=10_000):
            pass  # it sends nothing; the beacon hangs up
        assert run_async(qtbot, ask_to_come_forward(held, None))  # and still answers a real request
    finally:
        beacon.stop_all()
