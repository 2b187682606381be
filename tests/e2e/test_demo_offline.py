"""`hydrodesk --demo` whose simulator dies mid-run: the app notices by itself, keeps running and shuts down in order."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from hydrodesk.app_paths import AppPaths

from .test_demo_app import processes_mentioning, user_home

__all__ = ["user_home"]  # a fixture, used by name


class Output:
    """The app's log lines (stderr), read by a thread as they come."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(process,), daemon=True).start()

    def _pump(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines:
                if re.search(pattern, line):
                    return line
            try:
                line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {pattern!r} in time:\n" + "".join(self.lines[-40:])) from None
            assert line is not None, f"hydrodesk exited before logging {pattern!r}:\n" + "".join(self.lines[-40:])
            self.lines.append(line)

    def rest(self) -> str:
        while (line := self._queue.get(timeout=10)) is not None:
            self.lines.append(line)
        return "".join(self.lines)


def start_demo(user_home: dict[str, str], sim_template: Path) -> tuple[Path, subprocess.Popen[str], Output]:
    """`hydrodesk --demo` on a seeded farm (as a previous run would have left it), once its farm has loaded."""
    demo_farm = AppPaths.for_user().demo_farm_dir
    shutil.copytree(sim_template, demo_farm)
    process = subprocess.Popen(
        [sys.executable, "-m", "hydrodesk", "--demo", "--lang", "en", "--log-level", "INFO", "--pane", "outbox"],
        env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    output = Output(process)
    try:
        output.wait_for("loaded 2 projects", timeout=60)
    except BaseException:
        process.kill()
        process.wait(10)
        assert process.stderr is not None
        process.stderr.close()
        raise
    return demo_farm, process, output


def running_simulators(demo_farm: Path) -> list[int]:
    simulators = processes_mentioning(str(demo_farm))
    assert simulators, "the demo simulator should be running"
    return simulators


def test_the_demo_notices_its_simulator_died_keeps_running_and_stops_cleanly(
    user_home: dict[str, str], sim_template: Path
) -> None:
    demo_farm, process, output = start_demo(user_home, sim_template)
    try:
        simulators = running_simulators(demo_farm)
        for pid in simulators:  # the simulator this app started: pulled like a plug
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        # Nobody touches the window: the sync heartbeat notices, and the status bar says offline. Which transport
        # error says so depends on the moment of the kill: ConnectError between requests, RemoteProtocolError or
        # ReadError when the simulator dies holding a request (seen in CI).
        output.wait_for(r"sync offline: Offline \(\w+ on [A-Z]+ /api/", timeout=40)
        assert process.poll() is None  # still running, window and all
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        log = output.rest()
        assert process.stderr is not None
        process.stderr.close()
    assert "background task" not in log, log[-3000:]  # no UI task died along the way
    assert "Traceback" not in log, log[-3000:]
    assert "demo simulator stopped" in log
    assert processes_mentioning(str(demo_farm)) == []
    # The office's database was closed in order (checkpointed), with the farm in it for an offline start.
    caches = list((demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3"))
    assert len(caches) == 1
    wal = caches[0].with_name(caches[0].name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with contextlib.closing(sqlite3.connect(caches[0])) as cache:
        assert cache.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 2


def test_a_killed_demo_leaves_no_simulator_running(user_home: dict[str, str], sim_template: Path) -> None:
    # kill -9 (or a crash) gives the app no chance to stop its simulator: the simulator notices by itself that
    # the app is gone (its standard input closes) and shuts down cleanly, instead of serving on, orphaned.
    demo_farm, process, _output = start_demo(user_home, sim_template)
    try:
        simulators = running_simulators(demo_farm)
        process.kill()
        process.wait(10)
        deadline = time.monotonic() + 30
        while (left := [pid for pid in simulators if _alive(pid)]) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling another process's exit: there is no signal to await across processes
        assert left == [], f"the simulator outlived the app: {left}"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        for pid in processes_mentioning(str(demo_farm)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert process.stderr is not None
        process.stderr.close()
    # It stopped in order, as on SIGTERM: SQLite folds the journal in and deletes it when the last connection
    # closes (a killed simulator would have left it).
    assert not (demo_farm / "hydrobit-sim.sqlite3-wal").exists()


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie, dead but not yet reaped by its parent, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
