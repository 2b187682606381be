"""Every SQLite connection the store opens is closed again: at a plain open and close, an upgrade with its backup,
a refused newer file and a damaged file set aside (issue 13).

An office leaves HydroDesk running for weeks, so a connection left to the garbage collector is a leak. Python 3.13
warns about such connections (a ResourceWarning, an error under the suite's strict warnings) but 3.11 and 3.12
close them silently; this test sees them on every Python: an audit hook keeps each connection made to the test's
folder alive, so one that was not closed explicitly is still open when the test looks.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from hydrodesk.store import migrate
from hydrodesk.store.database import Database
from hydrodesk.store.executor import StoreClosed
from hydrodesk.store.migrate import CacheTooNew
from hydrodesk.store.store import Store

_watched: list[tuple[str, list[sqlite3.Connection]]] = []  # (folder, connections made to files in it)
_connecting = threading.local()  # the database being connected to, between an audit event and its handle


def _audit(event: str, args: tuple[object, ...]) -> None:
    # "sqlite3.connect" names the database; "sqlite3.connect/handle" follows on the same thread with the connection.
    if not _watched:
        return
    if event == "sqlite3.connect":
        _connecting.database = str(args[0])
    elif event == "sqlite3.connect/handle":
        database = getattr(_connecting, "database", "")
        for folder, made in list(_watched):
            if folder in database:
                made.append(args[0])  # type: ignore[arg-type]


sys.addaudithook(_audit)  # hooks cannot be removed: it does nothing while no test watches


@contextlib.contextmanager
def connections_to(folder: Path) -> Iterator[list[sqlite3.Connection]]:
    """The sqlite3 connections made, on any thread, to files in `folder` while the block runs."""
    entry: tuple[str, list[sqlite3.Connection]] = (str(folder), [])
    _watched.append(entry)
    try:
        yield entry[1]
    finally:
        _watched.remove(entry)


def still_open(connections: list[sqlite3.Connection]) -> list[sqlite3.Connection]:
    def is_open(connection: sqlite3.Connection) -> bool:
        try:
            connection.in_transaction  # noqa: B018 - any property: it raises on a closed connection
        except sqlite3.ProgrammingError:
            return False
        return True

    return [connection for connection in connections if is_open(connection)]


def first_schema_file(path: Path) -> None:
    """A cache file as the first release left it (so opening it upgrades it and keeps a backup)."""
    db = Database(path)
    try:
        migrate.upgrade(db, ScriptDirectory.from_config(migrate.alembic_config()).get_base())  # type: ignore[arg-type]
    finally:
        db.close()


@pytest.mark.asyncio
async def test_an_upgrade_with_its_backup_closes_every_connection(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    first_schema_file(path)
    with connections_to(tmp_path) as made:
        store = await Store.open(path)
        assert store.migration is not None
        assert store.migration.backup is not None
        await store.projects()
        await store.close()
    assert len(made) >= 3  # the store's own, and the two of the backup
    assert still_open(made) == []


@pytest.mark.asyncio
async def test_a_refused_newer_file_closes_every_connection(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    await (await Store.open(path)).close()
    with contextlib.closing(sqlite3.connect(path)) as newer, newer:
        newer.execute("UPDATE alembic_version SET version_num = '7777_from_the_future'")
    with connections_to(tmp_path) as made, pytest.raises(CacheTooNew):
        await Store.open(path)
    assert made
    assert still_open(made) == []


@pytest.mark.asyncio
async def test_a_damaged_file_set_aside_closes_every_connection(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    await (await Store.open(path)).close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    with connections_to(tmp_path) as made:
        store = await Store.open(path)
        assert store.damage is not None
        await store.close()
    assert len(made) >= 2  # the damaged file read, and the fresh one
    assert still_open(made) == []


@pytest.mark.asyncio
async def test_work_asked_for_while_the_store_closes_is_refused_and_opens_no_connection(tmp_path: Path) -> None:
    # The app's panes keep loading while it shuts down: a read that reaches the store's thread after the close has
    # closed the connection used to open a new one on the disposed engine, never closed (a ResourceWarning seen
    # once in four runs of the demo window's shutdown on 3.13).
    path = tmp_path / "farm.sqlite3"
    with connections_to(tmp_path) as made:
        store = await Store.open(path)
        closing = asyncio.ensure_future(store.close())
        await asyncio.sleep(0)  # the close is queued on the database thread
        late = [asyncio.ensure_future(store.projects()) for _ in range(3)]
        await closing
        results = await asyncio.gather(*late, return_exceptions=True)
    assert all(isinstance(result, StoreClosed) for result in results), results
    assert still_open(made) == []
