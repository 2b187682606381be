"""Settings > Irrigation: the interlocks and alarm thresholds the irrigation pane checks before a valve opens.

They are the selected project's (each project has its own pumps and lines), kept on this computer and loaded
again whenever the project is selected; with no project selected they are the office-wide defaults."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.ui.settings import SettingsContext


class IrrigationPage(QWidget):
    def __init__(self, context: SettingsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IrrigationSettings")
        self._context = context
        project = context.project()
        self._project_id = project[0] if project is not None else None
        limits = context.ui_state.irrigation_limits(self._project_id)

        intro = QLabel(
            self.tr(
                "HydroDesk checks these before it sends an open command, and raises an alarm when a line's pressure "
                "stays outside them. Set them to what the farm's pumps and lines are built for."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("SectionLabel")
        self.scope_label.setWordWrap(True)
        if project is not None:
            self.scope_label.setText(self.tr("Limits of the project {project}").format(project=project[1]))
        else:
            self.scope_label.setText(self.tr("Limits for projects that have none of their own"))
        self.max_open = QSpinBox(self)
        self.max_open.setObjectName("MaxOpenValves")
        self.max_open.setRange(1, 100)
        self.max_open.setValue(limits.max_open_valves)
        self.min_pressure = self._pressure(limits.min_line_pressure_bar)
        self.min_pressure.setObjectName("MinLinePressure")
        self.max_pressure = self._pressure(limits.max_line_pressure_bar)
        self.max_pressure.setObjectName("MaxLinePressure")
        self.hold = QSpinBox(self)
        self.hold.setObjectName("AlarmHold")
        self.hold.setRange(0, 3600)
        self.hold.setSuffix(self.tr(" s"))
        self.hold.setValue(round(limits.alarm_hold_s))
        self.confirm_within = QSpinBox(self)
        self.confirm_within.setObjectName("ConfirmWithin")
        self.confirm_within.setRange(5, 3600)
        self.confirm_within.setSuffix(self.tr(" s"))
        self.confirm_within.setValue(round(limits.confirm_within_s))
        self.problem = QLabel(self)
        self.problem.setObjectName("FieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        # Each sentence above its field: long labels stay whole in Spanish too, at any dialog width.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Valves open at once, per project (at most):"), self.max_open)
        form.addRow(self.tr("Lowest line pressure (no opening below it; low-pressure alarm):"), self.min_pressure)
        form.addRow(self.tr("Highest line pressure (high-pressure alarm):"), self.max_pressure)
        form.addRow(self.tr("An alarm is raised when a condition lasts:"), self.hold)
        form.addRow(
            self.tr("An opened valve whose flow this office does not see within this time raises an alarm:"),
            self.confirm_within,
        )
        for box in (self.max_open, self.min_pressure, self.max_pressure, self.hold, self.confirm_within):
            box.setMaximumWidth(180)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scope_label)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def _pressure(self, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0.0, 20.0)
        box.setDecimals(1)
        box.setSingleStep(0.1)
        box.setSuffix(self.tr(" bar"))
        box.setValue(value)
        return box

    def page_title(self) -> str:
        return self.tr("Irrigation")

    def apply(self) -> bool:
        if self.min_pressure.value() >= self.max_pressure.value():
            self.problem.setText(self.tr("The lowest line pressure must be below the highest."))
            self.problem.setVisible(True)
            self.min_pressure.setFocus()
            return False
        limits: IrrigationLimits = replace(
            self._context.ui_state.irrigation_limits(self._project_id),
            max_open_valves=self.max_open.value(),
            min_line_pressure_bar=self.min_pressure.value(),
            max_line_pressure_bar=self.max_pressure.value(),
            alarm_hold_s=float(self.hold.value()),
            confirm_within_s=float(self.confirm_within.value()),
        )
        self.problem.setVisible(False)
        self._context.ui_state.save_irrigation_limits(limits, self._project_id)
        self._context.ui_state.sync()
        self._context.limits_changed(limits)
        return True
