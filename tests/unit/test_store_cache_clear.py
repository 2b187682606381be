"""Clear cache: server data gone (the file shrinks), the outbox and the offline sessions' ids untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection

from hydrodesk.store import cache
from hydrodesk.store.cache_clear import CACHE_TABLES, KEPT_TABLES
from hydrodesk.store.outbox import counts
from hydrodesk.store.schema import Base
from hydrodesk.store.store import Store

from .test_store_outbox import NOW, opening, record


def test_every_table_is_either_cache_or_kept() -> None:
    tables = set(Base.metadata.tables)
    assert set(CACHE_TABLES) | set(KEPT_TABLES) == tables
    assert not set(CACHE_TABLES) & set(KEPT_TABLES)
    assert "outbox" in KEPT_TABLES


def rows(conn: Connection, table: str) -> int:
    return conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()


@pytest.mark.asyncio
async def test_clearing_the_cache_keeps_every_outbox_entry(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    try:
        fetched = "2025-10-19T14:30:00.000Z"
        projects = [
            {
                "project_id": f"proj_{n}",
                "name": f"Fundo {n}",
                "sectors": [{"sector_id": f"sector_{n}", "name": "Lote A-1"}],
                "notes": "x" * 4000,
            }
            for n in range(300)
        ]
        await store.write(cache.save_projects, projects, fetched)
        opened = await store.enqueue(opening())
        await store.enqueue(record(opened.group or "local-session"))
        await store.enqueue(record("6507f1e3c9d8e2a4b1f9c3d5", units=3))
        before = await store.outbox_counts()
        outbox_rows = await store.read(lambda conn: conn.exec_driver_sql("SELECT * FROM outbox").fetchall())
        size_before = store.path.stat().st_size + store.path.with_name(store.path.name + "-wal").stat().st_size

        removed = await store.clear_cache()

        assert removed >= 300
        assert await store.read(rows, "projects") == 0
        assert await store.read(rows, "sectors") == 0
        assert await store.outbox_counts() == before
        assert sum(before.values()) == 3
        assert await store.read(lambda conn: conn.exec_driver_sql("SELECT * FROM outbox").fetchall()) == outbox_rows
        assert await store.read(counts) == before
        wal = store.path.with_name(store.path.name + "-wal")
        size_after = store.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        assert size_after < size_before
    finally:
        await store.close()
