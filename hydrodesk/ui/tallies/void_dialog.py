"""Asking for the reason of a void: one delivery, or every flagged one at once with one reason.

A void is a counter-movement on the server, never a delete, and it needs a reason: the Void button stays disabled
until one is given. Enter confirms, Esc cancels; the dialog is opened with open(), never exec().
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hydrodesk.ui.widgets.restyle import set_style_name


class VoidDialog(QDialog):
    confirmed = Signal(str)  # the reason

    def __init__(self, *, heading: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VoidDialog")
        self.setWindowTitle(self.tr("Void entries"))
        self.setMinimumWidth(440)

        self.heading = QLabel(heading, self)
        self.heading.setObjectName("StateTitle")
        self.heading.setWordWrap(True)
        self.details = QLabel(details, self)
        self.details.setObjectName("Muted")
        self.details.setWordWrap(True)

        reason_label = QLabel(self.tr("&Reason (required)"), self)
        # Editable, with the usual reasons one keystroke away; anything typed is taken as it is.
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.addItems(
            [
                "",
                self.tr("Duplicate entry"),
                self.tr("Recorded for the wrong worker"),
                self.tr("Wrong number of units"),
                self.tr("Incomplete box"),
            ]
        )
        self.reason.setCurrentIndex(0)
        self.reason.lineEdit().setPlaceholderText(self.tr("Why are these units cancelled?"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.editTextChanged.connect(self._update_button)
        reason_label.setBuddy(self.reason)

        self.note = QLabel(
            self.tr("Voided entries stay in the list, struck through; the server keeps both movements."), self
        )
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.void_button = self.buttons.addButton(self.tr("Void"), QDialogButtonBox.ButtonRole.AcceptRole)
        set_style_name(self.void_button, "DangerButton")
        self.void_button.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._update_button()
        self.reason.setFocus()

    @property
    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def _update_button(self) -> None:
        self.void_button.setEnabled(bool(self.reason_text))

    def _confirm(self) -> None:
        if not self.reason_text:
            return  # Enter with no reason: nothing happens, the button says why it is disabled
        self.confirmed.emit(self.reason_text)
        self.accept()
