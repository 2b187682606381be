"""A table export runs beside the window, not instead of it: the event loop keeps turning while 100,000 rows are
copied and written, progress is reported, and a failure (a full disk, a folder it may not write in) is said in
plain words, in a message and on the status bar."""

from __future__ import annotations

import csv
import errno
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hydrodesk.ui.export_feedback import write_error_text
from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.widgets.data_table import DataTable

ROWS = 100_000
WAIT_MS = 120_000  # a loaded 2-core machine; the export itself takes a few seconds


class NumberedRows(QAbstractTableModel):
    """Row n: "worker n", n units, n * 1.5 pay: cheap to build, easy to check in the file."""

    def __init__(self, rows: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        values = (f"worker {index.row():06d}", index.row(), index.row() * 1.5)
        if role == SORT_ROLE:
            return values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[index.column()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Worker", "Units", "Pay")[section]
        return None

    def grow(self, rows: int) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def table_of(qtbot: QtBot, rows: int) -> DataTable:
    """A table of `rows` rows in their own order: sorting 100,000 rows of a Python model in the proxy would take
    far longer than exporting them, and the export is what is under test."""
    table = DataTable()
    qtbot.addWidget(table)
    model = NumberedRows(0, table)
    table.set_source_model(model)
    table.proxy.sort(-1)
    model.grow(rows)
    return table


def test_a_100k_row_export_leaves_the_event_loop_turning_and_reports_progress(qtbot: QtBot, tmp_path: Path) -> None:
    table = table_of(qtbot, ROWS)
    ticks: list[int] = []
    progress: list[tuple[int, int]] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    target = tmp_path / "big.csv"

    with qtbot.waitSignal(table.exported, timeout=WAIT_MS) as exported:
        job = table._export_to(str(target))
        assert job is not None
        job.progress.connect(lambda done, total: progress.append((done, total)))
        assert job.running
        assert not target.exists()
    heartbeat.stop()

    assert exported.args == [str(target), ROWS]
    # The window's timers ran all along: many turns of the loop, and progress reported in many steps.
    assert len(ticks) > 20, len(ticks)
    assert len(progress) > 20
    assert progress[-1] == (2 * ROWS, 2 * ROWS)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        lines = list(csv.reader(stream))
    assert lines[0] == ["Worker", "Units", "Pay"]
    assert len(lines) == ROWS + 1
    assert lines[1] == ["worker 000000", "0", "0.0"]
    assert lines[-1] == ["worker 099999", "99999", "149998.5"]


def test_an_xlsx_export_keeps_numbers_as_numbers_and_in_the_order_shown(qtbot: QtBot, tmp_path: Path) -> None:
    table = table_of(qtbot, 50)
    table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the file follows the order shown
    target = tmp_path / "small.xlsx"
    with qtbot.waitSignal(table.exported, timeout=WAIT_MS):
        table._export_to(str(target))
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("Worker", "Units", "Pay")
    assert rows[1] == ("worker 000049", 49, 73.5)
    assert len(rows) == 51


def test_a_full_disk_is_said_in_plain_words_and_nothing_claims_success(qtbot: QtBot) -> None:
    table = table_of(qtbot, 5_000)
    with qtbot.assertNotEmitted(table.exported), qtbot.waitSignal(table.export_failed, timeout=WAIT_MS) as failed:
        table._export_to("/dev/full")  # every write there fails with ENOSPC, as on a full disk
    assert failed.args[0] == "/dev/full"
    assert "disk is full" in failed.args[1]
    qtbot.waitUntil(lambda: table.findChild(QMessageBox, "ExportFailedMessage") is not None)
    assert "disk is full" in table.findChild(QMessageBox, "ExportFailedMessage").text()


def test_write_errors_are_worded_for_a_farm_office() -> None:
    assert "permission denied" in write_error_text(PermissionError(errno.EACCES, "Permission denied"))
    assert "folder does not exist" in write_error_text(FileNotFoundError(errno.ENOENT, "No such file"))
    assert write_error_text(OSError(errno.EIO, "Input/output error")) == "Input/output error"
