"""Test hygiene: a test fails if it logs an error it did not expect, or leaves a QTimer or QThread running, or an
asyncio task pending (tests/conftest.py applies it to every test).

A leak that passes quietly fails some later test instead — a timer firing into the next test's window, a task
finishing against a closed store, an error hidden in a log nobody reads — and that test is the one a newcomer
is sent to debug. So each test answers for its own mess, and the message names exactly what it left behind.

Declaring an error a test means to provoke:

    @pytest.mark.expect_errors(r"listener failed")          # a regex searched in each record's message
    def test_x(): ...

    def test_y(expect_error):                                # or from inside the test
        expect_error(r"could not save", logger="hydrodesk.mqtt.ingest")

Timers and threads are found cheaply: QTimer.start and QThread.start are wrapped once per run to remember what
was started during the current test (and from which line); nothing walks the heap.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_THIS_FILE = str(Path(__file__).resolve())


def _origin() -> str:
    """The first line outside this module that led here: `path:line in function`."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename == _THIS_FILE:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "?"
    path = Path(frame.f_code.co_filename)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}:{frame.f_lineno} in {frame.f_code.co_name}"


# ---------------------------------------------------------------------------------------------- errors logged
@dataclass
class ExpectedError:
    pattern: re.Pattern[str]
    logger: str | None = None

    def matches(self, record: logging.LogRecord) -> bool:
        if self.logger is not None and not (record.name == self.logger or record.name.startswith(self.logger + ".")):
            return False
        return self.pattern.search(record.getMessage()) is not None


class ErrorRecorder(logging.Handler):
    """On the root logger for the whole run; keeps the ERROR-or-worse records of the current test."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self._lock_records = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock_records:
            self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        with self._lock_records:
            taken, self.records = self.records, []
        return taken


def describe_record(record: logging.LogRecord) -> str:
    where = f"{Path(record.pathname).name}:{record.lineno}"
    text = f"{record.levelname} {record.name} ({where}): {record.getMessage()}"
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        text += f" [{type(error).__name__}: {error}]"
    return text


# ---------------------------------------------------------------------------------------------- Qt timers, threads
@dataclass
class _Started:
    test: int  # the test during which it was last started
    origin: str


@dataclass
class QtWatch:
    """Remembers the QTimers and QThreads started (from Python) during the current test."""

    test: int = 0
    timers: weakref.WeakKeyDictionary[Any, _Started] = field(default_factory=weakref.WeakKeyDictionary)
    threads: weakref.WeakKeyDictionary[Any, _Started] = field(default_factory=weakref.WeakKeyDictionary)
    installed: bool = False

    def install(self) -> None:
        """Wrap QTimer.start and QThread.start (once per run; a no-op where Qt is absent)."""
        if self.installed:
            return
        try:
            from PySide6.QtCore import QThread, QTimer
        except ImportError:  # pragma: no cover - every test environment has Qt
            return
        self.installed = True
        timer_start, thread_start = QTimer.start, QThread.start
        watch = self

        def start_timer(timer: Any, *args: Any) -> None:
            watch.timers[timer] = _Started(watch.test, _origin())
            timer_start(timer, *args)

        def start_thread(thread: Any, *args: Any) -> None:
            watch.threads[thread] = _Started(watch.test, _origin())
            thread_start(thread, *args)

        QTimer.start = start_timer  # type: ignore[method-assign]
        QThread.start = start_thread  # type: ignore[method-assign]

    def leaks(self) -> list[str]:
        """What this test started and left running; each one is stopped, so it fails no later test."""
        if not self.installed:
            return []
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QEvent, QThread

        if QCoreApplication.instance() is not None:
            # Widgets pytest-qt closed are deleted on the next pass of the event loop; their timers are not leaks.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        found: list[str] = []
        for timer, started in list(self.timers.items()):
            if started.test == self.test and shiboken6.isValid(timer) and timer.isActive():
                kind = "single-shot " if timer.isSingleShot() else ""
                found.append(
                    f"{kind}QTimer{_qt_name(timer)} (every {timer.interval()} ms) still running, "
                    f"started at {started.origin}"
                )
                timer.stop()
        for thread, started in list(self.threads.items()):
            # A thread told to quit a moment ago gets that moment to finish. (QThread's own wait and quit: a
            # subclass may give those names a meaning of its own.)
            if started.test == self.test and shiboken6.isValid(thread) and not QThread.wait(thread, 200):
                found.append(
                    f"{type(thread).__name__}{_qt_name(thread)} (a QThread) still running, started at {started.origin}"
                )
                QThread.quit(thread)
                QThread.wait(thread, 2000)
        return found


def _qt_name(qobject: Any) -> str:
    """` 'name' of ParentClass 'parentName'`, whatever of it is known."""
    parts = []
    if qobject.objectName():
        parts.append(repr(qobject.objectName()))
    parent = qobject.parent()
    if parent is not None:
        parts.append(f"child of {type(parent).__name__}" + (f" {parent.objectName()!r}" if parent.objectName() else ""))
    return f" {' '.join(parts)}" if parts else ""


# ---------------------------------------------------------------------------------------------- asyncio tasks
def describe_task(task: asyncio.Task[Any]) -> str:
    coroutine = task.get_coro()
    name = getattr(coroutine, "__qualname__", repr(coroutine))
    stack = task.get_stack(limit=1)
    where = ""
    if stack:
        frame = stack[-1]
        path = Path(frame.f_code.co_filename)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        where = f", waiting at {shown}:{frame.f_lineno}"
    return f"asyncio task {task.get_name()!r} running {name}(){where} still pending"


def pending_tasks(loop: asyncio.AbstractEventLoop) -> list[asyncio.Task[Any]]:
    if loop.is_closed():
        return []
    return [task for task in asyncio.all_tasks(loop) if not task.done()]


# ---------------------------------------------------------------------------------------------- the whole check
@dataclass
class Hygiene:
    errors: ErrorRecorder = field(default_factory=ErrorRecorder)
    qt: QtWatch = field(default_factory=QtWatch)
    expected: list[ExpectedError] = field(default_factory=list)
    task_leaks: list[str] = field(default_factory=list)

    def begin(self, expected: Iterable[ExpectedError]) -> None:
        self.qt.test += 1
        self.errors.take()  # what earlier teardowns or other threads logged between tests belongs to no test
        self.expected = list(expected)
        self.task_leaks = []

    def expect(self, pattern: str, logger: str | None = None) -> None:
        self.expected.append(ExpectedError(re.compile(pattern), logger))

    def report_tasks(self, tasks: Iterable[asyncio.Task[Any]]) -> None:
        self.task_leaks.extend(describe_task(task) for task in tasks)

    def end(self) -> str | None:
        """None if the test left nothing behind, else a message naming everything it did."""
        problems = [
            f"logged an error it did not expect: {describe_record(record)}"
            for record in self.errors.take()
            if not any(expected.matches(record) for expected in self.expected)
        ]
        problems += [f"left a {leak}" for leak in self.qt.leaks()]
        problems += [f"left an {leak}" for leak in self.task_leaks]
        if not problems:
            return None
        advice = (
            "(an error the test provokes on purpose: @pytest.mark.expect_errors(r'regex') or the expect_error "
            "fixture; a timer, thread or task: stop, wait for or cancel it before the test ends)"
        )
        return "test hygiene: this test\n  - " + "\n  - ".join(problems) + "\n" + advice


HYGIENE = Hygiene()
