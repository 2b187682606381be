"""Telemetry end to end: HydroDesk's ingest AND plotting pipeline (the real Telemetry pane, offscreen, on the qasync
loop) against a bare paho subscriber counting the same stream in the same run.

A publisher process pushes `--rate` msg/s (default 20,000) for `--seconds` (10) across 200 series (100 devices x
flow and pressure) into a real broker, reached over MQTT-over-WebSocket by `--path`:
- `websockets` (default): mosquitto's own WebSocket listener (`protocol websockets`, Debian's 2.0.11 has
  libwebsockets). That listener binds every interface whatever address it is given, so the generated config
  requires a user name and a random password (mosquitto_passwd) on every listener;
- `relay`: the project's WebSocket relay (hydrodesk.sim.ws_relay) in front of a TCP-only mosquitto on loopback
  (the tests' broker; the embedded amqtt broker where mosquitto is absent).
The stream runs twice in one run:
1. two subscribers take it at once, for the throughput ratio (`ratio_vs_paho`, `rate_msg_s`):
   - HydroDesk: TelemetryHub -> LiveTelemetry -> TelemetryPane with `--plotted` (200) series plotted, in this
     process, on a qasync loop, with a heartbeat task measuring the loop's lag (`..._beside_paho`);
   - the baseline: a bare paho client in a child process that only counts messages (bench/telemetry_ingest.py);
     it takes a core of its own, so on a 2-core machine it competes with HydroDesk and the broker for the CPU;
2. HydroDesk alone takes the same stream, as a farm office runs it: `loop_lag_ms_p50/p99` and `fps`.
`fps` is the paints of the chart canvas actually completed per second while the stream runs. Then a fresh child
process holds 24 h x 200 series of 1 Hz history in the pane's store, plots all of them in the 24-hour window,
paints, and reports its RSS.

Prints one JSON line:
    {"rate_msg_s", "series", "delivered_ratio", "paho_baseline_msg_s", "ratio_vs_paho", "loop_lag_ms_p50",
     "loop_lag_ms_p99", "fps", "loop_lag_ms_p99_beside_paho", "fps_beside_paho", "rss_mb_24h_200", "broker", ...}
Targets (issue 11): at 20,000 msg/s with all 200 series plotted, ratio_vs_paho >= 0.8, loop_lag_ms_p99 <= 30,
fps >= 25, rss_mb_24h_200 <= 300; `--rate 5000` gives the figures to compare with.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from telemetry_ingest import BASELINE, DEVICES, PREFIX, PUBLISHER, child, finish_stream, heartbeat, percentile

PANE_HISTORY = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import numpy as np
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from bench_pane import build_pane, rss_mb
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.mqtt.hub import TelemetryHub

async def never():
    raise RuntimeError("not connected in this measurement")

series, points = int(sys.argv[1]), int(sys.argv[2])
hub = TelemetryHub(never, capacity=points, max_series=series)
ts = 1_760_000_000.0 + np.arange(points, dtype=np.float64)
for index in range(series):
    metric = ("flow_lpm", "pressure_bar")[index % 2]
    buffer = hub.store.get_or_create(SeriesKey(f"dev-{index // 2:03d}", metric))
    buffer.extend(ts, np.sin(np.arange(points) / 500.0 + index) * 10 + 30)
window, pane, live = build_pane(hub)
pane.window_buttons.button("24h").click()
pane.chart.show_until(float(ts[-1]))
for _ in range(5):
    pane.chart.refresh_all()
    window.repaint()
    app.processEvents()
plotted = len(pane.chart.items)
print(json.dumps({"rss_mb": rss_mb(), "buffers_mb": hub.store.nbytes / 2**20, "plotted": plotted}), flush=True)
"""


def start_broker(path: str) -> Any:
    """`websockets`: mosquitto's own WebSocket listener (password required); `relay`: the project's relay in front
    of a TCP-only mosquitto (the embedded amqtt broker where mosquitto is absent)."""
    from hydrodesk.sim.broker_process import start_mosquitto_websockets, start_real_broker

    return start_mosquitto_websockets() if path == "websockets" else start_real_broker()


async def run_stream(rate: int, seconds: float, plotted: int, path: str = "websockets") -> dict[str, Any]:
    from bench_pane import build_pane

    from hydrodesk.mqtt.access import IotAccess
    from hydrodesk.mqtt.hub import TelemetryHub

    broker = await asyncio.to_thread(start_broker, path)
    user, password = broker.credentials or ("bench", "")
    login = [user, password] if broker.credentials else []
    try:
        baseline = child(BASELINE, broker.ws_url, *login, stdin=subprocess.PIPE)
        assert baseline.stdout is not None
        assert baseline.stdin is not None
        if (await asyncio.to_thread(baseline.stdout.readline)).strip() != "ready":
            raise RuntimeError("the baseline subscriber did not subscribe")

        async def token() -> IotAccess:  # the benchmark's broker checks no token
            return IotAccess(broker.ws_url, password or "bench", time.time() + 3600, PREFIX, user)

        hub = TelemetryHub(token, capacity=86_400)
        window, pane, live = build_pane(hub)
        from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector

        # Garbage collected as the app collects it: from a GUI timer, with what start-up made frozen out of it.
        collector = GuiThreadGarbageCollector(parent=window)
        collector.start()
        collector.settle()
        from hydrodesk.domain.telemetry import SeriesKey

        # What a person watches: flow and pressure of `plotted // 2` devices, in two plots (all 200 are ingested).
        for device in range(plotted // 2):
            for metric in ("flow_lpm", "pressure_bar"):
                pane.show_series(SeriesKey(f"dev-{device:03d}", metric))
        live.start()
        await hub.connection.wait_until(lambda s: s.state.value == "connected", 30)
        arrivals: list[float] = []
        hub.pump.on_tick(lambda processed: arrivals.append(time.monotonic()) if processed else None)

        async def stream(baseline: Any) -> dict[str, Any]:
            """One publisher run of `seconds` at `rate` into HydroDesk (and the baseline, unless None)."""
            lags: list[float] = []
            stop = asyncio.Event()
            beating = asyncio.create_task(heartbeat(lags, stop))
            arrivals.clear()
            ingested_before = hub.ingest.counters.messages["telemetry"]
            publisher = child(PUBLISHER, broker.tcp_url, str(rate), str(seconds), str(DEVICES), *login)
            await asyncio.to_thread(publisher.stdout.readline)  # type: ignore[union-attr]  # "sending": it starts
            lags.clear()  # the loop's lag while the stream runs, not while the publisher builds its packets
            paints_before, started = pane.chart.paints.count, time.monotonic()
            published = json.loads(await asyncio.to_thread(publisher.stdout.readline))  # type: ignore[union-attr]
            paints, painted_for = pane.chart.paints.count - paints_before, time.monotonic() - started
            await asyncio.to_thread(publisher.wait)
            sent = published["sent"]
            paho = await finish_stream(hub, ingested_before + sent, baseline, publisher)
            stop.set()
            await beating
            ingested = hub.ingest.counters.messages["telemetry"] - ingested_before
            span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
            return {
                "sent": sent,
                "publish_rate_msg_s": sent / published["seconds"],
                "ingested": ingested,
                "rate_msg_s": ingested / span if span > 0 else 0.0,
                "paho": paho,
                "lag_p50": statistics.median(lags) if lags else None,
                "lag_p99": percentile(lags, 0.99) if lags else None,
                "fps": paints / painted_for if painted_for > 0 else 0.0,
            }

        # First both subscribers on one stream: the throughput ratio, and the loop's lag while the bare paho
        # subscriber (a core of its own) and the broker share the machine's two cores with HydroDesk. Then the
        # same stream with HydroDesk alone on it, as in a farm office: the loop's lag and the repaints there.
        beside = await stream(baseline)
        alone = await stream(None)

        series = sum(1 for key in hub.store if len(hub.store.get(key) or ()) > 0)
        plotted = len(pane.chart.items)
        drawn_points = sum(item.drawn for item in pane.chart.items.values())
        curve_updates = sum(item.updates for item in pane.chart.items.values())
        await live.stop()
        collector.stop()
        window.close()
    finally:
        await asyncio.to_thread(broker.close)
    paho = beside["paho"]
    paho_rate = paho["count"] / paho["seconds"] if paho["seconds"] > 0 else 0.0
    sent = beside["sent"] + alone["sent"]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return {
        "rate_msg_s": round(beside["rate_msg_s"], 1),
        "series": series,
        "delivered_ratio": round((beside["ingested"] + alone["ingested"]) / sent, 4) if sent else 0.0,
        "paho_baseline_msg_s": round(paho_rate, 1),
        "ratio_vs_paho": round(beside["rate_msg_s"] / paho_rate, 3) if paho_rate else 0.0,
        "loop_lag_ms_p50": rounded(alone["lag_p50"]),
        "loop_lag_ms_p99": rounded(alone["lag_p99"]),
        "fps": round(alone["fps"], 1),
        "loop_lag_ms_p50_beside_paho": rounded(beside["lag_p50"]),
        "loop_lag_ms_p99_beside_paho": rounded(beside["lag_p99"]),
        "fps_beside_paho": round(beside["fps"], 1),
        "rate_msg_s_alone": round(alone["rate_msg_s"], 1),
        "plotted_series": plotted,
        "curve_updates": curve_updates,
        "drawn_points": drawn_points,
        "published": sent,
        "publish_rate_msg_s": round(min(beside["publish_rate_msg_s"], alone["publish_rate_msg_s"]), 1),
        "paho_delivered_ratio": round(paho["count"] / beside["sent"], 4) if beside["sent"] else 0.0,
        "rejected": sum(hub.ingest.counters.rejected.values()),
        "broker": f"{broker.kind} {broker_version(broker)} via {broker.path}",
    }


def broker_version(broker: Any) -> str:
    if broker.mosquitto is None:
        return ""
    out = subprocess.run([broker.mosquitto.executable, "-h"], capture_output=True, text=True).stdout
    return out.split("version", 1)[1].split()[0] if "version" in out else ""


def history_rss(series: int, points: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parent), *sys.path])}
    process = subprocess.Popen(
        [sys.executable, "-c", PANE_HISTORY, str(series), str(points)], stdout=subprocess.PIPE, text=True, env=env
    )
    out, _ = process.communicate(timeout=600)
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=int, default=20_000, help="messages per second (default 20000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to publish (default 10)")
    parser.add_argument("--plotted", type=int, default=200, help="series plotted while streaming (default 200)")
    parser.add_argument("--path", choices=("websockets", "relay"), default="websockets", help="broker path")
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # closing the pane's window must not stop the loop mid-run
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        figures = loop.run_until_complete(run_stream(args.rate, args.seconds, args.plotted, args.path))
    history = history_rss(200, 86_400)
    figures["rss_mb_24h_200"] = round(history["rss_mb"], 1)
    figures["ring_buffers_mb_24h_200"] = round(history["buffers_mb"], 1)
    figures["plotted_series_24h"] = history["plotted"]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
