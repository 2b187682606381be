"""The window on screen first, its parts right after: HydroDesk's start-up paints the bare frame (where the window
will stay, in the theme's colour) and then completes it (hydrodesk.ui.runtime, MainWindow.complete)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.navigator import Navigator
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState


@pytest.fixture
def themes(qapp: QApplication) -> Iterator[ThemeManager]:
    manager = ThemeManager(qapp, "dark")
    manager.apply("dark")
    yield manager
    manager.apply("light")


def frame(qtbot: QtBot, ui_state: UiState, themes: ThemeManager) -> MainWindow:
    window = MainWindow(
        ui_state=ui_state, themes=themes, monitor=ConnectionMonitor(), tasks=BackgroundTasks(), frame_first=True
    )
    qtbot.addWidget(window)
    return window


def built_whole(qtbot: QtBot, ui_state: UiState, themes: ThemeManager) -> MainWindow:
    window = MainWindow(ui_state=ui_state, themes=themes, monitor=ConnectionMonitor(), tasks=BackgroundTasks())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_frame_is_painted_where_the_window_stays_in_the_themes_colour_then_completed(
    qtbot: QtBot, themes: ThemeManager, tmp_path: Path
) -> None:
    ui_state = UiState(tmp_path / "ui-state.ini")
    earlier = built_whole(qtbot, ui_state, themes)
    earlier.setWindowState(Qt.WindowState.WindowNoState)
    earlier.setGeometry(10, 5, 780, 590)
    earlier.save_ui_state()

    built_at_once = built_whole(qtbot, ui_state, themes)
    window = frame(qtbot, ui_state, themes)
    window.show()
    qtbot.waitExposed(window)

    # The frame: the size the user left, nothing built yet, and painted dark (a white flash would come first else).
    assert not window.is_complete
    assert window.geometry().size().toTuple() == (780, 590)
    assert window.menuBar().actions() == []
    assert window.findChildren(QDockWidget) == []
    middle = window.grab().toImage().pixelColor(350, 250)
    assert middle == window.palette().color(QPalette.ColorRole.Window)
    assert middle.lightness() < 60

    window.complete()
    window.complete()  # once: a second call builds nothing more

    assert window.is_complete
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&View", "&Go", "&Help"]
    assert len(window.findChildren(Navigator)) == 1
    qtbot.waitUntil(window.state_page.isVisible)  # the signed-out page, shown as the parts show: at the next turn
    assert window.state_page.title_label.text() == "Not signed in"
    qtbot.waitUntil(lambda: window.geometry() == built_at_once.geometry())  # as a window built whole would be


def test_a_frame_closed_before_it_was_complete_leaves_the_saved_layout_alone(
    qtbot: QtBot, themes: ThemeManager, tmp_path: Path
) -> None:
    ui_state = UiState(tmp_path / "ui-state.ini")
    earlier = built_whole(qtbot, ui_state, themes)
    earlier.navigator.setFloating(True)  # a layout worth keeping: the navigator floated off
    earlier.save_ui_state()
    saved = ui_state.window_state

    closed_early = frame(qtbot, ui_state, themes)
    closed_early.show()
    closed_early.close()  # quit within the instant between the frame and the complete window

    assert ui_state.window_state == saved
    again = frame(qtbot, ui_state, themes)
    again.complete()
    assert again.navigator.isFloating()


def test_the_navigator_comes_back_as_wide_as_it_was_left(qtbot: QtBot, themes: ThemeManager, tmp_path: Path) -> None:
    """The docks' layout is restored once the complete window's centre is shown: restored before (Qt shows a child
    added to a shown window at the next turn of the loop), the hidden centre's room went to the navigator."""
    ui_state = UiState(tmp_path / "ui-state.ini")
    earlier = built_whole(qtbot, ui_state, themes)
    fitted = earlier.navigator.width()
    earlier.resizeDocks([earlier.navigator], [fitted + 20], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: earlier.navigator.width() > fitted)  # the user widened it (laid out at the next turn)
    left = earlier.navigator.width()
    earlier.save_ui_state()
    earlier.close()

    window = frame(qtbot, ui_state, themes)
    window.show()
    qtbot.waitExposed(window)
    window.complete()
    qtbot.waitUntil(window.state_page.isVisible)

    assert window.navigator.width() == left
