"""A test stuck where pytest-timeout cannot reach it ends its process, with every thread's stack on record.

pytest-timeout's signal method raises in whatever Python frame runs when the alarm fires. Inside Qt's event loop
that frame is a slot or an asyncio callback, and both catch the exception, log it and carry on: a test that waits
on a loop which never ends then hangs the whole run (CI's 90 minutes ran out once this way, at 97 % of the suite,
without a word of which test). So a second watchdog runs beside it, in C (faulthandler): after HANG_S it writes
every thread's stack to a file and ends the process. Under pytest-xdist the controller reports the crashed worker
with the test's name and starts another, and the run's summary prints the stacks.

A pytest plugin, loaded by tests/conftest.py.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

HANG_S = float(os.environ.get("HYDRODESK_HANG_S", "240"))
"""Twice pytest-timeout's 120 s, which covers setup, call and teardown alike: it has had its chance by then.
(HYDRODESK_HANG_S sets another, for tests/unit/test_hang_watch.py.)"""

FOLDER_VARIABLE = "HYDRODESK_HANG_RECORDS"
"""Where each process keeps the record of the test it runs; set by the controller, inherited by xdist's workers."""


_made_here: list[str] = []


def pytest_configure() -> None:
    """The controller (or a lone pytest) makes the folder; its workers, started later, inherit the variable."""
    if FOLDER_VARIABLE not in os.environ:
        os.environ[FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="hydrodesk-hangs-")
        _made_here.append(os.environ[FOLDER_VARIABLE])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """Run one test, setup to teardown, under the watchdog; its record goes once the test ends in any way."""
    record_path = Path(os.environ[FOLDER_VARIABLE]) / f"{os.getpid()}.txt"
    with record_path.open("w", encoding="utf-8") as record:
        record.write(f"{item.nodeid} was still running after {HANG_S:.0f} s; the stack of every thread then:\n\n")
        record.flush()  # faulthandler writes to the file descriptor, after what is written here
        faulthandler.dump_traceback_later(HANG_S, exit=True, file=record)
        try:
            return (yield)
        finally:
            faulthandler.cancel_dump_traceback_later()
            record_path.unlink()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The records a stuck test left behind (its process ended before deleting it), written out whole."""
    folder = Path(os.environ.get(FOLDER_VARIABLE, ""))
    records = sorted(folder.glob("*.txt")) if folder.name and folder.is_dir() else []
    if records:
        terminalreporter.section("tests stopped by the hang watchdog (tests/hang_watch.py)", sep="=")
        for record in records:
            terminalreporter.write(record.read_text(encoding="utf-8", errors="replace") + "\n")


def pytest_unconfigure() -> None:
    """The folder goes with the process that made it (a worker inherited it)."""
    for folder in _made_here:
        shutil.rmtree(folder, ignore_errors=True)
    _made_here.clear()
