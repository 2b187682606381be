"""Every pane at 1366×768 in Spanish, worked by keyboard alone (issue 8, section 3).

Each test signs in to a simulator with field devices, as the app does, sizes the window like a 1366×768 laptop and
walks its panes by keys: Ctrl+1…7 to switch, Tab round the pane, the pane's own shortcuts, its dialogs opened and
closed with Esc (the focus must come back to where it was), F1's shortcut sheet (it must list the pane's real
shortcuts), Ctrl+P on a table (a PDF with the table's rows). At every stop it checks what a person would see: no
label, button, header or cell cut short, no table that scrolls sideways, and the facts issue 8 reported (the device
list showed one row, the tallies subtitle ran over three lines). A screenshot of each pane goes to pytest's tmp
folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.irrigation.command_dialog import ValveCommandDialog
from hydrodesk.ui.keys import bound_keys
from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.panes import PANES, pane_names
from hydrodesk.ui.panes.base import Pane
from hydrodesk.ui.panes.forms import FormsPane
from hydrodesk.ui.panes.irrigation import PROGRAMS_TAB
from hydrodesk.ui.panes.map import MapPane
from hydrodesk.ui.panes.telemetry import DEVICE_ROWS
from hydrodesk.ui.sessions.dialogs import OpenSessionDialog
from hydrodesk.ui.shortcut_sheet import ShortcutSheet
from hydrodesk.ui.tallies.void_dialog import VoidDialog
from hydrodesk.ui.widgets.column_fit import ColumnFitter
from hydrodesk.ui.widgets.data_table import DataTable, table_keys
from hydrodesk.ui.workers.create_dialog import CreateWorkerDialog

from .keyboard_kit import (
    SCREEN,
    WAIT_MS,
    at_laptop_size,
    clipped_cells,
    clipped_tree_items,
    clipped_widgets,
    escape_from,
    focus,
    in_table,
    inside,
    mnemonic_clashes,
    modal_dialog,
    one_line,
    pdf_text,
    press,
    reading_order_breaks,
    screenshot,
    tab_chain,
    tab_until,
    type_text,
    visible_rows,
)
from .live_support import SignedIn, sign_in
from .spanish_kit import english_left, english_only

pytestmark = pytest.mark.mqtt


@pytest.fixture
def office(qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    """Signed in (office, outbox, live telemetry) in Spanish, the window at 1366×768."""
    installed = install_language(qapp, "es")
    assert installed.translators
    try:
        signing_in = sign_in(qtbot, qapp, field_sim, tmp_path, "overview", data_dir=tmp_path / "data", size=SCREEN)
        for signed_in in signing_in:
            at_laptop_size(qtbot, signed_in.kit.window)
            qtbot.waitUntil(lambda: signed_in.kit.window.showing_data, timeout=WAIT_MS)  # noqa: B023 - used at once
            yield signed_in
    finally:
        uninstall_language(qapp, installed)


def go_to(qtbot: QtBot, window: MainWindow, name: str) -> Pane:
    """Ctrl+<its number> for the first nine panes, the Go menu's entry for the others: that pane, shown."""
    number = pane_names().index(name) + 1
    if number <= 9:
        press(qtbot, f"Ctrl+{number}", window)
    else:
        next(action for action in window.pane_actions if action.data() == name).trigger()
    spec = PANES[number - 1]
    qtbot.waitUntil(lambda: window.current_pane is not None and window.current_pane.isVisible(), timeout=WAIT_MS)
    pane = window.pane(spec.name)
    assert pane is not None
    assert window.current_pane is pane
    return pane


def what_is_cut(pane: Pane) -> list[str]:
    cut = clipped_widgets(pane)
    for table in pane.findChildren(DataTable):
        if table.isVisible():
            name = table.objectName() or table.title or type(table.parentWidget()).__name__
            cut += [f"{name}: {problem}" for problem in clipped_cells(table.view, table.columns.elastic)]
            cut += [f"{name}: {problem}" for problem in free_text_without_tooltip(table)]
    return cut


def free_text_without_tooltip(table: DataTable) -> list[str]:
    """A note cut short must show its whole text in a tool tip."""
    problems = []
    header, model = table.view.horizontalHeader(), table.proxy
    for column in table.columns.elastic:
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            cut = table.view.sizeHintForIndex(index).width() + 1 > header.sectionSize(column)
            if text and cut and not index.data(Qt.ItemDataRole.ToolTipRole) and table._tooltip_for(index) != text:
                problems.append(f"{text!r} is cut and has no tool tip")
    return problems


def looks_whole(qtbot: QtBot, pane: Pane) -> None:
    """Nothing in the pane cut short once its layout has settled: labels, buttons, and every table shown (headers,
    cells, no sideways scroll)."""
    # A table's columns are fitted once its changes pause (ColumnFitter): on a busy machine that can be seconds.
    qtbot.waitUntil(lambda: all(fitter.settled for fitter in pane.findChildren(ColumnFitter)))
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: what_is_cut(pane) == [], timeout=2000)
    assert what_is_cut(pane) == []
    window = pane.window()
    assert isinstance(window, MainWindow)
    assert mnemonic_clashes(window, pane) == []
    assert clipped_tree_items(window.navigator.tree) == []


def tab_reaches_everything(qtbot: QtBot, pane: Pane, start: Any) -> None:
    """Tab goes round the pane without a trap, never onto a hidden widget, and reaches every control shown."""
    chain = tab_chain(qtbot, start)
    assert all(widget.isVisible() and widget.isEnabled() for widget in chain)
    assert reading_order_breaks(chain, pane) == []
    controls = [
        widget
        for widget in pane.findChildren(QLineEdit) + [table.view for table in pane.findChildren(DataTable)]
        if widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        # A spin box's or a combo box's own line edit: the box takes the focus for it.
        and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
    ]
    unreachable = [
        widget.objectName() or widget.accessibleName() or type(widget).__name__
        for widget in controls
        if widget not in chain
    ]
    assert unreachable == []


def check_sheet(qtbot: QtBot, window: MainWindow, pane: Pane) -> None:
    """F1: the sheet lists exactly the pane's live shortcuts, the tables' and the window's, and says how the pane
    works; Esc closes it and the focus is where it was."""
    before = focus()
    assert before is not None
    press(qtbot, "F1")
    sheet = modal_dialog(qtbot, ShortcutSheet)
    lines = sheet.lines()
    shown = {(keys, text) for _section, keys, text in lines}
    assert {(line.keys, line.text) for line in pane.key_help()} <= shown
    assert {(line.keys, line.text) for line in table_keys()} <= shown
    assert {(line.keys, line.text) for line in window.global_keys()} <= shown
    # Every shortcut the pane really has says what it does (none left undescribed on the sheet).
    assert all(line.text for line in bound_keys(pane)), bound_keys(pane)
    assert pane.help_text() == sheet.help_label.text()
    assert len(sheet.help_label.text().split(". ")) >= 2  # a few sentences, not a title
    assert "F1" in {keys for _section, keys, _text in lines}
    escape_from(qtbot, sheet, before)


def print_focused_table(qtbot: QtBot, table: DataTable, tmp_path: Path, name: str) -> str:
    """Ctrl+P in the table: the print dialog; printing to a PDF file; the text read back from the PDF."""
    table.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focus() is table.view)
    press(qtbot, "Ctrl+P")
    dialog = modal_dialog(qtbot, QPrintDialog)
    assert dialog is table.print_dialog
    # No printer here: Qt offers "Print to File (PDF)"; the user types where the file goes.
    target = tmp_path / f"{name}.pdf"
    dialog.findChild(QLineEdit, "filename").setText(str(target))
    with qtbot.waitSignal(table.printed, timeout=WAIT_MS):
        dialog.accept()
    qtbot.waitUntil(lambda: focus() is table.view, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0)
    return pdf_text(target)


# ------------------------------------------------------------------------------------------------ the walks
def test_sessions_and_tallies_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", "sector_002")  # Rancho San Pedro · Lote A-2
    sessions = go_to(qtbot, window, "sessions")
    qtbot.waitUntil(sessions.is_data_ready, timeout=WAIT_MS)
    table = sessions.table  # type: ignore[attr-defined]
    tab_reaches_everything(qtbot, sessions, table.filter_edit)

    # Ctrl+N opens a session's dialog; Esc closes it and the focus is back in the table.
    tab_until(qtbot, in_table(table))
    press(qtbot, "Ctrl+N")
    escape_from(qtbot, modal_dialog(qtbot, OpenSessionDialog), table.view)
    # Again, and Enter opens the session.
    press(qtbot, "Ctrl+N")
    dialog = modal_dialog(qtbot, OpenSessionDialog)
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: gone(dialog) and focus() is table.view, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: sessions.model.rowCount() == 1, timeout=WAIT_MS)  # type: ignore[attr-defined]
    check_sheet(qtbot, window, sessions)
    looks_whole(qtbot, sessions)
    screenshot(window, tmp_path, "sessions")

    # Ctrl+T: this session's tallies. Three entries by keyboard, as a scanner types them.
    table.view.selectRow(0)
    press(qtbot, "Ctrl+T")
    tallies = window.pane("tallies")
    assert tallies is not None
    qtbot.waitUntil(lambda: window.current_pane is tallies and tallies.selected_session() is not None)  # type: ignore[attr-defined]
    press(qtbot, "Ctrl+L")
    entry = tallies.entry_row.worker_edit  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: focus() is entry)
    # The longest name of the roster, and the same badge twice in a row: a "⚑ Possible duplicate" note.
    entries_shown = tallies.entries_table.proxy  # type: ignore[attr-defined]
    for count, badge in enumerate(("AM0109", "AC0816", "AS0728", "MG1215", "MG1215"), start=1):
        type_text(qtbot, badge)
        press(qtbot, "Return")
        qtbot.waitUntil(lambda count=count: entries_shown.rowCount() == count, timeout=WAIT_MS)
    assert "MG1215" in ids_in(tallies.entries_table)  # type: ignore[attr-defined]
    assert one_line(tallies.subtitle_label)  # type: ignore[attr-defined]
    looks_whole(qtbot, tallies)
    screenshot(window, tmp_path, "tallies")

    # Delete on an entry asks for a reason; Esc, and the focus is back on the entries.
    entries = tallies.entries_table  # type: ignore[attr-defined]
    focused = tab_until(qtbot, in_table(entries))
    entries.view.selectRow(0)
    press(qtbot, "Delete")
    escape_from(qtbot, modal_dialog(qtbot, VoidDialog), focused)
    # Again, with a long reason typed and Enter: the void's note is free text, and the table still fits.
    press(qtbot, "Delete")
    void = modal_dialog(qtbot, VoidDialog)
    assert isinstance(void, VoidDialog)
    void.reason.lineEdit().selectAll()
    type_text(qtbot, "Caja incompleta, la fruta de abajo venia aplastada y se devolvio al productor")
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: gone(void) and focus() is focused, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: entries_shown.rowCount() == 6, timeout=WAIT_MS)
    looks_whole(qtbot, tallies)
    screenshot(window, tmp_path, "tallies-void")
    check_sheet(qtbot, window, tallies)

    # Ctrl+P in a table prints that table, as shown; elsewhere in the pane it is the day report.
    printed = print_focused_table(qtbot, entries, tmp_path, "entries")
    for name in ("Adriana Mendoza", "Agustín Cárdenas", "Alejandro Sánchez", "María Fernanda García"):
        assert name in printed
    assert "6 filas" in printed
    assert "aplastada y se devolvio al productor" in printed  # a note printed whole, on as many lines as it needs
    press(qtbot, "Ctrl+L")
    qtbot.waitUntil(lambda: focus() is entry)
    press(qtbot, "Ctrl+P")
    report = modal_dialog(qtbot, QPrintDialog)
    assert report is tallies.tools.print_dialog  # type: ignore[attr-defined]
    escape_from(qtbot, report, entry)

    # The outbox's history, chosen by keyboard (End: its last choice): the session, five entries and a void, sent.
    outbox = go_to(qtbot, window, "outbox")
    show = tab_until(qtbot, lambda widget: widget is outbox.show_combo)  # type: ignore[attr-defined]
    press(qtbot, "End", show)
    qtbot.waitUntil(lambda: outbox.table.proxy.rowCount() == 7, timeout=WAIT_MS)  # type: ignore[attr-defined]
    looks_whole(qtbot, outbox)
    screenshot(window, tmp_path, "outbox")


def gone(dialog: QDialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def ids_in(table: DataTable) -> set[str]:
    model = table.proxy
    return {str(model.index(row, column).data()) for row in range(model.rowCount()) for column in range(3)}


def test_irrigation_and_telemetry_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", "sector_005")  # Rancho San Pedro · Lote C-1: valve_007
    irrigation = go_to(qtbot, window, "irrigation")
    qtbot.waitUntil(irrigation.is_data_ready, timeout=WAIT_MS)
    valves = irrigation.valves_table  # type: ignore[attr-defined]
    tab_reaches_everything(qtbot, irrigation, valves.filter_edit)

    # Open the valve by keyboard: a row, the Open button's mnemonic, Esc; again, and Enter sends the command.
    tab_until(qtbot, in_table(valves))
    press(qtbot, "Down")
    qtbot.waitUntil(lambda: irrigation.open_button.isEnabled())  # type: ignore[attr-defined]
    open_keys = irrigation.open_button.shortcut()  # type: ignore[attr-defined]
    press(qtbot, open_keys)
    escape_from(qtbot, modal_dialog(qtbot, ValveCommandDialog), valves.view)
    press(qtbot, open_keys)
    dialog = modal_dialog(qtbot, ValveCommandDialog)
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: gone(dialog) and focus() is valves.view, timeout=WAIT_MS)
    commands = irrigation.commands_model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: commands.rowCount() == 1 and commands.rows[0].finished, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Abierta hasta" in " ".join(cells(valves)), timeout=WAIT_MS)
    looks_whole(qtbot, irrigation)  # "Abierta hasta las 1…" and "pendiente → recibido …" were cut
    check_sheet(qtbot, window, irrigation)
    screenshot(window, tmp_path, "irrigation")
    # The Programs tab: a program's valves give way (whole in a tool tip) rather than the table scrolling sideways.
    irrigation.tabs.setCurrentIndex(PROGRAMS_TAB)  # type: ignore[attr-defined]
    programs = irrigation.programs_table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: programs.proxy.rowCount() > 0, timeout=WAIT_MS)
    looks_whole(qtbot, irrigation)
    screenshot(window, tmp_path, "irrigation-programs")

    telemetry = go_to(qtbot, window, "telemetry")
    qtbot.waitUntil(telemetry.is_data_ready, timeout=WAIT_MS)
    devices = telemetry.devices_table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: devices.proxy.rowCount() > 0, timeout=WAIT_MS)
    # Room for DEVICE_ROWS devices at least, and every device of the project on screen (issue 8 saw one row).
    view = devices.view
    assert view.viewport().height() >= DEVICE_ROWS * view.verticalHeader().defaultSectionSize()
    assert visible_rows(view) == devices.proxy.rowCount()
    tab_reaches_everything(qtbot, telemetry, devices.filter_edit)
    tab_until(qtbot, in_table(devices))
    pause = telemetry.pause_button  # type: ignore[attr-defined]
    press(qtbot, "Space")
    qtbot.waitUntil(pause.isChecked)
    press(qtbot, "Space")
    qtbot.waitUntil(lambda: not pause.isChecked())
    looks_whole(qtbot, telemetry)
    check_sheet(qtbot, window, telemetry)
    screenshot(window, tmp_path, "telemetry")


def test_sector_timeline_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", None)  # a project: the timeline asks for one of its sectors
    timeline = go_to(qtbot, window, "timeline")
    assert timeline.stack.currentWidget() is timeline.state_page  # type: ignore[attr-defined]
    looks_whole(qtbot, timeline)
    press(qtbot, "Alt+S")  # the Sector box, then the first sector by arrow
    box = timeline.sector_box  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: focus() is box)
    press(qtbot, "Down")
    qtbot.waitUntil(lambda: window.selection.sector is not None, timeout=WAIT_MS)
    assert window.selection.sector.sector_name == "Lote A-1"
    qtbot.waitUntil(lambda: timeline.is_data_ready() and not timeline.loading, timeout=WAIT_MS)  # type: ignore[attr-defined]
    shown = timeline.days_shown  # type: ignore[attr-defined]
    assert shown.days == 1
    tab_reaches_everything(qtbot, timeline, box)

    press(qtbot, "Alt+Left")  # the day before, and back to yesterday
    assert timeline.days_shown == shown.shifted(-1)  # type: ignore[attr-defined]
    press(qtbot, "Alt+Y")
    assert timeline.days_shown == shown  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not timeline.loading, timeout=WAIT_MS)  # type: ignore[attr-defined]
    press(qtbot, "Ctrl+G")  # into the lanes: the cursor reads every lane, + zooms in, 0 shows the whole day
    chart = timeline.chart  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: focus() is chart)
    before = timeline.readout.text()  # type: ignore[attr-defined]
    press(qtbot, "Right")
    assert timeline.readout.text() != before
    assert "Humedad del suelo" in timeline.readout.text()
    whole = chart.visible_range()
    press(qtbot, "+")
    assert chart.visible_range()[1] - chart.visible_range()[0] < whole[1] - whole[0]
    press(qtbot, "0")
    assert chart.visible_range() == pytest.approx(whole)
    looks_whole(qtbot, timeline)
    check_sheet(qtbot, window, timeline)
    screenshot(window, tmp_path, "timeline")


def cells(table: DataTable) -> list[str]:
    model = table.proxy
    return [
        str(model.index(row, column).data() or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_overview_workers_and_outbox_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", None)
    overview = go_to(qtbot, window, "overview")
    sectors = overview.sectors_table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: sectors.proxy.rowCount() == 5, timeout=WAIT_MS)
    tab_reaches_everything(qtbot, overview, sectors.filter_edit)
    looks_whole(qtbot, overview)
    check_sheet(qtbot, window, overview)
    screenshot(window, tmp_path, "overview")

    workers = go_to(qtbot, window, "workers")
    roster = workers.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: roster.proxy.rowCount() == 60, timeout=WAIT_MS)
    tab_until(qtbot, in_table(roster))
    press(qtbot, "Down")  # a worker's card beside the roster
    qtbot.waitUntil(lambda: workers.detail.history_model.rowCount() > 0, timeout=WAIT_MS)  # type: ignore[attr-defined]
    tab_reaches_everything(qtbot, workers, roster.view)
    press(qtbot, "Ctrl+N")
    escape_from(qtbot, modal_dialog(qtbot, CreateWorkerDialog), roster.view)
    looks_whole(qtbot, workers)
    # The card's table too, given a moment as the pane's tables are: its scroll bar's range follows the columns'
    # widths through a posted layout, and read at once it said 1 px of sideways scroll (once, under two suites).
    history = workers.detail.history_view  # type: ignore[attr-defined]
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: clipped_cells(history) == [], timeout=2000)
    assert clipped_cells(history) == []
    check_sheet(qtbot, window, workers)
    screenshot(window, tmp_path, "workers")

    outbox = go_to(qtbot, window, "outbox")
    looks_whole(qtbot, outbox)
    check_sheet(qtbot, window, outbox)
    screenshot(window, tmp_path, "outbox")
    assert inside(focus(), window)


def test_forms_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", "sector_002")  # Rancho San Pedro · Lote A-2
    forms = go_to(qtbot, window, "forms")
    assert isinstance(forms, FormsPane)
    qtbot.waitUntil(lambda: forms.is_data_ready() and forms.form_list.count() > 0, timeout=WAIT_MS)
    assert forms.select_form("form_phyto_001")  # the scouting form, the longest of the demo's
    assert forms.editor.location_combo.currentText() == "Lote A-2"
    tab_reaches_everything(qtbot, forms, forms.form_list)
    looks_whole(qtbot, forms)
    check_sheet(qtbot, window, forms)

    # Fill it in by keys alone: the phenology, a pest count, Ctrl+Enter; what is missing is said in Spanish.
    phenology = forms.editor.editors[0].focus_target()
    tab_until(qtbot, lambda widget: widget is phenology)
    press(qtbot, "Down")
    aphids = next(editor for editor in forms.editor.editors if editor.spec.name == "aphids")
    tab_until(qtbot, lambda widget: widget is aphids.count_edit)
    type_text(qtbot, "9")
    press(qtbot, "Ctrl+Return")
    qtbot.waitUntil(lambda: focus() is aphids.severity_combo, timeout=WAIT_MS)
    assert forms.editor.summary_label.text() == "Hay que corregir una respuesta: Aphids (Pulgón)."
    assert aphids.problem_label.text() == "Elija una severidad (0–4): se observó esta plaga o enfermedad."
    looks_whole(qtbot, forms)
    for _ in range(3):
        press(qtbot, "Down")  # 2 · moderada
    assert aphids.severity_combo.currentData() == 2
    with qtbot.waitSignal(forms.submission_saved, timeout=WAIT_MS):
        press(qtbot, "Ctrl+Return")
    screenshot(window, tmp_path, "forms")

    # What the office submitted: Ctrl+Shift+H, the table by keys, exported and printed like any other.
    press(qtbot, "Ctrl+Shift+H")
    history = forms.history
    qtbot.waitUntil(lambda: focus() is history.view, timeout=WAIT_MS)
    assert history.proxy.rowCount() >= 1
    assert forms.tabs.tabText(1).startswith("Enviados (")
    looks_whole(qtbot, forms)
    printed = print_focused_table(qtbot, history, tmp_path, "forms")
    assert "Monitoreo fitosanitario" in printed
    screenshot(window, tmp_path, "forms-history")
    assert inside(focus(), window)


def test_map_by_keyboard_at_1366(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", None)
    pane = go_to(qtbot, window, "map")
    assert isinstance(pane, MapPane)
    qtbot.waitUntil(lambda: pane.is_data_ready() and pane.loading == 0, timeout=WAIT_MS)
    assert pane.title_label.text() == "Mapa de Rancho San Pedro"
    assert pane.age_label.text().startswith("Datos a las")
    tab_reaches_everything(qtbot, pane, pane.layer_combo)

    # Tab reaches the map on its first sector, walks the sectors in reading order, Enter selects one.
    view = pane.view
    tab_until(qtbot, lambda widget: widget is view)
    assert view.focused_sector() is view.sectors[0]
    press(qtbot, "Tab")
    second = view.focused_sector()
    assert second is view.sectors[1]
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: window.selection.sector is not None, timeout=WAIT_MS)
    assert window.selection.sector.sector_id == second.sector_id  # type: ignore[union-attr]
    assert second.selected
    with qtbot.waitSignal(pane.sector_opened, timeout=WAIT_MS) as opened:
        press(qtbot, "Ctrl+Return")
    assert opened.args == ["proj_123", second.sector_id]
    # Ctrl+Enter opened the sector's home view, its timeline; back to the map, on the same sector.
    qtbot.waitUntil(lambda: window.current_pane is window.pane("timeline"), timeout=WAIT_MS)
    assert window.selection.sector.sector_id == second.sector_id  # type: ignore[union-attr]
    assert go_to(qtbot, window, "map") is pane
    view.setFocus()
    fitted = view.scale_factor()
    press(qtbot, "Ctrl++")
    assert view.scale_factor() > fitted
    press(qtbot, "Ctrl+0")
    assert view.scale_factor() == pytest.approx(fitted, rel=1e-3)

    # The layer by its mnemonic and the arrow keys: a pest's incidence, with the pest chosen the same way.
    press(qtbot, "Alt+C")
    assert focus() is pane.layer_combo
    press(qtbot, "Down")
    qtbot.waitUntil(lambda: pane.layer == "pest" and pane.loading == 0, timeout=WAIT_MS)
    assert pane.pest_combo.isVisible()
    press(qtbot, "Alt+P")
    assert focus() is pane.pest_combo
    looks_whole(qtbot, pane)
    check_sheet(qtbot, window, pane)
    screenshot(window, tmp_path, "map")

    # Ctrl+E offers to save the map as a PNG; Esc puts the keyboard back.
    press(qtbot, "Ctrl+E")
    escape_from(qtbot, modal_dialog(qtbot, QFileDialog), pane.pest_combo)


def test_every_pane_and_the_main_dialogs_speak_spanish(qtbot: QtBot, office: SignedIn) -> None:
    window = office.kit.window
    assert len(english_only()) > 500  # the catalogue was read: a check against nothing would pass anything
    left: dict[str, list[str]] = {}
    for name in pane_names():
        pane = go_to(qtbot, window, name)
        with contextlib.suppress(qtbot.TimeoutError):  # a pane waiting for data still shows its (Spanish) waiting state
            qtbot.waitUntil(pane.is_data_ready, timeout=10_000, stretch=False)
        left[name] = english_left(window)
    settings = window.open_settings()
    qtbot.waitExposed(settings)
    for row in range(settings.page_list.count()):
        settings.page_list.setCurrentRow(row)
        left[f"settings {row}"] = english_left(settings)
    settings.reject()
    sheet = window.show_shortcut_sheet()
    qtbot.waitExposed(sheet)
    left["F1 sheet"] = english_left(sheet)
    sheet.close()
    assert {where: found for where, found in left.items() if found} == {}
