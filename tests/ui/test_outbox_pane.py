"""The Outbox pane against a real simulator: a session closed on the server while the office recorded offline, a
worker the server does not know; the user moves, fixes and discards, and the server ends up with the right count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.models import SessionClose
from hydrodesk.sync.status import ConnectionState as SyncState
from hydrodesk.ui.formats import day_text
from hydrodesk.ui.outbox.dialogs import DiscardDialog, EditRecordDialog, MoveDialog
from hydrodesk.ui.outbox.model import REASON, STATE, WHAT
from hydrodesk.ui.panes.outbox import OutboxPane
from tests.sync_support import open_server_session
from tests.tcp_proxy import Fault, TcpProxy

from .conftest import DEMO_USER, WindowKit, run_async
from .office_kit import (
    WORKER_ID,
    WORKER_NAME,
    OfficeKit,
    attach,
    cell,
    click_row,
    load,
)


@pytest.fixture
def office_kit(qtbot: QtBot) -> Iterator[OfficeKit]:
    with OfficeKit(qtbot) as kit:
        yield kit


def events(qtbot: QtBot, client: HydrobitClient, session_id: str) -> Counter[str]:
    records = run_async(qtbot, client.list_session_records(session_id))
    return Counter(r.client_event_id for r in records if r.void_of is None and r.client_event_id)


def units_in(qtbot: QtBot, client: HydrobitClient, session_id: str) -> float:
    return sum(r.units for r in run_async(qtbot, client.list_session_records(session_id)) if r.void_of is None)


def test_a_conflict_is_shown_with_the_servers_reason_then_moved_fixed_and_discarded(
    qtbot: QtBot,
    make_window: Callable[[], WindowKit],
    office_kit: OfficeKit,
    fresh_sim: Any,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    token = fresh_sim.token(DEMO_USER)
    direct = office_kit.client(fresh_sim.base_url, token)  # someone else, on another computer
    doomed = run_async(qtbot, open_server_session(direct, "sector_002"))
    target = run_async(qtbot, open_server_session(direct, "sector_003"))
    upstream = urlsplit(fresh_sim.base_url)
    proxy = run_async(qtbot, TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80).start())
    try:
        kit = make_window()
        kit.window.show()
        client = office_kit.client(proxy.url, token)
        office = office_kit.office(tmp_path / "office.sqlite3", client)
        attach(kit, client, office)
        assert load(qtbot, kit) is True
        qtbot.waitUntil(lambda: office.engine.status.last_sync_at is not None, timeout=30_000)

        proxy.plan(Fault.RESET, count=-1)  # this office loses its connection...
        run_async(qtbot, direct.close_session(doomed, SessionClose()))  # ...while the session is closed elsewhere
        record = office.actions.record_units
        moved_a = run_async(qtbot, record(doomed, WORKER_ID, WORKER_NAME, 3))
        moved_b = run_async(qtbot, record(doomed, WORKER_ID, WORKER_NAME, 2))
        dropped = run_async(qtbot, record(doomed, WORKER_ID, WORKER_NAME, 1))
        unknown = run_async(qtbot, record(target, "ZZ9999", "Nadie Nadie", 4))
        bar = kit.window.status
        qtbot.waitUntil(lambda: bar.connection_label.text() == "● Offline", timeout=10_000)
        # The count follows the engine's next status report, which a busy machine may deliver after "Offline".
        qtbot.waitUntil(lambda: bar.sync.pending_button.text() == "4 changes waiting", timeout=10_000)

        proxy.clear()  # the connection returns: the engine sends by itself, and the server refuses
        qtbot.waitUntil(
            lambda: office.engine.status.needs_attention == 4 and office.engine.status.state is SyncState.ONLINE,
            timeout=20_000,
        )
        qtbot.waitUntil(lambda: bar.sync.attention_button.isVisible())
        assert bar.sync.attention_button.text() == "4 changes need your decision"
        bar.sync.attention_button.click()  # the highlighted count opens the outbox
        pane = kit.window.current_pane
        assert isinstance(pane, OutboxPane)
        qtbot.waitUntil(lambda: pane.model.rowCount() == 4, timeout=10_000)
        qtmodeltester.check(pane.model)
        assert pane.table.export_to_file(tmp_path / "outbox.csv") == 4  # what is shown, as shown
        exported = (tmp_path / "outbox.csv").read_text(encoding="utf-8-sig")
        assert "Worker ZZ9999 is not registered" in exported
        conflict_index = pane.model.index(pane.model.row_of(moved_a.entry_id), STATE)
        for theme in ("dark", "light"):  # the state of what needs attention is in the theme's error colour
            kit.themes.apply(theme)
            assert pane.model.data(conflict_index, Qt.ItemDataRole.ForegroundRole) == kit.themes.current.color("error")

        today = datetime.now(ZoneInfo("America/Mexico_City")).date()
        day = day_text(today, weekday=False)  # the day the change is about, as every table writes a day
        assert cell(pane, moved_a.entry_id, WHAT) == f"3 boxes for John Smith in Lote A-2, {day}"
        assert cell(pane, dropped.entry_id, WHAT) == f"1 box for John Smith in Lote A-2, {day}"
        assert cell(pane, moved_a.entry_id, STATE) == "Conflict"
        assert f"Session {doomed} was closed at" in cell(pane, moved_a.entry_id, REASON)
        assert cell(pane, unknown.entry_id, STATE) == "Refused"
        assert "Worker ZZ9999 is not registered" in cell(pane, unknown.entry_id, REASON)

        # Move two of the records into a session that is still open.
        click_row(qtbot, pane, moved_a.entry_id)
        click_row(qtbot, pane, moved_b.entry_id, add=True)
        assert pane.move_button.isEnabled()
        assert not pane.edit_button.isEnabled()
        pane.move_button.click()
        qtbot.waitUntil(lambda: isinstance(pane.dialog, MoveDialog), timeout=10_000)
        move = pane.dialog
        assert isinstance(move, MoveDialog)
        labels = [move.targets_list.item(row).text() for row in range(move.targets_list.count())]
        wanted = next(
            row for row in range(move.targets_list.count()) if move.targets_list.item(row).toolTip() == target
        )
        assert labels[wanted].startswith("Lote B-1 · ")
        move.targets_list.setCurrentRow(wanted)
        qtbot.keyClick(move.targets_list, Qt.Key.Key_Return)

        # Fix the record for a worker the server does not know: Edit and retry.
        qtbot.waitUntil(lambda: pane.model.row_of(unknown.entry_id) >= 0 and pane.model.rowCount() == 2, timeout=10_000)
        click_row(qtbot, pane, unknown.entry_id)
        assert pane.edit_button.isEnabled()  # one record: fix it (moving it would also do)
        pane.edit_button.click()
        qtbot.waitUntil(lambda: isinstance(pane.dialog, EditRecordDialog), timeout=10_000)
        edit = pane.dialog
        assert isinstance(edit, EditRecordDialog)
        edit.worker_id_edit.clear()
        qtbot.keyClicks(edit.worker_id_edit, WORKER_ID)
        edit.worker_name_edit.clear()
        qtbot.keyClicks(edit.worker_name_edit, WORKER_NAME)
        edit.ok_button.click()

        # Discard the last one: a reason is required.
        qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=10_000)
        click_row(qtbot, pane, dropped.entry_id)
        assert "Move them to a session that is still open" in pane.hint_label.text()
        pane.discard_button.click()
        discard = pane.dialog
        assert isinstance(discard, DiscardDialog)
        assert not discard.ok_button.isEnabled()
        qtbot.keyClicks(discard.reason_edit, "Counted twice by mistake")
        assert discard.ok_button.isEnabled()
        discard.ok_button.click()

        qtbot.waitUntil(
            lambda: office.engine.status.pending == 0 and office.engine.status.needs_attention == 0, timeout=20_000
        )
        qtbot.waitUntil(lambda: pane.model.rowCount() == 0, timeout=10_000)
        assert pane.state_page.title_label.text() == "Everything is on the server"
        assert not bar.sync.attention_button.isVisible()

        # The server's final count: moved and fixed records once each in the open session, nothing in the closed.
        in_target = events(qtbot, direct, target)
        assert {key: in_target[key] for key in (moved_a.idem_key, moved_b.idem_key, unknown.idem_key)} == {
            moved_a.idem_key: 1,
            moved_b.idem_key: 1,
            unknown.idem_key: 1,
        }
        assert units_in(qtbot, direct, target) == 3 + 2 + 4
        assert not set(events(qtbot, direct, doomed)) & {moved_a.idem_key, moved_b.idem_key, dropped.idem_key}

        # The discard stays in the history with the user's reason: never dropped silently.
        pane.show_combo.setCurrentIndex(pane.show_combo.findData("history"))
        qtbot.waitUntil(lambda: pane.model.row_of(dropped.entry_id) >= 0, timeout=10_000)
        assert cell(pane, dropped.entry_id, STATE) == "Discarded"
        assert cell(pane, dropped.entry_id, REASON) == "Discarded: Counted twice by mistake"
        assert cell(pane, moved_a.entry_id, STATE) == "On the server"
    finally:
        run_async(qtbot, proxy.close())


def test_the_move_dialog_speaks_of_one_record_in_the_singular(qtbot: QtBot) -> None:
    texts = []
    for count in (1, 2):
        dialog = MoveDialog(count, [])
        qtbot.addWidget(dialog)
        texts.append(next(label.text() for label in dialog.findChildren(QLabel) if label.text().startswith("Move")))
    assert texts == [
        "Move this record to a session that is still open. It keeps its id, so it can never count twice.",
        "Move these 2 records to a session that is still open. They keep their ids, so they can never count twice.",
    ]
