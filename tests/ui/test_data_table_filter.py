"""A table's filter finds what a hurried person types ("valvula norte" finds "Válvula Norte 1"), and an empty table
says why, in its middle: nothing there yet (in the pane's words), or a filter that hides every row (and Esc in the
filter box clears it). A table with rows shows no note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from pytestqt.qtbot import QtBot

from hydrodesk.ui.widgets.data_table import DataTable


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
