"""Keep a table's columns as wide as their text, so no cell is cut short ("Open until 1…").

Columns are fitted when the model is reset and grow when new or changed rows need more room (a valve's state turns
into "Open until 21:52" a second after the table was filled); they shrink back only at the next reset, so a live
table does not twitch. The last column takes whatever room is left, but never less than its own text needs. A
column the user has resized by hand keeps the user's width.

Fitting reads the rows on screen only, so a table of a hundred thousand entries costs no more to fit than one of
twenty, and rows scrolled into view are read as they come (the columns grow for them). It asks the model for each
cell's text only; the delegate's own room (margins, an icon, a badge) is measured once per column on one cell, because a
Python model answering every role of every cell (Qt's own sizeHintForColumn) took 100-200 ms per fit. A fit waits
for the changes to pause (FIT_DELAY_MS, at most FIT_MAX_WAIT_MS): a badge scanner's burst of entries changes the
tables at every scan, and each entry must show in a few milliseconds (bench/tallies.py).
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView
from shiboken6 import isValid

PADDING = 12  # beyond the cell's own margins: room to breathe between a column's text and the next one
SAMPLE_ROWS = 50  # changed rows beyond this many: read the rows on screen instead of each changed one
STEP = 8  # px: a column's wished width grows in steps
GRID_LINE = 2  # px: the grid line inside a section, and a pixel of rounding
# A column of free text (a void's reason, the server's reason) is as wide as its text when there is room, but gives
# way down to this before the table scrolls sideways: its cells then end in "…" and show all of it in a tool tip.
ELASTIC_LEAST = 140
FIT_DELAY_MS = 150
FIT_MAX_WAIT_MS = 1000
# A header section's own room beside its text: the style sheet's padding (6 px each side, base.qss), its border
# and a little air, and the sort arrow's, which only the sorted column draws (Qt's hint reserves it for every one).
HEADER_PADDING = 17
HEADER_SLACK = 3  # of HEADER_PADDING, what a squeezed header may give up and still show its text whole
SORT_ARROW = 18


ON_SCREEN = range(0)  # _changed(ON_SCREEN): the rows on screen are others now (a sort), read them again


class ColumnFitter(QObject):
    fitted = Signal()  # the columns were fitted again (what the table needs may have changed)

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._header = view.horizontalHeader()
        self._header.setStretchLastSection(False)  # done here: Qt's stretch would squeeze a long last column
        self._header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitting = False
        self._dragging = False
        self._user_sized: set[int] = set()
        self._hidden: set[int] = set()  # applied again after every reset: Qt's header forgets hidden sections
        self.elastic: set[int] = set()  # columns of free text (ELASTIC_LEAST)
        self._wanted: dict[int, int] = {}  # the fitted width of each column (the last one may be drawn wider)
        self._least: dict[int, int] = {}  # the least width that still shows each column whole
        self._shrink = False
        self._rows: set[int] | None = set()  # rows changed since the last fit; None: read the sample
        self._on_screen = False  # the rows on screen changed (a sort): read them all
        self._pending_since = 0.0
        self._laid_out = False  # the fitted widths were applied at least once
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIT_DELAY_MS)
        self._timer.timeout.connect(self._fit_now)
        self._header.sectionResized.connect(self._on_section_resized)
        self._header.sortIndicatorChanged.connect(lambda *_: self.schedule(shrink=True))
        # Kept: while the view is destroyed, asking the header for its viewport again would fail.
        self._header_viewport = self._header.viewport()
        self._view_viewport = view.viewport()
        self._header_viewport.installEventFilter(self)
        self._view_viewport.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._changed(ON_SCREEN))  # rows not read yet

    def watch(self) -> None:
        """Follow the view's (new) model."""
        model = self._view.model()
        model.modelReset.connect(self._on_reset)
        # A sort or a filter brings other rows into view: read the rows on screen again.
        model.layoutChanged.connect(lambda *_: self._changed(ON_SCREEN))
        model.rowsInserted.connect(lambda _parent, first, last: self._changed(range(first, last + 1)))
        model.dataChanged.connect(lambda top, bottom, *_: self._changed(range(top.row(), bottom.row() + 1)))
        model.headerDataChanged.connect(lambda *_: self.schedule(shrink=True))
        self.fit(shrink=True)

    @property
    def pending(self) -> bool:
        """A fit is scheduled (the table changed and the changes have not paused yet)."""
        return self._timer.isActive()

    @property
    def hidden(self) -> set[int]:
        return set(self._hidden)

    def set_hidden(self, columns: set[int]) -> None:
        self._hidden = set(columns)
        self._laid_out = False  # other columns shown: lay them out even if no width changed
        self.fit(shrink=True)

    def schedule(self, *, shrink: bool = False) -> None:
        """Fit once the changes pause for FIT_DELAY_MS (a badge scanner's burst: once, after it), or at the latest
        FIT_MAX_WAIT_MS after the first of them (a live table that never pauses)."""
        self._shrink = self._shrink or shrink
        now = time.monotonic()
        if not self._timer.isActive():
            self._pending_since = now
            self._timer.start()
        elif (now - self._pending_since) * 1000 < FIT_MAX_WAIT_MS:
            self._timer.start()  # restarted: wait for the pause

    def _changed(self, rows: range | None) -> None:
        """These rows changed (None: read the whole sample again; ON_SCREEN: the rows on screen); their widths
        are read at the next fit."""
        if rows is ON_SCREEN:
            self._on_screen = True
        elif rows is None or self._rows is None or len(rows) + len(self._rows) > SAMPLE_ROWS:
            self._rows = None
        else:
            self._rows.update(rows)
        self.schedule()

    def _on_reset(self) -> None:
        self._apply_hidden()  # at once: a reset shows every column again until they are hidden anew
        self.schedule(shrink=True)

    def _apply_hidden(self) -> None:
        for column in range(self._header.count()):
            if self._header.isSectionHidden(column) != (column in self._hidden):
                self._header.setSectionHidden(column, column in self._hidden)

    def fit(self, *, shrink: bool = True) -> None:
        self._shrink = self._shrink or shrink
        self._timer.stop()
        self._fit_now()

    def needed_width(self, column: int) -> int:
        """What the column's header and cells need (the sampled rows), with room to breathe."""
        return self._widths(column)[1]

    def _widths(self, column: int, rows: list[int] | None = None) -> tuple[int, int]:
        """(the least width that shows the column whole, the width it would like: with room to breathe)."""
        content = self.content_width(column, rows)
        header = self.header_width(column)
        least = max(content, header - HEADER_SLACK)
        if column in self.elastic:
            least = min(least, max(header - HEADER_SLACK, ELASTIC_LEAST))
        # Rounded up to a step: a total that gains a digit now and then does not relayout the pane each time.
        return least, STEP * math.ceil(max(content + PADDING, header) / STEP)

    def content_width(self, column: int, rows: list[int] | None = None) -> int:
        """The widest text of `rows` (the visible rows and the next SAMPLE_ROWS), with the delegate's own room."""
        rows = self._sample_rows() if rows is None else rows
        if not rows:
            return 0
        model = self._view.model()
        metrics = self._view.fontMetrics()
        texts = [str(model.index(row, column).data() or "") for row in rows]
        widest = max(range(len(rows)), key=lambda i: metrics.horizontalAdvance(texts[i]))
        # The delegate's room beside the text, measured on the widest cell itself (margins, icon, badge), and the
        # grid line a cell is drawn inside of: a cell exactly as wide as its size hint is elided by a pixel.
        return self._view.sizeHintForIndex(model.index(rows[widest], column)).width() + GRID_LINE

    def _visible_range(self) -> tuple[int, int]:
        count = self._view.model().rowCount()
        first = max(0, self._view.rowAt(0))
        last = self._view.rowAt(self._view.viewport().height() - 1)
        return first, count - 1 if last < 0 else last

    def _sample_rows(self) -> list[int]:
        count = self._view.model().rowCount()
        if count == 0:
            return []
        first, last = self._visible_range()
        return list(range(first, min(count, last + 1)))

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

    def least_table_width(self) -> int:
        """The narrowest the view can be and still show every column whole (each column squeezed to its least)."""
        view = self._view
        columns = sum(
            self._least.get(column, self._header.sectionSize(column))
            for column in range(self._header.count())
            if not self._header.isSectionHidden(column)
        )
        return columns + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()

    # ------------------------------------------------------------------------------------------ fitting
    def _fit_now(self) -> None:
        shrink, self._shrink = self._shrink, False
        rows, self._rows = self._rows, set()
        on_screen, self._on_screen = self._on_screen, False
        if self._view.model() is None:
            return
        self._apply_hidden()
        if not self._view.isVisible():
            # Hidden behind another pane: measured when shown (a hidden view cannot say which rows are visible).
            self._shrink, self._rows = shrink, None
            return
        if not shrink and rows is not None and not rows and not on_screen:
            return  # nothing on screen changed
        # Grown for the changed rows on screen (a new entry: one row; rows off screen are read when scrolled to),
        # or for the whole sample after a reset, a sort or a scroll.
        if shrink or rows is None:
            measured = self._sample_rows()
        else:
            first, last = self._visible_range()
            measured = list(range(first, last + 1)) if on_screen else sorted(r for r in rows if first <= r <= last)
        before = (dict(self._wanted), dict(self._least))
        for column in range(self._header.count()):
            if self._header.isSectionHidden(column) or column in self._user_sized:
                continue
            least, wanted = self._widths(column, measured)
            self._wanted[column] = wanted if shrink else max(wanted, self._wanted.get(column, 0))
            self._least[column] = least if shrink else max(least, self._least.get(column, 0))
        if (self._wanted, self._least) == before and self._laid_out:
            return  # the same widths: no relayout (a live table refits every second, the tallies at every scan)
        self._laid_out = True
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
        elif kind == QEvent.Type.Show and watched is self._view_viewport and self._rows is None:
            self.schedule()  # changes came while it was hidden
        return False

    @property
    def is_fitting(self) -> bool:
        return self._fitting

    @property
    def settled(self) -> bool:
        """No fit is waiting for the changes to pause: the widths are those of the rows shown."""
        return not self._timer.isActive() and not self._fitting


def fits_without_scrolling(view: QTableView) -> bool:
    """True when every shown column is on screen: no horizontal scrolling needed."""
    return view.horizontalScrollBar().maximum() == 0
