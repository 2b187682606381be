"""100,000 fuzzed MQTT messages through the real ingest path, fast: nothing raises, and no bad point is plotted.

The payloads come from a seeded generator (the same 100,000 every run): malformed JSON, wrong types, NaN and
infinity (as JSON words and as overflowing numbers), huge numbers, unknown topics and prefixes, 1 MB payloads,
deep nesting, non-UTF-8 bytes, bad and future timestamps, and valid telemetry mixed in. Each message is handed to
`TelemetryIngest.handle` as the pump hands it; afterwards every ring buffer and every rollup may hold only finite,
plausible values that some valid message really carried. A smaller slice goes through a real broker connection
(tests/integration/test_mqtt_fuzz_broker.py).
"""

from __future__ import annotations

import logging

import pytest

from hydrodesk.domain.telemetry import TelemetryStore
from hydrodesk.domain.telemetry_rollups import MinuteRollups
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.ingest import TelemetryIngest
from tests.mqtt_fuzz_support import MESSAGES, NOW, PREFIX, Fuzz, assert_nothing_bad_held


def test_a_hundred_thousand_fuzzed_payloads_crash_nothing_and_plot_no_bad_point(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fuzz = Fuzz(seed=20261203)
    messages = fuzz.messages(MESSAGES)
    assert len({payload for _, payload in messages}) > MESSAGES // 2  # not the same few payloads over and over
    ingest = TelemetryIngest(
        Inbox(), TelemetryStore(capacity=100_000), rollups=MinuteRollups(), clock=lambda: NOW, log_interval_s=3600
    )
    ingest.use_topic_prefix(PREFIX)
    with caplog.at_level(logging.ERROR, logger="hydrodesk.mqtt.ingest"):
        for topic, payload in messages:
            ingest.handle(topic, payload, NOW)
    # A parser that raised anything but `Malformed` is logged as an ingest failure: a bug, even though it is caught.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    held = assert_nothing_bad_held(ingest, fuzz.legit)
    counters = ingest.counters
    assert held > MESSAGES // 5  # the valid telemetry did get through
    assert sum(counters.rejected.values()) > MESSAGES // 3
    assert counters.rejected["too_large"] > 0
    assert counters.rejected["not_finite"] > 0
    assert counters.rejected["bad_topic"] > 0
    assert counters.rejected["not_json"] > 0
