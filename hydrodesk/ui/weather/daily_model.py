"""The daily table: one row per local day, each column one aggregate of one series (a day's rain is its total,
its temperature the minimum and maximum), and the water the sector was given. Numbers sort and export as numbers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from hydrodesk.domain.weather_series import DailyValue, DayRow
from hydrodesk.ui import formats
from hydrodesk.ui.models.rows import Column, RowsTableModel

# Shown until the user picks columns from the header's menu: what fits beside the navigator at 1366×768.
HIDDEN_AT_FIRST = ("air_mean", "wind_max", "solar_mean", "soil_10", "soil_60", "soil_temp", "leaf", "shrink", "canopy")


def _aggregate(key: str, pick: Callable[[DailyValue], float]) -> Callable[[DayRow], float | None]:
    def value(row: DayRow) -> float | None:
        found = row.get(key)
        return None if found is None else pick(found)

    return value


def _shrinkage(row: DayRow) -> float | None:
    # The stem's daily shrinkage (max - min of the dendrometer): large when the plant is short of water.
    found = row.get("dendrometer_um")
    return None if found is None else found.maximum - found.minimum


def daily_columns() -> list[tuple[str, str, Callable[[DayRow], float | None], int]]:
    """(id, header, value, decimals) of each numeric column, in table order."""
    translate = QCoreApplication.translate
    minimum, maximum = (lambda v: v.minimum), (lambda v: v.maximum)
    mean, total = (lambda v: v.mean), (lambda v: v.total)
    return [
        ("air_min", translate("WeatherDaily", "Air min °C"), _aggregate("air_temp_c", minimum), 1),
        ("air_max", translate("WeatherDaily", "Air max °C"), _aggregate("air_temp_c", maximum), 1),
        ("air_mean", translate("WeatherDaily", "Air mean °C"), _aggregate("air_temp_c", mean), 1),
        ("rh_mean", translate("WeatherDaily", "Humidity %"), _aggregate("rh_pct", mean), 0),
        ("rain", translate("WeatherDaily", "Rain mm"), _aggregate("rain_mm", total), 1),
        ("et0", translate("WeatherDaily", "ET0 mm"), _aggregate("et0_mm", total), 1),
        ("wind_max", translate("WeatherDaily", "Wind max m/s"), _aggregate("wind_ms", maximum), 1),
        ("solar_mean", translate("WeatherDaily", "Solar W/m²"), _aggregate("solar_wm2", mean), 0),
        ("soil_10", translate("WeatherDaily", "Soil 10 cm %"), _aggregate("soil_moisture_pct.10cm", mean), 1),
        ("soil_30", translate("WeatherDaily", "Soil 30 cm %"), _aggregate("soil_moisture_pct.30cm", mean), 1),
        ("soil_60", translate("WeatherDaily", "Soil 60 cm %"), _aggregate("soil_moisture_pct.60cm", mean), 1),
        ("soil_temp", translate("WeatherDaily", "Soil °C"), _aggregate("soil_temp_c", mean), 1),
        ("leaf", translate("WeatherDaily", "Leaf wet %"), _aggregate("leaf_wetness_pct", mean), 0),
        ("shrink", translate("WeatherDaily", "Stem shrink µm"), _shrinkage, 0),
        ("canopy", translate("WeatherDaily", "Canopy max °C"), _aggregate("canopy_temp_c", maximum), 1),
        ("irr_min", translate("WeatherDaily", "Irrigation min"), lambda row: row.irrigation_min, 0),
        ("irr_l", translate("WeatherDaily", "Irrigation L"), lambda row: row.irrigation_l, 0),
    ]


def _number(value: Callable[[DayRow], float | None], decimals: int) -> Callable[[DayRow], str]:
    def text(row: DayRow) -> str:
        found = value(row)
        return "" if found is None else formats.number_text(found, decimals)

    return text


def _sortable(value: float | None) -> float:
    return float("-inf") if value is None else value


class DailyTableModel(RowsTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row: row.day.isoformat(), parent)
        self.ids = ["day"]
        self.columns = [
            Column(
                QCoreApplication.translate("WeatherDaily", "Day"),
                lambda row: formats.day_text(row.day),
                sort=lambda row: row.day.toordinal(),
            )
        ]
        for column_id, header, value, decimals in daily_columns():
            self.ids.append(column_id)
            self.columns.append(
                Column(header, _number(value, decimals), sort=lambda row, v=value: _sortable(v(row)), numeric=True)
            )

    def column_of(self, column_id: str) -> int:
        return self.ids.index(column_id)
