"""The Telemetry pane as the benchmarks run it: offscreen, in a 1280 x 800 window, on a given TelemetryHub."""

from __future__ import annotations

import resource
import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QMainWindow


def build_pane(hub: Any) -> tuple[QMainWindow, Any, Any]:
    from hydrodesk.ui.connection import ConnectionMonitor
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.panes.base import PaneContext
    from hydrodesk.ui.panes.telemetry import TelemetryPane
    from hydrodesk.ui.tasks import BackgroundTasks
    from hydrodesk.ui.theme import ThemeManager

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes = ThemeManager(app, "light")
    theme = themes.apply("light")
    live = LiveTelemetry(hub)
    context = PaneContext(
        monitor=ConnectionMonitor(),
        tasks=BackgroundTasks(),
        client=lambda: None,
        theme=lambda: theme,
        live=lambda: live,
    )
    window = QMainWindow()
    pane = TelemetryPane(context, window)
    window.setCentralWidget(pane)
    window.resize(1280, 800)
    window.show()
    return window, pane, live


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the peak
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
