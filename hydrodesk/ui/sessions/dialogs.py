"""The dialogs that change a production session: open, edit (unit, price, bonus, notes), extend, close.

Each is non-modal-friendly (shown with `open()`), fully usable from the keyboard (Enter confirms, Esc cancels),
and does not act by itself: it emits `submitted` with what the user asked for and stays open until the pane
either accepts it (the change is in the outbox) or shows why it cannot be done (`show_problem`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.api.models import BonusInput, Project, SessionClose, SessionUpdate
from hydrodesk.domain.session_board import bonus_of, has_bonus
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.sessions import MAX_DURATION_LIMIT_HOURS, MAX_FLAT_BONUS, MAX_PERCENT_BONUS, Bonus
from hydrodesk.domain.tally_entry_text import usual_unit
from hydrodesk.ui import formats
from hydrodesk.ui.widgets.restyle import set_style_name

SAMPLING_UNITS = ("box", "kg", "ton")
MAX_PRICE = 100_000.0
NO_BONUS, FLAT, PERCENT = "", "flat", "percent"


@dataclass(frozen=True)
class OpenRequest:
    """What the user asked for in the open dialog (all values explicit: what they saw is what the server gets)."""

    project_id: str
    sector_id: str
    sector_name: str
    timezone: str
    opened_at: datetime  # aware, UTC
    sampling_unit: str
    price_per_unit: float
    bonus: BonusInput | None
    max_duration_hours: int
    notes: str | None


class PayFields(QObject):
    """Sampling unit, price per unit and bonus: the fields the open and edit dialogs share."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._initial_bonus: Bonus | None = None
        self.unit = QComboBox(parent)
        self.unit.setEditable(True)  # any unit the farm counts in; the usual ones named in the user's language
        for code in SAMPLING_UNITS:
            self.unit.addItem(formats.unit_word(code, 1), code)
        self.unit.setAccessibleName(self.tr("Sampling unit"))
        self.price = QDoubleSpinBox(parent)
        self.price.setRange(0.0, MAX_PRICE)
        self.price.setDecimals(2)
        self.price.setSingleStep(0.5)
        self.price.setAccessibleName(self.tr("Price per unit"))
        self.bonus_type = QComboBox(parent)
        self.bonus_type.addItem(self.tr("No bonus"), NO_BONUS)
        self.bonus_type.addItem(self.tr("Flat amount per worker"), FLAT)
        self.bonus_type.addItem(self.tr("Percent of each worker's pay"), PERCENT)
        self.bonus_type.currentIndexChanged.connect(self._on_bonus_type)
        self.bonus_value = QDoubleSpinBox(parent)
        self.bonus_value.setDecimals(2)
        self.bonus_value.setAccessibleName(self.tr("Bonus value"))
        self.bonus_note = QLineEdit(parent)
        self.bonus_note.setPlaceholderText(self.tr("Why the bonus (optional)"))
        self._on_bonus_type()

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self.tr("Sampling unit"), self.unit)
        form.addRow(self.tr("Price per unit"), self.price)
        form.addRow(self.tr("Bonus"), self.bonus_type)
        form.addRow(self.tr("Bonus value"), self.bonus_value)
        form.addRow(self.tr("Bonus note"), self.bonus_note)

    def set_values(self, unit: str, price: float, bonus: Bonus | None) -> None:
        self._initial_bonus = bonus
        if self._unit_index(unit) < 0:
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(self._unit_index(unit))
        self.price.setValue(price)
        kind = bonus.type if has_bonus(bonus) and bonus is not None else NO_BONUS
        self.bonus_type.setCurrentIndex(self.bonus_type.findData(kind))
        self._on_bonus_type()
        if has_bonus(bonus) and bonus is not None:
            self.bonus_value.setValue(bonus.value)
            self.bonus_note.setText(bonus.note or "")

    def _on_bonus_type(self) -> None:
        kind = self.bonus_type.currentData()
        self.bonus_value.setEnabled(kind != NO_BONUS)
        self.bonus_note.setEnabled(kind != NO_BONUS)
        if kind == PERCENT:
            self.bonus_value.setRange(0.0, float(MAX_PERCENT_BONUS))
            self.bonus_value.setSuffix(" %")
        else:
            self.bonus_value.setRange(0.0, float(MAX_FLAT_BONUS))
            self.bonus_value.setSuffix("")

    # ------------------------------------------------------------------------------------------ reading
    @property
    def sampling_unit(self) -> str:
        """The unit as the API has it: a listed unit's code ("box" for "caja", typed or chosen; "kg" for "kilos"), else
        as typed."""
        typed = self.unit.currentText().strip()
        index = self._unit_index(typed)
        return str(self.unit.itemData(index)) if index >= 0 else usual_unit(typed) or typed

    def _unit_index(self, unit: str) -> int:
        """The item for `unit`, by its code or its name in the user's language, whatever the case; -1 if none."""
        wanted = unit.casefold()
        for index in range(self.unit.count()):
            if wanted in (str(self.unit.itemData(index)).casefold(), self.unit.itemText(index).casefold()):
                return index
        return -1

    def chosen_bonus(self) -> Bonus | None:
        kind = self.bonus_type.currentData()
        if kind == NO_BONUS:
            return None
        note = self.bonus_note.text().strip() or None
        return Bonus(type=kind, value=round(self.bonus_value.value(), 2), note=note)

    def bonus_input(self) -> BonusInput | None:
        """The bonus to send. "No bonus" where the project or session has one is sent as a 0 % bonus: leaving the
        bonus out would inherit the project's."""
        bonus = self.chosen_bonus()
        if bonus is None:
            return BonusInput(type="percent", value=0) if has_bonus(self._initial_bonus) else None
        return BonusInput(type=bonus.type, value=bonus.value, note=bonus.note)

    def bonus_changed(self) -> bool:
        chosen, initial = self.chosen_bonus(), self._initial_bonus
        if not has_bonus(chosen) and not has_bonus(initial):
            return False
        return chosen != (initial if has_bonus(initial) else None)

    def problem(self) -> str | None:
        """What stops these values from being sent, in words a person can act on."""
        if not self.sampling_unit:
            return self.tr("Give a sampling unit, for example box, kg or ton.")
        if len(self.sampling_unit) > 32:
            return self.tr("The sampling unit is too long (at most 32 characters).")
        bonus = self.chosen_bonus()
        if bonus is not None and bonus.type == FLAT and bonus.value <= 0:
            return self.tr("A flat bonus must be more than zero; choose “No bonus” instead.")
        return None


class _SessionDialog(QDialog):
    """The frame the four dialogs share: a heading, a form, a problem line, and Cancel / confirm buttons."""

    def __init__(self, title: str, confirm: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("Muted")
        self.detail.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("PaneBanner")
        self.problem_label.setProperty("tone", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm_button: QPushButton = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        set_style_name(self.confirm_button, "PrimaryButton")
        self.confirm_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._column = layout

    def show_problem(self, text: str) -> None:
        """Why the request cannot be done as it stands; the dialog stays open so the user can change it."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(True)
        self.set_busy(False)
        self.adjustSize()  # room for the message without squeezing the fields
        # adjustSize() measures the wrapped message at a width of its own: on X11 that left a five-line message
        # 16 px short, and the fields gave up the rest (the last ones' text cut at the bottom).
        wanted = self._column.totalHeightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def set_busy(self, busy: bool) -> None:
        self.confirm_button.setEnabled(not busy)

    def _submit(self) -> None:
        raise NotImplementedError


# ------------------------------------------------------------------------------------------------ open
class OpenSessionDialog(_SessionDialog):
    submitted = Signal(object)  # OpenRequest

    def __init__(self, project: Project, sector_id: str | None, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Open a production session"), self.tr("Open session"), parent)
        self.project = project
        self.heading.setText(self.tr("Open a session in {project}").format(project=project.name))
        self.detail.setText(
            self.tr(
                "Pay settings come from the project; change them for this session if needed. Times are in {zone}."
            ).format(zone=project.timezone)
        )
        self.sector = QComboBox(self)
        for sector in project.sectors:
            self.sector.addItem(sector.sector_name, sector.sector_id)
        if sector_id is not None and self.sector.findData(sector_id) >= 0:
            self.sector.setCurrentIndex(self.sector.findData(sector_id))
        self.opened_at = QDateTimeEdit(self)
        self.opened_at.setCalendarPopup(True)
        self.opened_at.setDisplayFormat(formats.moment_format())
        self.set_opened_at(now)
        self.pay = PayFields(self)
        settings = project.settings
        bonus = (
            None if settings.bonus is None else Bonus(settings.bonus.type, settings.bonus.value, settings.bonus.note)
        )
        self.pay.set_values(settings.sampling_unit, settings.price_per_unit, bonus)
        self.max_duration = QSpinBox(self)
        self.max_duration.setRange(1, MAX_DURATION_LIMIT_HOURS)
        self.max_duration.setValue(min(max(settings.max_duration_hours, 1), MAX_DURATION_LIMIT_HOURS))
        self.max_duration.setSuffix(self.tr(" h"))
        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText(self.tr("Weather, crew, anything worth noting (optional)"))

        self.form.addRow(self.tr("Project"), QLabel(project.name, self))
        self.form.addRow(self.tr("Sector"), self.sector)
        self.opened_at.setToolTip(self.tr("Local time at the farm ({zone})").format(zone=project.timezone))
        self.form.addRow(self.tr("Opened at"), self.opened_at)
        self.pay.add_rows(self.form)
        self.form.addRow(self.tr("Maximum duration"), self.max_duration)
        self.form.addRow(self.tr("Notes"), self.notes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sector.setFocus(Qt.FocusReason.PopupFocusReason)

    def set_opened_at(self, moment: datetime) -> None:
        at = formats.at_farm(moment, self.project.timezone)
        self.opened_at.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute)))

    def chosen_opened_at(self) -> datetime:
        """The opening time the user chose, read as a wall-clock time at the project."""
        value = self.opened_at.dateTime()
        day, time = value.date(), value.time()
        local = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
        zone = formats.farm_zone(self.project.timezone)
        # An unknown timezone reads as this computer's clock, as the field showed it (formats.at_farm).
        return (local.replace(tzinfo=zone) if zone is not None else local.astimezone()).astimezone(UTC)

    def request(self) -> OpenRequest:
        notes = self.notes.text().strip() or None
        return OpenRequest(
            project_id=self.project.project_id,
            sector_id=str(self.sector.currentData()),
            sector_name=self.sector.currentText(),
            timezone=self.project.timezone,
            opened_at=self.chosen_opened_at(),
            sampling_unit=self.pay.sampling_unit,
            price_per_unit=round(self.pay.price.value(), 2),
            bonus=self.pay.bonus_input(),
            max_duration_hours=self.max_duration.value(),
            notes=notes,
        )

    def _submit(self) -> None:
        if self.sector.currentIndex() < 0:
            self.show_problem(self.tr("This project has no sectors to open a session in."))
            return
        problem = self.pay.problem()
        if problem is not None:
            self.show_problem(problem)
            return
        self.problem_label.setVisible(False)
        self.set_busy(True)
        self.submitted.emit(self.request())


# ------------------------------------------------------------------------------------------------ edit
class EditSessionDialog(_SessionDialog):
    submitted = Signal(object)  # SessionUpdate (only what changed)

    def __init__(self, session: SessionData, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit session"), self.tr("Save changes"), parent)
        self.session = session
        name = session.get("sector_name") or session.get("sector_id")
        self.heading.setText(self.tr("Edit the session for {sector}").format(sector=name))
        self.detail.setText(self.tr("New pay settings apply to every record of the session, past and future."))
        self.pay = PayFields(self)
        self.pay.set_values(
            str(session.get("sampling_unit") or "box"),
            float(session.get("price_per_unit") or 0),
            bonus_of(session.get("bonus")),
        )
        self.notes = QLineEdit(self)
        self.notes.setText(str(session.get("notes") or ""))
        self.pay.add_rows(self.form)
        self.form.addRow(self.tr("Notes"), self.notes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.pay.price.setFocus(Qt.FocusReason.PopupFocusReason)
        self.pay.price.selectAll()

    def session_update(self) -> SessionUpdate:
        session = self.session
        fields: dict[str, Any] = {}
        if self.pay.sampling_unit != (session.get("sampling_unit") or ""):
            fields["sampling_unit"] = self.pay.sampling_unit
        price = round(self.pay.price.value(), 2)
        if abs(price - float(session.get("price_per_unit") or 0)) >= 0.005:
            fields["price_per_unit"] = price
        if self.pay.bonus_changed():
            fields["bonus"] = self.pay.bonus_input()
        notes = self.notes.text().strip()
        if notes != (session.get("notes") or "").strip():
            fields["notes"] = notes
        return SessionUpdate(**fields)

    def _submit(self) -> None:
        problem = self.pay.problem()
        if problem is not None:
            self.show_problem(problem)
            return
        update = self.session_update()
        if not update.model_fields_set:
            self.show_problem(self.tr("Nothing has changed: change the unit, price, bonus or notes first."))
            return
        self.problem_label.setVisible(False)
        self.set_busy(True)
        self.submitted.emit(update)


# ------------------------------------------------------------------------------------------------ extend
class ExtendSessionDialog(_SessionDialog):
    submitted = Signal(int)  # the new maximum duration in hours

    def __init__(
        self, *, sector_name: str, current_hours: int, opened_at: datetime, timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Extend session"), self.tr("Extend"), parent)
        self.current_hours = current_hours
        self.opened_at = opened_at
        self.timezone = timezone
        self.heading.setText(self.tr("Extend the session for {sector}").format(sector=sector_name))
        self.hours = QSpinBox(self)
        self.hours.setRange(min(current_hours + 1, MAX_DURATION_LIMIT_HOURS), MAX_DURATION_LIMIT_HOURS)
        self.hours.setValue(min(current_hours + 2, MAX_DURATION_LIMIT_HOURS))
        self.hours.setSuffix(self.tr(" h"))
        self.hours.setAccessibleName(self.tr("New maximum duration in hours"))
        self.hours.valueChanged.connect(self._update_detail)
        self.form.addRow(self.tr("New maximum duration"), self.hours)
        self._update_detail()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.hours.setFocus(Qt.FocusReason.PopupFocusReason)
        self.hours.selectAll()

    def _update_detail(self) -> None:
        ends = formats.time_text(self.opened_at + timedelta(hours=self.hours.value()), self.timezone)
        self.detail.setText(
            self.tr(
                "Now {current} h. With {hours} h it may stay open until {time} ({zone}); at most {limit} h."
            ).format(
                current=self.current_hours,
                hours=self.hours.value(),
                time=ends,
                zone=self.timezone,
                limit=MAX_DURATION_LIMIT_HOURS,
            )
        )

    def _submit(self) -> None:
        self.problem_label.setVisible(False)
        self.set_busy(True)
        self.submitted.emit(self.hours.value())


# ------------------------------------------------------------------------------------------------ close
class CloseSessionDialog(_SessionDialog):
    submitted = Signal(object)  # SessionClose

    def __init__(
        self, *, sector_name: str, summary: str, pending_note: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Close session"), self.tr("Close session"), parent)
        set_style_name(self.confirm_button, "DangerButton")
        self.heading.setText(self.tr("Close the session for {sector}?").format(sector=sector_name))
        self.detail.setText(
            summary
            + ("\n" + pending_note if pending_note else "")
            + "\n"
            + self.tr("No records can be added once it is closed.")
        )
        self.final_notes = QLineEdit(self)
        self.final_notes.setPlaceholderText(self.tr("Final count, truck, incidents (optional)"))
        self.form.addRow(self.tr("Final notes"), self.final_notes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.final_notes.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_request(self, now: datetime) -> SessionClose:
        return SessionClose(closed_at=now, final_notes=self.final_notes.text().strip() or None)

    def _submit(self) -> None:
        self.problem_label.setVisible(False)
        self.set_busy(True)
        self.submitted.emit(self.close_request(datetime.now(UTC)))
