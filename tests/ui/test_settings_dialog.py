"""Settings (Ctrl+,): language and theme (the outdoor high-contrast one too), irrigation limits, and "Clear cache",
which empties the server's data and never the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.store import cache
from hydrodesk.ui.keys import key_text
from hydrodesk.ui.settings import SettingsContext
from hydrodesk.ui.settings.cache_page import CachePage
from hydrodesk.ui.settings.dialog import SettingsDialog
from hydrodesk.ui.settings.general_page import GeneralPage
from hydrodesk.ui.settings.irrigation_page import IrrigationPage
from hydrodesk.ui.ui_state import UiState

from .conftest import WindowKit, run_async
from .live_support import SignedIn, sign_in


def open_settings(qtbot: QtBot, kit: WindowKit) -> SettingsDialog:
    kit.window.show()
    qtbot.waitExposed(kit.window)
    kit.window.activateWindow()
    qtbot.waitUntil(kit.window.isActiveWindow)
    qtbot.keyClick(kit.window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = kit.window.settings_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def page(dialog: SettingsDialog, kind: type[QWidget]) -> Any:
    (found,) = [p for p in dialog.pages if isinstance(p, kind)]
    dialog.page_list.setCurrentRow(dialog.pages.index(found))
    return found


def test_ctrl_comma_opens_settings_and_the_f1_sheet_lists_it(qtbot: QtBot, make_window: Any) -> None:
    kit = make_window()
    dialog = open_settings(qtbot, kit)
    titles = [dialog.page_list.item(row).text() for row in range(dialog.page_list.count())]
    assert titles == ["General", "Irrigation", "Cache"]  # no sign-in session here: no Profiles page
    dialog.reject()
    assert kit.window.settings_action.shortcut().toString() == "Ctrl+,"
    assert (
        key_text(kit.window.settings_action.shortcut()),
        "Open the settings: language, theme, irrigation limits, cache",
    ) in [(line.keys, line.text) for line in kit.window.global_keys()]
    sheet = kit.window.show_shortcut_sheet()
    assert any(keys == "Ctrl+," for _section, keys, _text in sheet.lines())
    sheet.close()


def test_theme_applies_at_once_and_language_at_the_next_start(qtbot: QtBot, make_window: Any, tmp_path: Path) -> None:
    kit = make_window()
    dialog = open_settings(qtbot, kit)
    general = page(dialog, GeneralPage)
    general.theme.setCurrentIndex(general.theme.findData("outdoor"))
    assert not general.language_note.isVisible()
    general.language.setCurrentIndex(general.language.findData("es"))
    assert general.language_note.isVisible()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    assert not dialog.isVisible()
    assert kit.themes.current.name == "outdoor"
    assert "border: 3px solid" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    checked = [a.data() for a in kit.window.theme_actions.actions() if a.isChecked()]
    assert checked == ["outdoor"]  # the View > Theme menu follows
    again = UiState(Path(kit.ui_state._settings.fileName()))
    assert (again.theme, again.language) == ("outdoor", "es")
    kit.themes.apply("light")


def test_irrigation_limits_are_checked_saved_and_reach_the_pane(qtbot: QtBot, make_window: Any) -> None:
    kit = make_window()
    dialog = open_settings(qtbot, kit)
    irrigation = page(dialog, IrrigationPage)
    irrigation.min_pressure.setValue(4.0)
    irrigation.max_pressure.setValue(3.0)
    assert not dialog.apply()
    assert irrigation.problem.isVisible()
    assert dialog.stack.currentWidget() is irrigation

    irrigation.max_pressure.setValue(6.5)
    irrigation.max_open.setValue(2)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    limits = kit.ui_state.irrigation_limits()
    assert (limits.max_open_valves, limits.min_line_pressure_bar, limits.max_line_pressure_bar) == (2, 4.0, 6.5)


@pytest.fixture
def office_session(
    qtbot: QtBot, qloop: object, qapp: QApplication, fresh_sim: Any, tmp_path: Path
) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, fresh_sim, tmp_path, "overview", data_dir=tmp_path / "data")


def test_clear_cache_asks_first_then_keeps_the_outbox(qtbot: QtBot, office_session: SignedIn) -> None:
    window, office = office_session.kit.window, office_session.controller.office
    assert office is not None
    opened = run_async(qtbot, office.actions.open_session("proj_123", "sector_004", "Lote B-2"))
    run_async(qtbot, office.actions.record_units(opened.session_id, "JS0315", "John Smith", 2))
    # A cached reply no refresh of this test asks for again: gone means the cache was cleared.
    run_async(qtbot, office.store.write(cache.save_document, "test", "only-here", {"a": 1}, "2026-01-01T00:00:00Z"))
    outbox_before = run_async(
        qtbot, office.store.read(lambda conn: conn.exec_driver_sql("SELECT entry_id, state FROM outbox").fetchall())
    )
    assert len(outbox_before) == 2

    dialog = open_settings(qtbot, office_session.kit)
    cache_page = page(dialog, CachePage)
    assert str(office.store.path.parent) in cache_page.location.text()
    assert cache_page.size_label.text()
    question = cache_page.ask_to_clear()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)  # Enter never clears
    (confirm,) = [b for b in question.buttons() if question.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole]
    assert isinstance(confirm, QPushButton)
    with qtbot.waitSignal(window.load_finished, timeout=20_000):  # the farm comes back from the server
        confirm.click()
    qtbot.waitUntil(lambda: "cleared" in cache_page.status.text(), timeout=5000)

    documents = run_async(
        qtbot, office.store.read(lambda conn: conn.exec_driver_sql("SELECT key FROM documents").fetchall())
    )
    assert ("only-here",) not in documents
    outbox_after = run_async(
        qtbot, office.store.read(lambda conn: conn.exec_driver_sql("SELECT entry_id FROM outbox").fetchall())
    )
    assert sorted(row[0] for row in outbox_after) == sorted(row[0] for row in outbox_before)
    dialog.reject()


def test_a_page_is_any_widget_with_a_title_and_apply(qtbot: QtBot, make_window: Any) -> None:
    """How the profiles page (or any other) joins: one factory in the list."""

    class Refusing(QWidget):
        def page_title(self) -> str:
            return "Profiles"

        def apply(self) -> bool:
            return False

    kit = make_window()
    context = SettingsContext(ui_state=kit.ui_state, themes=kit.themes, tasks=kit.tasks)
    dialog = SettingsDialog(context, kit.window, factories=[GeneralPage, lambda _c, parent: Refusing(parent)])
    qtbot.addWidget(dialog)
    assert dialog.show_page("Profiles")
    dialog.page_list.setCurrentRow(0)
    dialog.accept_if_valid()
    assert dialog.stack.currentIndex() == 1  # stays open on the page that refused
    assert dialog.result() == 0


def test_the_release_feed_is_an_https_address(qtbot: QtBot, make_window: Any) -> None:
    kit = make_window()
    dialog = open_settings(qtbot, kit)
    general = page(dialog, GeneralPage)
    assert general.feed.text() == "https://api.github.com/repos/hydrobit/hydrodesk/releases/latest"
    general.feed.setText("http://updates.example.com/latest")
    assert not dialog.apply()
    assert general.feed_problem.isVisible()
    general.feed.setText("https://updates.example.com/hydrodesk/latest.json")
    assert dialog.apply()
    assert kit.ui_state.update_feed_url == "https://updates.example.com/hydrodesk/latest.json"
    dialog.reject()
