"""The field devices' past telemetry, synthesized: what they would have published, as a function of time.

Pure (numpy, no I/O, no clock): the same device, metric and second always give the same reading, whatever range a
query asks for, so a day fetched in pieces joins up exactly. The metrics are the ones the simulated RTUs publish
live (hydrodesk.sim.devices): `flow_lpm` and `pressure_bar` of the device's line, `flow_lpm_{valveId}` per valve
when it drives more than one, `soil_moisture_pct_10cm|30cm|60cm` and `battery_pct`.

What drives them:
- Flow follows the irrigation logs: while a logged run is on, its valve carries the run's mean flow (the log's
  volume over its duration) with the same 2 % reading noise the live devices have; otherwise nothing flows.
- Line pressure sags from 3.2 bar as the flow through the device nears its valves' combined capacity.
- Soil moisture rises while water flows (the shallow probe most) and relaxes back towards a dry baseline with a
  time constant that grows with depth. The model is linear, so each depth is a sum of exponential responses to the
  runs; it is evaluated exactly at the runs' boundaries and from there at any moment, and runs older than
  `LOOKBACK_S` have long been forgotten (e^-8 of their effect remains).
- The battery drains as the live devices' does (0.05 %/h) and is swapped every fortnight.
Noise comes from a hash of (series, second), not from a random generator's state.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from hydrodesk.sim import topics
from hydrodesk.sim.devices import DeviceSpec, Physics

FloatArray = npt.NDArray[np.float64]

MINUTE_S: Final = 60
HOUR_S: Final = 3600
DAY_S: Final = 86_400
# Soil responses, per depth: gain in % per minute at full flow, relaxation time, dry baseline.
SOIL_GAIN_PCT_PER_MIN: Final = {10: 0.35, 30: 0.18, 60: 0.07}
SOIL_TAU_S: Final = {10: 18 * HOUR_S, 30: 36 * HOUR_S, 60: 72 * HOUR_S}
SOIL_BASELINE_PCT: Final = {10: 16.0, 30: 20.0, 60: 24.0}
LOOKBACK_S: Final = 8 * max(SOIL_TAU_S.values())  # how far back runs still matter (24 days)
BATTERY_SWAP_S: Final = 14 * DAY_S
BATTERY_FULL_PCT: Final = 97.0
DIGITS: Final = {"flow": 1, "pressure": 2, "soil": 1, "battery": 1}
PHYSICS: Final = Physics()


@dataclass(frozen=True)
class ValveRun:
    """One irrigation from the logs: the valve was open from `start` to `end` (epoch seconds) at `flow_lpm`."""

    valve_id: str
    start: float
    end: float
    flow_lpm: float


@dataclass(frozen=True)
class FieldDevice:
    spec: DeviceSpec
    runs: tuple[ValveRun, ...] = ()

    @property
    def device_id(self) -> str:
        return self.spec.device_id

    @property
    def capacity_lpm(self) -> float:
        return sum(valve.max_lpm for valve in self.spec.valves)

    def metrics(self) -> list[str]:
        """Every metric the device publishes, in the order a chart lists them."""
        names = [topics.FLOW]
        if len(self.spec.valves) > 1:
            names += [topics.valve_flow_metric(valve.valve_id) for valve in self.spec.valves]
        names += [topics.PRESSURE, *(topics.soil_metric(depth) for depth in topics.SOIL_DEPTHS_CM), topics.BATTERY]
        return names


def unit_of(metric: str) -> str:
    if metric.startswith(topics.FLOW):
        return "L/min"
    if metric == topics.PRESSURE:
        return "bar"
    return "%"


def digits_of(metric: str) -> int:
    """Decimals of a reading, as the live devices round them."""
    if metric.startswith(topics.FLOW):
        return DIGITS["flow"]
    if metric == topics.PRESSURE:
        return DIGITS["pressure"]
    if metric == topics.BATTERY:
        return DIGITS["battery"]
    return DIGITS["soil"]


# ---------------------------------------------------------------------------------------------- noise
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: a good 64-bit hash, element-wise (uint64 arithmetic wraps, as it should)."""
    z = values + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def series_seed(device_id: str, metric: str) -> int:
    return zlib.crc32(f"{device_id}/{metric}".encode())


def _uniform(seed: int, seconds: npt.NDArray[np.int64], salt: int) -> FloatArray:
    key = _mix(np.array([(seed << 8) | salt], dtype=np.uint64))
    hashed = _mix(seconds.astype(np.uint64) ^ key)
    return (hashed >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def gauss(seed: int, seconds: npt.NDArray[np.int64]) -> FloatArray:
    """Standard normal noise, one value per (seed, whole second): Box-Muller over two hashed uniforms."""
    u1 = 1.0 - _uniform(seed, seconds, 1)  # (0, 1]: log is finite
    u2 = _uniform(seed, seconds, 2)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * math.pi * u2)


# ---------------------------------------------------------------------------------------------- the signals
def _true_valve_flow(runs: Sequence[ValveRun], t: FloatArray) -> FloatArray:
    """The noiseless flow of one valve at each moment (runs of one valve do not overlap)."""
    if not runs:
        return np.zeros(len(t))
    ordered = sorted(runs, key=lambda run: run.start)
    starts = np.array([run.start for run in ordered])
    ends = np.array([run.end for run in ordered])
    flows = np.array([run.flow_lpm for run in ordered])
    index = np.searchsorted(starts, t, side="right") - 1
    safe = np.clip(index, 0, None)
    on = (index >= 0) & (t < ends[safe])
    return np.where(on, flows[safe], 0.0)


def _flow_reading(device_id: str, metric: str, true_flow: FloatArray, seconds: npt.NDArray[np.int64]) -> FloatArray:
    """A flow meter's reading: 2 % noise while water flows, an honest zero otherwise (as the live devices)."""
    noisy = true_flow * (1.0 + PHYSICS.flow_noise * gauss(series_seed(device_id, metric), seconds))
    return np.where(true_flow >= 0.05, np.maximum(noisy, 0.0), 0.0)


def _wet_segments(device: FieldDevice) -> tuple[FloatArray, FloatArray]:
    """Boundaries (every run start and end, sorted) and the wet fraction (flow over capacity) after each."""
    capacity = device.capacity_lpm
    if not device.runs or capacity <= 0:
        return np.empty(0), np.empty(0)
    moments = np.array([moment for run in device.runs for moment in (run.start, run.end)])
    changes = np.array([sign * run.flow_lpm / capacity for run in device.runs for sign in (1.0, -1.0)])
    order = np.argsort(moments, kind="stable")
    moments, changes = moments[order], changes[order]
    boundaries, first = np.unique(moments, return_index=True)
    # The wet fraction after a boundary is the running sum of every change up to and including it.
    running = np.cumsum(changes)
    last_of_each = np.append(first[1:], len(moments)) - 1
    wet = np.clip(running[last_of_each], 0.0, 1.0)
    return boundaries, wet


def _soil_excess(boundaries: FloatArray, wet: FloatArray, depth: int, t: FloatArray) -> FloatArray:
    """Moisture above the dry baseline at each moment: dx/dt = gain * wet - x / tau, from x = 0 long ago."""
    if len(boundaries) == 0:
        return np.zeros(len(t))
    tau = SOIL_TAU_S[depth]
    gain_per_s = SOIL_GAIN_PCT_PER_MIN[depth] / 60.0
    # The state at every boundary (a few hundred: a plain loop), then every moment from its last boundary.
    state = np.zeros(len(boundaries))
    for k in range(1, len(boundaries)):
        decay = math.exp(-(boundaries[k] - boundaries[k - 1]) / tau)
        state[k] = state[k - 1] * decay + gain_per_s * wet[k - 1] * tau * (1.0 - decay)
    index = np.searchsorted(boundaries, t, side="right") - 1
    safe = np.clip(index, 0, None)
    decay = np.exp(-(t - boundaries[safe]) / tau)
    excess = state[safe] * decay + gain_per_s * wet[safe] * tau * (1.0 - decay)
    return np.where(index >= 0, excess, 0.0)


def _battery(device_id: str, t: FloatArray) -> FloatArray:
    phase = series_seed(device_id, topics.BATTERY) % BATTERY_SWAP_S
    hours_since_swap = np.mod(t + phase, BATTERY_SWAP_S) / HOUR_S
    return BATTERY_FULL_PCT - PHYSICS.battery_drain_pct_per_hour * hours_since_swap


def readings(device: FieldDevice, metrics: Iterable[str], seconds: npt.NDArray[np.int64]) -> dict[str, FloatArray]:
    """What the device read at each whole second in `seconds`, for each of `metrics` (unrounded)."""
    wanted = set(metrics)
    t = seconds.astype(np.float64)
    physics = PHYSICS
    device_id = device.device_id
    true_flows = {
        valve.valve_id: _true_valve_flow([run for run in device.runs if run.valve_id == valve.valve_id], t)
        for valve in device.spec.valves
    }
    result: dict[str, FloatArray] = {}
    if wanted & {topics.FLOW, *(topics.valve_flow_metric(v) for v in true_flows)}:
        several = len(true_flows) > 1
        total = np.zeros(len(t))
        for valve_id, flow in true_flows.items():
            metric = topics.valve_flow_metric(valve_id) if several else topics.FLOW
            reading = _flow_reading(device_id, metric, flow, seconds)
            # The line meter reads the sum of the valves' (rounded) readings, as the live device does.
            total += np.round(reading, DIGITS["flow"])
            if several:
                result[metric] = reading
        result[topics.FLOW] = total
    if topics.PRESSURE in wanted:
        capacity = device.capacity_lpm
        fraction = np.minimum(1.0, sum(true_flows.values()) / capacity) if capacity > 0 else np.zeros(len(t))
        noise = physics.pressure_noise_bar * gauss(series_seed(device_id, topics.PRESSURE), seconds)
        result[topics.PRESSURE] = physics.static_pressure_bar - physics.full_flow_pressure_drop_bar * fraction + noise
    soil_wanted = [depth for depth in topics.SOIL_DEPTHS_CM if topics.soil_metric(depth) in wanted]
    if soil_wanted:
        boundaries, wet = _wet_segments(device)
        low, high = physics.soil_range_pct
        for depth in soil_wanted:
            metric = topics.soil_metric(depth)
            # Each device's ground holds water a little differently.
            offset = (series_seed(device_id, metric) % 400) / 100.0 - 2.0
            excess = _soil_excess(boundaries, wet, depth, t)
            result[metric] = np.clip(SOIL_BASELINE_PCT[depth] + offset + excess, low, high)
    if topics.BATTERY in wanted:
        result[topics.BATTERY] = _battery(device_id, t)
    return {metric: result[metric] for metric in metrics if metric in result}


def reading_now(device: FieldDevice, moment: float) -> dict[str, float]:
    """Every metric at one moment: where a live device picks up, so its curve continues the history's."""
    values = readings(device, device.metrics(), np.array([math.floor(moment)], dtype=np.int64))
    return {metric: float(series[0]) for metric, series in values.items()}
