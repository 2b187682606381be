"""Export a table as CSV exactly as it is shown: the rows left by the filter, in the shown order and columns."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView


def write_csv(model: QAbstractItemModel, path: Path, columns: Sequence[int] | None = None) -> int:
    """Write the model's header and every row's display text to `path`; returns the number of rows written.

    Pass the proxy model a view shows (not its source) to get what the user sees. UTF-8 with a byte-order mark,
    so spreadsheet programs read accented names correctly.
    """
    chosen = list(columns) if columns is not None else list(range(model.columnCount()))
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                _text(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
                for column in chosen
            ]
        )
        rows = model.rowCount(QModelIndex())
        for row in range(rows):
            writer.writerow([_text(model.index(row, column).data(Qt.ItemDataRole.DisplayRole)) for column in chosen])
    return rows


def shown_columns(view: QTableView) -> list[int]:
    """The view's visible columns, left to right as the user arranged them."""
    header = view.horizontalHeader()
    logical = [header.logicalIndex(visual) for visual in range(header.count())]
    return [column for column in logical if not header.isSectionHidden(column)]


def export_view(view: QTableView, path: Path) -> int:
    return write_csv(view.model(), path, shown_columns(view))


def _text(value: object) -> str:
    return "" if value is None else str(value)
