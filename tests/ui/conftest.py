"""UI test helpers: a qasync loop that runs inside pytest-qt's event processing, and ready-made main windows.

pytest-qt drives Qt's event loop (qtbot.waitSignal / waitUntil); a qasync loop created with
`already_running=True` hooks asyncio onto that same Qt loop, so coroutines (the real httpx client talking to the
real simulator) make progress whenever a test waits for a signal or a condition.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState
from tests.hygiene import HYGIENE, pending_tasks

T = TypeVar("T")

DEMO_USER = "user_123456789"

# pytest-qt waits 5 s by default. On a 2-core CI machine running the suite in two workers (or two suites at once),
# a window's first layout, a sign-in or a simulator's reply can take far longer than that without anything being
# wrong. A condition that never comes true still fails the test, only later. So every wait is at least this
# patient: a deadline of 5 s or more written in a test is a bound on "never", not a claim about speed, and gets
# stretched to this. A deliberately short deadline (under 5 s) is kept as written, and so is any wait given
# `stretch=False` (one whose timing out is an expected outcome the test carries on from).
PATIENT_WAIT_MS = 45_000
SHORT_DEADLINE_MS = 5_000


def _patient(wait: Callable[..., T]) -> Callable[..., T]:
    def wait_patiently(
        self: QtBot, *args: Any, timeout: int = PATIENT_WAIT_MS, stretch: bool = True, **kwargs: Any
    ) -> T:
        if stretch and timeout >= SHORT_DEADLINE_MS:
            timeout = max(timeout, PATIENT_WAIT_MS)
        return wait(self, *args, timeout=timeout, **kwargs)

    return wait_patiently


for _name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive", "waitCallback"):
    setattr(QtBot, _name, _patient(getattr(QtBot, _name)))


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (hydrodesk.ui.runtime): no automatic garbage collection in whatever thread allocates (the
    store's writer, paho's network loop), only from a timer on the GUI thread. A cycle holding a pane collected
    in another thread destroyed its timers there ("Timers cannot be stopped from another thread") and now and
    then crashed the test run inside Qt's event loop. stop() collects once and leaves automatic collection off,
    so the collector (a QObject) and what the test made are destroyed with no collection inside their
    destructors."""
    collector = GuiThreadGarbageCollector(interval_ms=250)
    collector.start()
    yield
    collector.stop()


@pytest.fixture(scope="module")
def field_sim(sim_factory_session: Callable[..., Any]) -> Any:
    """A simulator of the module's own with live devices on its embedded broker, their field at test speed."""
    from .live_support import fast_field  # live_support imports this module

    with fast_field():
        return sim_factory_session(devices=True, mqtt_ws_port=0)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    _report_pending_tasks(loop)
    stop_qasync_loop(qapp, loop)
    asyncio.set_event_loop(None)


def _report_pending_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """Tasks still pending once the test's fixtures are done are its leaks (tests/hygiene.py): named, then cancelled
    and given the moment they need to unwind, so they run into no later test."""
    left = pending_tasks(loop)
    HYGIENE.report_tasks(left)
    for task in left:
        task.cancel()
    deadline = time.monotonic() + 5
    while any(not task.done() for task in left) and time.monotonic() < deadline:
        QApplication.processEvents()


def stop_qasync_loop(qapp: QApplication, loop: qasync.QEventLoop) -> None:
    """qasync's documented cleanup of an `already_running` loop: stop(), then close().

    stop() ends the Qt loop that runs it with QApplication.exit(). Called with no loop running, that exit would
    stick: Qt's every later QEventLoop.exec() (qtbot.waitSignal's) would return at once for the rest of the run.
    So the loop is stopped from inside a QApplication.exec() of its own, which the exit ends and which leaves
    no exit pending behind it.
    """
    QTimer.singleShot(0, loop.stop)
    qapp.exec()
    asyncio._set_running_loop(None)  # asyncio's hook for loop implementations; qasync set it, and leaves it set
    loop.close()


def run_async(qtbot: QtBot, coroutine: Coroutine[Any, Any, T], timeout_ms: int = 15_000) -> T:
    """Run a coroutine on the qasync loop while Qt processes events, and return its result."""
    task = asyncio.ensure_future(coroutine)
    try:
        qtbot.waitUntil(task.done, timeout=timeout_ms)
    except BaseException:
        task.cancel()  # a wait that failed leaves nothing running into the next test
        raise
    return task.result()


@dataclass
class WindowKit:
    """A main window and the services it was built with."""

    window: MainWindow
    monitor: ConnectionMonitor
    tasks: BackgroundTasks
    themes: ThemeManager
    ui_state: UiState
    clients: list[HydrobitClient] = field(default_factory=list)

    def attach(self, base_url: str, token: str | None, api_key: str | None = None) -> HydrobitClient:
        client = HydrobitClient(
            ApiConfig.single_origin(base_url, timeout=5.0, connect_timeout=2.0),
            Credentials(DEMO_USER, bearer_token=token, api_key=api_key),
        )
        self.clients.append(client)
        self.window.attach(client, account="Test farm", user_name="María López", user_id=DEMO_USER)
        return client


@pytest.fixture
def make_window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, qapp: QApplication, tmp_path: Path
) -> Iterator[Callable[[], WindowKit]]:
    kits: list[WindowKit] = []

    def make() -> WindowKit:
        themes = ThemeManager(qapp, "light")
        themes.apply("light")
        ui_state = UiState(tmp_path / f"ui-state-{len(kits)}.ini")
        monitor = ConnectionMonitor()
        tasks = BackgroundTasks()
        window = MainWindow(ui_state=ui_state, themes=themes, monitor=monitor, tasks=tasks)
        # Its background work ends before pytest-qt closes and deletes it, so none runs on deleted widgets.
        qtbot.addWidget(window, before_close_func=lambda _window: run_async(qtbot, tasks.cancel_all()))
        kit = WindowKit(window, monitor, tasks, themes, ui_state)
        kits.append(kit)
        return kit

    yield make
    for kit in kits:
        run_async(qtbot, kit.tasks.cancel_all())
        for client in kit.clients:
            run_async(qtbot, client.aclose())


@pytest.fixture
def loaded_kit(qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any) -> WindowKit:
    """A shown main window that has loaded the demo farm from the shared simulator."""
    kit = make_window()
    kit.window.show()
    qtbot.waitExposed(kit.window)
    kit.attach(sim.base_url, sim.token(DEMO_USER))
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000) as loaded:
        kit.window.request_reload()
    assert loaded.args == [True]
    return kit
