"""Weather charts zoomed from a year to an hour and back: the real StackedTimeChart (decimated curves) against the
naive plot (every reading handed to pyqtgraph), offscreen, with real repaints, in the same run.

A year of 5-minute readings for 8 series (4 stacked plots of 2 series, 105,120 points each) is loaded into each
chart, sized 1280 x 800. The zoom walks in by halves from the whole year to about an hour at a few places in the
year, then out again; each step moves the time axis (the decimated chart re-slices what it needs) and repaints
the canvas synchronously. The time per step is what a person feels per wheel notch or key press.

Prints one JSON line:
    {"weather_points", "weather_series", "weather_zoom_steps", "weather_zoom_ms_p50", "weather_zoom_ms_p99",
     "weather_drawn_points_max", "naive_zoom_ms_p50", "naive_zoom_ms_p99", "ratio_naive_vs_decimated"}
Target: weather_zoom_ms_p99 <= 50.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

YEAR_START = 1_767_225_600.0  # 2026-01-01 UTC
STEP_S = 300.0
SERIES = 8
PLOTS = 4
SIZE = (1280, 800)
ZOOM_LEVELS = 13  # a year halved 13 times is about an hour
CENTRES = (0.13, 0.5, 0.87)  # where in the year the zoom walks in


def year_of_readings(seed: int) -> tuple[np.ndarray, np.ndarray]:
    ts = YEAR_START + np.arange(365 * 24 * 12, dtype=np.float64) * STEP_S
    rng = np.random.default_rng(seed)
    days = (ts - YEAR_START) / 86400
    values = (
        18 + 7 * np.cos(2 * np.pi * (days - 200) / 365) + 6 * np.sin(2 * np.pi * days) + rng.normal(0, 0.4, len(ts))
    )
    return ts, values


def zoom_walk() -> list[tuple[float, float]]:
    """The views shown in turn: in by halves to an hour at each centre, and out again."""
    first, last = YEAR_START, YEAR_START + 365 * 86400
    views = []
    for centre in CENTRES:
        middle = first + centre * (last - first)
        spans = [(last - first) / 2**level for level in range(ZOOM_LEVELS + 1)]
        for span in spans + spans[::-1]:
            low = min(max(first, middle - span / 2), last - span)
            views.append((low, low + span))
    return views


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed_walk(canvas: Any, show: Any, views: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) of each step. On a shared machine the wall time includes waiting for a core; the CPU
    time is what the step costs."""
    from PySide6.QtWidgets import QApplication

    wall, cpu = [], []
    for low, high in views:
        started, started_cpu = time.perf_counter(), time.thread_time()
        show(low, high)  # as a wheel notch or a key does: the range signals run, the curves are re-sliced
        canvas.viewport().repaint()  # and the frame the user sees: a real paint of every plot, synchronously
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        QApplication.processEvents()  # between two notches: whatever else is queued
    return wall, cpu


def build_chart(data: list[tuple[np.ndarray, np.ndarray]]) -> Any:
    """The weather pane's chart, themed as the app draws it, with 8 series of a year each on 4 plots."""
    from PySide6.QtGui import QPalette

    from hydrodesk.domain.weather_series import Column
    from hydrodesk.ui.charts.stacked_time_chart import PlotSpec, StackedTimeChart
    from hydrodesk.ui.theme import load_theme

    theme = load_theme("light")
    chart = StackedTimeChart()
    chart.apply_theme(
        {**theme.tokens, "text": theme.palette.color(QPalette.ColorRole.Text).name()},
        theme.palette.color(QPalette.ColorRole.Base).name(),
        dark=False,
    )
    chart.resize(*SIZE)
    chart.show()
    chart.set_plots([PlotSpec(f"p{index}", "°C") for index in range(PLOTS)])
    for index, (ts, values) in enumerate(data):
        chart.set_series(f"p{index // 2}", f"s{index}", f"Series {index}", "°C", Column(ts, values))
    chart.set_range(float(data[0][0][0]), float(data[0][0][-1]))
    return chart


def measure_walk(chart: Any, views: list[tuple[float, float]]) -> dict[str, Any]:
    drawn = 0

    def show(low: float, high: float) -> None:
        nonlocal drawn
        chart.show_range(low, high)
        drawn = max(drawn, sum(_points_drawn(curve.curve) for curve in chart.curves.values()))

    _timed_walk(chart.canvas, show, views[:4])  # warm up: first paints build caches and fonts
    wall, cpu = _timed_walk(chart.canvas, show, views)
    dispose(chart)
    return {"wall": wall, "cpu": cpu, "drawn_max": drawn}


def dispose(chart: Any) -> None:
    """Delete the chart now, while the application lives: left to the interpreter's exit, pyqtgraph's scene and
    its items are torn down in any order, and the process can crash after the figures were printed."""
    from PySide6.QtCore import QCoreApplication, QEvent

    chart.close()
    chart.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _points_drawn(item: Any) -> int:
    """Points pyqtgraph really draws (after its own clipping and downsampling, for the naive chart)."""
    x, _ = item.getData()
    return 0 if x is None else len(x)


def naive(chart: Any) -> Any:
    """The same chart (axes, legends, theme) with every reading of the year handed to pyqtgraph on every paint:
    the naive full-data plot."""
    for curve in chart.curves.values():
        curve.curve.setClipToView(False)
        curve.curve.setDownsampling(auto=False)
        curve.curve.setData(curve.column.ts, curve.column.values)
        curve.redraw = lambda *args, **kwargs: None
    return chart


def measure() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert app is not None
    data = [year_of_readings(seed) for seed in range(SERIES)]
    views = zoom_walk()
    ours = measure_walk(build_chart(data), views)
    baseline = measure_walk(naive(build_chart(data)), views)
    p99, naive_p99 = percentile(ours["wall"], 0.99), percentile(baseline["wall"], 0.99)
    return {
        "weather_points": sum(len(ts) for ts, _ in data),
        "weather_series": SERIES,
        "weather_zoom_steps": len(ours["wall"]),
        "weather_zoom_ms_p50": round(statistics.median(ours["wall"]), 2),
        "weather_zoom_ms_p99": round(p99, 2),
        "weather_zoom_cpu_ms_p99": round(percentile(ours["cpu"], 0.99), 2),
        "weather_drawn_points_max": ours["drawn_max"],
        "naive_zoom_ms_p50": round(statistics.median(baseline["wall"]), 2),
        "naive_zoom_ms_p99": round(naive_p99, 2),
        "naive_zoom_cpu_ms_p99": round(percentile(baseline["cpu"], 0.99), 2),
        "naive_drawn_points_max": baseline["drawn_max"],
        "ratio_naive_vs_decimated": round(naive_p99 / p99, 1) if p99 else None,
    }


def main() -> None:
    print(json.dumps(measure()))


if __name__ == "__main__":
    main()
