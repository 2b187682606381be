"""A closed session checked against the server: Hydrobit's per-worker and quality breakdown beside the local ledger.

The harvest endpoint needs a scoped API key (`read:production`); without one, or offline, the dialog says so in
plain words and offers to try again. Workers whose figures disagree are listed first and highlighted, with the
kind of disagreement written out (not only coloured), so it reads the same on any screen and in either theme.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from hydrodesk.api.errors import ApiError, CredentialsMissing, Forbidden, Offline
from hydrodesk.domain.day_report import SessionTerms
from hydrodesk.domain.harvest_compare import (
    Agreement,
    Comparison,
    ComparisonRow,
    ServerWorker,
    compare,
    local_workers,
)
from hydrodesk.domain.tallies import LedgerLine
from hydrodesk.ui.error_text import user_message
from hydrodesk.ui.formats import amount_text, day_text, number_text
from hydrodesk.ui.models.rows import Column, ModelIndex, RowsTableModel
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import HarvestSession

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, Any]], Any]
Call = Callable[[Awaitable[T]], Awaitable[T]]

MISMATCH_BACKGROUND = QColor(214, 137, 16, 56)  # translucent amber: readable on light and dark rows alike


def agreement_text(agreement: Agreement) -> str:
    return {
        Agreement.MATCH: translate("HarvestCompare", "Agrees"),
        Agreement.UNITS_DIFFER: translate("HarvestCompare", "Units differ"),
        Agreement.RECORDS_DIFFER: translate("HarvestCompare", "Record count differs"),
        Agreement.ONLY_LOCAL: translate("HarvestCompare", "Missing on the server"),
        Agreement.ONLY_SERVER: translate("HarvestCompare", "Missing in this office"),
    }[agreement]


def server_workers(session: HarvestSession) -> list[ServerWorker]:
    return [
        ServerWorker(
            worker_id=worker.worker_id,
            worker_name=worker.worker_name or worker.worker_id,
            net_units=worker.net_units,
            valid_units=worker.valid_units,
            record_count=worker.record_count,
            voided_count=worker.voided_count,
            quality=tuple(
                (share.quality_name or share.quality_id, share.units or 0.0, share.percent or 0.0)
                for share in worker.quality_breakdown
            ),
        )
        for worker in session.workers
    ]


def _optional_units(value: float | None) -> str:
    return "—" if value is None else number_text(value)


def _records_text(records: int, voids: int) -> str:
    return translate("HarvestCompare", "{records} ({voids} voided)").format(records=records, voids=voids)


class ComparisonModel(RowsTableModel):
    """One row per worker on either side; mismatches highlighted (background) and named (status column)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.worker_id, parent=parent)
        self._alert: QColor | None = None
        self.columns = [
            Column(
                self.tr("Status"),
                lambda row: agreement_text(row.agreement),
                sort=lambda row: 0 if row.mismatch else 1,  # mismatches first, by name within (a stable sort)
                color=self._status_color,
            ),
            Column(self.tr("Worker"), lambda row: row.worker_name),
            Column(self.tr("Worker ID"), lambda row: row.worker_id),
            Column(
                self.tr("Local units"),
                lambda row: _optional_units(row.local_units),
                sort=lambda row: row.local_units if row.local_units is not None else -1e18,
                numeric=True,
                tooltip=self._local_tooltip,
            ),
            Column(
                self.tr("Server units"),
                lambda row: _optional_units(row.server_units),
                sort=lambda row: row.server_units if row.server_units is not None else -1e18,
                numeric=True,
            ),
            Column(
                self.tr("Difference"),
                self._difference_text,
                sort=lambda row: row.difference,
                numeric=True,
            ),
            Column(
                self.tr("Local records"),
                self._local_records,
                sort=lambda row: row.local.record_count if row.local else -1,
            ),
            Column(
                self.tr("Server records"),
                self._server_records,
                sort=lambda row: row.server.record_count if row.server else -1,
            ),
            Column(self.tr("Quality (server)"), self._quality_text),
        ]

    def set_alert_color(self, color: QColor) -> None:
        self._alert = color

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            row = self.row_at(index.row())
            return MISMATCH_BACKGROUND if row is not None and row.mismatch else None
        return super().data(index, role)

    def _status_color(self, row: ComparisonRow) -> QColor | None:
        return self._alert if row.mismatch else None

    @staticmethod
    def _difference_text(row: ComparisonRow) -> str:
        if row.difference == 0:
            return "0"
        sign = "+" if row.difference > 0 else "−"
        return sign + number_text(abs(row.difference))

    @staticmethod
    def _local_tooltip(row: ComparisonRow) -> str | None:
        if row.local is None or not row.local.pending_units:
            return None
        return translate("HarvestCompare", "Includes {units} not yet sent to Hydrobit").format(
            units=number_text(row.local.pending_units)
        )

    @staticmethod
    def _local_records(row: ComparisonRow) -> str:
        return "—" if row.local is None else _records_text(row.local.record_count, row.local.voided_count)

    @staticmethod
    def _server_records(row: ComparisonRow) -> str:
        return "—" if row.server is None else _records_text(row.server.record_count, row.server.voided_count)

    @staticmethod
    def _quality_text(row: ComparisonRow) -> str:
        if row.server is None or not row.server.quality:
            return ""
        return " · ".join(f"{name} {number_text(percent)} %" for name, _units, percent in row.server.quality)


class HarvestCompareDialog(QDialog):
    """Fetches the server's breakdown of one closed session and shows it beside the ledger the pane holds."""

    compared = Signal()  # the table shows a fresh comparison
    failed = Signal(str)  # the plain sentence shown instead

    def __init__(
        self,
        *,
        session: dict[str, Any],
        ledger: Callable[[], list[LedgerLine]],
        client: Callable[[], HydrobitClient | None],
        spawn: Spawn,
        call: Call[Any] | None = None,
        alert_color: QColor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HarvestCompareDialog")
        self.setWindowTitle(self.tr("Compare with Hydrobit"))
        self.setMinimumSize(820, 480)
        self._terms = SessionTerms.from_row(session)
        self._ledger = ledger
        self._client = client
        self._spawn = spawn
        self._call = call
        self.comparison: Comparison | None = None
        self._loading = False

        title = QLabel(
            self.tr("{sector} · {day}: the office's tally beside Hydrobit's").format(
                sector=self._terms.sector_name, day=day_text(self._terms.day)
            ),
            self,
        )
        title.setObjectName("DialogTitle")
        bold = title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        title.setFont(bold)
        self.summary = QLabel(self)
        self.summary.setObjectName("PaneBanner")
        self.summary.setWordWrap(True)
        self.quality = QLabel(self)
        self.quality.setObjectName("Muted")
        self.quality.setWordWrap(True)

        self.model = ComparisonModel(self)
        self.model.set_alert_color(alert_color or QColor("#b03a2e"))
        export_name = self.tr("server-check", "file name")  # outside the f-string, where lupdate finds it
        self.table = DataTable(export_name=f"{export_name}-{self._terms.day.isoformat()}", parent=self)
        self.table.set_source_model(self.model)
        self.state = StatePage(self)
        self.state.action_triggered.connect(self.reload)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.summary)
        inner.addWidget(self.quality)
        inner.addWidget(self.table, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.state)
        self.stack.addWidget(content)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.retry_button = self.buttons.addButton(self.tr("Check again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.setToolTip(self.tr("Fetch Hydrobit's figures again (F5)"))
        self.retry_button.clicked.connect(self.reload)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------------------------------------ loading
    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.retry_button.setEnabled(False)
        self.state.show_state(
            title=self.tr("Asking Hydrobit…"),
            message=self.tr("Fetching the server's per-worker breakdown of this session."),
            busy=True,
        )
        self.stack.setCurrentWidget(self.state)
        self._spawn(self._load())

    async def _load(self) -> None:
        try:
            session = await self._fetch()
        except ApiError as error:
            self._show_failure(self._error_text(error))
            return
        finally:
            self._loading = False
            self.retry_button.setEnabled(True)
        if session is None:
            self._show_failure(
                self.tr(
                    "Hydrobit has no harvest figures for this session yet. A session just closed may take a "
                    "moment to appear; press Check again shortly."
                )
            )
            return
        self._show(session)

    async def _fetch(self) -> HarvestSession | None:
        client = self._client()
        if client is None:
            raise CredentialsMissing("bearer_token")
        terms = self._terms
        request = client.harvest(terms.day, terms.day, project_id=terms.project_id, sector_id=terms.sector_id)
        found = await (self._call(request) if self._call is not None else request)
        return next((item for item in found if item.session_id == terms.session_id), None)

    def _error_text(self, error: ApiError) -> str:
        if isinstance(error, CredentialsMissing) and error.message_key == "missing_api_key":
            return self.tr(
                "Comparing with the server needs a Hydrobit API key with production read access "
                "(read:production). Enter one in the sign-in dialog (File > Sign in to Hydrobit…); your "
                "administrator can issue it."
            )
        if isinstance(error, Forbidden) and error.message_key == "api_key_forbidden":
            return self.tr(
                "The Hydrobit API key does not allow reading production figures (read:production). Ask your "
                "administrator for a key that does."
            )
        if isinstance(error, Offline):
            return self.tr(
                "Hydrobit cannot be reached, and the comparison needs its figures. The office's own tally is "
                "unaffected. Press Check again (F5) once the connection is back."
            )
        return user_message(error)

    def _show_failure(self, text: str) -> None:
        self.state.show_state(
            title=self.tr("No comparison yet"), message=text, action=self.tr("Check again"), tone="error"
        )
        self.stack.setCurrentWidget(self.state)
        self.failed.emit(text)

    def _show(self, session: HarvestSession) -> None:
        comparison = compare(local_workers(self._ledger()), server_workers(session))
        self.comparison = comparison
        self.model.set_rows(comparison.rows)
        unit = self._terms.sampling_unit
        totals = self.tr("Office {local} · Hydrobit {server}").format(
            local=amount_text(comparison.local_total, unit), server=amount_text(comparison.server_total, unit)
        )
        if comparison.mismatches == 0:
            verdict = self.tr("Every worker agrees.")
            tone = "neutral"
        elif comparison.mismatches == 1:
            verdict = self.tr("1 worker differs: listed first and highlighted.")
            tone = "warn"
        else:
            verdict = self.tr("{count} workers differ: listed first and highlighted.").format(
                count=comparison.mismatches
            )
            tone = "warn"
        self.summary.setText(f"{verdict} {totals}")
        set_style_property(self.summary, "tone", tone)
        grades = " · ".join(
            f"{share.quality_name or share.quality_id} {amount_text(share.units or 0, unit)} "
            f"({number_text(share.percent or 0)} %)"
            for share in session.quality_breakdown
        )
        self.quality.setText(
            self.tr("Quality (graded by Hydrobit): {grades}").format(grades=grades)
            if grades
            else self.tr("Hydrobit has not graded this session's quality yet.")
        )
        self.stack.setCurrentIndex(1)
        self.compared.emit()
