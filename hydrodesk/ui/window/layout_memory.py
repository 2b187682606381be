"""Remembering the main window's layout: its size and docks, each pane's splitters and hidden table columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter

from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.panes import PANES, find_pane

if TYPE_CHECKING:
    from hydrodesk.ui.panes.base import Pane
    from hydrodesk.ui.widgets.data_table import DataTable


class LayoutMemory(Mixin):
    """Restores the layout at start (and a pane's when it is first built); saves it on close."""

    # ------------------------------------------------------------------------------------------ UI state
    def _restore_geometry(self) -> None:
        """The window's size and place (its frame's: before the first paint)."""
        geometry = self._ui_state.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self._fill_screen()
        elif self.isMaximized():
            # restoreGeometry() puts a maximized window at its normal geometry pushed down by a guessed title bar,
            # which only a window manager corrects; fill the screen ourselves (the normal geometry stays as saved).
            self._fill_screen()

    def _restore_layout(self) -> None:
        """The docks and toolbar as the user left them, and the pane shown last (once the window has its parts)."""
        state = self._ui_state.window_state
        # First start: the navigator as narrow as its names allow (again once the farm's names are known).
        self._fit_navigator = state is None or not self.restoreState(state)
        if self._fit_navigator:
            self._fit_navigator_width()
        last = self._ui_state.last_pane
        spec = find_pane(last) if last else None
        self._current_pane = spec or PANES[0]
        self.navigator.mark_pane(self._current_pane)

    def _fill_screen(self) -> None:
        """First start: the whole screen. Farm offices run 1366×768 laptops, where any fixed size is wrong; the
        geometry is set as well as the maximized state because without a window manager (Xvfb, kiosks) nothing
        acts on the state."""
        screen = QGuiApplication.screenAt(self.geometry().center()) or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fit_navigator_width(self) -> None:
        self.resizeDocks([self.navigator], [self.navigator.preferred_width()], Qt.Orientation.Horizontal)

    def _restore_splitters(self, pane_name: str, pane: Pane) -> None:
        """Put a pane's splitters where the user left them and hide the table columns the user hid (named ones
        only: the name is their key)."""
        for splitter in pane.findChildren(QSplitter):
            state = self._ui_state.splitter(pane_name, splitter.objectName()) if splitter.objectName() else None
            if state is not None:
                splitter.restoreState(state)
        for table in self._named_tables(pane):
            hidden = self._ui_state.hidden_columns(pane_name, table.objectName())
            if hidden is not None:
                table.set_hidden_columns(hidden)
                table.columns_chosen = True

    @staticmethod
    def _named_tables(pane: Pane) -> list[DataTable]:
        # On use: a pane's tables import it anyway, and the window's first paint (no pane yet) is sooner without.
        from hydrodesk.ui.widgets.data_table import DataTable

        return [table for table in pane.findChildren(DataTable) if table.objectName()]

    def save_ui_state(self) -> None:
        self._ui_state.save_window(self.saveGeometry(), self.saveState())
        for name, pane in self._panes.items():
            for splitter in pane.findChildren(QSplitter):
                # A balanced splitter the user never moved follows its tables next time too.
                if splitter.objectName() and getattr(splitter, "user_sized", True):
                    self._ui_state.save_splitter(name, splitter.objectName(), splitter.saveState())
            for table in self._named_tables(pane):
                if table.columns_chosen:  # else the pane's defaults apply next time, whatever they are then
                    self._ui_state.save_hidden_columns(name, table.objectName(), table.hidden_columns())
        self._ui_state.sync()
