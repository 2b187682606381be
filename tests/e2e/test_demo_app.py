"""`hydrodesk --demo` from the outside: a real process, its own simulator, a screenshot, a clean exit."""

from __future__ import annotations

import contextlib
import json
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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QImage

from hydrodesk.app_paths import AppPaths
from hydrodesk.ui.runtime import FIRST_PAINT_PROBE

SUNDAY = 6


def processes_mentioning(text: str) -> list[int]:
    """Process ids whose command line contains `text` (Linux /proc; CI runs Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command_line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in command_line:
            found.append(int(entry.name))
    return found


def distinct_colours(image: QImage) -> int:
    step = 8
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A throwaway home: HydroDesk's settings, UI state and demo farm all land under tmp_path."""
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
        Path(value).mkdir(parents=True)
    return env


def seeded_demo_farm(user_home: dict[str, str], sim_template: Path) -> Path:
    demo_farm = AppPaths.for_user().demo_farm_dir
    assert str(demo_farm).startswith(user_home["XDG_DATA_HOME"])
    # A seeded farm, as a previous run would have left it (seeding from scratch is tested by the simulator).
    shutil.copytree(sim_template, demo_farm)
    return demo_farm


def run_demo(
    user_home: dict[str, str], *arguments: str, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`hydrodesk --demo --log-level INFO <arguments>` offscreen in the test's home, to its end (at most 120 s)."""
    return subprocess.run(
        [sys.executable, "-m", "hydrodesk", "--demo", "--log-level", "INFO", *arguments],
        env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen", **(environment or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_runs_takes_a_screenshot_and_stops_its_simulator(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "window.png"

    done = run_demo(
        user_home,
        *("--lang", "en", "--screenshot", str(screenshot)),
        # The demo loads in about 6 s on a quiet 2-core machine; a busy one needs the headroom. With a screenshot
        # the deadline is only a limit: the app quits once the picture is saved.
        *("--quit-after", "60"),
    )

    assert done.returncode == 0, done.stderr[-3000:]
    assert "loaded 2 projects" in done.stderr
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    assert "demo simulator stopped (exit code 0)" in done.stderr
    image = QImage(str(screenshot))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20  # a drawn window, not a blank rectangle
    assert processes_mentioning(str(demo_farm)) == []  # the simulator child is gone
    assert any(demo_farm.iterdir())  # the farm stays for next time
    # The office's own cache and outbox for the demo farm: created, filled by the first sync, closed cleanly.
    caches = list((demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3"))
    assert len(caches) == 1
    wal = caches[0].with_name(caches[0].name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and closed, not abandoned
    with contextlib.closing(sqlite3.connect(caches[0])) as cache:
        assert cache.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 2
    # The log file, in the user's log folder, and no token or API key in anything the app wrote (the simulator's
    # own farm folder aside: it is the server's data).
    log_file = AppPaths.for_user().log_dir / "hydrodesk.log"
    assert "loaded 2 projects" in log_file.read_text(encoding="utf-8")
    for root in user_home.values():
        for path in Path(root).rglob("*"):
            if path.is_file() and demo_farm not in path.parents:
                content = path.read_bytes()
                assert not re.search(rb"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.", content), f"a JWT is in {path}"
                assert not re.search(rb"key_[A-Za-z0-9]{4,}\.[A-Za-z0-9_-]{12,}", content), f"an API key is in {path}"


def test_a_deadline_before_the_data_still_shuts_down_in_order(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    """--quit-after ending before the farm has loaded: a picture of the window as it is, then the ordered shutdown.
    The picture's quit and the deadline's were both queued, the second ended the run the shutdown needed, and the
    demo's simulator was killed at exit instead of stopped (seen once in the wheel's smoke test, on a busy machine)."""
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "early.png"
    done = run_demo(
        user_home,
        *("--pane", "telemetry", "--lang", "en", "--screenshot", str(screenshot)),
        # Long enough for the first paint (the simulator starts after it), far too short for the farm to load.
        *("--quit-after", "3"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "--quit-after elapsed before the data loaded" in done.stderr
    assert "demo simulator stopped (exit code 0)" in done.stderr, done.stderr[-3000:]
    assert screenshot.is_file()
    assert processes_mentioning(str(demo_farm)) == []


def todays_sessions_and_their_records(
    cache: sqlite3.Connection, started: datetime
) -> tuple[list[str], list[dict[str, Any]]]:
    """The open sessions of the farm's today (by each project's timezone) not opened by the demo user, and the
    records the cache holds for them."""
    zones = {
        project: json.loads(data)["timezone"]
        for project, data in cache.execute("SELECT project_id, data FROM projects")
    }
    today = {project: started.astimezone(ZoneInfo(zone)).date().isoformat() for project, zone in zones.items()}
    rows = cache.execute("SELECT session_id, project_id, day, owner_auth0_id FROM sessions WHERE status = 'open'")
    sessions = [(session_id, owner) for session_id, project, day, owner in rows if day[:10] == today.get(project)]
    assert "user_123456789" not in {owner for _, owner in sessions}  # opened by the field supervisors
    ids = [session_id for session_id, _ in sessions]
    records = [
        json.loads(data)
        for (data,) in cache.execute(f"SELECT data FROM records WHERE session_id IN ({','.join('?' * len(ids))})", ids)
    ]
    return ids, records


def test_the_demo_farm_is_at_work_today_and_the_office_sees_tallies_arrive(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    started = datetime.now(UTC)
    errors = tmp_path / "stderr.txt"

    def delivered_while_running(cache_file: Path) -> bool:
        with contextlib.closing(sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True)) as cache:
            try:
                sessions, records = todays_sessions_and_their_records(cache, started)
            except sqlite3.OperationalError:  # the cache's tables are not there yet
                return False
        return len(sessions) >= 3 and any(datetime.fromisoformat(r["created_at"]) >= started for r in records)

    # The office runs until a delivery posted after it started has reached its cache (not for a fixed time, which
    # a loaded machine may spend loading), then is asked to quit as a user would, with SIGTERM.
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "hydrodesk", "--demo", "--pane", "tallies", "--log-level", "INFO"],
            # Brisk tablets, so that the office's refreshes (every 10 s on the demo) surely bring some of their work.
            env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen", "HYDRODESK_SIM_TABLET_EVERY_S": "0.5"},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 90  # a bound for a broken build, never a wait
            seen = False
            while not seen and process.poll() is None and time.monotonic() < deadline:
                caches = list((demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3"))
                seen = bool(caches) and delivered_while_running(caches[0])
                if not seen:
                    time.sleep(0.5)  # another process's file: nothing to wait on but the file itself
            assert seen, "no delivery posted while the demo ran reached the office:\n" + errors.read_text()[-3000:]
            process.send_signal(signal.SIGTERM)
            assert process.wait(60) == 0, errors.read_text()[-3000:]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)

    assert "loaded 2 projects" in errors.read_text()
    assert processes_mentioning(str(demo_farm)) == []
    (cache_file,) = (demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3")
    with contextlib.closing(sqlite3.connect(cache_file)) as cache:
        sessions, arrived = todays_sessions_and_their_records(cache, started)
    assert len(sessions) >= 3  # at work today in several sectors
    assert any(datetime.fromisoformat(record["created_at"]) >= started for record in arrived)
    assert len({record["client_event_id"] for record in arrived}) == len(arrived)


def test_the_demo_opens_a_sectors_timeline_of_yesterday_with_every_lane(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "timeline.png"
    done = run_demo(user_home, "--pane", "timeline", "--screenshot", str(screenshot), "--quit-after", "60")

    assert done.returncode == 0, done.stderr[-3000:]
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    image = QImage(str(screenshot))
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    # With no sector chosen before, the demo shows the first project's first sector (scouted every day), yesterday.
    shown = re.findall(
        r"timeline of (\w+) for ([\d-]+)\.\.([\d-]+): (\d+) runs, \d+ commands, (\d+) moisture points, (\d+) "
        r"weather points, (\d+) scouting points, (\d+) harvest sessions, (\d+) harvest hours",
        done.stderr,
    )
    assert shown, done.stderr[-3000:]
    sector, first, last, *counts = shown[-1]  # the last drawing: after the days were fetched
    runs, moisture, weather, scouting, sessions, hours = map(int, counts)
    assert sector == "sector_101"
    yesterday = datetime.now(ZoneInfo("America/Lima")).date() - timedelta(days=1)
    assert first == last == yesterday.isoformat()
    assert runs > 0
    assert moisture > 0
    assert weather > 0
    assert scouting > 0
    # The crews rest on Sundays: a Monday's yesterday has no harvest (every other day has).
    assert (sessions > 0 and hours > 0) == (yesterday.weekday() != SUNDAY)


def test_the_demo_opens_on_the_sector_map_coloured_by_scouting(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "map.png"
    done = run_demo(
        user_home,
        *("--pane", "map", "--lang", "es"),
        # Room for a slow start on a busy machine: the map fetches its layer after the farm has loaded.
        *("--screenshot", str(screenshot), "--quit-after", "60"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    image = QImage(str(screenshot))
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    assert processes_mentioning(str(demo_farm)) == []
    (cache_file,) = (demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3")
    with contextlib.closing(sqlite3.connect(cache_file)) as cache:
        # The map fetched this month's scouting into the cache (for the selected project) and noted when.
        marks = [name for (name,) in cache.execute("SELECT name FROM refresh_marks WHERE name LIKE 'map:scouting:%'")]
        assert len(marks) == 1
        assert cache.execute("SELECT COUNT(*) FROM phyto_records").fetchone()[0] > 0


class RunningDemo:
    """`hydrodesk --demo --lang en --log-level INFO` running offscreen in the test's home, its log lines read as
    they come."""

    def __init__(self, user_home: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hydrodesk", "--demo", "--lang", "en", "--log-level", "INFO"],
            env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for(self, text: str, seconds: float = 90) -> None:
        """Until a log line contains `text` (the bound is for a broken build: a loaded machine may take most of
        it)."""
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.seen):
            line = self._lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, "hydrodesk exited early:\n" + "".join(self.seen)
            self.seen.append(line)

    def stop(self) -> int:
        """SIGTERM, then the rest of its log; its exit code."""
        try:
            self.process.send_signal(signal.SIGTERM)
            code = self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(10)
        while (line := self._lines.get(timeout=5)) is not None:
            self.seen.append(line)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return code


def test_sigterm_runs_the_same_ordered_shutdown(user_home: dict[str, str], sim_template: Path) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    demo = RunningDemo(user_home)
    try:
        demo.wait_for("loaded 2 projects")
        assert processes_mentioning(str(demo_farm)) != []  # the simulator is running now
    finally:
        assert demo.stop() == 0
    assert "demo simulator stopped (exit code 0)" in "".join(demo.seen)
    assert processes_mentioning(str(demo_farm)) == []


def test_starting_the_demo_again_brings_the_open_window_forward_and_the_second_one_closes(
    user_home: dict[str, str], sim_template: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    first = RunningDemo(user_home)
    try:
        first.wait_for("loaded 2 projects")
        simulators = processes_mentioning(str(demo_farm))

        # A double click on the icon, say. With the first-paint probe it would report (and quit) at its window's
        # first paint: it must not have one, the question is asked before any window.
        second = run_demo(user_home, "--lang", "en", "--pane", "workers", environment={FIRST_PAINT_PROBE: "1"})

        assert second.returncode == 0, second.stderr[-3000:]
        assert "HydroDesk was already open for this account; its window was brought forward" in second.stderr
        assert "painted_at" not in second.stdout  # no window flashed up
        assert "demo simulator stopped" not in second.stderr  # it started none, so stopped none
        first.wait_for("bringing this window forward", seconds=30)
        assert processes_mentioning(str(demo_farm)) == simulators  # no second simulator came or went
    finally:
        assert first.stop() == 0
    assert "demo simulator stopped (exit code 0)" in "".join(first.seen)


def test_the_demo_opens_on_the_forms_with_the_farms_forms_and_tasks(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "forms.png"

    done = run_demo(
        user_home, *("--pane", "forms", "--lang", "es", "--screenshot", str(screenshot), "--quit-after", "60")
    )

    assert done.returncode == 0, done.stderr[-3000:]
    # The pane waited for its forms before the picture was taken: the monitoring forms and the user's two tasks.
    assert "forms pane shows 5 forms" in done.stderr, done.stderr[-3000:]
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    image = QImage(str(screenshot))
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    assert processes_mentioning(str(demo_farm)) == []
    (cache_file,) = (demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3")
    with contextlib.closing(sqlite3.connect(cache_file)) as cache:
        kinds = dict(cache.execute("SELECT subtype, COUNT(*) FROM forms GROUP BY subtype").fetchall())
    assert kinds == {"monitoring": 3, "tasks": 2}
