"""The worker roster pane, driven as the office would: search, filter, look a worker up, add one (online, offline,
with a photo), and fix one the server refused, against the real simulator and with it stopped."""

from __future__ import annotations

import csv
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.models import NewWorker
from hydrodesk.domain.outbox import EntryState
from hydrodesk.domain.photos import MAX_PHOTO_BYTES
from hydrodesk.domain.roster import initials
from hydrodesk.sim.launcher import RunningSimulator, start_simulator
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.models.roles import ID_ROLE
from hydrodesk.ui.panes.base import PaneContext
from hydrodesk.ui.panes.workers import WorkersPane
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.workers.create_dialog import CreateWorkerDialog
from hydrodesk.ui.workers.models import NAME, SYNC, UNITS, WORKER_ID

from .conftest import run_async
from .office_kit import DOCUMENTED_SESSION, fill_the_disk, make_client, open_fast_office
from .tallies_kit import pay_by_hand

WAIT_MS = 15_000


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A real (tiny, green) PNG, so Qt can show it and the server can store it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x20\xa0\x60" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def type_text(qtbot: QtBot, edit: Any, text: str) -> None:
    """Type as a person does, key by key; accented letters arrive as an input method commits them (QTest can only
    press keys it knows, and has none for "Ú")."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(edit, char)
        else:
            edit.insert(char)


@dataclass
class Roster:
    """A roster pane over a real office (cache + outbox + sync engine) talking to a simulator."""

    qtbot: QtBot
    pane: WorkersPane
    office: Office
    client: HydrobitClient
    sim: Any
    restarted: list[RunningSimulator] = field(default_factory=list)

    # ---------------------------------------------------------------------- reading what the user sees
    def shown(self, column: int = WORKER_ID) -> list[str]:
        model = self.pane.table.proxy
        return [str(model.index(row, column).data()) for row in range(model.rowCount())]

    def cell(self, key: str, column: int) -> str:
        model = self.pane.model
        return str(model.data(model.index(model.row_of(key), column)))

    # ---------------------------------------------------------------------- doing what the user does
    def search(self, text: str) -> None:
        with self.qtbot.waitSignal(self.pane.roster_loaded, timeout=WAIT_MS):
            self.pane.search_edit.setFocus()
            self.pane.search_edit.selectAll()
            if text:
                type_text(self.qtbot, self.pane.search_edit, text)
            else:
                self.pane.search_edit.clear()
            self.qtbot.keyClick(self.pane.search_edit, Qt.Key.Key_Return)

    def choose(self, combo: Any, value: str | None) -> None:
        index = combo.findData(value)
        assert index >= 0, f"{value} is not offered"
        with self.qtbot.waitSignal(self.pane.roster_loaded, timeout=WAIT_MS):
            combo.setCurrentIndex(index)

    def click(self, key: str) -> None:
        """Click the worker's row, and wait until their details and tallies are shown."""
        row = self.pane.model.row_of(key)
        assert row >= 0, f"{key} is not listed"
        view = self.pane.table.view
        index: QModelIndex = self.pane.table.proxy.mapFromSource(self.pane.model.index(row, NAME))
        view.scrollTo(index)
        with self.qtbot.waitSignal(self.pane.detail_loaded, timeout=WAIT_MS):
            self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())

    def new_worker_dialog(self) -> CreateWorkerDialog:
        # Ctrl+N is a window shortcut: it works while the roster's window is the active one.
        self.pane.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.pane.window())
        self.qtbot.keyClick(self.pane, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(lambda: self.pane.create_dialog is not None and self.pane.create_dialog.isVisible())
        dialog = self.pane.create_dialog
        assert dialog is not None
        return dialog

    def fill(self, dialog: CreateWorkerDialog, first: str, last: str, hired: QDate, **choices: str) -> None:
        dialog.first_name.clear()
        type_text(self.qtbot, dialog.first_name, first)
        dialog.last_name.clear()
        type_text(self.qtbot, dialog.last_name, last)
        dialog.hire_date.setDate(hired)
        for name, value in {"position": "harvester", "employment_type": "seasonal", **choices}.items():
            combo = getattr(dialog, name)
            combo.setCurrentIndex(combo.findData(value))

    def save(self, dialog: CreateWorkerDialog) -> None:
        assert dialog.save_button.isEnabled(), dialog.problems.text() + dialog.id_note.text()
        with self.qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
            self.qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def wait_synced(self) -> None:
        run_async(self.qtbot, self.office.engine.sync_now(), timeout_ms=WAIT_MS)

    def restart_simulator(self) -> RunningSimulator:
        """The simulator comes back at the address the office knows, with the data it had."""
        running = start_simulator(self.sim.data_dir, port=urlsplit(self.sim.base_url).port, devices=False)
        self.restarted.append(running)
        return running


@pytest.fixture
def open_roster(qtbot: QtBot, qloop: object, qapp: QApplication, tmp_path: Path) -> Iterator[Callable[[Any], Roster]]:
    made: list[tuple[Roster, BackgroundTasks]] = []

    def make(sim: Any) -> Roster:
        client = make_client(sim.base_url, sim.token())
        office = run_async(qtbot, open_fast_office(profile_database(tmp_path, f"office-{len(made)}"), client))
        themes = ThemeManager(qapp, "light")
        themes.apply("light")
        tasks = BackgroundTasks()
        context = PaneContext(
            monitor=ConnectionMonitor(),
            tasks=tasks,
            client=lambda: client,
            theme=lambda: themes.current,
            office=lambda: office,
        )
        pane = WorkersPane(context)
        qtbot.addWidget(pane)
        pane.resize(1280, 820)
        pane.show()
        qtbot.waitExposed(pane)
        roster = Roster(qtbot, pane, office, client, sim)
        made.append((roster, tasks))
        run_async(qtbot, pane.refresh(), timeout_ms=WAIT_MS)
        return roster

    yield make
    for roster, tasks in made:
        run_async(qtbot, tasks.cancel_all())
        run_async(qtbot, roster.office.close())
        run_async(qtbot, roster.client.aclose())
        for running in roster.restarted:
            running.stop()


# ------------------------------------------------------------------------------------------------ the list
def test_search_folds_accents_and_filters_come_from_the_template(
    qtbot: QtBot, sim: Any, open_roster: Callable[[Any], Roster], tmp_path: Path, qtmodeltester: Any
) -> None:
    roster = open_roster(sim)
    pane = roster.pane
    assert len(roster.shown()) == 60
    assert "60 workers" in pane.subtitle_label.text()
    assert "roster refreshed" in pane.subtitle_label.text()
    qtmodeltester.check(pane.model)

    roster.search("nunez")
    assert roster.shown(NAME) == ["José Núñez"]
    roster.search("JS03")
    assert roster.shown() == ["JS0315"]
    roster.search("PEÑA")
    assert roster.shown(NAME) == ["Ángela Peña"]
    roster.search("")
    assert len(roster.shown()) == 60

    # The filters offer the company's template options, readable.
    offered = [pane.position_filter.itemText(i) for i in range(pane.position_filter.count())]
    assert offered[:3] == ["Any position", "Field worker", "Harvester"]
    roster.choose(pane.status_filter, "on_leave")
    assert sorted(roster.shown(4)) == ["On leave", "On leave"]
    roster.choose(pane.status_filter, None)
    roster.choose(pane.position_filter, "supervisor")
    supervisors = roster.shown()
    assert supervisors
    assert set(roster.shown(2)) == {"Supervisor"}
    roster.choose(pane.employment_filter, "seasonal")
    assert roster.shown() == []
    assert pane.no_match_label.isVisible()
    pane.clear_filters()
    qtbot.waitUntil(lambda: len(roster.shown()) == 60, timeout=WAIT_MS)

    # What is shown exports as shown.
    roster.search("ez")
    names = roster.shown(NAME)
    assert pane.table.export_to_file(tmp_path / "roster.csv") == len(names)
    with (tmp_path / "roster.csv").open(encoding="utf-8-sig") as stream:
        exported = list(csv.reader(stream))
    assert exported[0][:2] == ["Name", "Worker ID"]
    assert [line[0] for line in exported[1:]] == names
    pane.table.export_to_file(tmp_path / "roster.xlsx")
    sheet = load_workbook(tmp_path / "roster.xlsx").active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == names


def test_the_roster_and_a_workers_tallies_work_offline_from_the_cache(
    qtbot: QtBot, fresh_sim: Any, open_roster: Callable[[Any], Roster], qtmodeltester: Any
) -> None:
    roster = open_roster(fresh_sim)
    pane, office, client = roster.pane, roster.office, roster.client
    # The sync engine's first round brings the recent sessions and their records into the cache.
    run_async(qtbot, office.engine.wait_for(lambda status: status.last_sync_at is not None), timeout_ms=WAIT_MS)

    # What the server says one worker did in a recent session (a session with a void, if there is one).
    today = date.today()
    sessions = run_async(qtbot, client.list_sessions(from_day=today - timedelta(days=5), to_day=today)).items
    chosen: tuple[Any, list[Any]] | None = None
    for session in sessions:
        records = run_async(qtbot, client.list_session_records(session.session_id))
        if records and (chosen is None or any(record.is_void for record in records)):
            chosen = (session, records)
        if chosen is not None and any(record.is_void for record in chosen[1]):
            break
    assert chosen is not None, "the demo farm has recent records"
    session, records = chosen
    worker_id = next((record.worker_id for record in records if record.is_void), records[0].worker_id)
    mine = [record for record in records if record.worker_id == worker_id]
    units = sum(record.units for record in mine)
    voids = sum(1 for record in mine if record.is_void)
    _base, _bonus, pay_total = pay_by_hand(units, session.price_per_unit, session.bonus)  # not compute_pay

    # The server goes away; the office keeps its roster.
    fresh_sim.stop()
    roster.search(worker_id.lower()[:4])
    assert worker_id in roster.shown()
    run_async(qtbot, pane.refresh(), timeout_ms=WAIT_MS)  # F5 with no server: said plainly, the list stays
    assert pane.banner.isVisible()
    assert "could not be refreshed" in pane.banner.text()
    assert "roster refreshed" in pane.subtitle_label.text()
    assert worker_id in roster.shown()

    roster.click(worker_id)
    assert pane.detail.id_chip.text() == worker_id
    shown = pane.selected_row()
    assert shown is not None
    assert not pane.detail.avatar.has_photo  # the demo roster has no photos: initials instead
    assert pane.detail.avatar.initials == initials(shown.data["first_name"], shown.data["last_name"])
    history = pane.detail.history_model
    qtmodeltester.check(history)
    share = next(share for share in history.shares if share.session_id == session.session_id)
    assert (share.units, share.voids, share.pay.total) == (pytest.approx(units), voids, pytest.approx(pay_total))
    assert share.records == len(mine) - voids
    assert share.day == str(session.day)[:10]
    assert voids, "the chosen session has a void to count"


# ------------------------------------------------------------------------------------------------ creating
def choose_photo_through_the_file_dialog(qtbot: QtBot, dialog: CreateWorkerDialog, path: Path) -> None:
    dialog.choose_photo_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog) is not None and dialog.findChild(QFileDialog).isVisible())
    chooser = dialog.findChild(QFileDialog)
    chooser.selectFile(str(path))
    chooser.accept()


def tick(qtbot: QtBot, dialog: CreateWorkerDialog, skill: str) -> None:
    """Tick a skill from the keyboard: select it in the list and press Space."""
    model = dialog.skills_model
    row = next(row for row in range(model.rowCount()) if model.index(row).data(ID_ROLE) == skill)
    dialog.skills.setFocus()
    dialog.skills.setCurrentIndex(model.index(row))
    qtbot.keyClick(dialog.skills, Qt.Key.Key_Space)


def test_a_worker_created_online_gets_the_previewed_id_and_keeps_their_photo(
    qtbot: QtBot, fresh_sim: Any, open_roster: Callable[[Any], Roster], tmp_path: Path, qtmodeltester: Any
) -> None:
    roster = open_roster(fresh_sim)
    pane = roster.pane
    dialog = roster.new_worker_dialog()  # Ctrl+N
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    roster.fill(dialog, "Úrsula", "Íñiguez", QDate(2025, 9, 9), position="supervisor", employment_type="full_time")
    assert dialog.id_preview.text() == "UI0909"  # accents folded, month and day of the hire date
    dialog.hire_date.setDate(QDate(2024, 11, 2))
    assert dialog.id_preview.text() == "UI1102"  # live

    qtbot.keyClicks(dialog.hourly_rate, "-3")
    assert "cannot be negative" in dialog.problems.text()
    assert not dialog.save_button.isEnabled()
    dialog.hourly_rate.clear()
    qtbot.keyClicks(dialog.hourly_rate, "21.5")
    assert dialog.problems.isHidden()
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.phone, "+52 1 443 555 0199")
    type_text(qtbot, dialog.emergency_name, "Rocío Íñiguez")
    tick(qtbot, dialog, "pruning")
    tick(qtbot, dialog, "first_aid")
    assert dialog.skills_model.checked() == ["pruning", "first_aid"]
    qtmodeltester.check(dialog.skills_model)
    photo = tmp_path / "ursula.png"
    photo.write_bytes(png_bytes(48, 64))
    choose_photo_through_the_file_dialog(qtbot, dialog, photo)
    qtbot.waitUntil(lambda: dialog.photo is not None)
    assert dialog.photo_preview.has_photo
    roster.save(dialog)

    # Listed at once; on the server moments later, under the id the form showed.
    qtbot.waitUntil(lambda: pane.model.row_of("UI1102") >= 0, timeout=WAIT_MS)
    stored = run_async(qtbot, roster.client.get_worker("UI1102"))
    assert (stored.first_name, stored.last_name, stored.worker_id) == ("Úrsula", "Íñiguez", "UI1102")
    assert (stored.position, stored.employment_type, stored.hourly_rate) == ("supervisor", "full_time", 21.5)
    assert stored.skills == ["pruning", "first_aid"]
    assert stored.emergency_contact_name == "Rocío Íñiguez"
    assert stored.photo_url is not None
    assert httpx.get(stored.photo_url, timeout=10).content == photo.read_bytes()
    qtbot.waitUntil(lambda: roster.cell("UI1102", SYNC) == "", timeout=WAIT_MS)  # confirmed

    # The detail shows the photo, fetched from its URL (and kept for offline use).
    roster.click("UI1102")
    assert pane.detail.avatar.has_photo
    assert pane.detail.name_label.text() == "Úrsula Íñiguez"
    assert "Pruning, First aid" in pane.detail._values["skills"].text()


def test_a_worker_created_offline_is_listed_pending_and_synced_when_the_server_is_back(
    qtbot: QtBot, fresh_sim: Any, open_roster: Callable[[Any], Roster]
) -> None:
    roster = open_roster(fresh_sim)
    pane, office = roster.pane, roster.office
    run_async(qtbot, office.engine.wait_for(lambda status: status.last_sync_at is not None), timeout_ms=WAIT_MS)
    fresh_sim.stop()

    dialog = roster.new_worker_dialog()
    roster.fill(dialog, "Ximena", "Zárate", QDate(2025, 2, 14))
    roster.save(dialog)

    def pending_row() -> Any:
        return next((row for row in pane.model.rows if row.pending and row.data["worker_id"] == "XZ0214"), None)

    qtbot.waitUntil(lambda: pending_row() is not None)
    entry = pending_row().entry
    key = f"pending:{entry.entry_id}"
    assert roster.cell(key, SYNC) == "Pending"
    assert "1 not on the server yet" in pane.subtitle_label.text()
    qtbot.waitUntil(lambda: pane.detail.row is not None and pane.detail.row.data["worker_id"] == "XZ0214")
    assert "Saved on this computer" in pane.detail.sync_banner.text()
    qtbot.waitUntil(lambda: pane.banner.isVisible() and "Offline" in pane.banner.text(), timeout=WAIT_MS)

    # Units recorded for her offline count in her recent tallies at once.
    run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, "XZ0214", "Ximena Zárate", 4))
    roster.click(key)
    share = next(share for share in pane.detail.history_model.shares if share.session_id == DOCUMENTED_SESSION)
    assert (share.units, share.pending_units, share.records) == (4, 4, 1)
    row = pane.detail.history_model.shares.index(share)
    assert pane.detail.history_model.index(row, UNITS).data() == "4 boxes *"  # the unit in words; * not sent yet

    # The server comes back: the worker (then her record) goes through, and the row is confirmed.
    roster.restart_simulator()
    roster.wait_synced()
    qtbot.waitUntil(lambda: pane.model.row_of("XZ0214") >= 0 and roster.cell("XZ0214", SYNC) == "", timeout=WAIT_MS)
    assert pane.model.row_of(key) == -1
    assert pane.detail.row is not None
    assert pane.detail.row.data["worker_id"] == "XZ0214"
    stored = run_async(qtbot, roster.client.get_worker("XZ0214"))
    assert (stored.first_name, stored.last_name, stored.hire_date) == ("Ximena", "Zárate", date(2025, 2, 14))
    records = run_async(qtbot, roster.client.list_session_records(DOCUMENTED_SESSION))
    assert [record.units for record in records if record.worker_id == "XZ0214"] == [4]
    assert not pane.banner.isVisible()


def settled(roster: Roster, dialog: CreateWorkerDialog) -> None:
    """The dialog closed (saved) or shows why not; else what it is doing, for a timeout to name."""
    assert roster.pane.create_dialog is None or dialog.problems.isVisible(), (
        f"busy={dialog._busy}, save enabled={dialog.save_button.isEnabled()}, visible={dialog.isVisible()}, "
        f"problems={dialog.problems.text()!r}, background tasks={roster.pane.context.tasks.pending}"
    )


def test_a_full_disk_keeps_the_new_worker_in_the_dialog_with_a_plain_message_and_saves_it_once_there_is_room(
    qtbot: QtBot, fresh_sim: Any, open_roster: Callable[[Any], Roster]
) -> None:
    roster = open_roster(fresh_sim)
    store = roster.office.store
    run_async(qtbot, roster.office.engine.wait_for(lambda status: status.last_sync_at is not None), timeout_ms=WAIT_MS)
    pages = fill_the_disk(qtbot, store)
    for day in range(1, 29):  # the outbox's last free bytes take a few new workers
        dialog = roster.new_worker_dialog()
        roster.fill(dialog, "Ximena", "Zárate", QDate(2025, 2, day))
        saved = len(run_async(qtbot, store.outbox_items()))
        # A disabled button would make the click a silent no-op and the wait below a 45 s mystery.
        assert dialog.save_button.isEnabled(), dialog.problems.text() + dialog.id_note.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda shown=dialog: settled(roster, shown))
        if roster.pane.create_dialog is not None:
            break
    assert roster.pane.create_dialog is dialog
    assert dialog.problems.text().startswith("The disk is full: this change was not saved.")  # not SQLite's words
    assert dialog.isVisible()  # what was typed is still there
    assert dialog.save_button.isEnabled()
    assert len(run_async(qtbot, store.outbox_items())) == saved  # refused whole; the earlier ones stand
    # The roster refreshes in the background (a sync round, another change): the reason stays on the form. It used
    # to be wiped by the refresh's check of the worker_id, leaving a form that seemed to ignore the click.
    # This refresh, or a newer one a sync round starts meanwhile (which supersedes it): either shows the roster again.
    with qtbot.waitSignal(roster.pane.roster_loaded, timeout=WAIT_MS):
        run_async(qtbot, roster.pane.reload())
    assert dialog.problems.isVisible()
    assert dialog.problems.text().startswith("The disk is full: this change was not saved.")

    run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages + 1000}").scalar()))
    roster.save(dialog)  # room again: the same dialog saves it
    assert len(run_async(qtbot, store.outbox_items())) == saved + 1


def test_a_photo_is_checked_before_anything_is_sent(
    qtbot: QtBot, sim: Any, open_roster: Callable[[Any], Roster], tmp_path: Path
) -> None:
    roster = open_roster(sim)
    dialog = roster.new_worker_dialog()
    roster.fill(dialog, "Iker", "Oñate", QDate(2025, 1, 20))

    too_big = tmp_path / "huge.png"
    with too_big.open("wb") as stream:  # a PNG header, then 12 MB and one byte in all (sparse)
        stream.write(png_bytes()[:16])
        stream.truncate(MAX_PHOTO_BYTES + 1)
    assert not dialog.load_photo_file(too_big)
    assert "huge.png is 12.1 MB, more than the 12 MB a worker photo may have" in dialog.photo_message.text()
    assert dialog.photo is None

    renamed = tmp_path / "scan.jpg"
    renamed.write_text("this is a text file with a .jpg name")
    choose_photo_through_the_file_dialog(qtbot, dialog, renamed)
    qtbot.waitUntil(lambda: "not a JPEG, PNG or WebP image" in dialog.photo_message.text())
    assert dialog.photo is None

    heic = tmp_path / "phone.heic"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(64))
    assert not dialog.load_photo_file(heic)
    assert "such as HEIC" in dialog.photo_message.text()

    empty = tmp_path / "empty.webp"
    empty.write_bytes(b"")
    assert not dialog.load_photo_file(empty)
    assert "empty" in dialog.photo_message.text()

    webp = tmp_path / "ok.webp"
    webp.write_bytes(b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8 " + bytes(30))
    assert dialog.load_photo_file(webp)
    assert dialog.photo is not None
    assert dialog.photo.kind.value == "webp"
    assert dialog.new_worker().photo.startswith("data:image/webp;base64,")  # type: ignore[union-attr]
    dialog.remove_photo_button.click()
    assert dialog.photo is None
    assert dialog.new_worker().photo is None
    dialog.reject()


def test_a_taken_worker_id_is_flagged_before_saving_and_a_refused_one_can_be_fixed(
    qtbot: QtBot, fresh_sim: Any, open_roster: Callable[[Any], Roster]
) -> None:
    roster = open_roster(fresh_sim)
    pane, client = roster.pane, roster.client
    dialog = roster.new_worker_dialog()
    roster.fill(dialog, "Jaime", "Sanz", QDate(2025, 3, 15))
    assert dialog.id_preview.text() == "JS0315"
    assert "JS0315 is already used by John Smith" in dialog.id_note.text()
    assert "The server will refuse this worker" in dialog.id_note.text()
    assert dialog.id_note.property("tone") == "error"
    assert not dialog.save_button.isEnabled()
    roster.fill(dialog, "jose", "NUNEZ", QDate(2025, 3, 15))  # the same person, typed without accents
    assert "José Núñez is already in the roster as JN0315" in dialog.id_note.text()
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.create_dialog is None)

    # Meanwhile someone else registers Karla Sosa; this computer has not refreshed since, so it cannot warn.
    run_async(
        qtbot,
        client.create_worker(
            NewWorker(
                first_name="Karla",
                last_name="Sosa",
                position="packer",
                employment_type="seasonal",
                hire_date=date(2025, 6, 1),
            )
        ),
    )
    dialog = roster.new_worker_dialog()
    roster.fill(dialog, "Kevin", "Salas", QDate(2025, 6, 1))
    assert dialog.id_preview.text() == "KS0601"
    assert dialog.id_note.property("tone") == ""
    roster.save(dialog)
    roster.wait_synced()

    # The server refused it: the row says so, the detail says why and offers "Edit and retry".
    def refused_key() -> str | None:
        for row in pane.model.rows:
            if row.pending and row.entry is not None and row.entry.state is EntryState.CONFLICT:
                return f"pending:{row.entry.entry_id}"
        return None

    qtbot.waitUntil(lambda: refused_key() is not None, timeout=WAIT_MS)
    key = refused_key()
    assert key is not None
    assert roster.cell(key, SYNC) == "Needs attention"
    roster.click(key)
    assert "already taken by Karla Sosa" in pane.detail.sync_banner.text()
    assert pane.detail.retry_button.isVisible()
    pane.detail.retry_button.click()
    qtbot.waitUntil(lambda: pane.create_dialog is not None and pane.create_dialog.isVisible())
    fixing = pane.create_dialog
    assert fixing is not None
    assert fixing.editing_entry == key.removeprefix("pending:")
    assert (fixing.first_name.text(), fixing.last_name.text(), fixing.id_preview.text()) == ("Kevin", "Salas", "KS0601")
    # Sync refreshed the roster since: the form now knows who has KS0601 (its own entry is no clash).
    assert "KS0601 is already used by Karla Sosa" in fixing.id_note.text()
    assert not fixing.save_button.isEnabled()
    fixing.hire_date.setDate(QDate(2025, 6, 2))  # the day he really started
    assert fixing.id_preview.text() == "KS0602"
    assert fixing.id_note.property("tone") == ""
    roster.save(fixing)
    roster.wait_synced()

    qtbot.waitUntil(lambda: pane.model.row_of("KS0602") >= 0 and roster.cell("KS0602", SYNC) == "", timeout=WAIT_MS)
    assert refused_key() is None
    kevin = run_async(qtbot, client.get_worker("KS0602"))
    assert (kevin.first_name, kevin.last_name) == ("Kevin", "Salas")
    karla = run_async(qtbot, client.get_worker("KS0601"))
    assert (karla.first_name, karla.last_name) == ("Karla", "Sosa")
