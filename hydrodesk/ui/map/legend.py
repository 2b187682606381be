"""The map's side column: what the colours mean, and the record of the scouting point under the mouse."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

SWATCH = QSize(18, 12)
COLUMN_WIDTH = 210


def swatch(colour: QColor, outline: QColor) -> QPixmap:
    pixmap = QPixmap(SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(outline)
    painter.setBrush(colour)
    painter.drawRect(0, 0, SWATCH.width() - 1, SWATCH.height() - 1)
    painter.end()
    return pixmap


class MapLegend(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MapLegend")
        self.setFixedWidth(COLUMN_WIDTH)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionLabel")
        self._rows = QGridLayout()
        self._rows.setHorizontalSpacing(8)
        self._rows.setVerticalSpacing(4)
        self._row_labels: list[QLabel] = []
        self.note_label = QLabel(self)
        self.note_label.setObjectName("PageSubtitle")
        self.note_label.setWordWrap(True)
        self.record_title = QLabel(self)
        self.record_title.setObjectName("SectionLabel")
        self.record_label = QLabel(self)
        self.record_label.setWordWrap(True)
        self.record_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addLayout(self._rows)
        layout.addWidget(self.note_label)
        layout.addSpacing(12)
        layout.addWidget(self.record_title)
        layout.addWidget(self.record_label, 1)

    def set_entries(self, title: str, entries: list[tuple[QColor, str]], outline: QColor) -> None:
        self.title_label.setText(title)
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._row_labels = []
        for row, (colour, text) in enumerate(entries):
            box = QLabel(self)
            box.setPixmap(swatch(colour, outline))
            label = QLabel(text, self)
            label.setWordWrap(True)
            self._rows.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            self._rows.addWidget(label, row, 1)
            self._row_labels.append(label)
        self._rows.setColumnStretch(1, 1)

    def entry_texts(self) -> list[str]:
        return [label.text() for label in self._row_labels]

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def set_record(self, title: str, text: str) -> None:
        self.record_title.setText(title)
        self.record_label.setText(text)
