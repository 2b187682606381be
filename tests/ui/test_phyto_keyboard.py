"""The scouting pane at 1366×768 in Spanish, worked by keyboard alone, as tests/ui/test_keyboard_walk.py walks the
other panes: Ctrl+8 to reach it, Tab round it, Enter on a heatmap cell, its shortcuts (Ctrl+I, Ctrl+T with the
threshold dialog closed by Esc), F1's sheet, Ctrl+P on the records table; nothing cut short at any stop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.phyto.heatmap_model import SEVERITY, VERDICT_ROLE
from hydrodesk.ui.phyto.threshold_dialog import ThresholdDialog

from .keyboard_kit import (
    SCREEN,
    WAIT_MS,
    at_laptop_size,
    clipped_cells,
    clipped_widgets,
    escape_from,
    focus,
    modal_dialog,
    press,
    screenshot,
    tab_until,
)
from .live_support import ALL_SCOPES, SignedIn, sign_in
from .test_keyboard_walk import check_sheet, go_to, looks_whole, print_focused_table, tab_reaches_everything

SCOPES = (*ALL_SCOPES, "read:phytosanitary")


@pytest.fixture
def office(qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    """Signed in (office, outbox) in Spanish, the window at 1366×768."""
    installed = install_language(qapp, "es")
    assert installed.translators
    try:
        signing_in = sign_in(
            qtbot, qapp, sim, tmp_path, "overview", data_dir=tmp_path / "data", size=SCREEN, scopes=SCOPES
        )
        for signed_in in signing_in:
            at_laptop_size(qtbot, signed_in.kit.window)
            qtbot.waitUntil(lambda: signed_in.kit.window.showing_data, timeout=WAIT_MS)  # noqa: B023 - used at once
            yield signed_in
    finally:
        uninstall_language(qapp, installed)


def heatmap_cut(view: QTableView) -> list[str]:
    """clipped_cells for the heatmap, whose pest titles are set on short lines: each line must fit its column."""
    cut = [problem for problem in clipped_cells(view) if not problem.startswith("header ")]
    header = view.horizontalHeader()
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(bold)
    for column in range(header.count()):
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
        if widest + 12 > header.sectionSize(column):  # 6 px of padding each side (base.qss)
            cut.append(f"header {title!r}: {header.sectionSize(column)} px")
        if header.height() < header.sectionSizeFromContents(column).height():
            cut.append(f"header {title!r}: {header.height()} px high")
    return cut


def test_scouting_by_keyboard_at_1366_in_spanish(qtbot: QtBot, office: SignedIn, tmp_path: Path) -> None:
    window = office.kit.window
    window.navigator.select("proj_123", None)  # Rancho San Pedro: five sectors, the aphid hot spot among them
    pane: Any = go_to(qtbot, window, "phyto")
    qtbot.waitUntil(lambda: pane.fetches_done >= 1, timeout=WAIT_MS)
    assert pane.splitter.isVisible(), (
        pane.state_page.title_label.text(),
        pane.state_page.message_label.text(),
        pane.subtitle_label.text(),
    )
    assert pane.title_label.text() == "Monitoreo"
    model = pane.heatmap_model
    assert model.rowCount() == 5
    assert model.verdict_at(0, 1) is Verdict.ALERT  # Alert first

    # Tab reaches the heatmap; Enter on the hot spot's aphid cell opens its trend.
    tab_until(qtbot, lambda widget: widget is pane.heatmap_view)
    pane.heatmap_view.setCurrentIndex(model.index(model.row_of("sector_003"), model.column_of("aphids")))
    press(qtbot, "Return")
    assert model.index(model.row_of("sector_003"), model.column_of("aphids")).data(VERDICT_ROLE) is Verdict.ALERT
    assert pane.records_table.filter_edit.text() == "Lote B-1"
    assert pane.pest_combo.currentData() == "aphids"
    tab_reaches_everything(qtbot, pane, pane.heatmap_view)
    looks_whole(qtbot, pane)
    assert heatmap_cut(pane.heatmap_view) == []
    screenshot(window, tmp_path, "scouting-trend")

    # Ctrl+I: severity instead of incidence.
    press(qtbot, "Ctrl+I")
    assert model.measure == SEVERITY

    # Ctrl+T: the thresholds, whole at this size; Esc closes them and the focus comes back.
    before = focus()
    assert before is not None
    press(qtbot, "Ctrl+T")
    dialog = modal_dialog(qtbot, ThresholdDialog)
    assert clipped_widgets(dialog) == []
    escape_from(qtbot, dialog, before)

    # The records, printed from the table (Ctrl+P) in Spanish.
    pane.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: pane.records_table.isVisible())
    looks_whole(qtbot, pane)
    text = print_focused_table(qtbot, pane.records_table, tmp_path, "registros")
    assert "Lote B-1" in text
    screenshot(window, tmp_path, "scouting-records")
    check_sheet(qtbot, window, pane)
