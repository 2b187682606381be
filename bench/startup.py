"""Start-up time: HydroDesk's first painted main window against an empty PySide6 window, in this same run.

Each measurement is a fresh child process (nothing cached in memory but what the OS caches for both), timed from
just before it is spawned to just after its window's first paint; the child reports the moment on the shared
monotonic clock and quits. Several runs of each, interleaved, median reported. Prints one JSON line:

    {"first_window_ms": ..., "bare_window_ms": ..., "ratio_vs_bare": ...}

Target: ratio_vs_bare <= 2. HydroDesk runs signed out in a throwaway home folder, so no keychain, network or
simulator is involved: this measures imports, widget construction and the first paint.
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

BARE_WINDOW = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(json.dumps({"painted_at": time.monotonic()}), flush=True)
        QApplication.quit()

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 760)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


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


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning `command` to its first painted window."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    painted_at = None
    for line in process.stdout:
        if line.startswith("{"):
            painted_at = json.loads(line)["painted_at"]
    if process.wait(60) != 0 or painted_at is None:
        raise RuntimeError(f"{command} exited with {process.returncode} before reporting its first paint")
    return (painted_at - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each kind (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hydrodesk-bench-") as folder:
        env = child_environment(Path(folder))
        app_command = [sys.executable, "-m", "hydrodesk", "--lang", "en"]
        bare_command = [sys.executable, "-c", BARE_WINDOW]
        # One untimed run of each warms the OS file cache, so neither side pays for cold disk reads alone.
        time_to_first_paint(app_command, env)
        time_to_first_paint(bare_command, env)
        app_ms, bare_ms = [], []
        for _ in range(args.runs):
            app_ms.append(time_to_first_paint(app_command, env))
            bare_ms.append(time_to_first_paint(bare_command, env))
    first, bare = statistics.median(app_ms), statistics.median(bare_ms)
    print(
        json.dumps(
            {
                "first_window_ms": round(first, 1),
                "bare_window_ms": round(bare, 1),
                "ratio_vs_bare": round(first / bare, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
