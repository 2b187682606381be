from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector can free it


def test_collection_moves_to_the_gui_timer(qtbot: QtBot) -> None:
    collector = GuiThreadGarbageCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        node = Node()
        alive = weakref.ref(node)
        del node
        # Enough live allocations to make generation 0 due, as a busy GUI makes it.
        allocations = [{} for _ in range(3 * gc.get_threshold()[0])]
        assert alive() is not None  # nothing collected it outside the timer
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
        del allocations
    finally:
        collector.stop()
    # Left off: turned back on, it would run inside a Qt destructor at its next allocation, and could wait there
    # for ever on a lock that destructor holds. What stop() found is collected at once instead.
    assert not gc.isenabled()
    late = Node()
    gone = weakref.ref(late)
    del late
    collector = GuiThreadGarbageCollector(interval_ms=10_000)
    collector.start()
    collector.stop()
    assert gone() is None


def test_settling_freezes_what_start_up_made_and_stopping_thaws_it(qtbot: QtBot) -> None:
    collector = GuiThreadGarbageCollector(interval_ms=10, settle_after_ms=20)
    built_at_start_up = [Node() for _ in range(100)]
    collector.start()
    try:
        qtbot.waitUntil(lambda: collector.settled, timeout=5000)
        assert gc.get_freeze_count() >= len(built_at_start_up)  # left out of later collections
        node = Node()  # made after start-up: still collected, from the timer
        alive = weakref.ref(node)
        del node
        allocations = [{} for _ in range(3 * gc.get_threshold()[0])]
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
        del allocations
        assert all(built.me is built for built in built_at_start_up)
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0
    assert not gc.isenabled()
