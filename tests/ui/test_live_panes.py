"""The Telemetry and Irrigation panes against the simulator's field devices over a real broker.

One simulator with fast-ticking devices serves the module; each test signs in through the real session
controller, which starts the session's TelemetryHub (IoT token from the API, MQTT over WebSocket).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.ui.irrigation.command_dialog import ValveCommandDialog
from hydrodesk.ui.panes.irrigation import ALARMS_TAB, IrrigationPane
from hydrodesk.ui.panes.telemetry import TelemetryPane

from .live_support import ALL_SCOPES, SignedIn, sign_in

pytestmark = pytest.mark.mqtt

WAIT_MS = 20_000


@pytest.fixture
def telemetry(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, field_sim, tmp_path, "telemetry")


@pytest.fixture
def irrigation(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    yield from sign_in(qtbot, qapp, field_sim, tmp_path, "irrigation")


def points(pane: TelemetryPane, key: SeriesKey) -> int:
    item = pane.chart.items.get(key)
    return 0 if item is None else item.points


# ---------------------------------------------------------------------------------------------- telemetry
def test_the_telemetry_pane_plots_live_flow_and_pressure_as_they_arrive(
    qtbot: QtBot, telemetry: SignedIn, qtmodeltester: Any
) -> None:
    window = telemetry.kit.window
    window.navigator.select("proj_123", None)
    pane = window.pane("telemetry")
    assert isinstance(pane, TelemetryPane)
    flow, pressure = SeriesKey("bitRTU-01", "flow_lpm"), SeriesKey("bitRTU-01", "pressure_bar")
    # By default the pane plots flow and pressure of every device of the selected project.
    qtbot.waitUntil(lambda: points(pane, flow) >= 5 and points(pane, pressure) >= 5, timeout=WAIT_MS)
    assert not pane.chart.has(SeriesKey("bitRTU-04", "flow_lpm"))  # another project's device
    assert set(pane.chart.plots) == {"flow", "pressure"}  # one plot per unit, several series in each
    assert pane.chart_stack.currentIndex() == 0
    before = points(pane, pressure)
    updates = pane.chart.items[pressure].updates
    qtbot.waitUntil(lambda: points(pane, pressure) >= before + 5, timeout=WAIT_MS)  # it keeps growing, live
    assert pane.chart.items[pressure].updates > updates
    low, high = pane.chart.visible_range()
    assert high - low == pytest.approx(300, abs=1)  # the 5-minute window follows the newest data

    # Any metric of any device: tick soil moisture at 30 cm, and a third plot appears.
    soil = SeriesKey("bitRTU-02", "soil_moisture_pct_30cm")
    pane.show_series(soil)
    qtbot.waitUntil(lambda: points(pane, soil) >= 3, timeout=WAIT_MS)
    assert "soil" in pane.chart.plots

    # The device list: online, battery and signal from the devices' status.
    model = pane.devices_model
    qtbot.waitUntil(lambda: model.rowCount() >= 3, timeout=WAIT_MS)
    row = next(r for r in range(model.rowCount()) if model.device_at(r).device_id == "bitRTU-01")  # type: ignore[union-attr]
    assert model.data(model.index(row, 2)).endswith("Online")
    assert model.data(model.index(row, 4)).endswith("%")
    assert model.data(model.index(row, 5)).endswith("dBm")
    qtmodeltester.check(model)
    # The table lists the selected project's devices, and the heading counts exactly those.
    shown = model.shown
    assert {info.project_id for info in shown} == {"proj_123"}
    assert f"of {len(shown)} devices online" in pane.subtitle_label.text()
    assert pane.devices_label.text() == f"DEVICES ({len(shown)})"

    # Pause: the window stops following; the data keeps arriving underneath.
    pane.pause_button.click()
    frozen = pane.chart.visible_range()
    arrived = points(pane, flow)
    qtbot.waitUntil(lambda: points(pane, flow) >= arrived + 3, timeout=WAIT_MS)
    assert pane.chart.visible_range() == frozen
    assert pane.scrub.isVisible()
    pane.pause_button.click()
    assert pane.chart.following


def test_the_visible_window_exports_to_csv_xlsx_and_png(qtbot: QtBot, telemetry: SignedIn, tmp_path: Path) -> None:
    window = telemetry.kit.window
    window.navigator.select("proj_123", None)
    pane = window.pane("telemetry")
    assert isinstance(pane, TelemetryPane)
    key = SeriesKey("bitRTU-01", "flow_lpm")
    qtbot.waitUntil(lambda: points(pane, key) >= 5, timeout=WAIT_MS)
    pane.chart.set_cursor(pane.chart.visible_range()[1] - 0.5)
    assert "Flow" in pane.readout.text()  # the crosshair's readout names the series and their values
    rows = pane.export_to(tmp_path / "visible.csv")
    lines = (tmp_path / "visible.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows >= 10
    assert lines[0] == "Time,Device,Metric,Value,Unit"
    assert any(",bitRTU-01,Flow," in line for line in lines[1:])
    assert pane.export_to(tmp_path / "visible.xlsx") >= 10
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "visible.xlsx").active
    assert isinstance(sheet.cell(2, 4).value, int | float)  # numbers stay numbers
    pane.export_to(tmp_path / "charts.png")
    assert (tmp_path / "charts.png").read_bytes()[:4] == b"\x89PNG"


def test_a_refused_history_is_said_plainly_and_the_live_stream_goes_on(
    qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path
) -> None:
    without_history = tuple(scope for scope in ALL_SCOPES if scope != "read:telemetry")
    session = next(sign_in(qtbot, qapp, field_sim, tmp_path, "telemetry", scopes=without_history))
    window = session.kit.window
    window.navigator.select("proj_123", None)
    pane = window.pane("telemetry")
    assert isinstance(pane, TelemetryPane)
    qtbot.waitUntil(pane.history_banner.isVisible, timeout=WAIT_MS)
    assert "read:telemetry" in pane.history_banner.text()
    key = SeriesKey("bitRTU-01", "flow_lpm")
    qtbot.waitUntil(lambda: points(pane, key) >= 5, timeout=WAIT_MS)
    arrived = points(pane, key)
    qtbot.waitUntil(lambda: points(pane, key) >= arrived + 5, timeout=WAIT_MS)  # still live
    assert pane.chart.items[key].history_points == 0  # nothing stored, nothing fetched
    assert pane.connection_chip.text() == "● " + pane.tr("Live")


# ---------------------------------------------------------------------------------------------- irrigation
def irrigation_pane(session: SignedIn, sector: str) -> IrrigationPane:
    window = session.kit.window
    window.navigator.select("proj_123", sector)
    pane = window.pane("irrigation")
    assert isinstance(pane, IrrigationPane)
    return pane


def test_an_open_confirmed_by_keyboard_reaches_confirmed_and_the_field_reports_it_open(
    qtbot: QtBot, irrigation: SignedIn, qtmodeltester: Any
) -> None:
    pane = irrigation_pane(irrigation, "sector_005")  # Lote C-1: valve_007 on bitRTU-03
    qtbot.waitUntil(lambda: pane.valves_model.row_of("valve_007") >= 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)  # live flow and pressure for every valve
    row = pane.valves_model.row_at(pane.valves_model.row_of("valve_007"))
    assert row is not None
    assert row.observed == "closed"
    assert row.valve.expected_flow is not None
    pane.select_valve("valve_007")

    pane.open_button.setFocus()
    qtbot.keyClick(pane.open_button, Qt.Key.Key_Space)  # the keyboard path: focus Open, press Space
    dialog = pane.findChild(ValveCommandDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert "Válvula C-1" in dialog.heading.text()
    assert "Lote C-1" in dialog.heading.text()
    qtbot.waitUntil(dialog.duration.hasFocus, timeout=5_000)
    qtbot.keyClicks(dialog.duration, "5")  # type the duration (the field starts selected)...
    assert "5 min" in dialog.heading.text()
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)  # ...and Enter confirms

    qtbot.waitUntil(lambda: pane.tracker.commands and pane.tracker.commands[-1].finished, timeout=WAIT_MS)
    command = pane.tracker.commands[-1]
    assert command.status.value == "confirmed", command.error
    assert command.duration_min == 5
    statuses = [status.value for status, _at in command.history]
    assert statuses[0] == "pending"
    assert statuses[-1] == "confirmed"
    assert statuses == sorted(statuses, key=["pending", "sent", "acked", "confirmed"].index)
    qtbot.waitUntil(lambda: pane.valve_row(row.valve).observed == "open", timeout=WAIT_MS)
    opened = pane.valve_row(row.valve)
    assert opened.commanded == "open"
    assert opened.flow_lpm is not None
    assert opened.flow_lpm > 1.0
    for model in (pane.valves_model, pane.commands_model):
        qtmodeltester.check(model)

    # Close it again (no program owns it): confirmed the same way.
    pane.select_valve("valve_007")
    dialog = pane.request_close()
    assert dialog is not None
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: pane.tracker.commands[-1].finished, timeout=WAIT_MS)
    assert pane.tracker.commands[-1].status.value == "confirmed"
    assert not pane.tracker.commands[-1].escalated


def test_an_open_is_blocked_by_the_interlocks(qtbot: QtBot, irrigation: SignedIn) -> None:
    pane = irrigation_pane(irrigation, "sector_001")
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    pane.limits = IrrigationLimits(min_line_pressure_bar=4.5, max_line_pressure_bar=6.0)  # above the line's ~3 bar
    pane.select_valve("valve_001")
    dialog = pane.request_open()
    assert dialog is not None
    assert dialog.blocked
    assert not dialog.confirm_button.isEnabled()
    assert "below the 4.5 bar" in dialog.notes.text()
    dialog.reject()
    assert not pane.tracker.commands


def test_a_leak_raises_an_alarm_that_the_user_acknowledges(
    qtbot: QtBot, irrigation: SignedIn, qtmodeltester: Any
) -> None:
    pane = irrigation_pane(irrigation, "sector_004")  # Lote B-2: valve_006 on bitRTU-02
    assert irrigation.controller.alarms is not None
    assert pane.alarms is irrigation.controller.alarms  # the session's service, not the pane's own
    irrigation.controller.alarms.limits = IrrigationLimits(alarm_hold_s=1.0)
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    live = irrigation.live
    fault = json.dumps({"fault": "leak", "valveId": "valve_006"}).encode()
    assert live.hub.connection.publish("sim/bitRTU-02/fault", fault)  # the simulator's fault injection topic
    try:
        qtbot.waitUntil(lambda: pane.alarms.find("leak", valve_id="valve_006") is not None, timeout=WAIT_MS)
        alarm = pane.alarms.find("leak", valve_id="valve_006")
        assert alarm is not None
        assert alarm.value is not None
        assert alarm.value > 1.0
        assert "Válvula B-2" in alarm.subject
        assert pane.alarm_banner.isVisible()  # no system tray offscreen: the in-app banner tells
        assert "Leak" in pane.alarm_text.text()

        pane.show_alarms_button.click()
        assert pane.tabs.currentIndex() == ALARMS_TAB
        pane.select_alarm(alarm.alarm_id)
        assert pane.acknowledge_button.isEnabled()
        pane.acknowledge_button.click()
        assert alarm.acknowledged_at is not None
        assert alarm.acknowledged_by
        assert not any(entry.kind == "leak" for entry in pane.alarms.needing_attention())
        qtmodeltester.check(pane.alarms_model)
    finally:
        live.hub.connection.publish("sim/bitRTU-02/fault", json.dumps({"fault": "clear"}).encode())
    # Repaired: the condition goes away, and the acknowledged alarm closes by itself.
    qtbot.waitUntil(lambda: alarm.cleared_at is not None, timeout=WAIT_MS)
    assert alarm.cleared_by == ""


def test_a_close_the_field_does_not_confirm_is_resent_with_the_same_id_then_escalated(
    qtbot: QtBot, irrigation: SignedIn
) -> None:
    pane = irrigation_pane(irrigation, "sector_002")  # Lote A-2: valve_003 on bitRTU-01
    pane.limits = IrrigationLimits(close_confirm_s=1.0, close_retries=1)
    qtbot.waitUntil(lambda: pane.is_data_ready(), timeout=WAIT_MS)
    pane.select_valve("valve_003")
    dialog = pane.request_open()
    assert dialog is not None
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: pane.tracker.commands[-1].finished, timeout=WAIT_MS)
    assert pane.tracker.commands[-1].status.value == "confirmed"

    live = irrigation.live
    stuck = json.dumps({"fault": "stuck", "valveId": "valve_003"}).encode()
    assert live.hub.connection.publish("sim/bitRTU-01/fault", stuck)  # acks, but the valve does not move
    try:
        pane.select_valve("valve_003")
        dialog = pane.request_close()
        assert dialog is not None
        dialog.confirm_button.click()
        close = pane.tracker.commands[-1]
        assert close.action == "close"
        qtbot.waitUntil(lambda: close.escalated, timeout=WAIT_MS)
        assert close.sends == 2  # resent once, with the same commandId, before escalating
        assert close.status.value != "confirmed"
        alarm = pane.alarms.find("close_unconfirmed", valve_id="valve_003")
        assert alarm is not None
        assert "Válvula A-2" in alarm.subject
        assert pane.alarm_banner.isVisible()
        assert "Close not confirmed" in pane.alarm_text.text()
    finally:
        live.hub.connection.publish("sim/bitRTU-01/fault", json.dumps({"fault": "clear"}).encode())
