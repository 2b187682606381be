"""The main window: navigator dock, the central pane (or a state page), menus, shortcuts and the status bar.

It knows nothing of where its session comes from (demo or a real account): it is handed a signed-in API client
with `attach()` and loads the farm with `reload()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hydrodesk import __version__
from hydrodesk.ui.account_button import AccountButton
from hydrodesk.ui.connection import ConnectionMonitor, ConnectionState
from hydrodesk.ui.focus_return import FocusReturn
from hydrodesk.ui.icons import app_icon, svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp, bound_keys
from hydrodesk.ui.models.farm_tree import NodeKind
from hydrodesk.ui.navigator import Navigator
from hydrodesk.ui.panes import PANE_CONTEXT, PANES, PaneSpec, find_pane
from hydrodesk.ui.panes.base import Pane, PaneContext, Selection
from hydrodesk.ui.status_bar import AppStatusBar
from hydrodesk.ui.sync_status import OfficeSync
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import Theme, ThemeManager
from hydrodesk.ui.ui_state import UiState
from hydrodesk.ui.widgets.data_table import DataTable
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project, Sector
    from hydrodesk.domain.irrigation_limits import IrrigationLimits
    from hydrodesk.settings import AppPaths
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.alarms.dialog import AlarmsDialog
    from hydrodesk.ui.alarms.service import AlarmService
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.settings.dialog import SettingsDialog
    from hydrodesk.ui.shortcut_sheet import ShortcutSheet
    from hydrodesk.ui.update_dialog import UpdateDialog

log = logging.getLogger(__name__)

STATE_PAGE, PANE_PAGE = 0, 1


class MainWindow(QMainWindow):
    load_finished = Signal(bool)  # after every load of the farm: True when it succeeded
    sign_in_requested = Signal()
    sign_out_requested = Signal()
    profile_chosen = Signal(str)  # a saved profile's name (or the demo farm), from the account menu

    def __init__(
        self,
        *,
        ui_state: UiState,
        themes: ThemeManager,
        monitor: ConnectionMonitor,
        tasks: BackgroundTasks,
        paths: AppPaths | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.paths = paths  # the user's folders (log, cache); None in tests that write none
        self.setWindowTitle("HydroDesk")
        self.setWindowIcon(app_icon())
        self._ui_state = ui_state
        self._themes = themes
        self._monitor = monitor
        self._tasks = tasks
        self._client: HydrobitClient | None = None
        self._live: LiveTelemetry | None = None
        self._office: Office | None = None
        self._alarms: AlarmService | None = None
        self.alarms_dialog: AlarmsDialog | None = None
        self._server_url = ""
        self._projects: list[Project] = []
        self._company_names: dict[str, str] = {}  # company_id -> name, for the navigator's root
        self._loaded_once = False
        self._selection = Selection()
        self._panes: dict[str, Pane] = {}
        self._current_pane: PaneSpec = PANES[0]
        self._pane_context = PaneContext(
            monitor=monitor,
            tasks=tasks,
            client=lambda: self._client,
            theme=lambda: self._themes.current,
            live=lambda: self._live,
            office=lambda: self._office,
            alarms=lambda: self._alarms,
            ui_state=ui_state,
        )

        self.navigator = Navigator(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator)
        self.navigator.pane_chosen.connect(self.open_pane)
        self.navigator.selection_changed.connect(self._on_selection_changed)
        self.navigator.sector_opened.connect(self.open_sector_timeline)

        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(self._on_state_action)
        self._state_action: str | None = None
        self.pane_host = QStackedWidget(self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.state_page)
        self.central.addWidget(self.pane_host)
        self.banner = QLabel(self)
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.central, 1)
        self.setCentralWidget(body)

        self.status = AppStatusBar(self)
        self.setStatusBar(self.status)
        monitor.state_changed.connect(self.status.set_connection_state)
        # The office's sync engine speaks for the connection while one is attached (see hydrodesk.ui.sync_status).
        self.sync = OfficeSync(self.status, monitor, tasks, self)
        self.sync.reconnected.connect(self.request_reload)
        self.sync.outbox_requested.connect(lambda: self.open_pane("outbox"))
        self.status.alarms_requested.connect(self.open_alarms)
        self._cached_since: datetime | None = None

        self._fit_navigator = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.focus_return = FocusReturn(app, self)  # a closed dialog gives the keyboard back where it was
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        themes.theme_changed.connect(self._apply_theme)
        self._apply_theme(themes.current)
        self._restore_ui_state()
        self.show_signed_out()

    # ------------------------------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        self.sign_in_action = QAction(self.tr("&Sign in to Hydrobit…"), self)
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.sign_out_action.setEnabled(False)
        self.export_action = QAction(self.tr("&Export Table as CSV…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._export_current_table)
        self.settings_action = QAction(self.tr("S&ettings…"), self)
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Ctrl+, wherever the platform names no Preferences key of its own (Windows, most Linux desktops).
        self.settings_action.setShortcut(preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setWhatsThis(self.tr("Open the settings: language, theme, irrigation limits, cache"))
        self.settings_action.triggered.connect(self.open_settings)
        self.settings_dialog: SettingsDialog | None = None
        # The sign-in session builds the Profiles page (it owns the profiles and their keychain entries).
        self.profiles_page_factory: Callable[[QWidget | None], QWidget] | None = None
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(QApplication.quit)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setToolTip(self.tr("Reload the farm from the Hydrobit server (F5)"))
        self.refresh_action.triggered.connect(self.request_reload)
        self.filter_action = QAction(self.tr("&Filter"), self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+F"))
        self.filter_action.triggered.connect(self._focus_filter)
        self.alarms_action = QAction(self.tr("&Alarms…"), self)
        self.alarms_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.alarms_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.alarms_action.setWhatsThis(self.tr("Show the alarm journal: acknowledge, clear, export"))
        self.alarms_action.triggered.connect(self.open_alarms)
        self.alarms_action.setEnabled(False)
        self.help_action = QAction(self.tr("&Keyboard Shortcuts and Help"), self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.help_action.setWhatsThis(self.tr("Show this pane's shortcuts and how it works"))
        self.help_action.triggered.connect(self.show_shortcut_sheet)
        self.shortcut_sheet: ShortcutSheet | None = None
        self.log_folder_action = QAction(self.tr("Open &Log Folder"), self)
        self.log_folder_action.setToolTip(self.tr("Show the folder with HydroDesk's log and crash reports"))
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.log_folder_action.setEnabled(self.paths is not None)
        self.update_action = QAction(self.tr("Check for &Updates…"), self)
        self.update_action.setToolTip(self.tr("Ask whether a newer HydroDesk has been released"))
        self.update_action.triggered.connect(self.check_for_updates)
        self.update_dialog: UpdateDialog | None = None
        self.about_action = QAction(self.tr("&About HydroDesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)

        self.theme_actions = QActionGroup(self)
        self.theme_actions.setExclusive(True)
        for choice, label in (
            ("system", self.tr("Follow the &System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
            ("outdoor", self.tr("High &Contrast (Outdoors)")),
        ):
            action = QAction(label, self.theme_actions)
            action.setCheckable(True)
            action.setData(choice)
            action.setChecked(choice == self._themes.choice)
        self.theme_actions.triggered.connect(self._on_theme_chosen)

        self.pane_actions: list[QAction] = []
        for number, spec in enumerate(PANES, start=1):
            action = QAction(QCoreApplication.translate(PANE_CONTEXT, spec.title), self)
            action.setData(spec.name)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setWhatsThis(
                self.tr("Show the {pane} pane").format(pane=QCoreApplication.translate(PANE_CONTEXT, spec.title))
            )
            action.triggered.connect(lambda _checked=False, name=spec.name: self.open_pane(name))
            self.pane_actions.append(action)
        self._set_data_actions_enabled(False)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.sign_in_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menus.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.filter_action)
        view_menu.addAction(self.sync.sync_action)
        view_menu.addAction(self.alarms_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_menu.addActions(self.theme_actions.actions())
        view_menu.addAction(self.navigator.toggleViewAction())
        go_menu = menus.addMenu(self.tr("&Go"))
        go_menu.addActions(self.pane_actions)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(self.update_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addAction(self.sync.sync_action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        # Who is signed in, with Sign out and Switch profile (the session controller answers its signals).
        self.account_button = AccountButton(self.toolbar)
        self.account_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.account_button.sign_in_requested.connect(self.sign_in_requested)
        self.account_button.sign_out_requested.connect(self.sign_out_requested)
        self.account_button.profile_chosen.connect(self.profile_chosen)
        self.toolbar.addWidget(self.account_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for action in (self.export_action, self.filter_action, *self.pane_actions):
            action.setEnabled(enabled)

    # ------------------------------------------------------------------------------------------ session
    @property
    def client(self) -> HydrobitClient | None:
        return self._client

    @property
    def projects(self) -> list[Project]:
        return list(self._projects)

    @property
    def selection(self) -> Selection:
        return self._selection

    @property
    def live(self) -> LiveTelemetry | None:
        return self._live

    @property
    def office(self) -> Office | None:
        return self._office

    def attach(
        self,
        client: HydrobitClient,
        *,
        account: str,
        user_name: str,
        user_id: str,
        live: LiveTelemetry | None = None,
        office: Office | None = None,
        alarms: AlarmService | None = None,
    ) -> None:
        """Use this signed-in client (and its live telemetry and office) from now on. Call `reload()` (or press F5)
        to load the farm."""
        self._client = client
        self._live = live
        self._office = office
        self._attach_alarms(alarms)
        for pane in self._panes.values():
            pane.set_live(live)
        self._server_url = client.config.base_url
        self._loaded_once = False
        self.account_button.show_signed_in(user_name, account, user_id)
        self.sign_in_action.setText(self.tr("&Sign in to another account…"))
        self.sign_out_action.setEnabled(True)
        self.status.set_server(self._server_url)
        self.sync.attach(office, self._server_url)

    def detach(self) -> HydrobitClient | None:
        """Forget the client (the caller closes it) and show the signed-out page."""
        client, self._client = self._client, None
        self._office = None
        self._attach_alarms(None)
        if self._live is not None:
            self._live = None
            for pane in self._panes.values():
                pane.set_live(None)
        self._projects = []
        self._company_names = {}
        self.navigator.set_projects([])
        self.status.set_farm_zone(None)
        self.account_button.show_signed_out()
        self.sign_in_action.setText(self.tr("&Sign in to Hydrobit…"))
        self.sign_out_action.setEnabled(False)
        self.status.set_server(None)
        self.status.set_updated(None)
        self.sync.detach()
        self._cached_since = None
        self._monitor.set_state(ConnectionState.SIGNED_OUT)
        self.show_signed_out()
        return client

    @property
    def ui_state(self) -> UiState:
        return self._ui_state

    # ------------------------------------------------------------------------------------------ alarms
    @property
    def alarms(self) -> AlarmService | None:
        return self._alarms

    def _attach_alarms(self, alarms: AlarmService | None) -> None:
        if self._alarms is not None:
            self._alarms.changed.disconnect(self._show_alarm_count)
        self._alarms = alarms
        if alarms is not None:
            alarms.changed.connect(self._show_alarm_count)
        self.alarms_action.setEnabled(alarms is not None)
        if self.alarms_dialog is not None and isValid(self.alarms_dialog):
            self.alarms_dialog.set_center(alarms)
        self._show_alarm_count()

    def _show_alarm_count(self) -> None:
        from hydrodesk.ui.irrigation.models import alarm_title

        attention = self._alarms.needing_attention() if self._alarms is not None else []
        newest = f"{alarm_title(self, attention[-1].kind)} — {attention[-1].subject}" if attention else ""
        self.status.set_alarm_count(len(attention), newest)

    def open_alarms(self) -> AlarmsDialog | None:
        """Ctrl+Shift+A (or the status bar's badge): the alarm journal, wherever the user is."""
        from hydrodesk.ui.alarms.dialog import AlarmsDialog

        if self._alarms is None:
            return None
        if self.alarms_dialog is not None and isValid(self.alarms_dialog):
            self.alarms_dialog.show()  # closed before: hidden, not gone
            self.alarms_dialog.raise_()
            self.alarms_dialog.activateWindow()
            return self.alarms_dialog
        dialog = AlarmsDialog(self._alarms, self._themes.current, self)
        dialog.rules_requested.connect(self.open_alarm_rules)
        self.alarms_dialog = dialog
        dialog.open()  # never exec(): it would nest an event loop inside the asyncio loop
        return dialog

    def open_alarm_rules(self) -> QWidget | None:
        """The alarm thresholds per valve, the battery level and the sound (from the journal's "Alarm rules…")."""
        from hydrodesk.ui.alarms.rules_dialog import AlarmRulesDialog

        if self._alarms is None:
            return None
        dialog = AlarmRulesDialog(self._alarms, self._tasks, self)
        dialog.open()
        return dialog

    def request_reload(self) -> None:
        """F5: reload the farm in the background (ignored while signed out)."""
        if self._client is not None:
            self._tasks.spawn(self.reload(), name="reload-farm")

    async def reload(self) -> bool:
        """Fetch the projects and sectors and show them; on failure say what went wrong and what to do."""
        from hydrodesk.api.errors import ApiError

        client = self._client
        if client is None:
            return False
        self.refresh_action.setEnabled(False)
        if not self._loaded_once:
            self.show_busy(
                self.tr("Loading your farm…"),
                self.tr("Fetching projects and sectors from {server}.").format(server=self._server_url),
            )
        try:
            projects = await self._monitor.call(client.list_projects())
        except ApiError as error:
            if client is self._client and await self._show_cached_farm(error):
                self.load_finished.emit(True)
                return True
            if client is self._client:
                self._show_load_error(error)
                self.load_finished.emit(False)
            return False
        finally:
            self.refresh_action.setEnabled(True)
        if client is not self._client:
            return False  # signed out or switched account while the request was in flight
        self._cached_since = None
        if self._office is not None:
            from hydrodesk.sync.farm_cache import remember_farm

            try:
                await remember_farm(self._office.store, projects)  # what an offline start will show
            except Exception:  # a full disk must not hide a farm that did load
                log.exception("could not save the farm to the local cache")
        self._company_names = await self._load_company_names(client)
        if client is not self._client:
            return False
        self._show_projects(projects)
        log.info("loaded %d projects from %s", len(projects), self._server_url)
        if len(projects) == 1:
            self.status.showMessage(self.tr("Loaded 1 project"), 5000)
        else:
            self.status.showMessage(self.tr("Loaded {count} projects").format(count=len(projects)), 5000)
        pane = self._panes.get(self._current_pane.name)
        if pane is not None:
            await pane.refresh()
        self.load_finished.emit(True)
        return True

    async def _load_company_names(self, client: HydrobitClient) -> dict[str, str]:
        """company_id -> name: what companies/me says now (saved for offline use), else what the cache knows.

        A server without the (provisional) operation, or one that fails it, leaves the company shown by its id.
        """
        from hydrodesk.api.errors import ApiError

        office = self._office
        names: dict[str, str] = {}
        if office is not None:
            try:
                names = await office.store.company_names()
            except Exception:  # an unreadable cache must not hide a farm that did load
                log.exception("could not read the company names from the local cache")
        try:
            company = await self._monitor.call(client.get_my_company())
        except ApiError as error:
            log.info("the company's name could not be loaded: %s", error)
            return names
        names[company.company_id] = company.name
        if office is not None:
            from hydrodesk.sync.farm_cache import remember_company

            try:
                await remember_company(office.store, company)
            except Exception:  # likewise for a full disk
                log.exception("could not save the company to the local cache")
        return names

    def _show_projects(self, projects: list[Project]) -> None:
        self._projects = list(projects)
        if self._alarms is not None:
            self._alarms.watch_projects(projects)  # every valve of the farm, watched whatever pane is open
        self.status.set_farm_zone(self.farm_zone)
        self._loaded_once = True
        self.banner.setVisible(False)
        self.status.set_updated(datetime.now(UTC))
        if not projects:
            self.navigator.set_projects([])
            self.show_state(
                title=self.tr("No projects yet"),
                message=self.tr(
                    "This Hydrobit account has no projects. Ask your Hydrobit administrator to add you to one, "
                    "then press F5."
                ),
                icon="empty",
            )
            self._set_data_actions_enabled(False)
            return
        wanted = self._selection_ids() or self._ui_state.selection
        if self._live is not None:
            # The last day of telemetry behind the live stream: the selected project first.
            first = wanted[0] if wanted else None
            self._live.load_history(sorted((p.project_id for p in projects), key=lambda pid: pid != first))
        self._ensure_pane(self._current_pane)
        self.central.setCurrentIndex(PANE_PAGE)
        self._set_data_actions_enabled(True)
        self.navigator.set_projects(projects, wanted, self._company_names)
        if self._fit_navigator:
            self._fit_navigator = False
            # Once the tree has laid out the farm's names (and the window its docks).
            QTimer.singleShot(0, self, self._fit_navigator_width)

    @property
    def showing_cached_since(self) -> datetime | None:
        """When the farm on screen was saved, if it came from this computer's cache (the server was not reached)."""
        return self._cached_since

    async def _show_cached_farm(self, error: Exception) -> bool:
        """Offline start: show the farm as last saved on this computer, say so and why; False when none is saved."""
        from hydrodesk.sync.farm_cache import cached_farm
        from hydrodesk.ui.offline_text import cached_farm_banner

        office = self._office
        if office is not None and self._cached_since is not None and self._projects:
            # Still offline (F5): the cached farm stays, and the banner says why again.
            self.banner.setText(cached_farm_banner(error, self._server_url, self._cached_since, self.farm_zone))
            self.banner.setVisible(True)
            return True
        if office is None or (self._loaded_once and self._projects):
            return False  # no office, or the server's farm is on screen already (_show_load_error marks it)
        farm = await cached_farm(office.store)
        if farm is None or office is not self._office:
            return False
        self._company_names = farm.company_names
        self._show_projects(farm.projects)
        self._cached_since = farm.saved_at or datetime.now(UTC)
        self.banner.setText(cached_farm_banner(error, self._server_url, farm.saved_at, self.farm_zone))
        self.banner.setVisible(True)
        log.info("showing %d cached projects (the server could not be reached)", len(farm.projects))
        pane = self._panes.get(self._current_pane.name)
        if pane is not None:
            await pane.refresh()
        return True

    def _selection_ids(self) -> tuple[str | None, str | None] | None:
        project, sector = self._selection.project, self._selection.sector
        if project is None:
            return None
        return project.project_id, sector.sector_id if sector else None

    def _show_load_error(self, error: Exception) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.ui.error_text import describe_error

        assert isinstance(error, ApiError)
        text = describe_error(error, self._server_url)
        if self._loaded_once and self._projects:
            # Keep what was loaded on screen, clearly marked as possibly out of date.
            self.banner.setText(f"{text.title}. {text.message}")
            self.banner.setVisible(True)
            return
        if text.icon == "signed-out":
            self.show_state(
                title=text.title,
                message=text.message,
                icon=text.icon,
                tone="error",
                action=self.tr("Sign in…"),
                action_id="sign-in",
            )
        else:
            self.show_state(
                title=text.title,
                message=text.message,
                icon=text.icon,
                tone="error",
                action=self.tr("Retry"),
                action_id="retry",
            )

    # ------------------------------------------------------------------------------------------ states
    def show_busy(self, title: str, message: str = "") -> None:
        self.show_state(title=title, message=message, icon="loading", busy=True)

    def show_signed_out(self) -> None:
        self.show_state(
            title=self.tr("Not signed in"),
            message=self.tr(
                "Sign in to your Hydrobit account to see your farm, or start HydroDesk with --demo to explore the "
                "demo farm."
            ),
            icon="signed-out",
            action=self.tr("Sign in…"),
            action_id="sign-in",
        )

    def show_state(
        self,
        *,
        title: str,
        message: str,
        icon: str = "error",
        busy: bool = False,
        action: str | None = None,
        action_id: str | None = None,
        detail: str = "",
        tone: str = "neutral",
    ) -> None:
        """Replace the central area with a state page (loading, empty, error)."""
        self._state_action = action_id
        theme = self._themes.current
        color = theme.tokens["error"] if tone == "error" else theme.tokens["muted"]
        pixmap = svg_pixmap(icon, self._icon_size(56), color)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.state_page.show_state(
            title=title, message=message, icon=pixmap, busy=busy, action=action, detail=detail, tone=tone
        )
        self.central.setCurrentIndex(STATE_PAGE)
        self.banner.setVisible(False)
        self._set_data_actions_enabled(False)

    def _icon_size(self, size: int) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(size * ratio), round(size * ratio))

    def _on_state_action(self) -> None:
        if self._state_action == "sign-in":
            self.sign_in_requested.emit()
        elif self._state_action == "retry":
            self.request_reload()

    @property
    def showing_data(self) -> bool:
        return self.central.currentIndex() == PANE_PAGE

    # ------------------------------------------------------------------------------------------ panes
    def open_pane(self, name: str) -> bool:
        spec = find_pane(name)
        if spec is None:
            return False
        self._current_pane = spec
        self._ui_state.last_pane = spec.name
        self.navigator.mark_pane(spec)
        if self._projects:
            pane = self._ensure_pane(spec)
            self.pane_host.setCurrentWidget(pane)
            self.central.setCurrentIndex(PANE_PAGE)
        return True

    def open_sector_timeline(self, project_id: str, sector_id: str) -> bool:
        """Select the sector and show its timeline (its home view); False when the farm has no such sector."""
        if not self.navigator.select(project_id, sector_id):
            return False
        return self.open_pane("timeline")

    def open_default_sector_timeline(self) -> bool:
        """The timeline of the selected sector, else of the selected (or first) project's first sector."""
        if self._selection.sector is not None and self._selection.project is not None:
            return self.open_sector_timeline(self._selection.project.project_id, self._selection.sector.sector_id)
        projects = [self._selection.project] if self._selection.project is not None else self._projects
        project = next((p for p in projects if p is not None and p.sectors), None)
        return project is not None and self.open_sector_timeline(project.project_id, project.sectors[0].sector_id)

    def show_session_tallies(self, session_id: str) -> None:
        """A pane asked to see a session's tallies (the sessions pane's "Open tallies")."""
        if not self.open_pane("tallies"):
            return
        tallies = self.pane("tallies")
        if tallies is not None:  # None until the farm has loaded
            tallies.show_session(session_id)

    def pane(self, name: str) -> Pane | None:
        """The pane called `name` if it has been created (panes are built the first time they are shown)."""
        return self._panes.get(name)

    @property
    def current_pane(self) -> Pane | None:
        return self._panes.get(self._current_pane.name)

    def _ensure_pane(self, spec: PaneSpec) -> Pane:
        pane = self._panes.get(spec.name)
        if pane is None:
            pane = spec.load_class()(self._pane_context, self.pane_host)
            pane.setObjectName(f"{spec.name}-pane")
            pane.status_message.connect(lambda text: self.status.showMessage(text, 8000))
            pane.sector_activated.connect(self.navigator.select)
            pane.session_activated.connect(self.show_session_tallies)
            pane.sector_opened.connect(self.open_sector_timeline)
            pane.set_selection(self._selection)
            self._panes[spec.name] = pane
            self.pane_host.addWidget(pane)
            self._restore_splitters(spec.name, pane)
            for table in pane.findChildren(DataTable):  # a printout says which pane it comes from
                table.title = table.title or QCoreApplication.translate(PANE_CONTEXT, spec.title)
        self.pane_host.setCurrentWidget(pane)
        return pane

    @property
    def farm_zone(self) -> str | None:
        """The timezone whose clock the window's own times follow: the selected project's, else the one all the
        projects share; None (this computer's clock) when they differ or no farm is loaded."""
        if self._selection.project is not None:
            return self._selection.project.timezone
        zones = {project.timezone for project in self._projects}
        return zones.pop() if len(zones) == 1 else None

    def _on_selection_changed(self, project: Project | None, sector: Sector | None) -> None:
        self._selection = Selection(project, sector)
        self.status.set_farm_zone(self.farm_zone)
        if project is not None:
            self._ui_state.selection = (project.project_id, sector.sector_id if sector else None)
            self.setWindowTitle(f"{project.name} — HydroDesk")
        else:
            self.setWindowTitle("HydroDesk")
        for pane in self._panes.values():
            pane.set_selection(self._selection)

    def _focus_filter(self) -> None:
        pane = self.current_pane
        if pane is not None and self.showing_data:
            pane.focus_filter()

    def _export_current_table(self) -> None:
        pane = self.current_pane
        if pane is not None and self.showing_data:
            pane.export_table()

    # ------------------------------------------------------------------------------------------ theme
    def _on_theme_chosen(self, action: QAction) -> None:
        choice = str(action.data())
        self._ui_state.theme = choice
        self._themes.apply(choice)

    def _apply_theme(self, theme: Theme) -> None:
        for action in self.theme_actions.actions():  # the menu shows the choice, whoever made it (Settings too)
            action.setChecked(action.data() == self._themes.choice)
        color = theme.tokens["icon"]
        self.refresh_action.setIcon(themed_icon("refresh", color))
        self.export_action.setIcon(themed_icon("export", color))
        self.sign_in_action.setIcon(themed_icon("account", color))
        self.account_button.setIcon(themed_icon("account", color))
        self.quit_action.setIcon(themed_icon("quit", color))
        self.filter_action.setIcon(themed_icon("search", color))
        self.sync.sync_action.setIcon(themed_icon("sync", color))
        self.about_action.setIcon(themed_icon("about", color))
        for action, spec in zip(self.pane_actions, PANES, strict=True):
            action.setIcon(themed_icon(spec.icon, color))
        self.navigator.set_pane_icons({spec.name: themed_icon(spec.icon, color) for spec in PANES})
        self.navigator.set_tree_icons({kind: themed_icon(kind.value, color) for kind in NodeKind})
        self.banner.setStyleSheet(
            f"QLabel#Banner {{ background: {theme.tokens['accent_soft']}; color: {theme.tokens['error']};"
            f" padding: 8px 24px; border-bottom: 1px solid {theme.tokens['border']}; }}"
        )
        for pane in self._panes.values():
            pane.apply_theme(theme)

    # ------------------------------------------------------------------------------------------ help
    def global_keys(self) -> list[KeyHelp]:
        """The window's own shortcuts, read from its actions (the F1 sheet's "Everywhere" lines)."""
        holder = QWidget()  # bound_keys reads a widget's actions: lend it the window's, not its panes'
        holder.addActions(
            [
                *self.pane_actions,
                self.refresh_action,
                self.filter_action,
                self.export_action,
                self.sync.sync_action,
                self.alarms_action,
                self.settings_action,
                self.help_action,
                self.quit_action,
            ]
        )
        return bound_keys(holder)

    def show_shortcut_sheet(self) -> ShortcutSheet:
        """F1: this pane's shortcuts, a table's, the window's, and a few words on how the pane works."""
        from hydrodesk.ui.shortcut_sheet import ShortcutSheet  # here: the first paint pays for no help
        from hydrodesk.ui.widgets.data_table import table_keys

        if self.shortcut_sheet is not None and isValid(self.shortcut_sheet):
            self.shortcut_sheet.close()
        spec = self._current_pane
        title = QCoreApplication.translate(PANE_CONTEXT, spec.title)
        pane = self._panes.get(spec.name) if self.showing_data else None
        sheet = ShortcutSheet(
            pane_title=title,
            help_text=pane.help_text() if pane is not None else "",
            sections=[
                (title, pane.key_help() if pane is not None else []),
                (self.tr("In a table"), table_keys()),
                (self.tr("Everywhere"), self.global_keys()),
            ],
            parent=self,
        )
        self.shortcut_sheet = sheet
        sheet.open()
        return sheet

    # ------------------------------------------------------------------------------------------ settings
    def open_settings(self) -> SettingsDialog:
        """Ctrl+,: the Settings dialog (one at a time)."""
        from hydrodesk.ui.settings import SettingsContext
        from hydrodesk.ui.settings.dialog import SettingsDialog

        if self.settings_dialog is not None and isValid(self.settings_dialog):
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        context = SettingsContext(
            ui_state=self._ui_state,
            themes=self._themes,
            tasks=self._tasks,
            paths=self.paths,
            office=lambda: self._office,
            cache_cleared=self.request_reload,
            limits_changed=self._on_limits_changed,
            project=self._selected_project,
            profiles_page=self.profiles_page_factory,
        )
        dialog = SettingsDialog(context, self)
        self.settings_dialog = dialog
        # open(), not exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        dialog.open()
        return dialog

    def _selected_project(self) -> tuple[str, str] | None:
        project = self._selection.project
        return None if project is None else (project.project_id, project.name)

    def _on_limits_changed(self, limits: IrrigationLimits) -> None:
        if self._alarms is not None:
            self._alarms.limits = limits
        pane = self._panes.get("irrigation")
        if pane is not None:
            pane.limits = limits  # type: ignore[attr-defined]  # the irrigation pane reads them on every check

    def check_for_updates(self) -> UpdateDialog:
        """Help > Check for Updates: the release feed from Settings, compared with this version; never installs."""
        from hydrodesk.diagnostics.version import running_version
        from hydrodesk.ui.update_dialog import UpdateDialog

        if self.update_dialog is not None and isValid(self.update_dialog):
            self.update_dialog.close()
        dialog = UpdateDialog(self._ui_state.update_feed_url, running_version(), self._tasks, self)
        self.update_dialog = dialog
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        """Help > Open Log Folder: the file manager on the folder of the log and the crash reports."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.paths is None:
            return False
        folder = self.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.status.showMessage(self.tr("The log folder is {folder}").format(folder=folder), 15000)
        return opened

    # ------------------------------------------------------------------------------------------ about
    def _show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About HydroDesk"))
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setText(f"<b>HydroDesk {__version__}</b>")
        box.setInformativeText(
            self.tr(
                "The desktop console for farm offices on the Hydrobit platform: production, workers, "
                "scouting, irrigation and weather, online or off."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------------------------------ UI state
    def _restore_ui_state(self) -> None:
        geometry = self._ui_state.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self._fill_screen()
        elif self.isMaximized():
            # restoreGeometry() puts a maximized window at its normal geometry pushed down by a guessed title bar,
            # which only a window manager corrects; fill the screen ourselves (the normal geometry stays as saved).
            self._fill_screen()
        state = self._ui_state.window_state
        # First start: the navigator as narrow as its names allow (again once the farm's names are known).
        self._fit_navigator = state is None or not self.restoreState(state)
        if self._fit_navigator:
            self._fit_navigator_width()
        last = self._ui_state.last_pane
        spec = find_pane(last) if last else None
        self._current_pane = spec or PANES[0]
        self.navigator.mark_pane(self._current_pane)

    def _fill_screen(self) -> None:
        """First start: the whole screen. Farm offices run 1366×768 laptops, where any fixed size is wrong; the
        geometry is set as well as the maximized state because without a window manager (Xvfb, kiosks) nothing
        acts on the state."""
        screen = QGuiApplication.screenAt(self.geometry().center()) or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fit_navigator_width(self) -> None:
        self.resizeDocks([self.navigator], [self.navigator.preferred_width()], Qt.Orientation.Horizontal)

    def _restore_splitters(self, pane_name: str, pane: Pane) -> None:
        """Put a pane's splitters where the user left them and hide the table columns the user hid (named ones
        only: the name is their key)."""
        for splitter in pane.findChildren(QSplitter):
            state = self._ui_state.splitter(pane_name, splitter.objectName()) if splitter.objectName() else None
            if state is not None:
                splitter.restoreState(state)
        for table in self._named_tables(pane):
            hidden = self._ui_state.hidden_columns(pane_name, table.objectName())
            if hidden is not None:
                table.set_hidden_columns(hidden)
                table.columns_chosen = True

    @staticmethod
    def _named_tables(pane: Pane) -> list[DataTable]:
        return [table for table in pane.findChildren(DataTable) if table.objectName()]

    def save_ui_state(self) -> None:
        self._ui_state.save_window(self.saveGeometry(), self.saveState())
        for name, pane in self._panes.items():
            for splitter in pane.findChildren(QSplitter):
                # A balanced splitter the user never moved follows its tables next time too.
                if splitter.objectName() and getattr(splitter, "user_sized", True):
                    self._ui_state.save_splitter(name, splitter.objectName(), splitter.saveState())
            for table in self._named_tables(pane):
                if table.columns_chosen:  # else the pane's defaults apply next time, whatever they are then
                    self._ui_state.save_hidden_columns(name, table.objectName(), table.hidden_columns())
        self._ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_ui_state()
        super().closeEvent(event)
