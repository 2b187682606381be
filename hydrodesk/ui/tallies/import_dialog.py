"""Importing a day's paper tally sheet: pick the CSV or Excel file, see every row checked, record the good ones.

The preview shows rows ready to record, rows refused (each with what to fix; the table exports, so the sheet can
be corrected), and rows the session holds already (a sheet imported before). Recording goes through
`office.actions.record_units`, so every row is a durable outbox entry with the clientEventId fixed by the import
(see hydrodesk.domain.tally_import for why re-importing never counts twice), and works offline.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.day_report import SessionTerms
from hydrodesk.domain.tally_import import (
    ImportContext,
    ImportPlan,
    KnownWorker,
    SheetError,
    ValidRow,
    check_sheet,
    untimed_instant,
)
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.exports.tally_sheet import LoadedSheet, ReadProblem, SheetReadError, load_tally_sheet, write_template
from hydrodesk.store.outbox import DuplicateEntry
from hydrodesk.ui.formats import amount_text, counted, day_text, farm_zone, unit_word, zone_label
from hydrodesk.ui.tallies.import_models import RejectedRowsModel, ValidRowsModel, sheet_problem_text
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.restyle import set_style_name, set_style_property

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

# Rows handed to the outbox at once: they share durable commits (group commit) and the progress bar moves.
RECORD_CHUNK = 50
Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


class ImportSheetDialog(QDialog):
    loaded = Signal()  # a file was read and checked (or could not be: see `message`)
    import_finished = Signal(int, int, int)  # recorded, already in the session, failed
    template_saved = Signal(str)

    def __init__(
        self,
        *,
        session: dict[str, Any],
        office: Office,
        known_event_ids: Callable[[], set[str]],
        spawn: Spawn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportSheetDialog")
        self.setWindowTitle(self.tr("Import tally sheet"))
        self.setMinimumSize(760, 520)
        self._session = session
        self._terms = SessionTerms.from_row(session)
        self._office = office
        self._known_event_ids = known_event_ids
        self._spawn = spawn
        self._sheet: LoadedSheet | None = None
        self._workers: list[KnownWorker] = []
        self.plan = ImportPlan()
        self._busy = False
        self._last_dir = Path.home()

        title = QLabel(self.tr("Import a paper tally sheet"), self)
        title.setObjectName("DialogTitle")
        bold = title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        title.setFont(bold)
        where = QLabel(
            self.tr("Into {sector} · {day} · units in {unit} · times in {zone}").format(
                sector=self._terms.sector_name,
                day=day_text(self._terms.day),
                unit=unit_word(self._terms.sampling_unit, 2),  # plural: a sheet's units, in boxes
                zone=zone_label(self._terms.timezone),
            ),
            self,
        )
        where.setObjectName("Muted")
        help_text = QLabel(
            self.tr(
                "A CSV or Excel file whose first row names the columns: worker_id or the worker's name, units, and "
                "optionally the time of each delivery (like 14:30, on the session's day, in the farm's time zone)."
            ),
            self,
        )
        help_text.setWordWrap(True)

        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_button.setToolTip(self.tr("Open a CSV or Excel tally sheet (Ctrl+O)"))
        self.choose_button.clicked.connect(self.choose_file)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.choose_file)
        self.file_label = QLabel(self.tr("No file chosen yet."), self)
        self.file_label.setObjectName("Muted")
        self.template_button = QPushButton(self.tr("Download template…"), self)
        self.template_button.setToolTip(self.tr("Save an empty sheet with the columns this import reads"))
        self.template_button.clicked.connect(self.choose_template_file)
        # Enter means "import" once a sheet is loaded, never "choose another file".
        for button in (self.choose_button, self.template_button):
            button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.template_button)

        self.message = QLabel(self)
        self.message.setObjectName("PaneBanner")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.valid_model = ValidRowsModel(self)
        self.valid_model.set_timezone(farm_zone(self._terms.timezone))
        self.rejected_model = RejectedRowsModel(self)
        self.known_model = ValidRowsModel(self)
        self.known_model.set_timezone(farm_zone(self._terms.timezone))
        self.valid_table = DataTable(export_name=self.tr("tally-sheet-ready", "file name"), parent=self)
        self.valid_table.set_source_model(self.valid_model)
        self.rejected_table = DataTable(export_name=self.tr("tally-sheet-rejected", "file name"), parent=self)
        self.rejected_table.set_source_model(self.rejected_model)
        self.known_table = DataTable(export_name=self.tr("tally-sheet-already-imported", "file name"), parent=self)
        self.known_table.set_source_model(self.known_model)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.addTab(self.valid_table, "")
        self.tabs.addTab(self.rejected_table, "")
        self.tabs.addTab(self.known_table, "")

        self.another_sheet = QCheckBox(
            self.tr("This is a different sheet: record its rows even where they match rows imported before"), self
        )
        self.another_sheet.setVisible(False)
        self.another_sheet.toggled.connect(self._recheck)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        set_style_name(self.import_button, "PrimaryButton")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addWidget(help_text)
        layout.addLayout(file_row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.another_sheet)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._show_plan()

    # ------------------------------------------------------------------------------------------ choosing files
    def choose_file(self) -> None:
        if self._busy:
            return
        dialog = QFileDialog(self, self.tr("Choose a tally sheet"))
        dialog.setObjectName("ChooseSheetDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Tally sheets (*.csv *.xlsx *.txt)"), self.tr("CSV files (*.csv)"), self.tr("Excel (*.xlsx)")]
        )
        dialog.setDirectory(str(self._last_dir))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.load_file(Path(name)))
        dialog.open()

    def choose_template_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Save tally sheet template"))
        dialog.setObjectName("SaveTemplateDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("Excel workbooks (*.xlsx)"), self.tr("CSV files (*.csv)")])
        dialog.setDefaultSuffix("xlsx")
        dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix("csv" if "csv" in chosen else "xlsx"))
        dialog.setDirectory(str(self._last_dir))
        dialog.selectFile(suggested_file_name(self.tr("tally-sheet-template", "file name"), suffix=".xlsx"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save_template(Path(name)))
        dialog.open()

    def save_template(self, path: Path) -> None:
        try:
            write_template(path)
        except OSError as error:
            self._say(
                self.tr("The template could not be saved to {path}: {reason}").format(
                    path=path, reason=error.strerror or str(error)
                ),
                tone="error",
            )
            return
        self._last_dir = path.parent
        self._say(self.tr("Template saved to {path}. Fill in one row per delivery and import it.").format(path=path))
        self.template_saved.emit(str(path))

    # ------------------------------------------------------------------------------------------ checking
    def load_file(self, path: Path) -> None:
        """Read and check `path` in the background; `loaded` is emitted when the preview is ready."""
        if self._busy:
            return
        self._set_busy(True)
        self._say(self.tr("Reading {name}…").format(name=path.name))
        self._spawn(self._load(path))

    async def _load(self, path: Path) -> None:
        try:
            try:
                sheet = await asyncio.to_thread(load_tally_sheet, path)
            except SheetReadError as error:
                self._sheet = None
                self.plan = ImportPlan()
                self._say(self._read_problem_text(error), tone="error")
                return
            except SheetError as error:
                self._sheet = None
                self.plan = ImportPlan()
                self._say(sheet_problem_text(error.problem, dict(error.params)), tone="error")
                return
            self._last_dir = path.parent
            self._workers = await self._known_workers()
            self._sheet = sheet
            self.file_label.setText(path.name)
            self.another_sheet.blockSignals(True)
            self.another_sheet.setChecked(False)
            self.another_sheet.blockSignals(False)
            self._check()
        finally:
            self._set_busy(False)
            self._show_plan()
            if self.plan.valid:
                self.import_button.setFocus()
            self.loaded.emit()

    async def _known_workers(self) -> list[KnownWorker]:
        rows = await self._office.store.workers()
        workers = []
        for row in rows:
            data = row.data
            name = f"{data.get('first_name') or ''} {data.get('last_name') or ''}".strip()
            workers.append(KnownWorker(worker_id=str(data["worker_id"]), name=name or str(data["worker_id"])))
        return workers

    def _check(self) -> None:
        sheet = self._sheet
        if sheet is None:
            return
        terms = self._terms
        context = ImportContext(
            session_id=terms.session_id,
            project_id=terms.project_id,
            sector_id=terms.sector_id,
            day=terms.day,
            timezone=terms.timezone,
            workers=self._workers,
            untimed_at=untimed_instant(now_utc(), terms.day, terms.timezone, terms.opened_at or now_utc()),
            sampling_unit=terms.sampling_unit,
            sheet_salt=sheet.fingerprint if self.another_sheet.isChecked() else "",
        )
        self.plan = check_sheet(sheet.rows, context).without_known(self._known_event_ids())
        self._say(self._plan_summary(), tone="warn" if self.plan.rejected else "neutral")

    def _recheck(self) -> None:
        self._check()
        self._show_plan()

    def _plan_summary(self) -> str:
        plan = self.plan
        if not plan.valid and not plan.rejected and plan.already_imported:
            return self.tr("Every row of this sheet is in the session already: it was imported before. Nothing to do.")
        unit = self._terms.sampling_unit
        workers = counted(plan.workers, self.tr("1 worker"), self.tr("{count} workers"))
        ready = counted(
            len(plan.valid),
            self.tr("1 row ready to record ({amount})"),
            self.tr("{count} rows ready to record ({amount}, {workers})"),
            amount=amount_text(plan.total_units, unit),
            workers=workers,
        )
        parts = [ready]
        if plan.rejected:
            refused = counted(
                len(plan.rejected),
                self.tr("1 row refused: see why on the Refused tab"),
                self.tr("{count} rows refused: see why on the Refused tab"),
            )
            parts.append(refused)
        if plan.already_imported:
            before = counted(
                len(plan.already_imported),
                self.tr("1 row imported before, left out"),
                self.tr("{count} rows imported before, left out"),
            )
            parts.append(before)
        return " · ".join(parts)

    def _show_plan(self) -> None:
        plan = self.plan
        self.valid_model.set_rows(plan.valid)
        self.rejected_model.set_rows(plan.rejected)
        self.known_model.set_rows(plan.already_imported)
        self.tabs.setTabText(0, self.tr("Ready ({count})").format(count=len(plan.valid)))
        self.tabs.setTabText(1, self.tr("Refused ({count})").format(count=len(plan.rejected)))
        self.tabs.setTabText(2, self.tr("Imported before ({count})").format(count=len(plan.already_imported)))
        self.another_sheet.setVisible(bool(plan.already_imported) or self.another_sheet.isChecked())
        count = len(plan.valid)
        label = counted(count, self.tr("Import 1 row"), self.tr("Import {count} rows")) if count else self.tr("Import")
        self.import_button.setText(label)
        self.import_button.setEnabled(count > 0 and not self._busy)
        if plan.rejected and not plan.valid:
            self.tabs.setCurrentIndex(1)
        elif plan.valid:
            self.tabs.setCurrentIndex(0)

    # ------------------------------------------------------------------------------------------ recording
    def start_import(self) -> None:
        rows = list(self.plan.valid)
        if self._busy or not rows:
            return
        self._set_busy(True)
        self.progress.setRange(0, len(rows))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._say(counted(len(rows), self.tr("Recording 1 row…"), self.tr("Recording {count} rows…")))
        self._spawn(self._record_all(rows))

    async def _record_all(self, rows: Sequence[ValidRow]) -> None:
        recorded = already = 0
        failed: list[tuple[ValidRow, BaseException]] = []
        try:
            for start in range(0, len(rows), RECORD_CHUNK):
                chunk = rows[start : start + RECORD_CHUNK]
                results = await asyncio.gather(*(self._record(row) for row in chunk), return_exceptions=True)
                for row, result in zip(chunk, results, strict=True):
                    if isinstance(result, DuplicateEntry):
                        already += 1  # made here before (perhaps discarded since): the outbox keeps the first
                    elif isinstance(result, Exception):
                        log.warning("tally sheet row %d not recorded: %s", row.number, result)
                        failed.append((row, result))
                    elif isinstance(result, BaseException):
                        raise result
                    else:
                        recorded += 1
                self.progress.setValue(start + len(chunk))
        finally:
            self._set_busy(False)
            done = {row.client_event_id for row in rows} - {row.client_event_id for row, _ in failed}
            self.plan = ImportPlan(
                valid=tuple(row for row, _ in failed),
                rejected=self.plan.rejected,
                already_imported=self.plan.already_imported + tuple(row for row in rows if row.client_event_id in done),
            )
            self._show_plan()
        self._say(self._result_text(recorded, already, failed), tone="error" if failed else "neutral")
        self.import_finished.emit(recorded, already, len(failed))

    async def _record(self, row: ValidRow) -> object:
        return await self._office.actions.record_units(
            self._terms.session_id,
            row.worker_id,
            row.worker_name,
            row.units,
            recorded_at=row.recorded_at,
            client_event_id=row.client_event_id,
            idempotency_key=row.idempotency_key,
        )

    def _result_text(self, recorded: int, already: int, failed: list[tuple[ValidRow, BaseException]]) -> str:
        done = counted(
            recorded,
            self.tr(
                "1 row recorded. It counts in the tally now and is sent to Hydrobit as soon as the connection allows."
            ),
            self.tr(
                "{count} rows recorded. They count in the tally now and are sent to Hydrobit as soon as the "
                "connection allows."
            ),
        )
        parts = [done]
        if already:
            before = counted(
                already,
                self.tr("1 row had been imported before and was left out."),
                self.tr("{count} rows had been imported before and were left out."),
            )
            parts.append(before)
        if failed:
            rows = ", ".join(str(row.number) for row, _ in failed[:10])
            lost = counted(
                len(failed),
                self.tr("1 row could not be saved on this computer (row {rows}); import the sheet again."),
                self.tr("{count} rows could not be saved on this computer (rows {rows}); import the sheet again."),
                rows=rows,
            )
            parts.append(lost)
        return " ".join(parts)

    # ------------------------------------------------------------------------------------------ small things
    def _read_problem_text(self, error: SheetReadError) -> str:
        name = error.path.name
        texts = {
            ReadProblem.MISSING: self.tr("{name} could not be opened. Check that the file still exists."),
            ReadProblem.TOO_LARGE: self.tr("{name} is too large to be a day's tally sheet (over 20 MB)."),
            ReadProblem.NOT_A_WORKBOOK: self.tr(
                "{name} is not an Excel workbook HydroDesk can read. Save it as .xlsx or CSV and try again."
            ),
            ReadProblem.NOT_TEXT: self.tr("{name} is not a text CSV file. Save the sheet as CSV or .xlsx."),
            ReadProblem.UNSUPPORTED: self.tr("{name} is not a CSV or Excel (.xlsx) file."),
        }
        return texts[error.problem].format(name=name)

    def _say(self, text: str, *, tone: str = "neutral") -> None:
        self.message.setText(text)
        set_style_property(self.message, "tone", tone)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.choose_button.setEnabled(not busy)
        self.another_sheet.setEnabled(not busy)
        self.import_button.setEnabled(not busy and bool(self.plan.valid))
        if not busy:
            self.progress.setVisible(self.progress.maximum() > 0 and self.progress.value() > 0)

    @property
    def busy(self) -> bool:
        return self._busy

    def done(self, result: int) -> None:
        # Closing while rows are being recorded would hide the outcome; the rows already saved stay saved anyway.
        if self._busy and result == QDialog.DialogCode.Rejected:
            return
        super().done(result)
