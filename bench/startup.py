"""Start-up time: HydroDesk's first painted main window against an empty PySide6 window, in this same run.

Each measurement is a fresh child process (nothing cached in memory but what the OS caches for both), timed from
just before it is spawned to just after its window's first paint; the child reports the moment on the shared
monotonic clock and quits. Several runs of each, interleaved, median reported. Prints one JSON line:

    {"first_window_ms": ..., "bare_window_ms": ..., "ratio_vs_bare": ...,
     "complete_window_ms": ..., "complete_ratio_vs_bare": ...,
     "styled_window_ms": ..., "ratio_vs_styled": ...,
     "returning_window_ms": ..., "returning_ratio_vs_bare": ...}

HydroDesk paints its window in two steps: the frame (the window where it will stay, its title and the theme's
colour), then, right after, the complete window (menus, tool bar, navigator, the signed-out page, status bar).
`first_window_ms` is the frame's paint, when the window is on screen; `complete_window_ms` the complete window's,
when it can be used. `ratio_vs_styled` compares the complete window with the styled yardstick.

The styled window is a second yardstick: a window of the signed-out HydroDesk window's shape (menu bar, tool bar,
a docked list of the twelve panes, a title, a wrapped sentence and a button, a status bar label) in the Fusion
style with HydroDesk's light style sheet, written with PySide6 alone. It pays what any such window pays and the
empty one does not (the `Qt` namespace's enums, the fonts, the style sheet, painting text), so `ratio_vs_styled`
is close to what HydroDesk's own code adds.

Target (issue 12): ratio_vs_bare <= 1.5. HydroDesk runs signed out in a throwaway home folder, so no keychain,
network or simulator is involved: this measures imports, widget construction and the first paint.

`returning_window_ms` (the frame, as `first_window_ms`) is the everyday start: a home folder whose settings name
the profile and the user who signed in on it last, so HydroDesk asks (before any window) whether another HydroDesk
holds that user's cache, then paints; its keychain and the network come after the first paint, as in the office.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The yardsticks' first lines: report the first paint on the shared monotonic clock, then quit.
FIRST_PAINT = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(json.dumps({"painted_at": time.monotonic()}), flush=True)
        QApplication.quit()
"""

BARE_WINDOW = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 760)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
)


STYLED_WINDOW = (
    FIRST_PAINT
    + """
import re
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QMainWindow, QPushButton, QToolBar, QVBoxLayout, QWidget

app = QApplication([sys.argv[0], "-style", "Fusion"])
themes = Path(sys.argv[1])
tokens = json.loads((themes / "light.json").read_text(encoding="utf-8"))["tokens"]
sheet = (themes / "base.qss").read_text(encoding="utf-8")
app.setStyleSheet(re.sub(r"@([a-z_]+)", lambda match: tokens[match.group(1)], sheet))
window = QMainWindow()
for title in ("&File", "&View", "&Go", "&Help"):
    window.menuBar().addMenu(title)
tools = QToolBar()
tools.addAction("Refresh")
tools.addAction("Sync Now")
window.addToolBar(tools)
panes = QListWidget()
panes.addItems(["Overview", "Sessions", "Tallies", "Workers", "Irrigation", "Telemetry", "Scouting",
                "Weather and plant", "Map", "Timeline", "Forms", "Outbox"])
dock = QDockWidget("Navigator")
dock.setWidget(panes)
window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
page = QWidget()
column = QVBoxLayout(page)
title = QLabel("Not signed in")
title.setAlignment(Qt.AlignmentFlag.AlignCenter)
message = QLabel("Sign in to your Hydrobit account to see your farm, or start HydroDesk with --demo to explore "
                 "the demo farm.")
message.setWordWrap(True)
column.addWidget(title)
column.addWidget(message)
column.addWidget(QPushButton("Sign in..."))
window.setCentralWidget(page)
window.statusBar().addPermanentWidget(QLabel("Signed out"))
window.resize(1200, 760)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
)
THEMES = Path(__file__).resolve().parent.parent / "resources" / "themes"


def child_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, folder in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / folder)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["HYDRODESK_FIRST_PAINT_PROBE"] = "1"
    # An installed HydroDesk starts from compiled bytecode; with PYTHONDONTWRITEBYTECODE set (as in some development
    # and CI shells) every run would compile HydroDesk's modules from source, which the bare window, made of
    # compiled Qt, never pays. The untimed warm-up run writes the bytecode, as installing does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Run in a returning user's home before timing: the profile they signed in on last, as signing in saves it.
RETURNING_USER = """
from hydrodesk.app_paths import AppPaths
from hydrodesk.settings import Profile, SettingsStore, UserSettings
profile = Profile(name="Finca", base_url="https://api.hydrobit.ag", auth0_id="auth0|returning")
SettingsStore(AppPaths.for_user().settings_file).save(UserSettings().with_profile(profile))
"""


def time_to_paints(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from spawning `command` to its window's first paint, and to its complete window's (the same
    paint for the yardsticks, whose windows are complete at once)."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    report = None
    for line in process.stdout:
        if line.startswith("{"):
            report = json.loads(line)
    if process.wait(60) != 0 or report is None:
        raise RuntimeError(f"{command} exited with {process.returncode} before reporting its first paint")
    painted_at = report["painted_at"]
    complete_at = report.get("complete_at", painted_at)
    return (painted_at - started) * 1000, (complete_at - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each kind (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hydrodesk-bench-") as folder:
        env = child_environment(Path(folder) / "first-start")
        returning_env = child_environment(Path(folder) / "returning")
        subprocess.run([sys.executable, "-c", RETURNING_USER], env=returning_env, check=True)
        app_command = [sys.executable, "-m", "hydrodesk", "--lang", "en"]
        bare_command = [sys.executable, "-c", BARE_WINDOW]
        styled_command = [sys.executable, "-c", STYLED_WINDOW, str(THEMES)]
        runs = ((app_command, env), (bare_command, env), (styled_command, env), (app_command, returning_env))
        # One untimed run of each warms the OS file cache, so no side pays for cold disk reads alone.
        for command, environment in runs:
            time_to_paints(command, environment)
        times: list[list[tuple[float, float]]] = [[] for _ in runs]
        for _ in range(args.runs):
            for (command, environment), measured in zip(runs, times, strict=True):
                measured.append(time_to_paints(command, environment))
    first, bare, styled, returning = (statistics.median(paint for paint, _ in measured) for measured in times)
    complete = statistics.median(complete for _, complete in times[0])
    print(
        json.dumps(
            {
                "first_window_ms": round(first, 1),
                "bare_window_ms": round(bare, 1),
                "ratio_vs_bare": round(first / bare, 2),
                "complete_window_ms": round(complete, 1),
                "complete_ratio_vs_bare": round(complete / bare, 2),
                "styled_window_ms": round(styled, 1),
                "ratio_vs_styled": round(complete / styled, 2),
                "returning_window_ms": round(returning, 1),
                "returning_ratio_vs_bare": round(returning / bare, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
