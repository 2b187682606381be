"""The telemetry history reply (provisional): per series, compact points `[epoch_ms, value, min?, max?]`.

A day of one-minute points is 1,440 rows per series and a day of 1 Hz readings 86,400, so the points are not
validated row by row as models: each series' array becomes one numpy float64 array (rows x 4) in a single call,
with NaN where a reading is null and where `min`/`max` are absent (raw readings).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BeforeValidator, ConfigDict, Field

from hydrodesk.api.models_base import WireModel

HistoryResolution = Literal["raw", "1m", "1h"]
COLUMNS = 4  # epoch_ms, value, min, max


def points_array(value: Any) -> npt.NDArray[np.float64]:
    """The points as a (rows x 4) float64 array; rows with fewer columns are padded with NaN."""
    if isinstance(value, np.ndarray):
        return value
    if not isinstance(value, list):
        raise ValueError("points must be an array of [epoch_ms, value, min?, max?] arrays")
    if not value:
        return np.empty((0, COLUMNS))
    try:
        # The common case, one C call: every row the same length and every cell a number. Anything else (nulls,
        # short rows, text) goes through the careful path, which says what is wrong.
        array = np.asarray(value)
    except ValueError:
        array = np.empty(0, dtype=object)
    if array.ndim == 2 and array.dtype.kind in "iuf" and 2 <= array.shape[1] <= COLUMNS:
        array = array.astype(np.float64, copy=False)
    else:
        array = _ragged(value)
    if array.shape[1] < COLUMNS:
        array = np.hstack([array, np.full((len(array), COLUMNS - array.shape[1]), np.nan)])
    return array


def _ragged(rows: list[Any]) -> npt.NDArray[np.float64]:
    array = np.full((len(rows), COLUMNS), np.nan)
    for index, row in enumerate(rows):
        if not isinstance(row, list) or not 2 <= len(row) <= COLUMNS:
            raise ValueError(f"point {index} must be [epoch_ms, value, min?, max?]")
        for column, cell in enumerate(row):
            if cell is not None:
                if isinstance(cell, bool) or not isinstance(cell, int | float):
                    raise ValueError(f"point {index} holds a value that is not a number")
                array[index, column] = cell
    return array


Points = Annotated[npt.NDArray[np.float64], BeforeValidator(points_array)]


class TelemetrySeries(WireModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True, arbitrary_types_allowed=True)

    device_id: str = Field(alias="deviceId")
    metric: str
    unit: str | None = None
    points: Points = Field(repr=False)

    def __len__(self) -> int:
        return len(self.points)

    @property
    def ts(self) -> npt.NDArray[np.float64]:
        """Epoch seconds (the wire carries milliseconds)."""
        return self.points[:, 0] / 1000.0

    @property
    def value(self) -> npt.NDArray[np.float64]:
        """The reading, or the bucket's mean."""
        return self.points[:, 1]

    @property
    def minimum(self) -> npt.NDArray[np.float64]:
        """The bucket's minimum (the value itself for raw readings)."""
        column = self.points[:, 2]
        return np.where(np.isnan(column), self.value, column)

    @property
    def maximum(self) -> npt.NDArray[np.float64]:
        column = self.points[:, 3]
        return np.where(np.isnan(column), self.value, column)


class TelemetryHistory(WireModel):
    resolution: HistoryResolution
    series: list[TelemetrySeries]
