"""Tallies at season scale: the per-worker table over a million cached records, and the keystroke-to-screen
latency of a tally entry. Prints ONE JSON line.

1. A store file is generated directly (through the store's own cache writers, so the triggers of migration 0002
   keep their per-session sums as a refresh would): one project, 6 sectors, a season of 4 months (a session per
   sector per workday, Sundays off, all closed but the last day's), 60 workers, `--records` records (1,000,000 by
   default; about 0.5 % of them voids), each session paid its own way (no bonus, flat or percent).
2. The per-worker table for a day (every session of one day) and for the season is computed through the code path
   the Tallies pane uses (`Store.read(tally_scope.scope_tally, ...)`: the database thread, the per-session sums, the
   outbox laid over them, pay per session, rolled up per worker), median of several runs after a warm-up;
   against, in the same run, the same per-(session, worker) GROUP BY over the records in raw sqlite3 (a separate
   stdlib connection, given a covering index so that it runs at its best): `sqlite_day_ms`, `sqlite_season_ms`.
   `ratio_vs_sqlite` = season_ms / sqlite_season_ms (below 1: the pane reads the per-session sums the triggers of
   migration 0002 keep, not the records). `sqlite_same_sql_season_ms` is the raw sqlite3 time of the statements the
   pane's path runs (its scratch table of the season's sessions, then the per-worker GROUP BY), to show what the
   layers above SQLite (database thread, outbox check, pay per payslip line, names) cost.
3. Entry latency: the Tallies pane (offscreen), its office over that file (the server unreachable, as on a farm
   with no signal), showing the open session (about 1,600 records). For each of `--entries` entries a worker_id
   is typed, then Enter is pressed; the time from the Enter key to the moment the pane's per-worker row shows the
   new units (its `tally_changed` signal, after both tables were updated) is measured. p50 and p99 reported. Each
   entry is durably in the outbox before it shows, so the tail is the disk's: an fsync per commit, and now and then
   SQLite's WAL checkpoint inside one.

   The entries are typed with the machine busy: `--busy N` processes (by default one per CPU core) spin at full
   speed, at the same priority, for as long as the entries are measured (`busy_processes` in the output).

Targets: season_ms <= 150, ratio_vs_sqlite <= 1.3, entry_latency_ms_p99 <= 20 (with the machine busy).

    python bench/tallies.py [--records 1000000] [--entries 250] [--busy N] [--keep FILE]

`--keep FILE` generates the store file once at FILE and reuses it on later runs (it is never modified after).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hydrodesk.domain.sessions import format_day
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.domain.workers import make_worker_id
from hydrodesk.store import cache
from hydrodesk.store.store import Store
from hydrodesk.store.tally_scope import scope_tally

USER = "user_123456789"
PROJECT_ID = "proj_bench"
TIMEZONE = "America/Mexico_City"
SECTORS = [(f"sector_b{index}", f"Lote {letter}") for index, letter in enumerate("ABCDEF", start=1)]
SEASON_START = date(2026, 5, 4)
SEASON_DAYS = 122  # four months
FIRST_NAMES = ["Juan", "María", "José", "Guadalupe", "Luis", "Rosa", "Francisco", "Verónica", "Jesús", "Sofía"]
LAST_NAMES = ["Hernández", "García", "Martínez", "López", "Núñez", "Pérez", "Ramírez", "Flores", "Ocaña", "Ruiz"]
BONUSES = [None, {"type": "flat", "value": 50.0, "note": None}, {"type": "percent", "value": 10.0, "note": None}]
WRITE_CHUNK = 50_000
RUNS = 7
RAW_INDEX = "CREATE INDEX IF NOT EXISTS bench_raw_cover ON records (session_id, worker_id, units, void_of)"
RAW_GROUP_BY = (
    "SELECT r.session_id, r.worker_id, total(r.units), count(*) - count(r.void_of), count(r.void_of) "
    "FROM records r WHERE r.session_id IN "
    "(SELECT session_id FROM sessions WHERE project_id = ? AND day BETWEEN ? AND ?) "
    "GROUP BY r.session_id, r.worker_id"
)
# What hydrodesk.store.tally_scope.settled_rows asks SQLite, given the scope's sessions and their pricing slots.
SAME_SQL_SCOPE = (
    "SELECT session_id, json_extract(data, '$.price_per_unit') || ' ' || ifnull(json_extract(data, '$.bonus'), '') "
    "FROM sessions WHERE project_id = ? AND day BETWEEN ? AND ?"
)
SAME_SQL = (
    "SELECT r.worker_id, total(r.units), sum(r.records), sum(r.voids), count(*), "
    "group_concat(s.slot || ' ' || r.units, ',') "
    "FROM temp.bench_scope s JOIN record_sums r ON r.session_id = s.session_id GROUP BY r.worker_id"
)


# ------------------------------------------------------------------------------------------------ the data
def workdays() -> list[date]:
    days = [SEASON_START + timedelta(days=offset) for offset in range(SEASON_DAYS)]
    return [day for day in days if day.weekday() != 6]


def make_workers(rng: random.Random) -> list[dict[str, Any]]:
    workers: dict[str, dict[str, Any]] = {}
    while len(workers) < 60:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        hired = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        worker_id = make_worker_id(first, last, hired)
        if worker_id not in workers:
            workers[worker_id] = {
                "uid": f"w{len(workers):04d}",
                "worker_id": worker_id,
                "first_name": first,
                "last_name": last,
                "status": "active",
                "hire_date": hired.isoformat(),
            }
    return list(workers.values())


def session_row(day: date, sector: tuple[str, str], index: int, *, is_open: bool) -> dict[str, Any]:
    opened = datetime.combine(day, clock_time(6, 30), ZoneInfo(TIMEZONE)).astimezone(UTC)
    closed = None if is_open else opened + timedelta(hours=8)
    return {
        "session_id": f"ses_{day.isoformat()}_{sector[0]}",
        "company_id": "comp_bench",
        "project_id": PROJECT_ID,
        "owner_auth0_id": USER,
        "sector_id": sector[0],
        "sector_name": sector[1],
        "timezone": TIMEZONE,
        "day": format_day(day),
        "status": "open" if is_open else "closed",
        "opened_at": utc_text(opened),
        "closed_at": None if closed is None else utc_text(closed),
        "max_duration_hours": 12,
        "sampling_unit": "box",
        "price_per_unit": 5.5 if index % 2 else 6.0,
        "bonus": BONUSES[index % len(BONUSES)],
        "total_units": 0,
        "worker_count": None,
        "notes": None,
        "final_notes": None,
        "closed_by": None,
        "closed_reason": None,
        "created_at": utc_text(opened),
        "updated_at": utc_text(closed or opened),
    }


def record_rows(
    rng: random.Random, session: dict[str, Any], workers: list[dict[str, Any]], count: int, serial: int
) -> list[dict[str, Any]]:
    opened = datetime.fromisoformat(session["opened_at"].replace("Z", "+00:00"))
    crew = rng.sample(workers, rng.randint(40, 60))
    rows: list[dict[str, Any]] = []
    deliveries = int(count / 1.005)
    for number in range(deliveries):
        worker = rng.choice(crew)
        at = utc_text(opened + timedelta(seconds=300 + number * 27_000 / deliveries))
        record_id = f"rec_{serial + number:09d}"
        rows.append(
            {
                "record_id": record_id,
                "session_id": session["session_id"],
                "worker_id": worker["worker_id"],
                "units": float(rng.choice((1, 1, 1, 2, 3))),
                "state": "inserted",
                "worker_name": f"{worker['first_name']} {worker['last_name']}",
                "recorded_at_utc": at,
                "client_event_id": f"evt_{serial + number:09d}",
                "idempotency_key": f"key_{serial + number:09d}",
                "void_of": None,
                "voided_by": None,
                "reason": None,
                "created_at": at,
            }
        )
    for voided in rng.sample(rows, count - deliveries):
        rows.append(
            {
                **voided,
                "record_id": f"{voided['record_id']}_void",
                "units": -voided["units"],
                "client_event_id": f"void:{voided['record_id']}",
                "idempotency_key": f"void:{voided['record_id']}",
                "void_of": voided["record_id"],
                "reason": "Duplicate entry",
            }
        )
    return rows


async def generate(path: Path, records: int) -> dict[str, Any]:
    rng = random.Random(20260504)
    days = workdays()
    workers = make_workers(rng)
    sessions = [
        session_row(day, sector, index, is_open=(day == days[-1] and index == 0))
        for day in days
        for index, sector in enumerate(SECTORS)
    ]
    project = {
        "project_id": PROJECT_ID,
        "company_id": "comp_bench",
        "name": "Rancho Benchmark",
        "timezone": TIMEZONE,
        "crop": "Blueberry",
        "variety": "Biloxi",
        "settings": {"sampling_unit": "box", "price_per_unit": 5.5, "bonus": None, "max_duration_hours": 12},
        "sectors": [{"sector_id": sector_id, "sector_name": name} for sector_id, name in SECTORS],
    }
    stamp = utc_text(datetime.now(UTC))
    store = await Store.open(path)
    try:
        await store.write(cache.save_projects, [project], stamp)
        await store.write(cache.save_workers, workers, stamp)
        await store.write(cache.save_sessions, sessions, stamp)
        per_session, extra = divmod(records, len(sessions))
        pending: list[dict[str, Any]] = []
        serial = 0
        for index, session in enumerate(sessions):
            count = per_session + (1 if index < extra else 0)
            pending += record_rows(rng, session, workers, count, serial)
            serial += count
            if len(pending) >= WRITE_CHUNK:
                await store.write(cache.save_records, pending, stamp)
                pending = []
        await store.write(cache.save_records, pending, stamp)
    finally:
        await store.close()
    return {"sessions": len(sessions), "workers": len(workers)}


# ------------------------------------------------------------------------------------------------ the tables
def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


async def time_store_path(path: Path, ranges: dict[str, tuple[str, str]]) -> dict[str, float]:
    store = await Store.open(path)
    try:
        timings: dict[str, float] = {}
        for name, (first, last) in ranges.items():
            await store.read(scope_tally, project_id=PROJECT_ID, first_day=first, last_day=last)  # warm-up
            samples = []
            for _ in range(RUNS):
                started = time.perf_counter()
                scope = await store.read(scope_tally, project_id=PROJECT_ID, first_day=first, last_day=last)
                samples.append(time.perf_counter() - started)
                assert scope.rows, f"the {name} table came out empty"
            timings[f"{name}_ms"] = median_ms(samples)
    finally:
        await store.close()
    return timings


def time_raw_sqlite(path: Path, ranges: dict[str, tuple[str, str]]) -> dict[str, float]:
    writer = sqlite3.connect(path)
    writer.execute(RAW_INDEX)
    writer.execute("ANALYZE")
    writer.commit()
    writer.close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        timings: dict[str, float] = {}
        for name, days in ranges.items():
            group_by = functools.partial(
                lambda bounds: connection.execute(RAW_GROUP_BY, (PROJECT_ID, *bounds)).fetchall(), days
            )
            timings[f"sqlite_{name}_ms"] = median_ms(repeat(group_by))
            timings[f"sqlite_same_sql_{name}_ms"] = median_ms(repeat(functools.partial(same_sql, connection, *days)))
    finally:
        connection.close()
    return timings


def repeat(work: Any) -> list[float]:
    work()  # warm-up
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert work()
        samples.append(time.perf_counter() - started)
    return samples


def same_sql(connection: sqlite3.Connection, first: str, last: str) -> list[Any]:
    """The statements the pane's path runs, straight on a stdlib connection (no thread, no Python roll-up)."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS bench_scope (session_id TEXT PRIMARY KEY, slot INTEGER)")
    connection.execute("DELETE FROM temp.bench_scope")
    slots: dict[str, int] = {}
    pairs = [
        (session_id, slots.setdefault(pricing, len(slots)))
        for session_id, pricing in connection.execute(SAME_SQL_SCOPE, (PROJECT_ID, first, last))
    ]
    connection.executemany("INSERT INTO temp.bench_scope VALUES (?, ?)", pairs)
    return connection.execute(SAME_SQL).fetchall()


# ------------------------------------------------------------------------------------------------ entry latency
def entry_latency(path: Path, entries: int) -> list[float]:
    import qasync
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from hydrodesk.api.auth import Credentials
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.config import ApiConfig
    from hydrodesk.api.models import Project
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.connection import ConnectionMonitor
    from hydrodesk.ui.gc_guard import GuiThreadGarbageCollector
    from hydrodesk.ui.panes.base import PaneContext, Selection
    from hydrodesk.ui.panes.tallies import TalliesPane
    from hydrodesk.ui.tasks import BackgroundTasks
    from hydrodesk.ui.theme import load_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing the pane at the end must not stop the loop
    # As the app runs: Python's cyclic collector only on the GUI thread, from a timer (hydrodesk.ui.runtime).
    collector = GuiThreadGarbageCollector(parent=app)
    collector.start()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def measure() -> list[float]:
        # Nothing listens on port 9 of loopback: the office works offline, as on a farm with no signal.
        client = HydrobitClient(
            ApiConfig.single_origin("http://127.0.0.1:9", timeout=1.0, connect_timeout=0.5),
            Credentials(USER, bearer_token="offline"),
        )
        office = await Office.open(path, client)
        tasks = BackgroundTasks()
        context = PaneContext(
            monitor=ConnectionMonitor(),
            tasks=tasks,
            client=lambda: client,
            theme=lambda: load_theme("light"),
            office=lambda: office,
        )
        pane = TalliesPane(context)
        pane.resize(1280, 820)
        pane.show()
        try:
            project = Project.model_validate((await office.store.projects())[0])
            loaded: asyncio.Future[None] = loop.create_future()

            def on_loaded() -> None:
                if pane.ledger() and not loaded.done():
                    loaded.set_result(None)

            pane.tally_changed.connect(on_loaded)
            pane.set_selection(Selection(project, project.sectors[0]))
            await asyncio.wait_for(loaded, 60)  # the open session's ledger is on screen
            # The tables fit their columns once the load's changes pause (ColumnFitter, 150 ms): a supervisor types
            # long after the session came up, so the typing starts once that is done.
            # (Polled: a fit that changes nothing emits nothing.)
            while any(table.columns.pending for table in (pane.workers_table, pane.entries_table)):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            # The app freezes what start-up made 15 s after it starts (hydrodesk.ui.runtime): a day of entries is
            # typed long after that, so they are measured as the app runs then.
            collector.settle()
            pane.tally_changed.disconnect(on_loaded)
            workers = [row.worker_id for row in pane.worker_rows()]
            edit = pane.entry_row.worker_edit
            latencies: list[float] = []
            for number in range(entries):
                worker_id = workers[number % len(workers)]
                row = pane.workers_model.row_for(worker_id)
                expected = (row.total_units if row else 0) + 1
                shown: asyncio.Future[float] = loop.create_future()

                def check(worker_id: str = worker_id, expected: float = expected, shown: Any = shown) -> None:
                    row = pane.workers_model.row_for(worker_id)
                    if row is not None and row.total_units == expected and not shown.done():
                        shown.set_result(time.perf_counter())

                pane.tally_changed.connect(check)
                QTest.keyClicks(edit, worker_id)
                started = time.perf_counter()
                QTest.keyClick(edit, Qt.Key.Key_Return)
                finished = await asyncio.wait_for(shown, 10)
                pane.tally_changed.disconnect(check)
                latencies.append(finished - started)
            return latencies
        finally:
            await tasks.cancel_all()
            pane.close()
            pane.deleteLater()
            await office.close()
            await client.aclose()

    try:
        return loop.run_until_complete(measure())
    finally:
        collector.stop()
        loop.close()
        asyncio.set_event_loop(None)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@contextlib.contextmanager
def busy_machine(processes: int) -> Iterator[None]:
    """`processes` children spinning on the CPU (a neighbour compiling, say) for as long as the block runs."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


# ------------------------------------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=250)
    parser.add_argument("--keep", type=Path, help="generate the store file here once and reuse it")
    parser.add_argument(
        "--busy", type=int, default=os.cpu_count() or 2, help="CPU-bound processes running while entries are typed"
    )
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="hydrodesk-bench-tallies-"))
    try:
        source = options.keep or folder / "season.sqlite3"
        generated_s = None
        if not source.exists():
            started = time.perf_counter()
            asyncio.run(generate(source, options.records))
            generated_s = round(time.perf_counter() - started, 1)
        # Every run measures a copy, so the entries typed (and the raw baseline's index) never pile up in --keep.
        path = folder / "measured.sqlite3"
        shutil.copyfile(source, path)
        # On disk before anything is measured: otherwise the store's first background checkpoint fsyncs the copy's
        # hundred megabytes of dirty pages, and the entry whose commit waits behind it measures the copy.
        with path.open("rb+") as copied:
            os.fsync(copied.fileno())
        days = workdays()
        middle = days[len(days) // 2].isoformat()
        ranges = {"day": (middle, middle), "season": (days[0].isoformat(), days[-1].isoformat())}
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            records = connection.execute("SELECT count(*) FROM records").fetchone()[0]
            sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]

        ours = asyncio.run(time_store_path(path, ranges))
        with busy_machine(options.busy):
            latencies = entry_latency(path, options.entries)
        raw = time_raw_sqlite(path, ranges)
        result = {
            "records": records,
            "sessions": sessions,
            "workers": 60,
            "day_ms": ours["day_ms"],
            "season_ms": ours["season_ms"],
            "sqlite_day_ms": raw["sqlite_day_ms"],
            "sqlite_season_ms": raw["sqlite_season_ms"],
            "ratio_vs_sqlite": round(ours["season_ms"] / raw["sqlite_season_ms"], 3),
            "sqlite_same_sql_season_ms": raw["sqlite_same_sql_season_ms"],
            "entries": len(latencies),
            "entry_latency_ms_p50": round(percentile(latencies, 0.5) * 1000, 2),
            "entry_latency_ms_p99": round(percentile(latencies, 0.99) * 1000, 2),
            "busy_processes": options.busy,
            "generated_s": generated_s,
        }
        print(json.dumps(result))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
