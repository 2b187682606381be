"""Export what the charts show: the visible window of every plotted series as a table, or the charts as a PNG."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from hydrodesk.domain.telemetry import SeriesBuffer, SeriesKey
from hydrodesk.exports.tabular import Cell, write_table
from hydrodesk.ui import formats
from hydrodesk.ui.charts.live_chart import LiveChart
from hydrodesk.ui.charts.metrics import metric_label, metric_unit


def export_visible_data(
    chart: LiveChart,
    lookup: Callable[[SeriesKey], SeriesBuffer | None],
    path: Path,
    valve_names: Mapping[str, str] | None = None,
) -> int:
    """One row per point: time, device, metric, value, unit (long format: any number of series). Times are the
    chart's clock (the farm's, as its axis shows them), valves by the farm's names where known."""
    since, until = chart.visible_range()

    def rows() -> Iterator[list[Cell]]:
        for key in chart.keys:
            series = lookup(key)
            if series is None:
                continue
            window = series.window(since, until)
            label, unit = metric_label(key.metric, valve_names), metric_unit(key.metric)
            for ts, value in zip(window.ts.tolist(), window.values.tolist(), strict=True):
                yield [formats.at_farm(ts, chart.zone), key.device_id, label, round(value, 4), unit]

    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    headers = [
        translate("TelemetryExport", "Time"),
        translate("TelemetryExport", "Device"),
        translate("TelemetryExport", "Metric"),
        translate("TelemetryExport", "Value"),
        translate("TelemetryExport", "Unit"),
    ]
    return write_table(path, headers, rows(), sheet="Telemetry")


def export_chart_png(chart: LiveChart, path: Path) -> None:
    if not chart.canvas.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
