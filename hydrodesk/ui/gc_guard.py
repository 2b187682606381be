"""Run Python's cyclic garbage collector only on the GUI thread, at moments of our choosing.

The collector normally runs whenever allocations cross a threshold, in whatever thread is allocating: the paho
network thread, the database thread, the simulator's output reader. A cycle that holds Qt wrappers (a widget
captured by a lambda connected to its own signal, a traceback holding an event) is then destroyed from that thread
or in the middle of unrelated work, and Qt can crash (the whole test suite once segfaulted inside the collector this
way). pyqtgraph ships the same remedy (`pyqtgraph.util.garbage_collector`): switch automatic collection off and
collect from a timer on the GUI thread.

A long-running window also settles: once its start-up is over, what exists then (modules, classes, functions, the
windows and panes built at start, some 100,000 objects) is collected once and frozen (`gc.freeze`), so the full
collections that come later look only at what was made after. A full pass over everything took 20-200 ms of the
GUI thread, a stall a live chart shows (Instagram's server-side remedy, as the gc documentation describes it).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    """Collects garbage from a GUI-thread timer, generation by generation as the default thresholds would."""

    def __init__(
        self, interval_ms: int = 1000, parent: QObject | None = None, *, settle_after_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self.settle)
        self._settle_after_ms = settle_after_ms
        self.settled = False

    def start(self) -> None:
        gc.disable()
        self._timer.start()
        if self._settle_after_ms is not None:
            self._settle.start(self._settle_after_ms)

    def stop(self) -> None:
        """Collect once more, here, and leave automatic collection off.

        Turned back on, it runs at the next allocation past its threshold, and one of those happens inside Qt
        destructors: PySide6 looks up a Python override while ~QObject holds the sender's connection lock. A
        collection there destroys other Qt objects, whose destructors wait for that same lock: the GUI thread
        waits on itself for ever (caught in the test suite: the native stack had ~QObject, gc_collect_main,
        ~QObject, then a futex). What is left after this last collection is freed by reference counting, and the
        interpreter's own collection at exit runs outside any destructor."""
        self._timer.stop()
        self._settle.stop()
        gc.collect()  # before thawing: on CPython 3.12.1 a collection just after unfreeze() froze 375 objects again
        if self.settled:
            gc.unfreeze()
            self.settled = False

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (cheap when nothing is due)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def settle(self) -> None:
        """Start-up is over: collect everything once, then leave what survived out of later collections."""
        gc.collect()
        gc.freeze()
        self.settled = True
