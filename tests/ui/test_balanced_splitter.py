"""How two tables side by side share the room: neither scrolls sideways while the room holds both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.widgets.balanced_splitter import BalancedSplitter


def splitter_of(qtbot: QtBot, room: int) -> BalancedSplitter:
    splitter = BalancedSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(splitter)
    for _ in range(2):
        child = QWidget()
        child.setMinimumWidth(10)
        splitter.addWidget(child)
    splitter.resize(room + splitter.handleWidth(), 300)
    splitter.show()
    qtbot.waitExposed(splitter)
    assert sum(splitter.sizes()) == room
    return splitter


def test_room_for_both_is_shared_by_what_each_needs(qtbot: QtBot) -> None:
    splitter = splitter_of(qtbot, 1000)
    splitter.balance([600, 200], [500, 150])
    first, second = splitter.sizes()
    assert first >= 600
    assert second >= 200
    assert first / second == round(600 / 200)


def test_short_room_gives_each_table_its_least_before_the_breathing_room(qtbot: QtBot) -> None:
    # 517 + 300 = 817 at the least, 900 wished: in 850, shared in proportion to the needs, the first table would
    # get 850 * 600 / 900 = 566 and the second 283, below its least of 300: it would scroll sideways.
    splitter = splitter_of(qtbot, 850)
    splitter.balance([600, 300], [517, 300])
    first, second = splitter.sizes()
    assert first >= 517
    assert second >= 300
    assert first + second == 850


def test_too_little_room_for_either_is_shared_by_their_least(qtbot: QtBot) -> None:
    splitter = splitter_of(qtbot, 600)
    splitter.balance([600, 400], [450, 300])
    first, second = splitter.sizes()
    assert (first, second) == (360, 240)


def test_a_splitter_the_user_moved_is_left_alone(qtbot: QtBot) -> None:
    splitter = splitter_of(qtbot, 1000)
    splitter.moveSplitter(300, 1)
    before = splitter.sizes()
    splitter.balance([600, 200], [500, 150])
    assert splitter.sizes() == before


def test_once_shared_the_handle_stays_as_long_as_each_table_has_the_room_it_needs(qtbot: QtBot) -> None:
    splitter = splitter_of(qtbot, 1000)
    splitter.balance([500, 500], [400, 400])
    assert splitter.sizes() == [500, 500]
    # A new entry's wider text, a reload with narrower names: each share still holds its table.
    splitter.balance([460, 490], [400, 420])
    splitter.balance([300, 500], [250, 420])
    assert splitter.sizes() == [500, 500]


def test_a_table_that_outgrows_its_share_gets_the_room_shared_out_again(qtbot: QtBot) -> None:
    splitter = splitter_of(qtbot, 1000)
    splitter.balance([500, 500], [400, 400])
    splitter.balance([300, 600], [250, 500])
    assert splitter.sizes() == [333, 667]
