"""Alarm rules: the thresholds and delays of each watched sector and valve, and the settings of every alarm
(battery level, sound, how often the desktop is told). Kept in the profile's database, so they belong to this
company's office.

An empty cell means "inherited": a valve's empty cell takes its sector's value, a sector's empty cell the default
(the valve's expected flow from the server, the office's leak threshold and its delay from Settings > Irrigation).
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.alarm_watch import WatchedValve
from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM, FlowEnvelope
from hydrodesk.ui.alarms.service import AlarmService
from hydrodesk.ui.formats import number_text
from hydrodesk.ui.tasks import BackgroundTasks

FIXED = 4  # project, the valve or sector, its sector or valve count, the expected flow: read-only
EDITABLE = {4: "min_lpm", 5: "max_lpm", 6: "leak_lpm", 7: "hold_s"}
FIRST_EDITABLE = min(EDITABLE)
VALVES_TAB, SECTORS_TAB = range(2)


class CellProblem(ValueError):
    """A table cell the rules cannot be read from: what is wrong, and where (row and column)."""

    def __init__(self, message: str, row: int, column: int) -> None:
        super().__init__(message)
        self.row, self.column = row, column


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
                "Set thresholds for a whole sector, and for a valve that differs from its sector. Leave a valve's "
                "cell empty to use its sector's value; leave a sector's cell empty to use the default: each valve's "
                "expected flow from Hydrobit, a leak above {leak} L/min on a closed valve, and the delay from "
                "Settings > Irrigation ({hold} s)."
            ).format(leak=number_text(LEAK_THRESHOLD_LPM, 1), hold=number_text(service.limits.alarm_hold_s, 0)),
            self,
        )
        intro.setWordWrap(True)
        # One row per sector the watched valves water, in the order they first appear.
        self._sectors: list[tuple[str, str, list[WatchedValve]]] = []
        for valve in service.valves:
            if not valve.sector_id:
                continue
            found = next((entry for entry in self._sectors if entry[0] == valve.sector_id), None)
            if found is None:
                self._sectors.append((valve.sector_id, valve.sector_name or valve.sector_id, [valve]))
            else:
                found[2].append(valve)
        # The office watches every project's valves, and two projects may name their sectors alike.
        projects = service.project_names
        self.table = self._rules_table([self.tr("Valve"), self.tr("Sector")], len(service.valves))
        for row, valve in enumerate(service.valves):
            rule = service.rules.get(valve.valve_id, ValveRule(valve.valve_id))
            project = projects.get(valve.project_id, valve.project_id)
            self._fill(self.table, row, (project, valve.name, valve.sector_name, _envelope_text(valve.expected)), rule)
        self.sector_table = self._rules_table([self.tr("Sector"), self.tr("Valves")], len(self._sectors))
        self.sector_table.setObjectName("SectorRules")
        for row, (sector_id, sector_name, valves) in enumerate(self._sectors):
            rule = service.sector_rules.get(sector_id, ValveRule(sector_id))
            lows = [v.expected.min_lpm for v in valves if v.expected is not None]
            highs = [v.expected.max_lpm for v in valves if v.expected is not None]
            expected = _envelope_text(FlowEnvelope(min(lows), max(highs))) if lows else "—"
            project = projects.get(valves[0].project_id, valves[0].project_id)
            self._fill(self.sector_table, row, (project, sector_name, number_text(len(valves), 0), expected), rule)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, self.tr("By valve"))
        self.tabs.addTab(self.sector_table, self.tr("By sector"))

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
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(1060, 540)  # every column without scrolling at 1366 × 768, the Project column included

    def _rules_table(self, first_headers: list[str], rows: int) -> QTableWidget:
        table = QTableWidget(rows, FIXED + len(EDITABLE), self)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Project"),
                *first_headers,
                self.tr("Expected (L/min)"),
                self.tr("Lowest flow"),
                self.tr("Highest flow"),
                self.tr("Leak above"),
                self.tr("Delay (s)"),
            ]
        )
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    @staticmethod
    def _fill(table: QTableWidget, row: int, fixed: tuple[str, str, str, str], rule: ValveRule) -> None:
        for column, text in enumerate(fixed):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)
        for column, name in EDITABLE.items():
            value = getattr(rule, name)
            table.setItem(row, column, QTableWidgetItem("" if value is None else number_text(value)))

    def rules(self) -> list[ValveRule]:
        """What the valves' table says, one rule per valve; ValueError names the first cell that is not a number."""
        return self._read(self.table, [(valve.valve_id, valve.name) for valve in self._service.valves])

    def sector_rules(self) -> list[ValveRule]:
        """What the sectors' table says, one rule per sector (keyed by its id)."""
        return self._read(self.sector_table, [(sector_id, name) for sector_id, name, _valves in self._sectors])

    def _read(self, table: QTableWidget, subjects: list[tuple[str, str]]) -> list[ValveRule]:
        found = []
        for row, (subject_id, name) in enumerate(subjects):
            values: dict[str, float | None] = {}
            for column, field in EDITABLE.items():
                item = table.item(row, column)
                try:
                    values[field] = parse_number(item.text() if item is not None else "")
                except ValueError:
                    message = self.tr("{valve}: “{text}” is not a number.").format(valve=name, text=item.text())
                    raise CellProblem(message, row, column) from None
            try:
                found.append(ValveRule(subject_id, **values))
            except ValueError:
                message = self.tr(
                    "{valve}: numbers must be zero or more, and the lowest flow below the highest."
                ).format(valve=name)
                raise CellProblem(message, row, FIRST_EDITABLE) from None
        return found

    def save(self) -> None:
        read: dict[int, list[ValveRule]] = {}
        for tab, rules_of in ((SECTORS_TAB, self.sector_rules), (VALVES_TAB, self.rules)):
            try:
                read[tab] = rules_of()
            except CellProblem as problem:
                self._point_at(tab, problem)
                return
        rules, sector_rules = read[VALVES_TAB], read[SECTORS_TAB]
        settings = AlarmSettings(
            battery_low_pct=float(self.battery.value()),
            sound=self.sound.isChecked(),
            notify_gap_s=float(self.gap.value()),
        )
        self.save_button.setEnabled(False)
        self._tasks.spawn(self._save(rules, settings, sector_rules), name="alarm-rules")

    def _point_at(self, tab: int, problem: CellProblem) -> None:
        """Say what is wrong, where: that tab, and the keyboard on the cell to mend (typing replaces what it
        holds, as in a spreadsheet)."""
        self.tabs.setCurrentIndex(tab)
        table = self.tabs.widget(tab)
        assert isinstance(table, QTableWidget)
        table.setCurrentCell(problem.row, problem.column)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.problem.setText(str(problem))
        self.problem.setVisible(True)

    async def _save(self, rules: list[ValveRule], settings: AlarmSettings, sector_rules: list[ValveRule]) -> None:
        try:
            await self._service.save_rules(rules, settings, sector_rules)
        except Exception as error:  # a full disk: say so, keep the dialog and what was typed
            self.problem.setText(self.tr("The rules could not be saved: {reason}").format(reason=error))
            self.problem.setVisible(True)
            self.save_button.setEnabled(True)
            return
        self.accept()


def _envelope_text(envelope: FlowEnvelope | None) -> str:
    return f"{number_text(envelope.min_lpm, 1)}–{number_text(envelope.max_lpm, 1)}" if envelope else "—"
