"""A form filled in: where it was filled (a sector of the navigator's project, or a typed point), one editor per
field, and the submit button. Every answer is checked before anything is queued; what is wrong is said under the
field, listed above the button, and the cursor goes to the first answer to fix."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.api.models import Form, FormRecord, FormValue, Project, Sector
from hydrodesk.domain.form_answers import AnswerRefused, check_coordinates, parse_decimal
from hydrodesk.domain.geo import point_in_polygon
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.ui.forms.fields import FieldEditor, editor_for, problem_text

COORDINATES = "coordinates"  # the location choice "typed latitude and longitude"


@dataclass(frozen=True)
class Submission:
    """What the form hands the pane: the record, and the words the outbox and the history show for it."""

    record: FormRecord
    form_name: str
    place: str


class FormEditor(QWidget):
    submitted = Signal(object)  # a Submission, every answer checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form: Form | None = None
        self.project: Project | None = None
        self.editors: list[FieldEditor] = []
        self._started_at = now_utc()

        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionTitle")
        self.title_label.setWordWrap(True)
        self.description_label = QLabel(self)
        self.description_label.setObjectName("Muted")
        self.description_label.setWordWrap(True)

        # ---------------------------------------------------------------- where
        self.location_combo = QComboBox(self)
        self.location_combo.setObjectName("FormLocation")
        self.location_combo.setMinimumContentsLength(18)
        self.location_combo.currentIndexChanged.connect(self._location_changed)
        self.latitude_edit = QLineEdit(self)
        self.latitude_edit.setObjectName("FormLatitude")
        self.latitude_edit.setPlaceholderText(self.tr("latitude, e.g. 19.4326"))
        self.latitude_edit.setAccessibleName(self.tr("Latitude"))
        self.longitude_edit = QLineEdit(self)
        self.longitude_edit.setObjectName("FormLongitude")
        self.longitude_edit.setPlaceholderText(self.tr("longitude, e.g. -99.1332"))
        self.longitude_edit.setAccessibleName(self.tr("Longitude"))
        for edit in (self.latitude_edit, self.longitude_edit):
            edit.setMaximumWidth(240)
            edit.textChanged.connect(self._show_point_hint)
        self.location_problem = QLabel(self)
        self.location_problem.setProperty("tone", "error")
        self.location_problem.setObjectName("FieldProblem")
        self.location_problem.setWordWrap(True)
        self.location_problem.setVisible(False)
        self.point_hint = QLabel(self)
        self.point_hint.setObjectName("Muted")
        self.point_hint.setWordWrap(True)
        where = QHBoxLayout()
        where.setSpacing(6)
        where.addWidget(self.location_combo)
        where.addWidget(self.latitude_edit)
        where.addWidget(self.longitude_edit)
        where.addStretch(1)

        # ---------------------------------------------------------------- the answers
        self.fields_host = QWidget(self)
        self.fields_layout = QFormLayout()
        self.fields_layout.setContentsMargins(0, 0, 8, 0)
        host_layout = QVBoxLayout(self.fields_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addLayout(self.fields_layout)
        host_layout.addStretch(1)  # a short form sits at the top, its rows at their natural height
        self.fields_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.fields_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        location_box = QVBoxLayout()
        location_box.setSpacing(2)
        location_box.addLayout(where)
        location_box.addWidget(self.point_hint)
        location_box.addWidget(self.location_problem)
        self.location_label = QLabel(self.tr("Where"), self.fields_host)
        self.fields_layout.addRow(self.location_label, location_box)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("FormFields")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.fields_host)

        # ---------------------------------------------------------------- submit
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("FieldProblem")
        self.summary_label.setProperty("tone", "error")
        self.summary_label.setWordWrap(True)
        self.summary_label.setVisible(False)
        self.clear_button = QPushButton(self.tr("Clear answers"), self)
        self.clear_button.clicked.connect(self.clear)
        self.submit_button = QPushButton(self.tr("Submit (Ctrl+Enter)"), self)
        self.submit_button.setObjectName("PrimaryButton")
        self.submit_button.setToolTip(
            self.tr(
                "Check the answers and save the form here; it is sent to Hydrobit as soon as it can be (Ctrl+Enter)"
            )
        )
        self.submit_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_label, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignBottom)
        buttons.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.description_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.set_places(None, None)

    # ------------------------------------------------------------------------------------------ what is shown
    def set_form(self, form: Form | None) -> None:
        """Build the editors of `form` (answers typed for another form are dropped)."""
        self.form = form
        for editor in self.editors:
            self.fields_layout.removeRow(editor)
        self.editors = []
        self.title_label.setText(form.name or form.form_id if form is not None else "")
        self.description_label.setText(form.description or "" if form is not None else "")
        self.description_label.setVisible(bool(form is not None and form.description))
        if form is not None:
            for spec in form.fields:
                editor = editor_for(spec, self.fields_host)
                label = QLabel(self._label_text(spec.label or spec.name, spec.required), self.fields_host)
                label.setBuddy(editor.focus_target())
                editor.changed.connect(self._summarize_again)
                self.fields_layout.addRow(label, editor)
                self.editors.append(editor)
        self._started_at = now_utc()
        self.summary_label.setVisible(False)
        self.submit_button.setEnabled(form is not None)
        self.clear_button.setEnabled(form is not None)
        self._fix_tab_order()

    def _label_text(self, label: str, required: bool) -> str:
        return self.tr("{label} *").format(label=label) if required else label

    def set_places(self, project: Project | None, sector: Sector | None) -> None:
        """The navigator's choice: its project's sectors to choose from, its sector chosen."""
        self.project = project
        wanted = sector.sector_id if sector is not None else None
        current = self.location_combo.currentData()
        self.location_combo.blockSignals(True)
        self.location_combo.clear()
        sectors = project.sectors if project is not None else []
        if sectors:
            # Nothing chosen for the user: with a project (not a sector) in the navigator, typed coordinates were
            # preselected and asked for, while the sector was one click away.
            self.location_combo.addItem(self.tr("Choose a sector…"), None)
        for place in sectors:
            self.location_combo.addItem(place.sector_name, place.sector_id)
        self.location_combo.addItem(self.tr("Typed coordinates"), COORDINATES)
        keep = wanted or (current if current not in (None, COORDINATES) else None)
        index = self.location_combo.findData(keep) if keep is not None else -1
        self.location_combo.setCurrentIndex(index if index >= 0 else 0)
        self.location_combo.blockSignals(False)
        self._location_changed()

    def prefer_sector(self, sector_id: str | None) -> None:
        """A task names the sector it is about: choose it when the navigator's project holds it."""
        index = self.location_combo.findData(sector_id) if sector_id else -1
        if index >= 0:
            self.location_combo.setCurrentIndex(index)

    def _sector(self) -> Sector | None:
        sector_id = self.location_combo.currentData()
        if self.project is None or sector_id in (None, COORDINATES):
            return None
        return next((place for place in self.project.sectors if place.sector_id == sector_id), None)

    def _location_changed(self, *_: object) -> None:
        by_point = self.location_combo.currentData() == COORDINATES
        hint = self.tr("required") if by_point else self.tr("optional")
        self.latitude_edit.setPlaceholderText(self.tr("latitude ({hint})").format(hint=hint))
        self.longitude_edit.setPlaceholderText(self.tr("longitude ({hint})").format(hint=hint))
        for edit in (self.latitude_edit, self.longitude_edit):  # the hint is read whole, in either language
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 28)
        self._show_point_hint()

    def _show_point_hint(self, *_: object) -> None:
        """Say at once where a typed point falls, as the server will judge it (the sector's boundary); a problem
        shown under the place goes as soon as the place is put right."""
        if not self.location_problem.isHidden():
            self._check_location()
            self._summarize_again()
        sector = self._sector()
        try:
            point = self._coordinates()
        except AnswerRefused:
            point = None
        if point is None:
            if sector is not None:
                text = self.tr("Recorded in {sector}. A point is optional.").format(sector=sector.sector_name)
            elif self.location_combo.currentData() is None:
                text = self.tr("Choose the sector where the form was filled in, or type its latitude and longitude.")
            else:
                text = self.tr("Type the latitude and longitude where the form was filled in.")
        else:
            inside = self._sector_at(point)
            if sector is not None:
                text = self.tr("Recorded in {sector}.").format(sector=sector.sector_name)
                if inside is None or inside.sector_id != sector.sector_id:
                    text += " " + self.tr("This point lies outside its boundary.")
            elif inside is not None:
                text = self.tr("This point lies in {sector}.").format(sector=inside.sector_name)
            else:
                text = self.tr("This point lies outside the sectors of this project; the server will place it.")
        self.point_hint.setText(text)

    def _sector_at(self, point: tuple[float, float]) -> Sector | None:
        latitude, longitude = point
        for place in self.project.sectors if self.project is not None else []:
            if place.boundary and point_in_polygon(longitude, latitude, place.boundary):
                return place
        return None

    def _coordinates(self) -> tuple[float, float] | None:
        # GPS points are copied from phones and maps with a dot; a Spanish decimal comma is understood too.
        latitude = parse_decimal(self.latitude_edit.text())
        longitude = parse_decimal(self.longitude_edit.text())
        return check_coordinates(latitude, longitude)

    # ------------------------------------------------------------------------------------------ keyboard
    def _fix_tab_order(self) -> None:
        """Where, then every answer in reading order, then the buttons."""
        chain: list[QWidget] = [self.location_combo, self.latitude_edit, self.longitude_edit]
        for editor in self.editors:
            chain += [
                widget
                for widget in editor.findChildren(QWidget)
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.parentWidget() is editor
            ]
        chain += [self.clear_button, self.submit_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def first_field(self) -> QWidget:
        return self.editors[0].focus_target() if self.editors else self.location_combo

    # ------------------------------------------------------------------------------------------ submitting
    def clear(self) -> None:
        for editor in self.editors:
            editor.clear()
            editor.show_problem(None)
        self.latitude_edit.clear()
        self.longitude_edit.clear()
        self.location_problem.setVisible(False)
        self.point_hint.setVisible(True)
        self.summary_label.setVisible(False)
        self._started_at = now_utc()

    def submit(self) -> Submission | None:
        """Check every answer; emit `submitted` when all can be sent, else show what to fix and go there."""
        if self.form is None:
            return None
        problems: list[tuple[str, QWidget]] = []
        values: list[FormValue] = []
        if self._check_location() is not None:
            # To the chooser while no place is chosen (a sector is the usual answer), else to the coordinates.
            unchosen = self.location_combo.currentData() is None and not self.latitude_edit.text().strip()
            problems.append((self.tr("Where"), self.location_combo if unchosen else self.latitude_edit))
        for editor in self.editors:
            if editor.check() is not None:
                problems.append((editor.spec.label or editor.spec.name, editor.focus_target()))
                continue
            value = editor.answer()
            if value is not None:
                values.append(value)
        self._summarize([name for name, _ in problems])
        if problems:
            target = problems[0][1]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(target)
            return None
        submission = self._submission(values)
        self.submitted.emit(submission)
        return submission

    def _summarize(self, names: list[str]) -> None:
        """The line beside Submit naming the answers to fix (hidden when there are none)."""
        if len(names) == 1:
            summary = self.tr("One answer needs fixing: {names}.").format(names=names[0])
        else:
            summary = self.tr("{count} answers need fixing: {names}.").format(count=len(names), names=", ".join(names))
        self.summary_label.setText(summary if names else "")
        self.summary_label.setVisible(bool(names))

    def _summarize_again(self) -> None:
        """After Submit named what to fix, the line keeps up as answers are put right (it does not move the cursor)."""
        if self.summary_label.isHidden():
            return
        names = [self.tr("Where")] if not self.location_problem.isHidden() else []
        names += [editor.spec.label or editor.spec.name for editor in self.editors if editor.has_problem()]
        self._summarize(names)

    def _check_location(self) -> str | None:
        """The location's problem, shown under it (None when fine)."""
        message = None
        try:
            point = self._coordinates()
        except AnswerRefused as refused:
            message = problem_text(refused)
        else:
            if point is None and self._sector() is None:
                if self.location_combo.currentData() is None:  # "Choose a sector…": nothing chosen yet
                    message = self.tr(
                        "Choose the sector where the form was filled in, or type its latitude and longitude."
                    )
                else:
                    message = self.tr("Type the latitude and longitude where the form was filled in.")
        self.location_problem.setText(message or "")
        self.location_problem.setVisible(message is not None)
        self.point_hint.setVisible(message is None)  # the problem says it: no grey line repeating it above
        return message

    def _submission(self, values: list[FormValue]) -> Submission:
        assert self.form is not None
        sector = self._sector()
        point = self._coordinates()
        record = FormRecord(
            form_id=self.form.form_id,
            type=self.form.type or "",
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            project_id=self.project.project_id if sector is not None and self.project is not None else None,
            sector_id=sector.sector_id if sector is not None else None,
            form_values=values,
            started_at=self._started_at,
            seconds_spent=max(0.0, round((now_utc() - self._started_at).total_seconds())),
        )
        if sector is not None:
            place = sector.sector_name
        else:
            assert point is not None
            place = f"{point[0]:.5f}, {point[1]:.5f}"
        return Submission(record=record, form_name=self.form.name or self.form.form_id, place=place)
