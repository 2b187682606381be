"""The dialogs behind the outbox choices: discard (a reason is required), move records to another open session,
and edit and retry (a record's worker or units, a new worker's name or hire date, a valve command's deadline).

Each is opened with `open()` and reports through `accepted`; the pane reads the values and makes the choice. The
edits never touch the ids fixed when the user first acted, so a corrected change can still never count twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.session_data import SessionData
from hydrodesk.ui import formats
from hydrodesk.ui.outbox import text
from hydrodesk.ui.widgets.restyle import set_style_name

MAX_UNITS = 100_000.0


def _intro(parent: QWidget, message: str) -> QLabel:
    label = QLabel(message, parent)
    label.setWordWrap(True)
    return label


class _ChoiceDialog(QDialog):
    """OK/Cancel with a named OK button that is enabled only while the input is complete."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None, *, danger: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        set_style_name(self.ok_button, "DangerButton" if danger else "PrimaryButton")
        self.ok_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(12)

    def finish_layout(self) -> None:
        self.body.addWidget(self.buttons)
        self.update_ok()

    def complete(self) -> bool:
        return True

    def update_ok(self) -> None:
        self.ok_button.setEnabled(self.complete())

    def _try_accept(self) -> None:
        if self.complete():
            self.accept()


class DiscardDialog(_ChoiceDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Discard changes"), self.tr("Discard"), parent, danger=True)
        self.setObjectName("DiscardDialog")
        if count == 1:
            message = self.tr(
                "Discard this change? It will not be sent to the server. It stays in the Outbox history with "
                "your reason."
            )
        else:
            message = self.tr(
                "Discard these {count} changes? They will not be sent to the server. They stay in the Outbox "
                "history with your reason."
            ).format(count=count)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("DiscardReason")
        self.reason_edit.setPlaceholderText(self.tr("Why? For example: entered twice by mistake"))
        self.reason_edit.textChanged.connect(self.update_ok)
        form = QFormLayout()
        form.addRow(self.tr("Reason (required)"), self.reason_edit)
        self.body.addWidget(_intro(self, message))
        self.body.addLayout(form)
        self.finish_layout()
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def complete(self) -> bool:
        return bool(self.reason)


@dataclass(frozen=True)
class MoveTarget:
    session_id: str
    label: str


def move_target(data: SessionData) -> MoveTarget:
    """An open session as the move dialog lists it: sector, day, when it was opened (in the project's zone)."""
    from hydrodesk.domain.sessions import parse_day_label

    day = parse_day_label(str(data["day"])) if data.get("day") else None
    zone = data.get("timezone")
    opened = formats.time_text(str(data["opened_at"]), zone) if data.get("opened_at") else "—"
    sector = data.get("sector_name") or data.get("sector_id") or data["session_id"]
    label = QCoreApplication.translate("OutboxText", "{sector} · {day} · opened at {time} ({zone})").format(
        sector=sector, day=text.day_text(day), time=opened, zone=formats.zone_label(zone)
    )
    return MoveTarget(session_id=str(data["session_id"]), label=label)


class MoveDialog(_ChoiceDialog):
    def __init__(self, count: int, targets: list[MoveTarget], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Move records"), self.tr("Move"), parent)
        self.setObjectName("MoveDialog")
        message = formats.counted(
            count,
            self.tr("Move this record to a session that is still open. It keeps its id, so it can never count twice."),
            self.tr(
                "Move these {count} records to a session that is still open. They keep their ids, so they can never "
                "count twice."
            ),
        )
        self.targets_list = QListWidget(self)
        self.targets_list.setObjectName("MoveTargets")
        for target in targets:
            item = QListWidgetItem(target.label, self.targets_list)
            item.setData(Qt.ItemDataRole.UserRole, target.session_id)
            item.setToolTip(target.session_id)
        self.targets_list.currentRowChanged.connect(lambda _row: self.update_ok())
        self.targets_list.itemDoubleClicked.connect(lambda _item: self._try_accept())
        self.body.addWidget(_intro(self, message))
        self.body.addWidget(self.targets_list)
        self.finish_layout()
        if targets:
            self.targets_list.setCurrentRow(0)
        self.targets_list.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def session_id(self) -> str | None:
        item = self.targets_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def complete(self) -> bool:
        return self.session_id is not None


class EditRecordDialog(_ChoiceDialog):
    """Fix a record the server refused: who delivered (name and id, picked from the roster) and how much."""

    def __init__(self, payload: dict[str, Any], workers: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit and retry"), self.tr("Send again"), parent)
        self.setObjectName("EditRecordDialog")
        self._by_label = {f"{name} ({worker_id})": (worker_id, name) for worker_id, name in workers}
        self.pick_edit = QLineEdit(self)
        self.pick_edit.setObjectName("WorkerSearch")
        self.pick_edit.setPlaceholderText(self.tr("Type a name or an ID from the roster"))
        completer = QCompleter(sorted(self._by_label), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._pick)
        self.pick_edit.setCompleter(completer)
        self.worker_id_edit = QLineEdit(str(payload.get("worker_id", "")), self)
        self.worker_id_edit.setObjectName("WorkerId")
        self.worker_name_edit = QLineEdit(str(payload.get("worker_name", "")), self)
        self.worker_name_edit.setObjectName("WorkerName")
        self.units_spin = QDoubleSpinBox(self)
        self.units_spin.setObjectName("Units")
        self.units_spin.setRange(0.0, MAX_UNITS)
        self.units_spin.setDecimals(2)
        self.units_spin.setValue(float(payload.get("units", 1)))
        for edit in (self.worker_id_edit, self.worker_name_edit):
            edit.textChanged.connect(self.update_ok)
        form = QFormLayout()
        form.addRow(self.tr("Find in the roster"), self.pick_edit)
        form.addRow(self.tr("Worker ID"), self.worker_id_edit)
        form.addRow(self.tr("Worker name"), self.worker_name_edit)
        form.addRow(self.tr("Units"), self.units_spin)
        self.body.addWidget(
            _intro(
                self, self.tr("Correct the record and send it again. It keeps its ids, so it can never count twice.")
            )
        )
        self.body.addLayout(form)
        self.finish_layout()

    def _pick(self, label: str) -> None:
        chosen = self._by_label.get(label)
        if chosen is not None:
            self.worker_id_edit.setText(chosen[0])
            self.worker_name_edit.setText(chosen[1])

    @property
    def values(self) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id_edit.text().strip(),
            "worker_name": self.worker_name_edit.text().strip(),
            "units": self.units_spin.value(),
        }

    def complete(self) -> bool:
        return bool(self.worker_id_edit.text().strip() and self.worker_name_edit.text().strip())


class EditWorkerDialog(_ChoiceDialog):
    """Fix a new worker the server refused (the worker id taken: often the real hire date tells them apart)."""

    def __init__(self, payload: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit and retry"), self.tr("Send again"), parent)
        self.setObjectName("EditWorkerDialog")
        self._worker = dict(payload.get("new_worker") or {})
        self.first_edit = QLineEdit(str(self._worker.get("first_name", "")), self)
        self.first_edit.setObjectName("FirstName")
        self.last_edit = QLineEdit(str(self._worker.get("last_name", "")), self)
        self.last_edit.setObjectName("LastName")
        self.hire_edit = QDateEdit(self)
        self.hire_edit.setObjectName("HireDate")
        self.hire_edit.setCalendarPopup(True)
        self.hire_edit.setDisplayFormat(formats.day_format(weekday=False))
        hired = _date(self._worker.get("hire_date")) or date.today()
        self.hire_edit.setDate(QDate(hired.year, hired.month, hired.day))
        for edit in (self.first_edit, self.last_edit):
            edit.textChanged.connect(self.update_ok)
        form = QFormLayout()
        form.addRow(self.tr("First name"), self.first_edit)
        form.addRow(self.tr("Last name"), self.last_edit)
        form.addRow(self.tr("Hire date"), self.hire_edit)
        self.body.addWidget(
            _intro(
                self,
                self.tr(
                    "The worker ID is made from the initials and the hire date. Correct them and send the worker "
                    "again; records made for this worker follow the new ID."
                ),
            )
        )
        self.body.addLayout(form)
        self.finish_layout()

    @property
    def worker(self) -> dict[str, Any]:
        """The new worker's fields (hydrodesk.api.models.NewWorker's names) with the corrections."""
        hired = self.hire_edit.date()
        return {
            **self._worker,
            "first_name": self.first_edit.text().strip(),
            "last_name": self.last_edit.text().strip(),
            "hire_date": date(hired.year(), hired.month(), hired.day()).isoformat(),
        }

    def complete(self) -> bool:
        return bool(self.first_edit.text().strip() and self.last_edit.text().strip())


class EditValveCommandDialog(_ChoiceDialog):
    """Give an expired (or refused) valve command a new deadline, and for an open, perhaps a new duration."""

    def __init__(self, payload: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit and retry"), self.tr("Send again"), parent)
        self.setObjectName("EditValveCommandDialog")
        command = payload.get("command") or {}
        self.opens = command.get("action") == "open"
        self.deadline_spin = QSpinBox(self)
        self.deadline_spin.setObjectName("DeadlineMinutes")
        self.deadline_spin.setRange(1, 240)
        self.deadline_spin.setValue(15)
        self.deadline_spin.setSuffix(self.tr(" min"))
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setObjectName("DurationMinutes")
        self.duration_spin.setRange(1, 24 * 60)
        self.duration_spin.setValue(int(command.get("duration_min") or 30))
        self.duration_spin.setSuffix(self.tr(" min"))
        form = QFormLayout()
        form.addRow(self.tr("Send it within"), self.deadline_spin)
        if self.opens:
            form.addRow(self.tr("Keep the valve open for"), self.duration_spin)
        else:
            self.duration_spin.setVisible(False)
        self.body.addWidget(
            _intro(
                self,
                self.tr(
                    "A valve command is only sent before its deadline, so a late one never surprises anyone in "
                    "the field. Choose a new deadline to send it again."
                ),
            )
        )
        self.body.addLayout(form)
        self.finish_layout()

    @property
    def deadline_minutes(self) -> int:
        return self.deadline_spin.value()

    @property
    def duration_minutes(self) -> int | None:
        return self.duration_spin.value() if self.opens else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
