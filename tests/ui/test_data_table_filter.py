"""A table's filter finds what a hurried person types ("valvula norte" finds "Válvula Norte 1"), and an empty table
says why, in its middle: nothing there yet (in the pane's words), or a filter that hides every row (and Esc in the
filter box clears it). A table with rows shows no note."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.ui.models.devices import ModelIndex
from hydrodesk.ui.widgets.data_table import LIVE_FILTER_ROWS, DataTable


def shown_table(qtbot: QtBot) -> tuple[DataTable, QStandardItemModel]:
    table = DataTable()
    qtbot.addWidget(table)
    model = QStandardItemModel(0, 2, table)
    model.setHorizontalHeaderLabels(["Válvula", "Estado"])
    table.set_source_model(model)
    table.resize(600, 300)
    table.show()
    qtbot.waitExposed(table)
    return table, model


def test_an_empty_table_says_what_its_pane_asks_and_nothing_once_it_has_rows(qtbot: QtBot) -> None:
    table, model = shown_table(qtbot)
    assert not table.empty_note.isVisible()  # no word from the pane yet: its data may still be coming

    table.set_empty_text("No valve commands from this computer in this session.")
    assert table.empty_note.isVisible()
    assert table.empty_note.text() == "No valve commands from this computer in this session."
    assert table.view.viewport().rect().contains(table.empty_note.geometry())

    model.appendRow([QStandardItem("Válvula Norte 1"), QStandardItem("Abierta")])
    assert not table.empty_note.isVisible()
    model.removeRows(0, 1)
    assert table.empty_note.isVisible()


def test_a_filter_that_hides_every_row_says_so_and_esc_clears_it(qtbot: QtBot) -> None:
    table, model = shown_table(qtbot)
    table.set_empty_text("No valve commands from this computer in this session.")
    for name in ("Válvula Norte 1", "Válvula Sur", "Válvula Este"):
        model.appendRow([QStandardItem(name), QStandardItem("Cerrada")])

    table.filter_edit.setFocus()
    qtbot.keyClicks(table.filter_edit, "oeste")
    assert table.proxy.rowCount() == 0
    assert table.empty_note.isVisible()
    assert table.empty_note.text() == "No row matches “oeste”. Esc clears the filter."

    qtbot.keyClick(table.filter_edit, Qt.Key.Key_Escape)
    assert table.filter_edit.text() == ""
    assert table.proxy.rowCount() == 3
    assert not table.empty_note.isVisible()


def test_the_filter_ignores_accents_case_and_extra_spaces(qtbot: QtBot) -> None:
    table, model = shown_table(qtbot)
    rows = (("Válvula Norte 1", "Abierta"), ("Válvula Norte 2", "Cerrada"), ("Piña (lote 3.5)", "Sin datos"))
    for name, state in rows:
        model.appendRow([QStandardItem(name), QStandardItem(state)])

    def shown(typed: str) -> list[str]:
        table.filter_edit.setText(typed)
        return sorted(table.proxy.index(row, 0).data() for row in range(table.proxy.rowCount()))

    assert shown("valvula  NORTE") == ["Válvula Norte 1", "Válvula Norte 2"]
    assert shown("pina") == ["Piña (lote 3.5)"]
    assert shown("(lote 3.5)") == ["Piña (lote 3.5)"]  # brackets and dots as typed
    assert shown("lote 305") == []
    assert shown("cerrada") == ["Válvula Norte 2"]  # any column
    assert shown("") == ["Piña (lote 3.5)", "Válvula Norte 1", "Válvula Norte 2"]


class ManyRows(QAbstractTableModel):
    """`rows` rows of one column, "Válvula 0" onwards (cheap to make, unlike as many QStandardItems)."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"Válvula {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


def test_a_big_table_filters_once_typing_pauses_or_on_enter_and_says_so_meanwhile(qtbot: QtBot) -> None:
    table = DataTable()
    qtbot.addWidget(table)
    rows = LIVE_FILTER_ROWS + 1
    table.set_source_model(ManyRows(rows))
    table.show()
    table.filter_edit.setFocus()

    qtbot.keyClicks(table.filter_edit, "valvula 1234")  # one search of every row, not one a keystroke
    assert table.filter_pending
    assert table.proxy.rowCount() == rows
    assert table.count_label.text() == "Filtering…"
    qtbot.waitUntil(lambda: not table.filter_pending)
    assert sorted(table.proxy.index(row, 0).data() for row in range(table.proxy.rowCount())) == [
        "Válvula 1234",
        *(f"Válvula 1234{digit}" for digit in range(10)),
    ]
    assert table.count_label.text() == f"11 of {rows} rows"
    assert QApplication.overrideCursor() is None  # the busy pointer of the search is gone with it

    qtbot.keyClicks(table.filter_edit, "5")
    assert table.filter_pending
    qtbot.keyClick(table.filter_edit, Qt.Key.Key_Return)  # Enter: at once
    assert not table.filter_pending
    assert table.proxy.rowCount() == 1

    qtbot.keyClick(table.filter_edit, Qt.Key.Key_Escape)  # cleared: every row again, at once
    assert not table.filter_pending
    assert table.proxy.rowCount() == rows


def test_a_small_table_filters_as_each_key_is_typed(qtbot: QtBot) -> None:
    table = DataTable()
    qtbot.addWidget(table)
    table.set_source_model(ManyRows(LIVE_FILTER_ROWS))
    qtbot.keyClicks(table.filter_edit, "valvula 19999")
    assert not table.filter_pending
    assert table.proxy.rowCount() == 1


def test_a_count_of_one_row_is_written_in_the_singular(qtbot: QtBot) -> None:
    table, model = shown_table(qtbot)
    model.appendRow([QStandardItem("Válvula Norte 1"), QStandardItem("Abierta")])
    assert table.count_label.text() == "1 row"
    qtbot.keyClicks(table.filter_edit, "oeste")
    assert table.count_label.text() == "0 of 1 row"  # not "0 of 1 rows"
    model.appendRow([QStandardItem("Válvula Oeste"), QStandardItem("Cerrada")])
    assert table.count_label.text() == "1 of 2 rows"
