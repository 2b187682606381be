"""A plot's key (its legend) on a line of its own above its values, as wide as the plot allows.

Laid over the plot, as pyqtgraph puts it, the key hid the very curves it names: the first hours of every weather
plot, the live pressure band. Here it sits in the cell of the plot's title (HydroDesk never sets one), with no
box, and takes a second line rather than run off the plot's right edge. Its entries still hide their series when
clicked.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

KEY_ROW_PX = 22  # one line of the key: its swatches and words are 21 px tall
PLOT_MARGINS_PX = 16  # a plot's own margins in its canvas, both sides together


def add_key_row(plot: pg.PlotItem) -> pg.LegendItem:
    """Give `plot` its key row; the legend is `plot.legend`, where a named curve adds its entry."""
    # The row is the plot's title cell (HydroDesk never sets a title), shown with no text: the title's label is
    # part of pyqtgraph's own layout, built and torn down with the plot. A widget of ours added to that layout
    # made the app crash on exit about one time in three (destroyed after the interpreter had begun to stop, it
    # called back into pyqtgraph's Python overrides).
    holder = plot.titleLabel
    holder.setVisible(True)
    holder.setZValue(2)  # above the view box (plot_style.data_above_grid)
    _set_row_height(plot, holder, KEY_ROW_PX)
    # Not anchored (no offset): an anchor follows its parent's geometry, and read it while a removed plot's row
    # was being destroyed. The row's top-left corner never moves within it.
    legend = pg.LegendItem(offset=None, labelTextSize="8pt", verSpacing=-8)
    legend.layout.setContentsMargins(2, 0, 2, 0)  # its 9 px all round would reach down over the values
    legend.setParentItem(holder)
    legend.setPos(1, 1)
    legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.legend = legend
    return legend


def fit_key_row(plot: pg.PlotItem, canvas_width: float, axis_width: float) -> None:
    """As many entries a line as the values' width holds (the canvas less the value axis and the plot's margins:
    the view box itself has no width yet when a series is added before the first layout), and the row as tall as
    its lines; no row while the key is hidden or empty."""
    room = canvas_width - axis_width - PLOT_MARGINS_PX
    legend = plot.legend
    if legend is None:
        return
    if not legend.items or not legend.isVisible():
        _set_row_height(plot, legend.parentItem(), 0)
        return
    # Measured from the words themselves: a laid-out label is as wide as its column.
    widths = [sample.boundingRect().width() + label.item.boundingRect().width() + 14 for sample, label in legend.items]
    columns = next((n for n in range(len(widths), 1, -1) if _line_width(widths, n) <= room), 1)
    if columns != legend.columnCount:
        # Laid out afresh: pyqtgraph's setColumnCount keeps the stretched sizes of the last layout.
        entries = [(sample.item, label.text) for sample, label in legend.items]
        legend.clear()
        legend.columnCount, legend.rowCount = columns, 1  # what setColumnCount sets, rows counted again
        for item, name in entries:
            legend.addItem(item, name)
    _set_row_height(plot, legend.parentItem(), max(KEY_ROW_PX, math.ceil(legend.height()) + 1))


def style_key(legend: pg.LegendItem, text: QColor, background: QColor) -> None:
    """No box, the words in the text colour; opaque, so a grid line or a span drawn up to the plot's top edge
    never runs through them."""
    legend.setLabelTextColor(text)
    legend.setBrush(pg.mkBrush(background))
    legend.setPen(pg.mkPen(None))


def _set_row_height(plot: pg.PlotItem, holder: pg.LabelItem, height: int) -> None:
    plot.layout.setRowFixedHeight(0, height)
    holder.setMinimumHeight(height)
    holder.setMaximumHeight(height)


def _line_width(widths: list[float], columns: int) -> float:
    """The width of a key laid out in `columns` aligned columns (entries fill it line by line)."""
    return sum(max(widths[column::columns]) for column in range(columns))
