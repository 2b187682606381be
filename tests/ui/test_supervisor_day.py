"""A supervisor's whole day through the real panes of the real main window (issue 4, "Done when").

Open a session from the Sessions pane (Ctrl+N, Enter), record 300 entries in the Tallies pane by keyboard and by
badge scanner, void two with a reason, lose the server and keep recording, get it back on the same data, let the
outbox drain, close the session (Ctrl+Shift+W), export the session payroll to XLSX and save the PDF day report.
In the end the user sees per-worker units and pay that match what the server holds: every entry exactly once, the
two voids, the session closed, and payroll totals equal to the server's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.domain.tallies import LineStatus
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui.formats import money_text, number_text
from hydrodesk.ui.panes.sessions import SessionsPane
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.tallies.report_pdf import pdf_page_count

from .conftest import WindowKit, run_async
from .office_kit import OfficeKit, load
from .tallies_kit import TallyKit, pay_by_hand, scan, settle
from .test_tallies_flow import type_entry, void_by_keyboard

PROJECT, SECTOR = "proj_123", "sector_002"  # Lote A-1 (sector_001) already has the demo user's open session
BADGES = ["JS0315", "JN0315", "JS0315", "JN0315", "JS0315", "JN0315", "JS0315"]
TYPED = [("juan", 2), ("nunez", 3), ("smith", 1), ("rosa gom", 2), ("ramirez", 4)]
WAIT_MS = 20_000
UNITS_COLUMN, PAY_COLUMN = 2, 5  # of the per-worker table
ONLINE_SCANS, OFFLINE_SCANS = 180, 100  # plus 10 typed online and 10 typed offline: 300 entries


def press(qtbot: QtBot, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A window-wide shortcut pressed wherever the focus is (a closed dialog leaves no active window offscreen)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def session_row_of(sessions: SessionsPane) -> Any:
    return next((row for row in sessions.model.rows if row.data.get("sector_id") == SECTOR), None)


def test_a_supervisors_day_through_the_main_window(
    qtbot: QtBot, make_window: Callable[[], WindowKit], fresh_sim: Any, tmp_path: Path
) -> None:
    with OfficeKit(qtbot) as offices:
        kit = make_window()
        try:
            supervisors_day(qtbot, kit, offices, fresh_sim, tmp_path)
        finally:
            # The panes' background work stops before the office (and its store) closes under it.
            run_async(qtbot, kit.tasks.cancel_all())


def supervisors_day(qtbot: QtBot, kit: WindowKit, offices: OfficeKit, fresh_sim: Any, tmp_path: Path) -> None:
    window = kit.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    client, office = offices.sign_in(kit, fresh_sim, tmp_path / "office.sqlite3")
    assert load(qtbot, kit) is True
    assert window.navigator.select(PROJECT, SECTOR)

    # ---------------------------------------------------------------- open a session: Ctrl+N, Enter
    assert window.open_pane("sessions")
    sessions = window.pane("sessions")
    assert isinstance(sessions, SessionsPane)
    qtbot.waitUntil(sessions.is_data_ready, timeout=WAIT_MS)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sessions.dialog is not None and sessions.dialog.isVisible())
    dialog = sessions.dialog
    assert dialog.sector.currentData() == SECTOR
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # everything as the dialog proposes
    qtbot.waitUntil(lambda: sessions.dialog is None and session_row_of(sessions) is not None, timeout=WAIT_MS)
    # The open reaches the server and the row takes the server's id.
    qtbot.waitUntil(lambda: (row := session_row_of(sessions)) is not None and not row.pending_open, timeout=WAIT_MS)
    session_id = session_row_of(sessions).key
    terms = run_async(qtbot, client.get_session(session_id))
    assert terms.status == "open"

    # ---------------------------------------------------------------- to its tallies: Ctrl+T
    assert sessions.select_session(session_id)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tallies = window.pane("tallies")
    assert isinstance(tallies, TalliesPane)
    assert window.current_pane is tallies
    qtbot.waitUntil(
        lambda: (
            (tallies.selected_session() or {}).get("session_id") == session_id
            and tallies.entry_row.worker_edit.isEnabled()
        ),
        timeout=WAIT_MS,
    )
    assert tallies.ledger() == []
    day = TallyKit(pane=tallies, office=office, client=client, tasks=kit.tasks)

    # ---------------------------------------------------------------- online: typed and scanned
    expected_units = 0
    for name, units in TYPED * 2:
        type_entry(qtbot, day, name, units)
        expected_units += units
    for index in range(ONLINE_SCANS):
        scan(qtbot, day, BADGES[index % len(BADGES)])
        expected_units += 1
    qtbot.waitUntil(lambda: len(tallies.ledger()) == 10 + ONLINE_SCANS, timeout=WAIT_MS)
    made_online = [line.client_event_id for line in tallies.ledger()]
    settle(qtbot, day)
    qtbot.waitUntil(lambda: all(line.status is LineStatus.CONFIRMED for line in tallies.ledger()), timeout=WAIT_MS)

    # ---------------------------------------------------------------- void two scanned entries (1 unit each)
    voided = [made_online[10], made_online[11]]
    void_by_keyboard(qtbot, day, voided[0], "Scanned twice")
    qtbot.waitUntil(lambda: sum(line.is_void for line in tallies.ledger()) == 1, timeout=WAIT_MS)
    void_by_keyboard(qtbot, day, voided[1], "Wrong worker")
    qtbot.waitUntil(lambda: sum(line.is_void for line in tallies.ledger()) == 2, timeout=WAIT_MS)
    expected_units -= 2

    # ---------------------------------------------------------------- offline: the server stops, work goes on
    fresh_sim.stop()
    for index in range(OFFLINE_SCANS):
        scan(qtbot, day, BADGES[index % len(BADGES)])
        expected_units += 1
    for name, units in TYPED * 2:
        type_entry(qtbot, day, name, units)
        expected_units += units
    qtbot.waitUntil(lambda: len(tallies.ledger()) == 300 + 2, timeout=WAIT_MS)
    made_offline = [line.client_event_id for line in tallies.ledger() if line.client_event_id not in made_online]
    made_offline = [event for event in made_offline if event]
    status = run_async(qtbot, office.engine.sync_now())
    assert status.state is ConnectionState.OFFLINE
    assert status.pending >= OFFLINE_SCANS + 10
    qtbot.waitUntil(lambda: tallies.sync_chip.text().startswith("Offline"), timeout=WAIT_MS)
    shown_offline = {row.worker_id: row.total_units for row in tallies.worker_rows()}
    assert sum(shown_offline.values()) == expected_units

    # ---------------------------------------------------------------- back online on the same data and port
    restarted = offices.restart_on_same_port(fresh_sim)
    assert restarted.base_url == fresh_sim.base_url
    status = settle(qtbot, day, timeout_s=30.0)
    assert status.needs_attention == 0
    qtbot.waitUntil(lambda: all(line.status is LineStatus.CONFIRMED for line in tallies.ledger()), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tallies.sync_chip.text() == "All entries on the server", timeout=WAIT_MS)

    # ---------------------------------------------------------------- close the session: Ctrl+Shift+W
    assert window.open_pane("sessions")
    qtbot.waitUntil(lambda: sessions.select_session(session_id), timeout=WAIT_MS)
    press(qtbot, window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: sessions.dialog is not None and sessions.dialog.isVisible())
    close = sessions.dialog
    qtbot.keyClicks(close.final_notes, "Truck left at 15:20")
    qtbot.keyClick(close.focusWidget() or close, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sessions.dialog is None, timeout=WAIT_MS)
    settle(qtbot, day)  # the close goes through the outbox like the entries
    closed = run_async(qtbot, client.get_session(session_id))
    assert closed.status == "closed"
    assert closed.final_notes == "Truck left at 15:20"

    # ---------------------------------------------------------------- what the user sees
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane is tallies
    qtbot.waitUntil(
        lambda: (
            (tallies.selected_session() or {}).get("session_id") == session_id
            and (tallies.selected_session() or {}).get("status") == "closed"
            and len(tallies.ledger()) == 302
        ),
        timeout=WAIT_MS,
    )
    shown = {row.worker_id: row for row in tallies.worker_rows()}
    assert {worker: row.total_units for worker, row in shown.items()} == shown_offline
    assert sum(row.voids for row in shown.values()) == 2
    for row in shown.values():
        assert (row.pay.base, row.pay.bonus, row.pay.total) == pay_by_hand(
            row.total_units, closed.price_per_unit, closed.bonus
        )

    # ---------------------------------------------------------------- what the server holds
    records = run_async(qtbot, client.list_session_records(session_id))
    deliveries = Counter(r.client_event_id for r in records if r.void_of is None)
    assert len(made_online) + len(made_offline) == 300
    assert all(deliveries[event] == 1 for event in made_online + made_offline)  # each entry exactly once
    assert sum(deliveries.values()) == 300
    voids = [r for r in records if r.void_of is not None]
    assert sorted(r.reason or "" for r in voids) == ["Scanned twice", "Wrong worker"]
    by_event = {r.record_id: r.client_event_id for r in records if r.void_of is None}
    assert {by_event[r.void_of] for r in voids} == set(voided)
    server_units: Counter[str] = Counter()
    for record in records:
        server_units[record.worker_id] += record.units
    assert dict(server_units) == {worker: row.total_units for worker, row in shown.items()}
    assert closed.total_units == pytest.approx(expected_units)
    # The per-worker table's cells, as shown: units and pay of what the server holds.
    model = tallies.workers_model
    for row_number, row in enumerate(model.rows):
        *_, server_pay = pay_by_hand(server_units[row.worker_id], closed.price_per_unit, closed.bonus)
        assert model.index(row_number, UNITS_COLUMN).data() == number_text(server_units[row.worker_id])
        assert model.index(row_number, PAY_COLUMN).data() == money_text(server_pay)

    # ---------------------------------------------------------------- payroll to XLSX, day report to PDF
    tools = tallies.tools
    payroll = tmp_path / "payroll.xlsx"
    assert tools.write_session_payroll(payroll) == len(shown)
    rows = [list(row) for row in load_workbook(payroll).active.iter_rows(values_only=True)]
    assert rows[0][:7] == ["Worker", "Worker ID", "Unit", "Units", "Base pay", "Bonus", "Pay"]
    assert rows[-1][0] == "TOTAL"
    on_server_pay = {w: pay_by_hand(u, closed.price_per_unit, closed.bonus)[2] for w, u in server_units.items()}
    for row in rows[1:-1]:
        assert row[3] == server_units[row[1]]
        assert row[6] == pytest.approx(on_server_pay[row[1]])
    assert rows[-1][3] == pytest.approx(sum(server_units.values()))
    assert rows[-1][6] == pytest.approx(sum(on_server_pay.values()))

    report = tmp_path / "day-report.pdf"
    task = tools.write_report(report)
    assert task is not None
    assert run_async(qtbot, task, timeout_ms=WAIT_MS) >= 1
    assert report.read_bytes().startswith(b"%PDF-")
    assert pdf_page_count(report) >= 1
