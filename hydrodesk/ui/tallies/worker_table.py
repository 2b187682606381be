"""The per-worker table: units, deliveries, voids and pay per worker, a thin adapter over WorkerPayRow."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from hydrodesk.domain.tally_sums import WorkerPayRow
from hydrodesk.ui.formats import money_text, number_text
from hydrodesk.ui.models.rows import Column, RowsTableModel

WORKER, WORKER_ID, UNITS, RECORDS, VOIDS, PAY, SYNC = range(7)


translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class WorkerTallyModel(RowsTableModel):
    rows_are_values = True  # frozen WorkerPayRow values; the colours are refreshed by set_colors

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.worker_id, parent=parent)
        self._pending_color: QColor | None = None
        self._attention_color: QColor | None = None
        self.columns = [
            Column(self.tr("Worker"), lambda row: row.worker_name),
            # "ID", not "Worker ID": beside the worker column it says enough, and both tally tables must fit side
            # by side on a 1366-pixel screen.
            Column(self.tr("ID"), lambda row: row.worker_id),
            Column(
                self.tr("Units"),
                lambda row: number_text(row.total_units),
                sort=lambda row: row.total_units,
                numeric=True,
                tooltip=self._units_tooltip,
            ),
            Column(self.tr("Records"), lambda row: str(row.records), sort=lambda row: row.records, numeric=True),
            Column(self.tr("Voids"), lambda row: str(row.voids), sort=lambda row: row.voids, numeric=True),
            Column(
                self.tr("Pay"),
                lambda row: money_text(row.pay.total),
                sort=lambda row: row.pay.total,
                numeric=True,
                tooltip=self._pay_tooltip,
            ),
            Column(self.tr("Sync"), self._sync_text, sort=self._sync_rank, color=self._sync_color),
        ]

    def set_colors(self, pending: QColor, attention: QColor) -> None:
        self._pending_color = pending
        self._attention_color = attention
        if self.rowCount():
            self.dataChanged.emit(self.index(0, SYNC), self.index(self.rowCount() - 1, SYNC))

    def row_for(self, worker_id: str) -> WorkerPayRow | None:
        return self.row_at(self.row_of(worker_id))

    @staticmethod
    def _units_tooltip(row: WorkerPayRow) -> str | None:
        parts = [translate("WorkerTallyModel", "{units} confirmed").format(units=number_text(row.confirmed_units))]
        if row.pending_units:
            parts.append(
                translate("WorkerTallyModel", "{units} waiting to sync").format(units=number_text(row.pending_units))
            )
        if row.attention_units:
            parts.append(
                translate("WorkerTallyModel", "{units} stopped, not counted").format(
                    units=number_text(row.attention_units)
                )
            )
        return " · ".join(parts)

    @staticmethod
    def _pay_tooltip(row: WorkerPayRow) -> str:
        return translate("WorkerTallyModel", "{base} for the units + {bonus} bonus").format(
            base=money_text(row.pay.base), bonus=money_text(row.pay.bonus)
        )

    @staticmethod
    def _sync_rank(row: WorkerPayRow) -> int:
        return 2 if row.attention_units else 1 if row.has_pending else 0

    @staticmethod
    def _sync_text(row: WorkerPayRow) -> str:
        if row.attention_units:
            return translate("WorkerTallyModel", "Needs attention")
        if row.has_pending:
            return (
                translate("WorkerTallyModel", "{count} pending").format(count=row.pending_records)
                if row.pending_records
                else translate("WorkerTallyModel", "Pending")
            )
        return translate("WorkerTallyModel", "Confirmed")

    def _sync_color(self, row: WorkerPayRow) -> QColor | None:
        if row.attention_units:
            return self._attention_color
        return self._pending_color if row.has_pending else None
