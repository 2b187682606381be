"""A supervisor's day in the Tallies pane, by keyboard and badge scanner, online and offline.

Thirty entries fast, two voided with a reason, the server stopped while recording goes on, the server back on the
same data: in the end the server holds every entry exactly once and every void, and the pane agrees with it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from hydrodesk.domain.tallies import LineStatus
from hydrodesk.sim.launcher import start_simulator
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui.tallies.entries_model import TIME
from hydrodesk.ui.tallies.void_dialog import VoidDialog

from .conftest import run_async
from .tallies_kit import DOCUMENTED_SESSION, TallyKit, scan, settle, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]

BADGES = ["JS0315", "JN0315", "JS0315", "JN0315", "JS0315"]


def type_entry(qtbot: QtBot, kit: TallyKit, name: str, units: int) -> None:
    """A person at the keyboard: part of a name, Tab to the units, the number, Enter."""
    row = kit.pane.entry_row
    qtbot.keyClicks(row.worker_edit, name)
    qtbot.keyClick(row.worker_edit, Qt.Key.Key_Tab)
    row.units_edit.selectAll()
    qtbot.keyClicks(row.units_edit, str(units))
    qtbot.keyClick(row.units_edit, Qt.Key.Key_Return)


def select_entry(kit: TallyKit, client_event_id: str) -> None:
    model, table = kit.pane.entries_model, kit.pane.entries_table
    row = next(i for i, entry in enumerate(model.entries) if entry.line.client_event_id == client_event_id)
    table.view.setCurrentIndex(table.proxy.mapFromSource(model.index(row, TIME)))


def void_by_keyboard(qtbot: QtBot, kit: TallyKit, client_event_id: str, reason: str) -> None:
    select_entry(kit, client_event_id)
    qtbot.keyClick(kit.pane.entries_table.view, Qt.Key.Key_Delete)
    dialog = kit.pane.findChild(VoidDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.void_button.isEnabled()  # no reason, no void
    qtbot.keyClicks(dialog.reason.lineEdit(), reason)
    assert dialog.void_button.isEnabled()
    with qtbot.waitSignal(dialog.confirmed):
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)


def server_state(qtbot: QtBot, kit: TallyKit) -> tuple[Counter[str], dict[str, str], Counter[str]]:
    """(deliveries per clientEventId, void reason per voided record id, net units per worker) on the server."""
    records = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    events = Counter(r.client_event_id for r in records if r.void_of is None and r.client_event_id)
    voids = {r.void_of: r.reason or "" for r in records if r.void_of is not None}
    units: Counter[str] = Counter()
    for record in records:
        units[record.worker_id] += record.units
    return events, voids, units


def test_a_supervisors_day_online_then_offline_then_back(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane = kit.pane
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    start = len(pane.ledger())

    # ------------------------------------------------------------------ online: 30 entries, fast
    for index in range(20):
        scan(qtbot, kit, BADGES[index % len(BADGES)])
    for name, units in [("juan", 2), ("nunez", 3), ("smith", 1), ("rosa gom", 2), ("ramirez", 4)] * 2:
        type_entry(qtbot, kit, name, units)
    qtbot.waitUntil(lambda: len(pane.ledger()) == start + 30, timeout=10_000)
    made_online = [line.client_event_id for line in pane.ledger()[start:]]
    assert all(line.status is LineStatus.PENDING or line.status is LineStatus.CONFIRMED for line in pane.ledger())
    assert pane.worker_rows()
    assert "Recorded" in pane.entry_row.feedback_label.text()

    status = settle(qtbot, kit)
    assert status.needs_attention == 0
    qtbot.waitUntil(lambda: all(line.status is LineStatus.CONFIRMED for line in pane.ledger()), timeout=10_000)

    # ------------------------------------------------------------------ void two, with a reason, from the keyboard
    first, second = made_online[0], made_online[21]
    void_by_keyboard(qtbot, kit, first, "Scanned twice")
    qtbot.waitUntil(lambda: sum(line.is_void for line in pane.ledger()) == 1, timeout=10_000)
    void_by_keyboard(qtbot, kit, second, "Wrong worker")
    qtbot.waitUntil(lambda: sum(line.is_void for line in pane.ledger()) == 2, timeout=10_000)
    voided_rows = [entry for entry in pane.entries_model.entries if entry.voided]
    assert {entry.line.client_event_id for entry in voided_rows} == {first, second}
    row = next(i for i, entry in enumerate(pane.entries_model.entries) if entry.line.client_event_id == first)
    font = pane.entries_model.index(row, TIME).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.strikeOut()
    assert len(pane.ledger()) == start + 32  # a void adds a counter-movement; nothing is deleted

    # ------------------------------------------------------------------ offline: the server stops, work goes on
    port = urlsplit(fresh_sim.base_url).port
    before_offline = {line.client_event_id for line in pane.ledger()}
    fresh_sim.stop()
    for index in range(8):
        scan(qtbot, kit, BADGES[index % len(BADGES)])
    type_entry(qtbot, kit, "juan", 5)
    qtbot.waitUntil(lambda: len(pane.ledger()) == start + 41, timeout=10_000)
    new_lines = [line for line in pane.ledger() if not line.is_void and line.client_event_id not in before_offline]
    made_offline = [line.client_event_id for line in new_lines]
    assert all(line.status is LineStatus.PENDING for line in new_lines)
    assert len(made_offline) == 9
    status = run_async(qtbot, kit.office.engine.sync_now())
    assert status.state is ConnectionState.OFFLINE
    assert status.pending >= 9
    qtbot.waitUntil(lambda: pane.sync_chip.text().startswith("Offline"), timeout=5_000)
    # A pending entry can be voided offline too (by its clientEventId; sent after the entry itself).
    void_by_keyboard(qtbot, kit, made_offline[0], "Scanned twice")
    qtbot.waitUntil(lambda: sum(line.is_void for line in pane.ledger()) == 3, timeout=10_000)
    shown_offline = {row.worker_id: row.total_units for row in pane.worker_rows()}

    # ------------------------------------------------------------------ back: same data, same address
    restarted = start_simulator(fresh_sim.data_dir, port=port or 0, devices=False)
    try:
        assert restarted.base_url == fresh_sim.base_url
        status = settle(qtbot, kit)
        assert status.needs_attention == 0
        qtbot.waitUntil(lambda: all(line.status is LineStatus.CONFIRMED for line in pane.ledger()), timeout=10_000)

        events, voids, server_units = server_state(qtbot, kit)
        assert all(events[event] == 1 for event in made_online + made_offline)  # each entry exactly once
        assert sorted(voids[record] for record in voids if record != "rec_1234567890abcdef") == sorted(
            ["Scanned twice", "Wrong worker", "Scanned twice"]
        )
        # Counts never doubled on the way: what the pane showed offline is what the server now holds.
        shown = {row.worker_id: row.total_units for row in pane.worker_rows()}
        assert shown == shown_offline
        assert shown == {worker: units for worker, units in server_units.items() if units or worker in shown}
        assert pane.sync_chip.text() == "All entries on the server"
    finally:
        restarted.stop()
