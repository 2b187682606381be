"""A row of exclusive, checkable buttons that look like one control ("5 min | 1 h | 24 h | Custom")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from hydrodesk.ui.widgets.restyle import set_style_property

SEGMENT_PADDING = 12  # QPushButton#SegmentButton's horizontal padding in base.qss


class SegmentedButtons(QWidget):
    chosen = Signal(str)  # the id of the button chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Segmented")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._ids: list[str] = []
        self._buttons: dict[str, QPushButton] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._group.idClicked.connect(lambda index: self.chosen.emit(self._ids[index]))

    def add(self, choice: str, text: str, tooltip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setCheckable(True)
        button.setToolTip(tooltip)
        button.setObjectName("SegmentButton")
        button.setProperty("position", "middle")
        # The checked segment is drawn in bold (base.qss): room for the bold text and the padding, so it is never
        # clipped ("Iodas" for "Todas").
        bold = QFont(button.font())
        bold.setWeight(QFont.Weight.DemiBold)
        button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(text) + 2 * SEGMENT_PADDING + 8)
        self._group.addButton(button, len(self._ids))
        self._ids.append(choice)
        self._buttons[choice] = button
        self._layout.addWidget(button)
        self._restyle()
        return button

    def button(self, choice: str) -> QPushButton:
        return self._buttons[choice]

    def select(self, choice: str) -> None:
        self._buttons[choice].setChecked(True)

    def clear(self) -> None:
        """No button chosen (a custom value the buttons do not name)."""
        self._group.setExclusive(False)
        for button in self._buttons.values():
            button.setChecked(False)
        self._group.setExclusive(True)

    @property
    def current(self) -> str | None:
        index = self._group.checkedId()
        return self._ids[index] if index >= 0 else None

    def _restyle(self) -> None:
        for index, choice in enumerate(self._ids):
            position = "only" if len(self._ids) == 1 else "first" if index == 0 else "middle"
            if index == len(self._ids) - 1 and len(self._ids) > 1:
                position = "last"
            button = self._buttons[choice]
            set_style_property(button, "position", position)
