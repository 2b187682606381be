"""Choosing what the timeline shows: the sector (from the navigator or the pane's own box, any project's) and the
days (a preset such as today or last week, or steps back and forth)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
)

from hydrodesk.domain.timeline import Window, preset_window
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.panes.base import Selection

if TYPE_CHECKING:
    from hydrodesk.api.models import Project, Sector

PRESETS = ("today", "yesterday", "this_week", "last_week")


class SectorAndDaysChoice(Mixin):
    """A mixin of TimelinePane: the sector box, the day presets and the steps between windows of days."""

    # ------------------------------------------------------------------------------------------ choosing
    def open_sector(self, project: Project, sector: Sector) -> None:
        """Show this sector (the main window's `open_sector_timeline`, the map's double-click)."""
        self.set_selection(Selection(project, sector))

    def _fill_sector_box(self, every_project: list[Project] | None = None) -> None:
        """Offer the project's sectors; with the company selected, every cached project's (named with it)."""
        if self._project is not None:
            self._choices = [(self._project, sector) for sector in self._project.sectors]
        else:
            self._choices = [(project, sector) for project in every_project or [] for sector in project.sectors]
            if every_project is None:
                self._offer_every_project()
        self.sector_box.blockSignals(True)
        self.sector_box.clear()
        if self._sector is None:
            self.sector_box.addItem(self.tr("Pick a sector…"))
        for project, sector in self._choices:
            if self._project is None:
                self.sector_box.addItem(
                    self.tr("{project} · {sector}").format(project=project.name, sector=sector.sector_name)
                )
            else:
                self.sector_box.addItem(sector.sector_name)
        if self._sector is not None:
            ids = [sector.sector_id for _, sector in self._choices]
            self.sector_box.setCurrentIndex(ids.index(self._sector.sector_id) if self._sector.sector_id in ids else 0)
        self.sector_box.setEnabled(bool(self._choices))
        self.sector_box.blockSignals(False)

    def _offer_every_project(self) -> None:
        office = self.context.office()
        if office is None:
            return

        async def offer() -> None:
            from hydrodesk.sync.farm_cache import cached_farm

            farm = await cached_farm(office.store)
            if farm is not None and self._project is None:
                self._fill_sector_box(farm.projects)

        self.context.tasks.spawn(offer(), name="timeline-sectors")

    def _on_sector_chosen(self, index: int) -> None:
        offset = 1 if self._sector is None else 0  # the "Pick a sector…" line
        chosen = index - offset
        if 0 <= chosen < len(self._choices):
            project, sector = self._choices[chosen]
            # Through the navigator, so the rest of the window follows the same sector.
            self.sector_activated.emit(project.project_id, sector.sector_id)
            if self._sector is None or self._sector.sector_id != sector.sector_id:
                self.open_sector(project, sector)

    def choose_preset(self, preset: str) -> None:
        self._preset = preset
        self.preset_buttons.select(preset)
        self._reset_window()
        self.reload_in_background()

    def step(self, steps: int) -> None:
        """The day or week before (-1) or after (+1) the one shown."""
        if self._window is None:
            return
        self._preset = None
        self._window = self._window.shifted(steps)
        self._mark_preset()
        self.reload_in_background()

    def _reset_window(self) -> None:
        if self._project is None:
            self._window = None
            return
        preset = self._preset or ("yesterday" if self._window is None or self._window.days == 1 else "this_week")
        if self._preset is None and self._window is not None and self._window.timezone == self._project.timezone:
            return  # a stepped-to day stays chosen when the selection is reloaded
        self._window = preset_window(preset, datetime.now(UTC), self._project.timezone)

    def _mark_preset(self) -> None:
        """Light the preset the shown days happen to be (stepping back from today onto yesterday, say)."""
        if self._window is None or self._project is None:
            return
        now = datetime.now(UTC)
        for preset in PRESETS:
            if preset_window(preset, now, self._project.timezone) == self._window:
                self._preset = preset
                self.preset_buttons.select(preset)
                return
        group = self.preset_buttons.findChild(QButtonGroup)  # no preset is these days: none lit
        if group is not None:
            group.setExclusive(False)
            for preset in PRESETS:
                self.preset_buttons.button(preset).setChecked(False)
            group.setExclusive(True)

    @property
    def days_shown(self) -> Window | None:
        """The farm days on screen (not `window`: that is QWidget's top-level window)."""
        return self._window

    def set_window(self, window: Window) -> None:
        """Show these days (tests and the lead's map hand one in)."""
        self._window = window
        self._preset = None
        self._mark_preset()
        self.reload_in_background()
