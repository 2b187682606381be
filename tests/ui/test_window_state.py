"""The window as a user left it: the first start fills the screen, and size, state, splitters and hidden columns
come back next time (UI state, apart from settings). Every pane's keys in English and Spanish: no Alt+letter used
twice, an F1 sheet that lists the real shortcuts. Printed tables never break a number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.keys import bound_keys, key_text
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.panes import PANES
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.panes.workers import WorkersPane
from hydrodesk.ui.ui_state import UiState
from hydrodesk.ui.widgets.data_table import DataTable, table_keys
from hydrodesk.ui.widgets.table_print import POINT_SIZE, choose_page, shown_table
from hydrodesk.ui.workers.models import EMPLOYMENT, PHONE

from .conftest import DEMO_USER, WindowKit
from .keyboard_kit import mnemonic_clashes, pdf_text

WAIT_MS = 15_000


def window_on(kit: WindowKit, ui_state: UiState) -> MainWindow:
    """Another main window with `kit`'s services and this UI state: the app started again by the same user."""
    return MainWindow(ui_state=ui_state, themes=kit.themes, monitor=kit.monitor, tasks=kit.tasks)


def load(qtbot: QtBot, kit: WindowKit, window: MainWindow, sim: Any) -> None:
    window.show()
    qtbot.waitExposed(window)
    kit.window = window
    kit.attach(sim.base_url, sim.token(DEMO_USER))
    with qtbot.waitSignal(window.load_finished, timeout=WAIT_MS) as loaded:
        window.request_reload()
    assert loaded.args == [True]


def test_the_first_start_fills_the_screen_and_the_window_comes_back_as_it_was_left(
    qtbot: QtBot, make_window: Any, tmp_path: Path
) -> None:
    kit = make_window()
    window = kit.window
    screen = QGuiApplication.primaryScreen()
    assert window.geometry() == screen.availableGeometry()  # sized to the screen, window manager or not
    assert window.windowState() & Qt.WindowState.WindowMaximized

    # The user makes it smaller and closes it; the next start is as they left it.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(40, 60, 700, 500)
    window.save_ui_state()
    again = window_on(kit, kit.ui_state)
    qtbot.addWidget(again)
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert again.geometry().size().toTuple() == (700, 500)

    # Maximized stays maximized, over the whole screen (not pushed down by a guessed title bar).
    again.setWindowState(Qt.WindowState.WindowMaximized)
    again.save_ui_state()
    third = window_on(kit, kit.ui_state)
    qtbot.addWidget(third)
    assert third.windowState() & Qt.WindowState.WindowMaximized
    assert third.geometry() == screen.availableGeometry()


def test_splitters_and_hidden_columns_are_remembered_for_the_user(
    qtbot: QtBot, make_window: Any, sim: Any, tmp_path: Path
) -> None:
    kit = make_window()
    window = kit.window
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    load(qtbot, kit, window, sim)
    window.open_pane("workers")
    workers = window.pane("workers")
    assert isinstance(workers, WorkersPane)
    roster = workers.table
    assert set(roster.hidden_columns()) >= {EMPLOYMENT, PHONE}  # the card shows them at 1366 pixels
    roster._toggle_column(EMPLOYMENT, True)  # the header's right-click menu: the user wants it back
    splitter = workers.findChild(QSplitter, "RosterAndDetail")
    splitter.setSizes([500, 600])
    chosen = splitter.sizes()
    window.open_pane("tallies")
    tallies = window.pane("tallies")
    assert isinstance(tallies, TalliesPane)
    window.save_ui_state()

    again = window_on(kit, kit.ui_state)
    qtbot.addWidget(again)
    again.setWindowState(Qt.WindowState.WindowNoState)
    again.resize(1366, 768)
    load(qtbot, kit, again, sim)
    again.open_pane("workers")
    workers_again = again.pane("workers")
    assert isinstance(workers_again, WorkersPane)
    assert EMPLOYMENT not in workers_again.table.hidden_columns()
    assert PHONE in workers_again.table.hidden_columns()
    assert workers_again.findChild(QSplitter, "RosterAndDetail").sizes() == chosen
    # The tallies tables' splitter was never moved by the user: it still shares the room by what the tables need.
    again.open_pane("tallies")
    tallies_again = again.pane("tallies")
    assert isinstance(tallies_again, TalliesPane)
    assert not tallies_again.tables_splitter.user_sized
    assert kit.ui_state.splitter("tallies", "WorkersAndEntries") is None


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    installed = install_language(qapp, request.param)
    yield request.param
    uninstall_language(qapp, installed)


def test_every_pane_has_its_keys_on_the_f1_sheet_and_no_alt_letter_twice(
    qtbot: QtBot, language: str, make_window: Any, sim: Any
) -> None:
    kit = make_window()
    window = kit.window
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    load(qtbot, kit, window, sim)
    window.navigator.select("proj_123", None)
    for spec in PANES:
        assert window.open_pane(spec.name)
        pane = window.pane(spec.name)
        assert pane is not None
        qtbot.waitUntil(pane.isVisible)
        assert mnemonic_clashes(window, pane) == [], spec.name
        assert all(line.text for line in bound_keys(pane)), spec.name  # no shortcut without a description
        assert pane.help_text(), spec.name
        sheet = window.show_shortcut_sheet()
        qtbot.waitUntil(sheet.isVisible)
        shown = {(keys, text) for _section, keys, text in sheet.lines()}
        expected = [*pane.key_help(), *table_keys(), *window.global_keys()]
        assert {(line.keys, line.text) for line in expected} <= shown, spec.name
        assert sheet.windowTitle().endswith(window.pane_actions[PANES.index(spec)].text().replace("&", ""))
        sheet.reject()
    sessions = window.pane("sessions")
    assert sessions is not None
    wanted = {key_text(QKeySequence(keys)) for keys in ("Ctrl+N", "Alt+Left", "Ctrl+T")}  # as this language writes them
    assert wanted <= {line.keys for line in sessions.key_help()}


# ------------------------------------------------------------------------------------------------ printing
def wide_table(rows: int = 12, columns: int = 16) -> QStandardItemModel:
    """A table too wide for portrait paper: IDs, names, money with thousands separators, times."""
    model = QStandardItemModel(rows, columns)
    model.setHorizontalHeaderLabels([f"Column number {column}" for column in range(columns)])
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for row in range(rows):
        model.setItem(row, 0, QStandardItem(f"AM{row:04d}"))
        model.setItem(row, 1, QStandardItem(f"Worker with a long name {row}"))
        for column in range(2, columns):
            item = QStandardItem(f"{row * 1000 + column:,}.{column:02d}")
            item.setData(right, Qt.ItemDataRole.TextAlignmentRole)
            item.setData(row * 1000 + column, SORT_ROLE)  # what the table sorts by
            model.setItem(row, column, item)
    return model


def test_a_printed_table_turns_the_page_and_shrinks_the_font_but_never_breaks_a_number(
    qtbot: QtBot, tmp_path: Path
) -> None:
    table = DataTable(title="Wide table")
    qtbot.addWidget(table)
    table.set_source_model(wide_table())
    table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # printed as sorted on screen
    printed = shown_table(table.view, table.title)
    choice = choose_page(printed, QPageSize(QPageSize.PageSizeId.A4), QFont())
    assert choice.orientation is QPageLayout.Orientation.Landscape
    assert choice.point_size < POINT_SIZE

    path = tmp_path / "wide.pdf"
    assert table.write_pdf(path) == 12
    lines = pdf_text(path).splitlines()
    for row in range(12):
        # Every number of a row is whole and on the row's own line: none broken over two lines.
        line = next(text for text in lines if f"AM{row:04d}" in text)
        for column in range(2, 16):
            assert f"{row * 1000 + column:,}.{column:02d}" in line
    ids = [next(i for i, text in enumerate(lines) if f"AM{row:04d}" in text) for row in range(12)]
    assert ids == sorted(ids, reverse=True)  # the shown order: column 2 descending

    # A narrow table stays on portrait paper at the normal size.
    narrow = QStandardItemModel(2, 2)
    narrow.setHorizontalHeaderLabels(["Worker", "Pay"])
    narrow_table = DataTable(title="Narrow")
    qtbot.addWidget(narrow_table)
    narrow_table.set_source_model(narrow)
    choice = choose_page(shown_table(narrow_table.view, "Narrow"), QPageSize(QPageSize.PageSizeId.A4), QFont())
    assert (choice.orientation, choice.point_size) == (QPageLayout.Orientation.Portrait, POINT_SIZE)
    assert narrow.index(0, 0, QModelIndex()).isValid()
