"""Loading a sector's timeline: the days shown, read from the office's cache at once and fetched from the server in
the background (with progress), each reload dropping a result that is no longer wanted."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.domain.timeline import Window
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.timeline.readout import scouting_text

if TYPE_CHECKING:
    pass

log = logging.getLogger("hydrodesk.ui.panes.timeline")  # the name the log has always used for these lines

CHART_PAGE, STATE_PAGE = 0, 1  # the pane's pages: the timeline, or a state page


class TimelineLoading(Mixin):
    """A mixin of TimelinePane: reloads the timeline for the sector and days chosen."""

    # ------------------------------------------------------------------------------------------ loading
    def reload_in_background(self) -> None:
        self._update_heading()
        if self._sector is None or self._project is None:
            self._show_pick_sector()
            return
        self.context.tasks.spawn_if_open(self.reload(), name="timeline-reload")

    async def reload(self, *, force: bool = False) -> bool:
        """Draw the cached days, fetch the missing ones (every day with `force`), draw again. False when the
        fetch failed (the cached days stay on screen) or another reload took over."""
        from hydrodesk.api.errors import ApiError
        from hydrodesk.sync import timeline_data as data
        from hydrodesk.ui.error_text import user_message

        office, project, sector, window = self.context.office(), self._project, self._sector, self._window
        if project is None or sector is None or window is None:
            self._show_pick_sector()
            return False
        if office is None:
            self._show_problem(self.tr("Sign in to see the sector's timeline."), tone="neutral")
            return False
        await self._followed_book.follow(office, project.company_id)
        self._load_number += 1
        self._reload_started = time.monotonic()
        number = self._load_number
        ref = data.SectorRef(project.project_id, sector.sector_id)
        store = office.store

        def current() -> bool:
            return number == self._load_number

        marks = await data.day_marks(store, ref.sector_id, window)
        await self._show_cached(store, ref, window, current)
        missing = data.missing_days(marks, window, refetch_after=timedelta(0) if force else None)
        client = self.context.client()
        if not current():
            return False
        if not missing or client is None:
            self._loading = False
            self.progress.setVisible(False)
            self._show_age(data.cached_since(marks), fetched_now=False)
            self._announce_ready()
            return client is not None
        self._loading = True
        self._show_progress(0, 1, "start")
        try:
            denied = await data.fetch_window(
                office.engine.refresher,
                ref,
                window,
                progress=lambda done, total, what: current() and self._show_progress(done, total, what),
                call=self.context.monitor.call,
            )
        except ApiError as error:
            if current():
                self._loading = False
                self.progress.setVisible(False)
                marks = await data.day_marks(store, ref.sector_id, window)
                self._show_fetch_failed(user_message(error), data.cached_since(marks))
                self._announce_ready()
            return False
        if not current():
            return False
        self._loading = False
        self.progress.setVisible(False)
        self._denied = frozenset(denied)
        await self._show_cached(store, ref, window, current)
        self._show_age(None, fetched_now=True)
        self._announce_ready()
        return True

    async def _show_cached(self, store: Any, ref: Any, window: Window, current: Any) -> None:
        from hydrodesk.sync.timeline_data import cached_timeline

        timeline = await cached_timeline(store, ref, window, datetime.now(UTC), self.threshold_book)
        if not current():
            return
        self._timeline = timeline
        log.info(
            "timeline of %s for %s..%s: %d runs, %d commands, %d moisture points, %d weather points, "
            "%d scouting points, %d harvest sessions, %d harvest hours",
            ref.sector_id,
            window.first,
            window.last,
            len(timeline.runs),
            len(timeline.commands),
            sum(len(line.ts) for line in timeline.moisture),
            len(timeline.rain.ts) + len(timeline.et0.ts),
            len(timeline.scouting),
            len(timeline.harvests),
            len(timeline.hourly_units),
        )
        marks = {mark.record_id: mark for mark in timeline.scouting}
        zone = self._zone()
        self.chart.scout_tip = lambda record_id: scouting_text(marks[record_id], zone) if record_id in marks else ""
        self.chart.set_timeline(timeline, zone, self._denied)
        self.stack.setCurrentIndex(CHART_PAGE)
        self._show_hint()

    def set_threshold_book(self, book: ThresholdBook) -> None:
        """Use the company's thresholds (the lead wires the scouting pane's stored ones here); recolours at once."""
        self.threshold_book = book
        if self._timeline is not None:
            self.reload_in_background()

    def _announce_ready(self) -> None:
        if not self._ready:
            self._ready = True
            self.data_ready.emit()
