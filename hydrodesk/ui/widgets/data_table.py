"""A table with what every HydroDesk table needs: a filter box, click-to-sort headers, a row count, columns as wide
as their text, CSV/XLSX export and printing.

Give it a source model whose numeric columns answer SORT_ROLE; the table puts a sort/filter proxy in between and
exports and prints exactly what that proxy shows.

Keys: while the focus is in the table (its rows or its filter box), Ctrl+P prints it and Ctrl+Shift+P saves it as
PDF. The table claims these keys before any shortcut sees them (ShortcutOverride), so a pane's own Ctrl+P (the
Tallies day report) answers everywhere else in the pane: the focused table comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCursor, QHelpEvent, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.folded_pattern import folded_pattern
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui.export_feedback import write_error_text
from hydrodesk.ui.formats import counted
from hydrodesk.ui.keys import KeyHelp, key_text
from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.table_export import export_view, shown_columns
from hydrodesk.ui.widgets.busy_notice import BusyNotice
from hydrodesk.ui.widgets.column_fit import ColumnFitter
from hydrodesk.ui.widgets.empty_note import EmptyNote
from hydrodesk.ui.widgets.sort_arrows import point_ascending_up
from hydrodesk.ui.widgets.table_export_job import TableExportJob

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog

    from hydrodesk.ui.widgets.table_print import PrintedTable


# Up to this many rows the filter follows every keystroke. A bigger table filters once typing pauses (or on Enter):
# the proxy asks the model for every cell it searches, and at 100,000 rows that takes seconds a keystroke.
LIVE_FILTER_ROWS = 20_000
FILTER_PAUSE_MS = 300


def print_keys() -> QKeySequence:
    """Ctrl+P (Cmd+P on macOS). A function: a standard key needs the application's platform, not there at import."""
    return QKeySequence(QKeySequence.StandardKey.Print)


def save_pdf_keys() -> QKeySequence:
    return QKeySequence("Ctrl+Shift+P")


def table_keys() -> list[KeyHelp]:
    """The keys every table answers to while it has the focus (the F1 sheet's "In a table" lines)."""
    translate = QCoreApplication.translate
    return [
        KeyHelp(key_text(print_keys()), translate("DataTable", "Print the rows shown, sorted and filtered as shown")),
        KeyHelp(key_text(save_pdf_keys()), translate("DataTable", "Save the rows shown as a PDF file")),
    ]


class DataTable(QWidget):
    current_row_changed = Signal(QModelIndex)  # an index of the source model (invalid when nothing is selected)
    exported = Signal(str, int)  # path, rows written
    export_failed = Signal(str, str)  # path, reason
    printed = Signal(int)  # rows sent to the printer (or the PDF the print dialog writes)

    def __init__(self, *, export_name: str | None = None, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The file name the export suggests: the caller translates it (tr(..., "file name")), like every word shown.
        self._export_name = export_name or self.tr("table", "file name")
        self._export_dir = Path.home()
        self.title = title  # heads a printout, before the window's title ("Tallies · Rancho San Pedro — HydroDesk")
        self.print_dialog: QPrintDialog | None = None
        self.columns_chosen = False  # the user chose which columns to show (the window remembers the choice)
        self.export_job: TableExportJob | None = None  # the latest export started from the dialog

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
        self.filter_edit.textChanged.connect(self._filter_typed)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self._filter_pause = QTimer(self)
        self._filter_pause.setSingleShot(True)
        self._filter_pause.setInterval(FILTER_PAUSE_MS)
        self._filter_pause.timeout.connect(self.apply_filter)
        self._applied_filter = ""
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
        # Tab leaves the table for the next control (a table view's own Tab walks its cells: a keyboard trap);
        # the arrow keys move between rows.
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        point_ascending_up(header)
        self.columns = ColumnFitter(self.view)
        self.empty_note = EmptyNote(self.view)
        self._empty_text = ""
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.columns.watch()
        for widget in (self.view, self.filter_edit, self.view.viewport()):
            widget.installEventFilter(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)

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
    def set_source_model(self, model: QAbstractItemModel) -> None:
        self.proxy.setSourceModel(model)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.columns.fit()
        self._update_count()

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

    def _filters_slowly(self) -> bool:
        """Too many rows to search at every keystroke (see LIVE_FILTER_ROWS)."""
        source = self.proxy.sourceModel()
        return source is not None and source.rowCount() > LIVE_FILTER_ROWS

    def _filter_typed(self, _text: str) -> None:
        if not self._filters_slowly() or not self.filter_edit.text():
            self.apply_filter()  # a cleared filter shows every row at once, whatever the size
            return
        self._filter_pause.start()  # restarted by each keystroke
        self._update_count()

    @property
    def filter_pending(self) -> bool:
        """Typed, but not applied yet (a big table waits for a pause in the typing)."""
        return self._filter_pause.isActive()

    def apply_filter(self) -> None:
        """Filter by what the filter box holds, now."""
        self._filter_pause.stop()
        self._applied_filter = self.filter_edit.text().strip()
        # Accents, case and extra spaces ignored, as the roster's search does ("valvula norte" finds "Válvula
        # Norte 1"): folded into the pattern, so the proxy still filters in C++.
        pattern = QRegularExpression(
            folded_pattern(self.filter_edit.text()), QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        slow = self._filters_slowly()
        if slow:  # a second or more: the pointer says the window is busy, not hung
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            self.proxy.setFilterRegularExpression(pattern)
        finally:
            if slow:
                QApplication.restoreOverrideCursor()
        self._update_count()

    def set_empty_text(self, text: str) -> None:
        """What the table says in its middle while it has no rows at all (why, and what to do)."""
        self._empty_text = text
        self._update_count()

    def _update_count(self, *_: object) -> None:
        source = self.proxy.sourceModel()
        total = source.rowCount() if source is not None else 0
        shown = self.proxy.rowCount()
        if shown:
            self.empty_note.say("")
        elif total and self._applied_filter:
            self.empty_note.say(
                self.tr("No row matches “{text}”. Esc clears the filter.").format(text=self._applied_filter)
            )
        else:
            self.empty_note.say(self._empty_text)
        if self.filter_pending:
            self.count_label.setText(self.tr("Filtering…"))
        elif shown == total == 1:
            self.count_label.setText(self.tr("1 row"))
        elif shown == total:
            self.count_label.setText(self.tr("{total} rows").format(total=total))
        else:
            self.count_label.setText(
                counted(total, self.tr("{shown} of 1 row"), self.tr("{shown} of {count} rows"), shown=shown)
            )

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_row_changed.emit(self.proxy.mapToSource(current) if current.isValid() else QModelIndex())

    # ------------------------------------------------------------------------------------------ export
    def export_to_file(self, path: Path) -> int:
        """Write the rows shown to `path` (CSV, or XLSX for a .xlsx name) at once, on this thread; returns how many.
        The Export… dialog goes through `_export_to` instead, which keeps the window responsive."""
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

    def _export_to(self, filename: str) -> TableExportJob | None:
        """Export in the background (the window stays usable); `exported` or `export_failed` tells the outcome."""
        if self.export_job is not None and self.export_job.running:
            self.export_failed.emit(filename, self.tr("an export of this table is still running"))
            return None
        path = Path(filename)
        job = TableExportJob(self.proxy, shown_columns(self.view), path, self)
        busy = BusyNotice(self, self.tr("Exporting the table to {name}…").format(name=path.name)).start()
        job.progress.connect(busy.set_progress)
        job.finished.connect(lambda _path, _rows: busy.finish())
        job.failed.connect(lambda _path, _error: busy.finish())
        job.finished.connect(self._on_export_finished)
        job.failed.connect(self._on_export_failed)
        self.export_job = job
        return job.start()

    def _on_export_finished(self, path: str, rows: int) -> None:
        self._export_dir = Path(path).parent
        self.exported.emit(path, rows)

    def _on_export_failed(self, path: str, error: OSError) -> None:
        reason = write_error_text(error)
        self.export_failed.emit(path, reason)
        # A status-bar line is easy to miss after a long export: say it where the user is looking.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Table not exported"),
            self.tr("{path} could not be written: {reason}.").format(path=path, reason=reason),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("ExportFailedMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------------------------------ columns
    def hidden_columns(self) -> list[int]:
        return sorted(self.columns.hidden)

    def set_hidden_columns(self, columns: Iterable[int]) -> None:
        """Show every column but these (the user's choice, or a pane's default for a narrow screen)."""
        hidden = set(columns)
        count = self.view.horizontalHeader().count()
        if count and len(hidden & set(range(count))) >= count:
            return  # never hide them all: the table would look empty
        self.columns.set_hidden(hidden)

    def set_elastic_columns(self, columns: Iterable[int]) -> None:
        """Columns of free text (notes, reasons): they give way before the table scrolls sideways; a cell cut short
        shows its whole text in a tool tip."""
        self.columns.elastic = set(columns)
        self.columns.fit()

    def _tooltip_for(self, index: QModelIndex) -> str | None:
        """The whole text of a cell drawn cut short ("Void: box inco…"), when the model has no tool tip of its own."""
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return None
        text = str(index.data() or "")
        width = self.view.horizontalHeader().sectionSize(index.column())
        return text if text and self.view.sizeHintForIndex(index).width() + 1 > width else None

    def _show_column_menu(self, position: QPoint) -> None:
        """A right click on the header: which columns to show (exports and printouts follow what is shown)."""
        header = self.view.horizontalHeader()
        model = self.view.model()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown = header.count() - len(self.hidden_columns())
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(header.isSectionHidden(column) or shown > 1)  # the last column shown stays
            action.toggled.connect(lambda on, column=column: self._toggle_column(column, on))
        menu.popup(header.mapToGlobal(position))

    def _toggle_column(self, column: int, shown: bool) -> None:
        self.columns_chosen = True
        hidden = set(self.hidden_columns())
        if shown:
            hidden.discard(column)
        else:
            hidden.add(column)
        self.set_hidden_columns(hidden)

    # ------------------------------------------------------------------------------------------ print
    def printed_table(self) -> PrintedTable:
        """What a printout of the table holds right now: the rows shown, as shown."""
        from hydrodesk.ui.widgets.table_print import shown_table

        window = self.window().windowTitle() if self.window() is not self else ""
        title = " · ".join(part for part in (self.title, window) if part) or self.tr("Table")
        return shown_table(self.view, title)

    def print_table(self) -> QPrintDialog:
        """Ctrl+P: the print dialog (opened, never exec()); the rows shown are printed when the user accepts."""
        # Imported here: print support is loaded the first time someone prints, not at start.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from hydrodesk.ui.widgets.table_print import default_page_size, print_table

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(default_page_size())
        table = self.printed_table()
        printer.setDocName(table.title)
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat:
            # No printer installed: Qt offers "Print to File (PDF)"; suggest a file rather than a bare folder.
            printer.setOutputFileName(str(self._export_dir / suggested_file_name(self._export_name, suffix=".pdf")))
        if self.print_dialog is not None:
            self.print_dialog.deleteLater()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("PrintTableDialog")
        dialog.setWindowTitle(self.tr("Print table"))
        # Kept alive as long as the dialog. (Not `dialog.printer`: that would hide QPrintDialog.printer().)
        dialog.table_printer = printer  # type: ignore[attr-defined]  # a Python attribute on the Qt object

        def print_it() -> None:
            print_table(self.printed_table(), printer)
            self.printed.emit(table.row_count)

        dialog.accepted.connect(print_it)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() itself wants a receiver and a slot name
        return dialog

    def write_pdf(self, path: Path) -> int:
        """Write the rows shown to `path` as a PDF; returns how many."""
        from hydrodesk.ui.widgets.table_print import write_table_pdf

        table = self.printed_table()
        write_table_pdf(table, path)
        return table.row_count

    def choose_pdf_file(self) -> None:
        """Ctrl+Shift+P: save the rows shown as a PDF file."""
        dialog = QFileDialog(self, self.tr("Save table as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([self.tr("PDF files (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(self._export_dir))
        dialog.selectFile(suggested_file_name(self._export_name, suffix=".pdf"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._pdf_to)
        dialog.open()

    def _pdf_to(self, filename: str) -> None:
        path = Path(filename)
        try:
            rows = self.write_pdf(path)
        except OSError as error:
            self.export_failed.emit(str(path), error.strerror or str(error))
            return
        self._export_dir = path.parent
        self.exported.emit(str(path), rows)

    # ------------------------------------------------------------------------------------------ keys and menu
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_for(self.view.indexAt(event.pos()))
            if text is not None:
                QToolTip.showText(event.globalPos(), text, self.view)
                return True
            return super().eventFilter(watched, event)
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            if watched is self.filter_edit and event.key() == Qt.Key.Key_Escape and self.filter_edit.text():
                event.accept()  # Esc clears the filter first (a dialog's Esc closes it only once it is empty)
                if kind == QEvent.Type.KeyPress:
                    self.filter_edit.clear()
                return True
            action = self._key_action(event)
            if action is not None:
                event.accept()  # ShortcutOverride accepted: the key comes here as a key press, no shortcut fires
                if kind == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], object] | None:
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(print_keys()) == QKeySequence.SequenceMatch.ExactMatch:
            return self.print_table
        if pressed.matches(save_pdf_keys()) == QKeySequence.SequenceMatch.ExactMatch:
            return self.choose_pdf_file
        return None

    def context_actions(self) -> list[QAction]:
        """What a right click on the rows offers (also the keys' descriptions in the shortcut sheet)."""
        actions = []
        for text, keys, slot in (
            (self.tr("Print…"), print_keys(), self.print_table),
            (self.tr("Save as PDF…"), save_pdf_keys(), self.choose_pdf_file),
            (self.tr("Export…"), QKeySequence(), self.choose_export_file),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown in the menu; the keys come above
            action.triggered.connect(lambda _checked=False, run=slot: run())
            actions.append(action)
        return actions

    def _show_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.context_actions():
            action.setParent(menu)
            menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(position))
