"""A valve command is "confirmed" only when this office's own flow readings agree. Against the simulator's field
devices: a device that acks and does nothing raises exactly one "acknowledged but not carried out" alarm; a
server "confirmed" the readings contradict raises exactly one "server says done, the flow says otherwise" alarm."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.ui.irrigation.alarms import COMMAND_UNCONFIRMED, CONFIRM_CONTRADICTED
from hydrodesk.ui.irrigation.commands import TrackedCommand
from hydrodesk.ui.panes.irrigation import IrrigationPane

from .conftest import run_async
from .live_support import SignedIn, sign_in

pytestmark = pytest.mark.mqtt

WAIT_MS = 20_000
CONFIRM_WITHIN_S = 2.0  # the simulator's own confirmation timeout is 6 s (fast_field)


@pytest.fixture
def irrigation(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, field_sim, tmp_path, "irrigation", data_dir=tmp_path / "data")


def pane_on(session: SignedIn, sector_id: str) -> IrrigationPane:
    window = session.kit.window
    window.navigator.select("proj_123", sector_id)
    pane = window.pane("irrigation")
    assert isinstance(pane, IrrigationPane)
    return pane


def fault(session: SignedIn, device_id: str, name: str, valve_id: str | None = None) -> None:
    payload = {"fault": name} if valve_id is None else {"fault": name, "valveId": valve_id}
    assert session.live.hub.connection.publish(f"sim/{device_id}/fault", json.dumps(payload).encode())


def open_for_a_minute(qtbot: QtBot, pane: IrrigationPane, valve_id: str) -> TrackedCommand:
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    pane.limits = IrrigationLimits(confirm_within_s=CONFIRM_WITHIN_S, alarm_hold_s=600.0)
    pane.select_valve(valve_id)
    dialog = pane.request_open()
    assert dialog is not None
    dialog.duration.setValue(1)
    dialog.confirm_button.click()
    return pane.tracker.commands[-1]


def server_status(qtbot: QtBot, session: SignedIn, command_id: str) -> str:
    client = session.controller.client
    assert client is not None
    return run_async(qtbot, client.get_command(command_id)).status


def escalations(pane: IrrigationPane, kind: str, valve_id: str) -> int:
    return sum(1 for entry in pane.alarms.journal if entry.kind == kind and entry.valve_id == valve_id)


def test_a_command_acked_but_never_carried_out_raises_exactly_one_alarm(qtbot: QtBot, irrigation: SignedIn) -> None:
    pane = pane_on(irrigation, "sector_004")  # Lote B-2: valve_006 on bitRTU-02
    fault(irrigation, "bitRTU-02", "ack_only", "valve_006")  # the device acks and does nothing
    try:
        command = open_for_a_minute(qtbot, pane, "valve_006")
        qtbot.waitUntil(lambda: command.escalated, timeout=WAIT_MS)
        assert command.alarm_kind == COMMAND_UNCONFIRMED
        assert any(status.value == "acked" for status, _at in command.history)
        assert command.status.value == "failed"
        assert command.error is not None
        assert "did not show it done" in command.error
        alarm = pane.alarms.find(COMMAND_UNCONFIRMED, valve_id="valve_006")
        assert alarm is not None
        assert "Válvula B-2" in alarm.subject
        assert pane.alarm_banner.isVisible()
        assert "Command acknowledged but not carried out" in pane.alarm_text.text()
        # The server gives up on it too, later: still the one alarm.
        qtbot.waitUntil(lambda: server_status(qtbot, irrigation, command.command_id) == "failed", timeout=WAIT_MS)
        assert escalations(pane, COMMAND_UNCONFIRMED, "valve_006") == 1
    finally:
        fault(irrigation, "bitRTU-02", "clear")


def test_a_server_confirmation_the_flow_contradicts_raises_exactly_one_alarm(
    qtbot: QtBot, irrigation: SignedIn
) -> None:
    pane = pane_on(irrigation, "sector_001")  # Lote A-1: valve_001 on bitRTU-01
    fault(irrigation, "bitRTU-01", "false_confirm", "valve_001")  # acked "as done"; the valve does not move
    try:
        command = open_for_a_minute(qtbot, pane, "valve_001")
        qtbot.waitUntil(lambda: command.server_confirmed, timeout=WAIT_MS)
        assert command.status.value != "confirmed"  # the server's word alone does not make it so
        assert server_status(qtbot, irrigation, command.command_id) == "confirmed"
        qtbot.waitUntil(lambda: command.escalated, timeout=WAIT_MS)
        assert command.alarm_kind == CONFIRM_CONTRADICTED
        assert command.status.value == "failed"
        assert command.alarm_value is not None
        assert command.alarm_value < 1.0
        assert "Server says done, the flow says otherwise" in pane.alarm_text.text()
        assert escalations(pane, CONFIRM_CONTRADICTED, "valve_001") == 1
    finally:
        fault(irrigation, "bitRTU-01", "clear")
    # Repaired, the valve follows what its device reports (open) until the minute it was opened for runs out.


def test_the_valve_commands_of_a_program_start_are_confirmed_by_the_office_s_own_readings(
    qtbot: QtBot, irrigation: SignedIn
) -> None:
    """Two programs started at once: one device acks and does nothing, another vouches for a valve that does not
    move. Each of those raises its one alarm; the other valves are confirmed by the flow; the stops close them."""
    pane = pane_on(irrigation, "sector_001")
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    pane.limits = IrrigationLimits(confirm_within_s=CONFIRM_WITHIN_S, alarm_hold_s=600.0, max_open_valves=10)
    irrigation.kit.window.navigator.select("proj_123")  # every valve of the project
    fault(irrigation, "bitRTU-02", "ack_only", "valve_006")  # prog_002: valve_004, valve_005, valve_006
    # valve_002, not valve_001: the test before this one may leave valve_001 open for its minute.
    fault(irrigation, "bitRTU-01", "false_confirm", "valve_002")  # prog_001: valve_001, valve_002, valve_003
    try:
        for program_id in ("prog_001", "prog_002"):
            request = program(qtbot, pane, program_id, "start")
            assert request.outcome == "done", request.reason
            assert len(request.steps) == 3
        followed = {c.valve_id: c for c in pane.tracker.commands if c.program_name}
        assert set(followed) == {f"valve_00{n}" for n in range(1, 7)}
        qtbot.waitUntil(lambda: all(c.finished for c in followed.values()), timeout=WAIT_MS)
        verdicts = {valve_id: (c.status.value, c.alarm_kind) for valve_id, c in followed.items()}
        assert verdicts == {
            "valve_001": ("confirmed", ""),
            "valve_002": ("failed", CONFIRM_CONTRADICTED),
            "valve_003": ("confirmed", ""),
            "valve_004": ("confirmed", ""),
            "valve_005": ("confirmed", ""),
            "valve_006": ("failed", COMMAND_UNCONFIRMED),
        }
        assert followed["valve_002"].server_confirmed  # the server's word, contradicted by the flow
        assert escalations(pane, CONFIRM_CONTRADICTED, "valve_002") == 1
        assert escalations(pane, COMMAND_UNCONFIRMED, "valve_006") == 1
        row = pane.commands_model.rows.index(followed["valve_003"])
        assert "Riego matutino Lote A" in pane.commands_model.data(pane.commands_model.index(row, 7))
    finally:
        fault(irrigation, "bitRTU-01", "clear")
        fault(irrigation, "bitRTU-02", "clear")
        for program_id in ("prog_001", "prog_002"):  # the water off again, followed to the closes' confirmation
            assert program(qtbot, pane, program_id, "stop").outcome == "done"
    closes = [c for c in pane.tracker.commands if c.program_name and c.action == "close"]
    assert len(closes) == 6
    qtbot.waitUntil(lambda: all(c.status.value == "confirmed" for c in closes), timeout=WAIT_MS)


def program(qtbot: QtBot, pane: IrrigationPane, program_id: str, action: str) -> Any:
    from hydrodesk.ui.panes.irrigation import PROGRAMS_TAB

    pane.tabs.setCurrentIndex(PROGRAMS_TAB)
    qtbot.waitUntil(lambda: pane.programs_model.row_of(program_id) >= 0, timeout=WAIT_MS)
    pane.programs_table.select_source_row(pane.programs_model.row_of(program_id))
    dialog = pane._request_program(action)
    assert dialog is not None
    assert not dialog.blocked, dialog.interlocks
    with qtbot.waitSignal(pane.programs.finished, timeout=WAIT_MS) as finished:
        dialog.confirm_button.click()
    return finished.args[0]
