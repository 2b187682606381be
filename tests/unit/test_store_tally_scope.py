"""A day's or a season's per-worker tally from the local database: the per-session sums the triggers keep, with
the outbox's work laid over them, count exactly what each session's own ledger counts."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import Connection

from hydrodesk.domain.sessions import Bonus
from hydrodesk.domain.tally_sums import Pricing, combine_rows, roll_up, sums_from_lines
from hydrodesk.store import cache, views
from hydrodesk.store.database import Database
from hydrodesk.store.migrate import upgrade
from hydrodesk.store.outbox import Delivered, Refused
from hydrodesk.store.store import Store
from hydrodesk.store.tally_scope import scope_tally, session_sums, settled_rows
from hydrodesk.sync.actions import OfficeActions

ME = "user_123456789"
NOW = datetime(2025, 10, 20, 18, 0, tzinfo=UTC)
STAMP = "2025-10-20T18:00:00.000Z"
PROJECT = {
    "project_id": "proj_123",
    "company_id": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "settings": {"sampling_unit": "box", "price_per_unit": 5.5, "bonus": None, "max_duration_hours": 12},
    "sectors": [
        {"sector_id": "sector_001", "sector_name": "Lote A-1"},
        {"sector_id": "sector_002", "sector_name": "B"},
    ],
}
NAMES = {"JS0315": "John Smith", "JN0315": "José Núñez", "JH0412": "Juan Hernández"}
WORKERS = [
    {"uid": f"w{i}", "worker_id": worker_id, "first_name": first, "last_name": last, "status": "active"}
    for i, (worker_id, first, last) in enumerate(
        [("JS0315", "John", "Smith"), ("JN0315", "José", "Núñez"), ("JH0412", "Juan", "Hernández")]
    )
]


def session(session_id: str, day: str, sector: str, bonus: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "project_id": "proj_123",
        "sector_id": sector,
        "sector_name": sector,
        "owner_auth0_id": ME,
        "timezone": "America/Mexico_City",
        "day": f"{day}T00:00:00.000Z",
        "status": "open",
        "opened_at": f"{day}T13:00:00.000Z",
        "sampling_unit": "box",
        "price_per_unit": 5.5,
        "bonus": bonus,
        "total_units": 0,
    }


def record(record_id: str, session_id: str, worker_id: str, units: float, **extra: Any) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "session_id": session_id,
        "worker_id": worker_id,
        "worker_name": NAMES[worker_id],
        "units": units,
        "state": "inserted",
        "client_event_id": extra.pop("event", f"evt_{record_id}"),
        "recorded_at_utc": "2025-10-19T15:00:00.000Z",
        **extra,
    }


def grouped(conn: Connection) -> dict[tuple[str, str], tuple[float, int, int]]:
    rows = conn.exec_driver_sql(
        "SELECT session_id, worker_id, round(total(units), 6), count(*) - count(void_of), count(void_of) "
        "FROM records GROUP BY 1, 2"
    )
    return {(s, w): (u, r, v) for s, w, u, r, v in rows}


def kept(conn: Connection) -> dict[tuple[str, str], tuple[float, int, int]]:
    rows = conn.exec_driver_sql("SELECT session_id, worker_id, round(units, 6), records, voids FROM record_sums")
    return {(s, w): (u, r, v) for s, w, u, r, v in rows}


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    await opened.write(cache.save_projects, [PROJECT], STAMP)
    await opened.write(cache.save_workers, WORKERS, STAMP)
    yield opened
    await opened.close()


@pytest.mark.asyncio
async def test_the_triggers_keep_the_sums_equal_to_grouping_the_records(store: Store) -> None:
    rng = random.Random(5)
    rows = [
        record(f"r{i}", rng.choice(["S1", "S2"]), rng.choice(["JS0315", "JN0315"]), rng.choice([1, 2, 0.5]))
        for i in range(200)
    ]
    await store.write(cache.save_records, rows, STAMP)
    # A refresh upserts the same records again, some changed (units corrected, moved to another worker) ...
    changed = [dict(row, units=3) if i % 7 == 0 else dict(row) for i, row in enumerate(rows)]
    changed[1] = dict(changed[1], worker_id="JH0412")
    await store.write(cache.save_records, changed, STAMP)
    # ... and voids arrive.
    voids = [
        record(f"v{i}", rows[i]["session_id"], rows[i]["worker_id"], -1, void_of=rows[i]["record_id"]) for i in (2, 3)
    ]
    await store.write(cache.save_records, voids, STAMP)
    assert await store.read(kept) == await store.read(grouped)
    # Deleting records (nothing does today; the triggers cover it anyway) takes them out again.
    await store.write(lambda conn: conn.exec_driver_sql("DELETE FROM records WHERE record_id IN ('r5', 'v2')"))
    assert await store.read(kept) == await store.read(grouped)


def test_the_migration_fills_the_sums_from_records_already_cached(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.sqlite3")
    try:
        upgrade(db, "0001")
        old = [record("r1", "S1", "JS0315", 2), record("r2", "S1", "JS0315", 3)]
        old.append(record("v1", "S1", "JS0315", -2, void_of="r1"))
        db.write(lambda conn: cache.save_records(conn, old, STAMP))
        upgrade(db)
        assert db.read(kept) == {("S1", "JS0315"): (3.0, 2, 1)}
        db.write(lambda conn: cache.save_records(conn, [record("r3", "S1", "JN0315", 1)], STAMP))
        assert db.read(kept) == db.read(grouped)
    finally:
        db.close()


@pytest.mark.asyncio
async def test_a_day_and_a_season_count_what_each_sessions_ledger_counts(store: Store) -> None:
    sessions = [
        session("S1", "2025-10-18", "sector_001", {"type": "flat", "value": 50}),
        session("S2", "2025-10-19", "sector_001", {"type": "percent", "value": 10}),
        session("S3", "2025-10-19", "sector_002"),
        session("S9", "2025-09-01", "sector_001"),  # before the season asked for
    ]
    await store.write(cache.save_sessions, sessions, STAMP)
    await store.write(
        cache.save_records,
        [
            record("a1", "S1", "JS0315", 4),
            record("a2", "S1", "JN0315", 2),
            record("b1", "S2", "JS0315", 3),
            record("b2", "S2", "JS0315", 1),
            record("b3", "S2", "JH0412", 5),
            record("c1", "S3", "JN0315", 6),
            record("z1", "S9", "JN0315", 100),
        ],
        STAMP,
    )
    actions = OfficeActions(store, ME, now=lambda: NOW)
    # S2: pending entries, one of them voided while pending; a cached record voided from here.
    pending = await actions.record_units("S2", "JN0315", "José Núñez", 2)
    pending_twice = await actions.record_units("S2", "JN0315", "José Núñez", 1)
    await actions.void_record("S2", "scanned twice", client_event_id=pending_twice.idem_key)
    await actions.void_record("S2", "wrong worker", record_id="b2")
    # S3: one sent and confirmed but not fetched back yet, one the server refused (stopped: not counted).
    sent = await actions.record_units("S3", "JS0315", "John Smith", 7)
    refused = await actions.record_units("S3", "JH0412", "Juan Hernández", 9)
    await store.begin_sending([sent.entry_id, refused.entry_id])
    await store.finish(
        {
            sent.entry_id: Delivered({"record_id": "c2", "session_id": "S3", "created": True}),
            refused.entry_id: Refused(state=pending.state.FAILED, reason="unknown worker"),
        }
    )
    # S1: sent, confirmed AND fetched back: settled, read from the sums alone.
    settled = await actions.record_units("S1", "JS0315", "John Smith", 1)
    await store.begin_sending([settled.entry_id])
    await store.finish({settled.entry_id: Delivered({"record_id": "a3", "session_id": "S1", "created": True})})
    await store.write(cache.save_records, [record("a3", "S1", "JS0315", 1, event=settled.idem_key)], STAMP)

    season = await store.read(scope_tally, project_id="proj_123", first_day="2025-10-01", last_day="2025-10-19")
    assert season.from_outbox == {"S2", "S3"}
    assert {s["session_id"] for s in season.sessions} == {"S1", "S2", "S3"}

    # The same numbers as rolling up each session's own ledger.
    async def by_ledger(session_ids: list[str]) -> list[Any]:
        sums = []
        for session_id in session_ids:
            sums += sums_from_lines(session_id, await store.read(views.session_ledger, session_id))
        pricing = {s["session_id"]: Pricing.of_session(s) for s in sessions}
        return roll_up(sums, pricing)

    assert season.rows == await by_ledger(["S1", "S2", "S3"])
    rows = {row.worker_id: row for row in season.rows}
    assert [row.worker_name for row in season.rows] == ["John Smith", "José Núñez", "Juan Hernández"]
    # John: S1 4 + 1 (flat 50 once), S2 3 + 1 - 1 voided (+10 %), S3 7 confirmed not fetched back.
    assert (rows["JS0315"].total_units, rows["JS0315"].records, rows["JS0315"].voids) == (15, 5, 1)
    assert rows["JS0315"].pay.total == pytest.approx(5 * 5.5 + 50 + 3 * 5.5 * 1.1 + 7 * 5.5)
    # Juan: the refused 9 are shown apart and neither counted nor paid.
    assert (rows["JH0412"].total_units, rows["JH0412"].attention_units) == (5, 9)
    assert (rows["JN0315"].total_units, rows["JN0315"].pending_units) == (10, 2)

    # Set apart, a session's rows can be added back as it changes: the same rows again.
    apart = await store.read(
        scope_tally, project_id="proj_123", first_day="2025-10-01", last_day="2025-10-19", set_apart="S2"
    )
    assert apart.rows == season.rows
    assert apart.rows_apart == await by_ledger(["S1", "S3"])
    assert combine_rows(apart.rows_apart, await by_ledger(["S2"])) == season.rows

    day = await store.read(
        scope_tally, project_id="proj_123", sector_id="sector_001", first_day="2025-10-19", last_day="2025-10-19"
    )
    assert {s["session_id"] for s in day.sessions} == {"S2"}
    assert day.rows == await by_ledger(["S2"])
    assert day.totals.units == 3 + 1 - 1 + 5 + 2


@pytest.mark.asyncio
async def test_settled_rows_pay_each_session_with_its_own_pricing(store: Store) -> None:
    await store.write(
        cache.save_records,
        [
            record("a1", "S1", "JS0315", 4),
            record("a2", "S1", "JS0315", 0.1),
            record("b1", "S2", "JS0315", 2),
            record("b2", "S2", "JS0315", 0.2),
            record("v1", "S2", "JS0315", -0.2, void_of="b2"),
            record("c1", "S3", "JN0315", 5),
            record("x1", "SX", "JS0315", 9),  # a session not asked for
        ],
        STAMP,
    )
    pricing = {
        "S1": Pricing(1.115, Bonus("flat", 10)),
        "S2": Pricing(1.115, Bonus("flat", 10)),
        "S3": Pricing(2.0, Bonus("percent", 12.5)),
    }
    rows = await store.read(settled_rows, pricing)
    by_ledger = roll_up(
        [*(await store.read(session_sums, "S1")), *(await store.read(session_sums, "S2")),
         *(await store.read(session_sums, "S3"))],
        pricing,
    )  # fmt: skip
    assert sorted(rows, key=lambda row: row.worker_id) == sorted(by_ledger, key=lambda row: row.worker_id)
    john = next(row for row in rows if row.worker_id == "JS0315")
    # S1: 4.1 x 1.115 = 4.5715 -> 4.57 + 10; S2: 2 x 1.115 = 2.23 + 10.
    assert (john.total_units, john.records, john.voids, john.sessions) == (6.1, 4, 1, 2)
    assert (john.pay.base, john.pay.bonus, john.pay.total) == (6.8, 20.0, 26.8)
    assert await store.read(settled_rows, {}) == []
