"""A table model over a list of plain rows, described column by column: the irrigation pane's tables.

Each column says how a row shows (text), sorts (SORT_ROLE: numbers as numbers), aligns, and optionally colours
and explains itself. `update_rows` keeps the view's selection and scroll position when the same rows come back
with new values (a live refresh), and resets only when rows were added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], object] | None = None
    numeric: bool = False
    color: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None


class RowsTableModel(QAbstractTableModel):
    rows_are_values = False
    """True when rows are immutable values (equal rows show alike) and a cell depends on its row alone: update_rows
    then refreshes only the rows that differ. False (the default) refreshes every row: a row changed in place, or a
    column that reads state beside the row, shows its new text either way."""

    def __init__(self, key: Callable[[Any], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self._rows: list[Any] = []
        self.columns: list[Column] = []

    # ------------------------------------------------------------------------------------------ rows
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: Sequence[Any]) -> None:
        """New values for the rows: cells refreshed in place when the same rows come back in the same order."""
        rows = list(rows)
        if [self._key(row) for row in rows] != [self._key(row) for row in self._rows]:
            self.set_rows(rows)
            return
        before, self._rows = self._rows, rows
        last = len(self.columns) - 1
        if not self.rows_are_values:
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, last))
            return
        # Only the runs of rows whose values changed: one tally entry changes one worker's row, and a change to
        # every row would have a sorting proxy sort again and the view repaint it all.
        changed = [index for index, (old, new) in enumerate(zip(before, rows, strict=True)) if old != new]
        for first, end in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((index for index, row in enumerate(self._rows) if self._key(row) == key), -1)

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(row)
            return column.text(row).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            return column.color(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == ID_ROLE:
            return self._key(row)
        return None


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)]: the ascending indexes as first..last runs."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs
