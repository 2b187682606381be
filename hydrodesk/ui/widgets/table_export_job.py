"""Export a table (CSV or XLSX) without freezing the window, however many rows it has.

Qt models may be read only on the GUI thread, so the rows shown are copied there, a slice per turn of the event
loop (timers, typing and repaints go on between slices); then a worker thread writes the file, which is the slow
part for an XLSX of 100,000 rows. The job reports progress as it goes and ends with `finished` or `failed`, both
on the GUI thread. If the table changes while it is being copied (a sync reloaded it), the copy starts over, so
the file holds what the table showed at one moment, never half of two.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, QTimer, Signal

from hydrodesk.exports.tabular import Cell, is_xlsx, write_table
from hydrodesk.ui.table_export import display_cell, raw_cell, text_of

ROWS_PER_SLICE = 1000  # about 10 ms of reading: the event loop gets a turn at least that often
POLL_MS = 50  # how often the GUI thread looks at the writer's progress


class TableExportJob(QObject):
    progress = Signal(int, int)  # rows copied or written so far, of how many (copy and write each count once)
    finished = Signal(str, int)  # path, rows written
    failed = Signal(str, object)  # path, the OSError

    def __init__(
        self, model: QAbstractItemModel, columns: Sequence[int], path: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.columns = list(columns)
        self.path = path
        self._cell = raw_cell if is_xlsx(path) else display_cell
        self._headers: list[str] = []
        # Tuples of text and numbers: the garbage collector stops tracking them, so a copy of 100,000 rows does not
        # make every collection on the GUI thread walk 100,000 more objects.
        self._rows: list[tuple[Cell, ...]] = []
        self._total = 0
        self._written = 0  # advanced by the writer thread; read by the GUI thread (an int: no lock needed)
        self._outcome: int | OSError | None = None
        self._thread: threading.Thread | None = None
        self._slicer = QTimer(self)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._copy_slice)
        self._poller = QTimer(self)
        self._poller.setInterval(POLL_MS)
        self._poller.timeout.connect(self._poll_writer)
        for changed in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            changed.connect(self._start_copy)

    @property
    def rows(self) -> int:
        """How many rows are being exported."""
        return self._total

    @property
    def running(self) -> bool:
        return self._slicer.isActive() or self._poller.isActive()

    def start(self) -> TableExportJob:
        self._start_copy()
        return self

    # ------------------------------------------------------------------------------------------ copy (GUI thread)
    def _start_copy(self, *_: object) -> None:
        if self._thread is not None:
            return  # the copy is complete and being written: later changes are for the next export
        model = self.model
        self._headers = [
            text_of(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            for column in self.columns
        ]
        self._rows = []
        self._total = model.rowCount(QModelIndex())
        self._slicer.start()

    def _copy_slice(self) -> None:
        model, cell, columns = self.model, self._cell, self.columns
        start = len(self._rows)
        for row in range(start, min(start + ROWS_PER_SLICE, self._total)):
            self._rows.append(tuple([cell(model.index(row, column)) for column in columns]))
        self.progress.emit(len(self._rows), 2 * self._total)
        if len(self._rows) >= self._total:
            self._slicer.stop()
            self._start_writer()

    # ------------------------------------------------------------------------------------------ write (a thread)
    def _start_writer(self) -> None:
        self._thread = threading.Thread(target=self._write, name=f"export {self.path.name}", daemon=True)
        self._thread.start()
        self._poller.start()

    def _write(self) -> None:
        def counted() -> object:
            for row in self._rows:
                yield row
                self._written += 1

        try:
            self._outcome = write_table(self.path, self._headers, counted())  # type: ignore[arg-type]
        except OSError as error:
            self._outcome = error

    def _poll_writer(self) -> None:
        thread = self._thread
        assert thread is not None
        if thread.is_alive():
            self.progress.emit(self._total + self._written, 2 * self._total)
            return
        self._poller.stop()
        thread.join()
        outcome = self._outcome
        if isinstance(outcome, OSError):
            self.failed.emit(str(self.path), outcome)
        else:
            self.progress.emit(2 * self._total, 2 * self._total)
            self.finished.emit(str(self.path), int(outcome or 0))

    def wait(self, timeout_s: float | None = None) -> None:
        """For shutdown: let a file being written be finished rather than cut."""
        if self._thread is not None:
            self._thread.join(timeout_s)
