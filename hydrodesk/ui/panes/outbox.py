"""The Outbox: every change made on this computer that is not on the server yet, and what the user can do about the
ones the server did not take.

Rows come from the office's outbox (hydrodesk.store.outbox_view), refreshed whenever the sync engine's counts or
state change. For a stopped change the choices are: retry, edit and retry, move records into another open
session, or discard with a reason. Nothing leaves the outbox without one of them, and each is durable at once
(hydrodesk.sync.choices).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.outbox import ATTENTION_STATES, EntryState
from hydrodesk.store.outbox_view import HISTORY, UNFINISHED, OutboxLine, outbox_lines
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.outbox import text
from hydrodesk.ui.outbox.choices import EntryChoices
from hydrodesk.ui.outbox.model import REASON, WHAT, OutboxTableModel
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

RELOAD_DELAY_MS = 400  # counts change a few times a second while the engine drains: one reload per burst
HISTORY_LIMIT = 1000
TABLE_PAGE, STATE_PAGE = 0, 1
SHOW_UNSENT, SHOW_ATTENTION, SHOW_HISTORY = "unsent", "attention", "history"


class _StatusRelay(QObject):
    """Carries the engine's status callbacks onto a Qt signal; cancelled when the pane goes."""

    changed = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = None
        self._seen: tuple[object, ...] | None = None
        self.office: Office | None = None

    def follow(self, office: Office | None) -> None:
        if office is self.office:
            return
        self.cancel()
        self.office = office
        self._seen = None
        if office is not None:
            self._unsubscribe = office.engine.subscribe(self._on_status)

    def _on_status(self, status: SyncStatus) -> None:
        # Only what changes the list: not every "last contact" tick.
        seen = (status.state, status.pending, status.failed, status.conflicts, status.expired)
        if seen != self._seen:
            self._seen = seen
            self.changed.emit()

    def cancel(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()


class OutboxPane(EntryChoices, Pane):
    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._show = SHOW_UNSENT
        self._loading: asyncio.Task[None] | None = None
        self._again = False
        self._relay = _StatusRelay(self)
        self._relay.changed.connect(self._schedule_reload)
        relay = self._relay
        self.destroyed.connect(lambda *_: relay.cancel())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(RELOAD_DELAY_MS)
        self._debounce.timeout.connect(self._reload)
        self.dialog: QWidget | None = None  # the choice dialog open now (tests and screenshots look at it)

        self.title_label = QLabel(self.tr("Outbox"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(
            self.tr("Changes made on this computer on their way to the Hydrobit server, and the ones it did not take."),
            self,
        )
        self.subtitle_label.setObjectName("PageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("SectionLabel")

        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("OutboxShow")
        self.show_combo.addItem(self.tr("Not on the server yet"), SHOW_UNSENT)
        self.show_combo.addItem(self.tr("Needs your decision"), SHOW_ATTENTION)
        self.show_combo.addItem(self.tr("History: sent and discarded"), SHOW_HISTORY)
        self.show_combo.currentIndexChanged.connect(self._on_show_changed)

        self.retry_action = self._action(self.tr("Retry"), "Ctrl+R", self.retry_selected)
        self.edit_action = self._action(self.tr("Edit and Retry…"), "F2", self.edit_selected)
        self.move_action = self._action(self.tr("Move to Another Session…"), "Ctrl+M", self.move_selected)
        self.discard_action = self._action(self.tr("Discard…"), "Delete", self.discard_selected)
        self.retry_button = self._button(self.retry_action, "OutboxRetry")
        self.edit_button = self._button(self.edit_action, "OutboxEdit")
        self.move_button = self._button(self.move_action, "OutboxMove")
        self.discard_button = self._button(self.discard_action, "DangerButton")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("Muted")
        self.hint_label.setWordWrap(True)

        self.model = OutboxTableModel(self)
        self.table = DataTable(export_name=self.tr("outbox", "file name"), parent=self)
        self.table.set_source_model(self.model)
        self.table.set_elastic_columns([WHAT, REASON])  # free text: what was done, and the server's reason
        self.table.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._update_choices())
        self.announce_exports(self.table)
        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(self._on_state_action)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.state_page)

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(QLabel(self.tr("Show"), self))
        top.addWidget(self.show_combo)
        choices = QHBoxLayout()
        for button in (self.retry_button, self.edit_button, self.move_button, self.discard_button):
            choices.addWidget(button)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(8)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.pages, 1)
        self.apply_theme(context.theme())
        self._update_choices()

    def _action(self, label: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(label, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.setObjectName(name)
        button.setToolTip(f"{action.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
        return button

    # ------------------------------------------------------------------------------------------ Pane
    def apply_theme(self, theme: Theme) -> None:
        color = theme.tokens["icon"]
        self.table.set_icons(themed_icon("search", color), themed_icon("export", color))
        self.model.set_attention_color(theme.color("error"))

    def help_text(self) -> str:
        return self.tr(
            "Every change made on this computer waits here until Hydrobit has it, and HydroDesk sends it by itself "
            "when it can. A change the server refused waits for your decision: retry it, correct it, move it to "
            "another session, or discard it with a reason. Nothing is dropped without you deciding."
        )

    def focus_filter(self) -> bool:
        self.table.focus_filter()
        return True

    def export_table(self) -> bool:
        self.table.choose_export_file()
        return True

    async def refresh(self) -> None:
        await self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule_reload()

    # ------------------------------------------------------------------------------------------ loading
    def _schedule_reload(self) -> None:
        if self.isVisible():
            self._debounce.start()

    def _reload(self) -> None:
        if self._loading is not None and not self._loading.done():
            self._again = True  # a status change arrived mid-load: read once more afterwards
            return
        self._loading = self.context.tasks.spawn_if_open(self._load_repeatedly(), name="outbox-load")

    async def _load_repeatedly(self) -> None:
        self._again = True
        while self._again:
            self._again = False
            await self._load()

    async def _load(self) -> None:
        office = self.context.office()
        self._relay.follow(office)
        if office is None:
            self._show_empty(
                self.tr("Not signed in"),
                self.tr("Sign in to see the changes this computer has not sent to the server yet."),
                icon="signed-out",
            )
            self.summary_label.clear()
            return
        states = {SHOW_UNSENT: UNFINISHED, SHOW_ATTENTION: ATTENTION_STATES, SHOW_HISTORY: HISTORY}[self._show]
        limit = HISTORY_LIMIT if self._show == SHOW_HISTORY else None
        lines = await office.store.read(outbox_lines, states=states, limit=limit)
        if office is not self.context.office():
            return  # signed out or switched account meanwhile
        self._show_lines(lines)
        self._show_summary(office.engine.status)

    def _show_lines(self, lines: list[OutboxLine]) -> None:
        selected = {line.entry_id for line in self.selected_lines()}
        self.model.set_lines(lines)
        if not lines:
            self._show_nothing()
            return
        self.pages.setCurrentIndex(TABLE_PAGE)
        view = self.table.view
        for entry_id in selected:
            row = self.model.row_of(entry_id)
            if row >= 0:
                index = self.table.proxy.mapFromSource(self.model.index(row, 0))
                view.selectionModel().select(
                    index,
                    view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
                )
        self._update_choices()

    def _show_nothing(self) -> None:
        if self._show == SHOW_HISTORY:
            self._show_empty(
                self.tr("No history yet"),
                self.tr("Changes sent to the server or discarded are listed here."),
                icon="empty",
            )
        elif self._show == SHOW_ATTENTION:
            self._show_empty(
                self.tr("Nothing needs your decision"),
                self.tr("Every change the server received was accepted."),
                icon="empty",
                action=self.tr("Show everything not sent yet"),
            )
        else:
            self._show_empty(
                self.tr("Everything is on the server"),
                self.tr("No change made on this computer is waiting to be sent."),
                icon="empty",
                action=self.tr("Show the history"),
            )

    def _show_empty(self, title: str, message: str, *, icon: str, action: str | None = None) -> None:
        theme = self.context.theme()
        size = round(48 * self.devicePixelRatioF())
        pixmap = svg_pixmap(icon, QSize(size, size), theme.tokens["muted"])
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.state_page.show_state(title=title, message=message, icon=pixmap, action=action)
        self.pages.setCurrentIndex(STATE_PAGE)
        self._update_choices()

    def _on_state_action(self) -> None:
        self.show_combo.setCurrentIndex(
            self.show_combo.findData(SHOW_UNSENT if self._show == SHOW_ATTENTION else SHOW_HISTORY)
        )

    def _show_summary(self, status: SyncStatus) -> None:
        parts: list[str] = []
        if status.needs_attention == 1:
            parts.append(self.tr("1 needs your decision"))
        elif status.needs_attention:
            parts.append(self.tr("{count} need your decision").format(count=status.needs_attention))
        if status.pending == 1:
            parts.append(self.tr("1 waiting to be sent"))
        elif status.pending:
            parts.append(self.tr("{count} waiting to be sent").format(count=status.pending))
        self.summary_label.setText(" · ".join(parts) if parts else self.tr("Nothing waiting"))

    def _on_show_changed(self, _index: int) -> None:
        self._show = str(self.show_combo.currentData())
        self._schedule_reload()

    # ------------------------------------------------------------------------------------------ selection
    def selected_lines(self) -> list[OutboxLine]:
        rows = self.table.view.selectionModel().selectedRows()
        lines = [self.model.line_at(self.table.proxy.mapToSource(index).row()) for index in rows]
        return sorted((line for line in lines if line is not None), key=lambda line: line.seq)

    def select_entries(self, entry_ids: list[str]) -> None:
        """Select these entries' rows (what a user's click or Ctrl+click does)."""
        view = self.table.view
        view.clearSelection()
        flags = view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows
        for entry_id in entry_ids:
            row = self.model.row_of(entry_id)
            if row >= 0:
                view.selectionModel().select(self.table.proxy.mapFromSource(self.model.index(row, 0)), flags)
        self._update_choices()

    def _update_choices(self) -> None:
        lines = self.selected_lines() if self.pages.currentIndex() == TABLE_PAGE else []
        stopped = [line for line in lines if line.needs_attention]
        self.retry_action.setEnabled(bool(stopped))
        self.edit_action.setEnabled(len(lines) == 1 and lines[0].editable)
        self.move_action.setEnabled(bool(lines) and all(line.movable for line in lines))
        self.discard_action.setEnabled(
            bool(lines) and all(line.needs_attention or line.state is EntryState.QUEUED for line in lines)
        )
        self.hint_label.setText(text.what_to_do(lines[0]) if len(lines) == 1 else "")
        self.hint_label.setVisible(bool(self.hint_label.text()))
