"""One worker in full: photo (or initials), their fields, whether they are on the server yet, and their share of
recent sessions (units, records, voids and pay per session, from the cache with pending records counted)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.outbox import EntryState
from hydrodesk.domain.photos import Photo
from hydrodesk.domain.roster import full_name, initials
from hydrodesk.domain.worker_tallies import SessionShare, total_pay
from hydrodesk.store.views import Row
from hydrodesk.ui import formats
from hydrodesk.ui.models.roles import SORT_ROLE
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.column_fit import ColumnFitter
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.sort_arrows import point_ascending_up
from hydrodesk.ui.workers.avatar import Avatar
from hydrodesk.ui.workers.labels import label_for
from hydrodesk.ui.workers.models import RECORDS, VOIDS, WorkerHistoryModel, needs_attention


class WorkerDetail(QWidget):
    edit_and_retry = Signal(str)  # the outbox entry of a worker the server refused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkerDetail")
        self._row: Row | None = None

        self.avatar = Avatar(self)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("PageTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.id_chip = QLabel(self)
        self.id_chip.setObjectName("Chip")
        self.id_chip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel(self)
        self.status_chip.setObjectName("Chip")
        chips = QHBoxLayout()
        chips.setSpacing(6)
        chips.addWidget(self.id_chip)
        chips.addWidget(self.status_chip)
        chips.addStretch(1)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.name_label)
        heading.addLayout(chips)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        top.setAlignment(heading, Qt.AlignmentFlag.AlignTop)

        self.sync_banner = QLabel(self)
        self.sync_banner.setObjectName("PaneBanner")
        self.sync_banner.setWordWrap(True)
        self.sync_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Edit and retry…"), self)
        self.retry_button.setToolTip(self.tr("Correct the worker (the hire date, say) and send it again"))
        self.retry_button.clicked.connect(self._on_retry)

        self.fields = QFormLayout()
        self.fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields.setHorizontalSpacing(14)
        self.fields.setVerticalSpacing(6)
        self._values: dict[str, QLabel] = {}
        for key, title in (
            ("position", self.tr("Position")),
            ("employment_type", self.tr("Employment type")),
            ("hire_date", self.tr("Hire date")),
            ("termination_date", self.tr("Termination date")),
            ("phone", self.tr("Phone")),
            ("email", self.tr("E-mail")),
            ("hourly_rate", self.tr("Hourly rate")),
            ("emergency", self.tr("Emergency contact")),
            ("skills", self.tr("Skills")),
            ("notes", self.tr("Notes")),
        ):
            name = QLabel(title, self)
            name.setObjectName("FieldName")
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields.addRow(name, value)
            self._values[key] = value

        self.history_label = QLabel(self.tr("RECENT TALLIES"), self)
        self.history_label.setObjectName("SectionLabel")
        self.history_model = WorkerHistoryModel(self)
        self.history_proxy = QSortFilterProxyModel(self)
        self.history_proxy.setSourceModel(self.history_model)
        self.history_proxy.setSortRole(SORT_ROLE)
        self.history_view = QTableView(self)
        self.history_view.setObjectName("WorkerHistory")
        self.history_view.setModel(self.history_proxy)
        self.history_view.setSortingEnabled(True)
        point_ascending_up(self.history_view.horizontalHeader())
        self.history_view.setTabKeyNavigation(False)  # Tab goes on to the next control, not round the cells
        self.history_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.verticalHeader().setDefaultSectionSize(26)
        # Deliveries and voids are in the Tallies pane; the card keeps what fits beside the roster at 1366 pixels.
        self.history_columns = ColumnFitter(self.history_view)
        self.history_columns.watch()
        self.history_columns.set_hidden({RECORDS, VOIDS})
        self.history_view.setMinimumHeight(160)
        self.history_summary = QLabel(self)
        self.history_summary.setObjectName("Muted")
        self.history_summary.setWordWrap(True)

        # What only means something once a worker is chosen; hidden until then.
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addLayout(self.fields)
        body.addSpacing(6)
        body.addWidget(self.history_label)
        body.addWidget(self.history_summary)
        body.addWidget(self.history_view, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.sync_banner)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the room the body leaves while no worker is chosen
        self._layout = layout
        self.show_row(None)

    # ------------------------------------------------------------------------------------------ showing
    @property
    def row(self) -> Row | None:
        return self._row

    def apply_theme(self, theme: Theme) -> None:
        self.avatar.set_colors(theme.color("accent"), theme.color("card"))

    def show_row(self, row: Row | None) -> None:
        same_worker = (
            row is not None and self._row is not None and row.data.get("worker_id") == self._row.data.get("worker_id")
        )
        self._row = row
        self.body.setVisible(row is not None)
        self.avatar.setVisible(row is not None)
        self._layout.setStretch(self._layout.count() - 1, 0 if row is not None else 1)
        if row is None:
            self.name_label.setText(self.tr("No worker selected"))
            self.id_chip.setVisible(False)
            self.status_chip.setVisible(False)
            self.avatar.show_initials("")
            self.sync_banner.setText(self.tr("Choose a worker in the list, or press Ctrl+N to add one."))
            set_style_property(self.sync_banner, "tone", "")
            self.sync_banner.setVisible(True)
            self.retry_button.setVisible(False)
            for value in self._values.values():
                value.setText("")
            self.show_history(None)
            return
        data = row.data
        self.name_label.setText(full_name(data))
        self.id_chip.setText(str(data.get("worker_id") or ""))
        self.id_chip.setVisible(True)
        status = data.get("status") or "active"
        self.status_chip.setText(label_for(status))
        set_style_property(self.status_chip, "tone", "ok" if status == "active" else "warn")
        self.status_chip.setVisible(True)
        if not same_worker or not self.avatar.has_photo:
            self.avatar.show_initials(initials(data.get("first_name") or "", data.get("last_name") or ""))
        self._show_sync_state(row)
        self._show_fields(data)

    def _show_sync_state(self, row: Row) -> None:
        entry = row.entry
        attention = needs_attention(row)
        if not row.pending or entry is None:
            self.sync_banner.setVisible(False)
            self.retry_button.setVisible(False)
            return
        if attention:
            if entry.state is EntryState.CONFLICT:
                text = self.tr("The server did not take this worker: {reason}")
            else:
                text = self.tr("The server refused this worker: {reason}")
            self.sync_banner.setText(text.format(reason=entry.reason or self.tr("no reason given")))
            tone = "error"
        elif entry.state is EntryState.SENDING:
            self.sync_banner.setText(self.tr("Being sent to the server now."))
            tone = "warn"
        else:
            self.sync_banner.setText(
                self.tr("Saved on this computer; it is sent as soon as the server can be reached.")
                + " "
                + self.tr("Records for this worker can be made already.")
            )
            tone = "warn"
        set_style_property(self.sync_banner, "tone", tone)
        self.sync_banner.setVisible(True)
        self.retry_button.setVisible(attention)

    def _show_fields(self, data: dict[str, Any]) -> None:
        none = self.tr("—")
        rate = data.get("hourly_rate")
        emergency = " · ".join(
            part for part in (data.get("emergency_contact_name"), data.get("emergency_contact_phone")) if part
        )
        texts = {
            "position": label_for(data.get("position")),
            "employment_type": label_for(data.get("employment_type")),
            "hire_date": formats.iso_day_text(data.get("hire_date")),
            "termination_date": formats.iso_day_text(data.get("termination_date")),
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
            "hourly_rate": self.tr("{amount} per hour").format(amount=formats.money_text(rate))
            if rate is not None
            else "",
            "emergency": emergency,
            "skills": ", ".join(label_for(skill) for skill in data.get("skills") or ()),
            "notes": data.get("notes") or "",
        }
        for key, value in self._values.items():
            value.setText(texts.get(key) or none)
        # A termination date only means something for someone who left.
        self._set_field_visible("termination_date", bool(data.get("termination_date")))

    def _set_field_visible(self, key: str, visible: bool) -> None:
        self.fields.setRowVisible(self._values[key], visible)

    def show_photo(self, photo: Photo | None) -> bool:
        return self.avatar.show_photo(photo)

    def show_history(self, shares: Sequence[SessionShare] | None) -> None:
        self.history_model.set_shares(shares or [])
        if shares is None:
            self.history_summary.setText("")
        elif not shares:
            self.history_summary.setText(
                self.tr("No units recorded for this worker in the sessions saved on this computer.")
            )
        elif len(shares) == 1:
            self.history_summary.setText(
                self.tr("1 recent session · {pay} earned").format(pay=formats.money_text(total_pay(shares)))
            )
        else:
            self.history_summary.setText(
                self.tr("{count} recent sessions · {pay} earned").format(
                    count=len(shares), pay=formats.money_text(total_pay(shares))
                )
            )

    def _on_retry(self) -> None:
        if self._row is not None and self._row.entry is not None:
            self.edit_and_retry.emit(self._row.entry.entry_id)
