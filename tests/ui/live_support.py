"""Helpers for the live-telemetry UI tests: a simulator with fast field devices, and a main window signed in to it
through the real session controller (so the app's own wiring starts the one TelemetryHub of the session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.config import ApiConfig
from hydrodesk.settings import SecretStore, SettingsStore
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.launch import Connection, ProgressCallback
from hydrodesk.ui.live.telemetry import LiveTelemetry
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.session import SessionController
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState

from .conftest import DEMO_USER, WindowKit, run_async

# Field timings for tests (hydrodesk/sim/field.py reads them): telemetry 5 times a second, quick ramps and timeouts.
FAST_FIELD = {
    "HYDRODESK_SIM_TELEMETRY_S": "0.2",
    "HYDRODESK_SIM_RAMP_S": "0.4",
    "HYDRODESK_SIM_ACK_TIMEOUT_S": "5",
    "HYDRODESK_SIM_CONFIRM_TIMEOUT_S": "6",
    "HYDRODESK_SIM_FAULT_GRACE_S": "2",
}
ALL_SCOPES = (
    "read:irrigation",
    "write:irrigation",
    "read:weather",
    "read:plant",
    "read:production",
    "read:telemetry",
    "read:phytosanitary",
)


@contextmanager
def fast_field() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in FAST_FIELD}
    os.environ.update(FAST_FIELD)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass
class SimulatorSource:
    """A SessionSource for a simulator the test started: what `--demo` does, minus starting it."""

    simulator: Any
    scopes: tuple[str, ...] = ALL_SCOPES

    async def connect(self, progress: ProgressCallback) -> Connection:
        credentials = Credentials(
            DEMO_USER, bearer_token=self.simulator.token(DEMO_USER), api_key=self.simulator.api_key(*self.scopes)
        )
        return Connection("test", ApiConfig.single_origin(self.simulator.base_url, timeout=5.0), credentials)

    async def close(self) -> None:
        """The test owns the simulator."""


@dataclass
class SignedIn:
    kit: WindowKit
    controller: SessionController

    @property
    def live(self) -> LiveTelemetry:
        assert self.controller.live is not None
        return self.controller.live


def session_controller(kit: WindowKit, folder: Path, **options: Any) -> SessionController:
    """The app's session controller for `kit`'s window: settings in `folder`/settings.json, each account's local
    cache under `folder`/data, the test's keychain; `options` as SessionController takes them (demo, ...)."""
    return SessionController(
        kit.window,
        kit.monitor,
        kit.tasks,
        settings=SettingsStore(folder / "settings.json"),
        secrets=SecretStore(),
        data_dir=folder / "data",
        **options,
    )


def sign_in(
    qtbot: QtBot,
    qapp: QApplication,
    simulator: Any,
    tmp_path: Path,
    pane: str,
    *,
    data_dir: Path | None = None,
    scopes: tuple[str, ...] = ALL_SCOPES,
    size: tuple[int, int] | None = None,
) -> Iterator[SignedIn]:
    """A shown main window on `pane`, signed in to `simulator` (with an API key of `scopes`). Signing out (hub
    stopped, client closed) runs before pytest-qt closes the window, as the app's own shutdown does before its
    window goes. With `data_dir` the session opens an office (local database, outbox, sync engine) there, as the
    app does."""
    themes = ThemeManager(qapp, "light")
    themes.apply("light")
    monitor, tasks = ConnectionMonitor(), BackgroundTasks()
    window = MainWindow(ui_state=UiState(tmp_path / "ui-state.ini"), themes=themes, monitor=monitor, tasks=tasks)
    kit = WindowKit(window, monitor, tasks, themes, window._ui_state)
    controller = SessionController(
        window,
        monitor,
        tasks,
        settings=SettingsStore(tmp_path / "settings.json"),
        secrets=SecretStore(),
        data_dir=data_dir,
    )

    def sign_out(_window: object) -> None:
        run_async(qtbot, tasks.cancel_all(), timeout_ms=20_000)
        run_async(qtbot, controller.aclose(), timeout_ms=20_000)

    qtbot.addWidget(window, before_close_func=sign_out)
    window.open_pane(pane)
    if size is not None:  # as on a screen of that size (the offscreen test screen is smaller)
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert run_async(qtbot, controller.connect(SimulatorSource(simulator, scopes)), timeout_ms=20_000)
    yield SignedIn(kit, controller)
