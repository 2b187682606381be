"""A damaged cache file: found when the store opens, set aside (never deleted), the office's own work saved from it.

A cache file can be damaged by a disk that fails, a copy cut short, or a sync tool writing over it. The cache part
is no loss (the server sends it again on the next sync); the outbox is the user's work the server may not have.
So at open:

1. `find_damage` looks for damage cheaply enough for every start: a journal (-wal) whose header is not SQLite's,
   a file SQLite calls malformed or not a database (a file cut short fails here), and PRAGMA quick_check of the
   tables that hold local work. A full quick_check reads the whole file (about 0.7 s for a 120 MB cache), so it
   runs only after SQLite met damage while the app was running (say in a page of cached records), which the
   store notes beside the file (`note_damage`).
2. `set_aside` renames the file and its journal to `<name>.damaged-<UTC time>`, for support to look at.
3. `salvage` reads the kept tables (cache_clear.KEPT_TABLES) from it row by row, skipping rows it cannot read,
   and counts the outbox entries it knows existed but could not read.
4. The store creates a fresh file at the old place and `restore` puts the salvaged rows back with their own ids
   (entry ids and idempotency keys), so an entry the server had already received is not doubled when sent again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import struct
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES
from hydrodesk.store.cache_clear import KEPT_TABLES
from hydrodesk.store.sqlite_errors import is_damage

log = logging.getLogger(__name__)

_WAL_MAGIC = (0x377F0682, 0x377F0683)  # little- and big-endian checksums (https://sqlite.org/fileformat.html)
_WAL_HEADER = 32
JOURNAL_DAMAGE = "the journal (-wal) file is not SQLite's"
_STILL_TO_SEND = frozenset(state.value for state in ACTIVE_STATES | ATTENTION_STATES)


@dataclass(frozen=True)
class DamageReport:
    """What the user is told after a damaged cache was replaced."""

    reason: str  # what was wrong, in SQLite's words (for the log and support)
    set_aside: Path  # the damaged file, renamed next to where it was
    kept_pending: int  # outbox entries still to send (or waiting for the user) that are in the new file
    kept_sent: int  # entries the server already had, kept as history
    unreadable: int  # outbox entries known to have existed that could not be read
    journal_lost: bool  # the journal itself was unreadable: changes saved just before it broke may be missing


@dataclass
class Salvage:
    columns: dict[str, list[str]] = field(default_factory=dict)  # table -> its columns in the damaged file
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    unreadable_entries: int = 0


# ------------------------------------------------------------------------------------------------ finding it
def find_damage(path: Path) -> str | None:
    """Why `path` cannot be trusted, or None when it looks sound (or does not exist yet).

    The whole file is checked only when damage was met while running (`note_damage`); otherwise the tables of
    local work are, which costs little however big the cache grows."""
    marker = _marker_of(path)
    whole = marker.exists()
    if not path.exists() or path.stat().st_size == 0:
        return None
    journal = _journal_damage(path)
    if journal is not None:
        return journal
    try:
        with contextlib.closing(_read_only(path)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()  # reads the header: "not a database", cut short
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for check in ["quick_check"] if whole else [f"quick_check({t})" for t in KEPT_TABLES if t in tables]:
                found = [row[0] for row in conn.execute(f"PRAGMA {check}")]
                if found != ["ok"]:
                    return "; ".join(str(line) for line in found[:3])
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return str(error)
        raise
    marker.unlink(missing_ok=True)  # SQLite finds the whole file sound: what was met is gone (or was not damage)
    return None


def note_damage(path: Path) -> None:
    """Remember that SQLite called `path` damaged while it was in use, so the next open checks all of it."""
    with contextlib.suppress(OSError):  # a disk that fails may refuse this too; the error itself is raised anyway
        _marker_of(path).touch()


def _marker_of(path: Path) -> Path:
    return path.with_name(path.name + ".damage-seen")


def _journal_damage(path: Path) -> str | None:
    """A journal that is there but does not start with SQLite's header: SQLite would ignore it without a word
    (and the commits in it would be gone), so say so."""
    wal = _journal_of(path)
    if not wal.exists() or wal.stat().st_size == 0:
        return None
    with wal.open("rb") as handle:
        header = handle.read(_WAL_HEADER)
    if len(header) < _WAL_HEADER:
        return None  # a header cut short: the crash came before the first commit in it, so nothing is lost
    magic = struct.unpack(">I", header[:4])[0]
    if magic not in _WAL_MAGIC or not _wal_checksum_matches(header, big_endian=bool(magic & 1)):
        return JOURNAL_DAMAGE
    return None


def _wal_checksum_matches(header: bytes, *, big_endian: bool) -> bool:
    words = struct.unpack((">" if big_endian else "<") + "6I", header[:24])
    s0 = s1 = 0
    for i in range(0, 6, 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return (s0, s1) == struct.unpack(">2I", header[24:32])


def _journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _read_only(path: Path) -> sqlite3.Connection:
    # Read-only, so nothing here changes the file before it is set aside (a read-write close would checkpoint).
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# ------------------------------------------------------------------------------------------------ setting it aside
def set_aside(path: Path, now: datetime) -> Path:
    """Rename the file and its journal to `<name>.damaged-<time>` (same folder, so nothing is copied)."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(target.with_name(target.name + suffix))
    _marker_of(path).unlink(missing_ok=True)  # the new file starts with a clean slate
    return target


# ------------------------------------------------------------------------------------------------ salvaging
def salvage(path: Path) -> Salvage:
    """Every row of the kept tables that can be read from the damaged file at `path`."""
    found = Salvage()
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return found
    with contextlib.closing(conn):
        # SQLite refuses a file shorter than its header says; with writable_schema it reads what is there, as
        # its own .recover does. (Nothing is written: the connection is read-only.)
        with contextlib.suppress(sqlite3.DatabaseError):
            conn.execute("PRAGMA writable_schema = ON")
        for table in KEPT_TABLES:
            columns = _columns(conn, table)
            if not columns:
                continue
            rows, unreadable = _readable_rows(conn, table, columns)
            found.columns[table] = columns
            found.rows[table] = rows
            if table == "outbox":
                found.unreadable_entries = unreadable
    return found


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _readable_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> tuple[list[tuple[Any, ...]], int]:
    """The rows that can be read one by one, and how many known rows could not be."""
    rowids, complete = _rowids(conn, table)
    highest = _highest_rowid(conn, table)
    if highest is not None and (not complete or highest > max(rowids, default=0)):
        # The scan stopped at damage (or missed the end): try every rowid up to the highest one known. Outbox
        # rows are never deleted, so each one missing below the highest sequence number was there and is lost.
        rowids = list(range(1, highest + 1))
    query = f"SELECT {', '.join(columns)} FROM {table} WHERE rowid = ?"
    rows: list[tuple[Any, ...]] = []
    unreadable = 0
    for rowid in rowids:
        try:
            row = conn.execute(query, (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            unreadable += 1
        else:
            rows.append(row)
    return rows, unreadable


def _rowids(conn: sqlite3.Connection, table: str) -> tuple[list[int], bool]:
    """The rowids a scan finds, and whether it got to the end without meeting damage."""
    found: list[int] = []
    try:
        for (rowid,) in conn.execute(f"SELECT rowid FROM {table}"):
            found.append(rowid)
    except sqlite3.DatabaseError:
        return found, False
    return found, True


def _highest_rowid(conn: sqlite3.Connection, table: str) -> int | None:
    """The highest rowid the table ever had: AUTOINCREMENT's record of it (the outbox), else the last row."""
    for query, args in (
        ("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)),
        (f"SELECT max(rowid) FROM {table}", ()),
    ):
        with contextlib.suppress(sqlite3.DatabaseError):
            row = conn.execute(query, args).fetchone()
            if row is not None and row[0] is not None:
                return int(row[0])
    return None


# ------------------------------------------------------------------------------------------------ restoring
def restore(conn: Connection, found: Salvage) -> tuple[int, int, int]:
    """Put salvaged rows into the fresh file (in the caller's transaction).

    Returns (outbox entries still to send, entries already sent, entries that would not go back in)."""
    driver: Any = conn.connection.driver_connection
    pending = sent = refused = 0
    for table, rows in found.rows.items():
        fresh = {row[1] for row in driver.execute(f"PRAGMA table_info({table})")}
        shared = [index for index, name in enumerate(found.columns[table]) if name in fresh]
        names = [found.columns[table][index] for index in shared]
        insert = f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        state_at = names.index("state") if table == "outbox" and "state" in names else None
        for row in rows:
            values = [row[index] for index in shared]
            try:
                added = driver.execute(insert, values).rowcount
            except sqlite3.IntegrityError:  # a row the damage left without a required value
                added = 0
            if table != "outbox":
                continue
            if not added:
                refused += 1
            elif state_at is not None and values[state_at] in _STILL_TO_SEND:
                pending += 1
            else:
                sent += 1
    _stop_orphans(driver)
    return pending, sent, refused


ORPHAN_REASON = (
    "It waited for another change that could not be read from the damaged cache file. Send it again if that "
    "change is on the server already; otherwise discard it and make both again."
)


def _stop_orphans(driver: Any) -> None:
    """An entry waiting for one that was lost would wait forever without a word: stop it for the user to decide,
    without the lost dependency (so "send again" sends it), as the outbox stops one whose dependency failed."""
    known = {entry_id for (entry_id,) in driver.execute("SELECT entry_id FROM outbox")}
    waiting = driver.execute(
        "SELECT entry_id, depends_on FROM outbox WHERE state IN ('queued', 'sending') AND depends_on != '[]'"
    ).fetchall()
    for entry_id, depends_json in waiting:
        depends = json.loads(depends_json or "[]")
        lost = [dep for dep in depends if dep not in known]
        if lost:
            driver.execute(
                "UPDATE outbox SET state = 'conflict', depends_on = ?, blocked_by = ?, reason = ? WHERE entry_id = ?",
                (json.dumps([dep for dep in depends if dep in known]), lost[0], ORPHAN_REASON, entry_id),
            )
