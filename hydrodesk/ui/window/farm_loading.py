"""Loading the farm into the main window: from the server, else from this computer's cache (offline), else a
state page that says what went wrong and what to do."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from hydrodesk.domain.shutdown import ShuttingDown
from hydrodesk.ui.mixin import Mixin

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project

log = logging.getLogger("hydrodesk.ui.main_window")  # the name the log has always used for these lines

STATE_PAGE, PANE_PAGE = 0, 1  # the central stack's pages


class FarmLoading(Mixin):
    """F5 and every sign-in: fetch the projects and sectors (and the company's name) and show them."""

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
            self.refresh_action.setEnabled(self._client is not None)
        if client is not self._client:
            return False  # signed out or switched account while the request was in flight
        self._cached_since = None
        if self._office is not None:
            from hydrodesk.sync.farm_cache import remember_farm

            try:
                await remember_farm(self._office.store, projects)  # what an offline start will show
            except ShuttingDown:
                raise  # signed out meanwhile: the task ends quietly (hydrodesk.ui.tasks)
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
            except ShuttingDown:
                raise  # signed out meanwhile: the task ends quietly (hydrodesk.ui.tasks)
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
            except ShuttingDown:
                raise  # signed out while the company was on its way: nothing to keep, nothing to report
            except Exception:  # likewise for a full disk
                log.exception("could not save the company to the local cache")
        return names

    def _show_projects(self, projects: list[Project]) -> None:
        self._projects = list(projects)
        if self._alarms is not None:
            self._alarms.watch_projects(projects)  # every valve of the farm, watched whatever pane is open
        self.show_farm_zone(self.farm_zone)
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
