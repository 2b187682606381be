"""Fuzzed MQTT messages, generated deterministically, and the check that nothing bad reached a series or a rollup
(used by tests/unit/test_mqtt_fuzz_100k.py and tests/integration/test_mqtt_fuzz_broker.py)."""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field

import numpy as np

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.mqtt.ingest import TelemetryIngest
from hydrodesk.mqtt.payloads import EARLIEST_TS, MAX_ABS_VALUE, MAX_FUTURE_S

NOW = 1_760_884_200.0
PREFIX = "connect/comp_12345"
DEVICES = tuple(f"rtu-{index}" for index in range(8))
METRICS = ("flow_lpm", "pressure_bar", "soil_moisture_pct_30cm", "battery_pct")
MESSAGES = 100_000
MEGABYTE = 1 << 20

Point = tuple[str, str, float, float]


@dataclass
class Fuzz:
    """A deterministic stream of (topic, payload) and the points its valid metrics carry."""

    seed: int
    now: float = NOW
    legit: set[Point] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)
        self.clock = self.now - 600.0
        # Built once: a megabyte of JSON costs more to make than to refuse.
        self.huge = [
            b'{"ts": 1760884200, "metrics": {"flow_lpm": ' + b"1" * MEGABYTE + b"}}",
            b"[" * MEGABYTE,
            json.dumps({"ts": self.now, "metrics": {f"m{i}": 1.0 for i in range(40_000)}}).encode()[:MEGABYTE],
            self.random.randbytes(4096) * (MEGABYTE // 4096),
        ]
        # Deep nesting: within the size limit, so the parser's recursion limit is what refuses them.
        self.deep = [b"[" * depth + b"]" * depth for depth in (10, 900, 2_000, 7_000)] + [
            b'{"a":' * depth + b"1" + b"}" * depth for depth in (1_000, 2_500)
        ]
        self.makers = [
            (30, self.valid),
            (10, self.bad_values),
            (8, self.broken_json),
            (6, self.wrong_types),
            (6, self.bad_topic),
            (5, self.bad_ts),
            (4, self.status_state_ack),
            (2, self.nested),
            (1, self.megabyte),
        ]
        self.weights = [weight for weight, _ in self.makers]

    def messages(self, count: int) -> list[tuple[str, bytes]]:
        makers = self.random.choices([maker for _, maker in self.makers], self.weights, k=count)
        return [maker() for maker in makers]

    # ------------------------------------------------------------------ pieces
    def topic(self, kind: str = "telemetry") -> tuple[str, str]:
        device = self.random.choice(DEVICES)
        return f"{PREFIX}/proj_123/{device}/{kind}", device

    def ts(self) -> float:
        """Mostly forwards in time, as devices report; now and then late (reordered) or a duplicate."""
        self.clock += 0.004
        pick = self.random.random()
        if pick < 0.05:
            return self.clock - self.random.randrange(1, 2000) / 1000.0
        if pick < 0.07:
            return round(self.clock - 0.004, 3)
        return round(self.clock, 3)

    def good_value(self) -> float | int:
        pick = self.random.random()
        if pick < 0.6:
            return round(self.random.uniform(-1e4, 1e4), 3)
        if pick < 0.8:
            return self.random.randint(-(10**6), 10**6)
        return self.random.choice([0, -0.0, 1e-300, 9.99e14, -9.99e14])  # edges that are still plausible

    def bad_value(self) -> object:
        return self.random.choice(
            [
                float("nan"),
                float("inf"),
                float("-inf"),
                1e16,
                -1e300,
                10**40,
                "41.2",
                "",
                None,
                True,
                False,
                [],
                {},
                [1, 2],
                {"v": 1},
            ]
        )

    # ------------------------------------------------------------------ kinds of message
    def valid(self) -> tuple[str, bytes]:
        topic, device = self.topic()
        ts = self.ts()
        metrics = {name: self.good_value() for name in self.random.sample(METRICS, self.random.randint(1, 3))}
        for name, value in metrics.items():
            self.legit.add((device, name, ts, float(np.float32(value))))
        return topic, json.dumps({"ts": ts, "metrics": metrics}).encode()

    def bad_values(self) -> tuple[str, bytes]:
        """Every metric bad (NaN, infinity, huge, strings, booleans...), or bad next to good ones."""
        topic, device = self.topic()
        ts = self.ts()
        metrics: dict[str, object] = {name: self.bad_value() for name in self.random.sample(METRICS, 2)}
        if self.random.random() < 0.5:
            good = self.random.choice([name for name in METRICS if name not in metrics])
            metrics[good] = value = self.good_value()
            self.legit.add((device, good, ts, float(np.float32(value))))
        text = json.dumps({"ts": ts, "metrics": metrics}, allow_nan=True)
        if self.random.random() < 0.3:  # numbers too big for a double parse as infinity
            text = text.replace("1e+300", "1e999")
        return topic, text.encode()

    def broken_json(self) -> tuple[str, bytes]:
        topic, _ = self.topic()
        base = json.dumps({"ts": self.ts(), "metrics": {"flow_lpm": 1.5, "pressure_bar": 2.5}}).encode()
        pick = self.random.random()
        if pick < 0.4:
            return topic, base[: self.random.randrange(len(base))]  # truncated
        if pick < 0.6:
            return topic, self.random.randbytes(self.random.randrange(64))
        if pick < 0.8:
            return topic, b"\xff\xfe" + base
        return topic, base.replace(b":", b"=", 1)

    def wrong_types(self) -> tuple[str, bytes]:
        topic, _ = self.topic()
        payload = self.random.choice(
            [
                [1, 2, 3],
                "telemetry",
                42,
                None,
                {"ts": self.ts(), "metrics": [1.0, 2.0]},
                {"ts": self.ts(), "metrics": "flow_lpm=1"},
                {"ts": self.ts()},
                {"metrics": {"flow_lpm": 1.0}, "ts": {"when": "now"}},
                {"ts": self.ts(), "metrics": {"": 1.0, "bad name": 2.0, "x" * 65: 3.0, "a/b": 4.0}},
                {"ts": self.ts(), "metrics": {f"m{i}": 1.0 for i in range(70)}},
            ]
        )
        return topic, json.dumps(payload).encode()

    def bad_topic(self) -> tuple[str, bytes]:
        _, device = self.topic()
        topic = self.random.choice(
            [
                f"connect/other/proj_123/{device}/telemetry",
                f"{PREFIX}/proj_123/{device}/unknown",
                f"{PREFIX}/proj_123/telemetry",
                f"{PREFIX}//{device}/telemetry",
                "".join(chr(self.random.randrange(32, 0x2FF)) for _ in range(self.random.randrange(40))),
                "#",
                "",
            ]
        )
        return topic, json.dumps({"ts": self.ts(), "metrics": {"flow_lpm": 1.0}}).encode()

    def bad_ts(self) -> tuple[str, bytes]:
        topic, _ = self.topic()
        ts = self.random.choice(
            [None, "yesterday", "2025-13-45T99:99:99Z", float("nan"), -1, 0, 1e20, self.now + 86_400, 946_000_000, True]
        )
        return topic, json.dumps({"ts": ts, "metrics": {"flow_lpm": 1.0}}, allow_nan=True).encode()

    def status_state_ack(self) -> tuple[str, bytes]:
        kind = self.random.choice(["status", "state", "ack"])
        topic, _ = self.topic(kind)
        body = self.random.choice(
            [
                {"online": "yes", "battery_pct": float("nan"), "rssi_dbm": 1e300},
                {"valves": [{"valveId": None, "state": 3}]},
                {"commandId": [], "status": {}},
                {"online": True, "ts": self.ts(), "battery_pct": 80},
            ]
        )
        return topic, json.dumps(body, allow_nan=True).encode()

    def nested(self) -> tuple[str, bytes]:
        topic, _ = self.topic()
        return topic, self.random.choice(self.deep)

    def megabyte(self) -> tuple[str, bytes]:
        topic, _ = self.topic(self.random.choice(["telemetry", "telemetry", "status", "state", "ack"]))
        return topic, self.random.choice(self.huge)


TS_RESOLUTION_S = 0.0005 + 1e-6


def _nearest(sorted_times: np.ndarray, ts: float) -> float:
    index = int(np.searchsorted(sorted_times, ts))
    return min(abs(float(sorted_times[i]) - ts) for i in (index - 1, index) if 0 <= i < len(sorted_times))


def assert_nothing_bad_held(ingest: TelemetryIngest, legit: set[Point], now: float = NOW) -> int:
    """Every point of every series and every rollup is finite, plausible, and one that a valid message carried;
    returns how many points the series hold."""
    held = 0
    by_point: dict[tuple[str, str, float], list[float]] = {}
    for device, metric, ts, value in legit:
        by_point.setdefault((device, metric, value), []).append(ts)
    legit_times = {point: np.sort(np.asarray(times)) for point, times in by_point.items()}
    for key in ingest.store:
        series = ingest.store.get(key)
        assert series is not None
        view = series.view()
        held += len(view)
        assert np.isfinite(view.ts).all(), key
        assert np.isfinite(view.values).all(), key
        assert (np.abs(view.values) <= MAX_ABS_VALUE).all(), key
        # Series keep times to the millisecond (int32 ms from a base): a held time is within half a millisecond
        # of the one its message carried.
        assert (view.ts >= EARLIEST_TS - TS_RESOLUTION_S).all(), key
        assert (view.ts <= now + MAX_FUTURE_S + TS_RESOLUTION_S).all(), key
        assert (np.diff(view.ts) > 0).all(), key
        for ts, value in zip(view.ts.tolist(), view.values.tolist(), strict=True):
            carried = legit_times.get((key.device_id, key.metric, value))
            assert carried is not None, (key, ts, value)
            assert _nearest(carried, ts) <= TS_RESOLUTION_S, (key, ts, value)
    values_by_series: dict[SeriesKey, set[float]] = {}
    for device, metric, _ts, value in legit:
        values_by_series.setdefault(SeriesKey(device, metric), set()).add(value)
    for row in ingest.rollups.take_all():
        assert all(math.isfinite(v) for v in (row.minute, row.minimum, row.maximum, row.mean)), row
        assert row.count >= 1
        assert row.minimum <= row.mean + 1e-6 * abs(row.mean) + 1e-9
        assert row.mean <= row.maximum + 1e-6 * abs(row.mean) + 1e-9
        known = values_by_series[row.key]
        assert float(np.float32(row.minimum)) in known, row
        assert float(np.float32(row.maximum)) in known, row
    return held
