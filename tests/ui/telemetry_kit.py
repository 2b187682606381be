"""The Telemetry pane in a real 1366×768 window over a real TelemetryHub with no broker: tests write points into
its ring buffers as ingest writes them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.irrigation.alarms import AlarmCenter
from hydrodesk.ui.live.telemetry import LiveTelemetry
from hydrodesk.ui.panes.base import PaneContext
from hydrodesk.ui.panes.telemetry import TelemetryPane
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager


async def no_token() -> object:
    raise RuntimeError("no broker in this test")


def telemetry_window(
    qtbot: QtBot, qapp: QApplication, live: LiveTelemetry, alarms: AlarmCenter | None = None
) -> tuple[QMainWindow, TelemetryPane]:
    theme = ThemeManager(qapp, "light").apply("light")
    context = PaneContext(
        monitor=ConnectionMonitor(),
        tasks=BackgroundTasks(),
        client=lambda: None,
        theme=lambda: theme,
        live=lambda: live,
        alarms=lambda: alarms,
    )
    window = QMainWindow()
    pane = TelemetryPane(context, window)
    window.setCentralWidget(pane)
    window.resize(1366, 768)
    window.show()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window, pane
