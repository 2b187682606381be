"""The readings in view as a table file: one row per moment, one column per series (units in the headers)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication

from hydrodesk.domain.weather_series import SERIES_BY_KEY, Column
from hydrodesk.exports.tabular import Cell, write_table
from hydrodesk.ui import formats
from hydrodesk.ui.weather.labels import series_label


def write_readings(path: Path, found: Mapping[str, Column], since: float, until: float, zone: str | None) -> int:
    """Write the readings between `since` and `until` (epoch seconds) to `path`; returns the rows written. Times
    are the farm's clock, without a zone, so a spreadsheet reads them as dates."""
    keys = [key for key in SERIES_BY_KEY if key in found]
    windows = {key: found[key].window(since, until) for key in keys}
    moments = np.unique(np.concatenate([windows[key].ts for key in keys])) if keys else np.empty(0)
    lookup = {key: dict(zip(windows[key].ts.tolist(), windows[key].values.tolist(), strict=True)) for key in keys}
    farm = formats.farm_zone(zone)

    def rows() -> Iterator[list[Cell]]:
        for ts in moments.tolist():
            local = datetime.fromtimestamp(ts).astimezone(farm).replace(tzinfo=None)
            yield [local, *(lookup[key].get(ts) for key in keys)]

    headers = [QCoreApplication.translate("WeatherExport", "Time")] + [
        f"{series_label(key)} ({SERIES_BY_KEY[key].unit})" for key in keys
    ]
    return write_table(path, headers, rows(), sheet="Weather")
