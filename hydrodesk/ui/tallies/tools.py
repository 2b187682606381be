"""The Tallies pane's tools: import a paper sheet, export payroll, print the day report, check against the server.

    tools = install_tally_tools(pane)

`pane` offers `tools_layout` (a QHBoxLayout the buttons go into), `selected_session() -> dict | None` (a session
row of the store), `tally() -> list[WorkerTally]`, `ledger() -> list[LedgerLine]`, `office() -> Office | None`
and the signal `tally_changed`. If it also has a `context` (PaneContext), background work runs on its task set
and server calls go through its connection monitor; `status_message` (Pane's signal) gets the short outcomes.

Shortcuts (active while the focus is in the pane): Ctrl+I import, Ctrl+Shift+X session payroll, Ctrl+Shift+D
day payroll, Ctrl+P print the day report, Ctrl+Shift+P save it as PDF, Ctrl+Shift+H compare with Hydrobit.
(Ctrl+E stays the window's "export the table shown".)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMenu, QMessageBox, QToolButton, QWidget

from hydrodesk.domain.day_report import DayReport, SessionTerms, build_day_report, day_pay_lines, session_pay_lines
from hydrodesk.domain.tallies import LedgerLine, WorkerTally
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.exports.payroll import PayrollHeaders, write_payroll
from hydrodesk.ui.widgets.busy_notice import BusyNotice
from hydrodesk.ui.export_feedback import write_error_text
from hydrodesk.ui.tallies.harvest_compare import HarvestCompareDialog
from hydrodesk.ui.tallies.import_dialog import ImportSheetDialog
from hydrodesk.ui.tallies.report_pdf import default_paper, open_print_dialog, write_report_pdf
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


def install_tally_tools(pane: QWidget) -> TallyTools:
    """Add the tool buttons and shortcuts to `pane` (see the module docstring); returns the tools."""
    return TallyTools(pane)


class TallyTools(QObject):
    status_message = Signal(str)
    records_imported = Signal(int)  # rows just recorded from a sheet: the pane may reload its tally
    file_written = Signal(str)  # a payroll file or PDF report that was just saved

    def __init__(self, pane: QWidget) -> None:
        super().__init__(pane)
        self.setObjectName("TallyTools")
        self.pane = pane
        self.host: TallyHost = pane  # type: ignore[assignment]
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
        try:
            return tasks.spawn(coroutine)
        except RuntimeError:  # the application is shutting down (spawn closed the coroutine): nothing to start
            return None

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
                ).format(owner=owner),
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
            self._say(self.tr("Imported {count} tally entries from the sheet").format(count=recorded))
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

    # ------------------------------------------------------------------------------------------ payroll
    def payroll_headers(self) -> PayrollHeaders:
        return PayrollHeaders(
            worker=self.tr("Worker"),
            worker_id=self.tr("Worker ID"),
            unit=self.tr("Unit"),
            units=self.tr("Units"),
            base_pay=self.tr("Base pay"),
            bonus=self.tr("Bonus"),
            pay=self.tr("Pay"),
            pending_units=self.tr("Pending units"),
            sectors=self.tr("Sectors"),
            total=self.tr("TOTAL"),
        )

    def export_session_payroll(self) -> None:
        chosen = self._session()
        if chosen is None:
            return
        terms = SessionTerms.from_row(chosen[0])
        dialog = self._save_dialog(
            self.tr("Export session payroll"),
            suggested_file_name(
                self.tr("payroll", "file name"), terms.sector_name, terms.day.isoformat(), suffix=".csv"
            ),
            [self.tr("CSV files (*.csv)"), self.tr("Excel workbooks (*.xlsx)")],
        )
        dialog.fileSelected.connect(lambda name: self.write_session_payroll(Path(name)))
        dialog.open()

    def write_session_payroll(self, path: Path) -> int:
        """Write the selected session's payroll to `path`; returns the number of workers (0 on failure)."""
        chosen = self._session()
        if chosen is None:
            return 0
        terms = SessionTerms.from_row(chosen[0])
        lines = session_pay_lines(self.host.tally(), terms)
        try:
            count = write_payroll(path, lines, self.payroll_headers(), sheet=terms.sector_name or self.tr("Payroll"))
        except OSError as error:
            self._write_failed(path, error)
            return 0
        self._saved(path, self.tr("Exported the payroll of {count} workers to {path}").format(count=count, path=path))
        return count

    def export_day_payroll(self) -> None:
        chosen = self._session()
        if chosen is None:
            return
        terms = SessionTerms.from_row(chosen[0])
        dialog = self._save_dialog(
            self.tr("Export day payroll"),
            suggested_file_name(self.tr("payroll-day", "file name"), terms.day.isoformat(), suffix=".csv"),
            [self.tr("CSV files (*.csv)"), self.tr("Excel workbooks (*.xlsx)")],
        )
        dialog.fileSelected.connect(lambda name: self.write_day_payroll(Path(name)))
        dialog.open()

    def write_day_payroll(self, path: Path) -> asyncio.Task[int] | None:
        """Gather every session of the selected session's project day and write their payroll (in the background)."""
        chosen = self._session()
        if chosen is None or self._day_export_running:
            return None
        task = self._spawn(self._write_day_payroll(path, chosen[0], chosen[1]))
        self._day_export_running = task is not None
        return task

    async def _write_day_payroll(self, path: Path, session: dict[str, Any], office: Office) -> int:
        terms = SessionTerms.from_row(session)
        busy = BusyNotice(self.pane, self.tr("Gathering the day's sessions…")).start()
        try:
            day = terms.day.isoformat()
            rows = await office.store.sessions(project_id=terms.project_id, first_day=day, last_day=day)
            me = office.actions.auth0_id
            gathered: list[tuple[SessionTerms, list[WorkerTally]]] = []
            unseen = 0
            for row in rows:
                other = SessionTerms.from_row(row.data)
                tallies = await office.store.session_tally(other.session_id)
                if not tallies and other.owner_auth0_id != me and (row.data.get("total_units") or 0) > 0:
                    unseen += 1  # another supervisor's session: Hydrobit shows its records only to its owner
                    continue
                gathered.append((other, tallies))
            lines = day_pay_lines(gathered)
            headers = self.payroll_headers()
            try:
                count = await asyncio.to_thread(write_payroll, path, lines, headers, with_sectors=True, sheet=day)
            except OSError as error:
                self._write_failed(path, error)
                return 0
        finally:
            busy.finish()
            self._day_export_running = False
        text = self.tr("Exported the day payroll of {count} workers from {sessions} sessions to {path}").format(
            count=count, sessions=len(gathered), path=path
        )
        if unseen:
            text += " " + self.tr(
                "({unseen} sessions of other supervisors are not included: only they can see their entries.)"
            ).format(unseen=unseen)
        self._saved(path, text)
        return count

    # ------------------------------------------------------------------------------------------ day report
    async def build_report(self) -> DayReport | None:
        """The selected session's day report as it stands now (None when nothing is selected)."""
        chosen = self._session()
        if chosen is None:
            return None
        session, office = chosen
        project_id = session.get("project_id")
        projects = await office.store.projects()
        project = next((p for p in projects if p.get("project_id") == project_id), {})
        credentials = office.engine.client.credentials
        owner = session.get("owner_auth0_id") or ""
        supervisor = credentials.display_name if owner in ("", credentials.auth0_id) else owner
        company_id = str(project.get("company_id") or credentials.company_id or "")
        company_names = await office.store.company_names()  # companies/me, as last fetched (offline too)
        return build_day_report(
            session,
            self.host.tally(),
            company=company_names.get(company_id) or company_id,
            project=str(project.get("name") or project_id or ""),
            supervisor=supervisor,
            now=now_utc(),
        )

    def print_report(self) -> None:
        if self._session() is not None:
            self._spawn(self._print_report())

    async def _print_report(self) -> None:
        report = await self.build_report()
        if report is None:
            return
        if self.print_dialog is not None:
            self.print_dialog.deleteLater()
        self.print_dialog = open_print_dialog(report, self.pane, self.paper, self.report_file_name(report.terms))
        self.print_dialog.accepted.connect(lambda: self._say(self.tr("Sent the day report to the printer")))

    def report_file_name(self, terms: SessionTerms) -> str:
        """`reporte-del-dia-lote-a-1-2025-10-19.pdf`: what the save and print dialogs suggest, in the UI's language."""
        return suggested_file_name(
            self.tr("day-report", "file name"), terms.sector_name, terms.day.isoformat(), suffix=".pdf"
        )

    def save_report_pdf(self) -> None:
        chosen = self._session()
        if chosen is None:
            return
        terms = SessionTerms.from_row(chosen[0])
        dialog = self._save_dialog(
            self.tr("Save day report as PDF"),
            self.report_file_name(terms),
            [self.tr("PDF documents (*.pdf)")],
        )
        dialog.fileSelected.connect(lambda name: self.write_report(Path(name)))
        dialog.open()

    def write_report(self, path: Path) -> asyncio.Task[int] | None:
        """Write the selected session's day report to `path` as a PDF (in the background); the task gives pages."""
        if self._session() is None:
            return None
        return self._spawn(self._write_report(path))

    async def _write_report(self, path: Path) -> int:
        busy = BusyNotice(self.pane, self.tr("Writing the day report…")).start()
        try:
            report = await self.build_report()
            if report is None:
                return 0
            try:
                # Laying out and painting 300-dpi pages takes a while for a big crew: off the GUI thread, so the
                # window keeps answering (Qt paints text documents on a QPdfWriter from any thread).
                pages = await asyncio.to_thread(write_report_pdf, report, path, self.paper)
            except OSError as error:
                self._write_failed(path, error)
                return 0
        finally:
            busy.finish()
        if pages == 0:  # QPdfWriter reports no error of its own: an empty file means it could not write
            self._write_failed(path, OSError(self.tr("the file could not be written")))
            return 0
        self._saved(path, self.tr("Saved the day report ({pages} pages) to {path}").format(pages=pages, path=path))
        return pages

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

    # ------------------------------------------------------------------------------------------ files
    def _save_dialog(self, title: str, file_name: str, filters: list[str]) -> QFileDialog:
        # A non-modal dialog (open(), not exec()): it never nests an event loop inside the asyncio loop.
        dialog = QFileDialog(self.pane, title)
        dialog.setObjectName("TallyToolsSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(filters)
        suffix = Path(file_name).suffix.lstrip(".")
        dialog.setDefaultSuffix(suffix)
        if len(filters) > 1:
            dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix("xlsx" if "xlsx" in chosen else "csv"))
        dialog.setDirectory(str(self._last_dir))
        dialog.selectFile(file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _saved(self, path: Path, text: str) -> None:
        self._last_dir = path.parent
        self._say(text)
        self.file_written.emit(str(path))

    def _write_failed(self, path: Path, error: OSError) -> None:
        log.warning("could not write %s: %s", path, error)
        self._inform(
            self.tr("File not saved"),
            self.tr(
                "{path} could not be written: {reason}."
            ).format(path=path, reason=write_error_text(error)),
            warning=True,
        )
