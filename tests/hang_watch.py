"""A test stuck where pytest-timeout cannot reach it stops the run within seconds, with every thread's stack
printed, instead of holding CI until its 90 minutes run out without a word of which test.

pytest-timeout's signal method raises in whatever Python frame runs when the alarm fires. Inside Qt's event loop
that frame is a slot or an asyncio callback, and both catch the exception, log it and carry on; and a main thread
blocked in C (a Qt destructor waiting on a thread) never runs the handler at all. So a second watchdog runs beside
it, in C (faulthandler): once a test has run for HANG_S, every thread's stack is written to the test's record.
The controlling process (xdist's controller, or a lone pytest) watches the records: it prints the first one
written and ends the run. Ending the worker alone is no way out: pytest-xdist then hands the rest of the stuck
test's file to a new worker and, with `--dist loadfile`, was seen to wait forever for it.

A pytest plugin, loaded by tests/conftest.py.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Generator
from pathlib import Path

import pytest

HANG_S = float(os.environ.get("HYDRODESK_HANG_S", "240"))
"""Twice pytest-timeout's 120 s, which covers setup, call and teardown alike: it has had its chance by then.
(HYDRODESK_HANG_S sets another, for tests/unit/test_hang_watch.py.)"""

FOLDER_VARIABLE = "HYDRODESK_HANG_RECORDS"
"""Where each process keeps the record of the test it runs; set by the controller, inherited by xdist's workers."""

DUMPED = "Timeout ("
"""How faulthandler begins the stacks it writes: a record holding it is a stuck test's."""

EXIT_STATUS = 3  # pytest's own "internal error": no test result is trusted after a hang

_made_here: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The controller makes the folder and watches it; xdist's workers, started later, inherit the variable."""
    if FOLDER_VARIABLE in os.environ:
        return
    folder = tempfile.mkdtemp(prefix="hydrodesk-hangs-")
    os.environ[FOLDER_VARIABLE] = folder
    _made_here.append(folder)
    threading.Thread(target=_watch, args=(config, Path(folder)), name="hang-watch", daemon=True).start()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """Run one test, setup to teardown, under the watchdog; its record goes once the test ends in any way."""
    record_path = Path(os.environ[FOLDER_VARIABLE]) / f"{os.getpid()}.txt"
    with record_path.open("w", encoding="utf-8") as record:
        record.write(f"{item.nodeid} was still running after {HANG_S:.0f} s; the stack of every thread then:\n\n")
        record.flush()  # faulthandler writes to the file descriptor, after what is written here
        faulthandler.dump_traceback_later(HANG_S, file=record)
        try:
            return (yield)
        finally:
            faulthandler.cancel_dump_traceback_later()
            record_path.unlink()


def pytest_unconfigure() -> None:
    """The folder goes with the process that made it (a worker inherited it)."""
    for folder in _made_here:
        shutil.rmtree(folder, ignore_errors=True)
    _made_here.clear()


def _watch(config: pytest.Config, folder: Path) -> None:
    while folder.is_dir():
        for record in sorted(folder.glob("*.txt")):
            try:
                text = record.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # the test ended meanwhile
            if DUMPED in text:
                time.sleep(1.0)  # faulthandler writes thread by thread: let it finish
                text = record.read_text(encoding="utf-8", errors="replace")
                _stop_the_run(config, text + _native_stacks(int(record.stem)))
        time.sleep(1.0)


def _native_stacks(pid: int) -> str:
    """The C and C++ frames too (py-spy, on Linux): a main thread blocked in Qt shows only its last Python frame,
    which cannot say what it waits for."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        return "\n(py-spy is not installed: no native stacks)\n"
    try:
        dump = subprocess.run(
            [spy, "dump", "--native", "--pid", str(pid)], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"\n(py-spy could not read the process: {error})\n"
    return "\nNative stacks (py-spy dump --native):\n" + dump.stdout + dump.stderr


def _stop_the_run(config: pytest.Config, record: str) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:  # a lone pytest is inside the stuck test, its output captured: let this through
        capture.suspend_global_capture(in_=False)
    lines = [
        "",
        "=" * 30 + " a test hung: the run stops (tests/hang_watch.py) " + "=" * 30,
        record.rstrip(),
        f"The run ended here (exit status {EXIT_STATUS}): the test above was stuck, and no result after it counts.",
    ]
    if reporter is not None:
        for line in lines:
            reporter.write_line(line)
        reporter.flush()
    else:
        os.write(2, ("\n".join(lines) + "\n").encode())
    os._exit(EXIT_STATUS)
