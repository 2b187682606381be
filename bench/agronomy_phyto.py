"""100,000 scouting points summarised into the scouting pane's heatmap from the cache, against raw sqlite3.

A fresh office store gets 100,000 phytosanitary records (two projects, eight sectors, the six pests of the demo's
monitoring form, half a year of walks) written straight into its `phyto_records` table. Then, interleaved over
`--rounds` rounds in the same process (medians reported, because the machine is shared):

- `heatmap_ms`: what the pane does: `store.read(heatmap_counts, ...)` on the store's database thread (SQLAlchemy),
  awaited from asyncio, and the counts turned into the heatmap (percentages, verdicts, worst sectors first);
- `sqlite_phyto_ms`: the same aggregation query run in raw sqlite3 on the same file, rows fetched.

Prints ONE JSON line; target `ratio_vs_sqlite` <= 1.5. bench/agronomy.py calls `measure()`.

    python bench/agronomy_phyto.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hydrodesk.domain.phyto_heatmap import build_heatmap
from hydrodesk.domain.phyto_verdicts import DEFAULT_THRESHOLDS, ThresholdBook
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.store.paths import profile_database
from hydrodesk.store.phyto import counts_sql, heatmap_counts
from hydrodesk.store.store import Store

RECORDS = 100_000
PESTS = list(DEFAULT_THRESHOLDS)
SECTORS = [(f"proj_{p}", f"sector_{p}{s}", f"Sector {p}{s}") for p in (1, 2) for s in range(4)]
FIRST_DAY = datetime(2026, 6, 1, 13, tzinfo=UTC)
DAYS = 180


def _record(index: int, rng: random.Random) -> tuple[Any, ...]:
    project, sector, name = SECTORS[index % len(SECTORS)]
    observed = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(240))
    responses = []
    for pest in PESTS:
        present = rng.random() < 0.25
        responses.append(
            {
                "response_id": f"r{index}_{pest}",
                "variable_name": pest,
                "variable_type": "pest",
                "name": pest.replace("_", " ").capitalize(),
                "value_number": rng.randint(1, 40) if present else 0,
                "severity": rng.randint(1, 4) if present else 0,
            }
        )
    stamp = utc_text(observed)
    data = {
        "record_id": f"frec_{index:08d}",
        "created_at": utc_text(observed + timedelta(minutes=5)),
        "record_time": stamp,
        "user_id": "user_1",
        "user_name": "Scout",
        "project_id": project,
        "sector_id": sector,
        "sector_name": name,
        "crop": "Blueberry",
        "variety": "Biloxi",
        "latitude": 19.43,
        "longitude": -99.13,
        "responses": responses,
    }
    return (data["record_id"], project, sector, data["created_at"], json.dumps(data), stamp)


def _fill(path: Path) -> None:
    rng = random.Random(2026)
    rows = [_record(index, rng) for index in range(RECORDS)]
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executemany(
            "INSERT INTO phyto_records (record_id, project_id, sector_id, created_at, data, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.commit()


async def _heatmap_ms(store: Store, since: str, until: str) -> tuple[float, int]:
    started = time.perf_counter()
    counts = await store.read(heatmap_counts, since, until)
    heatmap = build_heatmap(*counts).ordered(ThresholdBook())
    return (time.perf_counter() - started) * 1000, sum(row.samples for row in heatmap.sectors)


def _sqlite_ms(path: Path, since: str, until: str) -> tuple[float, int]:
    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        rows = conn.execute(counts_sql(), {"since": since, "until": until}).fetchall()
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    return elapsed, sum(int(row[4]) for row in rows if row[0] == "sector")


async def _measure(folder: Path, rounds: int) -> dict[str, Any]:
    path = profile_database(folder, "bench")
    store = await Store.open(path)
    await store.close()  # the schema is made; the rows go in at sqlite3's own speed
    _fill(path)
    since, until = utc_text(FIRST_DAY - timedelta(days=1)), utc_text(FIRST_DAY + timedelta(days=DAYS + 1))
    store = await Store.open(path)
    try:
        await _heatmap_ms(store, since, until)  # warm both: the first read pages the file in
        _sqlite_ms(path, since, until)
        ours, raw = [], []
        for _ in range(rounds):
            elapsed, points = await _heatmap_ms(store, since, until)
            assert points == RECORDS, points
            ours.append(elapsed)
            elapsed, points = _sqlite_ms(path, since, until)
            assert points == RECORDS, points
            raw.append(elapsed)
    finally:
        await store.close()
    heatmap_ms, sqlite_ms = statistics.median(ours), statistics.median(raw)
    return {
        "phyto_records": RECORDS,
        "heatmap_ms": round(heatmap_ms, 1),
        "sqlite_phyto_ms": round(sqlite_ms, 1),
        "ratio_vs_sqlite": round(heatmap_ms / sqlite_ms, 2),
    }


def measure(rounds: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hydrodesk-bench-phyto-") as folder:
        return asyncio.run(_measure(Path(folder), rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    print(json.dumps(measure(parser.parse_args().rounds)))


if __name__ == "__main__":
    main()
