"""The last day of telemetry history into a fresh office: how long it takes, and how long the event loop stalls.

Starts a simulator on a freshly seeded data folder (no field devices), then, on one asyncio loop (what the GUI's
qasync loop is in the app), runs TelemetryBackfill for every project of the demo company into a fresh office
store, while a heartbeat task asks to wake every 5 ms and records how late it woke (the loop's lag: what a user
would feel as a frozen window). The same day is fetched three ways, each into a store of its own, interleaved
over `--rounds` rounds (medians reported), because the machine is shared:

- `chunked`: what the app does, pieces of about 5,000 points (3.5 h for a project's 24 series, ~160 KB);
- `one_reply`: after the first hour, the rest of the day in one request per project (a ~1 MB JSON reply decoded
  on the loop in one go);
- `parse_only_ms`: for scale, json.loads + points to numpy of one project's whole day, without HTTP.

Automatic garbage collection is off during the runs, as in the app (hydrodesk.ui.gc_guard collects on a GUI timer
instead), so a collection that happens to start inside a decode is not counted against the fetch.

Prints ONE JSON line. Target: `loop_lag_ms_max` of the chunked fetch <= 50 (the telemetry pane's repaint budget).

    python bench/telemetry_history.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import TelemetryHistory
from hydrodesk.sim.launcher import run_cli, start_simulator
from hydrodesk.store.store import Store
from hydrodesk.sync.telemetry_history import FIRST_PIECE_S, HISTORY_S, TelemetryBackfill

USER = "user_123456789"
PROJECTS = ("proj_123", "proj_456")  # the demo company's projects with field devices
HEARTBEAT_S = 0.005


async def heartbeat(lags: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        expected = loop.time() + HEARTBEAT_S
        await asyncio.sleep(HEARTBEAT_S)
        lags.append(max(0.0, loop.time() - expected) * 1000)


class OneReply(TelemetryBackfill):
    """After the first hour, the rest of the day in one request."""

    def _piece_s(self, series: int) -> float:
        return FIRST_PIECE_S if not series else HISTORY_S


async def one_fetch(client: HydrobitClient, folder: Path, kind: type[TelemetryBackfill]) -> dict[str, float]:
    store = await Store.open(folder / "office.sqlite3")
    lags: list[float] = []
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(lags, stop))
    try:
        backfill = kind(client, store)
        started = time.perf_counter()
        series = added = 0
        for project in PROJECTS:
            done = await backfill.backfill(project)
            series += len(done.series)
            added += done.added
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        await beat
        await store.close()
    return {
        "ms": elapsed * 1000,
        "series": series,
        "minutes": added,
        "lag_p50": statistics.median(lags),
        "lag_p99": float(np.percentile(lags, 99)),
        "lag_max": max(lags),
    }


def parse_only(base_url: str, api_key: str) -> float:
    end = datetime.now(UTC).replace(second=0, microsecond=0)
    params = {
        "projectId": PROJECTS[0],
        "startTime": (end - timedelta(seconds=HISTORY_S)).isoformat().replace("+00:00", "Z"),
        "endTime": end.isoformat().replace("+00:00", "Z"),
        "resolution": "1m",
    }
    body = httpx.get(f"{base_url}/api/iot/telemetry", params=params, headers={"x-api-key": api_key}, timeout=60).content
    started = time.perf_counter()
    TelemetryHistory.model_validate(json.loads(body)["data"])
    return (time.perf_counter() - started) * 1000


async def run(base_url: str, token: str, api_key: str, scratch: Path, rounds: int) -> dict[str, object]:
    config = ApiConfig.single_origin(base_url, timeout=60.0)
    results: dict[str, list[dict[str, float]]] = {"chunked": [], "one_reply": []}
    async with HydrobitClient(config, Credentials(USER, bearer_token=token, api_key=api_key)) as client:
        for round_ in range(rounds):
            for name, kind in (("chunked", TelemetryBackfill), ("one_reply", OneReply)):
                folder = scratch / f"{name}-{round_}"
                folder.mkdir()
                results[name].append(await one_fetch(client, folder, kind))

    def median(name: str, field: str) -> float:
        return round(statistics.median(result[field] for result in results[name]), 1)

    parse_ms = [parse_only(base_url, api_key) for _ in range(rounds)]
    first = results["chunked"][0]
    return {
        "bench": "telemetry_history",
        "projects": len(PROJECTS),
        "series": int(first["series"]),
        "minutes_stored": int(first["minutes"]),
        "fetch_ms": median("chunked", "ms"),
        "loop_lag_ms_p50": median("chunked", "lag_p50"),
        "loop_lag_ms_p99": median("chunked", "lag_p99"),
        "loop_lag_ms_max": median("chunked", "lag_max"),
        "one_reply_fetch_ms": median("one_reply", "ms"),
        "one_reply_loop_lag_ms_max": median("one_reply", "lag_max"),
        "parse_only_ms": round(statistics.median(parse_ms), 1),
    }


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="hydrodesk-bench-history-"))
    try:
        data = scratch / "farm"
        run_cli("seed", "--data", str(data), timeout=300)
        simulator = start_simulator(data, devices=False, timeout=120)
        try:
            token = run_cli("token", "--data", str(data), "--user", USER)
            api_key = run_cli("api-key", "--data", str(data), "--scope", "read:telemetry")
            gc.disable()
            try:
                figures = asyncio.run(run(simulator.base_url, token, api_key, scratch, args.rounds))
            finally:
                gc.enable()
            out(json.dumps(figures))
        finally:
            simulator.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
