"""The window paints before HydroDesk imports what its first paint does not need (hydrodesk/app.py): the database,
the network, the charts and the tables come after, so a farm office sees the window sooner (bench/startup.py).
Nor does the garbage collector walk start-up's objects while they are being made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hydrodesk.app_paths import AppPaths
from hydrodesk.settings import Profile, SettingsStore, UserSettings

LATER = ("sqlalchemy", "alembic", "httpx", "pydantic", "numpy", "pyqtgraph", "paho", "keyring", "qasync", "asyncio")
# The complete window's parts, made after the frame's first paint.
WINDOW_PARTS = ("hydrodesk.ui.navigator", "hydrodesk.ui.status_bar", "hydrodesk.ui.widgets.state_page")
LATER_OURS = ("hydrodesk.store", "hydrodesk.api", "hydrodesk.sync.office", "hydrodesk.ui.widgets.data_table")


def first_start_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, HYDRODESK_FIRST_PAINT_PROBE="1", QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        env[name] = str(folder)  # signed out, nothing remembered: a first start
    return env


def first_paints(tmp_path: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The probe's report of a start (a first start unless `env` says otherwise): when the frame and the complete
    window were first painted, and the modules imported by the frame's paint."""
    env = env or first_start_environment(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "hydrodesk", "--lang", "en"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    return report


def test_the_first_paint_imports_no_database_network_chart_or_table(tmp_path: Path) -> None:
    modules = set(first_paints(tmp_path)["modules"])
    assert "hydrodesk.ui.main_window" in modules  # the probe saw the real window
    packages = {name.partition(".")[0] for name in modules}
    assert sorted(packages.intersection(LATER)) == []
    assert sorted(name for name in modules if name.startswith(LATER_OURS)) == []


def test_a_returning_users_start_loads_no_openssl_before_its_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The everyday start asks where the account's cache is before any window (one window per account): the file's
    name is a SHA-256 digest, and hashlib's would load OpenSSL there, 5-10 ms of the start (bench/startup.py)."""
    env = first_start_environment(tmp_path)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, env[name])
    profile = Profile(name="Finca", base_url="https://api.hydrobit.ag", auth0_id="auth0|returning")
    SettingsStore(AppPaths.for_user().settings_file).save(UserSettings().with_profile(profile))

    modules = set(first_paints(tmp_path, env)["modules"])

    assert "hydrodesk.store.paths" in modules  # it did ask where the account's cache is
    assert sorted(modules.intersection({"_hashlib", "_ssl"})) == []


def test_the_frame_is_painted_before_the_windows_parts_are_built(tmp_path: Path) -> None:
    """The window is on screen as a frame first; its navigator, status bar and pages are made after that paint
    (MainWindow.complete), and the complete window is painted next."""
    report = first_paints(tmp_path)
    assert sorted(set(report["modules"]).intersection(WINDOW_PARTS)) == []
    assert report["complete_at"] > report["painted_at"]


# Runs main() as the `hydrodesk` command does, noting every garbage collection from the moment main() is called, and
# the moment the GUI-thread collector takes over (as the window is shown).
COLLECTIONS_DRIVER = """
import gc, json, sys
from hydrodesk import app
from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector
events = []
gc.callbacks.append(lambda phase, info: phase == "start" and events.append(f"collection {info['generation']}"))
start = GuiThreadGarbageCollector.start
def noted_start(self):
    events.append("collector started")
    start(self)
GuiThreadGarbageCollector.start = noted_start
code = app.main(["--lang", "en"])
print(json.dumps({"events": events}))
sys.exit(code)
"""


def test_no_automatic_collection_runs_from_main_until_the_gui_thread_collector_takes_over(tmp_path: Path) -> None:
    """main() switches the automatic collector off first thing; the GUI-thread collector takes over as the window is
    shown (and collects on its own timer, and once at exit). With automatic collection on until then, some 55
    collections ran, 5-7 ms of start-up."""
    done = subprocess.run(
        [sys.executable, "-c", COLLECTIONS_DRIVER],
        env=first_start_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout.splitlines()[-1])["events"]
    assert "collector started" in events
    assert events[: events.index("collector started")] == []
