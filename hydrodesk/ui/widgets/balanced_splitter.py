"""A splitter that shares its width between tables by what their columns need, until the user moves it.

Two tables side by side (the Tallies pane's per-worker totals and entries) each get a share of the room in
proportion to the width their columns ask for, so neither scrolls sideways while the other has room to spare.
Once the user drags the handle, or the user's own arrangement was restored, the splitter is theirs.

Once shared, the room is shared out again only when a table no longer has the room its columns need: a new entry,
a sync that reloads the ledger, another session. Shared out again at every fit, the handle slid the tables sideways
under the supervisor's eyes while entries were typed, tens of pixels at a time, and repainted both (40-60 ms of a
tally entry on a busy machine, bench/tallies.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QSplitter, QWidget


class BalancedSplitter(QSplitter):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.user_sized = False
        self._shared = False  # balance() has shared the room out once
        self.splitterMoved.connect(self._on_moved)

    def _on_moved(self, _position: int, _index: int) -> None:
        self.user_sized = True

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        self.user_sized = self.user_sized or restored
        return restored

    def balance(self, needs: Sequence[int], least: Sequence[int] | None = None) -> None:
        """Share the room by `needs` (one per child, in pixels: the width that shows everything with room to
        breathe); all of it when one asks for none. When that does not fit, each child gets at least its `least`
        (the narrowest that still shows its text whole) and the rest in proportion to what it would like more, so a
        table scrolls sideways only when the room is short of every table's least. After the first time, only when a
        child has less than it needs."""
        if self.user_sized or len(needs) != self.count() or sum(needs) <= 0:
            return
        if self._shared and all(size >= need for size, need in zip(self.sizes(), needs, strict=True)):
            return  # each has the room it needs: the handle stays where the user saw it
        least = needs if least is None else [min(low, need) for low, need in zip(least, needs, strict=True)]
        room = sum(self.sizes()) or (self.width() - self.handleWidth() * (self.count() - 1))
        if room <= 0:
            return
        total = sum(needs)
        if total <= room:
            # Everything fits: each gets what it needs and the spare room is shared out in the same proportion.
            sizes = [need + (room - total) * need // total for need in needs]
        elif sum(least) <= room:
            wishes = [need - low for need, low in zip(needs, least, strict=True)]
            spare = room - sum(least)
            sizes = [low + spare * wish // max(1, sum(wishes)) for low, wish in zip(least, wishes, strict=True)]
        else:
            sizes = [room * low // max(1, sum(least)) for low in least]
        self._shared = True
        if any(abs(new - old) > 2 for new, old in zip(sizes, self.sizes(), strict=True)):
            self.setSizes(sizes)
