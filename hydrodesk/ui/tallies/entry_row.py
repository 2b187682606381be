"""The fast entry row: find a worker as you type, units (default 1), Enter records.

Made for two hands on a keyboard and for a USB badge scanner, which "types" a worker_id and Enter faster than any
person: an exact worker_id followed by Enter records one unit for that worker at once and clears the row for the
next scan. Otherwise Enter records for the highlighted match (Up/Down move the highlight); Esc clears the row.
The row only asks for entries (`entry_requested`); the pane records them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder
from hydrodesk.ui.tallies.finder_model import WorkerFinderModel

MATCH_ROWS = 5
MAX_UNITS = 100_000
WEIGHT_UNITS = frozenset({"kg", "g", "lb", "lbs", "t", "ton", "tonne", "kilo", "kilos", "kilogramos"})
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TallyEntryRow(QWidget):
    entry_requested = Signal(str, str, float)  # worker_id, worker name, units

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finder = WorkerFinder()
        self._unit_name = ""

        self.worker_edit = QLineEdit(self)
        self.worker_edit.setObjectName("TallyWorker")
        self.worker_edit.setPlaceholderText(self.tr("Worker name or ID, or scan a badge (Ctrl+L)"))
        self.worker_edit.setAccessibleName(self.tr("Worker"))
        self.worker_edit.setClearButtonEnabled(True)
        self.worker_edit.textChanged.connect(self._update_matches)
        self.worker_edit.installEventFilter(self)

        self.units_spin = QDoubleSpinBox(self)
        self.units_spin.setAccessibleName(self.tr("Units"))
        self.units_spin.setDecimals(2)
        self.units_spin.setRange(0.01, MAX_UNITS)
        self.units_spin.setValue(1)
        self.units_spin.setMinimumWidth(90)
        self.units_spin.installEventFilter(self)

        self.record_button = QPushButton(self.tr("Record"), self)
        self.record_button.setObjectName("PrimaryButton")
        self.record_button.setToolTip(self.tr("Record the units for the highlighted worker (Enter)"))
        self.record_button.clicked.connect(self.submit)

        self.matches_model = WorkerFinderModel(self)
        self.matches_view = QListView(self)
        self.matches_view.setObjectName("WorkerMatches")
        self.matches_view.setModel(self.matches_model)
        self.matches_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the worker box
        # Room for the top few matches, whatever the font size.
        self.matches_view.setFixedHeight((self.fontMetrics().height() + 6) * MATCH_ROWS + 6)
        self.matches_view.doubleClicked.connect(self._on_match_double_clicked)
        # Hidden while nothing is typed, but its room is kept: showing it must not lay out the whole pane again
        # on every scan (that would cost a scanner tens of milliseconds per badge).
        policy = self.matches_view.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.matches_view.setSizePolicy(policy)
        self.matches_view.setVisible(False)

        self.feedback_label = QLabel(self)
        self.feedback_label.setObjectName("Muted")
        self.feedback_label.setWordWrap(True)

        worker_label = QLabel(self.tr("&Worker"), self)
        worker_label.setBuddy(self.worker_edit)
        units_label = QLabel(self.tr("&Units"), self)
        units_label.setBuddy(self.units_spin)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(worker_label)
        row.addWidget(self.worker_edit, 1)
        row.addWidget(units_label)
        row.addWidget(self.units_spin)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.matches_view)
        layout.addWidget(self.feedback_label)

    # ------------------------------------------------------------------------------------------ setup
    def set_finder(self, finder: WorkerFinder) -> None:
        self._finder = finder
        self._update_matches(self.worker_edit.text())

    def set_unit_name(self, unit: str) -> None:
        """The session's sampling unit (box, kg), shown after the units; weights take decimals, boxes do not."""
        self._unit_name = unit
        self.units_spin.setSuffix(f" {unit}" if unit else "")
        self.units_spin.setDecimals(2 if unit.casefold() in WEIGHT_UNITS else 0)
        self.units_spin.setMinimum(0.01 if unit.casefold() in WEIGHT_UNITS else 1)

    def set_entry_enabled(self, enabled: bool) -> None:
        for widget in (self.worker_edit, self.units_spin, self.record_button):
            widget.setEnabled(enabled)

    def focus_entry(self) -> None:
        self.worker_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.worker_edit.selectAll()

    def show_feedback(self, text: str) -> None:
        self.feedback_label.setText(text)

    # ------------------------------------------------------------------------------------------ matching
    def current_match(self) -> WorkerChoice | None:
        index = self.matches_view.currentIndex()
        return self.matches_model.choice_at(index.row()) if index.isValid() else None

    def _update_matches(self, text: str) -> None:
        self.matches_model.set_matches(self._finder.find(text))
        if self.matches_model.rowCount():
            self.matches_view.setCurrentIndex(self.matches_model.index(0, 0))
        # Like a completer's list: there while there is something typed to match.
        self.matches_view.setVisible(bool(text.strip()))

    def _move_highlight(self, step: int) -> None:
        count = self.matches_model.rowCount()
        if not count:
            return
        row = self.matches_view.currentIndex().row()
        row = min(max(row + step, 0), count - 1)
        self.matches_view.setCurrentIndex(self.matches_model.index(row, 0))

    def _on_match_double_clicked(self, index: QModelIndex) -> None:
        self.matches_view.setCurrentIndex(index)
        self.submit()

    # ------------------------------------------------------------------------------------------ entering
    def submit(self) -> bool:
        """Ask for an entry for the worker typed (an exact worker_id wins) or highlighted; False if none fits."""
        text = self.worker_edit.text().strip()
        if not text:
            self.show_feedback(self.tr("Type a worker's name or ID first."))
            return False
        worker = self._finder.exact(text) or self.current_match()
        if worker is None:
            self.show_feedback(
                self.tr("No worker matches “{text}”. Check the spelling or the badge.").format(text=text)
            )
            self.worker_edit.selectAll()
            return False
        units = self.units_spin.value()
        self.entry_requested.emit(worker.worker_id, worker.name, units)
        # Ready for the next entry (or scan) at once: the pane reports how the recording went.
        self.worker_edit.clear()
        self.units_spin.setValue(1)
        self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ENTER_KEYS and watched in (self.worker_edit, self.units_spin):
                self.submit()
                return True
            if watched is self.worker_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_highlight(1 if key == Qt.Key.Key_Down else -1)
                return True
            if watched is self.worker_edit and key == Qt.Key.Key_Escape and self.worker_edit.text():
                self.worker_edit.clear()
                return True
        return super().eventFilter(watched, event)
