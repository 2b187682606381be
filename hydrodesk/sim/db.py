"""The simulator's persistence: one SQLite file in the data folder, so a restart loses nothing.

Each area of the simulator (farm, production, irrigation, ...) declares its own tables with `register_schema`;
`Database.open` creates whatever is missing. All access happens on the simulator's event-loop thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DATABASE_FILE = "hydrobit-sim.sqlite3"
_SCHEMAS: list[str] = []


def register_schema(ddl: str) -> None:
    """Declare tables (idempotent DDL: CREATE TABLE/INDEX IF NOT EXISTS) created when a database opens."""
    if ddl not in _SCHEMAS:
        _SCHEMAS.append(ddl)


class Database:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        _load_schema_modules()
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / DATABASE_FILE
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            for ddl in _SCHEMAS:
                connection.executescript(ddl)
        except BaseException:
            connection.close()  # a file that cannot be set up (locked, not SQLite) must not leave it open
            raise
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes: a request that fails half way leaves no trace."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        return self.connection.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def is_empty(self) -> bool:
        return self.scalar("SELECT COUNT(*) FROM companies") == 0


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _load_schema_modules() -> None:
    # Importing an area's module registers its tables.
    from hydrodesk.sim import areas  # noqa: F401
