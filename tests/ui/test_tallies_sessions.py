"""Sessions in the Tallies pane: pay with flat and percent bonuses, sessions opened offline, the day's table,
closed sessions, showing a session on request, and the pane's states and themes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.models import BonusInput
from hydrodesk.domain.outbox import is_local_id
from hydrodesk.domain.tallies import LineStatus
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager, load_theme

from .conftest import run_async
from .tallies_kit import DOCUMENTED_SESSION, TallyKit, scan, settle, tally_kit_factory, wait_for_session

FARM_TIMEZONE = "America/Mexico_City"  # proj_123's

__all__ = ["tally_kit_factory"]


@pytest.fixture(autouse=True)
def english_numbers() -> Any:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


def pay_of(kit: TallyKit, worker_id: str) -> float | None:
    row = kit.pane.workers_model.row_for(worker_id)
    return None if row is None else row.pay.total


def wait_for_open_session(qtbot: QtBot, kit: TallyKit, sector_id: str, local_id: str) -> None:
    """Online, the engine may have sent the opening already: the session goes by its local or its server id."""
    qtbot.waitUntil(
        lambda: (kit.pane.selected_session() or {}).get("sector_id") == sector_id,
        timeout=10_000,
    )
    shown = kit.pane.selected_session()
    assert shown is not None
    assert shown["status"] == "open"
    assert shown["session_id"] in (local_id, run_async(qtbot, kit.office.store.resolve_session(local_id)))


def type_entry(qtbot: QtBot, kit: TallyKit, name: str, units: int) -> None:
    row = kit.pane.entry_row
    qtbot.keyClicks(row.worker_edit, name)
    row.set_units(units)
    qtbot.keyClick(row.worker_edit, Qt.Key.Key_Return)


def test_pay_with_flat_and_percent_bonuses_in_sessions_opened_offline(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane, actions = kit.pane, kit.office.actions
    flat = run_async(
        qtbot, actions.open_session("proj_123", "sector_002", "Lote A-2", price_per_unit=2.0,
                                    bonus=BonusInput(type="flat", value=50)),
    )  # fmt: skip
    percent = run_async(
        qtbot, actions.open_session("proj_123", "sector_003", "Lote B-1", price_per_unit=3.0,
                                    bonus=BonusInput(type="percent", value=10)),
    )  # fmt: skip
    assert is_local_id(flat.session_id)

    kit.select(qtbot, sector_id="sector_002")
    wait_for_open_session(qtbot, kit, "sector_002", flat.session_id)
    assert pane.entry_row.worker_edit.isEnabled()
    assert "2.00 per box + 50.00 flat bonus" in pane.subtitle_label.text()
    scan(qtbot, kit, "JS0315")
    scan(qtbot, kit, "JS0315")
    type_entry(qtbot, kit, "nunez", 3)
    qtbot.waitUntil(lambda: kit.units_of("JN0315") == 3, timeout=5_000)
    assert pay_of(kit, "JS0315") == 2 * 2.0 + 50
    assert pay_of(kit, "JN0315") == 3 * 2.0 + 50

    kit.select(qtbot, sector_id="sector_003")
    wait_for_open_session(qtbot, kit, "sector_003", percent.session_id)
    type_entry(qtbot, kit, "JS0315", 4)
    qtbot.waitUntil(lambda: kit.units_of("JS0315") == 4, timeout=5_000)
    assert pay_of(kit, "JS0315") == pytest.approx(4 * 3.0 * 1.10)
    assert "pay 13.20 (bonus 1.20)" in pane.totals_label.text()

    # Synced: the sessions get the server's ids and the pane follows, every entry confirmed.
    settle(qtbot, kit)
    qtbot.waitUntil(lambda: not is_local_id((pane.selected_session() or {}).get("session_id")), timeout=10_000)
    qtbot.waitUntil(lambda: all(line.status is LineStatus.CONFIRMED for line in pane.ledger()), timeout=10_000)
    assert pay_of(kit, "JS0315") == pytest.approx(13.2)

    # The whole project's day: both sessions, each paid with its own price and bonus.
    kit.select(qtbot, sector_id=None)
    qtbot.waitUntil(lambda: pane.selected_session() is not None, timeout=10_000)
    pane.set_scope("day")
    qtbot.waitUntil(lambda: pay_of(kit, "JS0315") == pytest.approx(54 + 13.2), timeout=10_000)
    assert pay_of(kit, "JN0315") == 56
    assert kit.units_of("JS0315") == 6
    pane.set_scope("season")
    assert pane.season_from.isVisible()
    qtbot.waitUntil(lambda: pay_of(kit, "JS0315") == pytest.approx(54 + 13.2), timeout=10_000)

    # Asked to show another session (from the Sessions pane), it does, on that session's day.
    pane.set_scope("session")
    pane.show_session(DOCUMENTED_SESSION)
    wait_for_session(qtbot, kit)
    assert pane.day_edit.date() == QDate(2025, 10, 19)


def test_a_closed_session_can_be_read_but_not_recorded_into(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane = kit.pane
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    # The demo farm closed a session in every sector on every workday of the last weeks.
    farm_today = datetime.now(ZoneInfo(FARM_TIMEZONE)).date()  # the farm's day, whatever this machine's clock says
    day = farm_today - timedelta(days=2 if farm_today.weekday() == 0 else 1)
    pane.day_edit.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: (pane.selected_session() or {}).get("status") == "closed", timeout=10_000)
    qtbot.waitUntil(lambda: len(pane.ledger()) > 0, timeout=10_000)
    assert not pane.entry_row.worker_edit.isEnabled()
    assert pane.session_banner.isVisible()
    assert "closed" in pane.session_banner.text()
    assert pane.workers_model.rowCount() > 0
    assert all(line.status is LineStatus.CONFIRMED for line in pane.ledger())


def test_the_pane_says_what_to_do_before_it_can_show_anything(qtbot: QtBot, qloop: Any) -> None:
    offices: list[Any] = [None]
    context = PaneContext(
        monitor=ConnectionMonitor(),
        tasks=BackgroundTasks(),
        client=lambda: None,
        theme=lambda: load_theme("light"),
        office=lambda: offices[0],
    )
    pane = TalliesPane(context)
    qtbot.addWidget(pane)
    assert pane.stack.currentWidget() is pane.state_page
    assert pane.state_page.title_label.text() == "Not signed in"
    assert pane.selected_session() is None
    assert pane.tally() == []
    assert pane.ledger() == []
    assert pane.office() is None
    assert pane.tools_layout is not None


def test_dark_and_light_themes(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes = ThemeManager(app, "dark")
    themes.apply("dark")
    try:
        kit = tally_kit_factory(fresh_sim, theme="dark")
        kit.select(qtbot)
        wait_for_session(qtbot, kit)
        scan(qtbot, kit, "JS0315")
        qtbot.waitUntil(lambda: any(e.line.status is LineStatus.PENDING for e in kit.pane.entries_model.entries))
        dark = load_theme("dark")
        assert kit.pane.entries_model._colors["pending"] == dark.color("busy")
        assert not kit.pane.grab().isNull()
        kit.pane.apply_theme(load_theme("light"))
        assert kit.pane.entries_model._colors["pending"] == load_theme("light").color("busy")
        assert not kit.pane.grab().isNull()
    finally:
        themes.apply("light")
    kit.pane.set_selection(Selection())
    assert kit.pane.stack.currentWidget() is kit.pane.state_page
    assert kit.pane.state_page.title_label.text() == "No project selected"
    assert kit.pane.selected_session() is None


def test_an_offline_retry_that_fails_does_not_reload_the_ledger_but_a_round_that_ends_online_does(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    """Offline, the engine retries every few seconds (offline, syncing, offline...): nothing in the ledger changed,
    and reading it all again each time got in the way of the typing (a tally entry waited up to 40 ms for it)."""
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    settle(qtbot, kit)
    hub = kit.office.engine.hub
    reloads = kit.pane._reload_timer
    qtbot.waitUntil(lambda: not reloads.isActive())
    for state in (ConnectionState.OFFLINE, ConnectionState.SYNCING, ConnectionState.OFFLINE):
        hub.update(state=state, consecutive_failures=hub.current.consecutive_failures + 1)
        assert not reloads.isActive()
    hub.update(state=ConnectionState.ONLINE, consecutive_failures=0)  # a round that reached the server
    assert reloads.isActive()
