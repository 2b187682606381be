"""The Sessions pane, driven as a supervisor would, against a simulator of its own (online, stopped, restarted):
what the user sees, and what the server finally holds."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import NewSession, Project, Session
from hydrodesk.domain.outbox import EntryKind, is_local_id
from hydrodesk.domain.sessions import session_day
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.sim.launcher import RunningSimulator, start_simulator
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.sessions import SessionsPane
from hydrodesk.ui.sessions.model import (
    BADGE_ROLE,
    LIMIT,
    OPENED,
    PAY,
    PRICE,
    STATUS,
    UNITS,
    WORKERS,
    SessionsTableModel,
)
from hydrodesk.ui.sessions.rows import SessionRow
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager, load_theme

from .conftest import DEMO_USER, run_async
from .office_kit import fill_the_disk

OTHER_USER = "user_987654321"
PROJECT, SECTOR, SECTOR_NAME = "proj_123", "sector_001", "Lote A-1"


def make_client(base_url: str, token: str, user: str = DEMO_USER) -> HydrobitClient:
    config = ApiConfig.single_origin(base_url, timeout=3.0, connect_timeout=1.0)
    return HydrobitClient(config, Credentials(user, bearer_token=token))


@dataclass
class Board:
    qtbot: QtBot
    pane: SessionsPane
    office: Office
    client: HydrobitClient
    sim: Any
    project: Project
    themes: ThemeManager
    tasks: BackgroundTasks
    clients: list[HydrobitClient] = field(default_factory=list)
    restarted: list[RunningSimulator] = field(default_factory=list)

    @property
    def model(self) -> SessionsTableModel:
        return self.pane.model

    def today(self) -> date:
        return session_day(now_utc(), self.project.timezone)

    def run(self, coroutine: Any, timeout_ms: int = 15_000) -> Any:
        return run_async(self.qtbot, coroutine, timeout_ms)

    def row(self, sector_id: str = SECTOR) -> SessionRow | None:
        return next((row for row in self.model.rows if row.data.get("sector_id") == sector_id), None)

    def cell(self, row: SessionRow, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.model.index(self.model.row_of(row.key), column).data(role)

    def press(self, keys: str) -> None:
        """Type a shortcut as the user would, with the focus in the sessions table."""
        # A dialog that just closed leaves no active window on the offscreen platform (a desktop re-activates it).
        self.pane.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.pane)
        self.pane.table.view.setFocus()
        sequence = keys.split("+")
        modifiers = Qt.KeyboardModifier.NoModifier
        for name in sequence[:-1]:
            modifiers |= {
                "Ctrl": Qt.KeyboardModifier.ControlModifier,
                "Shift": Qt.KeyboardModifier.ShiftModifier,
                "Alt": Qt.KeyboardModifier.AltModifier,
            }[name]
        key = getattr(Qt.Key, f"Key_{sequence[-1]}")
        self.qtbot.keyClick(self.pane.table.view, key, modifiers)

    def open_dialog(self) -> Any:
        self.press("Ctrl+N")
        self.qtbot.waitUntil(lambda: self.pane.dialog is not None and self.pane.dialog.isVisible())
        return self.pane.dialog

    def confirm(self, dialog: Any) -> None:
        """Enter in the dialog: its default button."""
        self.qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    def refused_here(self) -> tuple[Any, str]:
        """Ctrl+N, Enter where a session is already open: the dialog stays, saying why (dialog, its problem)."""
        dialog = self.open_dialog()
        self.confirm(dialog)
        self.qtbot.waitUntil(dialog.problem_label.isVisible)
        return dialog, dialog.problem_label.text()

    def open_session_here(self) -> SessionRow:
        """Ctrl+N, Enter: a session in the selected sector with everything as the dialog proposes."""
        dialog = self.open_dialog()
        self.confirm(dialog)
        self.qtbot.waitUntil(lambda: self.pane.dialog is None and self.row() is not None)
        row = self.row()
        assert row is not None
        return row

    def wait_synced(self, sector_id: str = SECTOR) -> SessionRow:
        def synced() -> bool:
            row = self.row(sector_id)
            return row is not None and not row.pending_open and not row.overlay.changed_fields

        self.qtbot.waitUntil(synced, timeout=15_000)
        row = self.row(sector_id)
        assert row is not None
        return row

    def server_session(self, session_id: str, client: HydrobitClient | None = None) -> Session:
        return self.run((client or self.client).get_session(session_id))

    def select(self, row: SessionRow) -> None:
        assert self.pane.select_session(row.key)
        self.qtbot.waitUntil(lambda: self.pane.selected_row() is not None)


@pytest.fixture
def board(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, qapp: QApplication, fresh_sim: Any, tmp_path: Path
) -> Iterator[Board]:
    themes = ThemeManager(qapp, "light")
    themes.apply("light")
    client = make_client(fresh_sim.base_url, fresh_sim.token(DEMO_USER))
    # The engine syncs the outbox; its periodic full refresh is left out (the pane fetches the day it shows).
    office = run_async(qtbot, Office.open(profile_database(tmp_path, "sessions"), client, start=False))
    office.engine.refresh_enabled = False
    office.engine.start()
    project = run_async(qtbot, client.get_project(PROJECT))
    tasks = BackgroundTasks()
    context = PaneContext(
        monitor=ConnectionMonitor(),
        tasks=tasks,
        client=lambda: office.engine.client,
        theme=lambda: themes.current,
        office=lambda: office,
    )
    pane = SessionsPane(context)
    qtbot.addWidget(pane)
    pane.resize(1280, 760)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    sector = next(s for s in project.sectors if s.sector_id == SECTOR)
    with qtbot.waitSignal(pane.rows_changed, timeout=15_000):
        pane.set_selection(Selection(project, sector))
    kit = Board(qtbot, pane, office, client, fresh_sim, project, themes, tasks)
    run_async(qtbot, pane.refresh())
    yield kit
    run_async(qtbot, tasks.cancel_all())
    run_async(qtbot, office.close())
    for extra in [client, *kit.clients]:
        run_async(qtbot, extra.aclose())
    for simulator in kit.restarted:
        simulator.stop()


def direct_session(board: Board, user: str, sector_id: str, sector_name: str) -> Session:
    """A session opened on the server by another device (not through this pane)."""
    other = make_client(board.sim.base_url, board.sim.token(user), user)
    board.clients.append(other)
    return board.run(
        other.open_session(
            NewSession(project_id=PROJECT, sector_id=sector_id, sector_name=sector_name, opened_at=now_utc())
        )
    )


# ------------------------------------------------------------------------------------------------ opening
def test_a_session_opened_online_lands_on_the_server_with_the_project_defaults(board: Board) -> None:
    dialog = board.open_dialog()
    # The dialog proposes the selected sector, now, and the project's pay settings.
    assert dialog.sector.currentData() == SECTOR
    assert dialog.pay.sampling_unit == "box"
    assert dialog.pay.price.value() == 5.5
    assert dialog.pay.chosen_bonus().type == "percent"
    assert dialog.max_duration.value() == 12
    board.confirm(dialog)

    row = board.wait_synced()
    assert not is_local_id(row.key)
    assert board.cell(row, STATUS) == "Open"
    assert board.cell(row, STATUS, BADGE_ROLE) == "ok"
    held = board.server_session(row.key)
    assert (held.sector_id, held.owner_auth0_id, held.status) == (SECTOR, DEMO_USER, "open")
    assert (held.sampling_unit, held.price_per_unit, held.max_duration_hours) == ("box", 5.5, 12)
    assert held.bonus is not None
    assert (held.bonus.type, held.bonus.value) == ("percent", 10)
    assert held.day == board.today()
    # Shown at the farm's time, not this computer's.
    assert board.cell(row, OPENED) == held.opened_at.astimezone(ZoneInfo(board.project.timezone)).strftime("%H:%M")


def test_a_session_opened_offline_shows_pending_and_gets_its_server_id_once_the_server_is_back(board: Board) -> None:
    board.sim.stop()
    row = board.open_session_here()
    # At once, before any server: marked pending, under its local id.
    assert is_local_id(row.key)
    assert board.cell(row, STATUS) == "Open · pending"
    assert board.cell(row, STATUS, BADGE_ROLE) == "pending"
    assert row.key in board.cell(row, STATUS, Qt.ItemDataRole.ToolTipRole)
    assert board.pane.selected_row() is not None
    assert board.pane.selected_row().key == row.key

    restarted = start_simulator(board.sim.data_dir, devices=False)
    board.restarted.append(restarted)
    client = make_client(restarted.base_url, board.sim.token(DEMO_USER))
    board.clients.append(client)
    board.office.engine.replace_client(client)

    synced = board.wait_synced()
    assert not is_local_id(synced.key)
    assert board.cell(synced, STATUS) == "Open"
    assert board.pane.selected_row() is not None
    assert board.pane.selected_row().key == synced.key
    held = board.server_session(synced.key, client)
    assert (held.sector_id, held.status, held.price_per_unit) == (SECTOR, "open", 5.5)


def test_the_one_open_session_rule_is_explained_before_anything_is_queued(board: Board) -> None:
    board.open_session_here()
    first = board.wait_synced()
    dialog, text = board.refused_here()
    assert "Only one session can be open per sector and day" in text
    assert "Lote A-1" in text
    assert "You opened it at" in text
    assert first.key in text
    assert dialog.isVisible()
    assert dialog.confirm_button.isEnabled()
    opens = board.run(board.office.store.outbox_items(kinds=[EntryKind.OPEN_SESSION]))
    assert len(opens) == 1

    # Another sector is free: the same dialog opens it there.
    dialog.sector.setCurrentIndex(dialog.sector.findData("sector_002"))
    board.confirm(dialog)
    board.qtbot.waitUntil(lambda: board.pane.dialog is None)
    board.pane.set_selection(Selection(board.project, None))
    board.qtbot.waitUntil(lambda: board.row("sector_002") is not None)


def test_a_colleagues_open_session_points_to_another_sector_not_to_recording_into_it(board: Board) -> None:
    """Only its opener can record into a session or close it: the rule's explanation must not tell a supervisor to
    do either with a colleague's."""
    direct_session(board, OTHER_USER, SECTOR, SECTOR_NAME)
    board.run(board.pane.refresh())  # this computer knows it: the rule is checked before anything is queued
    board.qtbot.waitUntil(lambda: board.row() is not None)
    dialog, text = board.refused_here()
    assert "Only one session can be open per sector and day" in text
    assert "open yours in another sector" in text
    assert "record into it, before opening" not in text
    # The dialog grows for the five lines of it: no field is squeezed below its own height (its text cut).
    form = dialog.form
    fields = [form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget() for row in range(form.rowCount())]
    squeezed = [form.labelForField(field).text() for field in fields if field.height() < field.sizeHint().height()]
    assert squeezed == []
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())  # the message's lines, all of them
    opens = board.run(board.office.store.outbox_items(kinds=[EntryKind.OPEN_SESSION]))
    assert opens == []


def test_the_servers_refusal_is_shown_with_its_reason(board: Board) -> None:
    # Another supervisor opens the sector on another device; this computer does not know yet.
    theirs = direct_session(board, OTHER_USER, SECTOR, SECTOR_NAME)
    row = board.open_session_here()
    board.qtbot.waitUntil(lambda: board.row() is not None and board.row().refused, timeout=15_000)
    row = board.row()
    assert row is not None
    assert board.cell(row, STATUS) == "Not opened"
    assert board.cell(row, STATUS, BADGE_ROLE) == "error"
    banner = board.pane.banner_label.text()
    assert board.pane.banner.isVisible()
    assert "did not open the session for Lote A-1" in banner
    assert f"Session {theirs.session_id}" in banner
    assert "is still open for Lote A-1" in banner
    assert not board.pane.edit_button.isEnabled()

    board.qtbot.mouseClick(board.pane.discard_button, Qt.MouseButton.LeftButton)
    board.qtbot.waitUntil(lambda: not board.pane.banner.isVisible())
    # F5 brings the other supervisor's session; the refused one is gone.
    board.run(board.pane.refresh())
    assert [r.key for r in board.model.rows] == [theirs.session_id]
    mine = board.model.rows[0]
    assert board.cell(mine, 9) == OTHER_USER
    board.select(mine)
    assert not board.pane.close_button.isEnabled()
    assert OTHER_USER in board.pane.close_button.toolTip()


# ------------------------------------------------------------------------------------------------ changing
def test_edit_extend_and_close_reach_the_server(board: Board) -> None:
    row = board.open_session_here()
    board.select(row)

    board.press("F2")
    board.qtbot.waitUntil(lambda: board.pane.dialog is not None)
    edit = board.pane.dialog
    edit.pay.price.setValue(6.25)
    edit.pay.bonus_type.setCurrentIndex(edit.pay.bonus_type.findData("flat"))
    edit.pay.bonus_value.setValue(30)
    edit.notes.setText("Lluvia ligera")
    board.confirm(edit)
    board.qtbot.waitUntil(lambda: board.pane.dialog is None)
    board.qtbot.waitUntil(lambda: board.cell(board.row(), PRICE) == "6.25 / box")

    board.press("Shift+Ctrl+E")
    board.qtbot.waitUntil(lambda: board.pane.dialog is not None)
    extend = board.pane.dialog
    extend.hours.setValue(16)
    board.confirm(extend)
    board.qtbot.waitUntil(lambda: board.pane.dialog is None)
    # Kept in the outbox and shown before it is waited for: the edit before it may have synced already, and a
    # wait that starts before the extension is queued finds nothing left to sync.
    board.qtbot.waitUntil(lambda: (board.row() or row).data.get("max_duration_hours") == 16)

    synced = board.wait_synced()
    held = board.server_session(synced.key)
    assert (held.price_per_unit, held.notes, held.max_duration_hours) == (6.25, "Lluvia ligera", 16)
    assert held.bonus is not None
    assert (held.bonus.type, held.bonus.value) == ("flat", 30)

    board.select(synced)
    board.press("Shift+Ctrl+W")
    board.qtbot.waitUntil(lambda: board.pane.dialog is not None)
    close = board.pane.dialog
    board.qtbot.keyClicks(close.final_notes, "Truck left at 15:20")
    board.confirm(close)
    board.qtbot.waitUntil(lambda: board.pane.dialog is None)
    board.qtbot.waitUntil(lambda: board.cell(board.row(), STATUS) in ("Closed", "Closed · pending"))
    board.qtbot.waitUntil(lambda: board.server_session(synced.key).status == "closed", timeout=15_000)
    assert board.server_session(synced.key).final_notes == "Truck left at 15:20"
    board.qtbot.waitUntil(lambda: board.cell(board.row(), STATUS) == "Closed")
    assert not board.pane.edit_button.isEnabled()
    assert board.pane.edit_button.toolTip() == "This session is closed."


def test_a_change_refused_by_a_full_disk_is_said_plainly_and_kept_in_its_dialog(board: Board) -> None:
    board.open_session_here()
    synced = board.wait_synced()
    board.select(synced)
    fill_the_disk(board.qtbot, board.office.store)
    for attempt in range(40):  # the outbox's last free bytes take a few edits
        board.press("F2")
        board.qtbot.waitUntil(lambda: board.pane.dialog is not None)
        edit = board.pane.dialog
        edit.notes.setText(f"Lluvia ligera {attempt}")
        board.confirm(edit)
        board.qtbot.waitUntil(lambda shown=edit: board.pane.dialog is None or shown.problem_label.isVisible())
        if board.pane.dialog is not None:
            break
    assert board.pane.dialog is edit
    assert edit.problem_label.text().startswith("The disk is full: this change was not saved.")  # not SQLite's
    assert edit.isVisible()  # what was typed is still there
    assert edit.notes.text() == f"Lluvia ligera {attempt}"


def test_a_session_near_or_past_its_max_duration_is_flagged(board: Board) -> None:
    board.open_session_here()
    real_now = now_utc()
    board.pane.clock = lambda: real_now + timedelta(hours=11, minutes=20)
    board.pane._rebuild()
    row = board.row()
    assert row is not None
    assert board.cell(row, LIMIT, BADGE_ROLE) == "warn"
    assert board.cell(row, LIMIT).endswith("min left")
    tooltip = board.cell(row, LIMIT, Qt.ItemDataRole.ToolTipRole)
    assert "Maximum duration 12 h: it ends at" in tooltip
    assert "Close it or extend it" in tooltip
    assert "1 near its time limit" in board.pane.summary.sessions_card.detail_label.text()

    board.pane.clock = lambda: real_now + timedelta(hours=13, minutes=30)
    board.pane._rebuild()
    row = board.row()
    assert row is not None
    assert board.cell(row, LIMIT, BADGE_ROLE) == "error"
    assert board.cell(row, LIMIT).startswith("Over by 1 h 3")
    assert "Past its maximum duration of 12 h since" in board.cell(row, LIMIT, Qt.ItemDataRole.ToolTipRole)
    # The day's summary says so too: past its limit, no longer "near" it.
    detail = board.pane.summary.sessions_card.detail_label.text()
    assert "1 past its time limit" in detail
    assert "near" not in detail


# ------------------------------------------------------------------------------------------------ showing
def test_live_totals_follow_records_as_they_arrive_and_count_each_once(board: Board) -> None:
    row = board.open_session_here()
    actions = board.office.actions
    board.run(actions.record_units(row.key, "JS0315", "John Smith", 3))
    board.run(actions.record_units(row.key, "JS0315", "John Smith", 1))
    board.qtbot.waitUntil(lambda: board.row() is not None and board.row().totals.units == 4)
    # 4 boxes × 5.50, plus the project's 10 % bonus
    board.qtbot.waitUntil(lambda: board.row().totals.pending_units == 0, timeout=15_000)
    row = board.row()
    assert (board.cell(row, UNITS), board.cell(row, WORKERS), board.cell(row, PAY)) == ("4", "1", "24.20")
    board.run(board.pane.refresh())  # the server's copies of the records meet the outbox's: still once
    assert board.row().totals.units == 4
    assert board.pane.summary.units_card.value_label.text() == "4 boxes"  # the day's one unit, in words


def test_filters_and_day_navigation(board: Board) -> None:
    board.open_session_here()
    direct_session(board, OTHER_USER, "sector_002", "Lote A-2")
    board.pane.set_selection(Selection(board.project, None))
    board.run(board.pane.refresh())
    board.wait_synced()
    assert {row.data["sector_id"] for row in board.model.rows} == {SECTOR, "sector_002"}

    board.qtbot.mouseClick(board.pane.day_bar.mine_button, Qt.MouseButton.LeftButton)
    assert [row.data["sector_id"] for row in board.model.rows] == [SECTOR]
    board.qtbot.mouseClick(board.pane.day_bar.status_filter.button("closed"), Qt.MouseButton.LeftButton)
    assert board.model.rowCount() == 0
    assert "matches the filters" in board.pane.empty_label.text()
    board.qtbot.mouseClick(board.pane.day_bar.mine_button, Qt.MouseButton.LeftButton)
    board.qtbot.mouseClick(board.pane.day_bar.status_filter.button("open"), Qt.MouseButton.LeftButton)
    assert board.model.rowCount() == 2

    # Back through the seeded weeks: the last workday's closed sessions, with totals from their records.
    board.qtbot.mouseClick(board.pane.day_bar.status_filter.button("all"), Qt.MouseButton.LeftButton)
    steps = 2 if (board.today() - timedelta(days=1)).weekday() == 6 else 1
    for _ in range(steps):
        with board.qtbot.waitSignal(board.pane.rows_changed, timeout=15_000):
            board.press("Alt+Left")
    workday = board.today() - timedelta(days=steps)
    assert board.pane.day == workday
    board.qtbot.waitUntil(lambda: board.model.rowCount() >= 3, timeout=15_000)
    board.qtbot.waitUntil(lambda: all(not row.totals.from_server for row in board.model.rows), timeout=15_000)
    listed = board.run(board.client.list_sessions(project_id=PROJECT, from_day=workday, to_day=workday, limit=100))
    server_units = {session.session_id: session.total_units for session in listed.items}
    assert {row.key: row.totals.units for row in board.model.rows} == pytest.approx(server_units)
    assert all(board.cell(row, STATUS) == "Closed" for row in board.model.rows)

    board.qtbot.mouseClick(board.pane.day_bar.today_button, Qt.MouseButton.LeftButton)
    assert board.pane.day == board.today()
    board.qtbot.waitUntil(lambda: board.row() is not None)


def test_open_tallies_asks_for_the_selected_session(board: Board) -> None:
    row = board.open_session_here()
    board.select(row)
    with board.qtbot.waitSignal(board.pane.session_activated, timeout=2_000) as asked:
        board.press("Ctrl+T")
    assert asked.args == [row.key]
    with board.qtbot.waitSignal(board.pane.session_activated, timeout=2_000) as asked:
        board.qtbot.mouseClick(board.pane.tallies_button, Qt.MouseButton.LeftButton)
    assert asked.args == [row.key]


def test_both_themes_colour_the_badges(board: Board, tmp_path: Path) -> None:
    board.open_session_here()
    for name in ("light", "dark"):
        theme = load_theme(name)
        board.pane.apply_theme(theme)
        assert board.pane.badges.tone_color("error").name() == theme.tokens["error"]
        picture = tmp_path / f"sessions-{name}.png"
        assert board.pane.grab().save(str(picture))
        assert picture.stat().st_size > 0


def test_the_model_passes_qtmodeltester(board: Board, qtmodeltester: Any) -> None:
    board.open_session_here()
    direct_session(board, OTHER_USER, "sector_002", "Lote A-2")
    board.pane.set_selection(Selection(board.project, None))
    board.run(board.pane.refresh())
    assert board.model.rowCount() == 2
    qtmodeltester.check(board.model, force_py=True)
