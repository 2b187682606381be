"""Settings > Irrigation: the interlocks and alarm thresholds the irrigation pane checks before a valve opens."""

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
        limits = context.ui_state.irrigation_limits()

        intro = QLabel(
            self.tr(
                "HydroDesk checks these before it sends an open command, and raises an alarm when a line's pressure "
                "stays outside them. Set them to what the farm's pumps and lines are built for."
            ),
            self,
        )
        intro.setWordWrap(True)
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
        for box in (self.max_open, self.min_pressure, self.max_pressure, self.hold):
            box.setMaximumWidth(180)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
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
            self._context.ui_state.irrigation_limits(),
            max_open_valves=self.max_open.value(),
            min_line_pressure_bar=self.min_pressure.value(),
            max_line_pressure_bar=self.max_pressure.value(),
            alarm_hold_s=float(self.hold.value()),
        )
        self.problem.setVisible(False)
        self._context.ui_state.save_irrigation_limits(limits)
        self._context.ui_state.sync()
        self._context.limits_changed(limits)
        return True
