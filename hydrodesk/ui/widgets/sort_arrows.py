"""Sort arrows that point up for an ascending column (A→Z, oldest first), as Windows Explorer and the macOS Finder
draw them.

A header sorted ascending asks its style for the "sort down" indicator, and Fusion (HydroDesk's style on every
platform) draws that pointing down: the opposite of what an office user sees in every other program. Headers that
sort get a proxy of the application's style that swaps the two indicators and leaves everything else alone.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QHeaderView, QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget

_SWAPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class _AscendingPointsUp(QProxyStyle):
    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            swapped = QStyleOptionHeader(option)
            swapped.sortIndicator = _SWAPPED.get(option.sortIndicator, option.sortIndicator)
            option = swapped
        super().drawPrimitive(element, option, painter, widget)


_style: _AscendingPointsUp | None = None


def point_ascending_up(header: QHeaderView) -> None:
    """Draw `header`'s sort arrow pointing up when its column sorts ascending."""
    global _style
    if _style is None:
        # One for every header, kept by the application: a widget does not own the style it is given, and a style
        # deleted before its widgets would be used by their destructors.
        _style = _AscendingPointsUp()  # based on the application's style (Fusion)
        _style.setParent(QApplication.instance())
        _style.destroyed.connect(_forget_style)
    header.setStyle(_style)


def _forget_style() -> None:
    global _style
    _style = None
