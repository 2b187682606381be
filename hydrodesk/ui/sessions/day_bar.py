"""The sessions pane's top bar: the day shown (previous / date / next / today), the filters (all, open, closed;
mine) and the button that opens a session. It only reports what the user chose; the pane decides what follows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QWidget

from hydrodesk.domain.session_board import StatusFilter
from hydrodesk.ui import formats
from hydrodesk.ui.widgets.segmented import SegmentedButtons


class DayBar(QWidget):
    day_chosen = Signal(object)  # a date picked in the calendar
    step_requested = Signal(int)  # -1: the day before, +1: the day after
    today_requested = Signal()
    filter_changed = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QPushButton("◀", self)
        self.previous_button.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.previous_button.setAccessibleName(self.tr("Previous day"))
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(formats.day_format())
        self.date_edit.setAccessibleName(self.tr("Day shown"))
        self.date_edit.dateChanged.connect(self._on_date_edited)
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next day"))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setToolTip(self.tr("Today at the farm (in the project's timezone)"))
        self.today_button.clicked.connect(self.today_requested)

        self.status_filter = SegmentedButtons(self)
        self.status_filter.add(StatusFilter.ALL.value, self.tr("All"), self.tr("Every session of the day"))
        self.status_filter.add(
            StatusFilter.OPEN.value, self.tr("Open", "sessions filter"), self.tr("Sessions still open")
        )
        self.status_filter.add(
            StatusFilter.CLOSED.value, self.tr("Closed", "sessions filter"), self.tr("Sessions already closed")
        )
        self.status_filter.select(StatusFilter.ALL.value)
        self.status_filter.chosen.connect(lambda _choice: self.filter_changed.emit())
        self.mine_button = QPushButton(self.tr("Mine"), self)
        self.mine_button.setCheckable(True)
        self.mine_button.setToolTip(self.tr("Only the sessions you opened"))
        self.mine_button.toggled.connect(lambda _checked: self.filter_changed.emit())

        self.open_button = QPushButton(self.tr("Open session…"), self)
        self.open_button.setObjectName("PrimaryButton")
        self.open_button.setToolTip(self.tr("Open a production session (Ctrl+N)"))
        self.open_button.clicked.connect(self.open_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.next_button)
        layout.addWidget(self.today_button)
        layout.addSpacing(18)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.mine_button)
        layout.addStretch(1)
        layout.addWidget(self.open_button)

    def show_day(self, day: date, *, is_today: bool) -> None:
        """Show `day` in the date box (without reporting it back as a choice)."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.today_button.setEnabled(not is_today)

    def _on_date_edited(self, value: QDate) -> None:
        self.day_chosen.emit(date(value.year(), value.month(), value.day()))

    @property
    def status(self) -> StatusFilter:
        return StatusFilter(self.status_filter.current or StatusFilter.ALL.value)

    @property
    def mine_only(self) -> bool:
        return self.mine_button.isChecked()

    def set_filter(self, *, status: StatusFilter | None = None, mine_only: bool | None = None) -> None:
        """Set the filters as if the user had clicked them."""
        if status is not None and self.status_filter.current != status.value:
            self.status_filter.select(status.value)
            self.filter_changed.emit()
        if mine_only is not None and self.mine_button.isChecked() != mine_only:
            self.mine_button.setChecked(mine_only)
