"""The Tallies pane's tools: import a paper sheet, export payroll, print the day report, check against the server.

    tools = install_tally_tools(pane)

`pane` offers `tools_layout` (a QHBoxLayout the buttons go into), `selected_session() -> dict | None` (a session
row of the store), `tally() -> list[WorkerTally]`, `ledger() -> list[LedgerLine]`, `office() -> Office | None`
and the signal `tally_changed`. If it also has a `context` (PaneContext), background work runs on its task set
and server calls go through its connection monitor; `status_message` (Pane's signal) gets the short outcomes.

Shortcuts (active while the focus is in the pane): Ctrl+I import, Ctrl+Shift+X session payroll, Ctrl+Shift+D
day payroll, Ctrl+P print the day report, Ctrl+Shift+P save it as PDF, Ctrl+Shift+H compare with Hydrobit.
(Ctrl+E stays the window's "export the table shown".)

The payroll and day-report files are written by hydrodesk.ui.tallies.tool_files (TallyFileTools, a part of
TallyTools); this module builds the buttons, keeps them in step with the session, imports sheets and compares.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QToolButton, QWidget

from hydrodesk.domain.tallies import LedgerLine, WorkerTally
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui.formats import counted
from hydrodesk.ui.tallies.harvest_compare import HarvestCompareDialog
from hydrodesk.ui.tallies.import_dialog import ImportSheetDialog
from hydrodesk.ui.tallies.report_pdf import default_paper
from hydrodesk.ui.tallies.tool_files import TallyFileTools
from hydrodesk.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog

    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)


class TallyHost(Protocol):
    """What the tools need from the pane that hosts them."""

    tools_layout: QHBoxLayout
    tally_changed: SignalInstance

    def selected_session(self) -> dict[str, Any] | None: ...
    def tally(self) -> list[WorkerTally]: ...
    def ledger(self) -> list[LedgerLine]: ...
    def office(self) -> Office | None: ...
    def person(self, auth0_id: str | None) -> str: ...


def install_tally_tools(pane: QWidget) -> TallyTools:
    """Add the tool buttons and shortcuts to `pane` (see the module docstring); returns the tools."""
    return TallyTools(pane)


class TallyTools(TallyFileTools, QObject):
    status_message = Signal(str)
    records_imported = Signal(int)  # rows just recorded from a sheet: the pane may reload its tally
    file_written = Signal(str)  # a payroll file or PDF report that was just saved

    def __init__(self, pane: QWidget) -> None:
        super().__init__(pane)
        self.setObjectName("TallyTools")
        self.pane = pane
        self.host: TallyHost = pane  # type: ignore[assignment]  # the Tallies pane: a QWidget and a TallyHost
        self.paper = default_paper()
        self.import_dialog: ImportSheetDialog | None = None
        self.compare_dialog: HarvestCompareDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self._own_tasks: BackgroundTasks | None = None
        self._last_dir = Path.home()
        self._day_export_running = False

        self.import_action = self._action(
            self.tr("&Import tally sheet…"),
            "Ctrl+I",
            self.import_sheet,
            self.tr("Record a day's paper tally sheet from a CSV or Excel file (Ctrl+I)"),
        )
        self.template_action = self._action(
            self.tr("Download sheet &template…"),
            None,
            self.save_template,
            self.tr("Save an empty tally sheet with the columns the import reads"),
        )
        self.session_payroll_action = self._action(
            self.tr("Export session &payroll…"),
            "Ctrl+Shift+X",
            self.export_session_payroll,
            self.tr("Save each worker's units and pay for this session as CSV or Excel (Ctrl+Shift+X)"),
        )
        self.day_payroll_action = self._action(
            self.tr("Export &day payroll…"),
            "Ctrl+Shift+D",
            self.export_day_payroll,
            self.tr("Save each worker's pay for every session of the project's day (Ctrl+Shift+D)"),
        )
        self.print_action = self._action(
            self.tr("&Print day report…"),
            "Ctrl+P",
            self.print_report,
            self.tr("Print this session's day report with totals and signature lines (Ctrl+P)"),
        )
        self.pdf_action = self._action(
            self.tr("Save day report as P&DF…"),
            "Ctrl+Shift+P",
            self.save_report_pdf,
            self.tr("Save this session's day report as a PDF file (Ctrl+Shift+P)"),
        )
        self.compare_action = self._action(
            self.tr("&Compare with Hydrobit…"),
            "Ctrl+Shift+H",
            self.compare_with_server,
            self.tr("Check a closed session's per-worker figures against Hydrobit's (Ctrl+Shift+H)"),
        )
        self.paper_group = QActionGroup(self)
        self.paper_actions: dict[str, QAction] = {}
        for paper, label in (("a4", self.tr("A4 paper")), ("letter", self.tr("Letter paper"))):
            action = QAction(label, self.paper_group)
            action.setCheckable(True)
            action.setChecked(paper == self.paper)
            action.setData(paper)
            self.paper_actions[paper] = action
        self.paper_group.triggered.connect(lambda action: setattr(self, "paper", str(action.data())))

        # Import and Compare act at a click (Import's arrow offers the template); Payroll and Day report open a menu.
        self.import_button = self._button(self.import_action, [self.import_action, self.template_action])
        self.payroll_button = self._menu_button(
            self.tr("Payroll"), [self.session_payroll_action, self.day_payroll_action]
        )
        self.report_button = self._menu_button(
            self.tr("Day report"), [self.print_action, self.pdf_action, None, *self.paper_actions.values()]
        )
        self.compare_button = self._button(self.compare_action, [])
        layout = self.host.tools_layout
        for button in (self.import_button, self.payroll_button, self.report_button, self.compare_button):
            layout.addWidget(button)

        self.host.tally_changed.connect(self.refresh_state)
        status = getattr(pane, "status_message", None)
        if isinstance(status, SignalInstance):
            self.status_message.connect(status)
        self.refresh_state()

    # ------------------------------------------------------------------------------------------ building
    def _action(self, text: str, shortcut: str | None, slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Only while this pane (or a widget in it) has the focus: other panes keep these keys for themselves.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.pane.addAction(action)
        return action

    def _button(self, default: QAction, menu_actions: list[QAction | None]) -> QToolButton:
        button = QToolButton(self.pane)
        button.setDefaultAction(default)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if menu_actions:
            button.setMenu(self._menu(button, menu_actions))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        return button

    def _menu_button(self, text: str, menu_actions: list[QAction | None]) -> QToolButton:
        button = QToolButton(self.pane)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMenu(self._menu(button, menu_actions))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return button

    @staticmethod
    def _menu(button: QToolButton, actions: list[QAction | None]) -> QMenu:
        menu = QMenu(button)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    # ------------------------------------------------------------------------------------------ state
    def refresh_state(self, *_: object) -> None:
        """Enable what makes sense for the selected session (called whenever the pane's tally changes)."""
        session = self.host.selected_session()
        ready = session is not None and self.host.office() is not None
        for action in (
            self.import_action,
            self.session_payroll_action,
            self.day_payroll_action,
            self.print_action,
            self.pdf_action,
        ):
            action.setEnabled(ready)
        self.template_action.setEnabled(True)
        self.payroll_button.setEnabled(ready)
        self.report_button.setEnabled(ready)
        closed = ready and session is not None and session.get("status") == "closed"
        self.compare_action.setEnabled(closed)
        self.compare_button.setToolTip(
            self.compare_action.toolTip() if closed else self.tr("Available once the session is closed")
        )

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any] | None:
        context = getattr(self.pane, "context", None)
        tasks = getattr(context, "tasks", None)
        if not isinstance(tasks, BackgroundTasks):
            tasks = self._own_tasks = self._own_tasks or BackgroundTasks()
        return tasks.spawn_if_open(coroutine, name="tally-tool")

    def _call(self) -> Callable[[Any], Any] | None:
        monitor = getattr(getattr(self.pane, "context", None), "monitor", None)
        return getattr(monitor, "call", None)

    def _theme_color(self, token: str) -> QColor | None:
        theme = getattr(getattr(self.pane, "context", None), "theme", None)
        try:
            return theme().color(token) if callable(theme) else None
        except (KeyError, AttributeError):
            return None

    def _session(self) -> tuple[dict[str, Any], Office] | None:
        session, office = self.host.selected_session(), self.host.office()
        if session is None or office is None:
            return None
        return session, office

    def _inform(self, title: str, text: str, *, warning: bool = False) -> QMessageBox:
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.pane)
        box.setObjectName("TallyToolsMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _say(self, text: str) -> None:
        self.status_message.emit(text)

    # ------------------------------------------------------------------------------------------ import
    def import_sheet(self) -> None:
        chosen = self._session()
        if chosen is None:
            return
        session, office = chosen
        if session.get("status") != "open":
            self._inform(
                self.tr("Import tally sheet"),
                self.tr(
                    "This session is closed, and Hydrobit adds units only to open sessions. Open a session for "
                    "this sector and day in the Sessions pane, then import the sheet into it."
                ),
            )
            return
        owner = session.get("owner_auth0_id")
        if owner and owner != office.actions.auth0_id:
            self._inform(
                self.tr("Import tally sheet"),
                self.tr(
                    "Only the supervisor who opened this session ({owner}) can add units to it. Ask them to "
                    "import the sheet, or open your own session."
                ).format(owner=self.host.person(owner)),
            )
            return
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        dialog = ImportSheetDialog(
            session=session,
            office=office,
            known_event_ids=self._known_event_ids,
            spawn=self._spawn,
            parent=self.pane,
        )
        dialog.import_finished.connect(self._on_imported)
        self.import_dialog = dialog
        dialog.open()

    def _known_event_ids(self) -> set[str]:
        return {line.client_event_id for line in self.host.ledger() if line.client_event_id}

    def _on_imported(self, recorded: int, already: int, failed: int) -> None:
        if recorded:
            self._say(
                counted(
                    recorded,
                    self.tr("Imported 1 tally entry from the sheet"),
                    self.tr("Imported {count} tally entries from the sheet"),
                )
            )
            self.records_imported.emit(recorded)

    def save_template(self) -> None:
        dialog = self._save_dialog(
            self.tr("Save tally sheet template"),
            suggested_file_name(self.tr("tally-sheet-template", "file name"), suffix=".xlsx"),
            [self.tr("Excel workbooks (*.xlsx)"), self.tr("CSV files (*.csv)")],
        )
        dialog.fileSelected.connect(lambda name: self._write_template(Path(name)))
        dialog.open()

    def _write_template(self, path: Path) -> None:
        from hydrodesk.exports.tally_sheet import write_template

        try:
            write_template(path)
        except OSError as error:
            self._write_failed(path, error)
            return
        self._saved(path, self.tr("Saved the tally sheet template to {path}").format(path=path))

    # ------------------------------------------------------------------------------------------ server check
    def compare_with_server(self) -> None:
        chosen = self._session()
        if chosen is None:
            return
        session, office = chosen
        if session.get("status") != "closed":
            self._inform(
                self.tr("Compare with Hydrobit"),
                self.tr("Hydrobit grades and totals a session once it is closed. Close the session first."),
            )
            return
        if self.compare_dialog is not None:
            self.compare_dialog.deleteLater()
        dialog = HarvestCompareDialog(
            session=session,
            ledger=self.host.ledger,
            client=lambda: office.engine.client,
            spawn=self._spawn,
            call=self._call(),
            alert_color=self._theme_color("error"),
            parent=self.pane,
        )
        self.compare_dialog = dialog
        dialog.open()
        dialog.reload()
