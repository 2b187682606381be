"""Loading the weather pane: the station's readings for the range chosen, from the office's cache at once and from
the server in the background (with progress after a second); a failure keeps what the cache has and says why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from shiboken6 import isValid

from hydrodesk.ui.icons import svg_pixmap
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.weather.showing import STATE_PAGE

if TYPE_CHECKING:
    from hydrodesk.sync.weather_range import WeatherRange


class WeatherLoading(Mixin):
    """A mixin of WeatherPane: reloads the readings for the station and range chosen."""

    # ------------------------------------------------------------------------------------------ loading
    def reload_in_background(self) -> None:
        if not self.isVisible():
            self._load_when_shown = True
            return
        if self.context.office() is None or self._project is None:
            self._show_nothing_to_load()  # nothing to fetch: no task (none may start while signing out)
            return
        self.context.tasks.spawn_if_open(self.load(), name="weather-load")

    def _show_nothing_to_load(self) -> None:
        self._generation += 1  # an answer still on its way is for a selection no longer shown
        if self.context.office() is None:
            self._show_state(
                self.tr("Sign in to see the weather"),
                self.tr("Weather and soil readings come from the Hydrobit server once you are signed in."),
            )
        else:
            self._show_state(
                self.tr("Choose a project"),
                self.tr("Pick a project or one of its sectors in the navigator on the left."),
            )

    async def load(self) -> None:
        """Show the cached copy of the range at once, then fetch it and show the fresh one."""
        from hydrodesk.api.errors import ApiError
        from hydrodesk.sync.weather_range import cached_range, fetch_range
        from hydrodesk.ui.error_text import user_message

        office, project, sector = self.context.office(), self._project, self._sector
        if office is None or project is None:
            self._show_nothing_to_load()
            return
        self._generation += 1
        generation = self._generation
        sector_id = sector.sector_id if sector is not None else None
        start, end = self.range_bounds()
        if self._data is None:  # say so at once: on a busy computer even the cached copy can take a moment
            self._show_state(self.tr("Fetching the readings…"), "", busy=True)
        cached = await cached_range(office.store, project.project_id, sector_id, start, end)
        if generation != self._generation or not isValid(self):
            return
        same_range = self._data is not None and self._data.start == start
        if not cached.empty and not same_range:  # the range on screen stays there while its newest readings come
            self._show_data(cached, fresh=False)
        elif self._data is None or self._data.start != start:
            self._show_state(self.tr("Fetching the readings…"), "", busy=True)
        self.progress.setRange(0, 0)
        self._progress_timer.start()
        try:
            found = await self.context.monitor.call(
                fetch_range(
                    office.engine.refresher,
                    project.project_id,
                    sector_id,
                    start,
                    end,
                    progress=lambda done, total: self._on_progress(generation, done, total),
                )
            )
        except ApiError as error:
            if generation == self._generation and isValid(self):
                self._end_progress()
                self._show_failure(cached, user_message(error))
            return
        if generation != self._generation or not isValid(self):
            return
        self._end_progress()
        self.banner.setVisible(False)
        self._show_data(found, fresh=True)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and isValid(self):
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _end_progress(self) -> None:
        self._progress_timer.stop()
        self.progress.setVisible(False)

    def _show_failure(self, cached: WeatherRange, reason: str) -> None:
        if not cached.empty:
            self.banner.setText(
                self.tr(
                    "The server could not be reached ({reason}). Showing the readings saved on this computer; "
                    "press F5 to try again."
                ).format(reason=reason)
            )
            self.banner.setVisible(True)
            self._mark_ready()
            return
        self._show_state(
            self.tr("The readings could not be fetched"),
            self.tr("{reason} Nothing of this range is saved on this computer yet. Press F5 to try again.").format(
                reason=reason
            ),
            error=True,
        )
        self._mark_ready()

    def _show_state(self, title: str, message: str, *, busy: bool = False, error: bool = False) -> None:
        icon = "error" if error else "loading" if busy else "empty"
        color = self._error_color if error else self._state_icon_color
        self.state_page.show_state(
            title=title,
            message=message,
            icon=svg_pixmap(icon, QSize(48, 48), color),
            busy=busy,
            tone="error" if error else "neutral",
        )
        self.chart_stack.setCurrentIndex(STATE_PAGE)
        if not busy:
            self._data = None
            self._shown_start = None
            self._columns = {}
            self.daily_model.set_rows([])
            self._update_heading()

    def _mark_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.data_ready.emit()
