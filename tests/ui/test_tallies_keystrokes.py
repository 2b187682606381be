"""The tally entry row under real key events, counted: fast for the right worker, and the classic slips record
nothing wrong.

Every key goes to whichever widget has the focus at that moment, as on a real keyboard, so a test passes only if
the row moves the cursor where a person expects it. The slips are the ones seen in the field: `AM01 ⏎ 5 ⏎` meant as
"5 kg for Adriana Mendoza" recorded 1 kg for her, then 1 kg for Cristian Acosta (CA0527, "the 5 inside the ID").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.domain.tallies import LedgerLine
from hydrodesk.domain.tally_entry_text import EnterAction
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.ui_state import UiState

from .conftest import run_async
from .tallies_kit import TallyKit, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]

ADRIANA, CRISTIAN = "AM0109", "CA0527"
KG_PROJECT, KG_SECTOR = "proj_456", "sector_101"  # Finca El Mirador weighs its harvest in kg


@dataclass
class Keyboard:
    """Keys as a person presses them: each to the focused widget, each counted."""

    qtbot: QtBot
    pressed: int = 0

    def _target(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClicks(self._target(), char)
            self.pressed += 1

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self._target(), key, modifiers)
        self.pressed += 1

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)


def open_kg_session(qtbot: QtBot, kit: TallyKit) -> None:
    run_async(qtbot, kit.office.actions.open_session(KG_PROJECT, KG_SECTOR, "Parcela Norte"))
    kit.select(qtbot, KG_PROJECT, KG_SECTOR)
    qtbot.waitUntil(lambda: (kit.pane.selected_session() or {}).get("sector_id") == KG_SECTOR, timeout=10_000)
    qtbot.waitUntil(kit.pane.entry_row.worker_edit.isEnabled, timeout=10_000)
    assert kit.pane.selected_session()["sampling_unit"] == "kg"


def cursor_in_entry_row(qtbot: QtBot, kit: TallyKit) -> None:
    kit.pane.entry_row.focus_entry()
    qtbot.waitUntil(kit.pane.entry_row.worker_edit.hasFocus)


def new_lines(kit: TallyKit, before: int) -> list[tuple[str, float]]:
    return [(line.worker_id, line.units) for line in kit.pane.ledger()[before:]]


def wait_lines(qtbot: QtBot, kit: TallyKit, count: int) -> list[LedgerLine]:
    qtbot.waitUntil(lambda: len(kit.pane.ledger()) >= count, timeout=5_000)
    return kit.pane.ledger()


def test_five_kg_for_a_known_worker_in_at_most_six_keystrokes(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    open_kg_session(qtbot, kit)
    row = kit.pane.entry_row
    assert row.enter_action is EnterAction.ASK_UNITS  # weighed: Enter after the worker asks for the weight
    cursor_in_entry_row(qtbot, kit)

    keys = Keyboard(qtbot)
    keys.type("adr")  # Adriana Mendoza, the only name with a word starting "adr"
    keys.enter()  # -> the units field, its "1" selected
    assert row.units_edit.hasFocus()
    keys.type("5")
    keys.enter()
    lines = wait_lines(qtbot, kit, 1)
    assert [(line.worker_id, line.units) for line in lines] == [(ADRIANA, 5.0)]
    assert keys.pressed <= 6
    # Confirmed on screen with the name and the units, and the cursor is back for the next worker.
    assert "Adriana Mendoza" in row.last_entry.headline.text()
    assert "5 kg" in row.last_entry.headline.text()
    assert row.worker_edit.hasFocus()

    # The one-line form for fast typists: the ID, a space, the weight, Enter.
    keys = Keyboard(qtbot)
    keys.type("am01 12,5")
    keys.enter()
    lines = wait_lines(qtbot, kit, 2)
    assert (lines[-1].worker_id, lines[-1].units) == (ADRIANA, 12.5)
    # ... and the units first, with a star.
    keys.type("3*adr")
    keys.enter()
    lines = wait_lines(qtbot, kit, 3)
    assert (lines[-1].worker_id, lines[-1].units) == (ADRIANA, 3.0)


def test_a_badge_scan_records_one_piece_at_once(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    assert kit.pane.selected_session()["sampling_unit"] == "box"
    assert kit.pane.entry_row.enter_action is EnterAction.RECORD  # counted: a scan is one box
    cursor_in_entry_row(qtbot, kit)
    before = len(kit.pane.ledger())

    keys = Keyboard(qtbot)
    keys.type("JS0315")  # the scanner "types" the badge and Enter: one scan
    keys.enter()
    lines = wait_lines(qtbot, kit, before + 1)
    assert new_lines(kit, before) == [("JS0315", 1.0)]
    assert lines[-1].worker_name == "John Smith"
    assert kit.pane.entry_row.worker_edit.hasFocus()  # ready for the next scan


def test_the_slips_seen_in_the_field_record_nothing_wrong(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    open_kg_session(qtbot, kit)
    row = kit.pane.entry_row
    cursor_in_entry_row(qtbot, kit)

    # Weighed: `AM01 ⏎ 5 ⏎` is 5 kg for Adriana, once, and nothing for anyone else.
    keys = Keyboard(qtbot)
    keys.type("AM01")
    keys.enter()
    assert kit.pane.ledger() == []  # Enter after the worker did not record 1 kg
    keys.type("5")
    keys.enter()
    wait_lines(qtbot, kit, 1)
    assert new_lines(kit, 0) == [(ADRIANA, 5.0)]

    # A bare number in the worker field is never a worker: no match, nothing recorded, it becomes the units.
    keys.type("5")
    assert row.matches_model.matches == []
    keys.enter()
    assert len(kit.pane.ledger()) == 1
    assert row.units_edit.text() == "5"
    assert "now the worker" in row.feedback_label.text()
    keys.press(Qt.Key.Key_Escape)  # changed my mind: the row is clean again
    assert row.units_edit.text() == "1"

    # Ambiguous: several workers match, none is highlighted, Enter in either field records nothing.
    keys.type("jo")
    assert len(row.matches_model.matches) > 1
    assert row.current_match() is None
    keys.enter()
    keys.press(Qt.Key.Key_Tab)
    keys.type("2")
    keys.enter()
    assert len(kit.pane.ledger()) == 1
    assert "workers match" in row.feedback_label.text()

    # Fixing the worker keeps the 2 typed for them: the row waits, visibly, with the cursor on the worker.
    assert row.worker_edit.hasFocus()
    assert row.units_edit.text() == "2"
    keys.press(Qt.Key.Key_Escape)  # start over instead
    assert (row.worker_edit.text(), row.units_edit.text()) == ("", "1")

    # A badge scanned while the cursor waits for a weight starts a new entry: its digits never become kilos.
    keys.type("adr")
    keys.enter()
    assert row.units_edit.hasFocus()
    keys.type("CA0527")
    assert row.worker_edit.hasFocus()
    assert row.worker_edit.text() == "CA0527"
    keys.enter()  # Cristian, weighed: now the units
    assert row.units_edit.hasFocus()
    keys.type("7")
    keys.enter()
    wait_lines(qtbot, kit, 2)
    assert new_lines(kit, 1) == [(CRISTIAN, 7.0)]


def test_counted_units_the_slip_records_one_box_for_the_right_worker_only(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    row = kit.pane.entry_row
    cursor_in_entry_row(qtbot, kit)
    before = len(kit.pane.ledger())

    keys = Keyboard(qtbot)
    keys.type("AM01")
    keys.enter()  # counted: one box for Adriana at once, as a scan would
    wait_lines(qtbot, kit, before + 1)
    keys.type("5")
    keys.enter()  # not Cristian: the 5 waits as the next entry's units
    assert new_lines(kit, before) == [(ADRIANA, 1.0)]
    assert row.units_edit.text() == "5"
    keys.type("adr")
    keys.enter()
    wait_lines(qtbot, kit, before + 2)
    assert new_lines(kit, before) == [(ADRIANA, 1.0), (ADRIANA, 5.0)]
    assert row.units_edit.text() == "1"  # used once, then back to one

    # Half a box is a typing slip, refused with its reason.
    keys.type("adr 2,5")
    keys.enter()
    assert len(kit.pane.ledger()) == before + 2
    assert "whole" in row.feedback_label.text()


def test_ctrl_z_voids_the_last_entry_once_as_an_entry_mistake(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    cursor_in_entry_row(qtbot, kit)
    before = len(kit.pane.ledger())
    keys = Keyboard(qtbot)
    keys.type("adr 3")
    keys.enter()
    keys.type("nunez 2")
    keys.enter()
    wait_lines(qtbot, kit, before + 2)

    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one shortcut, no dialog
    qtbot.waitUntil(lambda: any(line.is_void for line in kit.pane.ledger()[before:]), timeout=5_000)
    voids = [line for line in kit.pane.ledger()[before:] if line.is_void]
    assert len(voids) == 1
    assert voids[0].worker_id == "JN0315"  # the last entry, not Adriana's
    assert voids[0].reason == "entry mistake"
    assert "Undone" in kit.pane.entry_row.last_entry.headline.text()
    # A second Ctrl+Z does not reach back to Adriana's entry.
    keys.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Nothing to undo" in kit.pane.entry_row.feedback_label.text()
    assert sum(line.is_void for line in kit.pane.ledger()[before:]) == 1


def test_what_enter_does_is_chosen_per_session_and_remembered(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any, tmp_path: Any
) -> None:
    first = tally_kit_factory(fresh_sim)
    state = UiState(tmp_path / "ui-state.ini")

    def pane_with_state() -> TallyKit:
        pane = TalliesPane(replace(first.pane.context, ui_state=state))
        qtbot.addWidget(pane)
        pane.show()
        return TallyKit(pane=pane, office=first.office, client=first.client, tasks=first.tasks, projects=first.projects)

    kit = pane_with_state()
    open_kg_session(qtbot, kit)
    row = kit.pane.entry_row
    # Crates weighed one by one and labelled 1 kg each: this supervisor wants Enter to record at once.
    assert not row.enter_records.isChecked()
    row.enter_records.click()
    assert row.enter_action is EnterAction.RECORD
    cursor_in_entry_row(qtbot, kit)
    keys = Keyboard(qtbot)
    keys.type("adr")
    keys.enter()
    wait_lines(qtbot, kit, 1)
    assert new_lines(kit, 0) == [(ADRIANA, 1.0)]

    # Another session keeps its own choice (box: record at once; the kg session's change did not leak)...
    kit.select(qtbot, KG_PROJECT, "sector_102")
    qtbot.waitUntil(lambda: kit.pane.selected_session() is None, timeout=10_000)
    run_async(qtbot, kit.office.actions.open_session(KG_PROJECT, "sector_102", "Parcela Sur"))
    kit.pane.set_selection(kit.pane._selection)
    qtbot.waitUntil(lambda: (kit.pane.selected_session() or {}).get("sector_id") == "sector_102", timeout=10_000)
    assert row.enter_action is EnterAction.ASK_UNITS
    # ... and coming back, or a later run of the app (a new pane over the same saved state), restores it, also
    # once the session opened here has its server id.
    kit.select(qtbot, KG_PROJECT, KG_SECTOR)
    qtbot.waitUntil(lambda: (kit.pane.selected_session() or {}).get("sector_id") == KG_SECTOR, timeout=10_000)
    assert row.enter_action is EnterAction.RECORD
    later = pane_with_state()
    later.select(qtbot, KG_PROJECT, KG_SECTOR)
    qtbot.waitUntil(lambda: (later.pane.selected_session() or {}).get("sector_id") == KG_SECTOR, timeout=10_000)
    assert later.pane.entry_row.enter_action is EnterAction.RECORD


def test_ctrl_l_reaches_the_entry_row_from_anywhere_in_the_window_while_the_pane_is_shown(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    window = QWidget()
    qtbot.addWidget(window)
    elsewhere = QLineEdit(window)  # the navigator's search, say: outside the pane
    layout = QVBoxLayout(window)
    layout.addWidget(elsewhere)
    layout.addWidget(kit.pane)
    window.show()
    window.activateWindow()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(kit.pane.entry_row.worker_edit.hasFocus)
    # Another pane shown instead (this one hidden): Ctrl+L is not the Tallies' any more.
    kit.pane.hide()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert elsewhere.hasFocus()
    kit.pane.setParent(None)  # the kit closes its pane itself
