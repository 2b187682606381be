"""Alarm rules: the thresholds and delays of each watched valve, and the settings of every alarm (battery level,
sound, how often the desktop is told). Kept in the profile's database, so they belong to this company's office.

An empty cell means "the default": the valve's expected flow from the server, the office's leak threshold and its
delay from Settings > Irrigation.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM
from hydrodesk.ui.alarms.service import AlarmService
from hydrodesk.ui.formats import number_text
from hydrodesk.ui.tasks import BackgroundTasks

EDITABLE = {3: "min_lpm", 4: "max_lpm", 5: "leak_lpm", 6: "hold_s"}


def parse_number(text: str) -> float | None:
    """A cell's number in the user's language, or with either decimal mark ("12,5", "12.5"); None for an empty
    cell; ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    value, ok = QLocale().toDouble(text)
    return float(value) if ok else float(text.replace(",", "."))


class AlarmRulesDialog(QDialog):
    def __init__(self, service: AlarmService, tasks: BackgroundTasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmRulesDialog")
        self.setWindowTitle(self.tr("Alarm rules"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._service = service
        self._tasks = tasks
        intro = QLabel(
            self.tr(
                "Leave a cell empty to use the default: the valve's expected flow from Hydrobit, a leak above "
                "{leak} L/min on a closed valve, and the delay from Settings > Irrigation ({hold} s)."
            ).format(leak=number_text(LEAK_THRESHOLD_LPM, 1), hold=number_text(service.limits.alarm_hold_s, 0)),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(service.valves), 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Valve"),
                self.tr("Sector"),
                self.tr("Expected (L/min)"),
                self.tr("Lowest flow"),
                self.tr("Highest flow"),
                self.tr("Leak above"),
                self.tr("Delay (s)"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, valve in enumerate(service.valves):
            rule = service.rules.get(valve.valve_id, ValveRule(valve.valve_id))
            envelope = valve.expected
            expected = f"{number_text(envelope.min_lpm, 1)}–{number_text(envelope.max_lpm, 1)}" if envelope else "—"
            for column, text in enumerate((valve.name, valve.sector_name, expected)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            for column, name in EDITABLE.items():
                value = getattr(rule, name)
                self.table.setItem(row, column, QTableWidgetItem("" if value is None else number_text(value)))

        settings = service.settings
        self.battery = QSpinBox(self)
        self.battery.setObjectName("BatteryLow")
        self.battery.setRange(0, 100)
        self.battery.setSuffix(" %")
        self.battery.setValue(round(settings.battery_low_pct))
        self.gap = QSpinBox(self)
        self.gap.setRange(0, 3600)
        self.gap.setSuffix(self.tr(" s"))
        self.gap.setValue(round(settings.notify_gap_s))
        self.sound = QCheckBox(self.tr("Beep when an alarm is raised"), self)
        self.sound.setChecked(settings.sound)
        for box in (self.battery, self.gap):
            box.setMaximumWidth(180)
        form = QFormLayout()
        form.addRow(self.tr("Battery low below:"), self.battery)
        form.addRow(self.tr("At most one desktop notification every:"), self.gap)
        form.addRow("", self.sound)
        self.problem = QLabel(self)
        self.problem.setObjectName("FieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def rules(self) -> list[ValveRule]:
        """What the table says, one rule per valve; ValueError names the first cell that is not a number."""
        found = []
        for row, valve in enumerate(self._service.valves):
            values: dict[str, float | None] = {}
            for column, name in EDITABLE.items():
                item = self.table.item(row, column)
                try:
                    values[name] = parse_number(item.text() if item is not None else "")
                except ValueError:
                    raise ValueError(
                        self.tr("{valve}: “{text}” is not a number.").format(valve=valve.name, text=item.text())
                    ) from None
            try:
                found.append(ValveRule(valve.valve_id, **values))
            except ValueError:
                raise ValueError(
                    self.tr("{valve}: numbers must be zero or more, and the lowest flow below the highest.").format(
                        valve=valve.name
                    )
                ) from None
        return found

    def save(self) -> None:
        try:
            rules = self.rules()
        except ValueError as problem:
            self.problem.setText(str(problem))
            self.problem.setVisible(True)
            return
        settings = AlarmSettings(
            battery_low_pct=float(self.battery.value()),
            sound=self.sound.isChecked(),
            notify_gap_s=float(self.gap.value()),
        )
        self.save_button.setEnabled(False)
        self._tasks.spawn(self._save(rules, settings), name="alarm-rules")

    async def _save(self, rules: list[ValveRule], settings: AlarmSettings) -> None:
        try:
            await self._service.save_rules(rules, settings)
        except Exception as error:  # a full disk: say so, keep the dialog and what was typed
            self.problem.setText(self.tr("The rules could not be saved: {reason}").format(reason=error))
            self.problem.setVisible(True)
            self.save_button.setEnabled(True)
            return
        self.accept()
