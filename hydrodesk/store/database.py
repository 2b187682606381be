"""The SQLite file of one profile: creating it privately, its pragmas, and transactions of two strengths.

One file holds the cache and the outbox, so a change that touches both (a record the server confirmed leaves the
outbox and enters the cache) commits atomically; SQLite in WAL mode is not atomic across ATTACHed files, which
ruled out an outbox file of its own. `synchronous` is a per-connection setting that may change between
transactions, so each transaction picks its strength:

- durable (synchronous=FULL): the WAL is fsynced at commit. Used for everything the user saw as saved and for
  outbox bookkeeping. Measured on the development machine: about 0.27 ms per commit.
- fast (synchronous=NORMAL): fsync only at checkpoints; after a power cut the last commits may be missing but the
  file is intact. Used for cache refreshes, which can always be fetched again. About 0.03 ms per commit.

No commit checkpoints (`wal_autocheckpoint=0`): SQLite's automatic checkpoint would copy the WAL into the file, and
fsync it, inside whichever commit crossed 1,000 pages, the tail of a user's wait. The store's background thread
(checkpointer.py) does it instead, passively, off the commit path. That changes nothing for durability: a durable
commit is on disk once its WAL frames are fsynced (FULL), and the WAL is replayed at the next open after a crash.

Everything here is synchronous and must run on the store's single database thread (see executor.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from hydrodesk.store.driver import sqlite_of

T = TypeVar("T")

FILE_MODE = 0o600  # the cache holds the company's production data and the user's pending work
DIR_MODE = 0o700
BUSY_TIMEOUT_MS = 5000


def create_private_file(path: Path) -> None:
    """Make sure `path` exists and only its owner can read or write it (also when it existed already)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    tighten(path)


def tighten(path: Path) -> None:
    """chmod 0600 when the file is more open than that (a file copied in, or made under a loose umask)."""
    if os.name == "nt" or not path.exists():
        return  # Windows: the per-user AppData folder's ACL is what protects it
    if stat.S_IMODE(path.stat().st_mode) & ~FILE_MODE:
        path.chmod(FILE_MODE)


def make_engine(path: Path) -> Engine:
    """An engine with one connection to `path` (the store uses it from one thread only)."""
    engine = create_engine(
        f"sqlite:///{path}",
        # One connection, reused: every statement runs on the database thread, one at a time.
        poolclass=StaticPool,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The sqlite3 module would BEGIN on its own only before DML and commit before nothing else, so DDL in a
        # migration would not be atomic. Handing transactions to SQLAlchemy (the recipe in its SQLite notes)
        # makes every `begin()` a real BEGIN, covering CREATE TABLE too.
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            "temp_store=MEMORY",  # scratch tables of batch updates never touch the disk
            "wal_autocheckpoint=0",  # checkpoints run off the commit path (see the module's docstring)
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """Transactions on the profile's file. Not thread-safe by design: only the database thread calls it.

    One SQLAlchemy connection is kept open for the life of the store (the pool holds just the one anyway):
    checking it out afresh for every transaction cost a sixth of a durable enqueue.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        create_private_file(path)
        self.engine = make_engine(path)
        self._connection: Connection | None = None
        self._synchronous: str | None = None
        for suffix in ("-wal", "-shm"):
            # SQLite gives these its database file's mode, but one left by an older version may be looser.
            tighten(path.with_name(path.name + suffix))

    @property
    def connection(self) -> Connection:
        if self._connection is None or self._connection.closed:
            self._connection = self.engine.connect()
        return self._connection

    def write(self, work: Callable[[Connection], T], *, durable: bool = True) -> T:
        """Run `work` in one transaction and commit it (fsynced first when `durable`)."""
        connection = self.connection
        self._set_synchronous(connection, "FULL" if durable else "NORMAL")
        with connection.begin():
            return work(connection)

    def read(self, work: Callable[[Connection], T]) -> T:
        connection = self.connection
        with connection.begin():
            return work(connection)

    def _set_synchronous(self, connection: Connection, level: str) -> None:
        # Set between transactions, on the driver connection (so no BEGIN wraps it); it sticks to the (single)
        # connection, so it is set only when it differs from the last transaction's.
        if self._synchronous != level:
            sqlite_of(connection).execute(f"PRAGMA synchronous={level}")
            self._synchronous = level

    def checkpoint(self) -> None:
        """Fold the WAL back into the main file (at close, so a copied cache file is complete on its own)."""
        sqlite_of(self.connection).execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def vacuum(self) -> None:
        """Give the space of deleted rows back to the disk (after clearing the cache); outside any transaction."""
        sqlite_of(self.connection).execute("VACUUM")
        self.checkpoint()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self.engine.dispose()
