"""The last entry made in the row, confirmed on screen: who (photo or initials, name, ID), how much, when, and undo.

A supervisor looks up from the keyboard for a fraction of a second: the card answers "did that go to the right
person?" at a glance, and offers the one-key way back (Ctrl+Z) when it did not.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hydrodesk.domain.photos import Photo
from hydrodesk.domain.roster import initials
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.workers.avatar import Avatar

AVATAR_SIZE = 56


class LastEntryCard(QFrame):
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LastEntryCard")
        self.avatar = Avatar(self, size=AVATAR_SIZE)
        self.headline = QLabel(self)
        self.headline.setObjectName("LastEntryHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self)
        self.details.setObjectName("Muted")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setToolTip(self.tr("Void the last entry as an entry mistake (Ctrl+Z)"))
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the entry row: Ctrl+Z
        self.undo_button.clicked.connect(self.undo_requested)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addStretch(1)
        texts.addWidget(self.headline)
        texts.addWidget(self.details)
        texts.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(texts, 1)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.clear()

    def set_colors(self, background: QColor, foreground: QColor) -> None:
        self.avatar.set_colors(background, foreground)

    def clear(self) -> None:
        self.avatar.setVisible(False)
        self.undo_button.setVisible(False)
        # True whatever the session holds: entries made before, or on other computers, are in the tables.
        self.headline.setText(self.tr("Ready for the next entry"))
        self.details.setText(self.tr("Each entry you record shows here, with Ctrl+Z to undo it."))
        self._set_state("empty")

    def show_recorded(self, *, units: str, name: str, worker_id: str, time: str) -> None:
        words = name.split() or [worker_id]
        self.avatar.show_initials(initials(words[0], words[-1] if len(words) > 1 else ""))
        self.avatar.setVisible(True)
        self.headline.setText(self.tr("{units} · {name}").format(units=units, name=name))
        self.details.setText(self.tr("{id} · recorded {time} · Ctrl+Z undoes it").format(id=worker_id, time=time))
        self.undo_button.setVisible(True)
        self.undo_button.setEnabled(True)
        self._set_state("recorded")

    def show_photo(self, photo: Photo | None) -> bool:
        return self.avatar.show_photo(photo)

    def show_undone(self, *, units: str, name: str, reason: str) -> None:
        self.headline.setText(self.tr("Undone: {units} · {name}").format(units=units, name=name))
        self.details.setText(self.tr("Voided as “{reason}”; the ledger keeps both lines.").format(reason=reason))
        self.undo_button.setVisible(False)
        self._set_state("undone")

    def _set_state(self, state: str) -> None:
        # Re-styling costs milliseconds: set_style_property restyles only when the state changes, not on every
        # scan of a busy morning.
        set_style_property(self, "state", state)
