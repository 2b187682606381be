"""Desktop notifications: the system tray's balloon where the desktop has a tray, else nothing here (the pane
shows its in-app alarm banner in every case, so no alarm depends on the tray)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from hydrodesk.ui.icons import app_icon

TIMEOUT_MS = 15_000


class DesktopNotifier(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []  # what was shown on the desktop (tests, diagnostics)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def notify(self, title: str, message: str, critical: bool = False) -> bool:
        """Show a desktop notification; False when the desktop has no tray to show it in."""
        if not self.available():
            return False
        if self._tray is None:
            self._tray = QSystemTrayIcon(app_icon(), self)
            self._tray.setToolTip("HydroDesk")
            self._tray.show()
        icon = QSystemTrayIcon.MessageIcon.Critical if critical else QSystemTrayIcon.MessageIcon.Warning
        self._tray.showMessage(title, message, icon, TIMEOUT_MS)
        self.sent.append((title, message))
        return True
