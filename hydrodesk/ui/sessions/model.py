"""The day's sessions as a table: a thin adapter over SessionRow values (hydrodesk.ui.sessions.rows).

Two columns carry a badge (BADGE_ROLE gives its tone; the BadgeDelegate paints it): the status (open, closed,
pending, refused) and the time limit (nearing or past the session's maximum duration). Numbers sort as numbers
(SORT_ROLE); a value changed here and still on its way to the server is shown in italics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from hydrodesk.domain.people import person_text
from hydrodesk.domain.session_board import LimitState, has_bonus
from hydrodesk.ui import formats
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.sessions import texts
from hydrodesk.ui.sessions.rows import SessionRow

ModelIndex = QModelIndex | QPersistentModelIndex

# The tone of a badge cell ("ok", "warn", "error", "pending", "neutral"); None: plain text.
BADGE_ROLE = int(Qt.ItemDataRole.UserRole) + 120

SECTOR, STATUS, OPENED, LIMIT, UNITS, WORKERS, PAY, PRICE, BONUS, OWNER, SESSION_ID = range(11)
NUMERIC = frozenset({UNITS, WORKERS, PAY})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# Which session fields each column shows, to italicise a column whose value is a pending change.
_FIELDS = {
    STATUS: {"status", "closed_at"},
    LIMIT: {"max_duration_hours", "status"},
    PRICE: {"price_per_unit", "sampling_unit"},
    BONUS: {"bonus"},
    PAY: {"price_per_unit", "bonus"},
}


class SessionsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = []
        self.people: dict[str, str] = {}
        """Account id -> name: colleagues' sessions show who opened them by name (hydrodesk.domain.people)."""

    # ------------------------------------------------------------------------------------------ rows
    def set_rows(self, rows: Sequence[SessionRow]) -> None:
        """New rows; cells change in place when the same sessions come back in the same order (a live refresh
        keeps the selection and scroll position), the model resets otherwise."""
        rows = list(rows)
        if [row.key for row in rows] == [row.key for row in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    @property
    def rows(self) -> list[SessionRow]:
        return list(self._rows)

    def row_at(self, row: int) -> SessionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str | None) -> int:
        return next((index for index, row in enumerate(self._rows) if row.key == key), -1)

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 11

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 11:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Sector"),
                self.tr("Status"),
                self.tr("Opened"),
                self.tr("Time limit"),
                self.tr("Units"),
                self.tr("Workers"),
                self.tr("Pay"),
                self.tr("Price"),
                self.tr("Bonus"),
                self.tr("Opened by"),
                self.tr("Session ID"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in NUMERIC else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < 11:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == BADGE_ROLE:
            return self._badge(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == ID_ROLE:
            return row.key
        return None

    # ------------------------------------------------------------------------------------------ cells
    def _text(self, row: SessionRow, column: int) -> str:
        data, totals = row.data, row.totals
        if column == SECTOR:
            return row.sector_name
        if column == STATUS:
            return self.status_text(row)
        if column == OPENED:
            return formats.time_text(row.opened_at, row.timezone)
        if column == LIMIT:
            return self.limit_text(row)
        if column == UNITS:
            text = formats.number_text(totals.units)
            if totals.pending_units:
                text += " " + self.tr("(+{units} pending)").format(units=formats.number_text(totals.pending_units))
            return text
        if column == WORKERS:
            return formats.number_text(totals.workers)
        if column == PAY:
            return "—" if totals.pay is None else formats.money_text(totals.pay)
        if column == PRICE:
            return texts.price_text(float(data.get("price_per_unit") or 0), str(data.get("sampling_unit") or ""))
        if column == BONUS:
            return texts.bonus_text(row.bonus) if has_bonus(row.bonus) else "—"
        if column == OWNER:
            return self.tr("You") if row.mine else self.owner_text(data)
        if column == SESSION_ID:
            return row.key
        return ""

    def owner_text(self, data: Mapping[str, Any]) -> str:
        """Who opened the session: their name when known, else their account id."""
        return person_text(str(data.get("owner_auth0_id") or ""), self.people)

    def status_text(self, row: SessionRow) -> str:
        if row.refused:
            return self.tr("Not opened")
        if row.pending_open:
            return self.tr("Open · pending")
        if row.closing:
            return self.tr("Closed · pending")
        if row.problem:
            return self.tr("Change refused")
        return self.tr("Open") if row.is_open else self.tr("Closed")

    def limit_text(self, row: SessionRow) -> str:
        limit = row.limit
        if row.refused:
            return ""
        if limit.state is LimitState.CLOSED:
            closed = row.closed_at
            return (
                ""
                if closed is None
                else self.tr("Closed at {time}").format(time=formats.time_text(closed, row.timezone))
            )
        if limit.state is LimitState.OVERDUE:
            return self.tr("Over by {duration}").format(duration=texts.duration_text(limit.overdue_by))
        return self.tr("{duration} left").format(duration=texts.duration_text(limit.left))

    def _sort_key(self, row: SessionRow, column: int) -> object:
        totals = row.totals
        if column == OPENED:
            return str(row.data.get("opened_at") or "")
        if column == LIMIT:
            # Closed sessions last; open ones by how soon they run out.
            return float("inf") if row.limit.state is LimitState.CLOSED else row.limit.left.total_seconds()
        if column == UNITS:
            return totals.units
        if column == WORKERS:
            return float(totals.workers)
        if column == PAY:
            return -1.0 if totals.pay is None else totals.pay
        if column == PRICE:
            return float(row.data.get("price_per_unit") or 0)
        if column == BONUS:
            bonus = row.bonus
            return float(bonus.value) if has_bonus(bonus) and bonus is not None else 0.0
        return self._text(row, column).casefold()

    def _badge(self, row: SessionRow, column: int) -> str | None:
        if column == STATUS:
            if row.refused or row.problem:
                return "error"
            if row.pending_open or row.closing:
                return "pending"
            return "ok" if row.is_open else "neutral"
        if column == LIMIT and not row.refused:
            if row.limit.state is LimitState.OVERDUE:
                return "error"
            if row.limit.state is LimitState.NEARING:
                return "warn"
        return None

    def _font(self, row: SessionRow, column: int) -> QFont | None:
        pending = (column == SESSION_ID and row.pending_open) or bool(
            _FIELDS.get(column, set()) & row.overlay.changed_fields
        )
        if not pending:
            return None
        font = QFont()
        font.setItalic(True)
        return font

    def _tooltip(self, row: SessionRow, column: int) -> str | None:
        if column == STATUS:
            return self.status_tooltip(row)
        if column == LIMIT:
            return self.limit_tooltip(row)
        if column == OPENED:
            return f"{formats.moment_text(row.opened_at, row.timezone)} ({row.timezone})"
        if column == UNITS and row.totals.from_server:
            return self.tr("The server's total: this session's records are not on this computer yet.")
        if column == UNITS and row.totals.has_pending:
            return formats.counted(
                row.totals.pending_records,
                self.tr("{units} of these units (1 record) are not on the server yet."),
                self.tr("{units} of these units ({count} records) are not on the server yet."),
                units=formats.number_text(row.totals.pending_units),
            )
        if column == PAY and row.totals.pay is None:
            return self.tr("Pay is worked out from the records, which are not on this computer yet.")
        if column == BONUS and row.bonus is not None and row.bonus.note:
            return row.bonus.note
        if column == SESSION_ID and row.pending_open:
            return self.tr("A local id: the server gives the session its own id once it has it.")
        if _FIELDS.get(column, set()) & row.overlay.changed_fields:
            return self.tr("Changed on this computer; on its way to the server.")
        return None

    def status_tooltip(self, row: SessionRow) -> str:
        if row.refused:
            return self.tr("The server did not open this session: {reason}").format(reason=row.problem or "")
        if row.pending_open:
            return self.tr(
                "Saved on this computer and usable now; it is sent to Hydrobit as soon as the server can be "
                "reached. Until then it goes by the local id {id}."
            ).format(id=row.key)
        if row.problem:
            return self.tr("The server refused a change to this session: {reason}").format(reason=row.problem)
        if row.closing:
            return self.tr("Closed on this computer; the close is on its way to the server.")
        return self.tr("Open: records can be added.") if row.is_open else self.tr("Closed: no more records.")

    def limit_tooltip(self, row: SessionRow) -> str | None:
        limit, zone = row.limit, row.timezone
        hours = formats.number_text(float(row.data.get("max_duration_hours") or 0))
        deadline = formats.time_text(limit.deadline, zone)
        if row.refused:
            return None
        if limit.state is LimitState.CLOSED:
            return self.tr("Maximum duration {hours} h (until {time}).").format(hours=hours, time=deadline)
        if limit.state is LimitState.OVERDUE:
            return self.tr(
                "Past its maximum duration of {hours} h since {time} ({duration} ago). Close the session, or "
                "extend it if the crew is still picking."
            ).format(hours=hours, time=deadline, duration=texts.duration_text(limit.overdue_by))
        text = self.tr("Maximum duration {hours} h: it ends at {time}, in {duration}.").format(
            hours=hours, time=deadline, duration=texts.duration_text(limit.left)
        )
        if limit.state is LimitState.NEARING:
            text += " " + self.tr("Close it or extend it before then.")
        return text
