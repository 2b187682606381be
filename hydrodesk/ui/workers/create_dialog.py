"""The create-worker form (Ctrl+N), also used to correct a worker the server refused ("edit and retry").

Everything the server would refuse is caught here, while the person is still typing:
- the worker_id is previewed live (initials + MMDD of the hire date, accents folded: José Núñez hired 2025-03-15
  is JN0315), and a worker_id someone else already has in the roster blocks saving, with the reason;
- the hourly rate must be a number ≥ 0, the e-mail must look like one;
- a photo is checked by its first bytes and its size (JPEG, PNG or WebP, at most 12 MB) when it is chosen.
The dialog only collects: `submitted` hands the NewWorker to the pane, which saves it through the outbox and
closes the dialog (or shows why it could not, with `show_error`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.api.models import NewWorker
from hydrodesk.domain.photos import HEADER_BYTES, MAX_PHOTO_BYTES, Photo, PhotoProblem, PhotoRejected, check_photo
from hydrodesk.domain.photos import photo_from_data_url as _photo_from_data_url
from hydrodesk.domain.roster import (
    DEFAULT_STATUS,
    FormProblem,
    IdClash,
    IdHolder,
    OptionLists,
    email_looks_valid,
    id_clash,
    initials,
    parse_hourly_rate,
    preview_worker_id,
)
from hydrodesk.ui import formats
from hydrodesk.ui.widgets.restyle import repolish, set_style_property
from hydrodesk.ui.workers.avatar import Avatar
from hydrodesk.ui.workers.labels import label_for
from hydrodesk.ui.workers.models import OptionChoicesModel

PHOTO_SIZE = 64
MEGABYTE = 1024 * 1024


class CreateWorkerDialog(QDialog):
    submitted = Signal(object)  # NewWorker

    def __init__(
        self,
        options: OptionLists,
        holders: Mapping[str, IdHolder],
        *,
        editing_entry: str | None = None,
        worker: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CreateWorkerDialog")
        self.editing_entry = editing_entry  # the outbox entry being corrected, None for a new worker
        self._holders = dict(holders)
        self._options = options
        self.photo: Photo | None = None
        self._busy = False
        # Why the last save failed (a full disk, a refusal): shown until the next attempt, above what the fields
        # say, and kept when the form is checked again (a roster refresh in the background must not wipe it).
        self._save_problem: str | None = None
        self.setWindowTitle(self.tr("Correct worker and retry") if editing_entry else self.tr("New worker"))
        self.setMinimumWidth(760)

        # -------------------------------------------------------------- identity (left column)
        self.first_name = QLineEdit(self)
        self.first_name.setPlaceholderText(self.tr("e.g. José"))
        self.last_name = QLineEdit(self)
        self.last_name.setPlaceholderText(self.tr("e.g. Núñez"))
        self.hire_date = QDateEdit(self)
        self.hire_date.setCalendarPopup(True)
        self.hire_date.setDisplayFormat(formats.day_format(weekday=False))
        self.hire_date.setDate(QDate.currentDate())
        self.id_preview = QLabel(self)
        self.id_preview.setObjectName("CardValue")
        self.id_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.id_preview.setContentsMargins(6, 0, 0, 0)
        self.id_note = QLabel(self)
        self.id_note.setObjectName("PaneBanner")
        self.id_note.setWordWrap(True)
        self.position = self._combo(options.positions, self.tr("Choose a position"))
        self.employment_type = self._combo(options.employment_types, self.tr("Choose an employment type"))
        self.status = self._combo(options.statuses or (DEFAULT_STATUS,), "")
        self.status.setCurrentIndex(max(self.status.findData(DEFAULT_STATUS), 0))
        self.hourly_rate = QLineEdit(self)
        self.hourly_rate.setPlaceholderText(self.tr("e.g. 18.5 (optional)"))

        left = QFormLayout()
        left.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        left.addRow(self.tr("First name *"), self.first_name)
        left.addRow(self.tr("Last name *"), self.last_name)
        left.addRow(self.tr("Hire date *"), self.hire_date)
        left.addRow(self.tr("Worker ID"), self.id_preview)
        left.addRow(self.tr("Position *"), self.position)
        left.addRow(self.tr("Employment type *"), self.employment_type)
        left.addRow(self.tr("Status"), self.status)
        left.addRow(self.tr("Hourly rate"), self.hourly_rate)

        # -------------------------------------------------------------- contact, skills, photo (right column)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(self.tr("e.g. +52 1 443 555 0101"))
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.emergency_name = QLineEdit(self)
        self.emergency_phone = QLineEdit(self)
        self.skills_model = OptionChoicesModel(self)
        self.skills_model.set_options(options.skills)
        self.skills = QListView(self)
        self.skills.setObjectName("SkillChoices")
        self.skills.setModel(self.skills_model)
        self.skills.setMinimumHeight(120)
        self.skills.setAccessibleName(self.tr("Skills"))
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Anything the office should know"))
        self.notes.setFixedHeight(64)
        self.photo_preview = Avatar(self, PHOTO_SIZE)
        self.choose_photo_button = QPushButton(self.tr("Choose photo…"), self)
        self.choose_photo_button.setToolTip(self.tr("A JPEG, PNG or WebP image of at most 12 MB"))
        self.choose_photo_button.clicked.connect(self.choose_photo)
        self.remove_photo_button = QPushButton(self.tr("Remove photo"), self)
        self.remove_photo_button.clicked.connect(self.remove_photo)
        self.photo_message = QLabel(self)
        self.photo_message.setObjectName("Muted")
        self.photo_message.setWordWrap(True)
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.choose_photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_preview, 0, Qt.AlignmentFlag.AlignTop)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)

        right = QFormLayout()
        right.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        right.addRow(self.tr("Phone"), self.phone)
        right.addRow(self.tr("E-mail"), self.email)
        right.addRow(self.tr("Emergency contact"), self.emergency_name)
        right.addRow(self.tr("Emergency phone"), self.emergency_phone)
        right.addRow(self.tr("Skills"), self.skills)
        right.addRow(self.tr("Notes"), self.notes)
        right.addRow(self.tr("Photo"), photo_row)
        right.addRow("", self.photo_message)

        columns = QGridLayout()
        columns.setHorizontalSpacing(24)
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)

        self.problems = QLabel(self)
        self.problems.setObjectName("PaneBanner")
        self.problems.setProperty("tone", "error")
        self.problems.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("Muted")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(
            self.tr("Save and retry") if editing_entry else self.tr("Save worker"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setObjectName("PrimaryButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter); it is sent to the server as soon as possible"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        # Enter in a line edit saves too (the default button); Ctrl+Enter works from the notes box as well.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(columns)
        layout.addWidget(self.id_note)
        layout.addWidget(self.problems)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        for edit in (self.first_name, self.last_name, self.hourly_rate, self.email):
            edit.textChanged.connect(self._update)
        self.hire_date.dateChanged.connect(self._update)
        for combo in (self.position, self.employment_type):
            combo.currentIndexChanged.connect(self._update)
        if worker is not None:
            self._fill(worker)
        self._show_photo()
        self._update()
        self.first_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _combo(self, values: tuple[str, ...], placeholder: str) -> QComboBox:
        combo = QComboBox(self)
        for value in values:
            combo.addItem(label_for(value), value)
        if placeholder:
            combo.setPlaceholderText(placeholder)
            combo.setCurrentIndex(-1)
        return combo

    def _fill(self, worker: Mapping[str, Any]) -> None:
        self.first_name.setText(worker.get("first_name") or "")
        self.last_name.setText(worker.get("last_name") or "")
        if worker.get("hire_date"):
            hired = date.fromisoformat(str(worker["hire_date"])[:10])
            self.hire_date.setDate(QDate(hired.year, hired.month, hired.day))
        for combo, key in (
            (self.position, "position"),
            (self.employment_type, "employment_type"),
            (self.status, "status"),
        ):
            value = worker.get(key)
            if value is not None and combo.findData(value) < 0:
                combo.addItem(label_for(value), value)  # an option the cached template no longer lists
            if value is not None:
                combo.setCurrentIndex(combo.findData(value))
        rate = worker.get("hourly_rate")
        self.hourly_rate.setText("" if rate is None else QLocale().toString(float(rate), "g", 12))
        self.phone.setText(worker.get("phone") or "")
        self.email.setText(worker.get("email") or "")
        self.emergency_name.setText(worker.get("emergency_contact_name") or "")
        self.emergency_phone.setText(worker.get("emergency_contact_phone") or "")
        skills = list(worker.get("skills") or ())
        self.skills_model.set_options([*self._options.skills, *skills], skills)
        self.notes.setPlainText(worker.get("notes") or "")
        self.photo = _photo_from_data_url(worker.get("photo"))

    # ------------------------------------------------------------------------------------------ reading the form
    def chosen_hire_date(self) -> date:
        chosen = self.hire_date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def preview(self) -> str | None:
        return preview_worker_id(self.first_name.text(), self.last_name.text(), self.chosen_hire_date())

    def holder(self) -> IdHolder | None:
        """Who else goes by the previewed worker_id (not the entry being corrected)."""
        worker_id = self.preview()
        holder = self._holders.get(worker_id) if worker_id else None
        if holder is not None and self.editing_entry is not None and holder.entry_id == self.editing_entry:
            return None
        return holder

    def clash(self) -> IdClash:
        return id_clash(self.first_name.text(), self.last_name.text(), self.holder())

    def set_holders(self, holders: Mapping[str, IdHolder]) -> None:
        """The roster changed (a refresh, a sync): check the worker_id against it again."""
        self._holders = dict(holders)
        self._update()

    def _rate(self) -> tuple[float | None, str | None]:
        try:
            return parse_hourly_rate(self.hourly_rate.text()), None
        except ValueError as error:
            problem = error.args[0] if error.args else None
            return None, {
                FormProblem.NEGATIVE_RATE: self.tr("The hourly rate cannot be negative."),
                FormProblem.RATE_TOO_HIGH: self.tr("The hourly rate is too high: at most 10,000."),
            }.get(problem, self.tr("The hourly rate must be a number, such as 18.5."))

    def field_problems(self) -> list[str]:
        """What is wrong with what was typed (not what is still missing)."""
        problems: list[str] = []
        _, rate_problem = self._rate()
        if rate_problem:
            problems.append(rate_problem)
        if not email_looks_valid(self.email.text()):
            problems.append(self.tr("The e-mail address does not look right (name@example.com)."))
        return problems

    def missing(self) -> list[str]:
        missing = []
        if not self.first_name.text().strip():
            missing.append(self.tr("first name"))
        if not self.last_name.text().strip():
            missing.append(self.tr("last name"))
        if self.position.currentIndex() < 0:
            missing.append(self.tr("position"))
        if self.employment_type.currentIndex() < 0:
            missing.append(self.tr("employment type"))
        return missing

    def can_save(self) -> bool:
        return (
            not self._busy
            and not self.missing()
            and not self.field_problems()
            and self.preview() is not None
            and self.clash() is not IdClash.TAKEN
        )

    def new_worker(self) -> NewWorker:
        """The worker as typed; ValidationError if the request model refuses it."""
        rate, _ = self._rate()
        skills = self.skills_model.checked()

        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return NewWorker(
            first_name=self.first_name.text().strip(),
            last_name=self.last_name.text().strip(),
            position=self.position.currentData(),
            employment_type=self.employment_type.currentData(),
            hire_date=self.chosen_hire_date(),
            status=self.status.currentData() or DEFAULT_STATUS,
            phone=text(self.phone),
            email=text(self.email),
            hourly_rate=rate,
            emergency_contact_name=text(self.emergency_name),
            emergency_contact_phone=text(self.emergency_phone),
            skills=skills or None,
            notes=self.notes.toPlainText().strip() or None,
            photo=self.photo.data_url() if self.photo is not None else None,
        )

    # ------------------------------------------------------------------------------------------ live feedback
    def _update(self, *_: object) -> None:
        worker_id = self.preview()
        self.id_preview.setText(worker_id or "—")
        tone, note = self._id_note(worker_id)
        self.id_note.setText(note)
        set_style_property(self.id_note, "tone", tone)
        self._show_problems()
        missing = self.missing()
        self.hint.setText(
            self.tr("Still needed: {fields}.").format(fields=", ".join(missing))
            if missing
            else self.tr("Fields marked * are required.")
        )
        self.save_button.setEnabled(self.can_save())
        if self.photo is None:
            self.photo_preview.show_initials(initials(self.first_name.text(), self.last_name.text()))

    def _id_note(self, worker_id: str | None) -> tuple[str, str]:
        if worker_id is None:
            return "", self.tr("The worker ID appears once the first and last name each start with a letter.")
        holder = self.holder()
        clash = self.clash()
        if holder is None or clash is IdClash.FREE:
            return "", self.tr("Initials and the month and day of the hire date.")
        hired = formats.iso_day_text(holder.hire_date) or self.tr("date unknown")
        if clash is IdClash.SAME_PERSON:
            return "warn", self.tr(
                "{name} is already in the roster as {id}: saving again keeps the worker the server has."
            ).format(name=holder.name, id=worker_id)
        return "error", self.tr(
            "{id} is already used by {name} (hired {hired}). The server will refuse this worker: check the hire "
            "date, or use the day they really started."
        ).format(id=worker_id, name=holder.name, hired=hired)

    # ------------------------------------------------------------------------------------------ the photo
    def choose_photo(self) -> None:
        # A non-modal dialog (open(), not exec()): it never nests an event loop inside the asyncio loop.
        dialog = QFileDialog(self, self.tr("Choose a photo"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Photos (*.jpg *.jpeg *.png *.webp)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.load_photo_file(Path(name)))
        dialog.open()

    def load_photo_file(self, path: Path) -> bool:
        """Check the file (size, then its first bytes) before anything is read in full or uploaded."""
        try:
            size = path.stat().st_size
            with path.open("rb") as stream:
                head = stream.read(HEADER_BYTES)
            check_photo(size, head)
            photo = Photo.from_bytes(path.read_bytes())
        except PhotoRejected as rejected:
            self._refuse_photo(self._photo_problem(path.name, rejected))
            return False
        except OSError as error:
            self._refuse_photo(
                self.tr("{file} could not be read: {reason}").format(file=path.name, reason=error.strerror or error)
            )
            return False
        self.photo = photo
        self._show_photo(
            self.tr("{file} · {kind} · {size}").format(
                file=path.name, kind=photo.kind.value.upper(), size=_size_text(len(photo.data))
            )
        )
        return True

    def _photo_problem(self, name: str, rejected: PhotoRejected) -> str:
        if rejected.problem is PhotoProblem.TOO_LARGE:
            return self.tr(
                "{file} is {size}, more than the {limit} a worker photo may have. Choose a smaller photo, or save it "
                "at a lower quality first."
            ).format(file=name, size=_size_text(rejected.size), limit=_size_text(MAX_PHOTO_BYTES))
        if rejected.problem is PhotoProblem.EMPTY:
            return self.tr("{file} is empty. Choose another photo.").format(file=name)
        return self.tr(
            "{file} is not a JPEG, PNG or WebP image. Choose a photo in one of those formats (convert other formats, "
            "such as HEIC, first)."
        ).format(file=name)

    def _refuse_photo(self, message: str) -> None:
        self.photo_message.setText(message)
        self.photo_message.setObjectName("PaneBanner")
        self.photo_message.setProperty("tone", "error")
        repolish(self.photo_message)  # its name changed too

    def _show_photo(self, message: str | None = None) -> None:
        if self.photo is not None and self.photo_preview.show_photo(self.photo):
            text = message or self.tr("Photo chosen ({kind}, {size}).").format(
                kind=self.photo.kind.value.upper(), size=_size_text(len(self.photo.data))
            )
        else:
            self.photo_preview.show_initials(initials(self.first_name.text(), self.last_name.text()))
            text = self.tr("No photo: the initials are shown instead.")
        self.photo_message.setText(text)
        self.photo_message.setObjectName("Muted")
        self.photo_message.setProperty("tone", "")
        repolish(self.photo_message)  # its name changed too
        self.remove_photo_button.setEnabled(self.photo is not None)

    def _show_problems(self) -> None:
        problems = [self._save_problem] if self._save_problem else []
        problems += self.field_problems()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def remove_photo(self) -> None:
        self.photo = None
        self._show_photo()

    # ------------------------------------------------------------------------------------------ saving
    def submit(self) -> None:
        if not self.can_save():
            return
        try:
            worker = self.new_worker()
        except ValidationError as error:
            self.show_error(
                "; ".join(str(problem["msg"]) for problem in error.errors(include_url=False, include_input=False))
            )
            return
        self._save_problem = None  # a new attempt: its own outcome is what counts now
        self._show_problems()
        self.submitted.emit(worker)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(self.can_save())

    def show_error(self, message: str) -> None:
        """Why the save failed: kept on the form until the next attempt."""
        self._save_problem = message
        self.set_busy(False)
        self._show_problems()


def _size_text(size: int) -> str:
    """`12 MB`, `12.1 MB` (rounded up: a file just over the limit must not read as the limit), `35 KB`."""
    locale = QLocale()
    if size >= MEGABYTE:
        tenths = math.ceil(size * 10 / MEGABYTE)
        if tenths % 10 == 0:
            return locale.toString(tenths // 10) + " MB"
        return locale.toString(tenths / 10, "f", 1) + " MB"
    return locale.toString(max(1, math.ceil(size / 1024))) + " KB"
