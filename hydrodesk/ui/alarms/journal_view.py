"""The alarm journal as a table with Acknowledge and Clear: the Irrigation pane's Alarms tab and the Alarms dialog
(Ctrl+Shift+A) both show one. Newest first; filter, sort and CSV/XLSX export come with DataTable."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.irrigation.alarms import AlarmCenter, AlarmEntry
from hydrodesk.ui.irrigation.models import AlarmsModel
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.tab_order import move_before


class AlarmJournalView(QWidget):
    rules_requested = Signal()  # "Alarm rules…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.center: AlarmCenter | None = None
        self.model = AlarmsModel(self)
        self.table = DataTable(export_name=self.tr("alarms", "file name"), parent=self)
        self.table.set_source_model(self.model)
        self.table.current_row_changed.connect(self.update_buttons)
        self.acknowledge_button = QPushButton(self.tr("&Acknowledge"), self)
        self.acknowledge_button.setToolTip(self.tr("Say that someone is dealing with the selected alarm"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.clear_button = QPushButton(self.tr("&Clear"), self)
        self.clear_button.setToolTip(self.tr("Close the selected alarm (it comes back if the problem persists)"))
        self.clear_button.clicked.connect(self.clear_selected)
        self.rules_button = QPushButton(self.tr("Alarm &rules…"), self)
        self.rules_button.setToolTip(self.tr("Thresholds and delays per valve, battery level, sound"))
        self.rules_button.clicked.connect(self.rules_requested)
        actions = QHBoxLayout()
        actions.addWidget(self.acknowledge_button)
        actions.addWidget(self.clear_button)
        actions.addStretch(1)
        actions.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        # Tab in reading order: the buttons above the table (they were made after it).
        move_before([self.acknowledge_button, self.clear_button, self.rules_button], self.table.filter_edit, self)
        self.update_buttons()

    def set_center(self, center: AlarmCenter | None) -> None:
        if center is self.center:
            return
        if self.center is not None:
            self.center.changed.disconnect(self.show_journal)
        self.center = center
        if center is not None:
            center.changed.connect(self.show_journal)
        self.show_journal()

    def apply_theme(self, theme: Theme) -> None:
        tokens = theme.tokens
        self.model.colors = {name: QColor(tokens[name]) for name in ("error", "busy", "muted")}
        self.table.set_icons(themed_icon("search", tokens["icon"]), themed_icon("export", tokens["icon"]))

    def show_journal(self) -> None:
        self.model.update_rows(list(reversed(self.center.journal)) if self.center is not None else [])
        if self.center is not None:  # watching: an empty journal means no alarm so far
            self.table.set_empty_text(
                self.tr("No alarms. One is raised here when a valve or a reading needs attention.")
            )
        self.update_buttons()

    def selected(self) -> AlarmEntry | None:
        index = self.table.proxy.mapToSource(self.table.view.currentIndex())
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, alarm_id: int) -> None:
        self.table.select_source_row(self.model.row_of(str(alarm_id)))
        self.update_buttons()

    def acknowledge_selected(self) -> None:
        entry = self.selected()
        if entry is not None and self.center is not None and self.center.acknowledge(entry.alarm_id, self._by()):
            self.select(entry.alarm_id)

    def clear_selected(self) -> None:
        entry = self.selected()
        if entry is not None and self.center is not None and self.center.clear(entry.alarm_id, self._by()):
            self.select(entry.alarm_id)

    def _by(self) -> str:
        return (self.center.user_name if self.center is not None else "") or self.tr("this console")

    def update_buttons(self, *_: object) -> None:
        alarm = self.selected()
        self.acknowledge_button.setEnabled(alarm is not None and alarm.needs_attention)
        self.clear_button.setEnabled(alarm is not None and alarm.open)
        self.rules_button.setVisible(self.center is not None and hasattr(self.center, "save_rules"))
