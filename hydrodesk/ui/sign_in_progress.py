"""What the window says while a sign-in is under way: a busy page and a status bar line for each step, and the line
gone again when the sign-in ends, however it ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from hydrodesk.ui.launch import StartupPhase

if TYPE_CHECKING:
    from hydrodesk.ui.main_window import MainWindow


class SignInProgress:
    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._line = ""  # the status bar's line for the sign-in under way ("Signing in…")

    def report(self, phase: StartupPhase) -> None:
        # lupdate finds translate("Context", "text") calls; the context is the one these lines were first
        # translated under, when the session controller showed them itself.
        translate = QCoreApplication.translate
        title, message = {
            StartupPhase.STARTING_SIMULATOR: (
                translate("SessionController", "Starting the demo farm…"),
                translate(
                    "SessionController",
                    "HydroDesk is starting its built-in Hydrobit simulator and field devices. This takes a few "
                    "seconds.",
                ),
            ),
            StartupPhase.ISSUING_CREDENTIALS: (
                translate("SessionController", "Signing in to the demo farm…"),
                translate("SessionController", "Getting an access token and an API key for the demo user."),
            ),
            StartupPhase.READING_KEYCHAIN: (
                translate("SessionController", "Reading your sign-in…"),
                translate("SessionController", "Your system keychain may ask you to unlock it."),
            ),
            StartupPhase.CONNECTING: (translate("SessionController", "Signing in…"), ""),
        }[phase]
        self._window.show_busy(title, message)
        self._window.statusBar().showMessage(title)
        self._line = title

    def end(self) -> None:
        """The sign-in's progress line goes when the sign-in ends, however it ended (it said "Signing in to the
        demo farm…" under a page saying the farm could not be opened); a message shown since then stays."""
        if not isValid(self._window):  # the app closed during the sign-in
            return
        bar = self._window.statusBar()
        if self._line and bar.currentMessage() == self._line:
            bar.clearMessage()
        self._line = ""
