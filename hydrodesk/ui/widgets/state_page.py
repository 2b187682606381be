"""The page shown instead of data while it loads, when there is none, or when it could not be fetched.

Every such page says what happened and what to do next ("…press F5 to retry").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hydrodesk.ui.widgets.restyle import repolish, set_style_property

COLUMN_WIDTH = 520


class StatePage(QWidget):
    action_triggered = Signal()
    second_action_triggered = Signal()  # the plain button beside the primary one ("Explore the demo farm")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatePage")
        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("StateTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("StateMessage")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("StateDetail")
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the length of the wait is not known
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(240)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("PrimaryButton")
        self.action_button.clicked.connect(self.action_triggered)
        self.second_action_button = QPushButton(self)
        self.second_action_button.clicked.connect(self.second_action_triggered)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.second_action_button)
        buttons.addStretch(1)

        column = QWidget(self)
        # A fixed width lets the wrapped labels work out their height; a narrow window still gets the page.
        column.setFixedWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        inner.addWidget(self.icon_label)
        inner.addWidget(self.title_label)
        inner.addWidget(self.message_label)
        inner.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addLayout(buttons)
        inner.addWidget(self.detail_label)
        # Centred by stretches, not by an alignment flag: an aligned widget gets its size hint's height, which
        # knows nothing of a title wrapped onto two lines (it was cut in half).
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(column)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addLayout(centred)
        layout.addStretch(3)
        self.show_state(title="", message="")

    def show_state(
        self,
        *,
        title: str,
        message: str,
        icon: QPixmap | None = None,
        busy: bool = False,
        action: str | None = None,
        second_action: str | None = None,
        detail: str = "",
        tone: str = "neutral",
    ) -> None:
        set_style_property(self, "tone", tone)
        for label in (self.title_label, self.message_label):
            repolish(label)
        self.title_label.setText(title)
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.icon_label.setPixmap(icon if icon is not None else QPixmap())
        self.icon_label.setVisible(icon is not None)
        self.progress.setVisible(busy)
        self.action_button.setText(action or "")
        self.action_button.setVisible(bool(action))
        self.second_action_button.setText(second_action or "")
        self.second_action_button.setVisible(bool(second_action))
