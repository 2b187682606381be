"""Suspected duplicates: flagged within a configurable window, voided all at once with one reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hydrodesk.ui.tallies.entries_model import TIME
from hydrodesk.ui.tallies.void_dialog import VoidDialog

from .conftest import run_async
from .tallies_kit import DOCUMENTED_SESSION, scan, settle, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]


def flagged(kit: Any) -> list[Any]:
    return [entry for entry in kit.pane.entries_model.entries if entry.duplicate]


def test_flagged_entries_are_voided_together_with_one_reason(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane = kit.pane
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    start = len(pane.ledger())
    before = kit.units_of("JS0315")
    assert not pane.void_flagged_button.isEnabled()

    for badge in ["JS0315", "JS0315", "JN0315", "JS0315", "JN0315"]:
        scan(qtbot, kit, badge)
    qtbot.waitUntil(lambda: len(pane.ledger()) == start + 5, timeout=5_000)
    assert len(flagged(kit)) == 3  # each badge's repeats, not its first scan
    assert pane.void_flagged_button.text() == "Void flagged entries (3)…"

    # The window is the supervisor's to set: 0 flags nothing.
    pane.duplicate_spin.setValue(0)
    assert flagged(kit) == []
    assert not pane.void_flagged_button.isEnabled()
    pane.duplicate_spin.setValue(10)
    assert len(flagged(kit)) == 3
    targets = {entry.line.client_event_id for entry in flagged(kit)}

    qtbot.mouseClick(pane.void_flagged_button, Qt.MouseButton.LeftButton)
    dialog = pane.findChild(VoidDialog)
    assert dialog is not None
    assert dialog.heading.text() == "Void 3 flagged entries?"
    assert "John Smith" in dialog.details.text()
    assert "José Núñez" in dialog.details.text()
    # Enter without a reason does nothing; with one it voids.
    qtbot.keyClick(dialog.reason.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason.lineEdit(), "Badge scanned twice")
    with qtbot.waitSignal(dialog.confirmed) as confirmed:
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    assert confirmed.args == ["Badge scanned twice"]

    qtbot.waitUntil(lambda: sum(line.is_void for line in pane.ledger()) == 3, timeout=10_000)
    assert flagged(kit) == []
    assert {e.line.client_event_id for e in pane.entries_model.entries if e.voided} == targets
    assert kit.units_of("JS0315") == before + 1
    assert kit.units_of("JN0315") == 1
    assert pane.worker_rows()[0].voids + pane.worker_rows()[1].voids == 3

    # Every void reaches the server as a counter-movement with the reason; nothing is deleted there.
    settle(qtbot, kit)
    records = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    voids = [record for record in records if record.void_of is not None and record.reason == "Badge scanned twice"]
    assert len(voids) == 3
    events = {record.record_id: record.client_event_id for record in records}
    assert {events[void.void_of] for void in voids} == targets


def test_a_void_cannot_be_voided_and_says_so(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane = kit.pane
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    scan(qtbot, kit, "JN0315")
    qtbot.waitUntil(lambda: kit.units_of("JN0315") == 1, timeout=5_000)
    model, table = pane.entries_model, pane.entries_table
    newest = next(i for i, entry in enumerate(model.entries) if entry.line.worker_id == "JN0315")
    table.view.setCurrentIndex(table.proxy.mapFromSource(model.index(newest, TIME)))
    assert pane.void_button.isEnabled()
    qtbot.mouseClick(pane.void_button, Qt.MouseButton.LeftButton)
    dialog = pane.findChild(VoidDialog)
    assert dialog is not None
    assert dialog.heading.text() == "Void 1 box of José Núñez?"
    dialog.reason.setCurrentText("Wrong worker")
    with qtbot.waitSignal(dialog.confirmed):
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kit.units_of("JN0315") == 0, timeout=5_000)

    void_row = next(i for i, entry in enumerate(model.entries) if entry.line.is_void)
    table.view.setCurrentIndex(table.proxy.mapFromSource(model.index(void_row, TIME)))
    assert not pane.void_button.isEnabled()
    with qtbot.waitSignal(pane.status_message) as message:
        qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert "Select an entry that can be voided" in message.args[0]
