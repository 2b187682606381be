"""The hang watchdog (tests/hang_watch.py) stops a run whose test swallows pytest-timeout's exception: the test
named, its stack printed, within seconds rather than at CI's deadline."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("workers", ["0", "1"])
def test_a_stuck_test_stops_the_run_with_its_stack_printed(tmp_path: Path, workers: str) -> None:
    (tmp_path / "test_stuck.py").write_text(STUCK_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("HYDRODESK_HANG")}
    # The run ends without tidying up (that is the point): its records' folder goes in the test's own.
    environment.update(HYDRODESK_HANG_S="3", PYTHONPATH=str(REPO), TMPDIR=str(tmp_path))
    command = [sys.executable, "-m", "pytest", "-c", str(tmp_path / "pytest.ini"), "-p", "tests.hang_watch"]
    command += ["-p", "no:cacheprovider", "-n", workers, "--timeout", "1", str(tmp_path / "test_stuck.py")]
    started = time.monotonic()
    run = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=90)
    output = run.stdout + run.stderr
    assert run.returncode == 3, output
    assert time.monotonic() - started < 60  # seconds after the 3 s, not at some outer deadline
    assert "a test hung: the run stops" in output, output
    stuck = "test_stuck.py::test_waits_on_a_loop_that_swallows_the_timeout was still running after 3 s"
    assert stuck in output, output
    stack = output.split(stuck, 1)[1]
    assert "in test_waits_on_a_loop_that_swallows_the_timeout" in stack, output  # the stuck frame, named
    assert "The run ended here (exit status 3)" in stack
