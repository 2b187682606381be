"""A splitter that shares its width between tables by what their columns need, until the user moves it.

Two tables side by side (the Tallies pane's per-worker totals and entries) each get a share of the room in
proportion to the width their columns ask for, so neither scrolls sideways while the other has room to spare.
Once the user drags the handle, or the user's own arrangement was restored, the splitter is theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QSplitter, QWidget


class BalancedSplitter(QSplitter):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.user_sized = False
        self.splitterMoved.connect(self._on_moved)

    def _on_moved(self, _position: int, _index: int) -> None:
        self.user_sized = True

    def restoreState(self, state: QByteArray | bytes) -> bool:
        restored = super().restoreState(state)
        self.user_sized = self.user_sized or restored
        return restored

    def balance(self, needs: Sequence[int]) -> None:
        """Share the room in proportion to `needs` (one per child, in pixels); all of it when one asks for none."""
        if self.user_sized or len(needs) != self.count() or sum(needs) <= 0:
            return
        room = sum(self.sizes()) or (self.width() - self.handleWidth() * (self.count() - 1))
        if room <= 0:
            return
        total = sum(needs)
        if total <= room:
            # Everything fits: each gets what it needs and the spare room is shared out in the same proportion.
            sizes = [need + (room - total) * need // total for need in needs]
        else:
            sizes = [room * need // total for need in needs]
        if any(abs(new - old) > 2 for new, old in zip(sizes, self.sizes(), strict=True)):
            self.setSizes(sizes)
