"""The swatch a legend draws beside a series' name.

pyqtgraph draws a bar series as a line (in the bars' outline colour) with the filled square on top of it, and the
line's first two pixels stuck out at the square's left, a stray dash beside "Program run". A bar series is drawn
as its square alone; every other kind of series as pyqtgraph draws it.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter


class LegendSample(pg.ItemSample):
    def paint(self, painter: QPainter, *args: Any) -> None:
        if isinstance(self.item, pg.BarGraphItem) and self.item.isVisible():
            painter.setPen(pg.mkPen(self.item.opts.get("pen")))
            painter.setBrush(pg.mkBrush(self.item.opts.get("brush")))
            painter.drawRect(QRectF(2, 2, 18, 18))
            return
        super().paint(painter, *args)
