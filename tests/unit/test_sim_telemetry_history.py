"""The simulator's telemetry history without a server: the synthesized readings, the resolutions, the minutes the
devices really published taking the synthesized ones' place, and where live devices pick up."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from hydrodesk.sim import topics
from hydrodesk.sim.db import Database
from hydrodesk.sim.devices import DeviceSpec, SimulatedDevice, ValveSpec
from hydrodesk.sim.iot.telemetry_model import FieldDevice, ValveRun, reading_now, readings
from hydrodesk.sim.iot.telemetry_record import TelemetryRecorder, recorded
from hydrodesk.sim.iot.telemetry_series import (
    HistoryResolution,
    Recorded,
    Selection,
    bucket_starts,
    point_count,
    series,
)
from hydrodesk.sim.topics import DeviceAddress

DAY = 86_400
T0 = 1_760_832_000  # 2025-10-19T00:00:00Z
RUN_START, RUN_END = T0 + 11 * 3600, T0 + 11 * 3600 + 45 * 60
SPEC = DeviceSpec(
    DeviceAddress("comp_12345", "proj_123", "bitRTU-01"),
    (ValveSpec("valve_001", "sector_001", 400.0, 560.0), ValveSpec("valve_002", "sector_001", 380.0, 520.0)),
)
# A morning run of valve_001 every day of the month up to T0's, and one of valve_002 on T0's day.
RUNS = (
    *(ValveRun("valve_001", RUN_START - d * DAY, RUN_END - d * DAY, 480.0) for d in range(30)),
    ValveRun("valve_002", RUN_START, RUN_END - 15 * 60, 450.0),
)
DEVICE = FieldDevice(SPEC, RUNS)
LATER = T0 + 2 * DAY  # "now", well after the day the tests look at


def points(device: FieldDevice, metric: str, start: float, end: float, resolution: str, **kw: object) -> np.ndarray:
    (found,) = series(
        [Selection(device, (metric,))],
        start,
        end,
        HistoryResolution(resolution),
        kw.get("until", LATER),  # type: ignore[arg-type]
        kw.get("recorded", {}),  # type: ignore[arg-type]
    )
    return np.array(found["points"], dtype=float)


def test_the_device_publishes_the_live_metrics() -> None:
    assert DEVICE.metrics() == [
        "flow_lpm",
        "flow_lpm_valve_001",
        "flow_lpm_valve_002",
        "pressure_bar",
        "soil_moisture_pct_10cm",
        "soil_moisture_pct_30cm",
        "soil_moisture_pct_60cm",
        "battery_pct",
    ]
    single = FieldDevice(DeviceSpec(SPEC.address, SPEC.valves[:1]))
    assert "flow_lpm_valve_001" not in single.metrics()


def test_readings_are_a_function_of_the_second_not_of_the_question() -> None:
    day = points(DEVICE, "pressure_bar", T0, T0 + DAY, "1m")
    hour = points(DEVICE, "pressure_bar", T0 + 5 * 3600, T0 + 6 * 3600, "1m")
    assert np.array_equal(hour, day[300:360])
    raw = points(DEVICE, "soil_moisture_pct_10cm", T0 + 100, T0 + 200, "raw")
    assert np.array_equal(raw, points(DEVICE, "soil_moisture_pct_10cm", T0, T0 + 300, "raw")[100:200])
    assert not np.array_equal(
        points(DEVICE, "pressure_bar", T0, T0 + 60, "raw")[:, 1],
        points(
            FieldDevice(DeviceSpec(DeviceAddress("c", "p", "other"), SPEC.valves)), "pressure_bar", T0, T0 + 60, "raw"
        )[:, 1],
    )  # another device has noise of its own


def test_flow_and_pressure_follow_the_runs() -> None:
    seconds = np.arange(T0, T0 + DAY, dtype=np.int64)
    values = readings(DEVICE, DEVICE.metrics(), seconds)
    during = (seconds >= RUN_START) & (seconds < RUN_END - 15 * 60)
    closed = (seconds < RUN_START) | (seconds >= RUN_END)
    assert np.mean(values["flow_lpm_valve_001"][during]) == pytest.approx(480.0, rel=0.01)
    assert np.all(values["flow_lpm_valve_001"][closed] == 0)
    line = values["flow_lpm"]
    assert np.allclose(line, np.round(values["flow_lpm_valve_001"], 1) + np.round(values["flow_lpm_valve_002"], 1))
    capacity = 560.0 + 520.0
    expected_sag = 0.6 * (480.0 + 450.0) / capacity
    assert np.mean(values["pressure_bar"][during]) == pytest.approx(3.2 - expected_sag, abs=0.01)
    assert np.mean(values["pressure_bar"][closed]) == pytest.approx(3.2, abs=0.01)


def test_soil_wets_while_water_flows_and_dries_slowly_after() -> None:
    moments = np.array([RUN_START - 60, RUN_END, RUN_END + 6 * 3600, RUN_START + DAY - 60], dtype=np.int64)
    soil = readings(DEVICE, [topics.soil_metric(d) for d in (10, 30, 60)], moments)
    shallow, deep = soil["soil_moisture_pct_10cm"], soil["soil_moisture_pct_60cm"]
    assert shallow[1] - shallow[0] > 5  # the run wets the shallow probe most
    assert 0 < deep[1] - deep[0] < shallow[1] - shallow[0]
    assert shallow[0] < shallow[3] < shallow[2] < shallow[1]  # drying, but not back to where it was in a day
    for values in soil.values():
        assert np.all((values >= 8) & (values <= 48))
    dry = readings(FieldDevice(SPEC), ["soil_moisture_pct_10cm"], moments)["soil_moisture_pct_10cm"]
    assert np.all(dry < shallow)  # no runs at all: a dry baseline


def test_aggregates_and_raw_readings_have_their_shapes() -> None:
    minutes = points(DEVICE, "flow_lpm_valve_001", RUN_START - 600, RUN_START + 600, "1m")
    assert minutes.shape == (20, 4)
    assert np.all(np.diff(minutes[:, 0]) == 60_000)
    mean, low, high = minutes[:, 1], minutes[:, 2], minutes[:, 3]
    assert np.all((low <= mean) & (mean <= high))
    assert np.all(minutes[:10, 1] == 0)
    assert np.all(minutes[10:, 2] > 400)
    hours = points(DEVICE, "flow_lpm_valve_001", T0, T0 + DAY, "1h")
    assert hours.shape == (24, 4)
    assert hours[11, 1] == pytest.approx(480.0 * 45 / 60, rel=0.02)  # 45 minutes of the hour flowing
    assert (hours[11, 2], hours[11, 3] > 470) == (0.0, True)
    raw = points(DEVICE, "pressure_bar", T0, T0 + 10, "raw")
    assert raw.shape == (10, 2)
    assert raw[:, 0].tolist() == [(T0 + s) * 1000 for s in range(10)]


def test_the_bucket_under_way_holds_what_was_measured_and_the_future_is_absent() -> None:
    now = T0 + 3600 + 20.5
    minutes = points(DEVICE, "battery_pct", T0 + 3600 - 120, T0 + 3600 + 600, "1m", until=now)
    assert minutes[:, 0].tolist() == [(T0 + 3600 + offset) * 1000 for offset in (-120, -60, 0)]
    assert bucket_starts(T0, T0 + 120, 60, until=T0 + 120).tolist() == [T0, T0 + 60]  # end is exclusive
    assert bucket_starts(T0 + 1, T0 + 120, 60, until=LATER).tolist() == [T0 + 60]
    assert bucket_starts(T0, T0 + 120, 60, until=T0 - 1).tolist() == []
    selections = [Selection(DEVICE, tuple(DEVICE.metrics()))]
    assert point_count(selections, T0, T0 + DAY, HistoryResolution.MINUTE, LATER) == 8 * 1440
    assert point_count(selections, T0, T0 + DAY, HistoryResolution.RAW, T0 + 100) == 8 * 101


def test_recorded_minutes_take_the_synthesized_ones_place() -> None:
    kept = {
        ("bitRTU-01", "pressure_bar"): Recorded(
            np.array([T0 + 120, T0 + 180], dtype=np.int64),
            np.array([1.0, 1.1]),
            np.array([1.4, 1.5]),
            np.array([1.2, 1.3]),
        )
    }
    minutes = points(DEVICE, "pressure_bar", T0, T0 + 300, "1m", recorded=kept)
    assert minutes[2].tolist() == [(T0 + 120) * 1000, 1.2, 1.0, 1.4]
    assert minutes[3].tolist() == [(T0 + 180) * 1000, 1.3, 1.1, 1.5]
    assert minutes[1, 1] == pytest.approx(3.2, abs=0.05)  # synthesized around it
    hour = points(DEVICE, "pressure_bar", T0, T0 + 3600, "1h", recorded=kept)
    assert hour[0, 2] == 1.0  # the hour's minimum is the recorded one
    assert hour[0, 1] < points(DEVICE, "pressure_bar", T0, T0 + 3600, "1h")[0, 1]
    raw = points(DEVICE, "pressure_bar", T0 + 100, T0 + 250, "raw", recorded=kept)
    times = raw[:, 0] / 1000
    assert not np.any((times >= T0 + 120) & (times < T0 + 240) & (times % 60 != 30))  # seconds replaced...
    assert raw[times == T0 + 150, 1].tolist() == [1.2]  # ...by the minute's one kept point, at its middle
    assert raw[times == T0 + 210, 1].tolist() == [1.3]
    assert np.all(np.diff(times) > 0)


def test_the_recorder_keeps_published_minutes_in_the_database(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    now = [float(T0 + 10)]
    recorder = TelemetryRecorder(db, clock=lambda: now[0])
    try:
        for second in range(10, 150):
            moment = datetime.fromtimestamp(T0 + second, tz=UTC)
            recorder.record("bitRTU-01", topics.telemetry_payload(moment, {"pressure_bar": 3.0 + second / 1000}))
            now[0] = T0 + second
        recorder.record("bitRTU-01", {"ts": "garbage", "metrics": {"pressure_bar": 1.0}})
        recorder.record("bitRTU-01", {"ts": topics.iso_utc(datetime.fromtimestamp(T0, tz=UTC)), "metrics": {"x": "y"}})
        assert recorder.flush() == 2  # minutes T0 and T0+60 have settled; the third is still under way
        kept = recorded(db, ["bitRTU-01"], T0, T0 + 600)[("bitRTU-01", "pressure_bar")]
        assert kept.minute.tolist() == [T0, T0 + 60]
        assert kept.minimum[0] == pytest.approx(3.010)
        assert kept.maximum[1] == pytest.approx(3.119)
        assert recorder.flush(final=True) == 1  # on shutdown the minute under way is kept as it stands
        assert len(recorded(db, ["bitRTU-01"], T0, T0 + 600)[("bitRTU-01", "pressure_bar")]) == 3
        assert recorded(db, ["bitRTU-02"], T0, T0 + 600) == {}
        # Old minutes are pruned: beyond the kept days the history is synthesized again.
        now[0] = T0 + 30 * DAY
        recorder._pruned_at = 0.0
        recorder.flush()
        assert recorded(db, ["bitRTU-01"], T0, T0 + 600) == {}
    finally:
        db.close()


def test_a_live_device_picks_up_where_its_history_leaves_off() -> None:
    now = float(RUN_END + 3600)
    history = reading_now(DEVICE, now)
    device = SimulatedDevice(SPEC, clock=lambda: datetime.fromtimestamp(now, tz=UTC), rng=random.Random(1))
    device.resume_from(history)
    metrics = device.telemetry()["metrics"]
    for depth in (10, 30, 60):
        assert metrics[topics.soil_metric(depth)] == round(history[topics.soil_metric(depth)], 1)
    assert metrics["battery_pct"] == round(history["battery_pct"], 1)
    device.resume_from({"battery_pct": float("nan"), "soil_moisture_pct_10cm": 99.0})  # refused / bounded
    assert device.battery_pct == pytest.approx(history["battery_pct"])
    assert device.soil_pct[10] == 48.0


def test_a_recorded_minute_under_way_does_not_hide_the_readings_of_that_minute() -> None:
    # A simulator that stopped at T0 + 5 s kept minute T0 with its first seconds only; at T0 + 20 s the raw
    # readings of that minute are still there, one a second.
    kept = {("bitRTU-01", "pressure_bar"): Recorded(np.array([T0]), np.array([3.1]), np.array([3.3]), np.array([3.2]))}
    raw = points(DEVICE, "pressure_bar", T0, T0 + 60, "raw", until=T0 + 20, recorded=kept)
    assert (raw[:, 0] / 1000).tolist() == [T0 + s for s in range(21)]
