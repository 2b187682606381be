"""Outbox and sync throughput: durable enqueue, the engine's drain, and two bare-HTTP baselines, in one run.

Starts a simulator on a freshly seeded data folder (no field devices), then, each phase in a production session
of its own on that simulator (phases 1-3 run three times, interleaved, and medians are reported, because the
machine is shared and a neighbour's burst should hit engine and baseline alike):

1. enqueue: 10,000 records through OfficeActions.record_units, each durably committed (synchronous=FULL) before
   its await returns. They are issued as a burst (up to 256 at once, as a scanner or a pasted list arrives), so
   the store's group commit shares fsyncs; `enqueue_sequential_rps` is one-at-a-time on 2,000 more records.
2. engine: the SyncEngine drains those 10,000 records (bulk batches of 500) and notes every answer durably.
3. bulk baseline: a bare httpx loop posts the same number of records in the same batch size (batches built in
   advance; httpx encodes each, the reply's summary is checked): about the most the simulator's bulk endpoint gives.
4. per record: one POST per record, the way a client without bulk would sync. Sampled: 1,000 records, rate
   extrapolated (`per_record_sampled`).

Prints ONE JSON line. Targets: ratio_vs_bulk >= 0.8, speedup_vs_per_record >= 20, enqueue_rps >= 2000. The
server's time per bulk batch is reported too (`bulk_batch_ms`): when both rates are close to it, the simulator's
bulk endpoint is the bottleneck, not the client.

    python bench/sync.py [--records 10000] [--batch 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import NewSession
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.sim.launcher import run_cli, start_simulator
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.engine import SyncEngine

USER = "user_123456789"
WORKERS = [("JS0315", "John Smith")]
PER_RECORD_SAMPLE = 1000
BURST = 256


class Bench:
    def __init__(self, base_url: str, token: str, folder: Path) -> None:
        self.base_url = base_url
        self.token = token
        self.folder = folder
        self.client = HydrobitClient(
            ApiConfig.single_origin(base_url, timeout=60.0), Credentials(USER, bearer_token=token)
        )
        self._days = 0

    async def new_session(self) -> str:
        """A session of its own for each phase, each on a day of its own (one open session per sector and day)."""
        self._days += 1
        opened = datetime(2022, 1, 1, 12, tzinfo=UTC) + timedelta(days=self._days)
        session = await self.client.open_session(
            NewSession(project_id="proj_123", sector_id="sector_002", sector_name="Lote A-2", opened_at=opened)
        )
        return session.session_id

    async def count(self, session_id: str) -> int:
        return len(await self.client.list_session_records(session_id))

    # ------------------------------------------------------------------------------------------ phases
    async def enqueue(self, store: Store, session_id: str, records: int, *, burst: int) -> float:
        actions = OfficeActions(store, USER)
        gate = asyncio.Semaphore(burst)

        async def one(number: int) -> None:
            worker_id, name = WORKERS[number % len(WORKERS)]
            async with gate:
                await actions.record_units(session_id, worker_id, name, 1 + number % 5)

        started = time.perf_counter()
        await asyncio.gather(*(one(number) for number in range(records)))
        return records / (time.perf_counter() - started)

    async def engine(self, store: Store, batch: int) -> float:
        engine = SyncEngine(store, self.client, batch_size=batch, refresh=False)
        pending = (await engine.publish_counts()).pending
        started = time.perf_counter()
        status = await engine.sync_now()
        elapsed = time.perf_counter() - started
        if status.pending or status.needs_attention:
            raise SystemExit(f"the engine did not drain everything: {status}")
        return pending / elapsed

    async def bulk_baseline(self, session_id: str, records: int, batch: int) -> tuple[float, float]:
        """A bare loop: the batches are built in advance; httpx encodes each and the reply's summary is read."""
        now = utc_text(datetime.now(UTC))
        batches = [
            {
                "auth0Id": USER,
                "records": [
                    {
                        "sessionId": session_id,
                        "workerId": WORKERS[number % len(WORKERS)][0],
                        "worker_name": WORKERS[number % len(WORKERS)][1],
                        "units": 1 + number % 5,
                        "recordedAtUtc": now,
                        "clientEventId": f"evt_{uuid.uuid4().hex}",
                        "idempotencyKey": f"bench-{uuid.uuid4().hex}",
                    }
                    for number in range(start, min(records, start + batch))
                ],
            }
            for start in range(0, records, batch)
        ]
        headers = {"Authorization": f"Bearer {self.token}"}
        timings = []
        async with httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=60.0) as http:
            started = time.perf_counter()
            for body in batches:
                sent = time.perf_counter()
                reply = await http.post("/api/control/production/records/bulk", json=body)
                timings.append(time.perf_counter() - sent)
                if reply.status_code != 207 or reply.json()["summary"]["ok"] != len(body["records"]):
                    raise SystemExit(f"the bulk baseline was refused: {reply.status_code} {reply.text[:200]}")
            elapsed = time.perf_counter() - started
        return records / elapsed, statistics.median(timings) * 1000

    async def per_record(self, session_id: str, sample: int) -> float:
        headers = {"Authorization": f"Bearer {self.token}"}
        now = utc_text(datetime.now(UTC))
        async with httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=60.0) as http:
            started = time.perf_counter()
            for number in range(sample):
                worker_id, name = WORKERS[number % len(WORKERS)]
                body = {
                    "auth0Id": USER,
                    "sessionId": session_id,
                    "workerId": worker_id,
                    "worker_name": name,
                    "units": 1,
                    "recordedAtUtc": now,
                    "clientEventId": f"evt_{uuid.uuid4().hex}",
                }
                reply = await http.post("/api/control/production/records", json=body)
                if reply.status_code != 201:
                    raise SystemExit(f"a single record was refused: {reply.status_code} {reply.text[:200]}")
            return sample / (time.perf_counter() - started)


async def measure(base_url: str, token: str, folder: Path, records: int, batch: int, rounds: int) -> dict[str, object]:
    bench = Bench(base_url, token, folder)
    enqueue, engine, bulk, bulk_ms = [], [], [], []
    try:
        # Engine and bare-bulk rounds interleave, so a noisy neighbour on the machine hits both alike; medians.
        for number in range(rounds):
            engine_session = await bench.new_session()
            store = await Store.open(folder / f"bench-profile-{number}.sqlite3")
            try:
                enqueue.append(await bench.enqueue(store, engine_session, records, burst=BURST))
                engine.append(await bench.engine(store, batch))
            finally:
                await store.close()
            if await bench.count(engine_session) != records:
                raise SystemExit("the server does not hold every record the engine sent")
            rate, batch_ms = await bench.bulk_baseline(await bench.new_session(), records, batch)
            bulk.append(rate)
            bulk_ms.append(batch_ms)
        sequential_store = await Store.open(folder / "bench-sequential.sqlite3")
        try:
            sequential = min(2000, records)
            session = await bench.new_session()
            enqueue_sequential_rps = await bench.enqueue(sequential_store, session, sequential, burst=1)
        finally:
            await sequential_store.close()
        sample = min(PER_RECORD_SAMPLE, records)
        per_record_rps = await bench.per_record(await bench.new_session(), sample)
    finally:
        await bench.client.aclose()
    engine_rps, bulk_rps, enqueue_rps = statistics.median(engine), statistics.median(bulk), statistics.median(enqueue)
    ratio = engine_rps / bulk_rps
    speedup = engine_rps / per_record_rps
    return {
        "records": records,
        "batch": batch,
        "rounds": rounds,
        "enqueue_rps": round(enqueue_rps),
        "enqueue_burst": BURST,
        "enqueue_sequential_rps": round(enqueue_sequential_rps),
        "engine_rps": round(engine_rps),
        "engine_rps_rounds": [round(rate) for rate in engine],
        "bulk_baseline_rps": round(bulk_rps),
        "bulk_baseline_rps_rounds": [round(rate) for rate in bulk],
        "bulk_batch_ms": round(statistics.median(bulk_ms), 1),
        "ratio_vs_bulk": round(ratio, 3),
        "per_record_rps": round(per_record_rps, 1),
        "per_record_sampled": sample,
        "speedup_vs_per_record": round(speedup, 1),
        "targets_met": ratio >= 0.8 and speedup >= 20 and enqueue_rps >= 2000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="engine and bulk rounds, interleaved (medians)")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hydrodesk-bench-sync-"))
    try:
        sim_folder = folder / "sim"
        run_cli("seed", "--data", str(sim_folder), timeout=180)
        token = run_cli("token", "--data", str(sim_folder), "--user", USER)
        simulator = start_simulator(sim_folder, devices=False)
        try:
            figures = asyncio.run(
                measure(simulator.base_url, token, folder, arguments.records, arguments.batch, arguments.rounds)
            )
        finally:
            simulator.stop()
        print(json.dumps(figures))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
