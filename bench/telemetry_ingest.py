"""Telemetry ingest throughput: HydroDesk's MQTT connection + ingest against a bare paho subscriber, same stream.

A publisher process pushes `--rate` msg/s (5,000) for `--seconds` (10) across 200 series (100 devices x 2
metrics, one message per device and metric pair of readings) into a real broker (`start_real_broker()`: mosquitto
behind the WebSocket relay where mosquitto is installed, else the embedded amqtt broker). Two subscribers take
the stream over MQTT-over-WebSocket at the same time:
- HydroDesk: `TelemetryHub` (paho thread -> inbox -> ingest on an asyncio loop, ~30 drains a second) in this
  process, with a heartbeat task measuring the loop's lag every 10 ms;
- the baseline: a bare paho client in a child process that only counts messages.
Then a fresh child process fills 24 h x 200 series of 1 Hz history into the ring buffers and reports its RSS.

Prints one JSON line:
    {"rate_msg_s", "series", "delivered_ratio", "paho_baseline_msg_s", "ratio_vs_paho",
     "loop_lag_ms_p50", "loop_lag_ms_p99", "rss_mb_24h_200", ...}
Targets: ratio_vs_paho >= 0.7 with delivered_ratio 1.0, loop_lag_ms_p99 <= 50, rss_mb_24h_200 <= 400.
The plotting half (fps) is measured by the UI's benchmark on top of this one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from typing import Any

from hydrodesk.mqtt.access import IotAccess
from hydrodesk.mqtt.connection import ConnectionState
from hydrodesk.mqtt.hub import TelemetryHub
from hydrodesk.sim.broker_process import start_real_broker

PREFIX = "connect/bench"
DEVICES = 100
METRICS = ("flow_lpm", "pressure_bar")
HEARTBEAT_S = 0.010

PUBLISHER = r"""
# The load generator: MQTT 3.1.1 written straight to the broker's TCP listener from packets built before the clock
# starts, one send per 10 ms slice. A paho publisher spent most of a core to offer 20,000 msg/s (it reached 12,000
# to 16,000) on the same two cores as the subscribers it was measuring; this one costs a few system calls a slice,
# so the figures are about the subscribers, not the generator.
import json, socket, sys, time
from urllib.parse import urlsplit

url, rate, seconds, devices = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
user, password = (sys.argv[5], sys.argv[6]) if len(sys.argv) > 6 else (None, None)
parts = urlsplit(url)


def remaining(length):
    out = bytearray()
    while True:
        byte, length = length % 128, length // 128
        out.append(byte | (0x80 if length else 0))
        if not length:
            return bytes(out)


def text(value):
    raw = value.encode()
    return len(raw).to_bytes(2, "big") + raw


flags = 0x02 | (0xC0 if user is not None else 0)
body = text("MQTT") + bytes([4, flags]) + (60).to_bytes(2, "big") + text("bench-publisher")
if user is not None:
    body += text(user) + text(password)
sock = socket.create_connection((parts.hostname, parts.port))
sock.sendall(bytes([0x10]) + remaining(len(body)) + body)
connack = b""
while len(connack) < 4:
    chunk = sock.recv(4 - len(connack))
    if not chunk:
        raise SystemExit("the broker closed the connection")
    connack += chunk
if connack[0] != 0x20 or connack[3] != 0:
    raise SystemExit(f"refused: {connack!r}")

total = int(rate * seconds)
slice_s = 0.01
per_slice = max(1, round(rate * slice_s))
start = time.time() + 0.5  # the packets carry their send times: built first, sent from `start` on
topics = [text(f"connect/bench/proj_bench/dev-{device:03d}/telemetry") for device in range(devices)]
slices = []
for first in range(0, total, per_slice):
    packets = []
    for sent in range(first, min(total, first + per_slice)):
        ts = start + sent / rate
        payload = {"ts": ts, "metrics": {"flow_lpm": 40.0 + (sent % 7), "pressure_bar": 3.0 - (sent % 5) / 10}}
        packet = topics[sent % devices] + json.dumps(payload).encode()
        packets.append(bytes([0x30]) + remaining(len(packet)) + packet)
    slices.append(b"".join(packets))
pause = start - time.time()
if pause > 0:
    time.sleep(pause)
print("sending", flush=True)  # the stream starts now: what the subscribers are measured over
sent = 0
for index, blob in enumerate(slices):
    pause = start + index * slice_s - time.time()
    if pause > 0:
        time.sleep(pause)
    sock.sendall(blob)
    sent = min(total, sent + per_slice)
elapsed = time.time() - start
sock.sendall(bytes([0xE0, 0]))
sock.close()
print(json.dumps({"sent": sent, "seconds": elapsed}), flush=True)
"""

BASELINE = r"""
import json, sys, threading, time
from urllib.parse import urlsplit
import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

url = sys.argv[1]
parts = urlsplit(url)
count = 0
first = last = 0.0
subscribed = threading.Event()

def on_message(client, userdata, message):
    global count, first, last
    now = time.monotonic()
    if count == 0:
        first = now
    count += 1
    last = now

client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-paho-baseline", transport="websockets")
client.ws_set_options(path=parts.path)
if len(sys.argv) > 3:
    client.username_pw_set(sys.argv[2], sys.argv[3])
client.on_message = on_message
client.on_connect = lambda c, u, f, r, p: c.subscribe("connect/bench/+/+/telemetry", 0)
client.on_subscribe = lambda *args: subscribed.set()
client.connect(parts.hostname, parts.port)
client.loop_start()
subscribed.wait(30)
print("ready", flush=True)
sys.stdin.readline()  # the parent says when the stream is over
client.disconnect()
client.loop_stop()
print(json.dumps({"count": count, "seconds": last - first}), flush=True)
"""

HISTORY = r"""
import json, resource, sys
import numpy as np
from hydrodesk.domain.telemetry import SeriesKey, TelemetryStore

series, points = int(sys.argv[1]), int(sys.argv[2])
store = TelemetryStore(capacity=points, max_series=series)
ts = 1_760_000_000.0 + np.arange(points, dtype=np.float64)
for index in range(series):
    buffer = store.get_or_create(SeriesKey(f"dev-{index // 4:03d}", f"metric_{index % 4}"))
    buffer.extend(ts, np.sin(np.arange(points) / 500.0 + index) * 10 + 30)
    buffer.append(float(ts[-1]) + 1.0, 1.0)  # live points keep arriving after the history
rss_kb = None
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            rss_kb = int(line.split()[1])
except OSError:
    pass
if rss_kb is None:  # not Linux: the peak, in bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_kb = peak // 1024 if sys.platform == "darwin" else peak
print(json.dumps({"rss_mb": rss_kb / 1024, "buffers_mb": store.nbytes / 2**20, "points": points}), flush=True)
"""


def child(script: str, *args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdin=stdin, stdout=subprocess.PIPE, text=True, bufsize=1
    )


async def finish_stream(hub: Any, expected: int, baseline: Any, publisher: Any) -> dict[str, Any]:
    """Let both subscribers finish what is in flight (until HydroDesk has all `expected` telemetry messages, counted
    since it started, or nothing came for 2 s), then collect the bare paho subscriber's count (none when
    `baseline` is None) and close the child processes' pipes."""
    loop = asyncio.get_running_loop()
    quiet_since = loop.time()
    seen = hub.inbox.received
    while hub.ingest.counters.messages["telemetry"] < expected and loop.time() - quiet_since < 2.0:
        await asyncio.sleep(0.05)
        if hub.inbox.received != seen:
            seen, quiet_since = hub.inbox.received, loop.time()
    publisher.stdout.close()
    if baseline is None:
        return {"count": 0, "seconds": 0.0}
    baseline.stdin.write("done\n")
    baseline.stdin.flush()
    paho = json.loads(await asyncio.to_thread(baseline.stdout.readline))
    await asyncio.to_thread(baseline.wait)
    baseline.stdout.close()
    baseline.stdin.close()
    return paho


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def heartbeat(lags: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        started = loop.time()
        await asyncio.sleep(HEARTBEAT_S)
        lags.append(max(0.0, loop.time() - started - HEARTBEAT_S) * 1000.0)


async def run_stream(rate: int, seconds: float) -> dict[str, Any]:
    broker = await asyncio.to_thread(start_real_broker)
    try:
        baseline = child(BASELINE, broker.ws_url, stdin=subprocess.PIPE)
        assert baseline.stdout is not None
        assert baseline.stdin is not None
        if (await asyncio.to_thread(baseline.stdout.readline)).strip() != "ready":
            raise RuntimeError("the baseline subscriber did not subscribe")

        async def token() -> IotAccess:  # the benchmark's broker checks no token
            return IotAccess(broker.ws_url, "bench", time.time() + 3600, PREFIX, "bench-user")

        hub = TelemetryHub(token, capacity=86_400)
        hub.start()
        await hub.connection.wait_until(lambda s: s.state is ConnectionState.CONNECTED, 30)
        arrivals: list[float] = []
        hub.pump.on_tick(lambda processed: arrivals.append(time.monotonic()) if processed else None)

        lags: list[float] = []
        stop = asyncio.Event()
        beating = asyncio.create_task(heartbeat(lags, stop))
        publisher = child(PUBLISHER, broker.tcp_url, str(rate), str(seconds), str(DEVICES))
        await asyncio.to_thread(publisher.stdout.readline)  # type: ignore[union-attr]  # "sending": it starts
        lags.clear()  # the loop's lag while the stream runs, not while the publisher builds its packets
        published = json.loads(await asyncio.to_thread(publisher.stdout.readline))  # type: ignore[union-attr]
        await asyncio.to_thread(publisher.wait)
        expected = published["sent"]

        paho = await finish_stream(hub, expected, baseline, publisher)
        stop.set()
        await beating

        ingested = hub.ingest.counters.messages["telemetry"]
        span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
        series = sum(1 for key in hub.store if len(hub.store.get(key) or ()) > 0)
        await hub.stop()
    finally:
        await asyncio.to_thread(broker.close)
    rate_msg_s = ingested / span if span > 0 else 0.0
    paho_rate = paho["count"] / paho["seconds"] if paho["seconds"] > 0 else 0.0
    return {
        "rate_msg_s": round(rate_msg_s, 1),
        "series": series,
        "delivered_ratio": round(ingested / expected, 4) if expected else 0.0,
        "paho_baseline_msg_s": round(paho_rate, 1),
        "ratio_vs_paho": round(rate_msg_s / paho_rate, 3) if paho_rate else 0.0,
        "loop_lag_ms_p50": round(statistics.median(lags), 2) if lags else None,
        "loop_lag_ms_p99": round(percentile(lags, 0.99), 2) if lags else None,
        "published": expected,
        "publish_rate_msg_s": round(expected / published["seconds"], 1),
        "paho_delivered_ratio": round(paho["count"] / expected, 4) if expected else 0.0,
        "rejected": sum(hub.ingest.counters.rejected.values()),
        "broker": broker.kind,
    }


def history_rss(series: int, points: int) -> dict[str, Any]:
    process = child(HISTORY, str(series), str(points))
    out, _ = process.communicate(timeout=300)
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=int, default=5_000, help="messages per second (default 5000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to publish (default 10)")
    args = parser.parse_args()
    figures = asyncio.run(run_stream(args.rate, args.seconds))
    history = history_rss(200, 86_400)
    figures["rss_mb_24h_200"] = round(history["rss_mb"], 1)
    figures["ring_buffers_mb_24h_200"] = round(history["buffers_mb"], 1)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
