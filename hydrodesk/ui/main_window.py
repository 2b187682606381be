"""The main window: navigator dock, the central pane (or a state page), menus, shortcuts and the status bar.

It knows nothing of where its session comes from (demo or a real account): it is handed a signed-in API client
with `attach()` and loads the farm with `reload()`. Its parts live in hydrodesk.ui.window: the menus and actions
(WindowMenus), the dialogs it opens (WindowDialogs), loading the farm (FarmLoading) and remembering its layout
(LayoutMemory); this module holds the window itself, its session, its state pages and its panes. The start-up
builds it in two steps, the frame and then its parts (`frame_first`, `complete`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.ui.connection import ConnectionMonitor, ConnectionState
from hydrodesk.ui.icons import app_icon, svg_pixmap
from hydrodesk.ui.panes import PANE_CONTEXT, PANES, PaneSpec, find_pane
from hydrodesk.ui.panes.base import Pane, PaneContext, Selection
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.ui_state import UiState
from hydrodesk.ui.window.dialogs import WindowDialogs
from hydrodesk.ui.window.farm_loading import PANE_PAGE, STATE_PAGE, FarmLoading
from hydrodesk.ui.window.layout_memory import LayoutMemory
from hydrodesk.ui.window.menus import WindowMenus

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project, Sector
    from hydrodesk.app_paths import AppPaths
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.alarms.dialog import AlarmsDialog
    from hydrodesk.ui.alarms.service import AlarmService
    from hydrodesk.ui.live.telemetry import LiveTelemetry

log = logging.getLogger(__name__)


class MainWindow(WindowMenus, WindowDialogs, FarmLoading, LayoutMemory, QMainWindow):
    load_finished = Signal(bool)  # after every load of the farm: True when it succeeded
    sign_in_requested = Signal()
    demo_requested = Signal()  # "Explore the demo farm", from the signed-out page
    sign_out_requested = Signal()
    reconnect_requested = Signal()  # "Try again" after the local cache would not open: the same account again
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
        frame_first: bool = False,
    ) -> None:
        """`frame_first`: build only the frame (its size and place, title, icon and the theme's colour) and leave
        the rest to `complete()`; the start-up paints the frame and completes it right after (see `complete`)."""
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
        self._save_on_close = True
        self._panes: dict[str, Pane] = {}
        self._current_pane: PaneSpec = PANES[0]
        self._selection = Selection()
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
        self._cached_since: datetime | None = None
        self._fit_navigator = False
        self._complete = False
        self._restore_geometry()  # before the first paint, so the window appears where it will stay
        if not frame_first:
            self.complete()

    @property
    def is_complete(self) -> bool:
        return self._complete

    def complete(self) -> None:
        """Build the window's parts: the navigator, the state page and the pane stack, the status bar, the actions,
        menus and toolbar; then restore their layout and show the signed-out page. Once; later calls do nothing.

        HydroDesk's start-up shows the bare frame first (an empty window in the theme's colour, where it will stay)
        and calls this right after the frame's first paint: the window is on screen some 30 ms sooner on the bench's
        machine, and the parts' modules are imported here, after that paint (bench/startup.py times both paints)."""
        if self._complete:
            return
        self._complete = True
        from hydrodesk.ui.focus_return import FocusReturn
        from hydrodesk.ui.navigator import Navigator
        from hydrodesk.ui.status_bar import AppStatusBar
        from hydrodesk.ui.sync_status import OfficeSync
        from hydrodesk.ui.widgets.state_page import StatePage

        monitor, tasks, themes = self._monitor, self._tasks, self._themes

        self.navigator = Navigator(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigator)
        self.navigator.pane_chosen.connect(self.open_pane)
        self.navigator.selection_changed.connect(self._on_selection_changed)
        self.navigator.sector_opened.connect(self.open_sector_timeline)

        self.state_page = StatePage(self)
        self.state_page.action_triggered.connect(lambda: self._run_state_action(self._state_action))
        self.state_page.second_action_triggered.connect(lambda: self._run_state_action(self._second_state_action))
        self._state_action: str | None = None
        self._second_state_action: str | None = None
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
        # Now, not at the next turn of the loop as Qt shows a child added to a shown window (the frame): the docks'
        # layout restored below would give a hidden centre's room to the navigator.
        body.show()

        self.status = AppStatusBar(self)
        self.setStatusBar(self.status)
        monitor.state_changed.connect(self.status.set_connection_state)
        # The office's sync engine speaks for the connection while one is attached (see hydrodesk.ui.sync_status).
        self.sync = OfficeSync(self.status, monitor, tasks, self)
        self.sync.reconnected.connect(self.request_reload)
        self.sync.outbox_requested.connect(lambda: self.open_pane("outbox"))
        self.status.alarms_requested.connect(self.open_alarms)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.focus_return = FocusReturn(app, self)  # a closed dialog gives the keyboard back where it was
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        themes.theme_changed.connect(self._apply_theme)
        self._apply_theme(themes.current)
        self._restore_layout()
        self.show_signed_out()

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
        self.refresh_action.setEnabled(True)
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
        self.show_farm_zone(None)
        self.account_button.show_signed_out()
        self.sign_in_action.setText(self.tr("&Sign in to Hydrobit…"))
        self.sign_out_action.setEnabled(False)
        self.refresh_action.setEnabled(False)  # nothing to reload until someone signs in
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

    # ------------------------------------------------------------------------------------------ states
    def show_busy(self, title: str, message: str = "") -> None:
        self.show_state(title=title, message=message, icon="loading", busy=True)

    def show_signed_out(self) -> None:
        self.show_state(
            title=self.tr("Not signed in"),
            message=self.tr(
                "Sign in to your Hydrobit account to see your farm, or explore the demo farm: a farm at work, kept "
                "on this computer, where nothing reaches Hydrobit."
            ),
            icon="signed-out",
            action=self.tr("Sign in…"),
            action_id="sign-in",
            second_action=self.tr("Explore the demo farm"),
            second_action_id="demo",
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
        second_action: str | None = None,
        second_action_id: str | None = None,
        detail: str = "",
        tone: str = "neutral",
    ) -> None:
        """Replace the central area with a state page (loading, empty, error)."""
        self._state_action = action_id
        self._second_state_action = second_action_id
        theme = self._themes.current
        color = theme.tokens["error"] if tone == "error" else theme.tokens["muted"]
        pixmap = svg_pixmap(icon, self._icon_size(56), color)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.state_page.show_state(
            title=title,
            message=message,
            icon=pixmap,
            busy=busy,
            action=action,
            second_action=second_action,
            detail=detail,
            tone=tone,
        )
        self.central.setCurrentIndex(STATE_PAGE)
        self.banner.setVisible(False)
        self._set_data_actions_enabled(False)

    def _icon_size(self, size: int) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(size * ratio), round(size * ratio))

    def _run_state_action(self, action_id: str | None) -> None:
        if action_id == "sign-in":
            self.sign_in_requested.emit()
        elif action_id == "demo":
            self.demo_requested.emit()
        elif action_id == "retry":
            self.request_reload()
        elif action_id == "reconnect":
            self.reconnect_requested.emit()
        elif action_id == "check-updates":
            self.check_for_updates()

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

    def open_new_session(self, project_id: str, sector_id: str) -> None:
        """A pane asked to open a session in this sector (the Tallies pane's "Open a session of your own"): the
        Sessions pane's dialog, on that sector; once it is open, its tallies, where the user was going to record."""
        self.navigator.select(project_id, sector_id or None)
        if not self.open_pane("sessions"):
            return
        sessions = self.pane("sessions")
        opener = getattr(sessions, "open_session_dialog", None)
        if opener is not None:  # None until the farm has loaded
            opener(then_tallies=True)

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
            pane.session_open_requested.connect(self.open_new_session)
            pane.set_selection(self._selection)
            self._panes[spec.name] = pane
            self.pane_host.addWidget(pane)
            self._restore_splitters(spec.name, pane)
            # Imported here, with the first pane that has tables: the signed-out window shows none before its paint.
            from hydrodesk.ui.widgets.data_table import DataTable

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
        self.show_farm_zone(self.farm_zone)
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

    def close_without_saving(self) -> None:
        """Close, leaving the saved layout as it is (another HydroDesk has the account open and will save its own)."""
        self._save_on_close = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._save_on_close and self._complete:  # a frame closed before it was complete has no layout to keep
            self.save_ui_state()
        super().closeEvent(event)
