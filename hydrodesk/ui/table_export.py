"""Export a table exactly as it is shown: the rows left by the filter, in the shown order and columns.

CSV gets the display text; XLSX gets numbers as numbers (the raw value behind a numeric column) so totals add up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from hydrodesk.exports.tabular import Cell, is_xlsx, write_table
from hydrodesk.ui.models.roles import SORT_ROLE


def write_model(model: QAbstractItemModel, path: Path, columns: Sequence[int] | None = None) -> int:
    """Write the model's header and rows to `path` (CSV or XLSX by suffix); returns the number of rows written.

    Pass the proxy model a view shows (not its source) to get what the user sees.
    """
    chosen = list(columns) if columns is not None else list(range(model.columnCount()))
    headers = [
        text_of(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)) for column in chosen
    ]
    cell = raw_cell if is_xlsx(path) else display_cell
    rows = ([cell(model.index(row, column)) for column in chosen] for row in range(model.rowCount(QModelIndex())))
    return write_table(path, headers, rows)


def shown_columns(view: QTableView) -> list[int]:
    """The view's visible columns, left to right as the user arranged them."""
    header = view.horizontalHeader()
    logical = [header.logicalIndex(visual) for visual in range(header.count())]
    return [column for column in logical if not header.isSectionHidden(column)]


def export_view(view: QTableView, path: Path) -> int:
    return write_model(view.model(), path, shown_columns(view))


def display_cell(index: QModelIndex) -> Cell:
    return text_of(index.data(Qt.ItemDataRole.DisplayRole))


def raw_cell(index: QModelIndex) -> Cell:
    raw = index.data(SORT_ROLE)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    return display_cell(index)


def text_of(value: object) -> str:
    return "" if value is None else str(value)
