"""A failure nobody caught, in a Qt slot, a background task, an asyncio callback or a thread: the app carries on,
a dialog says so in plain words, a redacted report is saved in the log folder, the outbox keeps every entry, and
the same failure repeating opens one dialog, not fifty."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from hydrodesk.diagnostics.crash_report import REPORT_PREFIX
from hydrodesk.diagnostics.redact import forget_secrets
from hydrodesk.diagnostics.version import running_version
from hydrodesk.store.outbox import counts
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.ui.crash_dialog import CrashDialog
from hydrodesk.ui.crash_guard import CrashGuard
from hydrodesk.ui.tasks import BackgroundTasks

from .conftest import run_async
from .test_help_menu import OpenedUrls

# Each test crashes something on purpose: the crash guard's log of it is what it checks, not a surprise.
pytestmark = pytest.mark.expect_errors(
    r"^uncaught exception in ", r"^crash report saved as ", logger="hydrodesk.ui.crash_guard"
)

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMzQ1Njc4OSJ9.c2lnbmF0dXJlX29mX3RoZV90b2tlbg"


@pytest.fixture
def guard(qapp: QApplication, tmp_path: Path) -> Iterator[CrashGuard]:
    forget_secrets()
    crash_guard = CrashGuard(tmp_path / "log")
    # Installed over pytest-qt's own hook for the test's length: the exceptions below are the guard's to handle.
    crash_guard.install()
    yield crash_guard
    crash_guard.uninstall()
    for dialog in crash_guard.dialogs:
        dialog.close()


def reports(guard_dir: Path) -> list[Path]:
    return sorted(guard_dir.glob(f"{REPORT_PREFIX}*.txt"))


def fail_with_a_secret() -> None:
    raise RuntimeError(f"the server refused {{'Authorization': 'Bearer {JWT}'}}")


def test_a_failure_in_a_slot_shows_the_dialog_and_saves_a_redacted_report(
    qtbot: QtBot, guard: CrashGuard, tmp_path: Path
) -> None:
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(fail_with_a_secret)
    with qtbot.waitSignal(guard.reported, timeout=5000):
        button.click()

    (dialog,) = guard.dialogs
    assert dialog.isVisible()
    assert not dialog.isModal()  # the user can go on working
    (saved,) = reports(tmp_path / "log")
    assert dialog.saved_to == saved
    text = saved.read_text(encoding="utf-8")
    assert JWT not in text
    assert "What: RuntimeError: the server refused {'Authorization': '[redacted]'}" in text
    assert "Where: a Qt slot or event handler" in text
    assert "RuntimeError" in text
    assert "fail_with_a_secret" in text  # the traceback
    for heading in ("HydroDesk:", "Python:", "OS:", "Qt:", "PySide6:"):
        assert heading in text
    assert running_version() in text

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    desktop = OpenedUrls()
    QDesktopServices.setUrlHandler("file", desktop, "open")
    try:
        dialog.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in desktop.urls] == [str(saved)]


def test_a_failed_background_task_shows_the_dialog(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, guard: CrashGuard, tmp_path: Path
) -> None:
    tasks = BackgroundTasks()
    tasks.failure_listener = guard.task_failed

    async def reload_farm() -> None:
        await asyncio.sleep(0)
        raise KeyError("sector_999")

    with qtbot.waitSignal(guard.reported, timeout=5000) as reported:
        tasks.spawn(reload_farm(), name="reload-farm")
    assert reported.args[0].origin == "background task 'reload-farm'"
    assert len(guard.dialogs) == 1
    assert "KeyError: 'sector_999'" in reports(tmp_path / "log")[0].read_text(encoding="utf-8")


def test_a_slot_that_starts_work_while_the_app_shuts_down_is_refused_quietly(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, guard: CrashGuard, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """History or a timer can still fire after shutdown began: the new work is refused (ShuttingDown), no crash."""
    tasks = BackgroundTasks()
    tasks.failure_listener = guard.task_failed
    run_async(qtbot, tasks.cancel_all())  # what the ordered shutdown does first

    async def backfill() -> None:
        raise AssertionError("never started")

    assert tasks.spawn_if_open(backfill(), name="backfill") is None
    button = QPushButton("Late")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: tasks.spawn(backfill(), name="late-slot"))
    with caplog.at_level(logging.INFO, logger="hydrodesk.ui.crash_guard"):
        button.click()  # PySide hands the slot's exception to the guard within the click

    assert guard.dialogs == []
    assert reports(tmp_path / "log") == []
    assert "a Qt slot stopped: the application is shutting down" in caplog.text


def test_asyncio_callbacks_and_threads_are_reported_too(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, guard: CrashGuard, tmp_path: Path
) -> None:
    qloop.set_exception_handler(guard.asyncio_handler)
    try:
        with qtbot.waitSignal(guard.reported, timeout=5000) as from_loop:
            qloop.call_soon(fail_with_a_secret)
    finally:
        qloop.set_exception_handler(None)
    assert from_loop.args[0].origin.startswith("asyncio: ")

    def worker() -> None:
        raise ValueError("the photo could not be resized")

    with qtbot.waitSignal(guard.reported, timeout=5000) as from_thread:
        thread = threading.Thread(target=worker, name="photo-worker")
        thread.start()
        thread.join()
    assert from_thread.args[0].origin == "thread 'photo-worker'"
    # Different failures: a dialog each (up to a few).
    assert len(guard.dialogs) == 2
    assert len(reports(tmp_path / "log")) == 2


def test_the_same_failure_repeating_opens_one_dialog_that_counts(
    qtbot: QtBot, guard: CrashGuard, tmp_path: Path
) -> None:
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(fail_with_a_secret)
    for _ in range(50):
        button.click()
    (dialog,) = guard.dialogs
    assert dialog.repeats == 50
    assert dialog.isVisible()
    assert dialog.repeat_label.isVisible()
    assert "50" in dialog.repeat_label.text()
    assert len(reports(tmp_path / "log")) == 1
    # Closed, and the failure goes on: within the minute it is logged only; no new dialog, no new file.
    dialog.close()
    qtbot.waitUntil(lambda: not guard.dialogs, timeout=2000)
    button.click()
    assert guard.dialogs == []
    assert len(reports(tmp_path / "log")) == 1


def test_a_crash_leaves_the_outbox_as_it_was(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, guard: CrashGuard, tmp_path: Path
) -> None:
    store = run_async(qtbot, Store.open(tmp_path / "office.sqlite3"))
    try:
        actions = OfficeActions(store, "user_123456789")
        session = run_async(qtbot, actions.open_session("proj_123", "sector_003", "Lote B-1"))
        run_async(qtbot, actions.record_units(session.session_id, "JS0315", "John Smith", 4))
        before = run_async(qtbot, store.read(counts))
        tasks = BackgroundTasks()
        tasks.failure_listener = guard.task_failed

        async def broken() -> None:
            raise RuntimeError("a pane's refresh failed")

        with qtbot.waitSignal(guard.reported, timeout=5000):
            tasks.spawn(broken(), name="refresh")
        assert isinstance(guard.dialogs[0], CrashDialog)
        assert run_async(qtbot, store.read(counts)) == before
        assert sum(before.values()) == 2
    finally:
        run_async(qtbot, store.close())


def test_qts_own_messages_reach_the_log_redacted(qapp: QApplication) -> None:
    from PySide6.QtCore import qWarning

    from hydrodesk.diagnostics.logfile import RecentLines, install_redaction
    from hydrodesk.ui.qt_log import restore_qt_messages, route_qt_messages_to_log

    previous_factory = logging.getLogRecordFactory()
    install_redaction()
    seen = RecentLines()
    seen.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    qt_log = logging.getLogger("qt")
    qt_log.addHandler(seen)
    previous = route_qt_messages_to_log()
    try:
        qWarning(f"QNetworkReply: Authorization: Bearer {JWT}")
    finally:
        restore_qt_messages(previous)
        qt_log.removeHandler(seen)
        logging.setLogRecordFactory(previous_factory)
    assert seen.lines() == ["qt WARNING QNetworkReply: Authorization: [redacted]"]


@pytest.mark.expect_errors(r"Task was destroyed but it is pending", logger="hydrodesk.ui.crash_guard")
def test_an_asyncio_note_without_an_exception_is_logged_with_what_it_is_about(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, guard: CrashGuard, caplog: pytest.LogCaptureFixture
) -> None:
    async def watch_the_valves() -> None:
        await asyncio.Event().wait()

    task = qloop.create_task(watch_the_valves())
    try:
        guard.asyncio_handler(qloop, {"message": "Task was destroyed but it is pending!", "task": task})
    finally:
        task.cancel()
        qtbot.waitUntil(task.done, timeout=5000)
    # Which task it was: its coroutine is named, so the log says what was lost.
    assert "Task was destroyed but it is pending!" in caplog.text
    assert "watch_the_valves" in caplog.text
    assert not guard.dialogs  # a note, not a crash
