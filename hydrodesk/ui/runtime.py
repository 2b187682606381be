"""Run the Qt application on one qasync event loop, and shut it down in order.

Start-up: the main window's frame is shown first (where the window will stay, in the theme's colour); right after
its first paint the window is completed (menus, navigator, pages, status bar); right after the complete window's
first paint, asyncio and qasync are imported and one qasync QEventLoop is attached to the already running Qt loop,
and only then does signing in start. The window appears sooner, and nothing asynchronous can happen before the loop
exists.

Shutdown starts on QApplication.aboutToQuit, however the quit was asked for (Ctrl+Q, closing the window,
--quit-after, SIGINT/SIGTERM): cancel the UI's tasks, close the API client, then stop what the session source
started (the demo simulator). Qt's loop is run once more, just until that shutdown is done.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication

from hydrodesk import __version__
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.crash_guard import CrashGuard
from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector
from hydrodesk.ui.i18n import install_language, system_language
from hydrodesk.ui.icons import app_icon
from hydrodesk.ui.launch import LaunchOptions, SessionSource
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.qt_log import restore_qt_messages, route_qt_messages_to_log
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import STYLE_ARGUMENTS, ThemeManager
from hydrodesk.ui.ui_state import UiState

if TYPE_CHECKING:
    import asyncio

    from hydrodesk.app_paths import AppPaths
    from hydrodesk.ui.session import SessionController

log = logging.getLogger(__name__)

# Set by bench/startup.py: print when the main window has first been painted, then quit.
FIRST_PAINT_PROBE = "HYDRODESK_FIRST_PAINT_PROBE"
SCREENSHOT_SIZE = QSize(1366, 768)  # the office laptop HydroDesk is laid out for
# If the window is never painted (started minimised, say), go on anyway after this long.
ATTACH_FALLBACK_MS = 1000
# How long a screenshot waits for a live pane's first data after the farm has loaded. Generous: a screenshot is a
# check (docs, CI, the packaged app's smoke test), and on a loaded machine a pane's first fetch took over 8 s.
PANE_DATA_WAIT_MS = 20_000
# Start-up (window, sign-in, the panes' first data) is over by then: what exists is frozen out of full collections.
SETTLE_AFTER_MS = 15_000


def run(
    options: LaunchOptions,
    *,
    paths: AppPaths,
    demo: SessionSource | None = None,
    make_demo: Callable[[], SessionSource] | None = None,
) -> int:
    """Show the main window and run until the user quits; returns the process exit code. `demo` is the demo farm
    to open at once (--demo); `make_demo` makes one when the user asks for it later."""
    previous_qt_handler = (
        route_qt_messages_to_log()
    )  # first: what Qt says while it starts (a platform plugin's complaint) is logged too
    existing = QApplication.instance()
    app = existing or QApplication([*sys.argv[:1], *STYLE_ARGUMENTS])
    assert isinstance(app, QApplication)
    app.setApplicationName("HydroDesk")
    app.setApplicationDisplayName("HydroDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("HydroDesk")
    app.setDesktopFileName("hydrodesk")
    app.setWindowIcon(app_icon())
    if _brought_earlier_window_forward(options, paths):
        restore_qt_messages(previous_qt_handler)
        return 0
    ui_state = UiState(paths.ui_state_file)
    # --lang wins over the language chosen in Settings, which wins over the system's.
    install_language(app, options.language or ui_state.language or system_language())
    themes = ThemeManager(app, options.theme or ui_state.theme, style_chosen=existing is None)
    themes.apply(options.theme or ui_state.theme)
    tasks = BackgroundTasks()
    monitor = ConnectionMonitor()
    # The frame first (its size, place, title and the theme's colour); the lifecycle completes it right after its
    # first paint (MainWindow.complete), then does what needs the whole window (on_complete, below).
    window = MainWindow(ui_state=ui_state, themes=themes, monitor=monitor, tasks=tasks, paths=paths, frame_first=True)
    # From here on a failure nobody caught (a slot, a task, a thread) is shown and saved, never silent.
    crash_guard = CrashGuard(paths.log_dir, window, parent=app)
    crash_guard.install()
    tasks.failure_listener = crash_guard.task_failed

    # With a deadline, a screenshot run is a check (docs, CI, the packaged app's smoke test): once the picture is
    # saved there is nothing left to wait for, so it quits then, through the same ordered shutdown.
    outcome = _Outcome(quit_when_shot=options.quit_after is not None)
    if options.screenshot is not None:
        # The same size every time, whatever the saved geometry or the screen: screenshots are for docs and CI.
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(SCREENSHOT_SIZE)
    if options.quit_after is not None:
        QTimer.singleShot(round(options.quit_after * 1000), lambda: _quit_after(window, options, outcome))

    def on_complete() -> None:
        if options.pane:
            window.open_pane(options.pane)
        if options.demo and options.pane == "timeline":
            _open_timeline_when_loaded(window)
        if options.screenshot is not None:
            _screenshot_when_loaded(window, options.screenshot, outcome)

    def make_controller() -> SessionController:
        from hydrodesk.settings import SecretStore, SettingsStore
        from hydrodesk.ui.session import SessionController

        return SessionController(
            window,
            monitor,
            tasks,
            settings=SettingsStore(paths.settings_file),
            secrets=SecretStore(),
            demo=demo,
            demo_factory=make_demo,
            requested_profile=options.profile,
            requested_pane=options.pane,
            data_dir=paths.data_dir,
        )

    lifecycle = _AsyncLifecycle(app, window, tasks, make_controller, crash_guard, on_complete)
    if os.environ.get(FIRST_PAINT_PROBE):
        # Installed last, so it sees the first paint before the lifecycle does and reports before the attach.
        window.installEventFilter(_FirstPaintProbe(window))
    collector = GuiThreadGarbageCollector(parent=app, settle_after_ms=SETTLE_AFTER_MS)
    collector.start()
    window.show()
    app.exec()
    lifecycle.finish()
    collector.stop()
    crash_guard.uninstall()
    restore_qt_messages(previous_qt_handler)
    return outcome.exit_code


class _AsyncLifecycle(QObject):
    """Completes the window after its frame's first paint, attaches the qasync loop after the complete window's
    first paint; runs the ordered shutdown after the Qt loop ends."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        tasks: BackgroundTasks,
        make_controller: Callable[[], SessionController],
        crash_guard: CrashGuard,
        on_complete: Callable[[], None],
    ) -> None:
        super().__init__()
        self._app = app
        self._on_complete = on_complete
        self._window = window
        self._crash_guard = crash_guard
        self._tasks = tasks
        self._make_controller = make_controller
        self._loop: Any = None
        self._controller: SessionController | None = None
        self._shutdown: asyncio.Task[None] | None = None
        self._restore_signals: Callable[[], None] | None = None
        window.installEventFilter(self)
        QTimer.singleShot(ATTACH_FALLBACK_MS, self._attach)
        app.aboutToQuit.connect(self._on_about_to_quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if not self._window.is_complete:
                QTimer.singleShot(0, self._complete)
            elif self._loop is None:
                QTimer.singleShot(0, self._attach)
        return False

    def _complete(self) -> None:
        if self._window.is_complete:
            return
        self._window.complete()
        self._on_complete()

    def _attach(self) -> None:
        if self._loop is not None:
            return
        self._complete()  # never painted (started minimised, say): the window is completed all the same
        import asyncio

        import qasync

        # `already_running`: Qt's loop is running (we are inside app.exec()); asyncio runs on it from now on.
        self._loop = qasync.QEventLoop(self._app, already_running=True)
        self._loop.set_exception_handler(self._crash_guard.asyncio_handler)
        asyncio.set_event_loop(self._loop)
        # qasync would end its per-run work (Windows' I/O poller) on aboutToQuit, but the shutdown still needs it:
        # finish() ends it once the shutdown is done.
        self._app.aboutToQuit.disconnect(self._loop._after_run_forever)
        self._restore_signals = _quit_on_signals(self._app)
        self._controller = self._make_controller()
        self._controller.handed_over.connect(self._hand_over)
        self._controller.start()

    def _hand_over(self) -> None:
        """An earlier HydroDesk had the account open and came forward: this one closes, leaving the saved layout to
        the earlier one (and saying so to whoever started it from a terminal)."""
        from hydrodesk.ui.single_instance import HANDED_OVER

        sys.stderr.write(HANDED_OVER)
        self._window.close_without_saving()

    def _on_about_to_quit(self) -> None:
        if self._loop is not None and self._shutdown is None and self._controller is not None:
            self._shutdown = self._loop.create_task(_shut_down(self._tasks, self._controller))

    def finish(self) -> None:
        """After app.exec() returned: run Qt's loop again until the shutdown has finished, then close the loop."""
        self._app.aboutToQuit.disconnect(self._on_about_to_quit)
        if self._loop is None:
            return  # quit before the first paint: nothing asynchronous ever started
        import asyncio

        self._on_about_to_quit()
        shutdown = self._shutdown
        if shutdown is not None and not shutdown.done():
            shutdown.add_done_callback(lambda _task: self._app.exit(0))
            # Until it is done: a quit still queued from before (a timer's) would end one run early, and the demo's
            # simulator was then killed at exit instead of stopped.
            while not shutdown.done():
                self._app.exec()
        if self._restore_signals is not None:
            self._restore_signals()
        self._loop._after_run_forever()
        self._loop.stop()  # marks the loop stopped; the QApplication.exit() it also calls is harmless now
        asyncio.events._set_running_loop(None)
        self._loop.close()
        asyncio.set_event_loop(None)


async def _shut_down(tasks: BackgroundTasks, controller: SessionController) -> None:
    """Ordered: stop background work, close the API client, then stop the demo simulator (if any)."""
    await tasks.cancel_all()
    try:
        await controller.aclose()
    except Exception:
        log.exception("closing the session failed")


class _Outcome:
    def __init__(self, *, quit_when_shot: bool) -> None:
        self.exit_code = 0
        self.screenshot_taken = False
        self.quit_when_shot = quit_when_shot


def _open_timeline_when_loaded(window: MainWindow) -> None:
    """The demo shows a sector's timeline straight away (the remembered sector, else the first one), once."""

    def open_once(ok: bool) -> None:
        window.load_finished.disconnect(open_once)
        if ok:
            window.open_default_sector_timeline()

    window.load_finished.connect(open_once)


def _screenshot_when_loaded(window: MainWindow, path: Path, outcome: _Outcome) -> None:
    def take(ok: bool) -> None:
        if outcome.screenshot_taken:
            return
        log.info("taking the screenshot now that the farm %s", "has loaded" if ok else "failed to load")
        pane = window.current_pane
        if ok and pane is not None and not pane.is_data_ready():
            # A live pane (telemetry) gets its data a moment after the farm: wait for it, but not for ever.
            pane.data_ready.connect(lambda: QTimer.singleShot(200, lambda: _save_screenshot(window, path, outcome)))
            QTimer.singleShot(PANE_DATA_WAIT_MS, lambda: _save_screenshot(window, path, outcome))
            return
        # Let the queued layout and paint events run first, so the picture shows the loaded data.
        QTimer.singleShot(200, lambda: _save_screenshot(window, path, outcome))

    window.load_finished.connect(take)


def _save_screenshot(window: MainWindow, path: Path, outcome: _Outcome) -> None:
    if outcome.screenshot_taken:
        return
    outcome.screenshot_taken = True
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        sys.stderr.write(f"hydrodesk: could not write the screenshot {path}\n")
        outcome.exit_code = 1
    if outcome.quit_when_shot:
        QTimer.singleShot(0, QApplication.quit)


def _quit_after(window: MainWindow, options: LaunchOptions, outcome: _Outcome) -> None:
    if options.screenshot is not None and not outcome.screenshot_taken:
        # Time is up before the data loaded: still leave a picture of what the window shows.
        sys.stderr.write(
            "hydrodesk: --quit-after elapsed before the data loaded; the screenshot shows the window as it is\n"
        )
        _save_screenshot(window, options.screenshot, outcome)
        return  # the screenshot quits (once: a second quit queued here cut the ordered shutdown short)
    QApplication.quit()


class _FirstPaintProbe(QObject):
    """Prints when the window was first painted (its frame), with the modules imported by then, and when it was
    first painted complete, then quits (bench/startup.py; tests/ui/test_first_paint_imports.py). Installed after
    the lifecycle, so it sees each paint before the lifecycle acts on it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._report: dict[str, Any] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if "painted_at" not in self._report:
                QTimer.singleShot(0, self._note_first_paint)
            elif self._window.is_complete and "complete_at" not in self._report:
                QTimer.singleShot(0, self._note_complete_paint)
        return False

    def _note_first_paint(self) -> None:
        self._report.setdefault("painted_at", time.monotonic())
        self._report.setdefault("modules", sorted(sys.modules))

    def _note_complete_paint(self) -> None:
        if "complete_at" in self._report:
            return
        self._report["complete_at"] = time.monotonic()
        print(json.dumps(self._report), flush=True)  # noqa: T201
        QApplication.quit()


def _brought_earlier_window_forward(options: LaunchOptions, paths: AppPaths) -> bool:
    """Is the account this start opens already open in an earlier HydroDesk, which has now come forward? Asked
    before this one shows a window (hydrodesk.ui.single_instance): a double click on the icon flashes nothing."""
    cache = options.cache_to_open(paths.data_dir, paths.settings_file)
    if cache is None:  # a first start, say: nothing can be open yet
        return False
    from hydrodesk.store.lock import ProfileLock

    if not ProfileLock.is_held(cache):  # the usual start: nobody to ask, and the local socket module (5 ms) unloaded
        return False
    from hydrodesk.ui.single_instance import HANDED_OVER, come_forward_before_window

    if not come_forward_before_window(cache, options.pane):
        return False
    sys.stderr.write(HANDED_OVER)  # for whoever started it from a terminal
    return True


def _quit_on_signals(app: QApplication) -> Callable[[], None]:
    """Quit (through aboutToQuit, so the shutdown runs) on SIGINT/SIGTERM, which Qt's loop would otherwise miss.

    The C-level handler writes to a socket that Qt watches; Python's own handler has nothing left to do.
    """
    import contextlib
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def on_signal() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)  # drain the wake-up byte
        app.quit()

    notifier.activated.connect(on_signal)

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        reader.close()
        writer.close()

    return restore
