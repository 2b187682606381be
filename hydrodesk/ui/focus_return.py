"""When a dialog closes, the keyboard focus goes back to the widget that had it before the dialog opened.

A window manager usually reactivates the main window and Qt gives the focus to its last focused widget; without one
(Xvfb, kiosks, some remote desktops), or when the dialog's work reset the widget's table, the focus is lost and a
keyboard user has to reach for the mouse. This follows the application's focus changes (one signal per change, not
an event filter on every event): the first time the focus enters a dialog, it notes where the focus came from, and
when that dialog finishes, puts it back there, reactivating its window if need be.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid


class FocusReturn(QObject):
    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dialogs: set[int] = set()  # the dialogs already followed (ids: a dialog may be gone before us)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or new is None or not isValid(old) or not isValid(new):
            return
        dialog = new.window()
        if not isinstance(dialog, QDialog) or old.window() is dialog or id(dialog) in self._dialogs:
            return
        self._dialogs.add(id(dialog))
        key = id(dialog)

        def finished(_result: int) -> None:
            self._dialogs.discard(key)
            # Later, not now: Qt is still closing the dialog and would take the focus along with it.
            QTimer.singleShot(0, self, lambda: self.restore(old))

        dialog.finished.connect(finished)
        dialog.destroyed.connect(lambda *_: self._dialogs.discard(key))

    @staticmethod
    def restore(widget: QWidget) -> None:
        """Give `widget` the focus again if it can still take it (not gone, hidden or disabled meanwhile)."""
        if not isValid(widget) or not widget.isVisible() or not widget.isEnabled():
            return
        if QApplication.activeModalWidget() is not None and QApplication.activeModalWidget() is not widget.window():
            return  # another dialog is up: it keeps the keyboard
        window = widget.window()
        if not window.isActiveWindow():
            window.activateWindow()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
