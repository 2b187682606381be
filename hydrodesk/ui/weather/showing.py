"""Showing the weather readings: the charts (with daily totals when asked), the readout under the cursor, and the
heading that says which station, which days and how old the data is."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hydrodesk.domain.weather_series import (
    ALL_SERIES,
    PLANT_SERIES,
    WEATHER_SERIES,
    columns,
    daily_columns,
    daily_rows,
    rain_spans,
    run_spans,
    typical_step,
)
from hydrodesk.ui import formats
from hydrodesk.ui.charts.time_axis import cursor_text
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.weather.labels import PLOT_ORDER, daily_label, plot_spec, series_label

if TYPE_CHECKING:
    from hydrodesk.sync.weather_range import WeatherRange

CHART_PAGE, STATE_PAGE = 0, 1  # the pane's pages: the charts, or a state page
IRRIGATION_COLOR = "#2f80ed"
RAIN_COLOR = "#17becf"


class WeatherShowing(Mixin):
    """A mixin of WeatherPane: draws what was loaded and keeps the heading and readout current."""

    # ------------------------------------------------------------------------------------------ showing
    def _show_data(self, found: WeatherRange, *, fresh: bool) -> None:
        self._data = found
        self._columns = {**columns(found.weather, WEATHER_SERIES), **columns(found.plant, PLANT_SERIES)}
        zone = formats.farm_zone(self._project.timezone if self._project else None) or UTC
        self.daily_model.set_rows(list(reversed(daily_rows(self._columns, found.irrigation, zone))))  # newest first
        self._update_heading()
        if not self._columns:
            self._show_state(
                self.tr("No readings in this range"),
                self.tr(
                    "The weather station and the sector's sensors sent nothing between these times. "
                    "Choose a longer range (Alt+3 for a month), or another project or sector."
                ),
            )
            self._mark_ready()
            return
        kept_view = self.chart.visible_range() if self._shown_start == found.start else None
        self._shown_start = found.start
        self._draw_charts()
        self.chart.set_range(found.start.timestamp(), found.end.timestamp())
        if kept_view is not None:
            self.chart.show_range(*kept_view)  # new readings of the same range: the user's zoom stays
        self.chart_stack.setCurrentIndex(CHART_PAGE)
        if fresh or found.fetched_at is not None:
            self._mark_ready()

    def _draw_charts(self) -> None:
        shown = [key for key in PLOT_ORDER if key in self._shown_plots]
        self.chart.set_plots([plot_spec(key) for key in shown])
        zone = formats.farm_zone(self._project.timezone if self._project else None) or UTC
        drawn = daily_columns(self._columns, zone) if self._daily else self._columns
        for spec in ALL_SERIES:
            if spec.chart not in self._shown_plots:
                continue
            for key in (spec.key, f"{spec.key}.min", f"{spec.key}.max"):
                column = drawn.get(key)
                if column is not None:
                    label = daily_label(key, spec.summed) if self._daily else series_label(key)
                    self.chart.set_series(spec.chart, key, label, spec.unit, column, filled=spec.key == "rain_mm")
        if "soil" in self._shown_plots and self._data is not None:
            self.chart.set_spans(
                "soil", "irrigation", self.tr("Irrigation"), run_spans(self._data.irrigation), IRRIGATION_COLOR
            )
            rain = self._columns.get("rain_mm")
            if rain is not None:
                self.chart.set_spans(
                    "soil", "rain", series_label("rain_mm"), rain_spans(rain, typical_step(rain)), RAIN_COLOR
                )

    def _on_cursor_moved(self, ts: float, readings: list) -> None:
        zone = formats.farm_zone(self._project.timezone if self._project else None)
        lines = [f"<b>{cursor_text(ts, zone)}</b>"]
        for reading in readings:
            value = (
                "—"
                if reading.value is None
                else formats.number_text(reading.value, 2 if abs(reading.value) < 10 else 1)
            )
            lines.append(f"<span style='color:{reading.color}'>■</span> {reading.label}: {value} {reading.unit}")
        self.chart.show_hover("<br>".join(lines))

    def _on_view_changed(self, low: float, high: float) -> None:
        span = high - low
        if span <= 0 or math.isnan(span):
            return
        days = span / 86400
        if days >= 2:
            text = self.tr("Showing {days} days").format(days=formats.number_text(days, 0))
        else:
            hours = round(span / 3600)
            text = formats.counted(hours, self.tr("Showing 1 hour"), self.tr("Showing {count} hours"))
        self.zoom_label.setText(text)

    def _update_heading(self) -> None:
        project, sector = self._project, self._sector
        if project is None:
            self.subtitle_label.setText(self.tr("No project selected"))
        else:
            where = project.name
            if sector is not None:
                where += " · " + sector.sector_name
                if not self._sector_chosen:
                    where += " " + self.tr("(first sector: select another in the navigator)")
            self.subtitle_label.setText(f"{where} · {formats.zone_label(project.timezone)}")
        data = self._data
        if data is None or data.fetched_at is None:
            self.age_chip.setVisible(False)
            return
        self.age_chip.setText(self.tr("Fetched {age}").format(age=self._age_text(data.fetched_at)))
        self.age_chip.setToolTip(
            self.tr("These readings were fetched from the server at {time}").format(
                time=formats.zoned_text(data.fetched_at, project.timezone if project else None)
            )
        )
        self.age_chip.setVisible(True)

    def _age_text(self, fetched_at: datetime) -> str:
        seconds = max(0, int((datetime.now(UTC) - fetched_at).total_seconds()))
        if seconds < 60:
            return self.tr("just now")
        if seconds < 3600:
            return self.tr("{minutes} min ago").format(minutes=seconds // 60)
        if seconds < 2 * 86400:
            return self.tr("{hours} h ago").format(hours=seconds // 3600)
        return self.tr("{days} days ago").format(days=seconds // 86400)
