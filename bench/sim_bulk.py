"""The simulator's bulk records endpoint: one request of 1,000 records (the contract's largest), server time.

A per-item query design takes several times the target; the suite checks what the endpoint does with such a
bulk (tests/integration/test_sim_control_records.py), this measures how fast, away from the suite's own load.

Starts a simulator on a freshly seeded data folder, opens a session, posts `--rounds` bulks of 1,000 new records
each (a session of its own per round) and prints ONE JSON line: {"records", "rounds", "bulk_ms_p50",
"bulk_ms_max"}. Target: bulk_ms_max < 1,000 on a quiet 2-core machine.

    python bench/sim_bulk.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from hydrodesk.sim.launcher import run_cli, start_simulator

USER = "user_123456789"
RECORDS = "/api/control/production/records"
SESSIONS = "/api/control/production/sessions"
BULK = 1000


def open_session(client: httpx.Client, day: int) -> str:
    opened_at = datetime(2024, 3, 1, 14, tzinfo=UTC) + timedelta(days=day)
    body = {
        "projectId": "proj_123",
        "sectorId": "sector_002",
        "sector_name": "Lote A-2",
        "openedAt": opened_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
    reply = client.post(SESSIONS, json=body)
    reply.raise_for_status()
    return str(reply.json()["data"]["sessionId"])


def bulk(session_id: str) -> dict[str, object]:
    return {
        "records": [
            {
                "sessionId": session_id,
                "workerId": "JS0315" if index % 2 else "JN0315",
                "worker_name": "John Smith",
                "units": 1,
                "recordedAtUtc": "2024-03-01T15:00:00.000Z",
                "clientEventId": "evt_" + uuid.uuid4().hex,
            }
            for index in range(BULK)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    folder = Path(tempfile.mkdtemp(prefix="hydrodesk-bench-bulk-"))
    try:
        run_cli("seed", "--data", str(folder), timeout=180)
        simulator = start_simulator(folder)
        try:
            token = run_cli("token", "--data", str(folder), "--user", USER)
            timings: list[float] = []
            with httpx.Client(
                base_url=simulator.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client:
                for round_number in range(rounds):
                    body = bulk(open_session(client, round_number))
                    started = time.perf_counter()
                    reply = client.post(f"{RECORDS}/bulk", json=body)
                    timings.append((time.perf_counter() - started) * 1000)
                    summary = reply.json()["summary"]
                    if summary != {"ok": BULK, "duplicated": 0, "failed": 0}:
                        raise SystemExit(f"the bulk was not taken whole: {summary}")
        finally:
            simulator.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        json.dumps(
            {
                "records": BULK,
                "rounds": rounds,
                "bulk_ms_p50": round(statistics.median(timings), 1),
                "bulk_ms_max": round(max(timings), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
