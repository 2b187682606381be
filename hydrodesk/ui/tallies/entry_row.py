"""The fast entry row: a worker, the units, Enter — safe for a hurried typist and a USB badge scanner.

How Enter reads the worker field (the rules live in hydrodesk.domain.tally_entry_text and worker_search):
- it names one worker only when the text is an exact worker_id, has exactly one match (worker_id prefix or name
  word prefix), or the user picked a match with the arrows or the mouse; several matches never record;
- a bare number is never a worker: Enter on `5` sets 5 as the units of the next entry;
- `AM01 5`, `AM01*5`, `5*AM01` record 5 for AM01 at once (fast typists);
- otherwise Enter after a worker does what the session counts: pieces (boxes; a badge scan is one piece) record
  the units shown at once, weighed units (kg) move to the units field; a per-session choice (`enter_records`).
Letters typed into the units field go back to the worker field: a badge scanned while the cursor waits for a
weight starts a new entry instead of turning the badge's digits into kilos. Ctrl+Z with no worker half-typed asks
to undo the last entry (`undo_requested`); the pane voids it and the card beside the matches says so.
The row only asks for entries (`entry_requested`); the pane records them and confirms them (`show_recorded`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.tally_entry_text import (
    EnterAction,
    UnitsProblem,
    is_measured,
    parse_entry_text,
    parse_units,
    units_problem,
)
from hydrodesk.domain.worker_search import Naming, WorkerChoice, WorkerFinder
from hydrodesk.ui.formats import amount_text, number_text, unit_word
from hydrodesk.ui.tallies.finder_model import WorkerFinderModel
from hydrodesk.ui.tallies.last_entry import LastEntryCard
from hydrodesk.ui.widgets.restyle import set_style_property

MATCH_ROWS = 4
FEEDBACK_LINES = 2
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Digits with one decimal comma or point; letters are caught before the validator sees them (see eventFilter).
_UNITS_PATTERN = QRegularExpression(r"^\d{0,6}([.,]\d{0,3})?$")


class TallyEntryRow(QWidget):
    entry_requested = Signal(object, float)  # WorkerChoice, units
    undo_requested = Signal()
    enter_action_changed = Signal(object)  # EnterAction: the user changed what Enter does in this session

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finder = WorkerFinder()
        self._unit_name = ""
        self._measured = False
        self._enter_action = EnterAction.RECORD
        self._units_staged = False  # the units were typed for the next entry, not left at their default
        self._picked = False  # the user chose a match with the arrows or the mouse since the text last changed

        self.worker_edit = QLineEdit(self)
        self.worker_edit.setObjectName("TallyWorker")
        self.worker_edit.setPlaceholderText(self.tr("Name or ID, or scan a badge · AM01 5 records 5 (Ctrl+L)"))
        self.worker_edit.setAccessibleName(self.tr("Worker"))
        self.worker_edit.setClearButtonEnabled(True)
        self.worker_edit.textChanged.connect(self._on_worker_text_changed)
        self.worker_edit.installEventFilter(self)

        self.units_edit = QLineEdit(self)
        self.units_edit.setObjectName("TallyUnits")
        self.units_edit.setAccessibleName(self.tr("Units"))
        self.units_edit.setValidator(QRegularExpressionValidator(_UNITS_PATTERN, self.units_edit))
        self.units_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.units_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000,000") + 24)
        self.units_edit.textEdited.connect(self._on_units_edited)
        self.units_edit.installEventFilter(self)
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("Muted")

        self.enter_records = QCheckBox(self)
        self.enter_records.setToolTip(
            self.tr(
                "On: Enter after a worker records at once (counted units, badge scanners). "
                "Off: Enter moves to the units (weighed units). Remembered for this session."
            )
        )
        self.enter_records.toggled.connect(self._on_enter_records_toggled)

        self.record_button = QPushButton(self.tr("Record"), self)
        self.record_button.setObjectName("PrimaryButton")
        self.record_button.setToolTip(self.tr("Record the units for the worker (Enter)"))
        self.record_button.clicked.connect(self.submit)

        self.matches_model = WorkerFinderModel(self)
        self.matches_view = QListView(self)
        self.matches_view.setObjectName("WorkerMatches")
        self.matches_view.setModel(self.matches_model)
        self.matches_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the worker box
        self.matches_view.clicked.connect(self._on_match_clicked)
        self.matches_view.doubleClicked.connect(self._on_match_double_clicked)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("EntryHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The matches while something is typed, a reminder of the forms otherwise: one band of fixed height, so
        # a scan never lays the pane out again (that would cost a scanner tens of milliseconds per badge).
        self.matches_stack = QStackedWidget(self)
        self.matches_stack.addWidget(self.hint_label)
        self.matches_stack.addWidget(self.matches_view)
        self.matches_stack.setFixedHeight((self.fontMetrics().height() + 6) * MATCH_ROWS + 6)
        # What the last Enter did (or the fast forms, when nothing was done yet), under the matches: room for two
        # lines kept, so a message never moves the tables below.
        self.feedback_label = QLabel(self)
        self.feedback_label.setObjectName("EntryFeedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.feedback_label.setFixedHeight(self.fontMetrics().lineSpacing() * FEEDBACK_LINES + 2)
        self.last_entry = LastEntryCard(self)
        self.last_entry.setFixedHeight(self.matches_stack.height() + 4 + self.feedback_label.height())
        self.last_entry.undo_requested.connect(self.undo_requested)

        worker_label = QLabel(self.tr("&Worker"), self)
        worker_label.setBuddy(self.worker_edit)
        units_label = QLabel(self.tr("&Units"), self)
        units_label.setBuddy(self.units_edit)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(worker_label)
        row.addWidget(self.worker_edit, 1)
        row.addWidget(units_label)
        row.addWidget(self.units_edit)
        row.addWidget(self.unit_label)
        row.addSpacing(8)
        row.addWidget(self.enter_records)
        row.addWidget(self.record_button)
        found = QVBoxLayout()
        found.setSpacing(4)
        found.addWidget(self.feedback_label)  # right under where the user typed
        found.addWidget(self.matches_stack)
        self.band = QWidget(self)
        band = QHBoxLayout(self.band)
        band.setContentsMargins(0, 0, 0, 0)
        band.setSpacing(8)
        band.addLayout(found, 3)
        band.addWidget(self.last_entry, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.band)
        self.setTabOrder(self.worker_edit, self.units_edit)
        self.setTabOrder(self.units_edit, self.enter_records)
        self.setTabOrder(self.enter_records, self.record_button)

        self._reset_units()
        self._show_hint()
        self.show_feedback("")
        self.set_enter_action(EnterAction.RECORD)

    # ------------------------------------------------------------------------------------------ setup
    def set_finder(self, finder: WorkerFinder) -> None:
        self._finder = finder
        self._on_worker_text_changed(self.worker_edit.text())

    def set_unit_name(self, unit: str) -> None:
        """The session's sampling unit (box, kg), shown after the units; weighed units take decimals."""
        self._unit_name = unit
        self._measured = is_measured(unit)
        self.unit_label.setText(unit_word(unit, 2) if unit else "")  # after the units typed: "cajas", "kg"
        self.enter_records.setText(self.tr("Enter records {amount}").format(amount=amount_text(1, unit)))
        self.enter_records.setVisible(bool(unit))  # no session, no unit: nothing to choose
        self._show_hint()

    def set_enter_action(self, action: EnterAction) -> None:
        """What Enter after a worker does in this session (the pane restores the session's choice)."""
        self._enter_action = action
        self.enter_records.blockSignals(True)
        self.enter_records.setChecked(action is EnterAction.RECORD)
        self.enter_records.blockSignals(False)
        self._show_hint()

    @property
    def enter_action(self) -> EnterAction:
        return self._enter_action

    def set_entry_enabled(self, enabled: bool) -> None:
        for widget in (self.worker_edit, self.units_edit, self.enter_records, self.record_button):
            widget.setEnabled(enabled)
        # No entries here (a closed session, a colleague's): the matches and the last entry give their room to the
        # tables.
        self.band.setVisible(enabled)

    def focus_entry(self) -> None:
        self.worker_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.worker_edit.selectAll()

    def show_feedback(self, text: str, *, error: bool = False) -> None:
        """Say what the last action did; an empty text brings back the reminder of the fast forms."""
        self.feedback_label.setText(text or self._fast_forms_text())
        tone = "error" if error else "info"
        set_style_property(self.feedback_label, "tone", tone)

    def show_recorded(self, worker: WorkerChoice, units: float, time: str) -> None:
        """Confirm an entry that was saved: the card shows who, how much and when, with undo."""
        self.last_entry.show_recorded(
            units=self._units_with_name(units), name=worker.name, worker_id=worker.worker_id, time=time
        )
        self.show_feedback(
            self.tr("Recorded {units} for {name} ({id}). Ctrl+Z undoes it.").format(
                units=self._units_with_name(units), name=worker.name, id=worker.worker_id
            )
        )

    def show_undone(self, name: str, units: float, reason: str) -> None:
        self.last_entry.show_undone(units=self._units_with_name(units), name=name, reason=reason)
        self.show_feedback(
            self.tr("Undone: {units} for {name} voided as “{reason}”.").format(
                units=self._units_with_name(units), name=name, reason=reason
            )
        )

    def clear_last_entry(self) -> None:
        self.last_entry.clear()

    # ------------------------------------------------------------------------------------------ units
    def units_value(self) -> float | None:
        return parse_units(self.units_edit.text())

    def set_units(self, value: float) -> None:
        """Put units in the units field for the next entry, as if typed (Enter after a worker then records)."""
        self.units_edit.setText(number_text(value))
        self._set_staged(True)

    def _reset_units(self) -> None:
        self.units_edit.setText("1")
        self._set_staged(False)

    def _on_units_edited(self, _text: str) -> None:
        self._set_staged(True)

    def _set_staged(self, staged: bool) -> None:
        """Units typed for the next entry stand out, so nobody records them for someone else unawares."""
        self._units_staged = staged
        set_style_property(self.units_edit, "staged", staged)

    def _units_with_name(self, units: float) -> str:
        """ "4 cajas", "1 caja": in the user's language, singular or plural (the unit's API name read "4 box")."""
        return amount_text(units, self._unit_name)

    def _units_problem_text(self, problem: UnitsProblem, typed: str) -> str:
        if problem is UnitsProblem.NOT_POSITIVE:
            return self.tr("Units must be more than 0.")
        if problem is UnitsProblem.TOO_LARGE:
            return self.tr("{units} is too many for one entry: check the number.").format(units=typed)
        if problem is UnitsProblem.NOT_WHOLE:
            return self.tr("This session counts whole {unit}: {units} is not a whole number.").format(
                unit=unit_word(self._unit_name, 2), units=typed
            )
        return self.tr("“{units}” is not a number of units.").format(units=typed)

    # ------------------------------------------------------------------------------------------ matching
    def current_match(self) -> WorkerChoice | None:
        index = self.matches_view.currentIndex()
        return self.matches_model.choice_at(index.row()) if index.isValid() else None

    def _on_worker_text_changed(self, text: str) -> None:
        self._picked = False
        worker_part = parse_entry_text(text).worker
        self.matches_model.set_matches(self._finder.find(worker_part))
        # Highlight a match only when it is the one Enter would take: several matches stay unhighlighted until
        # the user picks one, so nothing looks chosen that is not.
        resolution = self._finder.resolve(worker_part) if worker_part else None
        if resolution is not None and resolution.naming is Naming.ONE and self.matches_model.rowCount():
            self.matches_view.setCurrentIndex(self.matches_model.index(0, 0))
        else:
            self.matches_view.setCurrentIndex(QModelIndex())
        if text.strip():
            self.matches_stack.setCurrentWidget(self.matches_view)
        else:
            self._show_hint()

    def _show_hint(self) -> None:
        if self.worker_edit.text().strip():
            return
        if self._enter_action is EnterAction.RECORD:
            enter = self.tr("Enter after a worker records the units shown at once.")
        else:
            enter = self.tr("Enter after a worker moves to the units; type them and Enter again.")
        self.hint_label.setText(self.tr("Type part of a name or an ID, or scan a badge. {enter}").format(enter=enter))
        self.matches_stack.setCurrentWidget(self.hint_label)

    def _fast_forms_text(self) -> str:
        return self.tr("Fast: “AM01 5” or “5*AM01” records 5 at once; a number alone sets the units of the next entry.")

    def _move_highlight(self, step: int) -> None:
        count = self.matches_model.rowCount()
        if not count:
            return
        current = self.matches_view.currentIndex()
        row = (0 if step > 0 else count - 1) if not current.isValid() else current.row() + step
        row = min(max(row, 0), count - 1)
        self.matches_view.setCurrentIndex(self.matches_model.index(row, 0))
        self._picked = True

    def _on_match_clicked(self, index: QModelIndex) -> None:
        self.matches_view.setCurrentIndex(index)
        self._picked = True
        self.worker_edit.setFocus(Qt.FocusReason.MouseFocusReason)

    def _on_match_double_clicked(self, index: QModelIndex) -> None:
        self._on_match_clicked(index)
        self._enter_from_worker()

    def _worker_named(self, text: str) -> WorkerChoice | None:
        """The one worker `text` names (or the one picked among several), else None with the reason shown."""
        resolution = self._finder.resolve(text)
        if resolution.naming is Naming.ONE:
            return resolution.worker
        if resolution.naming is Naming.SEVERAL:
            picked = self.current_match() if self._picked else None
            if picked is not None:
                return picked
            self.show_feedback(
                self.tr(
                    "{count} workers match “{text}”: type more of the name or ID, or pick one with ↓ and Enter."
                ).format(count=len(resolution.matches), text=text),
                error=True,
            )
            return None
        if resolution.naming is Naming.EMPTY:
            self.show_feedback(self.tr("Type a worker's name or ID first."), error=True)
            return None
        self.show_feedback(
            self.tr("No worker matches “{text}”. Check the spelling or the badge.").format(text=text), error=True
        )
        self.worker_edit.selectAll()
        return None

    # ------------------------------------------------------------------------------------------ entering
    def submit(self) -> bool:
        """Record what the row holds (the Record button, Enter in the units): False when it names no one."""
        return self._enter(go_to_units=False)

    def _enter_from_worker(self) -> bool:
        return self._enter(go_to_units=self._enter_action is EnterAction.ASK_UNITS and not self._units_staged)

    def _enter(self, *, go_to_units: bool) -> bool:
        text = self.worker_edit.text().strip()
        if not text:
            self.show_feedback(self.tr("Type a worker's name or ID first."), error=True)
            self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        parsed = parse_entry_text(text)
        if parsed.units_only:
            return self._stage_units(text, parsed.units)
        if not parsed.worker:
            self.show_feedback(
                self.tr("“{text}” is not a worker: type a name or an ID, then the units (AM01 5).").format(text=text),
                error=True,
            )
            self.worker_edit.selectAll()
            return False
        worker = self._worker_named(parsed.worker)
        if worker is None:
            self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if parsed.units is not None:
            return self._request(worker, parsed.units, text)
        if go_to_units:
            self._ask_units_for(worker)
            return False
        return self._request(worker, self.units_value(), self.units_edit.text())

    def _stage_units(self, typed: str, units: float | None) -> bool:
        problem = units_problem(units, measured=self._measured)
        if problem is not None or units is None:
            self.show_feedback(self._units_problem_text(problem or UnitsProblem.NOT_A_NUMBER, typed), error=True)
            self.worker_edit.selectAll()
            return False
        self.set_units(units)
        self.worker_edit.clear()
        self.show_feedback(
            self.tr("{units} for the next entry: now the worker (name, ID or badge), then Enter.").format(
                units=self._units_with_name(units)
            )
        )
        return False

    def _ask_units_for(self, worker: WorkerChoice) -> None:
        # The worker stays named by their exact ID, so a later Enter cannot drift to someone else.
        self.worker_edit.blockSignals(True)
        self.worker_edit.setText(worker.worker_id)
        self.worker_edit.blockSignals(False)
        self.matches_model.set_matches([worker])
        self.matches_view.setCurrentIndex(self.matches_model.index(0, 0))
        self.matches_stack.setCurrentWidget(self.matches_view)
        self.units_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.units_edit.selectAll()
        self.show_feedback(
            self.tr("{name} ({id}): type the {unit}, then Enter.").format(
                name=worker.name, id=worker.worker_id, unit=self._unit_name or self.tr("units")
            )
        )

    def _request(self, worker: WorkerChoice, units: float | None, typed: str) -> bool:
        problem = units_problem(units, measured=self._measured)
        if problem is not None or units is None:
            self.show_feedback(self._units_problem_text(problem or UnitsProblem.NOT_A_NUMBER, typed), error=True)
            self.units_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.units_edit.selectAll()
            return False
        self.entry_requested.emit(worker, units)
        # Ready for the next entry (or scan) at once: the pane confirms how the recording went.
        self.worker_edit.clear()
        self._reset_units()
        self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _on_enter_records_toggled(self, checked: bool) -> None:
        self._enter_action = EnterAction.RECORD if checked else EnterAction.ASK_UNITS
        self._show_hint()
        self.enter_action_changed.emit(self._enter_action)

    # ------------------------------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.worker_edit and self._worker_key(event):
                return True
            if watched is self.units_edit and self._units_key(event):
                return True
        return super().eventFilter(watched, event)

    def _worker_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _ENTER_KEYS:
            self._enter_from_worker()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_highlight(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Escape and (self.worker_edit.text() or self._units_staged):
            self.worker_edit.clear()
            self._reset_units()
            self.show_feedback("")
            return True
        if event.matches(QKeySequence.StandardKey.Undo) and not self.worker_edit.text():
            self.undo_requested.emit()
            return True
        return False

    def _units_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _ENTER_KEYS:
            self.submit()
            return True
        if key == Qt.Key.Key_Escape:
            self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.worker_edit.selectAll()
            return True
        if event.matches(QKeySequence.StandardKey.Undo) and not self.worker_edit.text():
            self.undo_requested.emit()
            return True
        text = event.text()
        if text and text.isalpha() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # A name typed, or a badge scanned, while the cursor waited for units: a new entry starts here.
            self.worker_edit.setText(text)
            self._reset_units()
            self.worker_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False
