"""The tally tools' files: session and day payroll (CSV/XLSX) and the day report (printed, or a 300-dpi PDF).

A part of TallyTools (hydrodesk.ui.tallies.tools), which builds the buttons, knows the selected session and starts
background work; this part words, writes and reports the files. Slow work (gathering a day's sessions, painting a
PDF) runs beside the window with a progress window after a second; a file that cannot be written is said in plain
words (hydrodesk.ui.export_feedback.write_error_text).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from hydrodesk.domain.day_report import DayReport, SessionTerms, build_day_report, day_pay_lines, session_pay_lines
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.exports.payroll import PayrollHeaders, write_payroll
from hydrodesk.ui.export_feedback import write_error_text
from hydrodesk.ui.formats import counted
from hydrodesk.ui.tallies.report_pdf import open_print_dialog, write_report_pdf
from hydrodesk.ui.widgets.busy_notice import BusyNotice

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)


class TallyFileTools:
    """Payroll and day-report files for the selected session. A part of TallyTools, which holds the state."""

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
        self._saved(
            path,
            counted(
                count,
                self.tr("Exported the payroll of 1 worker to {path}"),
                self.tr("Exported the payroll of {count} workers to {path}"),
                path=path,
            ),
        )
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
        workers = counted(count, self.tr("1 worker"), self.tr("{count} workers"))
        sessions = counted(len(gathered), self.tr("1 session"), self.tr("{count} sessions"))
        text = self.tr("Exported the day payroll of {workers} from {sessions} to {path}").format(
            workers=workers, sessions=sessions, path=path
        )
        if unseen:
            text += " " + counted(
                unseen,
                self.tr("(1 session of another supervisor is not included: only they can see its entries.)"),
                self.tr("({count} sessions of other supervisors are not included: only they can see their entries.)"),
            )
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
        self._saved(path, self.tr("Saved the day report to {path} (pages: {pages})").format(pages=pages, path=path))
        return pages

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
            self.tr("{path} could not be written: {reason}.").format(path=path, reason=write_error_text(error)),
            warning=True,
        )
