"""The Irrigation pane's looks: its widgets and layout, the heading, banners, buttons and theme (a part of
hydrodesk.ui.panes.irrigation.IrrigationPane, which mixes it in; the state and actions parts fill the data)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.people import person_text
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui import formats
from hydrodesk.ui.alarms.journal_view import AlarmJournalView
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.irrigation.alarms import AlarmEntry
from hydrodesk.ui.irrigation.models import (
    CommandsModel,
    LogRow,
    LogsModel,
    ProgramsModel,
    ValveRow,
    ValvesModel,
    alarm_title,
    logs_summary,
)
from hydrodesk.ui.irrigation.pane_state import LOG_DAYS
from hydrodesk.ui.panes.base import PANE_MARGINS, PaneContext
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.state_page import StatePage
from hydrodesk.ui.widgets.tab_order import move_before

if TYPE_CHECKING:
    from hydrodesk.api.models_iot import IrrigationLog, Program

log = logging.getLogger(__name__)

VALVES_TAB, PROGRAMS_TAB, LOGS_TAB, ALARMS_TAB = range(4)


class IrrigationView:
    """Builds and updates what the user sees; the pane's state (valves, programs, live readings) comes from the
    other parts of IrrigationPane."""

    def _build_view(self, context: PaneContext) -> None:
        # ---------------------------------------------------------------- heading and alarm banner
        self.title_label = QLabel(self.tr("Irrigation"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.live_chip = QLabel(self)
        self.live_chip.setObjectName("Chip")
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading.addLayout(titles, 1)
        heading.addWidget(self.live_chip, 0, Qt.AlignmentFlag.AlignTop)

        self.age_banner = QLabel(self)
        self.age_banner.setObjectName("PaneBanner")
        self.age_banner.setProperty("tone", "warn")
        self.age_banner.setWordWrap(True)
        self.age_banner.setVisible(False)

        self.alarm_banner = QFrame(self)
        self.alarm_banner.setObjectName("AlarmBanner")
        self.alarm_text = QLabel(self.alarm_banner)
        self.alarm_text.setWordWrap(True)
        self.alarm_icon = QLabel(self.alarm_banner)
        self.show_alarms_button = QPushButton(self.tr("Show alarms"), self.alarm_banner)
        self.show_alarms_button.clicked.connect(lambda: self.tabs.setCurrentIndex(ALARMS_TAB))
        banner_layout = QHBoxLayout(self.alarm_banner)
        banner_layout.setContentsMargins(12, 6, 8, 6)
        banner_layout.addWidget(self.alarm_icon)
        banner_layout.addWidget(self.alarm_text, 1)
        banner_layout.addWidget(self.show_alarms_button)
        self.alarm_banner.setVisible(False)

        # ---------------------------------------------------------------- valves tab
        self.valves_model = ValvesModel(self)
        self.valves_table = DataTable(export_name=self.tr("valves", "file name"), parent=self)
        self.valves_table.set_source_model(self.valves_model)
        # The last command's whole story ("Open · Confirmed · 06:12 …") gives way before the valve names are cut.
        self.valves_table.set_elastic_columns([self.valves_model.columnCount() - 1])
        self.valves_table.current_row_changed.connect(self._update_buttons)
        self.valves_table.view.doubleClicked.connect(lambda _index: self.request_open())
        self.open_button = QPushButton(self.tr("&Open…"), self)
        self.open_button.setObjectName("PrimaryButton")
        self.open_button.setToolTip(self.tr("Open the selected valve for a number of minutes (Alt+O)"))
        self.open_button.clicked.connect(self.request_open)
        self.close_button = QPushButton(self.tr("C&lose…"), self)
        self.close_button.setToolTip(self.tr("Close the selected valve (Alt+L)"))
        self.close_button.clicked.connect(self.request_close)
        self.selection_hint = QLabel(self)
        self.selection_hint.setObjectName("Muted")
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.close_button)
        actions.addWidget(self.selection_hint, 1)
        self.commands_model = CommandsModel(self)
        self.commands_table = DataTable(export_name=self.tr("valve-commands", "file name"), parent=self)
        self.commands_table.set_source_model(self.commands_model)
        self.commands_table.set_empty_text(
            self.tr("No valve commands from this computer in this session. Select a valve above and press Open…")
        )
        self.commands_table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.commands_table.set_elastic_columns([self.commands_model.columnCount() - 1])  # the note: free text
        commands_label = QLabel(self.tr("COMMANDS THIS SESSION"), self)
        commands_label.setObjectName("SectionLabel")
        valves_top = QWidget(self)
        top_layout = QVBoxLayout(valves_top)
        top_layout.setContentsMargins(0, 8, 0, 0)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.valves_table, 1)
        valves_bottom = QWidget(self)
        bottom_layout = QVBoxLayout(valves_bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(commands_label)
        bottom_layout.addWidget(self.commands_table, 1)
        valves_tab = QSplitter(Qt.Orientation.Vertical, self)
        valves_tab.setObjectName("ValvesAndCommands")
        valves_tab.addWidget(valves_top)
        valves_tab.addWidget(valves_bottom)
        valves_tab.setSizes([380, 200])
        valves_tab.setChildrenCollapsible(False)

        # ---------------------------------------------------------------- programs tab
        self.programs_model = ProgramsModel(self._valve_name, self)
        self.programs_table = DataTable(export_name=self.tr("programs", "file name"), parent=self)
        self.programs_table.set_source_model(self.programs_model)
        # Every valve of a program with its minutes: the column that gives way at 1366 px (the tool tip has it all).
        self.programs_table.set_elastic_columns([self.programs_model.valves_column])
        self.programs_table.current_row_changed.connect(self._update_buttons)
        self.start_program_button = QPushButton(self.tr("&Start program…"), self)
        self.start_program_button.clicked.connect(lambda: self._request_program("start"))
        self.stop_program_button = QPushButton(self.tr("S&top program…"), self)
        self.stop_program_button.clicked.connect(lambda: self._request_program("stop"))
        programs_tab = QWidget(self)
        programs_layout = QVBoxLayout(programs_tab)
        programs_layout.setContentsMargins(0, 8, 0, 0)
        program_actions = QHBoxLayout()
        program_actions.addWidget(self.start_program_button)
        program_actions.addWidget(self.stop_program_button)
        program_actions.addStretch(1)
        programs_layout.addLayout(program_actions)
        programs_layout.addWidget(self.programs_table, 1)

        # ---------------------------------------------------------------- logs tab
        self.logs_model = LogsModel(self)
        self.logs_table = DataTable(export_name=self.tr("irrigation-logs", "file name"), parent=self)
        self.logs_table.set_source_model(self.logs_model)
        self.logs_table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first, as a log reads
        self.logs_summary = QLabel(self)
        self.logs_summary.setObjectName("Muted")
        self.logs_summary.setWordWrap(True)
        logs_tab = QWidget(self)
        logs_layout = QVBoxLayout(logs_tab)
        logs_layout.setContentsMargins(0, 8, 0, 0)
        logs_layout.addWidget(self.logs_summary)
        logs_layout.addWidget(self.logs_table, 1)

        # ---------------------------------------------------------------- alarms tab
        alarms_tab = AlarmJournalView(self)
        alarms_tab.rules_requested.connect(self._open_alarm_rules)
        self.alarms_view = alarms_tab
        self.alarms_model, self.alarms_table = alarms_tab.model, alarms_tab.table
        self.acknowledge_button, self.clear_alarm_button = alarms_tab.acknowledge_button, alarms_tab.clear_button
        self.alarms.changed.connect(self._show_alarms)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(valves_tab, self.tr("Valves"))
        self.tabs.addTab(programs_tab, self.tr("Programs"))
        self.tabs.addTab(logs_tab, self.tr("Logs"))
        self.tabs.addTab(alarms_tab, self.tr("Alarms"))
        self.state_page = StatePage(self)
        self.state_page.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.age_banner)
        layout.addWidget(self.alarm_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.state_page, 1)
        # Tab in reading order: the tabs, then each tab's buttons above its table (both were made after it).
        move_before([self.open_button, self.close_button], self.valves_table.filter_edit, self)
        move_before([self.tabs], self.open_button, self)
        move_before([self.start_program_button, self.stop_program_button], self.programs_table.filter_edit, self)

    def apply_theme(self, theme: Theme) -> None:
        tokens = theme.tokens
        self._theme_tokens = dict(tokens)
        colors = {name: QColor(tokens[name]) for name in ("online", "offline", "busy", "error", "muted", "accent")}
        for model in (self.valves_model, self.commands_model):
            model.colors = colors
        self.alarms_view.apply_theme(theme)
        icon = tokens["icon"]
        for table in (self.valves_table, self.commands_table, self.programs_table, self.logs_table):
            table.set_icons(themed_icon("search", icon), themed_icon("export", icon))
        self.alarm_icon.setPixmap(svg_pixmap("alarm", QSize(20, 20), tokens["error"]))
        self.alarm_banner.setStyleSheet(
            f"QFrame#AlarmBanner {{ border: 1px solid {tokens['error']}; border-radius: 6px;"
            f" background: {tokens['card']}; }} QFrame#AlarmBanner QLabel {{ color: {tokens['error']};"
            " font-weight: 600; }"
        )
        self.tabs.setTabIcon(ALARMS_TAB, themed_icon("alarm", icon))
        self.tabs.setTabIcon(VALVES_TAB, themed_icon("irrigation", icon))

    def help_text(self) -> str:
        return self.tr(
            "Each valve shows what was commanded and what the field reports, side by side. Open or close the "
            "selected valve behind a confirmation; an open command always has a duration, and the command is "
            "followed until the field's telemetry confirms it. Programs, logs and alarms are on the other tabs "
            "(Ctrl+Tab)."
        )

    def focus_filter(self) -> bool:
        self._current_table().focus_filter()
        return True

    def export_table(self) -> bool:
        self._current_table().choose_export_file()
        return True

    def _current_table(self) -> DataTable:
        return (self.valves_table, self.programs_table, self.logs_table, self.alarms_table)[self.tabs.currentIndex()]

    def _show_age(self) -> None:
        """Offline, or the last fetch failed: say that what is shown is this computer's copy, and from when."""
        snapshot = self._snapshot
        away = (ConnectionState.OFFLINE, ConnectionState.AUTH_REQUIRED)
        offline = self._sync is not None and self._sync.state in away
        if snapshot is None or snapshot.empty or (self._problem is None and not offline):
            self.age_banner.setVisible(False)
            return
        saved = snapshot.valves_at or snapshot.fetched_at
        zone = self._project.timezone if self._project is not None else None
        if saved:
            text = self.tr(
                "Offline: showing the valves, programs and logs saved on this computer at {when}. Commands you "
                "confirm are kept and sent when the connection is back."
            ).format(when=formats.zoned_text(saved, zone))
        else:
            text = self.tr(
                "Offline: showing the valves, programs and logs saved on this computer (when is not known). Commands "
                "you confirm are kept and sent when the connection is back."
            )
        if self._problem:
            text += " " + self._problem
        self.age_banner.setText(text)
        self.age_banner.setVisible(True)

    def _show_problem(self, message: str) -> None:
        if self._valves:
            self.status_message.emit(message)
            return
        color = self._theme_tokens.get("error", "#b03a2e")
        self.state_page.show_state(
            title=self.tr("The valves could not be loaded"),
            message=self.tr("{message} Nothing is saved on this computer yet; press F5 to try again.").format(
                message=message
            ),
            icon=svg_pixmap("error", QSize(48, 48), color),
            tone="error",
        )
        self.tabs.setVisible(False)
        self.state_page.setVisible(True)

    def _show_logs(self, logs: list[IrrigationLog]) -> None:
        people = self._snapshot.people if self._snapshot is not None else {}
        programs = {program.program_id: program.name for program in self._programs}
        rows = [
            LogRow(
                entry,
                self._valve_name(entry.valve_id),
                self._sector_name(entry.sector_id),
                person_text(entry.auth0_id, people),
                programs.get(entry.program_id or "", ""),
            )
            for entry in logs
        ]
        rows.sort(key=lambda row: row.log.started_at, reverse=True)
        self.logs_model.set_rows(rows)
        self.logs_summary.setText(logs_summary(rows, LOG_DAYS))

    def _on_live_connection(self, *_: object) -> None:
        live = self._live
        if live is None:
            self._set_chip(self.tr("Live data off"), "error")
        elif live.connected:
            self._set_chip(self.tr("Live"), "ok")
        else:
            self._set_chip(self.tr("Live data reconnecting…"), "warn")

    def _set_chip(self, text: str, tone: str) -> None:
        self.live_chip.setText("● " + text)
        set_style_property(self.live_chip, "tone", tone)

    def _show_alarms(self) -> None:
        attention = self.alarms.needing_attention()
        count = len(self.alarms.open_alarms())
        self.tabs.setTabText(
            ALARMS_TAB, self.tr("Alarms ({count})").format(count=count) if count else self.tr("Alarms")
        )
        if attention:
            newest = attention[-1]
            what = f"{alarm_title(self, newest.kind)} — {newest.subject}"
            if len(attention) == 1:
                self.alarm_text.setText(self.tr("1 alarm needs attention: {what}").format(what=what))
            else:
                self.alarm_text.setText(
                    self.tr("{count} alarms need attention; newest: {what}").format(count=len(attention), what=what)
                )
        self.alarm_banner.setVisible(bool(attention))

    def selected_alarm(self) -> AlarmEntry | None:
        return self.alarms_view.selected()

    def select_alarm(self, alarm_id: int) -> None:
        self.alarms_view.select(alarm_id)

    def selected_valve(self) -> ValveRow | None:
        index = self.valves_table.proxy.mapToSource(self.valves_table.view.currentIndex())
        return self.valves_model.row_at(index.row()) if index.isValid() else None

    def select_valve(self, valve_id: str) -> None:
        self.valves_table.select_source_row(self.valves_model.row_of(valve_id))
        self._update_buttons()

    def selected_program(self) -> Program | None:
        index = self.programs_table.proxy.mapToSource(self.programs_table.view.currentIndex())
        return self.programs_model.row_at(index.row()) if index.isValid() else None

    def _update_heading(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        if project is None:
            self.title_label.setText(self.tr("Irrigation"))
            self.subtitle_label.setText(self.tr("Choose a project or sector in the navigator."))
            return
        where = f"{project.name} · {sector.sector_name}" if sector is not None else project.name
        self.title_label.setText(self.tr("Irrigation — {where}").format(where=where))
        shown = self.shown_valves()
        open_count = sum(1 for valve in shown if self.valve_row(valve).observed == "open")
        running = [p.name for p in self._programs if p.running]
        # Counts of one in the singular, each on its own (Spanish agrees "abierta" with its count too).
        valves = self.tr("1 valve") if len(shown) == 1 else self.tr("{valves} valves").format(valves=len(shown))
        opened = self.tr("1 open") if open_count == 1 else self.tr("{open} open").format(open=open_count)
        text = self.tr("{valves} · {open} · at most {limit} open at once per project").format(
            valves=valves, open=opened, limit=self.limits.max_open_valves
        )
        if running:
            text += " · " + self.tr("running: {programs}").format(programs=", ".join(running))
        text += " · " + self.tr("times in {zone}").format(zone=formats.zone_label(project.timezone))
        self.subtitle_label.setText(text)

    def _valve_state_text(self, row: ValveRow) -> str:
        """What the field reports and what was commanded, one whole sentence per state (so each language can
        agree its words with the valve)."""
        observed = {
            "open": self.tr("{valve} in {sector} is open in the field."),
            "closed": self.tr("{valve} in {sector} is closed in the field."),
            "fault": self.tr("{valve} in {sector} reports a fault."),
        }.get(row.observed, self.tr("{valve} in {sector}: the field has not reported its state."))
        text = observed.format(valve=row.valve.name, sector=row.sector_name)
        if row.commanded == "open" and row.commanded_until is not None:
            commanded = self.tr("Commanded open until {time}.").format(
                time=formats.time_text(row.commanded_until, self.valves_model.zone)
            )
        elif row.commanded == "open":
            commanded = self.tr("Commanded open.")
        elif row.commanded == "closed":
            commanded = self.tr("Commanded closed.")
        else:
            commanded = self.tr("No command yet.")
        return f"{text} {commanded}"

    def _update_buttons(self, *_: object) -> None:
        row = self.selected_valve()
        self.open_button.setEnabled(row is not None)
        self.close_button.setEnabled(row is not None)
        if row is None:
            self.selection_hint.setText(self.tr("Select a valve to open or close it."))
        else:
            self.selection_hint.setText(self._valve_state_text(row))
        program = self.selected_program()
        waiting = program is not None and program.program_id in self.programs_model.waiting
        self.start_program_button.setEnabled(
            program is not None and program.enabled and not program.running and not waiting
        )
        self.stop_program_button.setEnabled(program is not None)

    def current_valve_index(self) -> QModelIndex:
        return self.valves_table.view.currentIndex()
