"""`hydrodesk --demo` from the outside: a real process, its own simulator, a screenshot, a clean exit."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hydrodesk.settings import AppPaths


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


def test_demo_runs_takes_a_screenshot_and_stops_its_simulator(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "window.png"

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hydrodesk",
            "--demo",
            "--lang",
            "en",
            "--log-level",
            "INFO",
            "--screenshot",
            str(screenshot),
            "--quit-after",
            "10",
        ],
        env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
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


def test_sigterm_runs_the_same_ordered_shutdown(user_home: dict[str, str], sim_template: Path) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    process = subprocess.Popen(
        [sys.executable, "-m", "hydrodesk", "--demo", "--lang", "en", "--log-level", "INFO"],
        env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + 45
    try:
        while not any("loaded 2 projects" in line for line in seen):
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, "hydrodesk exited early:\n" + "".join(seen)
            seen.append(line)
        assert processes_mentioning(str(demo_farm)) != []  # the simulator is running now
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    while (line := lines.get(timeout=5)) is not None:
        seen.append(line)
    assert process.stderr is not None
    process.stderr.close()
    assert "demo simulator stopped (exit code 0)" in "".join(seen)
    assert processes_mentioning(str(demo_farm)) == []
