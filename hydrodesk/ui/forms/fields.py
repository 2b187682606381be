"""One editor per kind of form field, built from the field's definition (hydrodesk.api.models.FormField).

Each editor reads its widgets back as a FormValue (`answer()`), or raises AnswerRefused naming what is wrong; the
form shows that message under the field in the user's language. Every editor can be left blank (the server treats
a missing optional value as "not answered"), so there is no value a person did not choose.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.api.models import FormField, FormValue
from hydrodesk.domain.form_answers import (
    MAX_SEVERITY,
    AnswerRefused,
    Problem,
    attachment_data_url,
    audio_extensions,
    check_number,
    check_pest_count,
    check_text,
    parse_decimal,
)
from hydrodesk.ui import formats
from hydrodesk.ui.widgets.restyle import set_style_property

translate = QCoreApplication.translate
ATTACHMENT_TYPES = ("photo", "signature", "audio")
TEXTAREA_LINES = 3


def problem_text(refused: AnswerRefused, spec: FormField | None = None) -> str:
    """What is wrong with an answer, as a sentence a person can act on."""
    unit = f" {spec.unit}" if spec is not None and spec.unit and spec.unit != "count" else ""
    limit = formats.number_text(refused.limit) if refused.limit is not None else ""
    return {
        Problem.REQUIRED: translate("FormFields", "This answer is required."),
        Problem.NOT_A_NUMBER: translate("FormFields", "Type a number, for example 12 or 12.5."),
        Problem.NOT_WHOLE: translate("FormFields", "Type a whole number (a count has no decimals)."),
        Problem.BELOW_MIN: translate("FormFields", "The smallest value allowed is {limit}{unit}."),
        Problem.ABOVE_MAX: translate("FormFields", "The largest value allowed is {limit}{unit}."),
        Problem.SEVERITY_NEEDED: translate("FormFields", "Choose a severity (0–4): this pest or disease was seen."),
        Problem.TOO_LONG: translate("FormFields", "Keep it under {limit} characters."),
        Problem.LATITUDE: translate("FormFields", "A latitude lies between -90 and 90."),
        Problem.LONGITUDE: translate("FormFields", "A longitude lies between -180 and 180."),
        Problem.COORDINATES_PAIR: translate("FormFields", "Type both the latitude and the longitude, or neither."),
        Problem.FILE_EMPTY: translate("FormFields", "The file is empty. Choose another one."),
        Problem.FILE_TOO_LARGE: translate("FormFields", "The file is larger than {limit} bytes. Choose a smaller one."),
        Problem.FILE_WRONG_KIND: translate("FormFields", "This kind of file cannot be attached here."),
    }[refused.problem].format(limit=limit, unit=unit)


def severity_labels() -> list[str]:
    return [
        translate("FormFields", "0 · none"),
        translate("FormFields", "1 · low"),
        translate("FormFields", "2 · moderate"),
        translate("FormFields", "3 · high"),
        translate("FormFields", "4 · very high"),
    ]


def range_text(spec: FormField) -> str:
    """`0 – 30 °Bx`, `at least 1`, ``: the range a number field takes, for its placeholder."""
    unit = f" {spec.unit}" if spec.unit and spec.unit != "count" else ""
    if spec.min is not None and spec.max is not None:
        return f"{formats.number_text(spec.min)} – {formats.number_text(spec.max)}{unit}"
    if spec.min is not None:
        return translate("FormFields", "at least {min}").format(min=formats.number_text(spec.min)) + unit
    if spec.max is not None:
        return translate("FormFields", "at most {max}").format(max=formats.number_text(spec.max)) + unit
    return unit.strip()


class FieldEditor(QWidget):
    """The widgets of one field, and its answer."""

    changed = Signal()

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("FieldProblem")
        self.problem_label.setProperty("tone", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.problem_label)
        # A problem shown (after Submit) follows what is typed: it goes once the answer is right, or changes.
        self.changed.connect(self._check_again)

    def answer(self) -> FormValue | None:
        """The value to send (None: not answered); AnswerRefused when what was typed cannot be sent."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """The widget the cursor goes to when this field's answer needs fixing."""
        raise NotImplementedError

    def show_problem(self, text: str | None) -> None:
        self.problem_label.setText(text or "")
        self.problem_label.setVisible(bool(text))
        target = self.focus_target() if text else None
        for widget in self.findChildren(QWidget):  # outline the widget to fix, and only that one
            if widget is self.problem_label or bool(widget.property("invalid")) == (widget is target):
                continue
            set_style_property(widget, "invalid", widget is target)

    def check(self) -> str | None:
        """Check the answer and show what is wrong under the field; the message, or None when it can be sent."""
        try:
            self.answer()
        except AnswerRefused as refused:
            message = problem_text(refused, self.spec)
            self.show_problem(message)
            return message
        self.show_problem(None)
        return None

    def has_problem(self) -> bool:
        return not self.problem_label.isHidden()

    def _check_again(self) -> None:
        if self.has_problem():
            self.check()

    def _value(self, value: object) -> FormValue | None:
        return None if value is None else FormValue(name=self.spec.name, value=value)


def _decimal_point() -> str:
    return QLocale().decimalPoint()


class NumberEditor(FieldEditor):
    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(range_text(spec))
        self.edit.setMaximumWidth(200)
        self.edit.textChanged.connect(self.changed)
        self.row.addWidget(self.edit)
        self.row.addStretch(1)

    def answer(self) -> FormValue | None:
        value = check_number(
            parse_decimal(self.edit.text(), _decimal_point()),
            minimum=self.spec.min,
            maximum=self.spec.max,
            required=self.spec.required,
        )
        return self._value(value)

    def clear(self) -> None:
        self.edit.clear()

    def focus_target(self) -> QWidget:
        return self.edit


class PestEditor(FieldEditor):
    """A scouting count and, once something was seen, its severity grade (0–4)."""

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.count_edit = QLineEdit(self)
        self.count_edit.setPlaceholderText(translate("FormFields", "count"))
        self.count_edit.setMaximumWidth(120)
        self.count_edit.setAccessibleName(translate("FormFields", "{field}: count").format(field=spec.label or ""))
        self.severity_combo = QComboBox(self)
        self.severity_combo.addItem(translate("FormFields", "Severity…"), None)
        for grade, label in enumerate(severity_labels()[: MAX_SEVERITY + 1]):
            self.severity_combo.addItem(label, grade)
        self.severity_combo.setAccessibleName(
            translate("FormFields", "{field}: severity").format(field=spec.label or "")
        )
        self.count_edit.textChanged.connect(self.changed)
        self.severity_combo.currentIndexChanged.connect(self.changed)
        self.row.addWidget(self.count_edit)
        self.row.addWidget(self.severity_combo)
        self.row.addStretch(1)

    def answer(self) -> FormValue | None:
        count, severity = check_pest_count(
            parse_decimal(self.count_edit.text(), _decimal_point()),
            self.severity_combo.currentData(),
            maximum=self.spec.max,
            required=self.spec.required,
        )
        if count is None:
            return None
        return FormValue(name=self.spec.name, value=count, severity=severity)

    def clear(self) -> None:
        self.count_edit.clear()
        self.severity_combo.setCurrentIndex(0)

    def focus_target(self) -> QWidget:
        try:
            self.answer()
        except AnswerRefused as refused:
            if refused.problem is Problem.SEVERITY_NEEDED:
                return self.severity_combo
        return self.count_edit


class ChoiceEditor(FieldEditor):
    """A select field, or a yes/no field: a list whose first entry means "not answered"."""

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self.combo.addItem(translate("FormFields", "Choose…"), None)
        if spec.type == "boolean":
            self.combo.addItem(translate("FormFields", "Yes"), True)
            self.combo.addItem(translate("FormFields", "No"), False)
        else:
            for option in spec.options or []:
                self.combo.addItem(option, option)
        self.combo.setMinimumContentsLength(14)
        self.combo.currentIndexChanged.connect(self.changed)
        self.row.addWidget(self.combo)
        self.row.addStretch(1)

    def answer(self) -> FormValue | None:
        value = self.combo.currentData()
        if value is None and self.spec.required:
            raise AnswerRefused(Problem.REQUIRED)
        return self._value(value)

    def clear(self) -> None:
        self.combo.setCurrentIndex(0)

    def focus_target(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(FieldEditor):
    COLUMNS = 3

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        self.boxes: list[QCheckBox] = []
        for index, option in enumerate(spec.options or []):
            box = QCheckBox(option, self)
            box.toggled.connect(self.changed)
            self.boxes.append(box)
            grid.addWidget(box, index // self.COLUMNS, index % self.COLUMNS)
        self.row.addLayout(grid)
        self.row.addStretch(1)

    def answer(self) -> FormValue | None:
        chosen = [box.text() for box in self.boxes if box.isChecked()]
        if not chosen:
            if self.spec.required:
                raise AnswerRefused(Problem.REQUIRED)
            return None
        return self._value(chosen)

    def clear(self) -> None:
        for box in self.boxes:
            box.setChecked(False)

    def focus_target(self) -> QWidget:
        return self.boxes[0] if self.boxes else self


class TextEditor(FieldEditor):
    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self.edit.textChanged.connect(self.changed)
        self.row.addWidget(self.edit, 1)

    def answer(self) -> FormValue | None:
        return self._value(check_text(self.edit.text(), required=self.spec.required))

    def clear(self) -> None:
        self.edit.clear()

    def focus_target(self) -> QWidget:
        return self.edit


class NotesEdit(QPlainTextEdit):
    """A multi-line answer where Tab moves on (a form is walked by Tab) and Ctrl+Enter is left to the form."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.ignore()  # the form's "submit" shortcut, not a new line
            return
        super().keyPressEvent(event)


class TextAreaEditor(FieldEditor):
    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = NotesEdit(self)
        self.edit.setTabChangesFocus(True)
        lines = self.edit.fontMetrics().lineSpacing() * TEXTAREA_LINES
        self.edit.setFixedHeight(lines + 2 * self.edit.frameWidth() + 10)
        self.edit.textChanged.connect(self.changed)
        self.row.addWidget(self.edit, 1)

    def answer(self) -> FormValue | None:
        return self._value(check_text(self.edit.toPlainText(), required=self.spec.required))

    def clear(self) -> None:
        self.edit.clear()

    def focus_target(self) -> QWidget:
        return self.edit


class DateEditor(FieldEditor):
    """A day; the lowest date of the box stands for "not answered" and shows as a dash."""

    BLANK = QDate(2000, 1, 1)

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(self.BLANK)
        self.edit.setSpecialValueText("—")
        self.edit.setDisplayFormat(formats.day_format(weekday=False))
        self.edit.setDate(self.BLANK)
        self.edit.setMinimumWidth(150)
        self.edit.dateChanged.connect(self.changed)
        self.today_button = QPushButton(translate("FormFields", "Today"), self)
        self.today_button.clicked.connect(lambda: self.edit.setDate(QDate.currentDate()))
        self.row.addWidget(self.edit)
        self.row.addWidget(self.today_button)
        self.row.addStretch(1)

    def answer(self) -> FormValue | None:
        day = self.edit.date()
        if day == self.BLANK:
            if self.spec.required:
                raise AnswerRefused(Problem.REQUIRED)
            return None
        return self._value(day.toPython().isoformat())  # type: ignore[attr-defined]  # QDate.toPython() is typed object

    def clear(self) -> None:
        self.edit.setDate(self.BLANK)

    def focus_target(self) -> QWidget:
        return self.edit


class AttachmentEditor(FieldEditor):
    """A photo, a signature (a picture of it) or a voice note, chosen from a file and carried as a data URL."""

    def __init__(self, spec: FormField, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.data_url: str | None = None
        self._refused: AnswerRefused | None = None
        self.choose_button = QPushButton(translate("FormFields", "Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(translate("FormFields", "No file attached"), self)
        self.file_label.setObjectName("Muted")
        self.remove_button = QPushButton(translate("FormFields", "Remove"), self)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.clear)
        self.row.addWidget(self.choose_button)
        self.row.addWidget(self.remove_button)
        self.row.addWidget(self.file_label, 1)

    def choose_file(self) -> None:
        # open(), not exec(): no event loop nested inside the asyncio loop.
        dialog = QFileDialog(self, translate("FormFields", "Attach a file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if self.spec.type == "audio":
            patterns = " ".join(f"*.{extension}" for extension in audio_extensions())
            dialog.setNameFilters([translate("FormFields", "Recordings ({patterns})").format(patterns=patterns)])
        else:
            dialog.setNameFilters([translate("FormFields", "Pictures (*.jpg *.jpeg *.png)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.attach(Path(name)))
        dialog.open()

    def attach(self, path: Path) -> bool:
        """Read and check the file now, so a wrong one is refused while the person still has it in mind."""
        try:
            data = path.read_bytes()
            self.data_url = attachment_data_url(data, kind=self.spec.type, file_name=path.name)
        except AnswerRefused as refused:
            self.data_url, self._refused = None, refused
            self.file_label.setText(path.name)
            self.check()
            return False
        except OSError as error:
            self.data_url, self._refused = None, None
            self.show_problem(
                translate("FormFields", "{file} could not be read: {reason}").format(
                    file=path.name, reason=error.strerror or error
                )
            )
            return False
        self._refused = None
        size = formats.number_text(len(data) / 1024, 0)
        self.file_label.setText(translate("FormFields", "{file} · {size} KB").format(file=path.name, size=size))
        self.remove_button.setEnabled(True)
        self.show_problem(None)
        self.changed.emit()
        return True

    def answer(self) -> FormValue | None:
        if self._refused is not None:
            raise self._refused
        if self.data_url is None:
            if self.spec.required:
                raise AnswerRefused(Problem.REQUIRED)
            return None
        return self._value(self.data_url)

    def clear(self) -> None:
        self.data_url, self._refused = None, None
        self.file_label.setText(translate("FormFields", "No file attached"))
        self.remove_button.setEnabled(False)
        self.show_problem(None)
        self.changed.emit()

    def focus_target(self) -> QWidget:
        return self.choose_button


_EDITORS: dict[str, type[FieldEditor]] = {
    "number": NumberEditor,
    "pest_disease": PestEditor,
    "select": ChoiceEditor,
    "boolean": ChoiceEditor,
    "multiselect": MultiChoiceEditor,
    "text": TextEditor,
    "textarea": TextAreaEditor,
    "date": DateEditor,
    "photo": AttachmentEditor,
    "signature": AttachmentEditor,
    "audio": AttachmentEditor,
}


def editor_for(spec: FormField, parent: QWidget | None = None) -> FieldEditor:
    """The editor of a field; an unknown field type (a newer server) is answered as text."""
    return _EDITORS.get(spec.type, TextEditor)(spec, parent)


def supported_types() -> frozenset[str]:
    return frozenset(_EDITORS)
