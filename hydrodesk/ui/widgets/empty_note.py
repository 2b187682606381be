"""A line of text in the middle of an empty table, saying why it is empty and what to do.

An empty grid of headers says nothing: has the data not come, is there none, or does the filter hide it all? The
note sits on the view's viewport (so it scrolls with nothing and covers no header), follows its size, and lets
clicks through to the view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

MARGIN = 24


class EmptyNote(QLabel):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("Muted")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        view.viewport().installEventFilter(self)

    def say(self, text: str) -> None:
        """Show `text` in the middle of the view; hide the note for ""."""
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def _fit(self) -> None:
        viewport = self.parentWidget()
        if viewport is not None:
            self.setGeometry(viewport.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))
