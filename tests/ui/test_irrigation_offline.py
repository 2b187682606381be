"""Irrigation that works offline: the pane reads valves, programs and logs from the office's cache (so a restart
with the network gone still shows them, with their age), a program started offline runs exactly once when the
network returns (even when the server's reply is lost after it committed), and the interlock limits are kept per
project across restarts."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.models import Project
from hydrodesk.domain.irrigation_limits import IrrigationLimits
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.sim.db import DATABASE_FILE
from hydrodesk.store import cache
from hydrodesk.store import outbox as ob
from hydrodesk.sync.office import Office
from hydrodesk.sync.refresh import irrigation_mark
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.irrigation.program_commands import ProgramRequest
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.irrigation import PROGRAMS_TAB, IrrigationPane
from hydrodesk.ui.settings import SettingsContext
from hydrodesk.ui.settings.irrigation_page import IrrigationPage
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState
from tests.tcp_proxy import Fault, TcpProxy

from .conftest import run_async
from .office_kit import make_client, open_fast_office

WAIT_MS = 20_000
PROJECT = "proj_123"


@dataclass
class Desk:
    """An office (real local database and sync engine) and an Irrigation pane over it, as a sign-in makes them."""

    qtbot: QtBot
    qapp: QApplication
    tmp_path: Path
    opened: list[tuple[Office, HydrobitClient, BackgroundTasks]] = field(default_factory=list)

    def open(self, base_url: str, token: str, api_key: str, ui_state: UiState | None = None) -> IrrigationPane:
        client = make_client(base_url, token, api_key)
        office = run_async(self.qtbot, open_fast_office(self.tmp_path / "office.sqlite3", client))
        themes = ThemeManager(self.qapp, "light")
        themes.apply("light")
        tasks = BackgroundTasks()
        self.opened.append((office, client, tasks))
        context = PaneContext(
            monitor=ConnectionMonitor(),
            tasks=tasks,
            client=lambda: client,
            theme=lambda: themes.current,
            office=lambda: office,
            ui_state=ui_state,
        )
        pane = IrrigationPane(context)
        self.qtbot.addWidget(pane)
        pane.resize(1200, 700)
        pane.show()
        return pane

    def close_last(self) -> None:
        office, client, tasks = self.opened.pop()
        run_async(self.qtbot, tasks.cancel_all())
        run_async(self.qtbot, office.close())
        run_async(self.qtbot, client.aclose())

    @property
    def office(self) -> Office:
        return self.opened[-1][0]


@pytest.fixture
def desk(qtbot: QtBot, qloop: object, qapp: QApplication, tmp_path: Path) -> Iterator[Desk]:
    made = Desk(qtbot, qapp, tmp_path)
    yield made
    while made.opened:
        made.close_last()


def project_from(qtbot: QtBot, office: Office) -> Project:
    rows = run_async(qtbot, office.store.projects())
    return Project.model_validate(next(row for row in rows if row["project_id"] == PROJECT))


def select_project(qtbot: QtBot, pane: IrrigationPane, office: Office, *, online: bool = True) -> Project:
    if online:  # the projects, as a sign-in fetches them (offline, they come from the cache)
        run_async(qtbot, office.engine.refresher.projects(), timeout_ms=WAIT_MS)
    project = project_from(qtbot, office)
    pane.set_selection(Selection(project))
    return project


def shown(pane: IrrigationPane) -> tuple[int, int, int]:
    return (pane.valves_model.rowCount(), pane.programs_model.rowCount(), pane.logs_model.rowCount())


def test_after_a_restart_with_the_network_gone_the_pane_shows_valves_programs_and_logs_with_their_age(
    qtbot: QtBot, fresh_sim: Any, desk: Desk
) -> None:
    key = fresh_sim.api_key("read:irrigation", "write:irrigation")
    pane = desk.open(fresh_sim.base_url, fresh_sim.token(), key)
    select_project(qtbot, pane, desk.office)
    qtbot.waitUntil(lambda: all(count > 0 for count in shown(pane)), timeout=WAIT_MS)
    online = shown(pane)
    assert not pane.age_banner.isVisible()  # online: nothing to apologise for
    project = project_from(qtbot, desk.office)
    pane.set_selection(Selection(project, next(s for s in project.sectors if s.sector_id == "sector_002")))
    assert pane.subtitle_label.text().startswith("1 valve · 0 open · ")  # Lote A-2's one valve, in the singular
    pane.set_selection(Selection(project))
    qtbot.waitUntil(lambda: shown(pane) == online, timeout=WAIT_MS)
    # The sync engine's own refresh fetches the selected project's irrigation too, not only the pane.
    refresher = desk.office.engine.refresher
    assert refresher.irrigation_project == PROJECT
    run_async(qtbot, desk.office.store.write(cache.mark_refreshed, irrigation_mark(PROJECT), "2020-01-01T00:00:00Z"))
    run_async(qtbot, refresher.refresh_core(), timeout_ms=WAIT_MS)
    assert run_async(qtbot, desk.office.store.read(cache.refreshed_at, irrigation_mark(PROJECT))) != (
        "2020-01-01T00:00:00Z"
    )
    # Who started each logged run, by name where the office has learnt it (this key may not read the harvest
    # that names people, so one name is given here as that refresh would have saved it).
    starter = next(row.log.auth0_id for row in pane.logs_model.rows if row.log.auth0_id)
    run_async(qtbot, desk.office.store.write(cache.save_people, {starter: "Rosa Hernández"}, "2026-12-04T08:00:00Z"))
    desk.close_last()  # HydroDesk is closed…
    fresh_sim.stop()  # …and the network goes

    pane = desk.open(fresh_sim.base_url, fresh_sim.token(), key)  # started again, offline
    select_project(qtbot, pane, desk.office, online=False)
    qtbot.waitUntil(lambda: pane.age_banner.isVisible(), timeout=WAIT_MS)
    assert shown(pane) == online  # never a blank pane because the server is away
    assert pane.tabs.isVisible()
    assert not pane.state_page.isVisible()
    banner = pane.age_banner.text()
    assert banner.startswith("Offline: showing the valves, programs and logs saved on this computer at ")
    assert "(" in banner  # the time is given at the farm's clock, its zone named
    assert pane.valves_model.rows[0].valve.name  # the valves, with their names, from the cache
    pane.tabs.setCurrentIndex(PROGRAMS_TAB)
    assert pane.programs_model.row_at(0) is not None
    by_column = len(pane.logs_model.columns) - 1
    started_by = {
        pane.logs_model.data(pane.logs_model.index(row, by_column))
        for row, log_row in enumerate(pane.logs_model.rows)
        if log_row.log.auth0_id == starter
    }
    assert started_by == {"Rosa Hernández"}
    # The newest run first, as a log reads.
    top = pane.logs_table.proxy.mapToSource(pane.logs_table.proxy.index(0, 0)).row()
    assert pane.logs_model.rows[top].log.started_at == max(row.log.started_at for row in pane.logs_model.rows)
    # A program's run is named by its program, as the Programs tab names it (it showed "prog_003").
    program_names = {program.program_id: program.name for program in pane.programs_model.rows}
    program_column = by_column - 1
    by_program = {
        (log_row.log.program_id, pane.logs_model.data(pane.logs_model.index(row, program_column)))
        for row, log_row in enumerate(pane.logs_model.rows)
        if log_row.log.program_id
    }
    assert by_program
    assert by_program == {(program_id, program_names[program_id]) for program_id, _ in by_program}


def program_commands(sim: Any, program_id: str) -> tuple[int, int]:
    """(program starts the server stored, valve opens it issued for them), read from the simulator's database."""
    with contextlib.closing(sqlite3.connect(Path(sim.data_dir) / DATABASE_FILE)) as db:
        starts = db.execute(
            "SELECT COUNT(*) FROM program_actions WHERE program_id = ? AND action = 'start'", (program_id,)
        ).fetchone()[0]
        opens = db.execute(
            "SELECT COUNT(*) FROM irrigation_commands WHERE program_id = ? AND action = 'open'", (program_id,)
        ).fetchone()[0]
    return starts, opens


def test_a_program_started_offline_runs_once_when_the_network_returns_even_if_the_reply_is_lost(
    qtbot: QtBot, fresh_sim: Any, desk: Desk
) -> None:
    upstream = urlsplit(fresh_sim.base_url)
    proxy = run_async(qtbot, TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80).start())
    try:
        pane = desk.open(proxy.url, fresh_sim.token(), fresh_sim.api_key("read:irrigation", "write:irrigation"))
        # No field devices in this simulator: the lines report 0 bar, which the pressure interlock would refuse.
        pane.limits = IrrigationLimits(max_open_valves=10, min_line_pressure_bar=0.0)
        select_project(qtbot, pane, desk.office)
        qtbot.waitUntil(lambda: pane.programs_model.rowCount() > 0, timeout=WAIT_MS)
        before = program_commands(fresh_sim, "prog_001")

        proxy.set_upstream("127.0.0.1", 9)  # the network goes: nothing answers
        pane.tabs.setCurrentIndex(PROGRAMS_TAB)
        pane.programs_table.select_source_row(pane.programs_model.row_of("prog_001"))
        dialog = pane._request_program("start")
        assert dialog is not None
        assert dialog.heading.text() == "Start “Riego matutino Lote A” now?"
        assert not dialog.blocked, dialog.interlocks  # the same interlocks as a valve: here nothing blocks
        dialog.delivery.setValue(30)  # how long it may wait for the connection: the user's choice
        with qtbot.waitSignal(pane.programs.queued, timeout=WAIT_MS) as queued:
            dialog.confirm_button.click()
        request: ProgramRequest = queued.args[0]
        entry = run_async(qtbot, desk.office.store.read(ob.by_idem_key, EntryKind.START_PROGRAM, request.command_id))
        assert entry is not None
        assert entry.state in (EntryState.QUEUED, EntryState.SENDING)  # kept on disk, commandId fixed
        assert entry.expires_at is not None
        row = pane.programs_model.row_of("prog_001")
        assert pane.programs_model.data(pane.programs_model.index(row, 1)) == "Start waiting to be sent"
        assert not pane.start_program_button.isEnabled()  # no second start while the first waits

        proxy.plan(Fault.DROP_AFTER_COMMIT, path_contains="/start", count=1)  # the reply is lost after the commit
        proxy.set_upstream(upstream.hostname or "127.0.0.1", upstream.port or 80)  # the network returns
        with qtbot.waitSignal(pane.programs.finished, timeout=30_000):
            pass
        assert request.outcome == "done", request.reason
        assert request.replayed  # the resend found the start the lost reply belonged to
        assert "prog_001" not in pane.programs_model.waiting
        assert [fault for fault, _ in proxy.faults_applied] == [Fault.DROP_AFTER_COMMIT]
        assert proxy.count("/start") == 2
        starts, opens = program_commands(fresh_sim, "prog_001")
        assert (starts - before[0], opens - before[1]) == (1, 3)  # ran once: one start, its three valves once
    finally:
        run_async(qtbot, proxy.close())


def test_interlock_limits_are_kept_per_project_across_a_restart(
    qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path
) -> None:
    client = make_client(sim.base_url, sim.token())
    try:
        projects = {project.project_id: project for project in run_async(qtbot, client.list_projects())}
    finally:
        run_async(qtbot, client.aclose())
    first, second = projects["proj_123"], projects["proj_456"]
    path = tmp_path / "ui-state.ini"
    themes = ThemeManager(qapp, "light")
    tasks = BackgroundTasks()
    ui_state = UiState(path)
    for project, max_open, hold in ((first, 2, 7), (second, 6, 45)):
        page = IrrigationPage(
            SettingsContext(ui_state, themes, tasks, project=lambda p=project: (p.project_id, p.name))
        )
        qtbot.addWidget(page)
        assert project.name in page.scope_label.text()
        page.max_open.setValue(max_open)
        page.hold.setValue(hold)
        assert page.apply()

    again = UiState(path)  # HydroDesk started again
    context = PaneContext(
        monitor=ConnectionMonitor(), tasks=tasks, client=lambda: None, theme=lambda: themes.current, ui_state=again
    )
    pane = IrrigationPane(context)
    qtbot.addWidget(pane)
    pane.set_selection(Selection(first))
    assert (pane.limits.max_open_valves, pane.limits.alarm_hold_s) == (2, 7.0)
    pane.set_selection(Selection(second))
    assert (pane.limits.max_open_valves, pane.limits.alarm_hold_s) == (6, 45.0)
    assert "at most 6 open at once" in pane.subtitle_label.text()
    # A project nobody set keeps the defaults.
    assert again.irrigation_limits("proj_999") == IrrigationLimits()


def test_valves_and_programs_deleted_on_the_server_leave_the_cache_but_not_the_outbox(
    qtbot: QtBot, fresh_sim: Any, desk: Desk
) -> None:
    pane = desk.open(fresh_sim.base_url, fresh_sim.token(), fresh_sim.api_key("read:irrigation", "write:irrigation"))
    office = desk.office
    select_project(qtbot, pane, office)
    qtbot.waitUntil(lambda: pane.valves_model.row_of("valve_007") >= 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.programs_model.row_of("prog_002") >= 0, timeout=WAIT_MS)
    run_async(qtbot, office.engine.stop())  # nothing leaves the outbox until the cache has been refreshed

    # Close Válvula C-1 and stop the Lote B program: both kept in the outbox.
    pane.select_valve("valve_007")
    dialog = pane.request_close()
    assert dialog is not None
    dialog.confirm_button.click()
    close = pane.tracker.commands[-1]
    pane.tabs.setCurrentIndex(PROGRAMS_TAB)
    pane.programs_table.select_source_row(pane.programs_model.row_of("prog_002"))
    dialog = pane._request_program("stop")
    assert dialog is not None
    with qtbot.waitSignal(pane.programs.queued, timeout=WAIT_MS) as queued:
        dialog.confirm_button.click()
    stop: ProgramRequest = queued.args[0]
    queued_close = lambda: entry(qtbot, office, EntryKind.VALVE_COMMAND, close.command_id)  # noqa: E731
    qtbot.waitUntil(lambda: queued_close() is not None, timeout=WAIT_MS)

    # Someone deletes both on the server; the next refresh forgets them here.
    with contextlib.closing(sqlite3.connect(Path(fresh_sim.data_dir) / DATABASE_FILE)) as db, db:  # closed, committed
        db.execute("DELETE FROM valves WHERE valve_id = 'valve_007'")
        db.execute("DELETE FROM irrigation_programs WHERE program_id = 'prog_002'")
    run_async(qtbot, office.engine.refresher.irrigation(PROJECT, logs=False), timeout_ms=WAIT_MS)
    valve_ids = {row["valve_id"] for row in run_async(qtbot, office.store.read(cache.valves, PROJECT))}
    program_ids = {row["program_id"] for row in run_async(qtbot, office.store.read(cache.programs, PROJECT))}
    assert "valve_007" not in valve_ids
    assert "valve_001" in valve_ids
    assert "prog_002" not in program_ids
    assert "prog_001" in program_ids
    run_async(qtbot, pane.reload(fetch=False))
    assert pane.valves_model.row_of("valve_007") < 0
    assert pane.programs_model.row_of("prog_002") < 0
    for kind, command_id in ((EntryKind.VALVE_COMMAND, close.command_id), (EntryKind.STOP_PROGRAM, stop.command_id)):
        waiting = entry(qtbot, office, kind, command_id)
        assert waiting is not None  # not lost with the cache's rows
        assert waiting.state is EntryState.QUEUED

    # Sent: refused for good, each saying why in plain words, and still in the outbox for the user to see.
    run_async(qtbot, start_engine(office))
    qtbot.waitUntil(lambda: close.finished and stop.outcome != "waiting", timeout=WAIT_MS)
    for kind, command_id, name in (
        (EntryKind.VALVE_COMMAND, close.command_id, "valve_007"),
        (EntryKind.STOP_PROGRAM, stop.command_id, "prog_002"),
    ):
        failed = entry(qtbot, office, kind, command_id)
        assert failed is not None
        assert failed.state is EntryState.FAILED
        assert failed.reason is not None
        assert name in failed.reason, failed.reason
    assert close.status.value == "failed"
    assert close.error is not None
    assert "Válvula C-1 no longer exists" in close.error, close.error
    assert stop.outcome == "refused"
    assert "no longer exists" in stop.reason, stop.reason


def entry(qtbot: QtBot, office: Office, kind: EntryKind, command_id: str) -> ob.OutboxItem | None:
    return run_async(qtbot, office.store.read(ob.by_idem_key, kind, command_id))


async def start_engine(office: Office) -> None:
    office.engine.start()  # on the running loop, as the app does


def test_the_irrigation_pane_never_opened_online_still_shows_valves_and_programs_offline(
    qtbot: QtBot, fresh_sim: Any, desk: Desk
) -> None:
    """The alarm service loads the farm's valves at sign-in, whatever pane is open: that saves each project's
    valves and programs for the Irrigation pane, so a first look at it with the network gone is not blank."""
    from hydrodesk.sync.alarm_valves import watched_valves

    key = fresh_sim.api_key("read:irrigation", "write:irrigation")
    client = make_client(fresh_sim.base_url, fresh_sim.token(), key)
    office = run_async(qtbot, open_fast_office(desk.tmp_path / "office.sqlite3", client))
    try:
        run_async(qtbot, office.engine.refresher.projects(), timeout_ms=WAIT_MS)
        project = project_from(qtbot, office)
        watched = run_async(qtbot, watched_valves([project], client, office), timeout_ms=WAIT_MS)
        assert {valve.valve_id for valve in watched} >= {"valve_001", "valve_007"}
    finally:
        run_async(qtbot, office.close())
        run_async(qtbot, client.aclose())
    fresh_sim.stop()  # the network goes before anyone opened the Irrigation pane

    pane = desk.open(fresh_sim.base_url, fresh_sim.token(), key)
    select_project(qtbot, pane, desk.office, online=False)
    qtbot.waitUntil(lambda: pane.age_banner.isVisible(), timeout=WAIT_MS)
    assert pane.valves_model.row_of("valve_007") >= 0
    assert pane.programs_model.row_of("prog_001") >= 0
    banner = pane.age_banner.text()
    assert banner.startswith("Offline: showing the valves, programs and logs saved on this computer at "), banner
