"""Panning a paused pixel chart moves what is computed by whole columns and computes only the columns it brings
in, and the result is exactly what computing the whole window afresh gives."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from hydrodesk.domain.telemetry import SeriesBuffer, SeriesKey
from hydrodesk.ui.charts import raster_layer
from hydrodesk.ui.charts.raster_layer import RasterLayer

T0 = 1_760_000_000.0
BUCKET_S = 60.0
WIDTH = 300


def series_set() -> list[tuple[SeriesKey, SeriesBuffer, None]]:
    batch = []
    for index in range(3):
        buffer = SeriesBuffer(86_400)
        ts = T0 + np.arange(86_400, dtype=np.float64)
        buffer.extend(ts, np.sin(ts / 900.0 + index) * 10 + 30)
        batch.append((SeriesKey(f"dev-{index}", "flow_lpm"), buffer, None))
    return batch


def computed_afresh(batch: list[tuple[SeriesKey, SeriesBuffer, None]], origin: float, clip: bool = True) -> RasterLayer:
    layer = RasterLayer(10.0, True)
    for key, _, _ in batch:
        layer.add(key, QColor("red"))
    layer.clip_to_grid = clip
    layer.set_grid(origin, BUCKET_S, WIDTH, 200)
    layer.feed_many(batch)
    return layer


def test_a_pan_back_and_forth_computes_only_the_columns_it_brings_in(qapp: object) -> None:
    batch = series_set()
    origin = T0 + 40_000.0
    layer = computed_afresh(batch, origin)
    for columns in (-7, -40, 12, 35):
        origin += columns * BUCKET_S
        assert not layer.set_grid(origin, BUCKET_S, WIDTH, 200)  # a shift, not a new grid
        if columns < 0:
            assert layer.missing == (0, -columns)
            assert layer.fill_columns(batch) == -columns
        layer.feed_many(batch)
        fresh = computed_afresh(batch, origin)
        np.testing.assert_array_equal(layer._columns, fresh._columns)
    assert layer.missing is None


def test_series_reduced_a_few_at_a_time_give_the_columns_reduced_all_at_once(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = series_set()
    origin = T0 + 40_000.0
    for clip in (False, True):  # live (the points read as stored) and paused (read through windows)
        whole = computed_afresh(batch, origin, clip=clip)
        with monkeypatch.context() as patch:
            patch.setattr(raster_layer, "REDUCE_POINTS", 5_000)  # a window holds 18,000 points a series
            pieces = computed_afresh(batch, origin, clip=clip)
        assert not np.isnan(whole._columns).all()
        np.testing.assert_array_equal(pieces._columns, whole._columns)


def test_groups_keep_to_the_point_budget_and_give_an_oversized_series_its_own() -> None:
    assert raster_layer._groups([]) == []
    budget = raster_layer.REDUCE_POINTS
    assert raster_layer._groups([budget // 2, budget // 2, 1, budget * 3, 0]) == [(0, 2), (2, 3), (3, 4), (4, 5)]
