"""The Overview's "today": the day's sessions of the selected project as the Sessions pane counts them (read from
this computer's copy of the farm, so offline too), and the valves and alarms now."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.ui.panes.overview import OverviewPane
from hydrodesk.ui.panes.sessions import SessionsPane
from hydrodesk.ui.sessions.summary import DaySummary

from .conftest import run_async
from .live_support import SignedIn, sign_in

PROJECT, SECTOR = "proj_123", "sector_003"  # Rancho San Pedro, Lote B-1
WAIT_MS = 20_000


@pytest.fixture
def signed_in(qtbot: QtBot, qloop: object, qapp: QApplication, fresh_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    """A simulator of the test's own: the test opens a session on it."""
    yield from sign_in(qtbot, qapp, fresh_sim, tmp_path, "overview", data_dir=tmp_path / "data", size=(1366, 768))


def figures(summary: DaySummary) -> list[str]:
    cards = (summary.units_card, summary.workers_card, summary.pay_card, summary.sessions_card)
    return [card.value_label.text() for card in cards]


def test_today_on_the_overview_is_the_sessions_pane_s_day(qtbot: QtBot, signed_in: SignedIn) -> None:
    window = signed_in.kit.window
    qtbot.waitUntil(lambda: window.selection.project is not None, timeout=WAIT_MS)
    assert window.navigator.select(PROJECT)
    office = window.office
    assert office is not None
    # Today at the farm: a session opened here, two deliveries typed into it (on their way to the server).
    session = run_async(qtbot, office.actions.open_session(PROJECT, SECTOR, "Lote B-1"))
    run_async(qtbot, office.actions.record_units(session.session_id, "JS0315", "John Smith", 4))
    run_async(qtbot, office.actions.record_units(session.session_id, "MG1215", "María Fernanda García", 6.5))
    window.open_pane("sessions")
    sessions = window.pane("sessions")
    assert isinstance(sessions, SessionsPane)
    qtbot.waitUntil(lambda: sessions.model.rowCount() > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: figures(sessions.summary)[1] != "0", timeout=WAIT_MS)
    expected = figures(sessions.summary)
    assert expected[3] != "0"

    window.open_pane("overview")  # shown again: it reads the day again
    overview = window.pane("overview")
    assert isinstance(overview, OverviewPane)
    qtbot.waitUntil(lambda: figures(overview.today) == expected, timeout=WAIT_MS)
    assert overview.today_label.text().startswith("TODAY · ")
    alarms = window._alarms
    assert alarms is not None
    qtbot.waitUntil(lambda: bool(alarms.valves), timeout=WAIT_MS)
    overview.set_selection(window.selection)  # read again now that the farm's valves are known
    watched = sum(1 for valve in alarms.valves if valve.project_id == PROJECT)
    qtbot.waitUntil(lambda: f" of {watched} · open alarms " in overview.now_label.text(), timeout=WAIT_MS)
