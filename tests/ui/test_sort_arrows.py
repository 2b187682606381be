"""A column sorted ascending (A→Z) shows its arrow pointing up, as in Windows Explorer and the macOS Finder; Fusion
on its own drew it pointing down. Read from the pixels the header paints, in the light theme and after a switch to
the dark one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.widgets.data_table import DataTable


def header_image(header: QHeaderView) -> QImage:
    return header.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def arrow_widths(sorted_image: QImage, plain_image: QImage, section: QRect) -> list[int]:
    """Per pixel row, how many pixels of `section` the sort arrow covers: what differs from the same header
    painted without a sort indicator."""
    widths = []
    for y in range(section.top(), section.bottom() + 1):
        drawn = sum(
            1 for x in range(section.left(), section.right() + 1) if sorted_image.pixel(x, y) != plain_image.pixel(x, y)
        )
        if drawn:
            widths.append(drawn)
    return widths


def points_up(widths: list[int]) -> bool:
    return widths[0] < widths[-1]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_ascending_column_shows_an_arrow_pointing_up_and_a_descending_one_down(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    themes = ThemeManager(qapp, "light")
    themes.apply("light")
    table = DataTable()
    qtbot.addWidget(table)
    model = QStandardItemModel(0, 2, table)
    model.setHorizontalHeaderLabels(["Nombre", "Puesto"])
    for name, role in (("Carmen", "Supervisor"), ("Adriana", "Cosechador"), ("Begoña", "Regador")):
        cells = [QStandardItem(name), QStandardItem(role)]
        for cell in cells:
            cell.setData(cell.text(), SORT_ROLE)  # what DataTable sorts by
        model.appendRow(cells)
    table.set_source_model(model)
    table.resize(500, 200)
    table.show()
    qtbot.waitExposed(table)
    themes.apply(theme)  # switched while the table is shown, as from the View menu
    header = table.view.horizontalHeader()
    section = QRect(header.sectionViewportPosition(0), 0, header.sectionSize(0), header.height())

    header.setSortIndicatorShown(False)
    plain = header_image(header)
    header.setSortIndicatorShown(True)
    table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert table.proxy.index(0, 0).data() == "Adriana"
    ascending = arrow_widths(header_image(header), plain, section)
    table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table.proxy.index(0, 0).data() == "Carmen"
    descending = arrow_widths(header_image(header), plain, section)

    assert len(ascending) >= 3  # an arrow was drawn, several pixels tall
    assert len(descending) >= 3
    assert points_up(ascending)
    assert not points_up(descending)
