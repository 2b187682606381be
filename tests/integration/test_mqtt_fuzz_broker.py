"""A slice of the fuzzed payloads (tests/mqtt_fuzz_support.py) through a real broker and HydroDesk's own MQTT
connection, inbox, pump and ingest: what the 100,000 prove at the function, this proves end to end (1 MB payloads
included)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from hydrodesk.mqtt.access import IotAccess
from hydrodesk.mqtt.connection import ConnectionState
from hydrodesk.mqtt.hub import TelemetryHub
from hydrodesk.mqtt.topics import TopicPlan
from hydrodesk.sim.broker_process import RealBroker, start_real_broker
from tests.mqtt_fuzz_support import PREFIX, Fuzz, assert_nothing_bad_held

pytestmark = pytest.mark.mqtt

SLICE = 2_000
WAIT_S = 30.0


@pytest.fixture(scope="module")
def broker() -> Iterator[RealBroker]:
    with start_real_broker() as running:
        yield running


def publishable(topic: str) -> bool:
    """A topic a broker accepts from a publisher: not empty, no wildcards, no NUL."""
    return bool(topic) and not any(char in topic for char in "+#\0")


def publish(broker: RealBroker, messages: list[tuple[str, bytes]]) -> int:
    """Publish every message at QoS 1 (each acknowledged by the broker); returns how many."""
    parts = urlsplit(broker.tcp_url)
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="fuzz-publisher")
    client.max_queued_messages_set(0)
    client.connect(parts.hostname or "127.0.0.1", parts.port or 1883)
    client.loop_start()
    sent = 0
    try:
        for topic, payload in messages:
            client.publish(topic, payload, qos=1).wait_for_publish(10)
            sent += 1
    finally:
        client.disconnect()
        client.loop_stop()
    return sent


@pytest.mark.asyncio
async def test_fuzzed_payloads_through_a_real_broker_crash_nothing_and_plot_no_bad_point(broker: RealBroker) -> None:
    fuzz = Fuzz(seed=7, now=time.time())
    messages = fuzz.messages(SLICE)

    async def token() -> IotAccess:  # this broker checks no token
        return IotAccess(broker.ws_url, "unchecked", time.time() + 900, PREFIX, "user_fuzz")

    hub = TelemetryHub(token)
    hub.start()
    try:
        await hub.connection.wait_until(lambda status: status.state is ConnectionState.CONNECTED, 30)
        # What the hub subscribes to arrives; the rest (other companies, unknown kinds) the broker keeps away.
        filters = [pattern for pattern, _qos in TopicPlan(PREFIX).subscriptions()]
        on_topics = [
            (topic, payload)
            for topic, payload in messages
            if publishable(topic) and any(mqtt.topic_matches_sub(pattern, topic) for pattern in filters)
        ]
        sent = await asyncio.to_thread(publish, broker, on_topics)
        # Everything sent on the subscribed topics arrives (QoS 1 to the broker and, for telemetry, QoS 0 on).
        ticked = asyncio.Event()
        stop = hub.pump.on_tick(lambda _processed: ticked.set())
        try:
            async with asyncio.timeout(WAIT_S):
                while hub.inbox.received < sent or len(hub.inbox):
                    ticked.clear()
                    await ticked.wait()
        finally:
            stop()
        assert hub.connection.status.state is ConnectionState.CONNECTED  # no payload broke the connection
    finally:
        await hub.stop()
    assert sent > SLICE // 2
    held = assert_nothing_bad_held(hub.ingest, fuzz.legit, fuzz.now)
    assert held > 0
    assert sum(hub.ingest.counters.rejected.values()) > sent // 4
