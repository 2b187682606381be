"""The Tallies pane's tools, driven as a user would: shortcuts, file dialogs, buttons; checked against the server.

The tools live on the real Tallies pane, built as the window builds it (tests/ui/tallies_kit.py); everything behind
it is real: the office's store and outbox, its sync engine, and the simulator over loopback HTTP.
"""

from __future__ import annotations

import asyncio
import csv
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTime
from PySide6.QtGui import QColor, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.app import parse_options
from hydrodesk.domain.day_report import SessionTerms
from hydrodesk.domain.harvest_compare import Agreement
from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.tally_import import IssueCode
from hydrodesk.store.paths import profile_database
from hydrodesk.sync.office import Office
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui.formats import day_text, time_format
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.panes.tallies import TalliesPane
from hydrodesk.ui.tallies import tool_files
from hydrodesk.ui.tallies.harvest_compare import ComparisonModel, HarvestCompareDialog
from hydrodesk.ui.tallies.import_dialog import ImportSheetDialog
from hydrodesk.ui.tallies.import_models import RejectedRowsModel, ValidRowsModel
from hydrodesk.ui.tallies.report_pdf import pdf_page_count, report_html, write_report_pdf
from hydrodesk.ui.tallies.tools import TallyTools
from hydrodesk.ui.theme import ThemeManager

from .conftest import DEMO_USER, run_async
from .paper_support import pdf_text, whole
from .tallies_kit import TallyKit, build_kit, pay_by_hand, settle, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]  # a fixture, used by name

DOCUMENTED_SESSION = "6507f1e3c9d8e2a4b1f9c3d5"  # open, owned by the demo user, day 2025-10-19 (Mexico City)
WAIT_MS = 20_000


# ------------------------------------------------------------------------------------------------ the kit
@dataclass
class Kit:
    office: Office
    client: HydrobitClient
    pane: TalliesPane
    tools: TallyTools

    def select(self, qtbot: QtBot, session_id: str) -> None:
        """Show the session in the pane (as the Sessions pane asks it to) and wait until its entries are read."""
        self.pane.show_session(session_id)
        qtbot.waitUntil(
            lambda: (self.pane.selected_session() or {}).get("session_id") == session_id and bool(self.pane.ledger()),
            timeout=WAIT_MS,
        )


def open_office(qtbot: QtBot, base_url: str, token: str, api_key: str | None, folder: Path) -> Office:
    client = HydrobitClient(
        ApiConfig.single_origin(base_url, timeout=5.0, connect_timeout=2.0),
        Credentials(DEMO_USER, bearer_token=token, api_key=api_key),
    )
    office = run_async(qtbot, Office.open(profile_database(folder, "tally-tools"), client))
    # The first round fills the cache: projects, workers, the recent sessions and their records.
    run_async(qtbot, office.engine.wait_for(lambda status: status.last_sync_at is not None), WAIT_MS)
    return office


@pytest.fixture
def english() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def make_kit(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path, english: None
) -> Iterator[Callable[..., Kit]]:
    kits: list[tuple[Kit, TallyKit]] = []

    def make(simulator: Any, *, api_key: bool = True) -> Kit:
        key = simulator.api_key("read:production") if api_key else None
        office = open_office(qtbot, simulator.base_url, simulator.token(), key, tmp_path / f"office-{len(kits)}")
        built = build_kit(qtbot, office, office.engine.client)  # the real Tallies pane, as the window makes it
        qtbot.waitExposed(built.pane)
        built.pane.activateWindow()
        tools = built.pane.findChild(TallyTools, "TallyTools")
        assert tools is not None
        kit = Kit(office, office.engine.client, built.pane, tools)
        kits.append((kit, built))
        return kit

    yield make
    for kit, built in kits:
        for dialog in kit.pane.findChildren(QWidget):
            if dialog.isWindow():
                dialog.close()
        run_async(qtbot, built.tasks.cancel_all())
        run_async(qtbot, kit.office.close())
        run_async(qtbot, kit.client.aclose())


def press(qtbot: QtBot, pane: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A shortcut pressed while working in the pane (the tools' shortcuts live only there)."""
    pane.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane.window())
    focused = QApplication.focusWidget()
    if focused is None or not pane.isAncestorOf(focused):
        pane.focusNextChild()  # as a click into the pane would
    qtbot.keyClick(QApplication.focusWidget() or pane, key, modifiers)


def save_through_dialog(qtbot: QtBot, parent: QWidget, path: Path, name: str = "TallyToolsSaveDialog") -> None:
    """Answer the (non-native) file dialog the tools opened, as a user typing a file name and pressing Save."""

    def shown() -> QFileDialog | None:
        # A dialog answered before may linger until its deferred delete: take the one on screen.
        return next((d for d in parent.findChildren(QFileDialog, name) if d.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    dialog.selectFile(str(path))
    dialog.accept()


def my_closed_session(qtbot: QtBot, office: Office) -> str:
    """A recent closed session of the demo user's whose records the cache holds."""

    async def find() -> str:
        for row in await office.store.sessions(project_id="proj_123", status="closed"):
            data = row.data
            if data["owner_auth0_id"] == DEMO_USER and await office.store.session_tally(data["session_id"]):
                return str(data["session_id"])
        raise AssertionError("no closed session of the demo user with records in the cache")

    return run_async(qtbot, find())


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


# ------------------------------------------------------------------------------------------------ the buttons
def test_tools_join_the_pane_and_follow_the_selected_session(qtbot: QtBot, make_kit, sim) -> None:
    kit = make_kit(sim)
    tools, pane = kit.tools, kit.pane
    buttons = [pane.tools_layout.itemAt(i).widget() for i in range(pane.tools_layout.count())]
    assert buttons == [tools.import_button, tools.payroll_button, tools.report_button, tools.compare_button]
    assert not tools.import_action.isEnabled()  # nothing selected yet
    assert tools.template_action.isEnabled()

    kit.select(qtbot, DOCUMENTED_SESSION)
    assert tools.import_action.isEnabled()
    assert tools.print_action.isEnabled()
    assert not tools.compare_action.isEnabled()  # the server grades only closed sessions
    assert "closed" in tools.compare_button.toolTip()

    kit.select(qtbot, my_closed_session(qtbot, kit.office))
    assert tools.compare_action.isEnabled()
    assert tools.import_action.shortcut().toString() == "Ctrl+I"
    assert tools.print_action.shortcut().toString() == "Ctrl+P"

    # A closed session takes no new units: Ctrl+I explains instead of opening the import.
    press(qtbot, pane, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pane.findChild(QMessageBox, "TallyToolsMessage") is not None)
    assert "closed" in pane.findChild(QMessageBox, "TallyToolsMessage").text()
    assert tools.import_dialog is None


# ------------------------------------------------------------------------------------------------ import
def test_a_sheet_is_checked_row_by_row_and_recorded_once_however_often_imported(
    qtbot: QtBot, make_kit, fresh_sim, tmp_path: Path
) -> None:
    kit = make_kit(fresh_sim)
    pane, tools = kit.pane, kit.tools
    kit.select(qtbot, DOCUMENTED_SESSION)
    sheet = write_csv(
        tmp_path / "tally.csv",
        [
            ["worker_id", "worker_name", "units", "time"],
            ["JS0315", "John Smith", "4", "09:15"],
            ["", "john smith", "2", "10:40"],
            ["JS0315", "", "4", "9:15"],  # the first row again
            ["JS0316", "", "3", "11:00"],  # a typo of JS0315
            ["JS0315", "", "-2", "11:30"],
            ["JS0315", "", "lots", "11:45"],
            ["JS0315", "", "3", "2025-10-20 07:00"],
            ["JS0315", "", "9000", ""],
        ],
    )

    press(qtbot, pane, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tools.import_dialog is not None and tools.import_dialog.isVisible())
    dialog = tools.import_dialog
    assert not dialog.import_button.isEnabled()  # nothing to import before a file is chosen
    dialog.choose_button.click()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        save_through_dialog(qtbot, dialog, sheet, name="ChooseSheetDialog")

    plan = dialog.plan
    assert [(row.number, row.worker_id, row.units) for row in plan.valid] == [(2, "JS0315", 4), (3, "JS0315", 2)]
    refused = {row.number: row.issues[0].code for row in plan.rejected}
    assert refused == {
        4: IssueCode.DUPLICATE_ROW,
        5: IssueCode.WORKER_UNKNOWN,
        6: IssueCode.UNITS_NEGATIVE,
        7: IssueCode.UNITS_NOT_NUMBER,
        8: IssueCode.TIME_OUTSIDE_DAY,
        9: IssueCode.UNITS_TOO_LARGE,
    }
    assert dialog.import_button.text() == "Import 2 rows"
    assert dialog.message.text().startswith("2 rows ready to record (6 boxes, 1 worker) · 6 rows refused")
    assert dialog.tabs.tabText(1) == "Refused (6)"
    problems = [dialog.rejected_model.index(r, 4).data() for r in range(dialog.rejected_model.rowCount())]
    assert "Repeats row 2" in problems[0]
    assert "Did you mean John Smith (JS0315)" in problems[1]
    assert "2025-10-19" in problems[4]
    # Shown in the farm's time zone, as every screen writes a time.
    assert dialog.valid_model.index(0, 4).data() == QLocale().toString(QTime(9, 15), time_format())

    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert finished.args == [2, 0, 0]
    assert "2 rows recorded" in dialog.message.text()
    assert not dialog.import_button.isEnabled()

    # The outbox sends them; the server holds exactly these two, with the ids fixed at import.
    ids = {row.client_event_id for row in plan.valid}
    run_async(qtbot, kit.office.engine.sync_now(), WAIT_MS)
    on_server = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    assert sorted(r.units for r in on_server if r.client_event_id in ids) == [2, 4]
    recorded_at = {r.units: r.recorded_at_utc for r in on_server if r.client_event_id in ids}
    assert recorded_at[4].isoformat().startswith("2025-10-19T15:15")  # 09:15 in Mexico City

    # The same sheet again (re-saved with other line ends): nothing new, nothing counted twice.
    # The pane read its ledger again after the import: the sheet's ids are known there now.
    qtbot.waitUntil(lambda: ids <= {line.client_event_id for line in pane.ledger()}, timeout=WAIT_MS)
    again = tmp_path / "tally-again.csv"
    again.write_bytes(sheet.read_bytes().replace(b"\r\n", b"\n"))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(again)
    assert dialog.plan.valid == ()
    assert len(dialog.plan.already_imported) == 2
    assert "imported before" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.another_sheet.isVisible()
    run_async(qtbot, kit.office.engine.sync_now(), WAIT_MS)
    on_server = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    assert len([r for r in on_server if r.client_event_id in ids]) == 2


def test_a_sheet_imported_offline_counts_at_once_as_pending(qtbot: QtBot, make_kit, fresh_sim, tmp_path) -> None:
    kit = make_kit(fresh_sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    fresh_sim.stop()
    sheet = write_csv(tmp_path / "offline.csv", [["nombre", "unidades", "hora"], ["John Smith", "7", "13:00"]])
    kit.tools.import_sheet()
    dialog = kit.tools.import_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(sheet)
    with qtbot.waitSignal(kit.tools.records_imported, timeout=WAIT_MS) as imported:
        dialog.import_button.click()
    assert imported.args == [1]
    # The pane reads its ledger again by itself after an import: the units count at once, as pending.
    qtbot.waitUntil(
        lambda: [t.pending_units for t in kit.pane.tally() if t.worker_id == "JS0315"] == [7], timeout=WAIT_MS
    )
    assert kit.office.engine.status.state is not ConnectionState.ONLINE


def test_the_template_downloads_from_the_import_dialog(qtbot: QtBot, make_kit, sim, tmp_path: Path) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    kit.tools.import_sheet()
    dialog = kit.tools.import_dialog
    target = tmp_path / "blank.xlsx"
    with qtbot.waitSignal(dialog.template_saved):
        dialog.template_button.click()
        save_through_dialog(qtbot, dialog, target, name="SaveTemplateDialog")
    header = next(load_workbook(target).active.iter_rows(values_only=True))
    assert list(header) == ["worker_id", "worker_name", "units", "time"]
    # Loading the empty template says what is wrong, in words.
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(target)
    assert dialog.message.text() == "The sheet has no rows to import."
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(tmp_path / "nowhere.csv")
    assert "could not be opened" in dialog.message.text()


# ------------------------------------------------------------------------------------------------ payroll
def test_session_and_day_payroll_export_to_xlsx_and_csv(qtbot: QtBot, make_kit, sim, tmp_path: Path) -> None:
    kit = make_kit(sim)
    session_id = my_closed_session(qtbot, kit.office)
    kit.select(qtbot, session_id)
    terms = SessionTerms.from_row(kit.pane.selected_session())
    tally = kit.pane.tally()

    target = tmp_path / "session.xlsx"
    with qtbot.waitSignal(kit.tools.file_written, timeout=WAIT_MS):
        press(qtbot, kit.pane, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        save_through_dialog(qtbot, kit.pane, target)
    rows = [list(row) for row in load_workbook(target).active.iter_rows(values_only=True)]
    assert rows[0] == ["Worker", "Worker ID", "Unit", "Units", "Base pay", "Bonus", "Pay", "Pending units"]
    assert len(rows) == len(tally) + 2  # header, one row per worker, totals
    first = tally[0]
    assert rows[1][:3] == [first.worker_name, first.worker_id, terms.sampling_unit]
    # Each worker's units are the server's own (its harvest breakdown of the closed session); the pay is those
    # units worked out by hand at the session's price and bonus.
    (on_server,) = [
        found
        for found in run_async(qtbot, kit.client.harvest(terms.day, terms.day, project_id=terms.project_id))
        if found.session_id == session_id
    ]
    server_units = {worker.worker_id: worker.net_units for worker in on_server.workers}
    assert {row[1]: row[3] for row in rows[1:-1]} == server_units
    for row in rows[1:-1]:
        assert tuple(row[4:7]) == pay_by_hand(server_units[row[1]], terms.price_per_unit, terms.bonus), row
    assert rows[-1][0] == "TOTAL"
    assert rows[-1][6] == pytest.approx(sum(row[6] for row in rows[1:-1]))

    day_file = tmp_path / "day.csv"
    with qtbot.waitSignal(kit.pane.status_message, timeout=WAIT_MS) as said:
        press(qtbot, kit.pane, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        save_through_dialog(qtbot, kit.pane, day_file)
    with day_file.open(encoding="utf-8-sig", newline="") as stream:
        day_rows = list(csv.reader(stream))
    assert day_rows[0][-1] == "Sectors"
    by_worker = {row[1]: row for row in day_rows[1:-1]}
    assert float(by_worker[first.worker_id][3]) >= first.total_units  # this session plus their others that day
    assert terms.sector_name in by_worker[first.worker_id][-1]
    day = terms.day.isoformat()
    sessions_that_day = run_async(qtbot, kit.office.store.sessions(project_id="proj_123", first_day=day, last_day=day))
    assert len(sessions_that_day) > 1
    assert said.args[0].startswith(
        f"Exported the day payroll of {len(day_rows) - 2} workers from {len(sessions_that_day)} sessions"
    )


def test_an_unwritable_payroll_file_is_reported_in_plain_words(qtbot: QtBot, make_kit, sim, tmp_path) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    assert kit.tools.write_session_payroll(tmp_path / "missing-folder" / "p.csv") == 0
    qtbot.waitUntil(lambda: kit.pane.findChild(QMessageBox, "TallyToolsMessage") is not None)
    assert "could not be written" in kit.pane.findChild(QMessageBox, "TallyToolsMessage").text()


# ------------------------------------------------------------------------------------------------ day report
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def test_the_day_report_is_a_pdf_on_a4_or_letter_with_the_days_facts(
    qtbot: QtBot, make_kit, fresh_sim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted_on: list[threading.Thread] = []  # where the 300-dpi pages are painted: never the GUI thread

    def spy(*args: Any, **kwargs: Any) -> int:
        painted_on.append(threading.current_thread())
        return write_report_pdf(*args, **kwargs)

    monkeypatch.setattr(tool_files, "write_report_pdf", spy)
    kit = make_kit(fresh_sim)
    fresh_sim.stop()  # the report is the office's own: it prints offline, and notes what is not synced yet
    run_async(qtbot, kit.office.actions.record_units(DOCUMENTED_SESSION, "JN0402", "José Núñez", 3))
    kit.select(qtbot, DOCUMENTED_SESSION)
    kit.tools.paper_actions["a4"].trigger()

    a4 = tmp_path / "report-a4.pdf"
    with qtbot.waitSignal(kit.tools.file_written, timeout=WAIT_MS):
        press(qtbot, kit.pane, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        save_through_dialog(qtbot, kit.pane, a4)
    assert painted_on
    assert painted_on[0] is not threading.main_thread()
    data = a4.read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf_page_count(a4) >= 1
    width, height = (float(v) for v in MEDIA_BOX.search(data).groups())
    assert (round(width), round(height)) == (595, 842)

    kit.tools.paper_actions["letter"].trigger()
    letter = tmp_path / "report-letter.pdf"
    task = kit.tools.write_report(letter)
    assert run_async(qtbot, task) >= 1
    width, height = (float(v) for v in MEDIA_BOX.search(letter.read_bytes()).groups())
    assert (round(width), round(height)) == (612, 792)

    report = run_async(qtbot, kit.tools.build_report())
    html = report_html(report)
    # The company by its name (companies/me, from the office's cache: the server is gone), not comp_12345.
    for fact in (
        "Rancho San Pedro",
        "Agrícola San Pedro",
        "Lote A-1",
        day_text(date(2025, 10, 19)),
        "America/Mexico_City",
    ):
        assert fact in html
    assert "comp_12345" not in html
    assert report.supervisor in html
    assert "not yet confirmed by Hydrobit" in html  # José's 3 boxes wait in the outbox
    assert "3 *" in html
    assert "José Núñez" in html
    for role in ("Supervisor", "Payroll", "Worker representative"):
        assert role in html
    assert f">{report.totals.workers}<" in html


def test_print_opens_the_print_dialog_and_prints_when_accepted(qtbot: QtBot, make_kit, sim, tmp_path) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    press(qtbot, kit.pane, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: kit.tools.print_dialog is not None and kit.tools.print_dialog.isVisible())
    dialog = kit.tools.print_dialog
    printer: QPrinter = dialog.printer_for_report
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter  # US English: Letter paper
    # No printer here: Qt offers "Print to File (PDF)", with a file name suggested; the user types where it goes.
    assert Path(printer.outputFileName()).name == "day-report-lote-a-1-2025-10-19.pdf"
    target = tmp_path / "printed.pdf"
    dialog.findChild(QLineEdit, "filename").setText(str(target))
    with qtbot.waitSignal(kit.pane.status_message) as said:
        dialog.accept()
    assert said.args == ["Sent the day report to the printer"]
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0)
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.fixture
def lang_es(qapp: QApplication) -> Iterator[None]:
    """What `hydrodesk --lang es` does as it starts (hydrodesk.ui.runtime.run): install the chosen language."""
    options, _ = parse_options(["--lang", "es"])
    installed = install_language(qapp, options.language)
    yield
    uninstall_language(qapp, installed)


def visible_save_dialog(qtbot: QtBot, parent: QWidget) -> QFileDialog:
    def shown() -> QFileDialog | None:
        return next((d for d in parent.findChildren(QFileDialog, "TallyToolsSaveDialog") if d.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    return dialog


def test_under_lang_es_the_save_dialog_and_the_report_it_saves_are_spanish(
    qtbot: QtBot, make_kit, lang_es: None, sim, tmp_path: Path
) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    press(qtbot, kit.pane, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = visible_save_dialog(qtbot, kit.pane)
    # HydroDesk asks for the platform's dialog; where there is none (here, and Linux desktops without one) Qt's own
    # widget dialog opens, and its words come from Qt's catalogue with HydroDesk's filling the gaps.
    assert not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    assert {"&Ver en:", "&Nombre de fichero:", "Ficheros de &tipo:"} <= labels
    buttons = {button.text() for button in dialog.findChildren(QPushButton) if button.isVisible()}
    assert {"&Guardar", "Cancelar"} <= buttons
    assert not (labels | buttons) & {"&Look in:", "File &name:", "Files of &type:", "&Save", "Cancel"}
    assert dialog.windowTitle() == "Guardar reporte del día como PDF"
    assert dialog.nameFilters() == ["Documentos PDF (*.pdf)"]
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name.text() == "reporte-del-dia-lote-a-1-2025-10-19.pdf"  # suggested in the UI's language
    menu = name.createStandardContextMenu()  # the context menu of a text field follows the language too
    assert {"&Copiar", "&Pegar"} <= {action.text().split("\t")[0] for action in menu.actions()}
    menu.deleteLater()

    target = tmp_path / "reporte.pdf"
    with qtbot.waitSignal(kit.tools.file_written, timeout=WAIT_MS):
        dialog.selectFile(str(target))
        dialog.accept()
    width, height = (float(v) for v in MEDIA_BOX.search(target.read_bytes()).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 for Spanish, and a day's few workers fit it upright
    text = pdf_text(target)
    assert text.lstrip().startswith("Reporte de cosecha del día")
    assert "Agrícola San Pedro" in text  # the company's name, not comp_12345
    assert re.search(r"^\s*Totales\s", text, re.MULTILINE)
    lines = text.splitlines()
    for tally in kit.pane.tally():
        assert any(whole(tally.worker_id).search(line) for line in lines), tally.worker_id


# ------------------------------------------------------------------------------------------------ server check
def test_a_closed_session_agrees_with_the_server_and_a_gap_is_highlighted(
    qtbot: QtBot, qapp: QApplication, make_kit, sim, monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, my_closed_session(qtbot, kit.office))
    press(qtbot, kit.pane, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: kit.tools.compare_dialog is not None)
    dialog = kit.tools.compare_dialog
    qtbot.waitSignal(dialog.compared, timeout=WAIT_MS).wait()
    assert dialog.comparison is not None
    assert dialog.comparison.mismatches == 0
    assert dialog.summary.text().startswith("Every worker agrees.")
    assert re.search(r"Office [\d,.]+ boxes · Hydrobit [\d,.]+ boxes$", dialog.summary.text())  # words, not "box"
    assert re.search(r"Primera [\d,.]+ boxes \(", dialog.quality.text())
    assert dialog.model.index(0, 8).data().startswith("Primera")  # the worker's own grades

    # A ledger missing one delivery (a stale cache, say) shows that worker first, named and highlighted.
    # The dialog reads the pane's ledger on each check; hand it one with the worker's first delivery gone.
    worker = kit.pane.tally()[0].worker_id
    stale = kit.pane.ledger()
    stale.remove(next(line for line in stale if line.worker_id == worker and not line.is_void))
    monkeypatch.setattr(dialog, "_ledger", lambda: list(stale))
    with qtbot.waitSignal(dialog.compared, timeout=WAIT_MS):
        dialog.retry_button.click()
    assert dialog.comparison.mismatches == 1
    first = dialog.model.index(0, 0)
    assert dialog.model.index(0, 2).data() == worker
    assert first.data() in ("Units differ", "Record count differs")
    assert isinstance(first.data(Qt.ItemDataRole.BackgroundRole), QColor)
    assert dialog.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.summary.text().startswith("1 worker differs")

    # Readable in both themes.
    themes = ThemeManager(qapp, "dark")
    for name in ("dark", "light"):
        themes.apply(name)
        assert not dialog.grab().isNull()


def test_without_an_api_key_the_check_says_what_is_needed(qtbot: QtBot, make_kit, sim) -> None:
    kit = make_kit(sim, api_key=False)
    kit.select(qtbot, my_closed_session(qtbot, kit.office))
    kit.tools.compare_with_server()
    dialog = kit.tools.compare_dialog
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        pass
    assert "read:production" in failed.args[0]
    assert dialog.state.action_button.isVisible()


def test_offline_the_check_says_it_needs_the_server(qtbot: QtBot, qloop, make_kit, sim, tmp_path: Path) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, my_closed_session(qtbot, kit.office))
    unreachable = HydrobitClient(
        ApiConfig.single_origin("http://127.0.0.1:9", timeout=2.0, connect_timeout=1.0),
        Credentials(DEMO_USER, bearer_token="x", api_key="key.token"),
    )
    try:
        dialog = HarvestCompareDialog(
            session=kit.pane.selected_session(),
            ledger=kit.pane.ledger,
            client=lambda: unreachable,
            spawn=asyncio.ensure_future,
            parent=kit.pane,
        )
        with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
            dialog.reload()
        assert "cannot be reached" in failed.args[0]
        assert "unaffected" in failed.args[0]
    finally:
        run_async(qtbot, unreachable.aclose())


# ------------------------------------------------------------------------------------------------ models
def test_the_tools_models_pass_the_qt_model_tester(qtmodeltester, qtbot: QtBot, make_kit, sim, tmp_path) -> None:
    kit = make_kit(sim)
    kit.select(qtbot, DOCUMENTED_SESSION)
    dialog = ImportSheetDialog(
        session=kit.pane.selected_session(),
        office=kit.office,
        known_event_ids=set,
        spawn=asyncio.ensure_future,
        parent=kit.pane,
    )
    sheet = write_csv(tmp_path / "s.csv", [["worker_id", "units"], ["JS0315", "2"], ["JS0315", "x"]])
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(sheet)
    assert isinstance(dialog.valid_model, ValidRowsModel)
    assert isinstance(dialog.rejected_model, RejectedRowsModel)
    qtmodeltester.check(dialog.valid_model)
    qtmodeltester.check(dialog.rejected_model)
    assert dialog.valid_model.index(0, 4).data() == "now (no time given)"
    model = ComparisonModel()
    line = LedgerLine("JS0315", "John Smith", 2.0, LineStatus.PENDING)
    from hydrodesk.domain.harvest_compare import ServerWorker, compare, local_workers

    model.set_rows(compare(local_workers([line]), [ServerWorker("AP0620", "Ana Pérez", 1, 1, 1, 0)]).rows)
    qtmodeltester.check(model)
    statuses = {model.index(r, 2).data(): model.index(r, 0).data() for r in range(model.rowCount())}
    assert statuses == {"JS0315": "Missing on the server", "AP0620": "Missing in this office"}
    assert model.index(0, 3, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole) in (
        None,
        "Includes 2 not yet sent to Hydrobit",
    )
    assert Agreement.ONLY_LOCAL.value == "only_local"


# ------------------------------------------------------------------------------------------------ the real pane
def test_through_the_tallies_pane_an_imported_sheet_shows_and_reaches_the_server(
    qtbot: QtBot, tally_kit_factory, fresh_sim, tmp_path: Path, english: None
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    tools = kit.pane.findChild(TallyTools, "TallyTools")
    assert tools is not None
    assert kit.pane.tools_layout.indexOf(tools.import_button) >= 0
    assert not tools.compare_action.isEnabled()  # the documented session is open
    before = kit.units_of("JN0315") or 0

    sheet = write_csv(tmp_path / "sheet.csv", [["worker", "units", "time"], ["JN0315", "6", "16:20"]])
    press(qtbot, kit.pane, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tools.import_dialog is not None and tools.import_dialog.isVisible())
    dialog = tools.import_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.load_file(sheet)
    (row,) = dialog.plan.valid
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Import is the default button
    dialog.close()

    # The pane picks the entry up from the outbox, then the server has it; the tools see the pane's tally.
    qtbot.waitUntil(lambda: (kit.units_of("JN0315") or 0) == before + 6, timeout=WAIT_MS)
    settle(qtbot, kit)
    on_server = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    assert [r.units for r in on_server if r.client_event_id == row.client_event_id] == [6]

    target = tmp_path / "payroll.csv"
    with qtbot.waitSignal(tools.file_written, timeout=WAIT_MS):
        press(qtbot, kit.pane, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        save_through_dialog(qtbot, kit.pane, target)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        exported = {line[1]: line for line in csv.reader(stream)}
    assert float(exported["JN0315"][3]) == before + 6


def test_slow_work_shows_a_progress_window_and_quick_work_none(qtbot: QtBot) -> None:
    from hydrodesk.ui.widgets.busy_notice import BusyNotice

    parent = QWidget()
    qtbot.addWidget(parent)
    quick = BusyNotice(parent, "Working…", delay_ms=60_000).start()
    quick.finish()
    assert quick.dialog is None  # done before the delay: nothing flashed on screen
    slow = BusyNotice(parent, "Gathering the day's sessions…", delay_ms=10).start()
    qtbot.waitUntil(lambda: slow.dialog is not None and slow.dialog.isVisible())
    assert slow.dialog.labelText() == "Gathering the day's sessions…"
    shown = slow.dialog
    slow.finish()
    assert not shown.isVisible()
