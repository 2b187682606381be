"""10,000 fuzzed MQTT messages through ingest: nothing raises, and no series is ever corrupted.

Every payload is generated together with what it legitimately carries: the (device, metric, ts, value) points of
its valid metrics. After each batch, every point held in any series must be finite, in strictly increasing time
order, and one of those legitimately sent points (values compared as float32, the buffers' storage type; times to
the millisecond, how the buffers keep them).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hydrodesk.domain.telemetry import TelemetryStore
from hydrodesk.domain.telemetry_rollups import MinuteRollups
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.ingest import TelemetryIngest
from tests.mqtt_fuzz_support import TS_RESOLUTION_S

NOW = 1_760_884_200.0
PREFIX = "connect/comp_12345"
DEVICES = ("rtu-1", "rtu-2", "rtu-3")
METRICS = ("flow_lpm", "pressure_bar", "soil_moisture_pct_30cm")
BATCH = 25
EXAMPLES = 400  # 400 x 25 = 10,000 messages

Point = tuple[str, str, float, float]


@dataclass(frozen=True)
class Fuzzed:
    topic: str
    payload: bytes
    legit: tuple[Point, ...]


def iso(ts: float) -> str:
    whole = math.floor(ts)
    millis = round((ts - whole) * 1000)
    text = np.datetime64(int(whole), "s").astype(str)
    return f"{text}.{millis:03d}Z"


good_ts = st.integers(min_value=-600_000, max_value=0).map(lambda ms: NOW + ms / 1000.0)
good_value = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**6), max_value=10**6),
)
bad_value = st.one_of(
    st.just(float("nan")).map(lambda _: "NaN"),
    st.sampled_from(["Infinity", "-inf", "41.2", "", None, True, False, [], {}]),
    st.floats(min_value=1e16, max_value=1e300),
    st.integers(min_value=10**16, max_value=10**40),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
metric_name = st.sampled_from(METRICS)
bad_name = st.sampled_from(["", "bad name", "x" * 65, "ünïcode", "a/b", "#"])
good_metrics = st.dictionaries(metric_name, good_value, min_size=1, max_size=3)
bad_metrics = st.dictionaries(st.one_of(metric_name.map(lambda m: m + "_x"), bad_name), bad_value, max_size=2)
device = st.sampled_from(DEVICES)

# Built once, at import: constructing strategies inside a draw costs hypothesis more than the ingest under test.
BASE = json.dumps({"ts": NOW, "metrics": {"flow_lpm": 1.0, "pressure_bar": 2.0}}).encode()
broken_payload = st.one_of(
    st.integers(min_value=0, max_value=len(BASE) - 1).map(lambda cut: BASE[:cut]),  # truncated
    st.binary(max_size=64),  # anything, non-UTF-8 included
    st.binary(min_size=1, max_size=8).map(lambda b: b"\xff\xfe" + b),
    st.integers(min_value=1, max_value=20_000).map(lambda depth: b"[" * depth + b"]" * depth),  # deep nesting
    st.integers(min_value=1, max_value=3_000).map(lambda depth: b'{"a":' * depth + b"1" + b"}" * depth),
    st.just(b'{"ts": 1760884200, "metrics": {"flow_lpm": NaN, "pressure_bar": Infinity}}'),
    st.just(b'{"ts": 1760884200, "metrics": {"flow_lpm": 1e999}}'),  # parses as infinity
    st.just(b'{"ts": 1760884200, "metrics": {"flow_lpm": ' + b"9" * 5_000 + b"}}"),  # beyond int parsing
    st.builds(
        lambda ts, metrics: json.dumps({"ts": ts, "metrics": metrics}).encode(),
        st.one_of(st.none(), st.text(max_size=10), st.floats(), st.just(NOW + 86_400)),  # bad or future ts
        st.dictionaries(metric_name, good_value, max_size=2),
    ),
    st.builds(lambda value: json.dumps(value).encode(), st.one_of(st.lists(st.integers()), st.text())),
)
broken_topic = st.one_of(
    st.builds(
        lambda device, kind: f"{PREFIX}/proj_123/{device}/{kind}",
        device,
        st.sampled_from(["telemetry", "telemetry", "status", "state", "ack"]),
    ),
    st.text(max_size=40),
    st.builds(lambda device: f"connect/other/proj_123/{device}/telemetry", device),
)
broken = st.builds(Fuzzed, broken_topic, broken_payload, st.just(()))


@st.composite
def valid_telemetry(draw: st.DrawFn) -> Fuzzed:
    device_id = draw(device)
    ts = draw(good_ts)
    good = draw(good_metrics)
    bad = draw(bad_metrics)
    as_iso = draw(st.booleans())
    payload = {"ts": iso(ts) if as_iso else ts, "metrics": {**bad, **good}}
    encoded = json.dumps(payload, allow_nan=True).encode()
    if as_iso:  # the time as the console reads it back from the text
        ts = datetime.fromisoformat(payload["ts"].replace("Z", "+00:00")).timestamp()
    legit = tuple((device_id, name, ts, float(np.float32(value))) for name, value in good.items())
    return Fuzzed(f"{PREFIX}/proj_123/{device_id}/telemetry", encoded, legit)


def check_series(ingest: TelemetryIngest, legit: set[Point]) -> None:
    times: dict[tuple[str, str, float], list[float]] = {}
    for device, metric, ts, value in legit:
        times.setdefault((device, metric, value), []).append(ts)
    for key in ingest.store:
        series = ingest.store.get(key)
        assert series is not None
        view = series.view()
        assert np.all(np.isfinite(view.ts))
        assert np.all(np.isfinite(view.values))
        assert np.all(np.diff(view.ts) > 0)
        for ts, value in zip(view.ts.tolist(), view.values.tolist(), strict=True):
            carried = times.get((key.device_id, key.metric, value), ())
            assert any(abs(moment - ts) <= TS_RESOLUTION_S for moment in carried), (key, ts, value)


def test_ten_thousand_fuzzed_messages_crash_nothing_and_corrupt_no_series() -> None:
    handled: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(st.lists(st.one_of(valid_telemetry(), broken), min_size=BATCH, max_size=BATCH))
    def run(batch: list[Fuzzed]) -> None:
        ingest = TelemetryIngest(
            Inbox(), TelemetryStore(capacity=64), rollups=MinuteRollups(), clock=lambda: NOW, log_interval_s=3600
        )
        ingest.use_topic_prefix(PREFIX)
        legit: set[Point] = set()
        for message in batch:
            legit.update(message.legit)
            ingest.inbox.put(message.topic, message.payload)
        assert ingest.drain(budget_s=60.0) == len(batch)
        check_series(ingest, legit)
        stored = sum(len(ingest.store.get(key) or ()) for key in ingest.store)
        assert stored <= len(legit)
        handled.append(len(batch))

    run()
    assert sum(handled) >= 10_000
