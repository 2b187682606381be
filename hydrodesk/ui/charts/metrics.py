"""What a telemetry metric is called, in which unit, and which plot it shares with others of that unit.

Metric names come from the devices (`flow_lpm`, `flow_lpm_valve_001`, `pressure_bar`, `soil_moisture_pct_30cm`,
`battery_pct`, ...). Series of the same unit share one plot, so flow of every valve can be compared at a glance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

_SOIL = re.compile(r"^soil_moisture_pct_(?P<depth>\d+)cm$")
_VALVE_FLOW = re.compile(r"^flow_lpm_(?P<valve>.+)$")


@dataclass(frozen=True)
class PlotGroup:
    key: str  # stable id of the plot: "flow", "pressure", "soil", "battery", or the unit
    title: str  # translated, with the unit: "Flow (L/min)"
    order: int  # plots stack in this order, top to bottom


translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def plot_group(metric: str) -> PlotGroup:
    if metric == "flow_lpm" or _VALVE_FLOW.match(metric):
        return PlotGroup("flow", translate("Metrics", "Flow (L/min)"), 0)
    if metric == "pressure_bar":
        return PlotGroup("pressure", translate("Metrics", "Pressure (bar)"), 1)
    if _SOIL.match(metric):
        return PlotGroup("soil", translate("Metrics", "Soil moisture (%)"), 2)
    if metric == "battery_pct":
        return PlotGroup("battery", translate("Metrics", "Battery (%)"), 4)
    if metric.endswith("_pct"):
        return PlotGroup("pct", translate("Metrics", "Percent (%)"), 5)
    if metric.endswith("_c"):
        return PlotGroup("celsius", translate("Metrics", "Temperature (°C)"), 3)
    return PlotGroup(f"other:{metric}", metric, 9)


def metric_label(metric: str, valve_names: Mapping[str, str] | None = None) -> str:
    """A person's name for a metric: "Flow", "Flow Válvula Norte 1" (the valve by name where `valve_names` knows
    it, else "Flow valve_001"), "Soil moisture 30 cm"."""
    if metric == "flow_lpm":
        return translate("Metrics", "Flow")
    valve = _VALVE_FLOW.match(metric)
    if valve:
        valve_id = valve.group("valve")
        return translate("Metrics", "Flow {valve}").format(valve=(valve_names or {}).get(valve_id, valve_id))
    if metric == "pressure_bar":
        return translate("Metrics", "Pressure")
    soil = _SOIL.match(metric)
    if soil:
        return translate("Metrics", "Soil moisture {depth} cm").format(depth=soil.group("depth"))
    if metric == "battery_pct":
        return translate("Metrics", "Battery")
    return metric


def metric_unit(metric: str) -> str:
    if metric.startswith("flow_lpm"):
        return "L/min"
    if metric == "pressure_bar":
        return "bar"
    if metric.endswith("_pct") or _SOIL.match(metric):
        return "%"
    if metric.endswith("_c"):
        return "°C"
    return ""


def metric_sort_key(metric: str) -> tuple[int, str]:
    soil = _SOIL.match(metric)
    return plot_group(metric).order, f"{int(soil.group('depth')):04d}" if soil else metric
