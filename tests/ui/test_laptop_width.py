"""Every pane fits a 1366-pixel laptop in the outdoor theme (the largest type) in Spanish (the longest words), with
the farm loaded: the window never asks for more width than the screen has. A pane that did made the window grow
past the screen's edge, its right side out of reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.panes import PANES
from hydrodesk.ui.panes.tallies import TalliesPane

from .live_support import SignedIn, sign_in

LAPTOP_WIDTH = 1366


@pytest.fixture
def outdoor_in_spanish(
    qtbot: QtBot, qloop: object, qapp: QApplication, sim_factory_session: Any, tmp_path: Path
) -> Iterator[SignedIn]:
    """The live farm, as the demo runs it: colleagues' sessions today, their entries, a possible duplicate."""
    sim = sim_factory_session(live=True)
    installed = install_language(qapp, "es")  # before the window: its words are chosen as it is built
    try:
        for signed in sign_in(qtbot, qapp, sim, tmp_path, "overview", data_dir=tmp_path / "data", size=(1366, 768)):
            signed.kit.themes.apply("outdoor")
            yield signed
            signed.kit.themes.apply("light")
    finally:
        uninstall_language(qapp, installed)


def test_every_pane_fits_a_laptop_in_the_outdoor_theme_in_spanish(qtbot: QtBot, outdoor_in_spanish: SignedIn) -> None:
    window = outdoor_in_spanish.kit.window
    for spec in PANES:
        assert window.open_pane(spec.name)
        pane = window.pane(spec.name)
        assert pane is not None
        qtbot.waitUntil(pane.is_data_ready, timeout=20_000)
        assert window.minimumSizeHint().width() <= LAPTOP_WIDTH, spec.name


def test_the_per_worker_tallies_have_room_for_every_column_beside_the_entries(
    qtbot: QtBot, outdoor_in_spanish: SignedIn
) -> None:
    """The per-worker table (pay included) whole beside the entries at 1366 pixels, outdoor and in Spanish: the
    entries' void buttons and repeat window in one row kept the entries 650 pixels wide, and the per-worker table's
    columns were cut short, or its Pay scrolled out of sight."""
    window = outdoor_in_spanish.kit.window
    assert window.open_pane("tallies")
    pane = window.pane("tallies")
    assert isinstance(pane, TalliesPane)
    qtbot.waitUntil(lambda: pane.workers_model.rowCount() > 0, timeout=20_000)
    columns = pane.workers_table.columns
    viewport = pane.workers_table.view.viewport()
    qtbot.waitUntil(lambda: columns.least_table_width() > 0)
    qtbot.waitUntil(lambda: viewport.width() >= columns.least_table_width(), timeout=10_000)
