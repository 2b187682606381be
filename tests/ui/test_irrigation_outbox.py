"""Valve commands go through the office's outbox: online they reach the field as before; with the office offline
they wait as pending (stored, not lost) and go out when it is back. The session's telemetry rollups go to the
office's store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.sync.office import Office
from hydrodesk.ui.irrigation.command_dialog import DEFAULT_DELIVERY_MIN
from hydrodesk.ui.irrigation.commands import TrackedCommand
from hydrodesk.ui.panes.irrigation import IrrigationPane

from .conftest import run_async
from .live_support import SignedIn, sign_in

pytestmark = pytest.mark.mqtt

WAIT_MS = 20_000


@pytest.fixture
def irrigation(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, field_sim, tmp_path, "irrigation", data_dir=tmp_path / "data")


def office_of(session: SignedIn) -> Office:
    office = session.controller.office
    assert office is not None
    return office


def entry_of(qtbot: QtBot, office: Office, command: TrackedCommand) -> OutboxItem | None:
    return run_async(qtbot, office.store.read(ob.by_idem_key, EntryKind.VALVE_COMMAND, command.command_id))


async def start(office: Office) -> None:
    office.engine.start()  # on the running loop, as the app does


def open_valve_007(qtbot: QtBot, session: SignedIn) -> tuple[IrrigationPane, TrackedCommand]:
    window = session.kit.window
    window.navigator.select("proj_123", "sector_005")  # Lote C-1: valve_007 on bitRTU-03
    pane = window.pane("irrigation")
    assert isinstance(pane, IrrigationPane)
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    pane.select_valve("valve_007")
    dialog = pane.request_open()
    assert dialog is not None
    assert dialog.delivery.value() == DEFAULT_DELIVERY_MIN  # how long it may wait offline, shown and changeable
    dialog.delivery.setValue(20)
    dialog.duration.setValue(5)
    dialog.confirm_button.click()
    command = pane.tracker.commands[-1]
    assert command.action == "open"
    return pane, command


def close_again(qtbot: QtBot, pane: IrrigationPane) -> None:
    pane.select_valve("valve_007")
    dialog = pane.request_close()
    assert dialog is not None
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: pane.tracker.commands[-1].finished, timeout=WAIT_MS)
    assert pane.tracker.commands[-1].status.value == "confirmed"


def test_an_open_confirmed_online_goes_through_the_outbox_and_reaches_confirmed(
    qtbot: QtBot, irrigation: SignedIn
) -> None:
    office = office_of(irrigation)
    assert irrigation.live.hub.pump.sink is office.store  # telemetry rollups are kept in the office's database

    pane, command = open_valve_007(qtbot, irrigation)
    qtbot.waitUntil(lambda: command.finished, timeout=WAIT_MS)
    assert command.status.value == "confirmed", command.error
    statuses = [status.value for status, _at in command.history]
    assert statuses[0] == "pending"
    assert statuses[-1] == "confirmed"
    entry = entry_of(qtbot, office, command)
    assert entry is not None  # the commandId fixed at confirmation is the outbox entry's key
    assert entry.state is EntryState.DONE
    assert entry.payload["valve_id"] == "valve_007"
    assert entry.payload["command"]["duration_min"] == 5
    assert entry.expires_at is not None  # the user's delivery deadline travels with the entry
    close_again(qtbot, pane)


def test_an_open_confirmed_while_offline_waits_as_pending_and_goes_out_when_back(
    qtbot: QtBot, irrigation: SignedIn
) -> None:
    office = office_of(irrigation)
    run_async(qtbot, office.engine.stop())  # the office is offline: nothing leaves the outbox
    try:
        pane, command = open_valve_007(qtbot, irrigation)
        qtbot.waitUntil(lambda: command.error is not None, timeout=WAIT_MS)  # told why it has not gone yet
        assert command.status.value == "pending"
        assert command.sends == 0
        entry = entry_of(qtbot, office, command)
        assert entry is not None
        assert entry.state is EntryState.QUEUED  # stored on disk, waiting for the connection
    finally:
        run_async(qtbot, start(office))

    qtbot.waitUntil(lambda: command.finished, timeout=WAIT_MS)
    assert command.status.value == "confirmed", command.error
    assert command.error is None
    entry = entry_of(qtbot, office, command)
    assert entry is not None
    assert entry.state is EntryState.DONE
    qtbot.waitUntil(
        lambda: pane.valve_row(next(v for v in pane.shown_valves() if v.valve_id == "valve_007")).observed == "open",
        timeout=WAIT_MS,
    )
    close_again(qtbot, pane)
