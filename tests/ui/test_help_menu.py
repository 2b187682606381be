"""The Help menu's ways to the log folder and to a newer version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from hydrodesk.app_paths import AppPaths
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState


class OpenedUrls(QObject):
    """Stands in for the desktop: records the URLs Qt would have opened (a file manager, a browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def window_with_paths(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> MainWindow:
    paths = AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "logs")
    window = MainWindow(
        ui_state=UiState(tmp_path / "ui.ini"),
        themes=ThemeManager(qapp, "light"),
        monitor=ConnectionMonitor(),
        tasks=BackgroundTasks(),
        paths=paths,
    )
    qtbot.addWidget(window)
    return window


def help_menu(window: MainWindow) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.menu() and "Help" in a.text())


def test_help_opens_the_log_folder(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    window = window_with_paths(qtbot, qapp, tmp_path)
    opened = OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        assert window.log_folder_action in help_menu(window).actions()
        window.log_folder_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert window.paths is not None
    assert [url.toLocalFile() for url in opened.urls] == [str(window.paths.log_dir)]
    assert window.paths.log_dir.is_dir()
