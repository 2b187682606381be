"""Forms: the monitoring forms and the tasks assigned to the user, filled in here and sent through the outbox, and the
history of what this office submitted.

The forms come from the local cache (fetched with the rest of the farm, or with Refresh), so a form can be filled in
with the network gone. A submission is saved in the outbox with its clientEventId the moment the user presses
Submit (Ctrl+Enter); the sync engine sends it when it can, as often as needed, and the server stores it once. The
Submitted tab shows each one waiting, sent (with the server's check of the project and sector it fell in) or refused
(with the server's reason; the Outbox pane offers retry or discard).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk.api.errors import ApiError
from hydrodesk.api.models import Form
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.sync.status import ConnectionState, SyncStatus
from hydrodesk.ui import formats
from hydrodesk.ui.error_text import user_message
from hydrodesk.ui.forms.editor import FormEditor
from hydrodesk.ui.forms.history import REASON, FormHistoryModel, Places, answers_text, check_text
from hydrodesk.ui.forms.loading import FormsLoading
from hydrodesk.ui.forms.submitting import FormSubmitting
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.keys import KeyHelp
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.panes.sync_follow import EngineFollower
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)

CONTENT_PAGE, STATE_PAGE = 0, 1
FILL_TAB, HISTORY_TAB = 0, 1
FORM_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SYNC_RELOAD_DELAY_MS = 300


class FormsPane(FormsLoading, FormSubmitting, Pane):
    forms_loaded = Signal()  # the list and the history show the store's current contents
    submission_saved = Signal(str)  # an outbox entry id: the form is safe on this computer, and listed

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._office: Office | None = None
        self._engine = EngineFollower(self, self._on_sync_status)
        self._forms: dict[str, Form] = {}
        self._labels: dict[str, dict[str, str]] = {}  # form id -> field name -> label
        self._places = Places({}, {}, {})
        self._sync: SyncStatus | None = None
        self._refreshed_at: str | None = None
        self._refresh_problem: str | None = None
        self._refreshing = False
        self._loaded = False
        self._fetch_attempted = False  # a download of the forms has ended (either way) since the pane was built
        self._ready_announced = False
        self._generation = 0
        self._zone: str | None = None
        self._just_saved: list[str] = []  # outbox entries saved here, announced once the history lists them

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Forms"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Download the forms and tasks from the Hydrobit server (F5)"))
        self.refresh_button.clicked.connect(self._refresh_in_background)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading = QHBoxLayout()
        heading.addLayout(titles, 1)
        heading.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.banner = QLabel(self)
        self.banner.setObjectName("PaneBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        # ---------------------------------------------------------------- fill in
        self.form_list = QListWidget(self)
        self.form_list.setObjectName("FormList")
        self.form_list.setAccessibleName(self.tr("Forms to fill in"))
        self.form_list.currentItemChanged.connect(self._on_form_chosen)
        self.form_list.setWordWrap(True)  # a task's name and due day are read whole, never cut
        self.form_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_list.setMinimumWidth(220)
        self.editor = FormEditor(self)
        self.editor.submitted.connect(self._on_submitted)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("FormListAndForm")
        self.splitter.addWidget(self.form_list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 800])
        self.splitter.setChildrenCollapsible(False)

        # ---------------------------------------------------------------- submitted
        self.history_model = FormHistoryModel(self)
        self.history = DataTable(export_name=self.tr("form submissions", "file name"), parent=self)
        self.history.setObjectName("FormHistory")
        self.history.set_source_model(self.history_model)
        self.history.set_elastic_columns([REASON])
        self.history.current_row_changed.connect(self._on_history_row)
        self.announce_exports(self.history)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("Muted")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        history_page = QWidget(self)
        history_layout = QVBoxLayout(history_page)
        history_layout.setContentsMargins(0, 6, 0, 0)
        history_layout.addWidget(self.history, 1)
        history_layout.addWidget(self.detail_label)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("FormTabs")
        self.tabs.addTab(self.splitter, self.tr("Fill in"))
        self.tabs.addTab(history_page, self.tr("Submitted"))

        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(self._refresh_in_background)
        self.stack = QStackedWidget(self)
        self.stack.insertWidget(CONTENT_PAGE, self.tabs)
        self.stack.insertWidget(STATE_PAGE, self.state_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

        # Reading order: the tools at the top, the tabs, the list, then the form (its own order, top to bottom).
        QWidget.setTabOrder(self.refresh_button, self.tabs.tabBar())
        QWidget.setTabOrder(self.tabs.tabBar(), self.form_list)
        QWidget.setTabOrder(self.form_list, self.editor.location_combo)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self.add_shortcut(keys, self.tr("Submit the form being filled in"), self.submit_current)
        self.add_shortcut("Ctrl+Shift+H", self.tr("Show what this office submitted"), self.show_history)
        self.add_shortcut("Ctrl+Shift+N", self.tr("Fill in a form: the list of forms"), self.show_form_list)

        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(SYNC_RELOAD_DELAY_MS)
        self._sync_timer.timeout.connect(self._reload_if_shown)
        self._stale = False
        self.apply_theme(context.theme())

    # ------------------------------------------------------------------------------------------ Pane
    def is_data_ready(self) -> bool:
        # An empty cache is only the answer once the server has been asked: a first run waits for its download.
        return self._loaded and (bool(self._forms) or self._fetch_attempted)

    def set_selection(self, selection: Selection) -> None:
        self._zone = selection.project.timezone if selection.project is not None else None
        self.editor.set_places(selection.project, selection.sector)

    def apply_theme(self, theme: Theme) -> None:
        color = theme.tokens["icon"]
        self.history.set_icons(themed_icon("search", color), themed_icon("export", color))
        self.refresh_button.setIcon(themed_icon("refresh", color))
        self.history_model.set_attention_color(theme.color("error"))

    def help_text(self) -> str:
        return self.tr(
            "Choose a form or a task on the left and answer it; where it was filled in comes from the sector chosen "
            "in the navigator, or from a latitude and longitude you type. Ctrl+Enter checks the answers and saves "
            "the form on this computer at once; it is sent to Hydrobit when the connection allows, and only once. "
            "The Submitted tab shows each form waiting, sent (with the server's check of its sector) or refused."
        )

    def widget_keys(self) -> list[KeyHelp]:
        return [
            KeyHelp("Ctrl+Tab", self.tr("Switch between filling in and the submitted forms")),
            KeyHelp("Up, Down", self.tr("In the list: choose a form")),
        ]

    def focus_filter(self) -> bool:
        self.tabs.setCurrentIndex(HISTORY_TAB)
        self.history.focus_filter()
        return True

    def export_table(self) -> bool:
        self.tabs.setCurrentIndex(HISTORY_TAB)
        self.history.choose_export_file()
        return True

    async def refresh(self) -> None:
        """F5: download the forms and tasks, then show them (the cached copy if the server cannot be reached)."""
        office = self._ensure_office()
        if office is None or self._refreshing:
            await self.reload()
            return
        self._refreshing = True
        self.refresh_button.setEnabled(False)
        self._show_subtitle()
        try:
            try:
                await self.context.monitor.call(office.engine.refresher.forms())
            except ApiError as error:
                self._refresh_problem = user_message(error)
                log.info("forms not refreshed: %s", error)
            else:
                self._refresh_problem = None
        finally:
            if isValid(self):
                self._refreshing = False
                self._fetch_attempted = True
                self.refresh_button.setEnabled(True)
        if isValid(self):
            await self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.context.office() is not self._office or not self._loaded:
            self._spawn(self._first_load(), "forms-first-load")
        elif self._stale:
            self._stale = False
            self._spawn(self.reload(), "forms-reload")

    def _show_forms(self, rows: list[dict[str, Any]]) -> None:
        forms: dict[str, Form] = {}
        for row in rows:
            try:
                form = Form.model_validate(row)
            except ValidationError:
                log.warning("a cached form could not be read: %s", row.get("form_id"))
                continue
            forms[form.form_id] = form
        self._forms = forms
        self._labels = {
            form.form_id: {spec.name: spec.label or spec.name for spec in form.fields} for form in forms.values()
        }
        if not forms:
            self._show_no_forms()
            return
        self.stack.setCurrentIndex(CONTENT_PAGE)
        current = self.current_form_id()
        self.form_list.blockSignals(True)
        self.form_list.clear()
        monitoring = sorted((form for form in forms.values() if form.subtype != "tasks"), key=_form_name)
        tasks = sorted((form for form in forms.values() if form.subtype == "tasks"), key=_form_name)
        for heading, group in ((self.tr("Monitoring"), monitoring), (self.tr("My tasks"), tasks)):
            if not group:
                continue
            section = QListWidgetItem(heading.upper())
            section.setFlags(Qt.ItemFlag.NoItemFlags)
            self.form_list.addItem(section)
            for form in group:
                item = QListWidgetItem(self._list_text(form))
                item.setData(FORM_ID_ROLE, form.form_id)
                item.setToolTip(form.description or "")
                self.form_list.addItem(item)
        self.form_list.blockSignals(False)
        self.select_form(current if current in forms else (monitoring or tasks)[0].form_id)

    def _list_text(self, form: Form) -> str:
        name = _form_name(form)
        task = form.task or {}
        if form.subtype != "tasks":
            return name
        if task.get("status") == "completed":
            return self.tr("{name} · done").format(name=name)
        if task.get("dueDate"):
            return self.tr("{name} · due {day}").format(name=name, day=formats.iso_day_text(task["dueDate"]))
        return name

    def current_form_id(self) -> str | None:
        item = self.form_list.currentItem()
        return item.data(FORM_ID_ROLE) if item is not None else None

    def select_form(self, form_id: str) -> bool:
        for row in range(self.form_list.count()):
            item = self.form_list.item(row)
            if item.data(FORM_ID_ROLE) == form_id:
                self.form_list.setCurrentItem(item)
                if self.editor.form is None or self.editor.form.form_id != form_id:
                    self._open_form(self._forms[form_id])
                return True
        return False

    def _open_form(self, form: Form) -> None:
        self.editor.set_form(form)
        self.editor.prefer_sector((form.task or {}).get("sectorId"))

    def _on_form_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        form_id = current.data(FORM_ID_ROLE) if current is not None else None
        same = self.editor.form is not None and self.editor.form.form_id == form_id
        if form_id is not None and form_id in self._forms and not same:  # a reload keeps the answers typed
            self._open_form(self._forms[form_id])

    def _show_history(self, items: list[OutboxItem]) -> None:
        selected = self._selected_entry()
        self.history_model.set_items(items, self._places)
        self.history.set_empty_text(self.tr("No forms sent from this computer yet. Fill one in on the Fill in tab."))
        self.tabs.setTabText(HISTORY_TAB, self.tr("Submitted ({count})").format(count=len(items)))
        row = self.history_model.row_of(selected) if selected else -1
        self.history.select_source_row(row if row >= 0 else (0 if items else -1))
        self._show_detail(self.history_model.item_at(row if row >= 0 else 0) if items else None)

    def _selected_entry(self) -> str | None:
        index = self.history.view.currentIndex()
        if not index.isValid():
            return None
        item = self.history_model.item_at(self.history.proxy.mapToSource(index).row())
        return item.entry_id if item is not None else None

    def _on_history_row(self, index: QModelIndex) -> None:
        self._show_detail(self.history_model.item_at(index.row()) if index.isValid() else None)

    def _show_detail(self, item: OutboxItem | None) -> None:
        if item is None:
            self.detail_label.setText(
                self.tr("Nothing submitted from this computer yet. Forms you submit are listed here.")
            )
            return
        labels = self._labels.get(str(item.payload.get("form_id")), {})
        check = check_text(item, self._places)
        text = self.tr("Answers: {answers}").format(answers=answers_text(item, labels))
        if check:
            text += "\n" + self.tr("Server's check: {check}").format(check=check)
        self.detail_label.setText(text)

    # ------------------------------------------------------------------------------------------ states
    def _show_signed_out(self) -> None:
        self.state_page.show_state(
            title=self.tr("Not signed in"),
            message=self.tr("Sign in to Hydrobit (File > Sign in) to fill in forms."),
        )
        self.stack.setCurrentIndex(STATE_PAGE)
        self.subtitle_label.setText("")

    def _show_no_forms(self) -> None:
        self.form_list.clear()
        self.editor.set_form(None)
        self.state_page.show_state(
            title=self.tr("No forms saved on this computer yet"),
            message=self.tr(
                "Connect to the Hydrobit server and press Refresh (F5) to download the forms and tasks. Once "
                "downloaded, they can be filled in offline."
            ),
            action=self.tr("Refresh"),
        )
        self.stack.setCurrentIndex(STATE_PAGE)

    def _show_subtitle(self) -> None:
        if self._refreshing:
            self.subtitle_label.setText(self.tr("Downloading the forms…"))
            return
        count = len(self._forms)
        shown = self.tr("1 form") if count == 1 else self.tr("{count} forms").format(count=count)
        if self._refreshed_at is None:
            refreshed = self.tr("never downloaded")
        else:
            refreshed = self.tr("downloaded {when}").format(when=formats.zoned_text(self._refreshed_at, self._zone))
        waiting = sum(1 for item in self.history_model.items if item.pending)
        pending = " · " + self.tr("{count} waiting to be sent").format(count=waiting) if waiting else ""
        self.subtitle_label.setText(f"{shown} · {refreshed}{pending}")

    def _show_banner(self) -> None:
        offline = self._sync is not None and self._sync.state in (
            ConnectionState.OFFLINE,
            ConnectionState.AUTH_REQUIRED,
        )
        if self._refresh_problem is not None:
            text = self.tr(
                "The forms could not be refreshed: {problem} Showing the copy saved on this computer."
            ).format(problem=self._refresh_problem)
        elif offline:
            text = self.tr(
                "Offline: the forms saved on this computer can still be filled in. Submitted forms are kept here "
                "and sent, once, when the connection is back."
            )
        else:
            self.banner.setVisible(False)
            return
        self.banner.setText(text)
        set_style_property(self.banner, "tone", "warn")
        self.banner.setVisible(True)

    # ------------------------------------------------------------------------------------------ keys
    def submit_current(self) -> None:
        """Ctrl+Enter: check and submit the form shown (the fill-in tab comes forward if it was not)."""
        if self.tabs.currentIndex() != FILL_TAB:
            self.tabs.setCurrentIndex(FILL_TAB)
            return
        if self.editor.submit_button.isEnabled():  # not while the last one is being saved: one press, one form
            self.editor.submit()

    def show_history(self) -> None:
        self.tabs.setCurrentIndex(HISTORY_TAB)
        self.history.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_form_list(self) -> None:
        self.tabs.setCurrentIndex(FILL_TAB)
        self.form_list.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _form_name(form: Form) -> str:
    return form.name or form.form_id
