"""The Telemetry pane opens with the last day behind the live stream, on a fresh office, from the server's history.

The simulator here runs without a broker, so no live message ever arrives: whatever the charts hold came from the
history. The office is a real one (its own database under the test's folder), signed in through the session
controller as the app does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import HISTORY_COUNT
from hydrodesk.ui.panes.telemetry import TelemetryPane

from .conftest import run_async
from .live_support import ALL_SCOPES, SignedIn, sign_in

WAIT_MS = 20_000
DAY_S = 86_400
FLOW = SeriesKey("bitRTU-01", "flow_lpm")
PRESSURE = SeriesKey("bitRTU-01", "pressure_bar")


@pytest.fixture(scope="module")
def quiet_sim(sim_factory_session: Callable[..., Any]) -> Any:
    """A simulator with no broker and no field devices: nothing live, only history."""
    return sim_factory_session()


def telemetry_pane(session: SignedIn) -> TelemetryPane:
    window = session.kit.window
    window.navigator.select("proj_123", None)
    pane = window.pane("telemetry")
    assert isinstance(pane, TelemetryPane)
    return pane


def history_points(pane: TelemetryPane, key: SeriesKey) -> int:
    item = pane.chart.items.get(key)
    return 0 if item is None else item.history_points


def stored_minutes(session: SignedIn, key: SeriesKey, qtbot: QtBot) -> list[Any]:
    office = session.controller.office
    assert office is not None
    return run_async(qtbot, office.store.load_rollups(key, time.time() - 2 * DAY_S))


def test_a_fresh_office_charts_the_last_day_before_any_live_message(
    qtbot: QtBot, qloop: object, qapp: QApplication, quiet_sim: Any, tmp_path: Path
) -> None:
    session = next(sign_in(qtbot, qapp, quiet_sim, tmp_path, "telemetry", data_dir=tmp_path / "data"))
    pane = telemetry_pane(session)
    # Flow and pressure of the project's devices are picked and drawn from history: no live point exists.
    qtbot.waitUntil(
        lambda: history_points(pane, FLOW) >= 1430 and history_points(pane, PRESSURE) >= 1430, timeout=WAIT_MS
    )
    assert sum(session.live.hub.ingest.counters.messages.values()) == 0  # not one live message
    assert pane.chart_stack.currentIndex() == 0  # the charts, not a "nothing yet" page
    assert not pane.chart.has(SeriesKey("bitRTU-04", "flow_lpm"))  # another project's device
    assert {key.device_id for key in pane.chart.keys} == {"bitRTU-01", "bitRTU-02", "bitRTU-03"}

    history = pane.chart.items[PRESSURE].history
    assert history is not None
    now = time.time()
    assert history.minute[-1] >= now - 3 * 60  # up to the last whole minute
    assert history.minute[-1] - history.minute[0] >= DAY_S - 3 * 60  # back a whole day
    assert np.all(np.diff(history.minute) == 60)  # one point per minute, none twice
    assert np.all((history.mean > 2.3) & (history.mean < 3.4))
    assert np.all(history.minimum <= history.maximum)
    # The minute under way came as raw readings into the live buffer: the curve runs on from the history's last
    # whole minute without a hole, up to now.
    recent = session.live.store.get(PRESSURE)
    assert recent is not None
    assert recent.first_ts == history.minute[-1] + 60
    assert recent.last_ts is not None
    assert recent.last_ts <= now
    assert recent.last_ts - recent.first_ts == len(recent) - 1  # a reading a second, none missing
    assert len(recent) <= 60
    qtbot.waitUntil(lambda: pane.chart.items[PRESSURE].points == len(recent), timeout=WAIT_MS)

    # The last 24 hours window shows it all; the crosshair reads the history.
    pane.window_buttons.button("24h").click()
    low, high = pane.chart.visible_range()
    assert high - low == pytest.approx(DAY_S, abs=60)
    pane.chart.set_cursor(now - 6 * 3600)
    assert "bar" in pane.readout.text()

    # The history went into the office's rollups, marked as the server's (count 0), so it survives a restart.
    rows = stored_minutes(session, PRESSURE, qtbot)
    assert len(rows) == 24 * 60
    assert set(history.minute.tolist()) <= {row.minute for row in rows}
    assert {row.count for row in rows} == {HISTORY_COUNT}
    assert not pane.history_banner.isVisible()


def test_a_failed_fetch_says_so_and_what_the_office_stored_still_shows(
    qtbot: QtBot, qloop: object, qapp: QApplication, quiet_sim: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = next(sign_in(qtbot, qapp, quiet_sim, tmp_path, "telemetry", data_dir=data))
    pane = telemetry_pane(first)
    qtbot.waitUntil(lambda: history_points(pane, FLOW) >= 1430, timeout=WAIT_MS)
    run_async(qtbot, first.controller.aclose(), timeout_ms=20_000)

    # Next start: the API key no longer carries read:telemetry, so the server refuses the history.
    without_history = tuple(scope for scope in ALL_SCOPES if scope != "read:telemetry")
    (tmp_path / "second").mkdir()
    second = next(
        sign_in(qtbot, qapp, quiet_sim, tmp_path / "second", "telemetry", data_dir=data, scopes=without_history)
    )
    pane = telemetry_pane(second)
    qtbot.waitUntil(lambda: pane.history_banner.isVisible(), timeout=WAIT_MS)
    assert "could not be loaded" in pane.history_banner.text()
    assert "read:telemetry" in pane.history_banner.text()  # the server's reason, passed on
    assert "live data carries on" in pane.history_banner.text()
    # What the office stored is listed and drawn all the same.
    qtbot.waitUntil(lambda: history_points(pane, FLOW) >= 1430, timeout=WAIT_MS)
    assert pane.chart_stack.currentIndex() == 0
