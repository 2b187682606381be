"""Series ring buffers: order, wrap-around, zero-copy views, peak downsampling and gaps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hydrodesk.domain.telemetry import (
    Appended,
    SeriesBuffer,
    SeriesKey,
    SeriesView,
    TelemetryStore,
    connect_mask,
    envelope,
    find_gaps,
    median_step,
)

T0 = 1_760_000_000.0


def filled(count: int, capacity: int = 100, slack: int = 8, step: float = 1.0) -> SeriesBuffer:
    series = SeriesBuffer(capacity, slack=slack)
    for i in range(count):
        assert series.append(T0 + i * step, float(i)) is Appended.APPENDED
    return series


def test_points_come_back_in_order_with_float64_times() -> None:
    series = filled(5)
    view = series.view()
    assert view.ts.dtype == np.float64
    assert view.ts.tolist() == [T0 + i for i in range(5)]
    assert view.values.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert series.latest() == (T0 + 4, 4.0)
    assert (series.first_ts, series.last_ts) == (T0, T0 + 4)


def test_a_full_buffer_keeps_the_newest_capacity_points_across_many_wraps() -> None:
    series = filled(1_000, capacity=100, slack=8)
    view = series.view()
    assert len(series) == 100
    assert view.values.tolist() == [float(i) for i in range(900, 1_000)]
    assert np.all(np.diff(view.ts) > 0)


def test_views_are_zero_copy_and_read_only() -> None:
    series = filled(250, capacity=100, slack=8)
    view = series.window(T0 + 200, T0 + 210)
    assert view.values.tolist() == [float(i) for i in range(200, 211)]
    assert view.ts.tolist() == [T0 + i for i in range(200, 211)]
    assert not view.values.flags.owndata  # the times are computed from the stored offsets
    with pytest.raises(ValueError, match="read-only"):
        view.values[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        view.ts[0] = 1.0


def test_window_and_tail_select_by_time_and_count() -> None:
    series = filled(50)
    assert len(series.window(T0 + 10.5, T0 + 12.5)) == 2
    assert len(series.window(since=T0 + 45)) == 5
    assert len(series.window(until=T0 + 4)) == 5
    assert len(series.window(T0 + 100, T0 + 200)) == 0
    assert series.tail(3).values.tolist() == [47.0, 48.0, 49.0]
    assert len(series.tail(0)) == 0


def test_a_duplicate_timestamp_is_dropped_and_the_first_value_kept() -> None:
    series = filled(3)
    assert series.append(T0 + 2, 99.0) is Appended.DUPLICATE
    assert series.append(T0 + 1, 99.0) is Appended.DUPLICATE
    assert series.view().values.tolist() == [0.0, 1.0, 2.0]


def test_a_late_point_is_inserted_in_place_even_across_a_compaction() -> None:
    series = filled(107, capacity=100, slack=8)  # the next write reaches the end of the array
    assert series.append(T0 + 105.5, -1.0) is Appended.INSERTED
    view = series.view()
    assert len(series) == 100
    assert np.all(np.diff(view.ts) > 0)
    assert view.values[-2] == -1.0
    assert series.append(T0 + 200, 5.0) is Appended.APPENDED


def test_points_too_late_to_place_are_refused() -> None:
    series = SeriesBuffer(100, slack=8, max_reorder=4)
    for i in range(20):
        series.append(T0 + i, float(i))
    assert series.append(T0 + 5.5, 0.0) is Appended.TOO_OLD  # 14 newer points would have to shift
    assert series.append(T0 + 16.5, 0.0) is Appended.INSERTED
    full = filled(100, capacity=100)
    assert full.append(T0 - 1, 0.0) is Appended.TOO_OLD  # older than all a full buffer holds


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e39])
def test_nothing_but_finite_numbers_enter(value: float) -> None:
    series = filled(2)
    assert series.append(T0 + 10, value) is Appended.NOT_FINITE
    assert series.append(math.nan, 1.0) is Appended.NOT_FINITE
    assert len(series) == 2
    assert np.all(np.isfinite(series.view().values))


def test_extend_takes_history_in_bulk_and_falls_back_for_disorder() -> None:
    series = SeriesBuffer(1_000, slack=64)
    ts = T0 + np.arange(5_000, dtype=np.float64)
    values = np.sin(np.arange(5_000) / 100.0)
    values[10] = np.nan
    assert series.extend(ts, values) == 1_000
    assert series.view().ts[0] == ts[4_000]
    assert series.extend([T0 + 4_998.5, T0 + 6_000], [1.0, 2.0]) == 2  # one late point, one new
    assert len(series) == 1_000
    assert np.all(np.diff(series.view().ts) > 0)
    with pytest.raises(ValueError, match="equal length"):
        series.extend([1.0], [1.0, 2.0])


def test_values_are_stored_as_float32_by_default_to_save_memory() -> None:
    series = SeriesBuffer(86_400)
    assert series.view().values.dtype == np.float32
    assert series.nbytes < 86_400 * 8 * 1.07  # a float32 time offset and a float32 value a point, plus the slack
    assert SeriesBuffer(10, value_dtype=np.float64).view().values.dtype == np.float64


def test_times_are_kept_to_the_millisecond_across_compactions_and_a_moved_base() -> None:
    """Times are int32 milliseconds from a base that moves by whole milliseconds: what comes back is what went in."""
    series = SeriesBuffer(1_000, slack=64)
    ts = T0 + np.arange(5_000) * 0.010 + 0.0005  # 100 Hz, never on a whole second
    assert series.extend(ts[:2_500], np.arange(2_500.0)) == 1_000
    for index in range(2_500, 5_000):
        assert series.append(float(ts[index]), float(index)) is Appended.APPENDED
    assert np.max(np.abs(series.view().ts - ts[-1_000:])) < 1e-5
    assert series.append(float(ts[-1]) + 0.0003, 0.0) is Appended.DUPLICATE  # the same millisecond
    later = float(ts[-1]) + 20 * 86_400.0  # twenty days of silence: still within reach of the base
    assert series.append(later, 1.0) is Appended.APPENDED
    assert np.max(np.abs(series.view().ts[:-1] - ts[-999:])) < 1e-5
    much_later = later + 10 * 86_400.0  # the base must move: what is now over ~24.8 days old leaves
    assert series.append(much_later, 2.0) is Appended.APPENDED
    assert series.view().ts.tolist() == pytest.approx([later, much_later], abs=1e-5)
    assert series.window(later - 1, later + 1).values.tolist() == [1.0]


def test_gaps_are_jumps_larger_than_k_times_the_median_step() -> None:
    ts = np.array([0.0, 1.0, 2.0, 3.0, 20.0, 21.0, 22.0, 60.0]) + T0
    assert median_step(ts) == 1.0
    assert find_gaps(ts, factor=5.0) == [(T0 + 3, T0 + 20), (T0 + 22, T0 + 60)]
    assert connect_mask(ts, factor=5.0).tolist() == [True, True, True, False, True, True, False, True]
    assert find_gaps(ts[:1]) == []


def test_envelope_keeps_every_spike_when_zoomed_out() -> None:
    ts = T0 + np.arange(10_000, dtype=np.float64)
    values = np.zeros(10_000, dtype=np.float32)
    values[1234], values[8765] = 50.0, -40.0
    result = envelope(SeriesView(ts, values), buckets=100)
    assert len(result) == 100
    assert result.high.max() == 50.0
    assert result.low.min() == -40.0
    assert np.all(result.connect[:-1])
    xs, ys, connect = result.interleaved()
    assert len(xs) == len(ys) == len(connect) == 200
    assert ys.max() == 50.0


def test_envelope_of_a_short_view_is_the_points_themselves() -> None:
    view = filled(10).view()
    result = envelope(view, buckets=100)
    assert result.low.tolist() == result.high.tolist() == view.values.tolist()


def test_envelope_breaks_at_gaps_wider_than_a_bucket() -> None:
    ts = np.concatenate([np.arange(0, 1_000), np.arange(5_000, 6_000)]).astype(np.float64) + T0
    values = np.ones(len(ts), dtype=np.float32)
    result = envelope(SeriesView(ts, values), buckets=60)
    breaks = np.flatnonzero(~result.connect[:-1])
    assert len(breaks) == 1
    assert result.ts[breaks[0]] < T0 + 1_000 <= T0 + 5_000 <= result.ts[breaks[0] + 1]


def test_envelope_limited_to_a_time_range() -> None:
    ts = T0 + np.arange(1_000, dtype=np.float64)
    values = np.arange(1_000, dtype=np.float32)
    result = envelope(SeriesView(ts, values), buckets=10, since=T0 + 500, until=T0 + 999)
    assert result.low.min() == 500.0
    assert result.high.max() == 999.0


def test_the_store_creates_series_on_first_sight_and_bounds_their_number() -> None:
    store = TelemetryStore(capacity=10, max_series=2)
    first = store.get_or_create(SeriesKey("rtu-1", "flow_lpm"))
    assert first is store.get_or_create(SeriesKey("rtu-1", "flow_lpm"))
    assert store.get_or_create(SeriesKey("rtu-1", "pressure_bar")) is not None
    assert store.get_or_create(SeriesKey("rtu-2", "flow_lpm")) is None
    assert store.devices() == ["rtu-1"]
    assert store.metrics_of("rtu-1") == ["flow_lpm", "pressure_bar"]
    store.drop(SeriesKey("rtu-1", "flow_lpm"))
    assert len(store) == 1
    assert store.nbytes > 0
