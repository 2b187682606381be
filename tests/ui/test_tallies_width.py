"""The Tallies pane asks no more width than what it shows. The season's start (a date and its label, shown with
the Season scope only) was laid out once before it was hidden, and the pane's minimum kept its 200 pixels: in the
outdoor theme in Spanish the window grew past a 1366-pixel screen to fit it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.tallies.scopes import SEASON, SESSION

from .tallies_kit import tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]


def test_the_season_start_takes_no_room_until_the_season_is_chosen(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    pane = kit.pane
    splitter = pane.findChild(QSplitter, "WorkersAndEntries")
    assert isinstance(splitter, QSplitter)
    workers_box: QWidget = splitter.widget(0)
    as_built = workers_box.minimumSizeHint().width()
    assert pane.season_from.isHidden()

    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    assert workers_box.minimumSizeHint().width() == as_built

    pane.scope_buttons.button(SEASON).click()
    qtbot.waitUntil(lambda: workers_box.minimumSizeHint().width() > as_built)  # the date is shown: it takes room
    pane.scope_buttons.button(SESSION).click()
    qtbot.waitUntil(lambda: workers_box.minimumSizeHint().width() == as_built)
