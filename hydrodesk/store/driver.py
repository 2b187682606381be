"""The sqlite3 connection under a SQLAlchemy one, for what SQLAlchemy's statement machinery would only slow down
or wrap in a transaction: PRAGMAs, VACUUM, and bulk upserts of cache rows."""

from __future__ import annotations

import sqlite3
from typing import cast

from sqlalchemy import Connection


def sqlite_of(connection: Connection) -> sqlite3.Connection:
    """The pysqlite connection under `connection` (in the same transaction). SQLAlchemy types it as optional
    because a closed pool connection has none; every caller here holds an open one."""
    return cast(sqlite3.Connection, connection.connection.driver_connection)
