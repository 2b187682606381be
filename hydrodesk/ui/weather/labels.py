"""What the weather and plant series and plots are called on screen (translated), and which plots there are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hydrodesk.ui.charts.stacked_time_chart import PlotSpec

CONTEXT = "WeatherSeries"


def series_label(key: str) -> str:
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    labels = {
        "air_temp_c": translate("WeatherSeries", "Air temperature"),
        "rh_pct": translate("WeatherSeries", "Air humidity"),
        "rain_mm": translate("WeatherSeries", "Rain"),
        "et0_mm": translate("WeatherSeries", "ET0"),
        "wind_ms": translate("WeatherSeries", "Wind"),
        "solar_wm2": translate("WeatherSeries", "Solar radiation"),
        "soil_moisture_pct.10cm": translate("WeatherSeries", "Soil moisture 10 cm"),
        "soil_moisture_pct.30cm": translate("WeatherSeries", "Soil moisture 30 cm"),
        "soil_moisture_pct.60cm": translate("WeatherSeries", "Soil moisture 60 cm"),
        "soil_temp_c": translate("WeatherSeries", "Soil temperature"),
        "canopy_temp_c": translate("WeatherSeries", "Canopy temperature"),
        "leaf_wetness_pct": translate("WeatherSeries", "Leaf wetness"),
        "dendrometer_um": translate("WeatherSeries", "Stem diameter (dendrometer)"),
    }
    return labels.get(key, key)


def daily_label(key: str, summed: bool) -> str:
    """ "Rain, daily total", "Air temperature, daily maximum"... (`key` may end in .min or .max)."""
    translate = QCoreApplication.translate
    base, _, extreme = key.rpartition(".") if key.endswith((".min", ".max")) else (key, "", "")
    if extreme == "min":
        return translate("WeatherSeries", "{series}, daily minimum").format(series=series_label(base))
    if extreme == "max":
        return translate("WeatherSeries", "{series}, daily maximum").format(series=series_label(base))
    if summed:
        return translate("WeatherSeries", "{series}, daily total").format(series=series_label(base))
    return translate("WeatherSeries", "{series}, daily mean").format(series=series_label(base))


# (plot key, its title, whether shown until the user chooses otherwise)
PLOT_ORDER = ("temperature", "humidity", "water", "soil", "solar", "wind", "dendrometer")
SHOWN_AT_FIRST = frozenset({"temperature", "humidity", "water", "soil", "solar"})


def plot_title(key: str) -> str:
    translate = QCoreApplication.translate
    return {
        "temperature": translate("WeatherSeries", "Temperature"),
        "humidity": translate("WeatherSeries", "Humidity and leaf wetness"),
        "water": translate("WeatherSeries", "Rain and ET0"),
        "soil": translate("WeatherSeries", "Soil moisture, irrigation and rain"),
        "solar": translate("WeatherSeries", "Solar radiation"),
        "wind": translate("WeatherSeries", "Wind"),
        "dendrometer": translate("WeatherSeries", "Dendrometer"),
    }[key]


def plot_spec(key: str) -> PlotSpec:
    """The plot's left axis names its unit only: the legend names the series (a long title would not fit a plot
    a fifth of a laptop screen high)."""
    units = {
        "temperature": ("°C", False, 2.0),
        "humidity": ("%", True, 10.0),
        "water": ("mm", True, 0.2),
        "soil": ("%", True, 5.0),
        "solar": ("W/m²", True, 50.0),
        "wind": ("m/s", True, 1.0),
        "dendrometer": ("µm", False, 20.0),
    }
    unit, non_negative, min_range = units[key]
    return PlotSpec(key, unit, non_negative=non_negative, min_y_range=min_range)
