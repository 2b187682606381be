"""The Telemetry pane's history: the last day drawn behind the live points (the saved minute rollups, backfilled
per series), older history fetched when the user scrolls back before it, the banner when it could not be loaded,
and the scrub slider through everything held."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from hydrodesk.domain.telemetry import SeriesKey

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QSlider

    from hydrodesk.ui.charts.live_chart import LiveChart
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.panes.base import Selection

HISTORY_S = 86400.0
SCRUB_STEPS = 1000


class TelemetryHistory:
    """Mixed into TelemetryPane (which builds the widgets named below)."""

    chart: LiveChart
    scrub: QSlider
    history_banner: QLabel
    context: Any
    _live: LiveTelemetry | None
    _selection: Selection
    _history_since: float | None
    _older_timer: QTimer

    def _on_history_loaded(self, project_id: str, keys: tuple[SeriesKey, ...]) -> None:
        self._sync_series_tree()
        live = self._live
        if live is not None:
            # The rollups behind these charts changed: draw them again.
            for key in set(keys) & set(self.chart.keys):
                # spawn_if_open: history can still arrive while the app shuts down, with nothing left to draw.
                self.context.tasks.spawn_if_open(
                    self._backfill(live, key), name=f"backfill-{key.device_id}-{key.metric}"
                )
        self._update_history_banner()

    def _on_history_failed(self, project_id: str, _message: str) -> None:
        self._update_history_banner()
        self._update_state()

    def _update_history_banner(self) -> None:
        """Say plainly when the last day could not be fetched (for the project on screen): the charts then show
        only what this computer stored, and the live stream goes on regardless."""
        live = self._live
        project = self._selection.project
        errors = {} if live is None else live.history_errors
        failed = [
            (project_id, message)
            for project_id, message in errors.items()
            if project is None or project_id == project.project_id
        ]
        if not failed:
            self.history_banner.setVisible(False)
            return
        self.history_banner.setText(
            QCoreApplication.translate(
                "TelemetryPane",
                "The last 24 hours could not be loaded from the server: {reason} The charts show what this computer "
                "has stored; live data carries on.",
            ).format(reason=failed[0][1])
        )
        self.history_banner.setVisible(True)

    def _on_view_changed(self, low: float, _high: float) -> None:
        """Scrolled or zoomed back before the day the charts hold: fetch the older history (after a pause)."""
        if self.chart.following or self._live is None:
            return
        if low < time.time() - HISTORY_S and (self._history_since is None or low < self._history_since):
            self._history_since = low
            self._older_timer.start()

    def _load_older(self) -> None:
        live = self._live
        if live is None or self._history_since is None:
            return
        projects = sorted({live.project_of(key.device_id) or "" for key in self.chart.keys} - {""})
        live.load_older(projects, self._history_since)
        # What the office already holds of that time shows at once; the server's minutes follow.
        for key in self.chart.keys:
            self.context.tasks.spawn(self._backfill(live, key), name=f"backfill-{key.device_id}-{key.metric}")

    def _history_start(self) -> float:
        since = time.time() - HISTORY_S
        return since if self._history_since is None else min(since, self._history_since)

    async def _backfill(self, live: LiveTelemetry, key: SeriesKey) -> None:
        history = await live.hub.history(SeriesKey(*key), self._history_start())
        if not isValid(self):
            return  # the pane was closed while the history was read: its chart is gone
        if live is self._live and self.chart.has(key):
            self.chart.set_history(key, history)

    def _scrub_span(self) -> tuple[float, float]:
        """From the oldest point held (live or history) to now."""
        now = time.time()
        oldest = now - self.chart.window_s
        live = self._live
        if live is not None:
            for key in self.chart.keys:
                series = live.store.get(key)
                if series is not None and series.first_ts is not None:
                    oldest = min(oldest, series.first_ts)
                history = self.chart.items[key].history
                if history is not None and len(history):
                    oldest = min(oldest, float(history.minute[0]))
        return oldest + self.chart.window_s, now

    def _update_scrub_range(self) -> None:
        if self.chart.following or self.scrub.isSliderDown():
            return
        first, last = self._scrub_span()
        end = self.chart.x_range()[1]
        fraction = 1.0 if last <= first else (end - first) / (last - first)
        self.scrub.blockSignals(True)
        self.scrub.setValue(round(min(1.0, max(0.0, fraction)) * SCRUB_STEPS))
        self.scrub.blockSignals(False)

    def _on_scrubbed(self, value: int) -> None:
        first, last = self._scrub_span()
        self.chart.show_until(first + (last - first) * value / SCRUB_STEPS)
