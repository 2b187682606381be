"""Keep a table's columns as wide as their text, so no cell is cut short ("Open until 1…").

Columns are fitted when the model is reset and grow when new or changed rows need more room (a valve's state turns
into "Open until 21:52" a second after the table was filled); they shrink back only at the next reset, so a live
table does not twitch. The last column takes whatever room is left, but never less than its own text needs. A
column the user has resized by hand keeps the user's width.

Fitting reads the visible rows and up to SAMPLE_ROWS more (Qt's resize-contents precision), so a table of a
hundred thousand entries costs no more to fit than one of a few hundred.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView
from shiboken6 import isValid

PADDING = 12  # beyond the cell's own margins: room to breathe between a column's text and the next one
SAMPLE_ROWS = 200
# A header section's own room beside its text: the style sheet's padding (6 px each side, base.qss), its border
# and a little air, and the sort arrow's, which only the sorted column draws (Qt's hint reserves it for every one).
HEADER_PADDING = 17
HEADER_SLACK = 3  # of HEADER_PADDING, what a squeezed header may give up and still show its text whole
SORT_ARROW = 18


class ColumnFitter(QObject):
    fitted = Signal()  # the columns were fitted again (what the table needs may have changed)

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._header = view.horizontalHeader()
        self._header.setStretchLastSection(False)  # done here: Qt's stretch would squeeze a long last column
        self._header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.verticalHeader().setResizeContentsPrecision(SAMPLE_ROWS)
        self._fitting = False
        self._dragging = False
        self._user_sized: set[int] = set()
        self._hidden: set[int] = set()  # applied again after every reset: Qt's header forgets hidden sections
        self._wanted: dict[int, int] = {}  # the fitted width of each column (the last one may be drawn wider)
        self._least: dict[int, int] = {}  # the least width that still shows each column whole
        self._shrink = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once the burst of model signals of one change is over
        self._timer.timeout.connect(self._fit_now)
        self._header.sectionResized.connect(self._on_section_resized)
        self._header.sortIndicatorChanged.connect(lambda *_: self.schedule(shrink=True))
        # Kept: while the view is destroyed, asking the header for its viewport again would fail.
        self._header_viewport = self._header.viewport()
        self._view_viewport = view.viewport()
        self._header_viewport.installEventFilter(self)
        self._view_viewport.installEventFilter(self)

    def watch(self) -> None:
        """Follow the view's (new) model."""
        model = self._view.model()
        # At once, not later: a reset shows every column again until they are hidden anew.
        model.modelReset.connect(lambda: self.fit(shrink=True))
        model.layoutChanged.connect(lambda *_: self.schedule())
        model.rowsInserted.connect(lambda *_: self.schedule())
        model.dataChanged.connect(lambda *_: self.schedule())
        model.headerDataChanged.connect(lambda *_: self.schedule(shrink=True))
        self.fit(shrink=True)

    @property
    def hidden(self) -> set[int]:
        return set(self._hidden)

    def set_hidden(self, columns: set[int]) -> None:
        self._hidden = set(columns)
        self.fit(shrink=True)

    def schedule(self, *, shrink: bool = False) -> None:
        self._shrink = self._shrink or shrink
        self._timer.start()

    def fit(self, *, shrink: bool = True) -> None:
        self._shrink = self._shrink or shrink
        self._timer.stop()
        self._fit_now()

    def needed_width(self, column: int) -> int:
        """What the column's header and cells need (the sampled rows), with room to breathe."""
        return self._widths(column)[1]

    def _widths(self, column: int) -> tuple[int, int]:
        """(the least width that shows the column whole, the width it would like: with room to breathe)."""
        content = self._view.sizeHintForColumn(column)
        header = self.header_width(column)
        least = max(content, header - HEADER_SLACK)
        return least, max(content + PADDING, header)

    def header_width(self, column: int) -> int:
        """The header's text in the header's (semi-bold) font, its padding, and the arrow if it is sorted by."""
        font = QFont(self._header.font())
        font.setWeight(QFont.Weight.DemiBold)
        text = str(self._view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        width = QFontMetrics(font).horizontalAdvance(text) + HEADER_PADDING
        if self._header.isSortIndicatorShown() and self._header.sortIndicatorSection() == column:
            width += SORT_ARROW
        return width

    def total_needed(self) -> int:
        """The width every shown column needs, side by side (what the table asks of the pane's layout)."""
        return sum(
            self._wanted.get(column, self._header.sectionSize(column))
            for column in range(self._header.count())
            if not self._header.isSectionHidden(column)
        )

    def table_width(self) -> int:
        """The view's width that shows every column whole: the columns, the frame and a vertical scroll bar."""
        view = self._view
        return self.total_needed() + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()

    # ------------------------------------------------------------------------------------------ fitting
    def _fit_now(self) -> None:
        shrink, self._shrink = self._shrink, False
        if self._view.model() is None:
            return
        for column in range(self._header.count()):
            if self._header.isSectionHidden(column) != (column in self._hidden):
                self._header.setSectionHidden(column, column in self._hidden)
        for column in range(self._header.count()):
            if self._header.isSectionHidden(column) or column in self._user_sized:
                continue
            least, wanted = self._widths(column)
            self._wanted[column] = wanted if shrink else max(wanted, self._wanted.get(column, 0))
            self._least[column] = least if shrink else max(least, self._least.get(column, 0))
        self._lay_out()
        self.fitted.emit()

    def _lay_out(self) -> None:
        shown = [column for column in self._visual_order() if not self._header.isSectionHidden(column)]
        if not shown:
            return
        widths = self._squeezed(shown)
        self._fitting = True
        try:
            for column, width in widths.items():
                self._header.resizeSection(column, width)
            last = shown[-1]
            if last not in self._user_sized:
                others = sum(self._header.sectionSize(column) for column in shown[:-1])
                room = self._view.viewport().width() - others
                self._header.resizeSection(last, max(widths.get(last, 0), room))
        finally:
            self._fitting = False

    def _squeezed(self, shown: list[int]) -> dict[int, int]:
        """The fitted widths; when they do not all fit, each column gives up some of its room to breathe (never
        any of the room its text needs) before the table has to scroll sideways."""
        fitted = [c for c in shown if c not in self._user_sized and c in self._wanted]
        widths = {column: self._wanted[column] for column in fitted}
        fixed = sum(self._header.sectionSize(column) for column in shown if column not in widths)
        room = self._view.viewport().width() - fixed
        excess = sum(widths.values()) - room
        spare = sum(self._wanted[column] - self._least.get(column, self._wanted[column]) for column in fitted)
        if excess > 0 and spare > 0:
            share = min(1.0, excess / spare)
            for column in fitted:
                give = self._wanted[column] - self._least.get(column, self._wanted[column])
                widths[column] = self._wanted[column] - math.ceil(give * share)
        return widths

    def _visual_order(self) -> list[int]:
        return [self._header.logicalIndex(visual) for visual in range(self._header.count())]

    # ------------------------------------------------------------------------------------------ the user
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and self._dragging:
            self._user_sized.add(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._header_viewport:
            if kind == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._dragging = False
            elif kind == QEvent.Type.MouseButtonDblClick:
                # A double click on a handle means "fit this column": hand it back to the fitter.
                self._user_sized.clear()
                self.schedule(shrink=True)
        elif kind == QEvent.Type.Resize and watched is self._view_viewport and isValid(self._header):
            self._lay_out()  # the viewport changed size: the last column takes the new room
        return False

    @property
    def is_fitting(self) -> bool:
        return self._fitting


def fits_without_scrolling(view: QTableView) -> bool:
    """True when every shown column is on screen: no horizontal scrolling needed."""
    return view.horizontalScrollBar().maximum() == 0
