"""The hang watchdog (tests/hang_watch.py) ends a test that swallows pytest-timeout's exception, names it, prints
its stack, and lets the rest of the run go on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

STUCK_TESTS = """
import time


def test_waits_on_a_loop_that_swallows_the_timeout():
    while True:
        try:
            time.sleep(0.05)
        except BaseException:  # as a Qt slot or an asyncio callback does with pytest-timeout's exception
            pass


def test_after_it():
    assert True
"""


def test_a_stuck_test_ends_its_worker_with_its_stack_printed_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "test_stuck.py").write_text(STUCK_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("HYDRODESK_HANG")}
    environment.update(HYDRODESK_HANG_S="3", PYTHONPATH=str(REPO))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(tmp_path / "pytest.ini"),
            "-p",
            "tests.hang_watch",
            "-p",
            "no:cacheprovider",
            "-n",
            "1",
            "--timeout",
            "1",
            str(tmp_path / "test_stuck.py"),
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=90,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "tests stopped by the hang watchdog" in output, output
    assert "test_stuck.py::test_waits_on_a_loop_that_swallows_the_timeout was still running after 3 s" in output
    stack = output.split("tests stopped by the hang watchdog", 1)[1]
    assert "in test_waits_on_a_loop_that_swallows_the_timeout" in stack, output  # the stuck frame, named
    assert "1 failed" in output, output
    assert "1 passed" in output, output  # the test after it ran, in the worker started in its place
    leftovers = [line for line in output.splitlines() if "hydrodesk-hangs-" in line]
    assert not leftovers, leftovers
