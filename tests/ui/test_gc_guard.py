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
    assert gc.isenabled()
