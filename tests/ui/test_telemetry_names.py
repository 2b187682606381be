"""The Telemetry pane names valves and projects as the farm does (it showed "proj_456" and "valve_008 closed"):
from the alarms' list of watched valves, which loads after sign-in, so names already on screen change too."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from hydrodesk.api.models import Project
from hydrodesk.domain.alarm_watch import WatchedValve
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_devices import ValveSeen
from hydrodesk.mqtt.hub import TelemetryHub
from hydrodesk.ui.irrigation.alarms import AlarmCenter
from hydrodesk.ui.live.telemetry import LiveTelemetry
from hydrodesk.ui.models.devices import PROJECT, VALVES
from hydrodesk.ui.panes.base import Selection
from hydrodesk.ui.panes.telemetry import TelemetryPane

from .telemetry_kit import no_token, telemetry_window

DEVICE, PROJECT_ID = "bitRTU-04", "proj_456"
FLOW = SeriesKey(DEVICE, "flow_lpm_valve_008")


def store_a_minute(hub: TelemetryHub, key: SeriesKey, value: float) -> None:
    """The last minute of `key`, one point a second, as ingest stores it and notes it for the next tick."""
    series = hub.store.get_or_create(key)
    assert series is not None
    now = time.time()
    series.extend(np.arange(now - 60, now, 1.0), np.full(60, value))
    hub.ingest._changed.add(key)


def project(project_id: str, name: str) -> Project:
    return Project.model_validate(
        {
            "projectId": project_id,
            "companyId": "c1",
            "name": name,
            "timezone": "America/Lima",
            "settings": {"samplingUnit": "kg", "pricePerUnit": 1.0},
            "sectors": [],
        }
    )


def hub_with_a_minute_of_flow() -> TelemetryHub:
    """A hub with no broker, holding the last minute of valve_008's flow as ingest stores it."""
    hub = TelemetryHub(no_token)  # type: ignore[arg-type]
    store_a_minute(hub, FLOW, 620.0)
    return hub


@pytest.fixture
def shown(qtbot: QtBot, qapp: QApplication, qloop: object) -> Iterator[tuple[TelemetryPane, AlarmCenter]]:
    hub = hub_with_a_minute_of_flow()
    now = time.time()
    hub.devices.valves(DEVICE, PROJECT_ID, {"valve_008": ValveSeen("closed", now - 30, now - 1)})
    live = LiveTelemetry(hub)
    alarms = AlarmCenter(lambda: 60.0)
    window, pane = telemetry_window(qtbot, qapp, live, alarms)
    yield pane, alarms
    window.close()


def test_valves_and_projects_are_named_once_the_farm_s_valves_are_known(
    shown: tuple[TelemetryPane, AlarmCenter], tmp_path: Path
) -> None:
    pane, alarms = shown
    pane.show_series(FLOW)
    model = pane.devices_model
    # Before the farm's valves have loaded: the ids, as the devices send them.
    assert model.index(0, PROJECT).data() == PROJECT_ID
    assert model.index(0, VALVES).data() == "valve_008 closed"
    assert pane._tree_items[FLOW].text(0) == "Flow valve_008"

    alarms.project_names = {PROJECT_ID: "Finca El Mirador"}
    alarms.valves = [WatchedValve("valve_008", DEVICE, PROJECT_ID, "Válvula Norte 1", "Parcela Norte", None)]
    alarms.valves_changed.emit()

    assert model.index(0, PROJECT).data() == "Finca El Mirador"
    assert model.index(0, PROJECT).data(Qt.ItemDataRole.ToolTipRole) == PROJECT_ID
    assert model.index(0, VALVES).data() == "Válvula Norte 1 closed"
    assert pane._tree_items[FLOW].text(0) == "Flow Válvula Norte 1"
    pane.series_search.setText("valvula norte")  # typed in a hurry: no accent
    assert not pane._tree_items[FLOW].isHidden()
    pane.series_search.setText("")
    item = pane.chart.items[FLOW]
    assert item.label == f"{DEVICE} · Flow Válvula Norte 1"
    legend = item.plot.legend.getLabel(item.curve)
    assert legend is not None
    assert legend.text == item.label
    # The export names the valve too, at the farm's clock the chart's axis shows.
    pane.chart.set_zone("America/Lima")
    assert pane.export_to(tmp_path / "visible.csv") == 60
    lines = (tmp_path / "visible.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].split(",")[1:3] == [DEVICE, "Flow Válvula Norte 1"]
    assert lines[1].split(",")[0].endswith("-05:00")


def test_a_devices_flow_is_plotted_once_its_status_names_the_selected_project(
    qtbot: QtBot, qapp: QApplication, qloop: object
) -> None:
    """A device's points can arrive before its first status says which project it is in; the default series (the
    selected project's flow and pressure) were chosen then and never again, and the chart stayed empty with
    hundreds of points stored (seen in test_live_reconnect)."""
    hub = TelemetryHub(no_token)  # type: ignore[arg-type]
    live = LiveTelemetry(hub)
    window, pane = telemetry_window(qtbot, qapp, live)
    pane.set_selection(Selection(project(PROJECT_ID, "Finca El Mirador")))
    flow = SeriesKey(DEVICE, "flow_lpm")
    store_a_minute(hub, flow, 12.0)
    live.ticked.emit(hub.ingest.take_changed())
    assert flow in pane._tree_items  # listed, but whose it is is not known yet: not plotted
    assert not pane.chart.has(flow)

    hub.devices.seen(DEVICE, PROJECT_ID, time.time())
    info = hub.devices.get(DEVICE)
    assert info is not None
    live.device_changed.emit(info)  # its status, as ingest passes it on
    assert pane.chart.has(flow)
    assert pane._tree_items[flow].checkState(0) == Qt.CheckState.Checked
    qtbot.waitUntil(lambda: pane.context.tasks.pending == 0, timeout=5_000)  # its history looked up
    window.close()


def test_naming_the_farm_s_valves_is_not_the_user_choosing_series(
    qtbot: QtBot, qapp: QApplication, qloop: object
) -> None:
    """The farm's valve names arrive after sign-in and rename the listed series; the tree reported each rename as
    an item change, read as the user's own tick, and the default series were never chosen again: the chart stayed
    empty with hundreds of points stored (test_live_reconnect, under two suites at once)."""
    hub = TelemetryHub(no_token)  # type: ignore[arg-type]
    live = LiveTelemetry(hub)
    alarms = AlarmCenter(lambda: 60.0)
    window, pane = telemetry_window(qtbot, qapp, live, alarms)
    pane.set_selection(Selection(project(PROJECT_ID, "Finca El Mirador")))
    flow = SeriesKey(DEVICE, "flow_lpm")
    for key in (flow, FLOW):  # the device's flow, and its valve's (whose label has the valve's name in it)
        store_a_minute(hub, key, 12.0)
    live.ticked.emit(hub.ingest.take_changed())
    assert flow in pane._tree_items
    assert not pane.chart.has(flow)  # whose it is is not known yet

    alarms.valves = [WatchedValve("valve_008", DEVICE, PROJECT_ID, "Válvula Norte 1", "Parcela Norte", None)]
    alarms.valves_changed.emit()  # the names: every listed series is relabelled
    assert pane._tree_items[FLOW].text(0) == "Flow Válvula Norte 1"

    hub.devices.seen(DEVICE, PROJECT_ID, time.time())
    info = hub.devices.get(DEVICE)
    assert info is not None
    live.device_changed.emit(info)  # then its status names the selected project
    assert pane.chart.has(flow)
    qtbot.waitUntil(lambda: pane.context.tasks.pending == 0, timeout=5_000)  # its history looked up
    window.close()


def test_choosing_another_project_opens_its_devices_in_the_list_and_folds_the_others(
    qtbot: QtBot, qapp: QApplication, qloop: object
) -> None:
    hub = TelemetryHub(no_token)  # type: ignore[arg-type]
    now = time.time()
    for device, project_id in (("bitRTU-01", "proj_123"), ("bitRTU-04", PROJECT_ID)):
        hub.devices.seen(device, project_id, now)
        store_a_minute(hub, SeriesKey(device, "flow_lpm"), 12.0)
    live = LiveTelemetry(hub)
    window, pane = telemetry_window(qtbot, qapp, live)
    pane.set_selection(Selection(project(PROJECT_ID, "Finca El Mirador")))
    live.ticked.emit(hub.ingest.take_changed())
    devices = {
        pane.series_tree.topLevelItem(i).text(0): pane.series_tree.topLevelItem(i)
        for i in range(pane.series_tree.topLevelItemCount())
    }
    assert (devices["bitRTU-04"].isExpanded(), devices["bitRTU-01"].isExpanded()) == (True, False)

    pane.set_selection(Selection(project("proj_123", "Rancho San Pedro")))

    assert (devices["bitRTU-04"].isExpanded(), devices["bitRTU-01"].isExpanded()) == (False, True)
    assert pane.chart.has(SeriesKey("bitRTU-01", "flow_lpm"))  # the chart follows too, as it did
    assert not pane.chart.has(SeriesKey("bitRTU-04", "flow_lpm"))
    qtbot.waitUntil(lambda: pane.context.tasks.pending == 0, timeout=5_000)  # the series' history looked up
    window.close()


def test_a_history_that_arrives_after_the_pane_closed_is_dropped_quietly(
    qtbot: QtBot, qapp: QApplication, qloop: object
) -> None:
    """The day's history is read in the background; when the pane is closed and deleted meanwhile (its window
    closed), the reply finds no chart to draw on and is dropped (it used to raise "Internal C++ object
    (PlotDataItem) already deleted" from the task)."""
    import asyncio

    hub = hub_with_a_minute_of_flow()
    live = LiveTelemetry(hub)
    _window, pane = telemetry_window(qtbot, qapp, live)
    tasks = pane.context.tasks
    failures: list[BaseException] = []
    tasks.failure_listener = lambda _name, error: failures.append(error)
    held = asyncio.Event()
    answered: list[bool] = []
    read_history = hub.history

    async def slow_history(key: SeriesKey, since: float, until: float | None = None) -> object:
        await held.wait()
        answered.append(True)
        return await read_history(key, since, until)

    hub.history = slow_history  # type: ignore[method-assign]
    pane.show_series(FLOW)
    qtbot.waitUntil(lambda: tasks.pending > 0)
    pane.deleteLater()
    qtbot.waitUntil(lambda: not isValid(pane))
    held.set()
    qtbot.waitUntil(lambda: bool(answered) and tasks.pending == 0)
    assert failures == []
