"""Pixel columns of a series (hydrodesk.domain.telemetry_columns): what a 1-px line can show, column by column."""

from __future__ import annotations

import numpy as np

from hydrodesk.domain.telemetry_columns import column_extremes, column_spans, pixel_runs


def test_each_column_holds_the_min_max_first_and_last_of_its_points() -> None:
    ts = np.array([0.1, 0.5, 0.9, 1.2, 3.7, 3.8])
    values = np.array([5.0, 1.0, 3.0, 7.0, 2.0, np.nan])
    columns = column_extremes(ts, values, origin=0.0, bucket_s=1.0, first=0, stop=5)
    assert columns.low.tolist()[:2] == [1.0, 7.0]
    assert columns.high.tolist()[:2] == [5.0, 7.0]
    assert columns.opening[0] == 5.0
    assert columns.closing[0] == 3.0
    assert np.isnan(columns.low[2])
    assert np.isnan(columns.low[4])
    assert columns.low[3] == columns.high[3] == 2.0  # the NaN point never reaches a column


def test_a_range_of_columns_sees_only_its_points() -> None:
    ts = np.arange(0.0, 10.0, 0.5)
    columns = column_extremes(ts, ts, origin=0.0, bucket_s=1.0, first=8, stop=10)
    assert columns.first == 8
    assert columns.low.tolist() == [8.0, 9.0]
    assert columns.high.tolist() == [8.5, 9.5]


def test_spans_join_neighbours_and_bridge_short_gaps_but_not_long_ones() -> None:
    nan = np.nan
    low = np.array([[1.0, 4.0, nan, nan, 8.0, nan, nan, nan, nan, nan, 0.0]])
    closing = opening = low.copy()
    span_low, span_high = column_spans(low, low.copy(), opening, closing, max_gap=[3])
    assert (span_low[0, 1], span_high[0, 1]) == (1.0, 4.0)  # joined to the previous column's last value
    # Two empty columns between 4 and 8: the straight line crosses them, a third of the way each, and the column
    # where it lands draws only its own point.
    assert abs(span_low[0, 2] - 5.333) < 1e-3
    assert abs(span_high[0, 2] - 6.667) < 1e-3
    assert abs(span_low[0, 3] - 6.667) < 1e-3
    assert span_high[0, 3] == 8.0
    assert span_low[0, 4] == span_high[0, 4] == 8.0
    # Five empty columns is a gap: nothing drawn, and the point after it is not joined across.
    assert np.isnan(span_low[0, 5:10]).all()
    assert span_low[0, 10] == span_high[0, 10] == 0.0


def test_pixel_runs_cover_each_span_and_clip_to_the_plot() -> None:
    span_low = np.array([[0.0, 5.0, np.nan], [20.0, -5.0, 9.0]])
    span_high = np.array([[2.0, 5.0, np.nan], [30.0, 1.0, 10.0]])
    series, column, rows = pixel_runs(span_low, span_high, 0.0, 10.0, 11)
    cells = set(zip(series.tolist(), column.tolist(), rows.tolist(), strict=True))
    assert {(0, 0, 0), (0, 0, 1), (0, 0, 2), (0, 1, 5)} <= cells
    assert (1, 0, 10) in cells  # above the plot: its top row
    assert {(1, 1, 0), (1, 1, 1)} <= cells
    assert (1, 1, 2) not in cells
    assert {(1, 2, 9), (1, 2, 10)} <= cells
    assert not any(s == 0 and c == 2 for s, c, _ in cells)
