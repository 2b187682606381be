"""The day at a glance: units, workers, pay and sessions of the rows given (above the sessions table, and the
Overview's "today")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QWidget

from hydrodesk.domain.session_board import LimitState, day_totals
from hydrodesk.ui import formats
from hydrodesk.ui.widgets.card import Card

if TYPE_CHECKING:  # the rows module reads the store (SQLAlchemy): the Overview shows this widget before sign-in
    from hydrodesk.ui.sessions.rows import SessionRow


class DaySummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units_card = Card(self.tr("Units"), self)
        self.workers_card = Card(self.tr("Workers"), self)
        self.pay_card = Card(self.tr("Pay"), self)
        self.sessions_card = Card(self.tr("Sessions"), self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for column, card in enumerate((self.units_card, self.workers_card, self.pay_card, self.sessions_card)):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)

    def show_rows(self, rows: Sequence[SessionRow]) -> None:
        # A session the server refused to open never held anything.
        counted = [row for row in rows if not row.refused]
        totals = day_totals(row.totals for row in counted)
        pending = (
            self.tr("{units} pending").format(units=formats.number_text(totals.pending_units))
            if totals.pending_units
            else self.tr("all on the server")
        )
        units = {str(row.data.get("sampling_unit") or "") for row in counted}
        # One unit for the day ("1196,9 kg"); sessions weighing in different units add up to a bare number.
        amount = (
            formats.amount_text(totals.units, units.pop()) if len(units) == 1 else formats.number_text(totals.units)
        )
        self.units_card.set_content(amount, pending)
        self.workers_card.set_content(formats.number_text(totals.workers), self.tr("with at least one record"))
        pay = "—" if totals.pay is None else formats.money_text(totals.pay)
        self.pay_card.set_content(pay, self.tr("units × price, plus bonuses"))
        still_open = [row for row in counted if row.is_open and not row.closing]
        nearing = sum(1 for row in still_open if row.limit.state is LimitState.NEARING)
        overdue = sum(1 for row in still_open if row.limit.state is LimitState.OVERDUE)
        parts = [
            formats.counted(len(still_open), self.tr("1 open"), self.tr("{count} open")),
            formats.counted(len(counted) - len(still_open), self.tr("1 closed"), self.tr("{count} closed")),
        ]
        if nearing:
            parts.append(formats.counted(nearing, self.tr("1 near its time limit"), self.tr("{count} near time limit")))
        if overdue:
            parts.append(formats.counted(overdue, self.tr("1 past its time limit"), self.tr("{count} past time limit")))
        self.sessions_card.set_content(formats.number_text(len(counted)), " · ".join(parts))
