"""No failure kills HydroDesk silently: exceptions nobody caught, in Qt slots and event handlers (sys.excepthook),
in asyncio callbacks and the UI's background tasks (the qasync loop's exception handler, BackgroundTasks) and in
threads (threading.excepthook) are logged, saved as a crash report in the log folder and shown in a dialog.

The guard never touches the outbox or the session: it reports, and the app carries on. The same failure repeating
(a slot that raises on every timer tick) shows one dialog that counts the repeats, and one report a minute at most.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from hydrodesk.diagnostics.logfile import current_log_setup
from hydrodesk.domain.shutdown import ShuttingDown

if TYPE_CHECKING:
    from hydrodesk.diagnostics.crash_report import CrashReport
    from hydrodesk.ui.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

# The same failure at the same place is reported (file and dialog) once in this many seconds at most.
REPEAT_WINDOW_S = 60.0
# However many different failures: never more dialogs than this on screen at once.
MAX_OPEN_DIALOGS = 3


class CrashGuard(QObject):
    reported = Signal(object)  # CrashReport, once it is saved and shown (or throttled: then not emitted)
    _thread_failure = Signal(object, object, str)  # error, traceback, thread name: handed to the GUI thread

    def __init__(
        self,
        log_dir: Path | None,
        window: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log_dir = log_dir
        self._window = window
        self._clock = clock
        self._last_reported: dict[str, float] = {}
        self._open: dict[str, CrashDialog] = {}
        self._reporting = False
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self.suppressed = 0  # repeats that were only logged
        self._thread_failure.connect(self._on_thread_failure, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------------------------------ hooks
    def install(self) -> None:
        self._previous_excepthook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook
        self._previous_excepthook = self._previous_thread_hook = None

    def _excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # PySide6 hands an exception that escaped a slot or an overridden Qt method to sys.excepthook.
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit: not a crash to report
            if self._previous_excepthook is not None:
                self._previous_excepthook(kind, error, tb)
            return
        if isinstance(error, ShuttingDown):  # a slot that fired while the app closes, refused new work: no crash
            log.info("a Qt slot stopped: %s", error)
            return
        self.report(error, origin="a Qt slot or event handler", tb=tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or not isinstance(args.exc_value, Exception):
            return
        name = args.thread.name if args.thread is not None else "?"
        self._thread_failure.emit(args.exc_value, args.exc_traceback, name)

    def _on_thread_failure(self, error: BaseException, tb: TracebackType | None, thread_name: str) -> None:
        self.report(error, origin=f"thread {thread_name!r}", tb=tb)

    def asyncio_handler(self, loop: Any, context: dict[str, Any]) -> None:
        """The qasync loop's exception handler (loop.set_exception_handler)."""
        error = context.get("exception")
        if not isinstance(error, Exception):
            # A note without an exception (an unclosed transport, a task destroyed while pending): log it only,
            # with what it is about (the task's coroutine and where it waits), or nobody can tell which it was.
            about = next((context[key] for key in ("task", "future", "handle", "transport") if key in context), None)
            log.error("asyncio: %s%s", context.get("message", context), f" ({about!r})" if about is not None else "")
            return
        self.report(error, origin=f"asyncio: {context.get('message', 'a callback failed')}")

    def task_failed(self, name: str, error: BaseException) -> None:
        """A background task ended with an exception nobody caught (hydrodesk.ui.tasks.BackgroundTasks)."""
        if isinstance(error, Exception):
            self.report(error, origin=f"background task {name!r}")

    # ------------------------------------------------------------------------------------------ reporting
    def report(self, error: BaseException, *, origin: str, tb: TracebackType | None = None) -> CrashReport | None:
        """Log the failure; unless it is a recent repeat, save the report and show it. Never raises."""
        if self._reporting:  # a failure while reporting one: the log is all that is safe
            log.error("another failure while reporting one, in %s", origin, exc_info=(type(error), error, tb))
            return None
        self._reporting = True
        try:
            return self._report(error, origin, tb)
        except Exception:
            log.exception("the crash report itself failed")
            return None
        finally:
            self._reporting = False

    def _report(self, error: BaseException, origin: str, tb: TracebackType | None) -> CrashReport | None:
        # Imported here: the guard is installed before the first paint, and most runs never need a report.
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from hydrodesk.diagnostics.crash_report import build_report, environment

        log.error("uncaught exception in %s", origin, exc_info=(type(error), error, tb or error.__traceback__))
        setup = current_log_setup()
        report = build_report(
            error,
            origin=origin,
            traceback_object=tb,
            environment=environment({"Qt": qVersion(), "PySide6": pyside_version}),
            recent_log=setup.recent.lines() if setup is not None else (),
        )
        dialog = self._open.get(report.signature)
        if dialog is not None:
            dialog.count_repeat()
            self.suppressed += 1
            return None
        now = self._clock()
        last = self._last_reported.get(report.signature)
        if last is not None and now - last < REPEAT_WINDOW_S:
            self.suppressed += 1
            return None
        self._last_reported[report.signature] = now
        saved_to, save_error = self._save(report)
        if len(self._open) < MAX_OPEN_DIALOGS:
            self._show(report, saved_to, save_error)
        self.reported.emit(report)
        return report

    def _save(self, report: CrashReport) -> tuple[Path | None, str]:
        if self._log_dir is None:
            return None, "no log folder"
        try:
            path = report.save(self._log_dir)
        except OSError as error:
            log.warning("could not save the crash report in %s: %s", self._log_dir, error)
            return None, error.strerror or str(error)
        log.error("crash report saved as %s", path)
        return path, ""

    def _show(self, report: CrashReport, saved_to: Path | None, save_error: str) -> None:
        from hydrodesk.ui.crash_dialog import CrashDialog

        window = self._window if self._window is not None and self._window.isVisible() else None
        dialog = CrashDialog(report, saved_to, save_error, parent=window)
        self._open[report.signature] = dialog
        dialog.finished.connect(lambda _result, signature=report.signature: self._open.pop(signature, None))
        dialog.show()

    @property
    def dialogs(self) -> list[CrashDialog]:
        return list(self._open.values())
