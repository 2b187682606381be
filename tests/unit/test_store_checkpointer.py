"""WAL checkpoints run off the commit path: no commit copies the WAL into the file; a background thread does."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hydrodesk.api.models import NewRecord
from hydrodesk.store.checkpointer import WalCheckpointer
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

ME = "user_123456789"
NOW = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)


def record(units: float) -> payloads.NewEntry:
    new = NewRecord(session_id="S1", worker_id="JS0315", worker_name="John Smith", units=units, recorded_at_utc=NOW)
    return payloads.record_entry(new, auth0_id=ME, now=NOW)


def sizes(path: Path) -> tuple[int, int]:
    """(database file, WAL file) sizes in bytes: a checkpoint copies the WAL's pages into the database file."""
    return path.stat().st_size, path.with_name(path.name + "-wal").stat().st_size


async def wait_until(condition: object, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        await asyncio.sleep(0.01)


@pytest.mark.asyncio
async def test_commits_leave_the_wal_to_the_background_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path, checkpoint_every_s=3600)  # this test runs the background checkpoint itself
    try:
        setting = await store.read(lambda conn: conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar())
        assert setting == 0
        await store.write_durably(lambda conn: conn.exec_driver_sql("CREATE TABLE scratch (data BLOB)"))
        for _ in range(6):  # about 300 pages a commit: well past SQLite's automatic threshold of 1,000
            await store.write_durably(
                lambda conn: conn.exec_driver_sql("INSERT INTO scratch VALUES (zeroblob(1200000))")
            )
        await store.enqueue(record(1))
        database, wal = sizes(path)
        assert wal > 7_000_000
        assert database < 1_000_000  # no commit folded the WAL in
        checkpointer = WalCheckpointer(path, every_s=0.01)
        checkpointer.start()
        try:
            await wait_until(lambda: checkpointer.checkpoints > 0)
        finally:
            checkpointer.stop()
        database, _wal = sizes(path)
        assert database > 7_000_000
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_a_crash_before_any_checkpoint_loses_nothing_saved(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    saved = [await store.enqueue(record(units)) for units in range(50)]
    store.abandon()  # the process dies: no checkpoint at close, the WAL holds every commit
    reopened = await Store.open(path)
    try:
        assert [await reopened.outbox_entry(item.entry_id) for item in saved] == saved
    finally:
        await reopened.close()
