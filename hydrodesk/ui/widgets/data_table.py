"""A table with what every HydroDesk table needs: a filter box, click-to-sort headers, a row count and CSV/XLSX
export.

Give it a source model whose numeric columns answer SORT_ROLE; the table puts a sort/filter proxy in between and
exports exactly what that proxy shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.table_export import export_view


class DataTable(QWidget):
    current_row_changed = Signal(QModelIndex)  # an index of the source model (invalid when nothing is selected)
    exported = Signal(str, int)  # path, rows written
    export_failed = Signal(str, str)  # path, reason

    def __init__(self, *, export_name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The file name the export suggests: the caller translates it (tr(..., "file name")), like every word shown.
        self._export_name = export_name or self.tr("table", "file name")
        self._export_dir = Path.home()

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # match in any column
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("TableFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(320)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self._filter_icon = self.filter_edit.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("Muted")

        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(self.tr("Save the rows shown, in the order shown, as a CSV or Excel file"))
        self.export_button.clicked.connect(self.choose_export_file)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.modelReset.connect(self._fit_columns)
        self.proxy.layoutChanged.connect(self._update_count)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    # ------------------------------------------------------------------------------------------ model
    def set_source_model(self, model: object) -> None:
        self.proxy.setSourceModel(model)  # type: ignore[arg-type]
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._fit_columns()
        self._update_count()

    def _fit_columns(self) -> None:
        # Wide enough for the content and the header, with room to breathe; the last column takes the rest.
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, max(header.sectionSize(column) + 24, 96))

    def set_icons(self, filter_icon: QIcon, export_icon: QIcon) -> None:
        self._filter_icon.setIcon(filter_icon)
        self.export_button.setIcon(export_icon)

    def select_source_row(self, row: int) -> None:
        """Select (and scroll to) the row showing source row `row`; clear the selection for -1."""
        if row < 0 or self.proxy.sourceModel() is None:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            return
        index = self.proxy.mapFromSource(self.proxy.sourceModel().index(row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    # ------------------------------------------------------------------------------------------ filter
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _apply_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self, *_: object) -> None:
        source = self.proxy.sourceModel()
        total = source.rowCount() if source is not None else 0
        shown = self.proxy.rowCount()
        if shown == total == 1:
            self.count_label.setText(self.tr("1 row"))
        elif shown == total:
            self.count_label.setText(self.tr("{total} rows").format(total=total))
        else:
            self.count_label.setText(self.tr("{shown} of {total} rows").format(shown=shown, total=total))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_row_changed.emit(self.proxy.mapToSource(current) if current.isValid() else QModelIndex())

    # ------------------------------------------------------------------------------------------ export
    def export_to_file(self, path: Path) -> int:
        """Write the rows shown to `path` (CSV, or XLSX for a .xlsx name); returns how many."""
        return export_view(self.view, path)

    def choose_export_file(self) -> None:
        # A non-modal dialog (open(), not exec()): it never nests an event loop inside the asyncio loop.
        dialog = QFileDialog(self, self.tr("Export table"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("Excel workbooks (*.xlsx)")])
        dialog.setDefaultSuffix("csv")
        dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix("xlsx" if "xlsx" in chosen else "csv"))
        dialog.setDirectory(str(self._export_dir))
        dialog.selectFile(suggested_file_name(self._export_name, suffix=".csv"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._export_to)
        dialog.open()

    def _export_to(self, filename: str) -> None:
        path = Path(filename)
        try:
            rows = self.export_to_file(path)
        except OSError as error:
            self.export_failed.emit(str(path), error.strerror or str(error))
            return
        self._export_dir = path.parent
        self.exported.emit(str(path), rows)
