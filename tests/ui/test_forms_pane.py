"""The forms pane, worked as the office works it against the real simulator: every kind of field the simulator's
forms use, checked before anything is queued; a form submitted with the server gone, sent once when it is back,
with the server's check of its sector shown; the Outbox pane saying what the submission is."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.models import Project
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.sim.launcher import RunningSimulator, start_simulator
from hydrodesk.store import cache, outbox_view
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.ui import formats
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.forms.fields import (
    AttachmentEditor,
    ChoiceEditor,
    DateEditor,
    MultiChoiceEditor,
    NumberEditor,
    PestEditor,
    TextAreaEditor,
    TextEditor,
)
from hydrodesk.ui.forms.history import CHECK, FORM, PLACE, REASON, STATE
from hydrodesk.ui.outbox import text as outbox_text
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.forms import FormsPane
from hydrodesk.ui.panes.phyto import PhytoPane
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager

from .conftest import run_async
from .office_kit import make_client, open_fast_office

WAIT_MS = 15_000


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x20\xa0\x60" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@dataclass
class FormsDesk:
    qtbot: QtBot
    pane: FormsPane
    office: Office
    client: HydrobitClient
    sim: Any
    context: PaneContext
    restarted: list[RunningSimulator] = field(default_factory=list)

    def choose(self, form_id: str) -> None:
        assert self.pane.select_form(form_id), f"{form_id} is not listed"
        assert self.pane.editor.form is not None
        assert self.pane.editor.form.form_id == form_id

    def editor(self, name: str) -> Any:
        return next(editor for editor in self.pane.editor.editors if editor.spec.name == name)

    def submit_by_keyboard(self) -> None:
        self.pane.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.pane.window())
        self.qtbot.keyClick(
            QApplication.focusWidget() or self.pane, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )

    def history_cell(self, row: int, column: int) -> str:
        model = self.pane.history_model
        return str(model.data(model.index(row, column)))


@pytest.fixture
def open_desk(qtbot: QtBot, qloop: object, qapp: QApplication, tmp_path: Path) -> Iterator[Callable[[Any], FormsDesk]]:
    made: list[tuple[FormsDesk, BackgroundTasks]] = []

    def make(sim: Any) -> FormsDesk:
        client = make_client(sim.base_url, sim.token(), sim.api_key("read:phytosanitary"))
        office = run_async(qtbot, open_fast_office(profile_database(tmp_path, f"forms-{len(made)}"), client))
        run_async(qtbot, office.engine.refresher.refresh_core(), timeout_ms=WAIT_MS)  # the farm, as a sign-in does
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
        pane = FormsPane(context)
        qtbot.addWidget(pane)
        pane.resize(1150, 680)
        projects = run_async(qtbot, office.store.projects())
        project = Project.model_validate(next(item for item in projects if item["project_id"] == "proj_123"))
        sector = next(place for place in project.sectors if place.sector_id == "sector_002")  # Lote A-2
        pane.set_selection(Selection(project, sector))
        with qtbot.waitSignal(pane.forms_loaded, timeout=WAIT_MS):
            pane.show()
        qtbot.waitExposed(pane)
        desk = FormsDesk(qtbot, pane, office, client, sim, context)
        made.append((desk, tasks))
        return desk

    yield make
    for desk, tasks in made:
        run_async(qtbot, tasks.cancel_all())
        run_async(qtbot, desk.office.close())
        run_async(qtbot, desk.client.aclose())
        for running in desk.restarted:
            running.stop()


# ------------------------------------------------------------------------------------------------ the fields
def test_every_field_type_renders_and_is_checked_before_anything_is_queued(
    qtbot: QtBot, sim: Any, open_desk: Callable[[Any], FormsDesk], tmp_path: Path
) -> None:
    desk = open_desk(sim)
    pane = desk.pane
    listed = {pane.form_list.item(row).data(Qt.ItemDataRole.UserRole + 1) for row in range(pane.form_list.count())}
    assert {"form_phyto_001", "form_abc123", "form_irrigation_check", "form_task_001", "form_task_002"} <= listed
    assert "form_task_003" not in listed  # another user's task

    # The harvest inspection: text, number with a range, select, multiselect, yes/no, photo, signature.
    desk.choose("form_abc123")
    kinds = {editor.spec.name: type(editor) for editor in pane.editor.editors}
    assert kinds == {
        "lot_code": TextEditor,
        "sample_size": NumberEditor,
        "brix": NumberEditor,
        "firmness": ChoiceEditor,
        "defects": MultiChoiceEditor,
        "approved": ChoiceEditor,
        "photo": AttachmentEditor,
        "signature": AttachmentEditor,
    }
    assert desk.editor("brix").edit.placeholderText() == "0 – 30 °Bx"
    assert pane.editor.location_combo.currentText() == "Lote A-2"  # the navigator's sector

    assert pane.editor.submit() is None  # nothing answered: the required answers are named
    assert pane.editor.summary_label.text() == (
        "3 answers need fixing: Código de lote, Frutos en la muestra, Lote aprobado."
    )
    assert desk.editor("lot_code").problem_label.text() == "This answer is required."
    assert QApplication.focusWidget() is desk.editor("lot_code").edit  # the first answer to fix

    qtbot.keyClicks(desk.editor("lot_code").edit, "L-204")
    # What is put right stops being flagged as it is typed, not at the next Submit.
    assert desk.editor("lot_code").problem_label.isHidden()
    assert pane.editor.summary_label.text() == "2 answers need fixing: Frutos en la muestra, Lote aprobado."
    sample = desk.editor("sample_size")
    for typed, problem in (
        ("ten", "Type a number, for example 12 or 12.5."),
        ("5000", f"The largest value allowed is {formats.number_text(1000)}."),
        ("0", "The smallest value allowed is 1."),
    ):
        sample.edit.setText(typed)
        assert sample.check() == problem
    sample.edit.setText("100")
    assert pane.editor.summary_label.text() == "One answer needs fixing: Lote aprobado."
    desk.editor("brix").edit.setText("14,5")  # a Spanish decimal comma is understood
    desk.editor("firmness").combo.setCurrentIndex(desk.editor("firmness").combo.findData("Media"))
    desk.editor("defects").boxes[1].setChecked(True)
    desk.editor("approved").combo.setCurrentIndex(desk.editor("approved").combo.findData(False))
    assert pane.editor.summary_label.isHidden()
    assert desk.editor("approved").problem_label.isHidden()
    picture, text_file = tmp_path / "lote.png", tmp_path / "lote.txt"
    picture.write_bytes(png_bytes())
    text_file.write_text("not a picture")
    assert desk.editor("signature").attach(text_file) is False
    assert desk.editor("signature").problem_label.text() == "This kind of file cannot be attached here."
    assert desk.editor("photo").attach(picture) is True
    desk.editor("signature").clear()
    with (
        qtbot.waitSignal(pane.editor.submitted) as sent,
        qtbot.waitSignal(pane.status_message, timeout=WAIT_MS) as said,
        qtbot.waitSignal(pane.submission_saved, timeout=WAIT_MS),
    ):
        assert pane.editor.submit() is not None
    # Said as "Form “…” saved" (a bare "Inspección … guardado" cannot agree in Spanish), and true online too.
    assert said.args == [
        "Form “Inspección de calidad de cosecha” saved for Lote A-2; it is sent as soon as there is a connection."
    ]
    record = sent.args[0].record
    values = {value.name: value.value for value in record.form_values}
    assert values["lot_code"] == "L-204"
    assert (values["sample_size"], values["brix"], values["firmness"]) == (100, 14.5, "Media")
    assert (values["defects"], values["approved"]) == (["Herida"], False)
    assert values["photo"].startswith("data:image/png;base64,")
    assert "signature" not in values  # left blank: not answered
    assert (record.project_id, record.sector_id) == ("proj_123", "sector_002")

    # Scouting: a select, a count with its severity per pest, notes.
    desk.choose("form_phyto_001")
    aphids = desk.editor("aphids")
    assert isinstance(aphids, PestEditor)
    assert isinstance(desk.editor("notes"), TextAreaEditor)
    aphids.count_edit.setText("7")
    assert aphids.check() == "Choose a severity (0–4): this pest or disease was seen."
    assert aphids.focus_target() is aphids.severity_combo
    aphids.count_edit.setText("2.5")
    assert aphids.check() == "Type a whole number (a count has no decimals)."
    aphids.count_edit.setText("7")
    aphids.severity_combo.setCurrentIndex(aphids.severity_combo.findData(2))
    assert aphids.answer() is not None
    assert (aphids.answer().value, aphids.answer().severity) == (7, 2)
    desk.editor("thrips").count_edit.setText("0")  # nothing seen: no severity needed
    assert desk.editor("thrips").answer().severity == 0

    # The irrigation round: a date, and a voice note (by its file type).
    desk.choose("form_irrigation_check")
    flushed = desk.editor("last_flush")
    assert isinstance(flushed, DateEditor)
    assert flushed.answer() is None
    flushed.edit.setDate(QDate(2025, 10, 2))
    assert flushed.answer().value == "2025-10-02"
    voice, wrong = tmp_path / "nota.m4a", tmp_path / "nota.exe"
    voice.write_bytes(b"\x00\x00\x00\x18ftypM4A ")
    wrong.write_bytes(b"MZ")
    assert desk.editor("voice_note").attach(wrong) is False
    assert desk.editor("voice_note").attach(voice) is True
    assert desk.editor("voice_note").answer().value.startswith("data:audio/mp4;base64,")

    # Typed coordinates instead of a sector: both, in range, and where they fall is said at once.
    editor = pane.editor
    editor.location_combo.setCurrentIndex(editor.location_combo.findData("coordinates"))
    editor.latitude_edit.setText("95")
    editor.longitude_edit.setText("-99.13")
    assert editor._check_location() == "A latitude lies between -90 and 90."
    editor.latitude_edit.clear()
    assert editor._check_location() == "Type both the latitude and the longitude, or neither."
    boundary = next(place for place in editor.project.sectors if place.sector_id == "sector_003").boundary
    lon, lat = boundary["coordinates"][0][0]
    editor.latitude_edit.setText(f"{lat + 0.0001:.6f}")
    editor.longitude_edit.setText(f"{lon + 0.0001:.6f}")
    assert editor._check_location() is None
    assert editor.point_hint.text() == "This point lies in Lote B-1."
    # A project (no sector) in the navigator: no place is chosen for the user (typed coordinates were, and asked
    # for), and one is asked for.
    editor.latitude_edit.clear()
    editor.longitude_edit.clear()
    editor.set_places(editor.project, None)
    assert editor.location_combo.currentText() == "Choose a sector…"
    assert (
        editor.point_hint.text()
        == "Choose the sector where the form was filled in, or type its latitude and longitude."
    )
    assert editor._check_location() == (
        "Choose the sector where the form was filled in, or type its latitude and longitude."
    )
    assert editor.point_hint.isHidden()  # the problem says it; the grey hint does not repeat it
    assert editor.submit() is None
    assert editor.summary_label.text() == "3 answers need fixing: Where, Fugas encontradas, Filtros limpios."
    assert QApplication.focusWidget() is editor.location_combo  # nothing chosen yet: to the chooser, not latitude
    editor.location_combo.setCurrentIndex(editor.location_combo.findText("Lote B-1"))  # put right: the problem goes
    assert editor.location_problem.isHidden()
    assert not editor.point_hint.isHidden()
    assert editor.summary_label.text() == "2 answers need fixing: Fugas encontradas, Filtros limpios."
    desk.choose("form_task_002")  # a task about Lote B-1: recorded there unless the user says otherwise
    assert editor.location_combo.currentText() == "Lote B-1"
    # Checking never queued anything: the one entry is the inspection submitted above.
    queued = run_async(qtbot, desk.office.store.outbox_items())
    assert [(item.kind, item.payload["form_id"]) for item in queued] == [(EntryKind.SUBMIT_FORM, "form_abc123")]


# ------------------------------------------------------------------------------------------------ offline, once
def test_a_form_submitted_with_the_server_gone_is_sent_once_when_it_returns(
    qtbot: QtBot, fresh_sim: Any, open_desk: Callable[[Any], FormsDesk]
) -> None:
    desk = open_desk(fresh_sim)
    pane = desk.pane
    scouting = PhytoPane(desk.context)  # the agronomist keeps the Scouting pane open beside the form
    qtbot.addWidget(scouting)
    scouting.set_selection(Selection(desk.pane.editor.project))
    scouting.show()
    qtbot.waitUntil(lambda: scouting.fetches_done >= 1, timeout=WAIT_MS)
    scouted_before = len(scouting.records)
    desk.choose("form_phyto_001")
    fresh_sim.stop()  # the network goes

    aphids = desk.editor("aphids")
    aphids.count_edit.setFocus()
    qtbot.keyClicks(aphids.count_edit, "12")
    aphids.severity_combo.setCurrentIndex(aphids.severity_combo.findData(3))
    qtbot.keyClicks(desk.editor("notes").edit, "Hojas enrolladas")
    desk.editor("notes").edit.setFocus()
    with qtbot.waitSignal(pane.submission_saved, timeout=WAIT_MS) as saved:
        desk.submit_by_keyboard()  # Ctrl+Enter from inside the notes
    entry_id = saved.args[0]
    assert desk.editor("notes").edit.toPlainText() == ""  # the form is ready for the next walk
    item = run_async(qtbot, desk.office.store.outbox_entry(entry_id))
    assert item is not None
    assert item.state in (EntryState.QUEUED, EntryState.SENDING)
    row = pane.history_model.row_of(entry_id)
    assert (desk.history_cell(row, FORM), desk.history_cell(row, PLACE)) == ("Monitoreo fitosanitario", "Lote A-2")
    assert desk.history_cell(row, CHECK) == "Not checked yet"

    # The Outbox pane says what it is in plain words.
    lines = run_async(qtbot, desk.office.store.read(outbox_view.outbox_lines))
    line = next(line for line in lines if line.entry_id == entry_id)
    assert outbox_text.kind_text(EntryKind.SUBMIT_FORM) == "Form answers"
    assert outbox_text.describe(line) == "Monitoreo fitosanitario filled in for Lote A-2 (2 answers)"

    restarted = start_simulator(fresh_sim.data_dir, port=urlsplit(fresh_sim.base_url).port, devices=False)
    desk.restarted.append(restarted)  # the network is back; the engine retries by itself
    qtbot.waitUntil(
        lambda: (row := pane.history_model.row_of(entry_id)) >= 0 and desk.history_cell(row, STATE) == "Sent",
        timeout=30_000,
    )
    row = pane.history_model.row_of(entry_id)
    assert desk.history_cell(row, CHECK) == "Verified in Lote A-2"
    mine = run_async(qtbot, desk.client.list_form_records(form_id="form_phyto_001"))
    assert [record.client_event_id for record in mine].count(item.idem_key) == 1
    pane.tabs.setCurrentIndex(1)
    pane.history.select_source_row(row)
    assert "Aphids (Pulgón): 12 (severity 3 · high)" in pane.detail_label.text()
    assert "Server's check: Verified in Lote A-2" in pane.detail_label.text()
    # Scouting shows the new record by itself once it is delivered, once.
    qtbot.waitUntil(lambda: len(scouting.records) == scouted_before + 1, timeout=WAIT_MS)
    sent = run_async(qtbot, desk.office.store.outbox_entry(entry_id))
    assert sent is not None
    assert sent.result is not None
    assert [record["record_id"] for record in scouting.records].count(sent.result["record_id"]) == 1


def test_a_form_the_server_refuses_shows_its_reason_and_waits_for_the_user(
    qtbot: QtBot, sim: Any, open_desk: Callable[[Any], FormsDesk]
) -> None:
    desk = open_desk(sim)
    pane = desk.pane
    # A form this computer still has but the server no longer knows (withdrawn since it was downloaded).
    total = {"name": "total", "label": "Total", "type": "number", "required": True, "min": 0}
    withdrawn = {"form_id": "form_withdrawn", "name": "Conteo retirado", "type": "inspection", "subtype": "monitoring"}
    withdrawn["fields"] = [total]
    run_async(qtbot, desk.office.store.write(cache.save_forms, [withdrawn], "2025-01-01T00:00:00.000Z"))
    with qtbot.waitSignal(pane.forms_loaded, timeout=WAIT_MS):
        pane._spawn(pane.reload(), "test-reload")
    desk.choose("form_withdrawn")
    desk.editor("total").edit.setText("3")
    with qtbot.waitSignal(pane.submission_saved, timeout=WAIT_MS) as saved:
        pane.submit_current()
    entry_id = saved.args[0]
    run_async(qtbot, desk.office.engine.sync_now(), timeout_ms=WAIT_MS)
    qtbot.waitUntil(lambda: desk.history_cell(pane.history_model.row_of(entry_id), STATE) == "Refused", timeout=WAIT_MS)
    row = pane.history_model.row_of(entry_id)
    assert "form_withdrawn was not found" in desk.history_cell(row, REASON)
    assert desk.history_cell(row, CHECK) == ""
    item = run_async(qtbot, desk.office.store.outbox_entry(entry_id))
    assert item is not None
    assert item.state is EntryState.FAILED  # kept, for the user to retry or discard in the Outbox pane
