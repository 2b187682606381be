"""Qt models of the roster pane, each a thin adapter over domain data:

- RosterTableModel: the roster rows (hydrodesk.store.views.Row: the cache's workers and the ones created here);
- WorkerHistoryModel: one worker's share of recent sessions (hydrodesk.domain.worker_tallies.SessionShare);
- OptionChoicesModel: a checkable list of template options (the create form's skills).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from hydrodesk.domain.outbox import ATTENTION_STATES
from hydrodesk.domain.roster import full_name
from hydrodesk.domain.worker_tallies import SessionShare
from hydrodesk.store.views import Row
from hydrodesk.ui import formats
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.workers.labels import label_for

ModelIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def row_key(row: Row) -> str:
    """What identifies a roster row across reloads: the worker_id, or the outbox entry of one made here."""
    if row.pending and row.entry is not None:
        return f"pending:{row.entry.entry_id}"
    return str(row.data.get("worker_id"))


def needs_attention(row: Row) -> bool:
    return row.pending and row.entry is not None and row.entry.state in ATTENTION_STATES


# ------------------------------------------------------------------------------------------------ the roster
NAME, WORKER_ID, POSITION, EMPLOYMENT, STATUS, HIRE_DATE, PHONE, SYNC = range(8)


class RosterTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._keys: list[str] = []
        self._warn = QColor("#d68910")
        self._error = QColor("#b03a2e")

    def set_colors(self, warn: QColor, error: QColor) -> None:
        self._warn, self._error = QColor(warn), QColor(error)
        if self._rows:
            self.dataChanged.emit(self.index(0, SYNC), self.index(len(self._rows) - 1, SYNC))

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New rows; when the same rows come back (a reload), cells update in place and the selection stays."""
        rows = list(rows)
        keys = [row_key(row) for row in rows]
        if keys == self._keys:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, SYNC))
            return
        self.beginResetModel()
        self._rows, self._keys = rows, keys
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str | None) -> int:
        try:
            return self._keys.index(key) if key is not None else -1
        except ValueError:
            return -1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SYNC + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            NAME: self.tr("Name"),
            WORKER_ID: self.tr("Worker ID"),
            POSITION: self.tr("Position"),
            EMPLOYMENT: self.tr("Employment"),
            STATUS: self.tr("Status"),
            HIRE_DATE: self.tr("Hired"),
            PHONE: self.tr("Phone"),
            SYNC: self.tr("Sync"),
        }.get(section)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            if column == HIRE_DATE:
                return str(row.data.get("hire_date") or "")
            if column == SYNC:  # stopped first, then on their way, then confirmed
                return 0 if needs_attention(row) else 1 if row.pending else 2
            return self._text(row, column).casefold()
        if role == ID_ROLE:
            return row_key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == SYNC and row.pending:
            return self._error if needs_attention(row) else self._warn
        if role == Qt.ItemDataRole.FontRole and row.pending:
            font = QFont()
            font.setItalic(True)  # not on the server yet
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == SYNC and row.pending and row.entry is not None:
            return row.entry.reason or self.tr("Saved on this computer; it is sent when the server can be reached.")
        return None

    def _text(self, row: Row, column: int) -> str:
        data = row.data
        if column == NAME:
            return full_name(data)
        if column == WORKER_ID:
            return str(data.get("worker_id") or "")
        if column == POSITION:
            return label_for(data.get("position"))
        if column == EMPLOYMENT:
            return label_for(data.get("employment_type"))
        if column == STATUS:
            return label_for(data.get("status") or "active")
        if column == HIRE_DATE:
            return formats.iso_day_text(data.get("hire_date"))
        if column == PHONE:
            return str(data.get("phone") or "")
        if column == SYNC:
            if not row.pending:
                return ""
            return self.tr("Needs attention") if needs_attention(row) else self.tr("Pending")
        return ""


# ------------------------------------------------------------------------------------------------ a worker's tallies
DAY, SECTOR, UNITS, RECORDS, VOIDS, PAY, SESSION_STATUS = range(7)


class WorkerHistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shares: list[SessionShare] = []

    def set_shares(self, shares: Iterable[SessionShare]) -> None:
        self.beginResetModel()
        self._shares = list(shares)
        self.endResetModel()

    @property
    def shares(self) -> list[SessionShare]:
        return list(self._shares)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shares)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SESSION_STATUS + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                DAY: self.tr("Day"),
                SECTOR: self.tr("Sector"),
                UNITS: self.tr("Units"),
                RECORDS: self.tr("Records"),
                VOIDS: self.tr("Voids"),
                PAY: self.tr("Pay"),
                SESSION_STATUS: self.tr("Session"),
            }.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in (UNITS, RECORDS, VOIDS, PAY) else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shares):
            return None
        share = self._shares[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(share, column)
        if role == SORT_ROLE:
            return {
                DAY: share.day,
                UNITS: share.units,
                RECORDS: share.records,
                VOIDS: share.voids,
                PAY: share.pay.total,
            }.get(column, self._text(share, column).casefold())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (UNITS, RECORDS, VOIDS, PAY) else _LEFT
        if role == ID_ROLE:
            return share.session_id
        if role == Qt.ItemDataRole.ToolTipRole and column == UNITS and share.has_pending:
            return self.tr("{units} of them not on the server yet").format(
                units=formats.number_text(share.pending_units)
            )
        return None

    def _text(self, share: SessionShare, column: int) -> str:
        if column == DAY:
            return formats.iso_day_text(share.day)
        if column == SECTOR:
            return share.sector_name
        if column == UNITS:
            text = formats.amount_text(share.units, share.sampling_unit)  # "13 cajas", "101,9 kg"
            return text + " *" if share.has_pending else text
        if column == RECORDS:
            return QLocale().toString(share.records)
        if column == VOIDS:
            return QLocale().toString(share.voids)
        if column == PAY:
            return formats.money_text(share.pay.total)
        if column == SESSION_STATUS:
            return self.tr("Open") if share.status == "open" else self.tr("Closed")
        return ""


# ------------------------------------------------------------------------------------------------ checkable options
class OptionChoicesModel(QAbstractListModel):
    """Template options with a check box each; `checked()` gives the ticked values in the options' order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: list[str] = []
        self._checked: set[str] = set()

    def set_options(self, values: Iterable[str], checked: Iterable[str] = ()) -> None:
        self.beginResetModel()
        self._values = list(dict.fromkeys(values))
        self._checked = set(checked) & set(self._values)
        self.endResetModel()

    def checked(self) -> list[str]:
        return [value for value in self._values if value in self._checked]

    def set_checked(self, value: str, checked: bool) -> None:
        if value in self._values:
            row = self._values.index(value)
            self.setData(
                self.index(row),
                Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole,
            )

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label_for(value)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return value
        return None

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not 0 <= index.row() < len(self._values):
            return False
        option = self._values[index.row()]
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[call-overload]  # views pass an int
        if state == Qt.CheckState.Checked:
            self._checked.add(option)
        else:
            self._checked.discard(option)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
