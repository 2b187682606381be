"""Alarms that never sleep: the session's alarm service against the simulator's field devices over a real broker,
with the Irrigation pane never opened.

One simulator with fast-ticking devices serves the module; each test signs in through the real session controller
with a data folder (an office: the journal lives in its database) and injects faults on its own device, through the
simulator's `sim/{deviceId}/fault` topic, so the tests do not disturb each other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.models_iot import ValveCommand
from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.store import alarms as stored
from hydrodesk.ui.alarms.dialog import AlarmsDialog
from hydrodesk.ui.alarms.rules_dialog import EDITABLE, AlarmRulesDialog
from hydrodesk.ui.alarms.service import AlarmService

from .conftest import run_async
from .live_support import SignedIn, SimulatorSource, sign_in

pytestmark = pytest.mark.mqtt

WAIT_MS = 20_000

COLUMN = {field: column for column, field in EDITABLE.items()}
MIN_FLOW, LEAK, DELAY = COLUMN["min_lpm"], COLUMN["leak_lpm"], COLUMN["hold_s"]


@pytest.fixture
def office(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    """Signed in on the Weather pane (never Irrigation), alarms raised after a condition held for a second."""
    from hydrodesk.ui.ui_state import UiState

    UiState(tmp_path / "ui-state.ini").save_irrigation_limits(IrrigationLimits(alarm_hold_s=1.0))
    yield from sign_in(qtbot, qapp, field_sim, tmp_path, "weather", data_dir=tmp_path / "data")


def alarms_of(signed_in: SignedIn) -> AlarmService:
    service = signed_in.controller.alarms
    assert service is not None
    return service


def watching(qtbot: QtBot, signed_in: SignedIn, *valve_ids: str) -> AlarmService:
    service = alarms_of(signed_in)
    qtbot.waitUntil(lambda: {v.valve_id for v in service.valves} >= set(valve_ids), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: service.evaluations > 3, timeout=WAIT_MS)
    return service


def fault(signed_in: SignedIn, device_id: str, kind: str, valve_id: str | None = None) -> None:
    payload: dict[str, str] = {"fault": kind}
    if valve_id is not None:
        payload["valveId"] = valve_id
    assert signed_in.live.hub.connection.publish(f"sim/{device_id}/fault", json.dumps(payload).encode())


def entries(service: AlarmService, kind: str, device_id: str) -> list[Any]:
    return [entry for entry in service.journal if entry.kind == kind and entry.device_id == device_id]


def test_a_leak_raises_one_alarm_in_the_status_bar_acknowledged_by_name_and_still_there_after_a_restart(
    qtbot: QtBot, office: SignedIn, field_sim: Any, tmp_path: Path
) -> None:
    window = office.kit.window
    service = watching(qtbot, office, "valve_007")
    fault(office, "bitRTU-03", "leak", "valve_007")  # Válvula C-1, closed
    try:
        qtbot.waitUntil(lambda: service.find("leak", valve_id="valve_007") is not None, timeout=WAIT_MS)
        alarm = service.find("leak", valve_id="valve_007")
        assert alarm is not None
        assert "irrigation" not in window._panes  # nobody opened the Irrigation pane
        assert window.status.alarm_badge.isVisible()
        assert window.status.alarm_count_text.endswith("1 alarm")
        assert "Válvula C-1" in alarm.subject
        assert alarm.readings["flow_lpm"] > 1.0

        # One key away: the dialog opens with the newest alarm selected; Alt+A acknowledges it by name.
        window.alarms_action.trigger()
        dialog = window.alarms_dialog
        assert isinstance(dialog, AlarmsDialog)
        assert dialog.view.selected() is alarm
        # Its times are the farm's clock, as the status bar's are, not this computer's.
        assert window.farm_zone is not None
        assert dialog.view.model.zone == window.farm_zone
        dialog.view.acknowledge_button.click()
        assert alarm.acknowledged_by == service.user_name != ""
        assert not window.status.alarm_badge.isVisible()
        assert dialog.view.table.export_to_file(tmp_path / "alarms.csv") == 1
        assert alarm.acknowledged_by in (tmp_path / "alarms.csv").read_text(encoding="utf-8-sig")
        dialog.close()
        run_async(qtbot, service.flushed())

        # Restart: a new office (and alarm service) on the same database, the leak still there.
        assert run_async(qtbot, office.controller.connect(SimulatorSource(field_sim)), timeout_ms=20_000)
        again = watching(qtbot, office, "valve_007")
        assert again is not service
        stored = again.entry(alarm.alarm_id)
        assert stored is not None
        assert (stored.kind, stored.acknowledged_by, stored.open) == ("leak", alarm.acknowledged_by, True)
        settled = again.evaluations + 10
        qtbot.waitUntil(lambda: again.evaluations > settled, timeout=WAIT_MS)
        assert len(entries(again, "leak", "bitRTU-03")) == 1  # still true: not raised a second time
    finally:
        fault(office, "bitRTU-03", "clear")
    # Repaired: acknowledged and gone, it closes by itself.
    qtbot.waitUntil(lambda: again.entry(alarm.alarm_id).cleared_at is not None, timeout=WAIT_MS)  # type: ignore[union-attr]


def test_a_stuck_valve_raises_no_flow_once(qtbot: QtBot, office: SignedIn) -> None:
    service = watching(qtbot, office, "valve_008")
    client = office.controller.client
    assert client is not None
    fault(office, "bitRTU-04", "stuck", "valve_008")  # acks and reports open, but no water moves
    try:
        run_async(qtbot, client.send_valve_command("valve_008", ValveCommand(action="open", duration_min=5)))
        qtbot.waitUntil(lambda: service.find("no_flow", valve_id="valve_008") is not None, timeout=WAIT_MS)
        settled = service.evaluations + 10
        qtbot.waitUntil(lambda: service.evaluations > settled, timeout=WAIT_MS)
        assert len(entries(service, "no_flow", "bitRTU-04")) == 1
        assert not entries(service, "offline", "bitRTU-04")
    finally:
        run_async(qtbot, client.send_valve_command("valve_008", ValveCommand(action="close")))
        fault(office, "bitRTU-04", "clear")


def test_a_device_going_offline_mid_run_raises_offline_once_and_nothing_about_its_flow(
    qtbot: QtBot, office: SignedIn
) -> None:
    service = watching(qtbot, office, "valve_010")
    client = office.controller.client
    assert client is not None
    run_async(qtbot, client.send_valve_command("valve_010", ValveCommand(action="open", duration_min=5)))
    try:
        qtbot.waitUntil(lambda: service.live.latest("bitRTU-05", "flow_lpm_valve_010") is not None, timeout=WAIT_MS)
        fault(office, "bitRTU-05", "offline")
        qtbot.waitUntil(lambda: service.find("offline", device_id="bitRTU-05") is not None, timeout=WAIT_MS)
        settled = service.evaluations + 10
        qtbot.waitUntil(lambda: service.evaluations > settled, timeout=WAIT_MS)
        assert len(entries(service, "offline", "bitRTU-05")) == 1
        assert [e.kind for e in service.journal if e.device_id == "bitRTU-05"] == ["offline"]
    finally:
        fault(office, "bitRTU-05", "clear")
        qtbot.waitUntil(lambda: service.live.devices.get("bitRTU-05").online is True, timeout=WAIT_MS)  # type: ignore[union-attr]
        run_async(qtbot, client.send_valve_command("valve_010", ValveCommand(action="close")))


def test_a_flapping_sensor_raises_one_alarm_whose_count_goes_up_and_a_low_battery_its_own(
    qtbot: QtBot, office: SignedIn
) -> None:
    service = watching(qtbot, office, "valve_005")
    service.settings = AlarmSettings(sound=True)  # a beep must not need (or crash without) an audio device
    fault(office, "bitRTU-02", "flap", "valve_005")  # closed: a leak-sized reading every other time
    fault(office, "bitRTU-02", "battery_low")
    try:
        qtbot.waitUntil(lambda: service.find("leak", valve_id="valve_005") is not None, timeout=WAIT_MS)
        alarm = service.find("leak", valve_id="valve_005")
        assert alarm is not None
        qtbot.waitUntil(lambda: alarm.repeats >= 5, timeout=WAIT_MS)
        assert len(entries(service, "leak", "bitRTU-02")) == 1
        qtbot.waitUntil(lambda: service.find("battery_low", device_id="bitRTU-02") is not None, timeout=WAIT_MS)
        battery = service.find("battery_low", device_id="bitRTU-02")
        assert battery is not None
        assert battery.value is not None
        assert battery.value < 20
        assert len(entries(service, "battery_low", "bitRTU-02")) == 1
        assert battery.subject == "bitRTU-02 (Lote B-1, Lote B-2)"
        assert service.beeps == 2
        # Rate-limited: two alarms, at most one desktop notification now (offscreen there is no tray: none).
        assert len(service.notifier.sent) <= 1
        assert office.kit.window.status.alarm_count_text.endswith("2 alarms")
    finally:
        fault(office, "bitRTU-02", "clear")


def test_alarm_rules_are_edited_per_valve_and_per_sector_checked_and_kept_in_the_office_s_database(
    qtbot: QtBot, office: SignedIn
) -> None:
    service = watching(qtbot, office, "valve_001")
    dialog = office.kit.window.open_alarm_rules()
    assert isinstance(dialog, AlarmRulesDialog)
    row = next(r for r, valve in enumerate(service.valves) if valve.valve_id == "valve_001")
    assert dialog.table.item(row, 1).text() == "Válvula A-1 Norte"
    assert dialog.table.item(row, 0).text() == "Rancho San Pedro"  # two projects' valves are watched at once
    dialog.table.item(row, MIN_FLOW).setText("abc")
    dialog.save_button.click()
    assert "Válvula A-1 Norte" in dialog.problem.text()  # nothing saved, the typing kept
    assert not service.rules
    # The keyboard is on the cell to mend: what is typed next replaces "abc".
    assert (dialog.table.currentRow(), dialog.table.currentColumn()) == (row, MIN_FLOW)
    assert dialog.focusWidget() is dialog.table
    dialog.table.item(row, MIN_FLOW).setText("25,5")  # a decimal comma, as typed in Spanish
    dialog.table.item(row, DELAY).setText("90")
    dialog.battery.setValue(30)
    # The whole of valve_001's sector: a delay and a leak threshold of its own.
    sector_id = next(v.sector_id for v in service.valves if v.valve_id == "valve_001")
    sectors = dialog.sector_table
    sector_row = next(r for r in range(sectors.rowCount()) if sectors.item(r, 1).text() == "Lote A-1")
    sectors.item(sector_row, DELAY).setText("-3")
    dialog.save_button.click()
    assert dialog.tabs.currentWidget() is sectors  # shown where the mistake is
    assert "Lote A-1" in dialog.problem.text()
    assert sectors.currentRow() == sector_row
    assert dialog.focusWidget() is sectors
    sectors.item(sector_row, DELAY).setText("45")
    sectors.item(sector_row, LEAK).setText("2,5")
    with qtbot.waitSignal(service.rules_changed, timeout=WAIT_MS):
        dialog.save_button.click()
    assert service.rules == {"valve_001": ValveRule("valve_001", min_lpm=25.5, hold_s=90.0)}
    assert service.sector_rules == {sector_id: ValveRule(sector_id, leak_lpm=2.5, hold_s=45.0)}
    # The valve's own delay wins; its sector's applies to the valves without one.
    holds = service.book.debounce.valve_hold_s
    sibling = next(v.valve_id for v in service.valves if v.sector_id == sector_id and v.valve_id != "valve_001")
    assert (holds["valve_001"], holds[sibling]) == (90.0, 45.0)
    assert service.settings.battery_low_pct == 30.0
    office_now = office.controller.office
    assert office_now is not None
    rules, settings = run_async(qtbot, office_now.store.read(stored.load_rules))
    assert rules == service.rules
    assert settings == service.settings
    assert run_async(qtbot, office_now.store.read(stored.load_sector_rules)) == service.sector_rules
    # Opened again, the dialog shows what was kept.
    again = office.kit.window.open_alarm_rules()
    assert isinstance(again, AlarmRulesDialog)
    assert again.sector_table.item(sector_row, DELAY).text() == "45"
    again.close()
