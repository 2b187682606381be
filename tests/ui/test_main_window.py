"""The main window against the real simulator: the demo farm's projects and sectors, the overview, the table."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.models.farm_tree import KIND_ROLE, PROJECT_ID_ROLE, SECTOR_ID_ROLE
from hydrodesk.ui.models.sectors import AREA, NAME
from hydrodesk.ui.panes import PANES
from hydrodesk.ui.panes.overview import OverviewPane

from .conftest import WindowKit


def overview(kit: WindowKit) -> OverviewPane:
    pane = kit.window.pane("overview")
    assert isinstance(pane, OverviewPane)
    return pane


def shown_column(pane: OverviewPane, column: int) -> list[str]:
    proxy = pane.sectors_table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_the_navigator_shows_the_demo_farms_projects_and_sectors(loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    projects = {project.project_id: project for project in window.projects}
    assert {"proj_123", "proj_456"} <= set(projects)
    assert projects["proj_123"].name == "Rancho San Pedro"

    model = window.navigator.model
    assert model.rowCount() == 1  # one company
    company = model.index(0, 0)
    assert company.data() == "Agrícola San Pedro"  # its name (companies/me), not comp_12345
    assert company.data(Qt.ItemDataRole.ToolTipRole) == "Agrícola San Pedro (comp_12345)"
    assert company.data(KIND_ROLE) == "company"
    tree = window.navigator.tree
    assert tree.visualRect(company).isValid()  # the root row is on screen, at the top of the tree
    assert tree.indexAt(tree.visualRect(company).center()) == company
    names = {
        model.index(row, 0, company).data(): model.index(row, 0, company) for row in range(model.rowCount(company))
    }
    assert {"Rancho San Pedro", "Finca El Mirador"} <= set(names)
    rancho = names["Rancho San Pedro"]
    sector_names = [model.index(row, 0, rancho).data() for row in range(model.rowCount(rancho))]
    assert "Lote A-1" in sector_names
    assert sorted(sector_names) == sorted(s.sector_name for s in projects["proj_123"].sectors)
    assert window.showing_data
    assert loaded_kit.monitor.state is ConnectionState.ONLINE
    assert window.status.connection_label.text().endswith("Online")
    assert window.account_button.text() == "María López"  # the toolbar says who is signed in


def test_selecting_a_sector_updates_the_overview(qtbot: QtBot, loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    assert window.navigator.select("proj_123")
    pane = overview(loaded_kit)
    assert pane.title_label.text() == "Rancho San Pedro"
    assert "America/Mexico_City" in pane.clock_card.detail_label.text()
    assert "per box" in pane.pay_card.value_label.text()
    assert pane.duration_card.value_label.text() == "12 h"
    rancho = next(p for p in window.projects if p.project_id == "proj_123")
    assert sorted(shown_column(pane, NAME)) == sorted(s.sector_name for s in rancho.sectors)

    assert window.navigator.select("proj_123", "sector_001")
    current = window.navigator.tree.currentIndex()
    assert current.data(PROJECT_ID_ROLE) == "proj_123"
    assert current.data(SECTOR_ID_ROLE) == "sector_001"
    assert pane.title_label.text() == "Lote A-1"
    assert "Rancho San Pedro" in pane.subtitle_label.text()
    assert "4.20 ha" in pane.subtitle_label.text()
    selected = pane.sectors_table.view.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["Lote A-1"]
    assert window.windowTitle().startswith("Rancho San Pedro")

    # The other project: another time zone, other sectors.
    assert window.navigator.select("proj_456")
    assert pane.title_label.text() == "Finca El Mirador"
    assert "America/Lima" in pane.clock_card.detail_label.text()
    assert "Lote A-1" not in shown_column(pane, NAME)


def test_clicking_a_table_row_selects_that_sector_in_the_navigator(qtbot: QtBot, loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    window.navigator.select("proj_123")
    pane = overview(loaded_kit)
    view = pane.sectors_table.view
    row = shown_column(pane, NAME).index("Lote B-1")
    rect = view.visualRect(pane.sectors_table.proxy.index(row, NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.tree.currentIndex().data(SECTOR_ID_ROLE) == "sector_003"
    assert pane.title_label.text() == "Lote B-1"


def test_the_sectors_table_sorts_and_filters(qtbot: QtBot, loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    window.navigator.select("proj_123")
    pane = overview(loaded_kit)
    table = pane.sectors_table
    sectors = next(p for p in window.projects if p.project_id == "proj_123").sectors

    # Clicking the area header sorts by the number, not the text; clicking again reverses.
    header = table.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, AREA))
    ascending = [s.sector_name for s in sorted(sectors, key=lambda s: s.area_ha or 0)]
    assert shown_column(pane, NAME) == ascending
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, AREA))
    assert shown_column(pane, NAME) == list(reversed(ascending))

    # Ctrl+F puts the cursor in the filter box; typing narrows the rows in every column.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert table.filter_edit.hasFocus()
    qtbot.keyClicks(table.filter_edit, "lote a-")
    assert sorted(shown_column(pane, NAME)) == ["Lote A-1", "Lote A-2"]
    assert table.count_label.text() == f"2 of {len(sectors)} rows"
    table.filter_edit.setText("Ventura")  # matches the variety column
    assert set(shown_column(pane, NAME)) == {s.sector_name for s in sectors if s.variety == "Ventura"}
    table.filter_edit.clear()
    assert len(shown_column(pane, NAME)) == len(sectors)


def _section_center(header: QHeaderView, column: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_csv_export_writes_what_is_shown(qtbot: QtBot, loaded_kit: WindowKit, tmp_path: Path) -> None:
    window = loaded_kit.window
    window.navigator.select("proj_123")
    table = overview(loaded_kit).sectors_table
    table.view.sortByColumn(AREA, Qt.SortOrder.DescendingOrder)
    table.filter_edit.setText("Lote")
    table.view.setColumnHidden(4, True)  # the sector id column, hidden by the user

    target = tmp_path / "sectors.csv"
    with qtbot.waitSignal(table.exported) as exported:
        table._export_to(str(target))
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))

    assert rows[0] == ["Sector", "Area (ha)", "Crop", "Variety"]
    proxy = table.proxy
    on_screen = [[proxy.index(row, column).data() for column in range(4)] for row in range(proxy.rowCount())]
    assert rows[1:] == on_screen
    areas = [float(row[1]) for row in rows[1:]]
    assert areas == sorted(areas, reverse=True)
    assert exported.args == [str(target), len(on_screen)]


def test_f5_reloads_and_keeps_the_selection(qtbot: QtBot, loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    window.navigator.select("proj_123", "sector_002")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.load_finished, timeout=15_000) as loaded:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert loaded.args == [True]
    assert window.navigator.tree.currentIndex().data(SECTOR_ID_ROLE) == "sector_002"
    assert overview(loaded_kit).title_label.text() == "Lote A-2"


def test_the_overview_has_one_navigator_entry_and_shortcut(loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    entries = [window.navigator.pane_list.item(row).text() for row in range(window.navigator.pane_list.count())]
    assert entries[0] == "Overview"
    assert entries == [spec.title for spec in PANES]  # one entry per pane that exists, in order
    assert [action.shortcut().toString() for action in window.pane_actions] == [
        f"Ctrl+{number}" if number <= 9 else "" for number in range(1, len(PANES) + 1)
    ]  # Ctrl+1 … Ctrl+9: the first nine panes; the others are a click or the View menu away
    assert window.open_pane("overview")
    assert not window.open_pane("no-such-pane")  # a pane not built yet has no placeholder either


def test_the_theme_can_be_switched_and_is_remembered(loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    dark = next(action for action in window.theme_actions.actions() if action.data() == "dark")
    dark.trigger()
    assert loaded_kit.themes.current.name == "dark"
    assert loaded_kit.ui_state.theme == "dark"
    window_color = QApplication.palette().color(QPalette.ColorRole.Window).name()
    assert window_color == "#1b2022"
    light = next(action for action in window.theme_actions.actions() if action.data() == "light")
    light.trigger()
    assert loaded_kit.ui_state.theme == "light"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#f3f5f4"


def test_xlsx_export_writes_what_is_shown_with_numbers_as_numbers(
    qtbot: QtBot, loaded_kit: WindowKit, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    window = loaded_kit.window
    window.navigator.select("proj_123")
    table = overview(loaded_kit).sectors_table
    table.view.sortByColumn(AREA, Qt.SortOrder.AscendingOrder)
    table.filter_edit.setText("Lote B")

    target = tmp_path / "sectors.xlsx"
    with qtbot.waitSignal(table.exported) as exported:
        table._export_to(str(target))
    values = [[cell.value for cell in row] for row in load_workbook(target).active.iter_rows()]

    assert values[0][:2] == ["Sector", "Area (ha)"]
    assert [row[0] for row in values[1:]] == ["Lote B-2", "Lote B-1"]  # 4.6 ha before 5.1 ha, as shown
    assert all(isinstance(row[1], float) for row in values[1:])
    assert exported.args == [str(target), 2]


def test_open_tallies_from_another_pane_switches_to_the_tallies_pane(qtbot: QtBot, loaded_kit: WindowKit) -> None:
    window = loaded_kit.window
    assert window.open_pane("sessions")
    sessions = window.current_pane
    assert sessions is not None

    sessions.session_activated.emit("6507f1e3c9d8e2a4b1f9c3d5")

    tallies = window.pane("tallies")
    assert tallies is not None
    assert window.current_pane is tallies
    assert window.pane_host.currentWidget() is tallies
