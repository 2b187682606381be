"""Choosing a tab moves no other tab. The chosen tab used to be set bolder than the rest, so it grew and the tabs
beside it slid sideways at every click (the Irrigation pane's Valves, Programs, Logs, Alarms)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.theme import ThemeManager


@pytest.mark.parametrize("theme", ["light", "outdoor"])
def test_choosing_a_tab_leaves_every_tab_where_it_was(qtbot: QtBot, qapp: QApplication, theme: str) -> None:
    ThemeManager(qapp, theme).apply(theme)
    tabs = QTabWidget()
    for title in ("Válvulas", "Programas", "Registros", "Alarmas"):
        tabs.addTab(QLabel(title), title)
    qtbot.addWidget(tabs)
    tabs.resize(900, 300)  # room for every tab: a narrow bar scrolls to the chosen one
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    placed = [bar.tabRect(index) for index in range(bar.count())]

    for chosen in (2, 1, 3):
        tabs.setCurrentIndex(chosen)
        QApplication.processEvents()
        assert [bar.tabRect(index) for index in range(bar.count())] == placed
