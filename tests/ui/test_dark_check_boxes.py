"""Check boxes can be seen on the dark theme, ticked or not, in a form and in a list (the Telemetry pane's series).
Fusion outlines a box in the window colour made darker: on the dark theme's near-black that is no outline at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QTreeWidget, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.theme import ThemeManager


def colours_at_left(widget: QWidget, width: int = 28) -> set[str]:
    """The colours painted in the widget's first `width` pixels across: where a check box's indicator is."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return {QColor(image.pixel(x, y)).name() for x in range(min(width, image.width())) for y in range(image.height())}


def apply(qapp: QApplication, theme: str) -> dict[str, str]:
    themes = ThemeManager(qapp, theme)
    themes.apply(theme)
    return themes.current.tokens


@pytest.fixture
def dark(qapp: QApplication) -> dict[str, str]:
    return apply(qapp, "dark")


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(220, 40)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_check_box_is_outlined_unticked_and_filled_ticked_on_the_dark_theme(
    qtbot: QtBot, dark: dict[str, str]
) -> None:
    box = QCheckBox("Intro registra 1 caja")
    shown(qtbot, box)
    assert dark["muted"] in colours_at_left(box)  # the outline of the empty box
    box.setChecked(True)
    painted = colours_at_left(box)
    assert dark["accent"] in painted
    assert "#ffffff" in painted  # the tick


def test_a_lists_check_boxes_are_outlined_unticked_and_filled_ticked_on_the_dark_theme(
    qtbot: QtBot, dark: dict[str, str]
) -> None:
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    series = QTreeWidgetItem(["Batería"])
    series.setCheckState(0, Qt.CheckState.Unchecked)
    tree.addTopLevelItem(series)
    shown(qtbot, tree)
    assert dark["muted"] in colours_at_left(tree)
    series.setCheckState(0, Qt.CheckState.Checked)
    assert dark["accent"] in colours_at_left(tree)
