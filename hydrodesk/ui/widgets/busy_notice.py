"""A "working…" window for work that may take more than a second (a day's payroll, a table export, a PDF).

Quick work shows nothing (a flash of a window is worse than none); after `delay_ms` a small non-modal progress
window says what is going on, and it closes by itself when the work ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 1000


class BusyNotice(QObject):
    def __init__(self, parent: QWidget, text: str, *, delay_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self._parent = parent
        self._text = text
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._show)
        self._progress: tuple[int, int] = (0, 0)  # done, total; a total of 0 shows a busy bar

    def start(self) -> BusyNotice:
        self._timer.start()
        return self

    def _show(self) -> None:
        done, total = self._progress
        dialog = QProgressDialog(self._text, "", 0, total, self._parent)
        dialog.setObjectName("BusyNotice")
        dialog.setCancelButton(None)  # the work cannot be stopped halfway without leaving half a file
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(done)
        dialog.show()
        self.dialog = dialog

    def set_progress(self, done: int, total: int, text: str | None = None) -> None:
        """How far the work is (`total` 0: unknown); shown at once if the window is up, else when it comes up."""
        self._progress = (done, total)
        if text is not None:
            self._text = text
        if self.dialog is not None:
            if text is not None:
                self.dialog.setLabelText(text)
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total) if total else 0)

    def finish(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()
