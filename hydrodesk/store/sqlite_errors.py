"""Telling SQLite's errors apart: a damaged file, a full disk, and everything else.

SQLAlchemy wraps the driver's exceptions, so both the wrapper and the sqlite3 error under it are looked at.
"""

from __future__ import annotations

import errno
import sqlite3

from hydrodesk.store.outbox import OutboxError

# Primary result codes (an extended code keeps its primary one in its low byte).
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26
_DAMAGE_CODES = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})
# SQLITE_IOERR: what a write the disk could not take reports when it is not SQLITE_FULL (a failed fsync or a
# short write on a full disk); it too means nothing of that write was saved.
_NO_ROOM_CODES = frozenset({_SQLITE_FULL, _SQLITE_IOERR})


class DiskFull(OutboxError):
    """The disk (or the database file's limit) has no room: the new entry was not saved, earlier ones stand."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the disk is full: this entry was not saved ({detail})")
        self.detail = detail


def _sqlite_code(error: BaseException) -> int | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, sqlite3.Error):
            code = getattr(seen, "sqlite_errorcode", None)
            return None if code is None else code & 0xFF
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def is_damage(error: BaseException) -> bool:
    """Did SQLite find the file malformed or not a database at all?"""
    return _sqlite_code(error) in _DAMAGE_CODES


def is_disk_full(error: BaseException) -> bool:
    """Did a write fail for want of room (SQLITE_FULL, an I/O error, or ENOSPC from the OS)?"""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return _sqlite_code(error) in _NO_ROOM_CODES
