"""What the user does in the scouting pane besides looking: open a heatmap cell's records, switch the measure, edit
the action thresholds, and save the scouting report as a PDF."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QFileDialog,
)
from shiboken6 import isValid

from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.store import phyto as phyto_store
from hydrodesk.ui import formats
from hydrodesk.ui.cache_file_text import disk_full_change_text, is_disk_full_error
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.phyto.heatmap_model import CELL_ROLE, INCIDENCE, SEVERITY
from hydrodesk.ui.phyto.threshold_dialog import ThresholdDialog
from hydrodesk.ui.phyto.thresholds_hub import thresholds_hub

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger("hydrodesk.ui.panes.phyto")  # the name the log has always used for these lines

TREND_TAB, RECORDS_TAB = 0, 1  # the tabs under the heatmap


class ScoutingActions(Mixin):
    """A mixin of PhytoPane: the heatmap's reactions, the thresholds dialog and the PDF report."""

    # ------------------------------------------------------------------------------------------ reactions
    def _on_cell_activated(self, index: QModelIndex) -> None:
        sector_id, pest = index.data(CELL_ROLE) or (None, None)
        if sector_id is None:
            return
        self.open_cell(sector_id, pest)

    def open_cell(self, sector_id: str, pest: str | None) -> None:
        """Show the sector's trend for `pest` (the chosen one when None) and filter the records to the sector."""
        pest = pest or self.pest_combo.currentData()
        self._focus = (sector_id, pest)
        names = [self.pest_combo.itemData(i) for i in range(self.pest_combo.count())]
        if pest in names:
            self.pest_combo.setCurrentIndex(names.index(pest))
        self._show_trend()
        row = self.heatmap_model.row_of(sector_id)
        name = self.heatmap_model.heatmap.sectors[row].sector_name if row >= 0 else sector_id
        self.records_table.filter_edit.setText(name)
        self.tabs.setCurrentIndex(TREND_TAB)

    def toggle_measure(self) -> None:
        chosen = SEVERITY if self.heatmap_model.measure == INCIDENCE else INCIDENCE
        self.measure.select(chosen)
        self._on_measure(chosen)

    def _on_measure(self, measure: str) -> None:
        self.heatmap_model.set_measure(measure)

    def edit_thresholds(self) -> ThresholdDialog | None:
        office = self.context.office()
        if office is None or self._company_id is None:
            self.status_message.emit(self.tr("Sign in to edit the action thresholds."))
            return None
        pests = self.heatmap_model.heatmap.pests
        dialog = ThresholdDialog(self._book, pests, self)
        company_id = self._company_id

        def save() -> None:
            book = dialog.book()
            self._spawn(self._save_thresholds(office, company_id, book), "phyto-thresholds")

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    async def _save_thresholds(self, office: Office, company_id: str, book: ThresholdBook) -> None:
        try:
            await office.store.write(phyto_store.save_thresholds, company_id, book)
        except Exception as error:
            if not is_disk_full_error(error):
                raise
            if isValid(self):
                self.status_message.emit(disk_full_change_text())
            return
        thresholds_hub().publish(company_id, book)
        if isValid(self):
            self.status_message.emit(self.tr("Action thresholds saved"))

    def _on_thresholds_changed(self, company_id: str, book: ThresholdBook) -> None:
        if not isValid(self) or company_id != self._company_id:
            return
        self._book = book
        self.heatmap_model.set_book(book)
        self._show_trend()

    # ------------------------------------------------------------------------------------------ report
    def choose_report_file(self) -> None:
        if not self.heatmap_model.heatmap.sectors:
            self.status_message.emit(self.tr("Nothing to report: no scouting in this range."))
            return
        days = self.current_range()
        name = self.tr("scouting-report-{start}-{end}.pdf", "file name").format(start=days.start, end=days.end)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the scouting report"), str(Path.home() / name), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write_report(Path(path))

    def write_report(self, path: Path) -> int:
        from hydrodesk.ui.phyto.report_pdf import ScoutingReport, write_scouting_pdf
        from hydrodesk.ui.tallies.report_pdf import default_paper

        project, sector = self._selection.project, self._selection.sector
        scope = sector.sector_name if sector else project.name if project else self.tr("Whole company")
        report = ScoutingReport(
            scope=scope,
            days=self.current_range(),
            timezone=self._timezone_for_scope(),
            heatmap=self.heatmap_model.heatmap,
            book=self._book,
            records=self._records,
            fetched_at=self._age,
            generated_at=datetime.now(formats.farm_zone(self._timezone_for_scope())),
        )
        try:
            pages = write_scouting_pdf(report, path, default_paper())
        except OSError as error:
            self.status_message.emit(self.tr("Could not save the report: {reason}").format(reason=error))
            return 0
        self.status_message.emit(self.tr("Saved the scouting report to {path}").format(path=path))
        return pages
