"""The outbox entries as a table: a thin adapter over hydrodesk.store.outbox_view.OutboxLine values."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from hydrodesk.store.outbox_view import OutboxLine
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.outbox import text

ModelIndex = QModelIndex | QPersistentModelIndex

STATE, KIND, WHAT, CREATED, ATTEMPTS, REASON = range(6)  # the long reason last: it takes the rest
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_SEQ_SPAN = 1_000_000_000  # more outbox entries than one computer will ever make


class OutboxTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[OutboxLine] = []
        self._attention_color: QColor | None = None

    def set_lines(self, lines: list[OutboxLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def set_attention_color(self, color: QColor) -> None:
        self._attention_color = color
        if self._lines:
            self.dataChanged.emit(self.index(0, STATE), self.index(len(self._lines) - 1, STATE))

    def line_at(self, row: int) -> OutboxLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, entry_id: str) -> int:
        return next((row for row, line in enumerate(self._lines) if line.entry_id == entry_id), -1)

    @property
    def lines(self) -> list[OutboxLine]:
        return list(self._lines)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                STATE: self.tr("State"),
                KIND: self.tr("Kind of change"),
                WHAT: self.tr("What it is"),
                ATTEMPTS: self.tr("Attempts"),
                REASON: self.tr("Server's reason"),
                CREATED: self.tr("Made at"),
            }.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == ATTEMPTS else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == SORT_ROLE:
            return self._sort_key(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == ATTEMPTS else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE and line.needs_attention:
            return self._attention_color
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REASON:
                return text.reason_text(line) or None
            if column in (STATE, WHAT):
                return text.what_to_do(line) or None
        if role == ID_ROLE:
            return line.entry_id
        return None

    def _display(self, line: OutboxLine, column: int) -> str:
        if column == STATE:
            return text.state_text(line.state)
        if column == KIND:
            return text.kind_text(line.kind)
        if column == WHAT:
            return text.describe(line)
        if column == ATTEMPTS:
            return str(line.attempts)
        if column == REASON:
            return text.reason_text(line)
        return text.moment_text(line.created_at, line.timezone)

    def _sort_key(self, line: OutboxLine, column: int) -> object:
        if column == STATE:
            # What needs the user first, newest first within each group.
            return float(text.state_rank(line.state) * _SEQ_SPAN + (_SEQ_SPAN - line.seq))
        if column == ATTEMPTS:
            return line.attempts
        if column == CREATED:
            return float(line.seq)  # the order the user made them in, whatever the time zone
        return self._display(line, column).casefold()
